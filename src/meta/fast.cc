#include "carta/meta/fast.h"

#include "tau2.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>

namespace carta::meta {

namespace {

// Weighted sums at τ²: S1 = Σw, S2 = Σw², μ and Q = Σw(y-μ)² (Score() has the higher moments).
struct Sums {
  double s1 = 0, s2 = 0, mu = 0, q = 0;
};

Sums SumsAt(const double* y, const double* v, int k, double tau2) {
  Sums s;
  double swy = 0;
  for (int i = 0; i < k; ++i) {
    const double w = 1 / (v[i] + tau2);
    s.s1 += w;
    s.s2 += w * w;
    swy += w * y[i];
  }
  s.mu = swy / s.s1;
  for (int i = 0; i < k; ++i) {
    const double w = 1 / (v[i] + tau2);
    const double e = y[i] - s.mu;
    s.q += w * e * e;
  }
  return s;
}

double LogLik(const double* y, const double* v, int k, double tau2, bool reml) {
  Sums s = SumsAt(y, v, k, tau2);
  // Σ log(v + τ²) as the log of products of up to 16 terms: fewer logs, no under- or overflow.
  double logv = 0;
  for (int i = 0; i < k; i += 16) {
    double prod = 1;
    for (int j = i; j < std::min(k, i + 16); ++j) prod *= v[j] + tau2;
    logv += std::log(prod);
  }
  double ll = -0.5 * (reml ? k - 1 : k) * std::log(2 * M_PI) - 0.5 * logv - 0.5 * s.q;
  if (reml) ll -= 0.5 * std::log(s.s1);
  return ll;
}

// The most iterations of the root search for Q(τ²) = target in a refit.
constexpr boost::uintmax_t kSolveQIterations = 1000;

// Root of Q(τ²) = target on [0, ∞), Q decreasing, from the bracket [0, 100]
// widened tenfold up to 40 times (as Fit() does).
Result<double> SolveQ(const double* y, const double* v, int k, double target, double tol) {
  auto f = [&](double t) { return SumsAt(y, v, k, t).q - target; };
  double lo = 0, hi = 100, flo = f(lo), fhi = f(hi);
  if (flo < 0) return 0.0;
  for (int i = 0; i < 40 && fhi > 0; ++i) {
    lo = hi;
    flo = fhi;
    hi *= 10;
    fhi = f(hi);
  }
  if (fhi > 0) return Status::NotConverged("could not bracket the root of Q(tau2)");
  boost::uintmax_t iters = kSolveQIterations;
  auto r = boost::math::tools::toms748_solve(
      f, lo, hi, flo, fhi, [&](double a, double b) { return std::fabs(b - a) <= tol * std::max(1.0, std::fabs(a)); },
      iters);
  return 0.5 * (r.first + r.second);
}

// The (restricted) likelihood score U(τ²) and its derivative, for the
// intercept-only model: with e = y - μ and w = 1/(v + τ²),
//   REML: U = ½(Σw²e² - tr P),  U' = ½ tr(PP) - (Σw³e² - (Σw²e)²/Σw)
//   ML:   U = ½(Σw²e² - Σw),    U' = ½ Σw²   - (Σw³e² - (Σw²e)²/Σw)
// with tr P = S1 - S2/S1 and tr(PP) = S2 - 2 S3/S1 + S2²/S1².
double Score(const double* y, const double* v, int k, double tau2, bool reml, double* slope) {
  // One pass of weighted moments of y - y[0] (centred to keep the expansions
  // below free of cancellation), then Σw²e², Σw³e², Σw²e with e = y - μ by
  // expanding the squares.
  const double c0 = y[0];
  double s1 = 0, s2 = 0, s3 = 0, m1 = 0, m2 = 0, m3 = 0, q2 = 0, q3 = 0;
  for (int i = 0; i < k; ++i) {
    const double w = 1 / (v[i] + tau2);
    const double w2 = w * w, w3 = w2 * w;
    const double z = y[i] - c0;
    s1 += w;
    s2 += w2;
    s3 += w3;
    m1 += w * z;
    m2 += w2 * z;
    m3 += w3 * z;
    q2 += w2 * z * z;
    q3 += w3 * z * z;
  }
  const double mu = m1 / s1;  // of z
  const double r2 = q2 - 2 * mu * m2 + mu * mu * s2;  // Σw²e²
  const double r3 = q3 - 2 * mu * m3 + mu * mu * s3;  // Σw³e²
  const double c = m2 - mu * s2;                      // Σw²e
  const double pppy = r3 - c * c / s1;
  if (reml) {
    *slope = 0.5 * (s2 - 2 * s3 / s1 + s2 * s2 / (s1 * s1)) - pppy;
    return 0.5 * (r2 - (s1 - s2 / s1));
  }
  *slope = 0.5 * s2 - pppy;
  return 0.5 * (r2 - s1);
}

// FastFit()'s model for the τ² estimators (tau2.h): weight sums of an
// intercept-only model.
class SumsModel {
 public:
  SumsModel(const double* y, const double* v, int k, const FitOptions& o) : y_(y), v_(v), k_(k), o_(o) {}
  int k() const { return k_; }
  int p() const { return 1; }
  tau2::QSums At(double t) const {
    const Sums s = SumsAt(y_, v_, k_, t);
    return {s.q, s.s1 - s.s2 / s.s1, s.s1};
  }
  double Hedges() const {
    const double kp = k_ - 1;
    double ybar = 0, ss = 0, sv = 0;
    for (int i = 0; i < k_; ++i) ybar += y_[i] / k_;
    for (int i = 0; i < k_; ++i) {
      ss += (y_[i] - ybar) * (y_[i] - ybar);
      sv += v_[i];
    }
    return (ss - sv * kp / k_) / kp;
  }
  double CentredSS() const {
    double ybar = 0, ss = 0;
    for (int i = 0; i < k_; ++i) ybar += y_[i] / k_;
    for (int i = 0; i < k_; ++i) ss += (y_[i] - ybar) * (y_[i] - ybar);
    return ss;
  }
  Result<double> SolveQ(double target) const { return meta::SolveQ(y_, v_, k_, target, o_.tolerance); }
  double Score(double t, bool reml, double* slope) const { return meta::Score(y_, v_, k_, t, reml, slope); }
  double LogLik(double t, bool reml) const { return meta::LogLik(y_, v_, k_, t, reml); }
  // The likelihoods (the logarithms) are needed only when τ² = 0 is itself a
  // local maximum (score <= 0 there; one cheap pass). A likelihood that rises
  // from 0 to a lower second maximum is the one case where this keeps the
  // maximum and metafor would report 0; Fit() makes metafor's check in full.
  bool ZeroMayBeBetter(bool reml) const {
    double slope0 = 0;
    return Score(0, reml, &slope0) <= 0;
  }

