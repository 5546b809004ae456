#include "families.h"

#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

namespace carta::survival::internal {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kLogSqrt2Pi = 0.91893853320467274178;  // log √(2π)

// Boost.Math reports domain errors and overflow as NaN/inf instead of throwing,
// and computes in double rather than promoting to long double (x87 long double
// made the incomplete gamma ~10x slower, for digits the likelihood cannot use:
// the fits match R to ~1e-8, where double's ~1e-15 is ample).
using NoThrow = boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
                                              boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
                                              boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>,
                                              boost::math::policies::promote_double<false>>;

// log(1 − Φ(w)), accurate in the upper tail.
double LogUpperNormal(double w) { return std::log(0.5 * std::erfc(w / std::sqrt(2.0))); }

void LogNormal(double mu, double log_sigma, double t, double* log_s, double* log_f) {
  const double sigma = std::exp(log_sigma), w = (std::log(t) - mu) / sigma;
  *log_s = LogUpperNormal(w);
  *log_f = -kLogSqrt2Pi - log_sigma - std::log(t) - 0.5 * w * w;
}

// The generalised gamma of Prentice (1974) as flexsurv's dgengamma/pgengamma:
// w = (log t − μ)/σ, γ = 1/q²; f = |q|γ^γ/(σtΓ(γ))·exp(γ(qw − e^{qw})); S from
// the regularised incomplete gamma at γe^{qw}. Near q = 0 it is the log-normal.
void GenGamma(const double* theta, double t, double* log_s, double* log_f, bool need_surv) {
  const double mu = theta[0], log_sigma = theta[1], q = theta[2];
  if (std::fabs(q) < 1e-8) return LogNormal(mu, log_sigma, t, log_s, log_f);
  const double sigma = std::exp(log_sigma), log_t = std::log(t), w = (log_t - mu) / sigma;
  const double gamma = 1 / (q * q), e_qw = std::exp(q * w), u = gamma * e_qw;
  *log_f = std::log(std::fabs(q)) - log_sigma - log_t + gamma * std::log(gamma) - std::lgamma(gamma) +
           gamma * (q * w - e_qw);
  if (!need_surv) {
    *log_s = kNaN;
    return;
  }
  const double s = q > 0 ? boost::math::gamma_q(gamma, u, NoThrow()) : boost::math::gamma_p(gamma, u, NoThrow());
  *log_s = std::log(s);
}

// The regularised incomplete gamma the survival uses: Q(γ, u) for q > 0, P(γ, u) for q < 0.
double GenGammaSurvival(double gamma, double u, bool upper) {
  return upper ? boost::math::gamma_q(gamma, u, NoThrow()) : boost::math::gamma_p(gamma, u, NoThrow());
}

// Log-normal: w = (log t − μ)/σ; ∂ log f/∂w = −w, ∂ log S/∂w = −φ(w)/(1 − Φ(w)).
bool LogNormalGradient(double mu, double log_sigma, double t, bool event, double* grad) {
  const double sigma = std::exp(log_sigma), w = (std::log(t) - mu) / sigma;
  double d_w;
  if (event) {
    d_w = -w;
    grad[1] -= 1;
  } else {
    d_w = -std::exp(-0.5 * w * w - kLogSqrt2Pi - LogUpperNormal(w));
  }
  grad[0] += d_w * (-1 / sigma);
  grad[1] += d_w * (-w);
  return std::isfinite(d_w);
}

}  // namespace

double GenGammaLogLikelihood(const double* theta, const std::vector<double>& time, const std::vector<int>& event) {
  const double mu = theta[0], log_sigma = theta[1], q = theta[2];
  double total = 0;
  if (std::fabs(q) < 1e-8) {
    for (size_t i = 0; i < time.size(); ++i) {
      double log_s = 0, log_f = 0;
      LogNormal(mu, log_sigma, time[i], &log_s, &log_f);
      total += event[i] ? log_f : log_s;
    }
    return total;
  }
  const double sigma = std::exp(log_sigma), gamma = 1 / (q * q);
  const double log_f_constant = std::log(std::fabs(q)) - log_sigma + gamma * std::log(gamma) - std::lgamma(gamma);
  for (size_t i = 0; i < time.size(); ++i) {
    const double log_t = std::log(time[i]), w = (log_t - mu) / sigma, e_qw = std::exp(q * w);
    if (event[i]) {
      total += log_f_constant - log_t + gamma * (q * w - e_qw);
    } else {
      total += std::log(GenGammaSurvival(gamma, gamma * e_qw, q > 0));
    }
  }
  return total;
}

