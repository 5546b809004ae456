// Potency per product and indication, fitted with NLopt to the evidence base.
#include "carta/sim/calibrate.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <nlopt.hpp>
#include <set>
#include <tuple>

#include "carta/core/binomial.h"
#include "carta/sim/trial.h"

namespace carta::sim {

namespace {

struct Target {
  const evidence::Cohort* cohort = nullptr;
  std::string endpoint;
  long n = 0;
  long events = 0;
  double observed = 0;
  bool held_out = false;
};

// The cohort's observed ORR and CR rate (when printed), as targets.
std::vector<Target> TargetsOf(const evidence::Cohort& c, bool held_out) {
  std::vector<Target> out;
  for (const char* key : {"orr", "crr"}) {
    const evidence::CohortValue* v = c.First(key);
    if (v == nullptr || v->kind != evidence::CohortValue::Kind::kRate || !v->rate.known()) continue;
    auto n = c.NFor(*v);
    if (!n || *n < 1) continue;
    Target t;
    t.cohort = &c;
    t.endpoint = std::string(key) == "orr" ? "orr" : "cr_rate";
    t.n = *n;
    t.observed = std::clamp(v->rate.percent / 100, 0.0, 1.0);
    t.events = std::lround(t.observed * static_cast<double>(t.n));
    t.held_out = held_out;
    out.push_back(t);
  }
  return out;
}

// The product-by-indication pair a cohort stands for, or an empty key.
std::pair<std::string, std::string> PairOf(const evidence::Cohort& c) {
  if (c.product_id.empty() || c.indications.size() != 1) return {};
  auto s = MakeScenario(c.product_id, c.indications[0]);
  if (!s.ok()) return {};
  return {s->product.id, s->disease.name};
}

double Simulated(const Scenario& s, const std::string& endpoint, const CalibrateRequest& q, Status* status) {
  TrialRequest t;
  t.scenario = s;
  t.patients = q.patients;
  t.seed = q.seed;
  t.threads = q.threads;
  auto r = RunTrial(t);
  if (!r.ok()) {
    *status = r.status();
    return NAN;
  }
  return endpoint == "orr" ? r->summary.orr.rate : r->summary.cr_rate.rate;
}

struct FitContext {
  Scenario base;
  const std::vector<Target>* targets;
  const CalibrateRequest* request;
  Status status;
  long evaluations = 0;
};

// Σ n·(observed − simulated)² / (p̄(1 − p̄)): each cohort weighted by its n, as
// a binomial z² with p̄ floored away from 0 and 1.
double Objective(const std::vector<double>& x, std::vector<double>& /*grad*/, void* data) {
  auto* f = static_cast<FitContext*>(data);
  ++f->evaluations;
  Scenario s = f->base;
  s.product.potency = std::exp(x[0]);
  std::map<std::string, double> sim;
  double sum = 0;
  for (const Target& t : *f->targets) {
    if (!sim.count(t.endpoint)) sim[t.endpoint] = Simulated(s, t.endpoint, *f->request, &f->status);
    const double p = std::clamp(t.observed, 0.05, 0.95);
    const double d = t.observed - sim[t.endpoint];
    sum += static_cast<double>(t.n) * d * d / (p * (1 - p));
  }
  return std::isfinite(sum) ? sum : 1e300;
}

}  // namespace

namespace {

// "pfs_12mo" -> ("pfs", 12); "efs_median" -> ("efs", NaN); otherwise ("", 0).
std::pair<std::string, double> SurvivalKey(const std::string& key) {
  for (const char* e : {"pfs", "efs", "rfs"}) {
    const std::string prefix = std::string(e) + "_";
    if (key.rfind(prefix, 0) != 0) continue;
    const std::string rest = key.substr(prefix.size());
    if (rest == "median") return {e, NAN};
    if (rest.size() > 2 && rest.substr(rest.size() - 2) == "mo") {
      const std::string digits = rest.substr(0, rest.size() - 2);
      if (!digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit)) return {e, std::stod(digits)};
    }
  }
  return {"", 0};
}

}  // namespace

