#include "carta/survival/km.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <numeric>

#include "carta/survival/data.h"

namespace carta::survival {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The two-sided normal quantile for `level`.
double ZValue(double level) {
  return boost::math::quantile(boost::math::normal(), 1 - (1 - level) / 2);
}

// survfit_confint() of R survival 3.5 with the standard error of log S.
void Interval(ConfType type, double z, KmStep* s) {
  const double p = s->surv, se = s->se_log_surv;
  switch (type) {
    case ConfType::kPlain: {
      const double half = se * p * z;
      s->lower = std::max(p - half, 0.0);
      s->upper = std::min(p + half, 1.0);
      if (std::isnan(half)) s->lower = s->upper = kNaN;
      return;
    }
    case ConfType::kLog:
      if (p == 0) {
        s->lower = s->upper = kNaN;
        return;
      }
      s->lower = std::exp(std::log(p) - z * se);
      s->upper = std::min(std::exp(std::log(p) + z * se), 1.0);
      return;
    case ConfType::kLogLog: {
      if (p == 0 || p == 1) {
        s->lower = s->upper = kNaN;
        return;
      }
      const double half = z * se / std::log(p), ll = std::log(-std::log(p));
      s->lower = std::exp(-std::exp(ll - half));
      s->upper = std::exp(-std::exp(ll + half));
      return;
    }
  }
}

}  // namespace

Result<ConfType> ParseConfType(const std::string& name) {
  if (name == "plain") return ConfType::kPlain;
  if (name == "log") return ConfType::kLog;
  if (name == "log-log" || name == "loglog") return ConfType::kLogLog;
  return Status::InvalidArgument("unknown confidence interval type '" + name + "' (expected plain, log or log-log)");
}

const char* ConfTypeName(ConfType type) {
  switch (type) {
    case ConfType::kPlain: return "plain";
    case ConfType::kLog: return "log";
    case ConfType::kLogLog: return "log-log";
  }
  return "";
}

Result<KaplanMeier> FitKaplanMeier(const std::vector<double>& time, const std::vector<int>& event,
                                   const KmOptions& options) {
  SurvData data;
  data.time = time;
  data.event = event;
  if (Status s = ValidateSurvData(data); !s.ok()) return s;
  if (!(options.level > 0 && options.level < 1)) return Status::InvalidArgument("the confidence level must lie in (0, 1)");
  std::vector<size_t> order(time.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return time[a] < time[b]; });
  KaplanMeier km;
  km.options = options;
  km.n = static_cast<long>(time.size());
  const double z = ZValue(options.level);
  long at_risk = km.n;
  double surv = 1, var_log = 0;  // Greenwood's sum
  for (size_t i = 0; i < order.size();) {
    KmStep s;
    s.time = time[order[i]];
    s.n_risk = at_risk;
    for (; i < order.size() && time[order[i]] == s.time; ++i) (event[order[i]] ? s.n_event : s.n_censor)++;
    if (s.n_event > 0) {
      const double n = static_cast<double>(s.n_risk), d = static_cast<double>(s.n_event);
      surv *= 1 - d / n;  // Kaplan & Meier 1958
      var_log += s.n_risk > s.n_event ? d / (n * (n - d)) : std::numeric_limits<double>::infinity();  // Greenwood 1926
    }
    s.surv = surv;
    s.se_log_surv = std::sqrt(var_log);
    Interval(options.conf_type, z, &s);
    km.events += s.n_event;
    at_risk -= s.n_event + s.n_censor;
    km.steps.push_back(s);
  }
  return km;
}

