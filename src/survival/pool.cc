#include "carta/survival/pool.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "carta/core/text.h"
#include "pool_censored.h"

namespace carta::survival {

namespace {

using evidence::Cohort;
using evidence::CohortValue;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string Num(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool Matches(const Cohort& c, const LandmarkQuery& q) {
  if (!q.target.empty() && std::find(c.targets.begin(), c.targets.end(), q.target) == c.targets.end()) return false;
  if (!q.product_id.empty() && c.product_id != q.product_id) return false;
  if (q.indication.empty()) return true;
  for (const auto& i : c.indications) {
    if (evidence::IndicationWithin(i, q.indication)) return true;
  }
  return false;
}

// The landmark month of a key "<endpoint>_<N>mo", or 0.
int LandmarkMonths(const std::string& key, const std::string& endpoint) {
  const std::string prefix = endpoint + "_";
  if (!text::StartsWith(key, prefix) || !text::EndsWith(key, "mo")) return 0;
  auto n = text::ParseCount(key.substr(prefix.size(), key.size() - prefix.size() - 2));
  return n ? static_cast<int>(*n) : 0;
}

// Tightens [lo, hi] on S(L) from the median: reached at M > L gives S(L) >= 1/2,
// M <= L gives S(L) <= 1/2; not reached within follow-up F >= L gives
// S(L) >= 1/2. Returns what it used, or "" when the median says nothing about S(L).
std::string BoundFromMedian(const Cohort& c, const CohortValue& m, int landmark, double* lo, double* hi) {
  const double lm = landmark;
  if (m.median.not_reached) {
    const double followup = c.FollowupMonths();
    if (std::isnan(followup) || followup < lm) return "";
    *lo = std::max(*lo, 0.5);
    return m.key + " = NR (median follow-up " + Num(followup) + " months)";
  }
  const evidence::Duration& d = m.median.duration;
  const double low = d.months(), high = d.is_range() ? d.ToMonths(d.upper) : low;
  const bool at_least = d.comparator == ">" || d.comparator == ">=";
  const bool at_most = d.comparator == "<" || d.comparator == "<=";
  if (!at_most && low > lm) {
    *lo = std::max(*lo, 0.5);
  } else if (!at_least && high <= lm) {
    *hi = std::min(*hi, 0.5);
  } else {
    return "";
  }
  return m.key + " = " + m.Display();
}

// Tightens [lo, hi] from landmarks at other times: S(L) >= S(L') for L' > L, <= for L' < L.
std::string BoundFromLandmark(const CohortValue& v, int months, int landmark, double* lo, double* hi) {
  const double s = v.rate.percent / 100;
  if (months > landmark) *lo = std::max(*lo, s);
  if (months < landmark) *hi = std::min(*hi, s);
  return v.key + " = " + v.Display();
}

// What cohort `c` says about S(L): a reported value, a bound, or nothing (false).
bool Study(const Cohort& c, const LandmarkQuery& q, LandmarkStudy* s, std::string* why_not) {
  s->cohort = c.id;
  double lo = 0, hi = 1;
  std::vector<std::string> basis;
  const CohortValue* used = nullptr;
  for (const auto& v : c.values) {
    const int months = LandmarkMonths(v.key, q.endpoint);
    if (months > 0 && !v.rate.known()) continue;
    if (months == q.landmark_months) {
      if (s->reported) continue;  // the first printed value is used
      used = &v;
      s->reported = true;
      lo = hi = v.rate.percent / 100;
      basis = {v.key + " = " + v.Display()};
    } else if (!s->reported && months > 0) {
      if (auto b = BoundFromLandmark(v, months, q.landmark_months, &lo, &hi); !b.empty()) {
        basis.push_back(b);
        if (!used) used = &v;
      }
    } else if (!s->reported && v.key == q.endpoint + "_median") {
      if (auto b = BoundFromMedian(c, v, q.landmark_months, &lo, &hi); !b.empty()) {
        basis.push_back(b);
        if (!used) used = &v;
      } else {
        *why_not = v.key + " = " + v.Display() + " does not bound S(" + std::to_string(q.landmark_months) + ")" +
                   (v.median.not_reached ? " (follow-up shorter than the landmark or not reported)" : "");
      }
    }
  }
  if (!used || (!s->reported && lo == 0 && hi == 1)) return false;
  s->surv_lower = lo;
  s->surv_upper = hi;
  s->basis = text::Join(basis, "; ");
  s->source = used->prov.Short();
  auto n = c.NFor(*used);
  if (!n || *n < 1) {
    *why_not = s->basis + " but the cohort has no n";
    return false;
  }
  s->n = *n;
  return true;
}

}  // namespace

Result<PoolScale> ParsePoolScale(const std::string& name) {
  if (name == "logit") return PoolScale::kLogit;
  if (name == "loglog" || name == "log-log" || name == "cloglog") return PoolScale::kLogLog;
  return Status::InvalidArgument("unknown scale '" + name + "' (expected logit or loglog)");
}

const char* PoolScaleName(PoolScale scale) { return scale == PoolScale::kLogit ? "logit" : "loglog"; }

std::pair<double, double> LandmarkEffect(PoolScale scale, double surv, long n) {
  const double nn = static_cast<double>(n);
  const double s = surv <= 0 || surv >= 1 ? (surv * nn + 0.5) / (nn + 1) : surv;  // half a patient in from 0 and 1
  if (scale == PoolScale::kLogit) return {std::log(s / (1 - s)), 1 / (nn * s * (1 - s))};
  const double log_s = std::log(s);
  return {std::log(-log_s), (1 - s) / (nn * s * log_s * log_s)};  // delta method on S(1 − S)/n
}

double LandmarkSurvival(PoolScale scale, double y) {
  return scale == PoolScale::kLogit ? 1 / (1 + std::exp(-y)) : std::exp(-std::exp(y));
}

namespace {

// The reported values pooled with meta::Fit, back-transformed (log(−log S)
// decreases in S, so its interval's ends swap).
Status FitReported(LandmarkPool* pool) {
  std::vector<double> yi, vi;
  for (const auto& s : pool->studies) {
    if (!s.reported) continue;
    yi.push_back(s.yi);
    vi.push_back(s.vi);
  }
  pool->surv = pool->surv_lb = pool->surv_ub = pool->surv_pi_lb = pool->surv_pi_ub = kNaN;
  if (yi.size() < 2) return Status::Ok();
  auto fit = meta::Fit(yi, vi, pool->query.fit);
  if (!fit.ok()) return fit.status();
  const PoolScale scale = pool->query.scale;
  const bool swap = scale == PoolScale::kLogLog;
  auto back = [&](double y) { return LandmarkSurvival(scale, y); };
  pool->surv = back(fit->estimate);
  pool->surv_lb = back(swap ? fit->estimate_ci_ub : fit->estimate_ci_lb);
  pool->surv_ub = back(swap ? fit->estimate_ci_lb : fit->estimate_ci_ub);
  pool->surv_pi_lb = back(swap ? fit->pi_ub : fit->pi_lb);
  pool->surv_pi_ub = back(swap ? fit->pi_lb : fit->pi_ub);
  size_t r = 0;
  for (auto& s : pool->studies) {
    if (s.reported) s.weight = fit->weights[r++];
  }
  pool->fit = std::move(*fit);
  return Status::Ok();
}

std::string Describe(const LandmarkQuery& q) {
  std::string d = "cohorts with " + q.endpoint + " at " + std::to_string(q.landmark_months) + " months";
  if (!q.target.empty()) d += ", target " + q.target;
  if (!q.indication.empty()) d += ", indication " + q.indication;
  if (!q.product_id.empty()) d += ", product " + q.product_id;
  return d;
}

}  // namespace

Result<LandmarkPool> PoolLandmark(const evidence::EvidenceBase& eb, const LandmarkQuery& q) {
  if (q.endpoint != "os" && q.endpoint != "pfs" && q.endpoint != "efs" && q.endpoint != "rfs") {
    return Status::InvalidArgument("unknown endpoint '" + q.endpoint + "' (expected os, pfs, efs or rfs)");
  }
  if (q.landmark_months < 1 || q.landmark_months > 999) {
    return Status::InvalidArgument("the landmark must be a whole number of months from 1 to 999");
  }
  if (Status st = evidence::CheckRegistrationRule(eb, q.registrations); !st.ok()) return st;
  LandmarkPool pool;
  pool.query = q;
  pool.description = Describe(q);
  std::vector<const Cohort*> candidates;
  std::vector<LandmarkStudy> found;
  for (const auto& c : eb.cohorts) {
    if (!Matches(c, q)) continue;
    LandmarkStudy s;
    std::string why_not;
    if (!Study(c, q, &s, &why_not)) {
      if (!why_not.empty()) pool.excluded.emplace_back(c.id, why_not);
      continue;
    }
    candidates.push_back(&c);
    found.push_back(std::move(s));
  }
  auto selection = evidence::OnePerRegistration(candidates, q.registrations);
  if (!selection.ok()) return selection.status();
  pool.set_aside = std::move(selection->set_aside);
  std::vector<LandmarkStudy> bounded;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& kept = selection->kept;
    if (std::find(kept.begin(), kept.end(), candidates[i]) == kept.end()) continue;
    LandmarkStudy s = std::move(found[i]);
    const double at = s.reported ? s.surv_lower : (s.surv_lower > 0 ? s.surv_lower : s.surv_upper);
    std::tie(s.yi, s.vi) = LandmarkEffect(q.scale, at, s.n);
    if (s.reported && (at <= 0 || at >= 1)) s.note = "0.5 patient added to reach a finite " + std::string(PoolScaleName(q.scale));
    if (!s.reported) s.yi = kNaN;
    (s.reported ? pool.studies : bounded).push_back(std::move(s));
  }
  const int k_reported = static_cast<int>(pool.studies.size());
  pool.studies.insert(pool.studies.end(), bounded.begin(), bounded.end());
  if (k_reported == 0 || pool.studies.size() < 2) {
    return Status::InvalidArgument("cannot pool " + pool.description + ": " + std::to_string(k_reported) +
                                   " cohorts report it and " + std::to_string(bounded.size()) +
                                   " bound it (a pool needs one that reports it and two in all)");
  }
  if (Status s = FitReported(&pool); !s.ok()) return s;
  auto censored = internal::FitCensored(pool.studies, q.scale, q.fit.level);
  if (censored.ok()) pool.censored = *censored;
  if (!pool.fit && !pool.censored) return censored.status();
  return pool;
}

}  // namespace carta::survival