 private:
  const double* y_;
  const double* v_;
  int k_;
  const FitOptions& o_;
};

}  // namespace

FastResult FastFit(const double* y, const double* v, int k, const FitOptions& o) {
  FastResult r;
  if (k == 1) {
    r.estimate = y[0];
    r.se = std::sqrt(v[0]);
    r.zval = r.estimate / r.se;
    return r;
  }
  auto estimate = tau2::EstimateTau2(SumsModel(y, v, k, o), o);
  r.ok = estimate.ok();
  r.tau2 = estimate.ok() ? std::max(0.0, estimate->tau2) : 0;
  Sums s = SumsAt(y, v, k, r.tau2);
  r.estimate = s.mu;
  double var = 1 / s.s1;
  if (o.knha) var *= s.q <= 2.220446049250313e-16 ? 0 : s.q / (k - 1);
  r.se = std::sqrt(var);
  r.zval = r.estimate / r.se;
  Sums s0 = r.tau2 == 0 ? s : SumsAt(y, v, k, 0);
  r.Q = std::max(0.0, s0.q);
  const double vt = (k - 1) / (s0.s1 - s0.s2 / s0.s1);
  if (o.method == Method::kEE) {
    r.I2 = r.Q > 0 ? std::max(0.0, 100 * (r.Q - (k - 1)) / r.Q) : 0;
    r.H2 = r.Q / (k - 1);
  } else {
    r.I2 = 100 * r.tau2 / (vt + r.tau2);
    r.H2 = r.tau2 / vt + 1;
  }
  return r;
}

}  // namespace carta::meta