SurvivalEstimate SurvivalAt(const KaplanMeier& km, double time) {
  SurvivalEstimate e;
  e.time = time;
  if (km.steps.empty() || time > km.steps.back().time) {
    e.within_followup = false;
    e.surv = e.se_surv = e.lower = e.upper = kNaN;
    return e;
  }
  // The first step at or after `time` gives the number at risk; the last at or before it the estimate.
  auto after = std::lower_bound(km.steps.begin(), km.steps.end(), time,
                                [](const KmStep& s, double t) { return s.time < t; });
  e.n_risk = after->n_risk;
  auto upto = std::upper_bound(km.steps.begin(), km.steps.end(), time,
                               [](double t, const KmStep& s) { return t < s.time; });
  if (upto == km.steps.begin()) return e;  // before the first step: S = 1 exactly
  const KmStep& s = *(upto - 1);
  e.surv = s.surv;
  e.se_surv = s.surv * s.se_log_surv;  // summary.survfit's std.err; NaN when S = 0 (0·∞)
  if (s.surv == 0) e.se_surv = kNaN;
  e.lower = s.lower;
  e.upper = s.upper;
  return e;
}

namespace {

// minmin() of survival:::survmean: the first time at which `y` falls to
// `level` (within sqrt(machine epsilon)); where y equals the level there and
// drops further later, the midpoint of that time and the next drop. NaN when
// `y` never reaches the level. NaN entries of y are skipped.
double FirstAtOrBelow(const std::vector<double>& y, const std::vector<double>& x, double level) {
  const double tolerance = std::sqrt(std::numeric_limits<double>::epsilon());
  std::vector<double> ky, kx;
  for (size_t i = 0; i < y.size(); ++i) {
    if (!std::isnan(y[i]) && y[i] < level + tolerance) {
      ky.push_back(y[i]);
      kx.push_back(x[i]);
    }
  }
  if (ky.empty()) return kNaN;
  if (std::fabs(ky[0] - level) < tolerance) {
    for (size_t i = 1; i < ky.size(); ++i) {
      if (ky[i] < ky[0]) return (kx[0] + kx[i]) / 2;
    }
  }
  return kx[0];
}

}  // namespace

QuantileEstimate SurvivalQuantile(const KaplanMeier& km, double surv_level) {
  std::vector<double> t, s, lo, hi;
  for (const auto& step : km.steps) {
    t.push_back(step.time);
    s.push_back(step.surv);
    lo.push_back(step.lower);
    hi.push_back(step.upper);
  }
  QuantileEstimate q;
  q.surv_level = surv_level;
  q.time = FirstAtOrBelow(s, t, surv_level);
  q.lower = FirstAtOrBelow(lo, t, surv_level);  // the lower curve crosses first
  q.upper = FirstAtOrBelow(hi, t, surv_level);
  return q;
}

Result<RestrictedMean> Rmst(const KaplanMeier& km, double horizon) {
  if (!(horizon > 0) || !std::isfinite(horizon)) return Status::InvalidArgument("the RMST horizon must be a time > 0");
  // Rectangles under the step function between successive times, as survmean().
  std::vector<double> times, surv, hazard_var;
  for (const auto& s : km.steps) {
    if (s.time > horizon) break;
    times.push_back(s.time);
    surv.push_back(s.surv);
    const double n = static_cast<double>(s.n_risk), d = static_cast<double>(s.n_event);
    hazard_var.push_back(s.n_risk == s.n_event ? 0.0 : d / (n * (n - d)));
  }
  const double last_surv = surv.empty() ? 1.0 : surv.back();
  times.push_back(horizon);
  surv.push_back(last_surv);
  hazard_var.push_back(0);
  std::vector<double> area(times.size());
  double previous_time = 0, previous_surv = 1;
  RestrictedMean r;
  r.horizon = horizon;
  for (size_t j = 0; j < times.size(); ++j) {
    area[j] = (times[j] - previous_time) * previous_surv;
    r.rmst += area[j];
    previous_time = times[j];
    previous_surv = surv[j];
  }
  // Var = Σ_j d_j/(n_j(n_j − d_j)) · (area after t_j up to τ)².
  double after = 0, var = 0;
  for (size_t j = times.size(); j-- > 1;) {
    after += area[j];
    var += after * after * hazard_var[j - 1];
  }
  r.se = std::sqrt(var);
  const double z = ZValue(km.options.level);
  // The normal-theory interval, kept within [0, τ] where the RMST lies.
  r.lower = std::max(0.0, r.rmst - z * r.se);
  r.upper = std::min(horizon, r.rmst + z * r.se);
  return r;
}

}  // namespace carta::survival