std::vector<ObservedLandmark> ObservedLandmarks(const evidence::EvidenceBase& eb, const Scenario& scenario) {
  std::vector<ObservedLandmark> out;
  for (const auto& c : eb.cohorts) {
    if (PairOf(c) != std::make_pair(scenario.product.id, scenario.disease.name)) continue;
    for (const evidence::CohortValue& v : c.values) {
      const auto [endpoint, months] = SurvivalKey(v.key);
      if (endpoint.empty()) continue;
      ObservedLandmark o;
      o.cohort = c.id;
      o.endpoint = endpoint;
      if (std::isnan(months)) {
        if (v.kind != evidence::CohortValue::Kind::kMedian || !std::isfinite(v.Number())) continue;
        o.months = v.Number();
        o.survival = 0.5;
      } else {
        if (v.kind != evidence::CohortValue::Kind::kRate || !v.rate.known()) continue;
        o.months = months;
        o.survival = std::clamp(v.rate.percent / 100, 0.0, 1.0);
      }
      o.lower = o.upper = o.survival;
      if (auto n = c.NFor(v); n && *n > 0) o.n = *n;
      if (o.n > 0 && !std::isnan(months)) {  // a median's uncertainty is in time, not drawn
        std::tie(o.lower, o.upper) =
            ClopperPearson(std::lround(o.survival * static_cast<double>(o.n)), o.n, 0.95);
      }
      out.push_back(o);
    }
  }
  return out;
}

Result<CalibrateResult> Calibrate(const evidence::EvidenceBase& eb, const CalibrateRequest& q, Progress* progress) {
  for (const std::string& id : q.hold_out) {
    auto it = std::find_if(eb.cohorts.begin(), eb.cohorts.end(), [&id](const auto& c) { return c.id == id; });
    if (it == eb.cohorts.end()) {
      return Status::InvalidArgument("no cohort '" + id + "' in the evidence base").WithField("hold_out");
    }
  }
  std::map<std::pair<std::string, std::string>, std::vector<Target>> fit, predict;
  for (const auto& c : eb.cohorts) {
    const auto key = PairOf(c);
    if (key.first.empty()) continue;
    const bool held = std::find(q.hold_out.begin(), q.hold_out.end(), c.id) != q.hold_out.end();
    for (Target& t : TargetsOf(c, held)) (held ? predict : fit)[key].push_back(t);
  }
  CalibrateResult result;
  result.patients = q.patients;
  result.seed = q.seed;
  std::map<std::pair<std::string, std::string>, double> potency;
  uint64_t done = 0;
  for (const auto& [key, targets] : fit) {
    if (IsCancelled(progress)) return Status::Cancelled("calibration was cancelled");
    auto base = MakeScenario(key.first, key.second);
    if (!base.ok()) return base.status();
    FitContext ctx{*base, &targets, &q, Status::Ok(), 0};
    nlopt::opt opt(nlopt::LN_SBPLX, 1);
    opt.set_lower_bounds(std::log(0.02));
    opt.set_upper_bounds(std::log(5.0));
    opt.set_min_objective(Objective, &ctx);
    opt.set_xtol_abs(0.02);
    opt.set_maxeval(40);
    std::vector<double> x = {0};
    double best = 0;
    try {
      opt.optimize(x, best);
    } catch (const std::exception&) {
      // NLopt's round-off stop keeps the best point in x.
    }
    if (!ctx.status.ok()) return ctx.status;
    potency[key] = std::exp(x[0]);
    std::set<std::string> cohorts;
    for (const Target& t : targets) cohorts.insert(t.cohort->id);
    result.fitted.push_back({key.first, key.second, potency[key], static_cast<long>(cohorts.size()), ctx.evaluations});
    if (progress != nullptr) progress->Update(++done, fit.size());
  }
  // Observed vs simulated: fitted cohorts with their pair's potency, held-out
  // ones with the potency fitted to the rest of their pair (1 when none).
  for (const auto* group : {&fit, &predict}) {
    for (const auto& [key, targets] : *group) {
      auto s = MakeScenario(key.first, key.second);
      if (!s.ok()) return s.status();
      if (potency.count(key)) s->product.potency = potency[key];
      for (const Target& t : targets) {
        CalibrationRow row;
        row.cohort = t.cohort->id;
        row.product = key.first;
        row.indication = key.second;
        row.endpoint = t.endpoint;
        row.n = t.n;
        row.observed = t.observed;
        std::tie(row.lower, row.upper) = ClopperPearson(t.events, t.n, 0.95);
        Status st;
        row.simulated = Simulated(*s, t.endpoint, q, &st);
        if (!st.ok()) return st;
        row.held_out = t.held_out;
        row.inside = row.simulated >= row.lower && row.simulated <= row.upper;
        result.rows.push_back(row);
      }
    }
  }
  if (progress != nullptr) progress->Finish();
  return result;
}

}  // namespace carta::sim
