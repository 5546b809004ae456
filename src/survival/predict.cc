#include "predict.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

#include "mle.h"

namespace carta::survival::internal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ZValue(double level) { return boost::math::quantile(boost::math::normal(), 1 - (1 - level) / 2); }

// Var g(θ̂) ≈ ∇g' V ∇g (the delta method), with a numerical gradient.
double DeltaVariance(const LogLikelihood& g, const std::vector<double>& theta, const std::vector<double>& cov) {
  if (cov.empty()) return kNaN;
  const std::vector<double> grad = NumericGradient(g, theta, DerivativeSteps(theta, cov));
  const size_t p = theta.size();
  double v = 0;
  for (size_t i = 0; i < p; ++i) {
    for (size_t j = 0; j < p; ++j) v += grad[i] * cov[i * p + j] * grad[j];
  }
  return v;
}

// The time at which S falls to `level`, solved on log t with TOMS 748; NaN
// when S stays above it up to 2^40 times the longest follow-up.
double TimeAtSurvival(const Model& model, const std::vector<double>& theta, double level, double max_time) {
  auto gap = [&](double log_t) { return ModelSurvival(model, theta, std::exp(log_t)) - level; };
  const double step = std::log(2.0);
  double hi = std::log(max_time), lo = hi - step;
  for (int k = 0; gap(hi) > 0; ++k, hi += step) {
    if (k > 40) return kNaN;
  }
  for (int k = 0; gap(lo) < 0; ++k, lo -= step) {
    if (k > 200) return kNaN;
  }
  if (std::isnan(gap(lo)) || std::isnan(gap(hi))) return kNaN;
  std::uintmax_t iterations = 200;
  try {
    auto r = boost::math::tools::toms748_solve(gap, lo, hi, boost::math::tools::eps_tolerance<double>(50), iterations);
    return std::exp((r.first + r.second) / 2);
  } catch (const std::exception&) {
    return kNaN;
  }
}

void CureFraction(const Model& model, const std::vector<double>& theta, double z, ParametricFit* fit) {
  fit->cure_fraction = model.CureFraction(theta);
  fit->cure_fraction_lb = fit->cure_fraction_ub = kNaN;
  if (model.cure == Cure::kNone) return;
  // Interval on the logit scale (exact Wald for the logistic link).
  auto logit = [&](const std::vector<double>& x) {
    const double pi = model.CureFraction(x);
    return std::log(pi / (1 - pi));
  };
  const double se = std::sqrt(DeltaVariance(logit, theta, fit->covariance)), centre = logit(theta);
  fit->cure_fraction_lb = 1 / (1 + std::exp(-(centre - z * se)));
  fit->cure_fraction_ub = 1 / (1 + std::exp(-(centre + z * se)));
}

void Median(const Model& model, const std::vector<double>& theta, double max_time, double z, ParametricFit* fit) {
  fit->median = TimeAtSurvival(model, theta, 0.5, max_time);
  fit->median_lb = fit->median_ub = kNaN;
  if (std::isnan(fit->median)) return;
  auto log_median = [&](const std::vector<double>& x) { return std::log(TimeAtSurvival(model, x, 0.5, max_time)); };
  const double se = std::sqrt(DeltaVariance(log_median, theta, fit->covariance));
  fit->median_lb = fit->median * std::exp(-z * se);
  fit->median_ub = fit->median * std::exp(z * se);
}

}  // namespace

double ModelSurvival(const Model& model, const std::vector<double>& theta, double t) {
  if (t <= 0) return 1;
  double log_s = 0, log_f = 0;
  model.LogSurvDens(theta, t, &log_s, &log_f);
  return std::exp(log_s);
}

void Summarize(const Model& model, const std::vector<double>& theta, double max_time, ParametricFit* fit) {
  const double p = model.Size(), z = ZValue(fit->options.level);
  fit->n_parameters = model.Size();
  fit->aic = -2 * fit->loglik + 2 * p;
  fit->bic = -2 * fit->loglik + p * std::log(static_cast<double>(fit->n));
  CureFraction(model, theta, z, fit);
  Median(model, theta, max_time, z, fit);
  fit->predictions.clear();
  for (double t : fit->options.predict_times) {
    Prediction pr{t, ModelSurvival(model, theta, t), kNaN, kNaN};
    // Interval on the log(−log S) scale, which keeps it inside (0, 1).
    auto cloglog = [&](const std::vector<double>& x) { return std::log(-std::log(ModelSurvival(model, x, t))); };
    const double centre = cloglog(theta), se = std::sqrt(DeltaVariance(cloglog, theta, fit->covariance));
    if (std::isfinite(centre) && std::isfinite(se)) {
      pr.lower = std::exp(-std::exp(centre + z * se));
      pr.upper = std::exp(-std::exp(centre - z * se));
    }
    fit->predictions.push_back(pr);
  }
}

}  // namespace carta::survival::internal
