// Private: the τ² estimators of metafor's rma.uni (version 3.8), each written
// once, for both fits: Fit() (rma.cc, matrices, any design) and FastFit()
// (fast.cc, weight sums, intercept only). Formulas and sources in
// doc/formulas.md.
//
// A model type M provides, for its k studies and p coefficients:
//   int k() const, int p() const;
//   QSums At(double tau2) const;       // generalised Q = y'P(τ²)y, tr P(τ²) and Σw, w = 1/(v + τ²)
//   double Hedges() const;             // Hedges' estimate (before truncation at 0)
//   double CentredSS() const;          // Σ(y - ȳ)², ȳ unweighted (Sidik-Jonkman's start)
//   Result<double> SolveQ(double target) const;  // the root of Q(τ²) = target on [0, ∞), Q(0) >= target
//   double Score(double tau2, bool reml, double* slope) const;  // (restricted) likelihood score and its slope
//   double LogLik(double tau2, bool reml) const;
//   bool ZeroMayBeBetter(bool reml) const;  // whether metafor's check of τ² = 0 needs the likelihoods
#ifndef CARTA_SRC_META_TAU2_H_
#define CARTA_SRC_META_TAU2_H_

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <string>

#include "carta/core/status.h"
#include "carta/meta/rma.h"
#include "newton.h"

namespace carta::meta::tau2 {

// What a model's At(τ²) returns.
struct QSums {
  double q = 0;        // y'P y
  double trace_p = 0;  // tr P
  double sum_w = 0;    // Σ 1/(v + τ²)
};

// metafor's check for a local maximum of the likelihood: τ² = 0 wins when its
// log-likelihood is higher by more than this (rma.uni's code, 1e-12).
constexpr double kLogLikGain = 1e-12;

struct Estimate {
  double tau2 = 0;     // as the estimator gives it: may be negative (callers truncate at 0)
  int iterations = 0;  // of the iterative estimators (EB; score evaluations for ML and REML)
};

// DerSimonian & Laird 1986: (Q - (k - p)) / tr P at τ² = 0.
template <typename M>
double DerSimonianLaird(const M& m) {
  const QSums s = m.At(0);
  return (s.q - (m.k() - m.p())) / s.trace_p;
}

// Hunter & Schmidt 2004: (Q - k) / Σw; with `small_sample`, Q scaled by k / (k - p) (HSk).
template <typename M>
double HunterSchmidt(const M& m, bool small_sample) {
  const int k = m.k();
  const double kp = k - m.p();
  const QSums s = m.At(0);
  return small_sample ? (k / kp * s.q - k) / s.sum_w : (s.q - k) / s.sum_w;
}

// Sidik & Jonkman 2005: from τ²₀ = Σ(y - ȳ)²/k, τ²₀ Q(τ²₀) / (k - p).
template <typename M>
double SidikJonkman(const M& m) {
  const double t0 = m.CentredSS() / m.k();
  return t0 * m.At(t0).q / (m.k() - m.p());
}

// Paule & Mandel 1982 (target k - p) and the median-unbiased PMM (target the
// median of χ²(k - p); Viechtbauer 2021): the root of Q(τ²) = target, 0 when
// Q(0) is already below it.
template <typename M>
Result<double> PauleMandel(const M& m, bool median_unbiased) {
  const double kp = m.k() - m.p();
  const double target = median_unbiased ? boost::math::quantile(boost::math::chi_squared(kp), 0.5) : kp;
  if (m.At(0).q < target) return 0.0;
  return m.SolveQ(target);
}

// Empirical Bayes (Morris 1983; Berkey et al. 1995): from Hedges' estimate,
// τ² += (Q k/(k - p) - k) / Σw, halved while it would go below 0, until the
// step is within the tolerance.
template <typename M>
Result<Estimate> EmpiricalBayes(const M& m, const FitOptions& o) {
  const int k = m.k();
  const double kp = k - m.p();
  Estimate e;
  e.tau2 = std::max(0.0, m.Hedges());
  double change = 1;
  while (change > o.tolerance * std::max(1.0, e.tau2)) {
    if (++e.iterations > o.max_iterations) {
      return Status::NotConverged("EB: the iteration did not converge in " + std::to_string(o.max_iterations) +
                                  " steps");
    }
    const QSums s = m.At(e.tau2);
    double adj = (s.q * k / kp - k) / s.sum_w;
    if (std::isnan(adj)) adj = 0;
    while (e.tau2 + adj < 0) adj /= 2;
    e.tau2 += adj;
    change = std::fabs(adj);
  }
  return e;
}

// ML and REML: Newton's method on the score from Hedges' estimate,
// safeguarded by bisection (newton.h). It reaches the maximiser that
// metafor's Fisher scoring reaches when that converges, and also where Fisher
// scoring falls into a 2-cycle. Then metafor's check: τ² = 0 when its
// likelihood is higher. When that leaves τ² = 0, the likelihood can still
// rise again further out (a local minimum near 0; proportions with 0/n or n/n
// studies): a scan beyond 0 finds such a maximum, kept when its likelihood is
// higher than at 0.
template <typename M>
Result<Estimate> MaximumLikelihood(const M& m, const FitOptions& o, bool reml) {
  Estimate e;
  auto score = [&](double t, double* slope) { return m.Score(t, reml, slope); };
  e.tau2 = SolveScore(score, std::max(0.0, m.Hedges()), o.tolerance, o.max_iterations, &e.iterations);
  if (std::isnan(e.tau2)) {
    return Status::NotConverged(std::string(MethodName(o.method)) + ": the likelihood has no maximum in reach (" +
                                std::to_string(e.iterations) + " evaluations)");
  }
  if (e.tau2 > 0 && m.ZeroMayBeBetter(reml) && m.LogLik(0, reml) - m.LogLik(e.tau2, reml) > kLogLikGain) e.tau2 = 0;
  if (e.tau2 == 0) {
    const double scale = std::max({m.CentredSS() / m.k(), std::fabs(m.Hedges()), 1e-8});
    const double beyond = SearchBeyondZero(score, scale, o.tolerance, o.max_iterations, &e.iterations);
    if (beyond > 0 && m.LogLik(beyond, reml) - m.LogLik(0, reml) > kLogLikGain) e.tau2 = beyond;
  }
  return e;
}

// τ² by `o.method` (0 for EE and GLMM, which do not estimate it here).
template <typename M>
Result<Estimate> EstimateTau2(const M& m, const FitOptions& o) {
  switch (o.method) {
    case Method::kEE:
    case Method::kGLMM: return Estimate{};
    case Method::kDL: return Estimate{DerSimonianLaird(m), 0};
    case Method::kHS: return Estimate{HunterSchmidt(m, false), 0};
    case Method::kHSk: return Estimate{HunterSchmidt(m, true), 0};
    case Method::kHE: return Estimate{m.Hedges(), 0};
    case Method::kSJ: return Estimate{SidikJonkman(m), 0};
    case Method::kPM:
    case Method::kPMM: {
      auto t = PauleMandel(m, o.method == Method::kPMM);
      if (!t.ok()) return t.status();
      return Estimate{*t, 0};
    }
    case Method::kEB: return EmpiricalBayes(m, o);
    case Method::kML:
    case Method::kREML: return MaximumLikelihood(m, o, o.method == Method::kREML);
  }
  return Estimate{};
}

}  // namespace carta::meta::tau2

#endif  // CARTA_SRC_META_TAU2_H_
