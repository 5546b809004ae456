// The Kaplan–Meier estimator with Greenwood's variance, pointwise confidence
// intervals, the median with its Brookmeyer–Crowley interval, survival at
// landmarks and the restricted mean: the numbers of R survival's survfit(),
// print.survfit() and summary.survfit(), checked against survival 3.5-3 at
// 1e-6 (tests/golden/survival). Formulas and sources in doc/formulas.md.
#ifndef CARTA_SURVIVAL_KM_H_
#define CARTA_SURVIVAL_KM_H_

#include <string>
#include <vector>

#include "carta/core/status.h"

namespace carta::survival {

// The scale of pointwise confidence intervals (survfit's conf.type).
enum class ConfType {
  kPlain,   // S ± z·SE(S), clipped to [0, 1]
  kLog,     // exp(log S ± z·SE(log S)), upper clipped to 1 (R's default)
  kLogLog,  // exp(-exp(log(-log S) ± z·SE(log S)/log S)) (Kalbfleisch & Prentice 1980)
};

// "plain", "log" or "log-log" ("loglog" too); the message lists them.
Result<ConfType> ParseConfType(const std::string& name);
const char* ConfTypeName(ConfType type);

struct KmOptions {
  ConfType conf_type = ConfType::kLog;
  double level = 0.95;  // confidence level, in (0, 1)
};

// One distinct time of the data (an event time or a censoring time), as a row
// of survfit(): the estimate just after `time`.
struct KmStep {
  double time = 0;
  long n_risk = 0;         // patients with follow-up >= time
  long n_event = 0;
  long n_censor = 0;
  double surv = 1;         // Π (1 − d/n) over event times <= time (Kaplan & Meier 1958)
  double se_log_surv = 0;  // Greenwood 1926: sqrt(Σ d/(n(n−d))); survfit's std.err; +inf once S = 0
  double lower = 0, upper = 0;  // pointwise interval; NaN where the scale leaves it undefined
};

struct KaplanMeier {
  KmOptions options;
  long n = 0;       // patients
  long events = 0;
  std::vector<KmStep> steps;  // increasing time; empty steps never occur
};

// Fits the estimator. `event` holds 1 (event) or 0 (censored) per patient.
// Fails on sizes that differ, no patients, a negative or non-finite time, an
// event that is not 0 or 1, or a level outside (0, 1).
Result<KaplanMeier> FitKaplanMeier(const std::vector<double>& time, const std::vector<int>& event,
                                   const KmOptions& options = {});

// The estimate at `time` (summary.survfit(times = ...)): the last step at or
// before it, with the standard error of S (S·SE(log S)) and the interval.
// Before the first step: S = 1. After the last follow-up time the estimate is
// not defined: `within_followup` is false and the numbers are NaN.
struct SurvivalEstimate {
  double time = 0;
  long n_risk = 0;  // patients still at risk at `time` (follow-up >= time)
  double surv = 1, se_surv = 0, lower = 1, upper = 1;
  bool within_followup = true;
};
SurvivalEstimate SurvivalAt(const KaplanMeier& km, double time);

// The time at which survival first falls to `surv_level` (0.5 for the median)
// and its confidence interval from the times at which the pointwise lower and
// upper limits do (Brookmeyer & Crowley 1982, as print.survfit computes it:
// where the curve is flat at exactly the level, the midpoint to the next
// drop). NaN for a time that is not reached within follow-up ("NR").
struct QuantileEstimate {
  double surv_level = 0.5;
  double time = 0, lower = 0, upper = 0;
};
QuantileEstimate SurvivalQuantile(const KaplanMeier& km, double surv_level);
inline QuantileEstimate Median(const KaplanMeier& km) { return SurvivalQuantile(km, 0.5); }

// The restricted mean survival time ∫₀^τ S(t) dt up to the horizon τ, with its
// standard error (print.survfit(rmean = τ); Klein & Moeschberger 2003 §4.5)
// and a normal-theory interval at the fit's level, truncated to [0, τ] (a
// negative lower limit would be an answer no data give). Fails when τ <= 0.
struct RestrictedMean {
  double horizon = 0, rmst = 0, se = 0, lower = 0, upper = 0;
};
Result<RestrictedMean> Rmst(const KaplanMeier& km, double horizon);

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_KM_H_
