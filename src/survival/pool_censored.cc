#include "pool_censored.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "mle.h"

namespace carta::survival::internal {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLog2Pi = 1.8378770664093454836;

struct Observation {
  bool reported = false;
  double y = 0, lower = -kInf, upper = kInf;  // a value, or an interval on the pooling scale
  double v = 0;
};

// The survival interval [lo, hi] as an interval of y (log(−log S) decreases in S).
void YInterval(PoolScale scale, double lo, double hi, Observation* o) {
  auto y = [&](double s) {
    if (s <= 0) return scale == PoolScale::kLogit ? -kInf : kInf;
    if (s >= 1) return scale == PoolScale::kLogit ? kInf : -kInf;
    return scale == PoolScale::kLogit ? std::log(s / (1 - s)) : std::log(-std::log(s));
  };
  o->lower = scale == PoolScale::kLogit ? y(lo) : y(hi);
  o->upper = scale == PoolScale::kLogit ? y(hi) : y(lo);
}

// log P(a < Y < b) for Y ~ N(0, 1), from the tail that keeps precision.
double LogNormalInterval(double a, double b) {
  const boost::math::normal n;
  const double p = a > 0 ? boost::math::cdf(boost::math::complement(n, a)) - boost::math::cdf(boost::math::complement(n, b))
                         : boost::math::cdf(n, b) - boost::math::cdf(n, a);
  return std::log(p);
}

double CensoredLogLik(const std::vector<Observation>& obs, double mu, double tau) {
  double total = 0;
  for (const auto& o : obs) {
    const double var = tau * tau + o.v, sd = std::sqrt(var);
    if (o.reported) {
      total += -0.5 * (kLog2Pi + std::log(var) + (o.y - mu) * (o.y - mu) / var);
    } else {
      total += LogNormalInterval((o.lower - mu) / sd, (o.upper - mu) / sd);
    }
  }
  return total;
}

}  // namespace

Result<CensoredPool> FitCensored(const std::vector<LandmarkStudy>& studies, PoolScale scale, double level) {
  std::vector<Observation> obs;
  CensoredPool out;
  double sum_y = 0;
  for (const auto& s : studies) {
    Observation o;
    o.reported = s.reported;
    o.v = s.vi;
    if (s.reported) {
      o.y = s.yi;
      sum_y += s.yi;
      out.k_reported++;
    } else {
      YInterval(scale, s.surv_lower, s.surv_upper, &o);
      out.k_bounded++;
    }
    obs.push_back(o);
  }
  if (out.k_reported < 1 || obs.size() < 2) {
    return Status::InvalidArgument("the censored model needs a reported value and two cohorts in all");
  }
  const LogLikelihood f = [&](const std::vector<double>& x) { return CensoredLogLik(obs, x[0], x[1]); };
  Bounds bounds{{-kInf, 0.0}, {kInf, kInf}, {1.0, 0.3}};
  auto m = Maximize(f, {sum_y / out.k_reported, 0.3}, bounds);
  if (!m.ok()) return m.status().WithContext("the censored random-effects model");
  out.mu = m->estimate[0];
  out.tau2 = m->estimate[1] * m->estimate[1];
  out.loglik = m->loglik;
  // SE of μ given τ̂, as metafor's rma (and carta::meta) give it: 1/√(Σw) without bounds.
  out.se_mu = 1 / std::sqrt(-m->hessian[0]);
  const double z = boost::math::quantile(boost::math::normal(), 1 - (1 - level) / 2);
  const double a = LandmarkSurvival(scale, out.mu - z * out.se_mu), b = LandmarkSurvival(scale, out.mu + z * out.se_mu);
  out.surv = LandmarkSurvival(scale, out.mu);
  out.surv_lb = std::min(a, b);
  out.surv_ub = std::max(a, b);
  return out;
}

}  // namespace carta::survival::internal