bool GenGammaLogLikGradient(const double* theta, double t, bool event, double* grad) {
  const double mu = theta[0], log_sigma = theta[1], q = theta[2];
  if (std::fabs(q) < 1e-8) return LogNormalGradient(mu, log_sigma, t, event, grad);
  const double sigma = std::exp(log_sigma), w = (std::log(t) - mu) / sigma;
  const double gamma = 1 / (q * q), e_qw = std::exp(q * w), u = gamma * e_qw;
  const double d_gamma_dq = -2 / (q * q * q);
  double d_w, d_q;  // ∂/∂w at fixed q, ∂/∂q at fixed w
  if (event) {
    d_w = (1 - e_qw) / q;
    d_q = 1 / q + d_gamma_dq * (std::log(gamma) + 1 - boost::math::digamma(gamma, NoThrow()) + q * w - e_qw) +
          gamma * w * (1 - e_qw);
    grad[1] -= 1;
  } else {
    const bool upper = q > 0;
    const double s = GenGammaSurvival(gamma, u, upper);
    // ∂S/∂u = ∓ u^{γ−1} e^{−u} / Γ(γ): the gamma density at u.
    const double density = std::exp((gamma - 1) * std::log(u) - u - std::lgamma(gamma));
    const double d_s_du = upper ? -density : density;
    const double h = 1e-5 * gamma;
    const double d_s_dgamma = (GenGammaSurvival(gamma + h, u, upper) - GenGammaSurvival(gamma - h, u, upper)) / (2 * h);
    const double du_dw = u * q, du_dq = e_qw * (d_gamma_dq + gamma * w);
    d_w = d_s_du * du_dw / s;
    d_q = (d_s_dgamma * d_gamma_dq + d_s_du * du_dq) / s;
  }
  grad[0] += d_w * (-1 / sigma);
  grad[1] += d_w * (-w);
  grad[2] += d_q;
  return std::isfinite(d_w) && std::isfinite(d_q);
}

namespace {

// Gompertz: h = b e^{at}, H = b(e^{at} − 1)/a (→ bt as a → 0).
void Gompertz(double a, double log_b, double t, double* log_s, double* log_f) {
  const double b = std::exp(log_b), at = a * t;
  const double cum_hazard = std::fabs(at) < 1e-10 ? b * t * (1 + at / 2) : b * std::expm1(at) / a;
  *log_s = -cum_hazard;
  *log_f = log_b + at - cum_hazard;
}

}  // namespace

int DistParameterCount(Dist dist) {
  switch (dist) {
    case Dist::kExponential: return 1;
    case Dist::kGenGamma: return 3;
    default: return 2;
  }
}

void DistLogSurvDens(Dist dist, const double* theta, double t, double* log_s, double* log_f, bool need_surv) {
  switch (dist) {
    case Dist::kExponential: {
      const double rate = std::exp(theta[0]);
      *log_s = -rate * t;
      *log_f = theta[0] - rate * t;
      return;
    }
    case Dist::kWeibull: {
      const double shape = std::exp(theta[0]), z = shape * (std::log(t) - theta[1]);  // z = a·log(t/b)
      *log_s = -std::exp(z);
      *log_f = theta[0] - theta[1] + (shape - 1) / shape * z - std::exp(z);
      return;
    }
    case Dist::kLogLogistic: {
      const double shape = std::exp(theta[0]), z = shape * (std::log(t) - theta[1]);
      const double log1p_u = z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
      *log_s = -log1p_u;
      *log_f = theta[0] - theta[1] + (shape - 1) / shape * z - 2 * log1p_u;
      return;
    }
    case Dist::kLogNormal: return LogNormal(theta[0], theta[1], t, log_s, log_f);
    case Dist::kGompertz: return Gompertz(theta[0], theta[1], t, log_s, log_f);
    case Dist::kGenGamma: return GenGamma(theta, t, log_s, log_f, need_surv);
  }
  *log_s = *log_f = kNaN;
}

