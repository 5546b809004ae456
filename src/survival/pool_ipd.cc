#include "carta/survival/pool_ipd.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace carta::survival {
namespace {

// y = g(S) and its variance from S's standard error (delta method); at S = 0
// or 1, the binomial variance with half a patient in from the bound.
std::pair<double, double> OnScale(PoolScale scale, const SurvivalEstimate& e, long n) {
  if (e.surv <= 0 || e.surv >= 1 || e.se_surv <= 0) return LandmarkEffect(scale, e.surv, n);
  const double s = e.surv, var = e.se_surv * e.se_surv;
  if (scale == PoolScale::kLogit) return {std::log(s / (1 - s)), var / (s * (1 - s) * s * (1 - s))};
  const double log_s = std::log(s);
  return {std::log(-log_s), var / (s * log_s * s * log_s)};
}

Result<IpdLandmark> PoolAt(double t, const std::vector<IpdStudySummary>& studies, size_t at_index,
                           const IpdPoolOptions& o) {
  IpdLandmark l;
  l.time = t;
  std::vector<double> yi, vi;
  for (const auto& s : studies) {
    const SurvivalEstimate& e = s.at[at_index];
    if (!e.within_followup) {
      l.left_out.push_back(s.name);
      continue;
    }
    auto [y, v] = OnScale(o.scale, e, s.n);
    yi.push_back(y);
    vi.push_back(v);
    l.studies.push_back(s.name);
  }
  l.k = static_cast<int>(yi.size());
  if (l.k < 2) {
    return Status::InvalidArgument("S(" + std::to_string(t) + ") cannot be pooled: " + std::to_string(l.k) +
                                   " studies follow patients that long");
  }
  auto fit = meta::Fit(yi, vi, o.fit);
  if (!fit.ok()) return fit.status();
  // log(−log S) decreases in S, so the interval's ends swap on the way back.
  const bool swap = o.scale == PoolScale::kLogLog;
  auto back = [&](double y) { return LandmarkSurvival(o.scale, y); };
  l.surv = back(fit->estimate);
  l.surv_lb = back(swap ? fit->estimate_ci_ub : fit->estimate_ci_lb);
  l.surv_ub = back(swap ? fit->estimate_ci_lb : fit->estimate_ci_ub);
  l.surv_pi_lb = back(swap ? fit->pi_ub : fit->pi_lb);
  l.surv_pi_ub = back(swap ? fit->pi_lb : fit->pi_ub);
  l.tau2 = fit->tau2;
  l.I2 = fit->I2;
  l.weights = fit->weights;
  return l;
}

Result<IpdStudySummary> Summarize(const IpdStudy& st, const std::vector<double>& landmarks) {
  if (st.data.size() == 0) return Status::InvalidArgument("study '" + st.name + "' has no patients");
  if (Status s = ValidateSurvData(st.data); !s.ok()) return s.WithContext("study '" + st.name + "'");
  auto km = FitKaplanMeier(st.data.time, st.data.event);
  if (!km.ok()) return km.status().WithContext("study '" + st.name + "'");
  IpdStudySummary s;
  s.name = st.name;
  s.n = static_cast<long>(st.data.size());
  s.events = st.data.Events();
  s.max_time = *std::max_element(st.data.time.begin(), st.data.time.end());
  s.median = SurvivalQuantile(*km, 0.5);
  for (double t : landmarks) s.at.push_back(SurvivalAt(*km, t));
  return s;
}

// Every patient with the study as the stratum, for the one-stage Cox model and the naive curve.
std::pair<SurvData, std::vector<std::string>> Stack(const std::vector<IpdStudy>& studies) {
  SurvData all;
  std::vector<std::string> strata;
  bool arms = true;
  for (const auto& st : studies) arms = arms && !st.data.group.empty();
  for (const auto& st : studies) {
    all.time.insert(all.time.end(), st.data.time.begin(), st.data.time.end());
    all.event.insert(all.event.end(), st.data.event.begin(), st.data.event.end());
    if (arms) all.group.insert(all.group.end(), st.data.group.begin(), st.data.group.end());
    strata.insert(strata.end(), st.data.size(), st.name);
  }
  return {std::move(all), std::move(strata)};
}

}  // namespace

Result<IpdPool> PoolIpd(const std::vector<IpdStudy>& studies, const IpdPoolOptions& options) {
  if (studies.size() < 2) return Status::InvalidArgument("pooling needs patient data from at least two studies");
  std::set<std::string> names;
  IpdPool pool;
  for (const auto& st : studies) {
    if (!names.insert(st.name).second) return Status::InvalidArgument("two studies are called '" + st.name + "'");
    auto s = Summarize(st, options.landmarks);
    if (!s.ok()) return s.status();
    pool.studies.push_back(std::move(*s));
  }
  for (size_t i = 0; i < options.landmarks.size(); ++i) {
    auto l = PoolAt(options.landmarks[i], pool.studies, i, options);
    if (l.ok()) {
      pool.landmarks.push_back(std::move(*l));
    } else {
      pool.landmark_notes.push_back(l.status().message());
    }
  }
  auto [all, strata] = Stack(studies);
  auto naive = FitKaplanMeier(all.time, all.event);
  if (!naive.ok()) return naive.status();
  pool.naive = std::move(*naive);
  if (all.group.empty()) {
    pool.cox_note = "no arms in the data (a group column in every study): no hazard ratio";
  } else {
    CoxOptions co;
    co.reference = options.reference;
    co.level = options.fit.level;
    co.strata = std::move(strata);
    auto cox = FitCoxGroups(all, co);
    if (cox.ok()) {
      pool.cox = std::move(*cox);
    } else {
      pool.cox_note = cox.status().message();
    }
  }
  return pool;
}

}  // namespace carta::survival
