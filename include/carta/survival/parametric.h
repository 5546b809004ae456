// Parametric survival models fitted by maximum likelihood to right-censored
// data: exponential, Weibull, log-logistic, log-normal, Gompertz and the
// generalised gamma, alone or inside a mixture or non-mixture cure model,
// optionally on top of a background (expected) hazard, with standard errors
// from the observed information, AIC/BIC and extrapolated survival.
// Parameterisations follow flexsurv (Jackson 2016); the standard families are
// checked against R survival::survreg() and the cure models against Stata's
// strsmix/strsnmix (tests/golden/survival). Formulas in doc/formulas.md.
#ifndef CARTA_SURVIVAL_PARAMETRIC_H_
#define CARTA_SURVIVAL_PARAMETRIC_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/survival/data.h"

namespace carta::survival {

// The distribution of the (uncured) survival time, with its parameters as
// fitted (unconstrained scale) in the order of ParameterNames():
enum class Dist {
  kExponential,  // log_rate:              S = exp(−λt)
  kWeibull,      // log_shape, log_scale:  S = exp(−(t/b)^a)             (AFT; survreg: a = 1/scale, b = exp(intercept))
  kLogLogistic,  // log_shape, log_scale:  S = 1/(1 + (t/b)^a)
  kLogNormal,    // mu, log_sigma:         S = 1 − Φ((log t − μ)/σ)
  kGompertz,     // shape, log_rate:       h = b·exp(a t), S = exp(−(b/a)(e^{at} − 1)); a < 0 has a plateau
  kGenGamma,     // mu, log_sigma, q:      Prentice (1974) generalised gamma; q = 0 log-normal, q = 1 Weibull
};

// "exponential" ("exp"), "weibull", "loglogistic" ("llogis"), "lognormal"
// ("lnorm"), "gompertz", "gengamma"; the message lists them.
Result<Dist> ParseDist(const std::string& name);
const char* DistName(Dist dist);

enum class Cure {
  kNone,
  kMixture,     // S = π + (1 − π)·S_u(t) (Boag 1949; Farewell 1982)
  kNonMixture,  // S = π^{1 − S_u(t)} (Yakovlev 1993; Lambert et al. 2007)
};
Result<Cure> ParseCure(const std::string& name);  // "none", "mixture", "nonmixture"
const char* CureName(Cure cure);

// How the cure fraction π is parameterised (the last parameter).
enum class CureLink {
  kLogistic,  // logit_cure = log(π/(1 − π))
  kIdentity,  // cure = π, kept inside (0, 1)
  kLogLog,    // loglog_cure = θ with π = exp(−exp(θ)) (flexsurvcure's "loglog")
};
Result<CureLink> ParseCureLink(const std::string& name);  // "logistic", "identity", "loglog"
const char* CureLinkName(CureLink link);

struct ParametricOptions {
  Dist dist = Dist::kWeibull;
  Cure cure = Cure::kNone;
  CureLink link = CureLink::kLogistic;
  double level = 0.95;                   // confidence level of every interval
  std::vector<double> predict_times;     // times (data units) at which to give S(t) with an interval
};

// One parameter on its fitted scale with a Wald interval.
struct Parameter {
  std::string name;
  double estimate = 0, se = 0, ci_lb = 0, ci_ub = 0;
};

// S(t) of the fitted model with a delta-method interval on the log(−log S)
// scale (so the interval stays inside (0, 1)). With a background hazard this
// is the relative (net) survival.
struct Prediction {
  double time = 0;
  double surv = 0, lower = 0, upper = 0;
};

struct ParametricFit {
  ParametricOptions options;
  bool background = false;            // fitted with a background hazard (relative survival)
  long n = 0, events = 0;
  std::vector<Parameter> parameters;  // fitted scale, ParameterNames() order
  std::vector<double> covariance;     // p×p row-major inverse observed information
  double loglik = 0;                  // log L of the times (events log f, censorings log S), as survreg reports it
  int n_parameters = 0;
  double aic = 0;                     // −2 log L + 2p
  double bic = 0;                     // −2 log L + p·log(n), n = patients
  // The cure fraction π = S(∞) with a delta-method interval on the logit
  // scale; NaN without a cure model.
  double cure_fraction = 0, cure_fraction_lb = 0, cure_fraction_ub = 0;
  // The median of the fitted S (NaN when S stays above 1/2, e.g. π >= 1/2),
  // with a delta-method interval on the log-time scale.
  double median = 0, median_lb = 0, median_ub = 0;
  std::vector<Prediction> predictions;  // at options.predict_times
  double max_scaled_gradient = 0;     // max |∂l/∂θ_i|·SE_i at the estimate: ~0 at a maximum
  std::vector<std::string> warnings;  // a cure fraction at its bound, no standard errors, poor convergence
};

// The names of the fitted parameters for `dist` with `cure` and `link`.
std::vector<std::string> ParameterNames(Dist dist, Cure cure, CureLink link);

// Fits the model. Uses data.bhazard (per time unit) when not empty: each
// event then contributes log(h*_i + h(t_i)) + log S(t_i) and each censoring
// log S(t_i) (Esteve et al. 1990; Lambert et al. 2007). Fails on invalid data,
// a time of 0 (the families are defined for t > 0), no events, or when the
// maximisation does not converge.
Result<ParametricFit> FitParametric(const SurvData& data, const ParametricOptions& options);

// S(t) of a fitted model at its estimates; t >= 0.
double FittedSurvival(const ParametricFit& fit, double time);

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_PARAMETRIC_H_