namespace {

// Weibull and log-logistic share z = a(log t − log b), a = e^{θ0}: ∂z/∂θ0 = z,
// ∂z/∂θ1 = −a. Their log f = θ0 − θ1 + (a − 1)(log t − θ1) + g_f(z) and
// log S = g_s(z), so only g′ differs: −e^z for the Weibull (f and S),
// −σ(z) and −2σ(z) for the log-logistic's S and f.
void LogLocationScaleGradient(double a, double z, bool event, double d_g, double* grad) {
  if (event) {
    grad[0] += 1 + z + d_g * z;
    grad[1] += -a - d_g * a;
  } else {
    grad[0] += d_g * z;
    grad[1] += -d_g * a;
  }
}

// Gompertz H = b(e^{at} − 1)/a and ∂H/∂a (→ bt²/2 as a → 0).
void GompertzGradient(double a, double log_b, double t, bool event, double* grad) {
  const double b = std::exp(log_b), at = a * t;
  double cum_hazard = 0, d_h_da = 0;
  if (std::fabs(at) < 1e-5) {
    cum_hazard = b * t * (1 + at / 2 + at * at / 6);
    d_h_da = b * t * t * (0.5 + at / 3);
  } else {
    const double e = std::exp(at);
    cum_hazard = b * (e - 1) / a;
    d_h_da = b * (t * e / a - (e - 1) / (a * a));
  }
  grad[0] += (event ? t : 0) - d_h_da;
  grad[1] += (event ? 1 : 0) - cum_hazard;
}

}  // namespace

bool DistLogLikGradient(Dist dist, const double* theta, double t, bool event, double* grad) {
  switch (dist) {
    case Dist::kExponential: {
      const double rate_t = std::exp(theta[0]) * t;
      grad[0] += (event ? 1 : 0) - rate_t;
      return std::isfinite(grad[0]);
    }
    case Dist::kWeibull: {
      const double a = std::exp(theta[0]), z = a * (std::log(t) - theta[1]);
      LogLocationScaleGradient(a, z, event, -std::exp(z), grad);
      break;
    }
    case Dist::kLogLogistic: {
      const double a = std::exp(theta[0]), z = a * (std::log(t) - theta[1]);
      const double sigma = 1 / (1 + std::exp(-z));
      LogLocationScaleGradient(a, z, event, (event ? -2 : -1) * sigma, grad);
      break;
    }
    case Dist::kLogNormal: return LogNormalGradient(theta[0], theta[1], t, event, grad);
    case Dist::kGompertz: GompertzGradient(theta[0], theta[1], t, event, grad); break;
    case Dist::kGenGamma: return GenGammaLogLikGradient(theta, t, event, grad);
  }
  return std::isfinite(grad[0]) && std::isfinite(grad[1]);
}

double Model::CureFraction(const std::vector<double>& theta) const {
  if (cure == Cure::kNone) return kNaN;
  const double x = theta.back();
  switch (link) {
    case CureLink::kLogistic: return 1 / (1 + std::exp(-x));
    case CureLink::kIdentity: return x;
    case CureLink::kLogLog: return std::exp(-std::exp(x));
  }
  return kNaN;
}

double Model::CureParameter(double pi) const {
  switch (link) {
    case CureLink::kLogistic: return std::log(pi / (1 - pi));
    case CureLink::kIdentity: return pi;
    case CureLink::kLogLog: return std::log(-std::log(pi));
  }
  return kNaN;
}

void Model::LogSurvDens(const std::vector<double>& theta, double t, double* log_s, double* log_f, bool need_surv) const {
  double log_su = 0, log_fu = 0;
  DistLogSurvDens(dist, theta.data(), t, &log_su, &log_fu, need_surv || cure == Cure::kNonMixture);
  if (cure == Cure::kNone) {
    *log_s = log_su;
    *log_f = log_fu;
    return;
  }
  const double pi = CureFraction(theta);
  if (!(pi > 0 && pi < 1)) {
    *log_s = *log_f = kNaN;
    return;
  }
  if (cure == Cure::kMixture) {  // S = π + (1 − π)S_u, f = (1 − π)f_u
    *log_s = std::log(pi + (1 - pi) * std::exp(log_su));
    *log_f = std::log1p(-pi) + log_fu;
    return;
  }
  // Non-mixture: S = π^{1 − S_u} = exp(log π · F_u), f = −log π · f_u · S.
  const double log_pi = std::log(pi);
  *log_s = log_pi * -std::expm1(log_su);
  *log_f = std::log(-log_pi) + log_fu + *log_s;
}

}  // namespace carta::survival::internal
