// Potency per product and indication, fitted with NLopt to the evidence base.
#include "carta/sim/calibrate.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <nlopt.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "carta/core/binomial.h"
#include "carta/sim/trial.h"

namespace carta::sim {

namespace {

struct Target {
  const evidence::Cohort* cohort = nullptr;
  std::string endpoint;  // "orr", "cr_rate", "crs_grade3_rate", "icans_grade3_rate", "pfs_at_12_months", ...
  long n = 0;
  long events = 0;
  double observed = 0;
  double months = 0;   // the time of a PFS landmark, median or bound
  bool bound = false;  // a median not reached: S(follow-up) >= 0.5, one-sided
  bool held_out = false;
};

// "pfs_12mo" -> ("pfs", 12); "efs_median" -> ("efs", NaN); otherwise ("", 0).
std::pair<std::string, double> SurvivalKey(const std::string& key);

std::string Months(double m) {
  std::string s = std::to_string(m);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// The cohort's observed rates (ORR, CR, grade >= 3 CRS and ICANS) and PFS
// landmarks and medians, as binomial targets with the cohort's n. A CR rate
// above the ORR by more than one patient leaves both out, said in *excluded.
std::vector<Target> TargetsOf(const evidence::Cohort& c, bool held_out, std::vector<CalibrationExclusion>* excluded) {
  std::vector<Target> out;
  auto add = [&](const evidence::CohortValue& v, Target t) {
    auto n = c.NFor(v);
    if (!n || *n < 1) return;
    t.cohort = &c;
    t.n = *n;
    t.events = std::lround(t.observed * static_cast<double>(t.n));
    t.held_out = held_out;
    out.push_back(t);
  };
  const std::pair<const char*, const char*> rates[] = {
      {"orr", "orr"}, {"crr", "cr_rate"}, {"crs_g3plus", "crs_grade3_rate"}, {"icans_g3plus", "icans_grade3_rate"}};
  for (const auto& [key, endpoint] : rates) {
    const evidence::CohortValue* v = c.First(key);
    if (v == nullptr || v->kind != evidence::CohortValue::Kind::kRate || !v->rate.known()) continue;
    Target t;
    t.endpoint = endpoint;
    t.observed = std::clamp(v->rate.percent / 100, 0.0, 1.0);
    add(*v, t);
  }
  auto rate = [&out](const char* endpoint) {
    auto it = std::find_if(out.begin(), out.end(), [endpoint](const Target& t) { return t.endpoint == endpoint; });
    return it == out.end() ? NAN : it->observed;
  };
  // More than one patient apart: rounding, or two data cuts of one trial
  // (ELIANA: ORR 81%, CR 82%), is not a contradiction here, though the audit's
  // `cr-above-orr` rule (evidence/audit.cc), which shows a reader every
  // excess, reports it. False when either is missing.
  const long n = out.empty() ? 0 : out.front().n;
  if (const double orr = rate("orr"), cr = rate("cr_rate"); (cr - orr) * static_cast<double>(n) > 1) {
    std::erase_if(out, [](const Target& t) { return t.endpoint == "orr" || t.endpoint == "cr_rate"; });
    std::ostringstream why;
    why << "the CR rate (" << cr * 100 << "%) is above the ORR (" << orr * 100 << "%)";
    excluded->push_back({c.id, {"orr", "cr_rate"}, why.str()});
  }
  for (const evidence::CohortValue& v : c.values) {
    const auto [kind, months] = SurvivalKey(v.key);
    if (kind != "pfs") continue;
    Target t;
    if (!std::isnan(months) && v.kind == evidence::CohortValue::Kind::kRate && v.rate.known()) {
      t.endpoint = "pfs_at_" + Months(months) + "_months";
      t.months = months;
      t.observed = std::clamp(v.rate.percent / 100, 0.0, 1.0);
    } else if (std::isnan(months) && v.kind == evidence::CohortValue::Kind::kMedian) {
      t.observed = 0.5;
      if (std::isfinite(v.Number())) {
        t.months = v.Number();
        t.endpoint = "pfs_at_median_" + Months(t.months) + "_months";
      } else {
        // Not reached: at least half the patients progression-free at the median follow-up.
        const evidence::CohortValue* fu = c.First("followup_median");
        if (fu == nullptr || !std::isfinite(fu->Number()) || fu->Number() <= 0) continue;
        t.months = fu->Number();
        t.bound = true;
        t.endpoint = "pfs_at_" + Months(t.months) + "_months_not_reached";
      }
    } else {
      continue;
    }
    add(v, t);
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

double SimulatedValue(const TrialSummary& s, const Target& t) {
  if (t.endpoint == "orr") return s.orr.rate;
  if (t.endpoint == "cr_rate") return s.cr_rate.rate;
  if (t.endpoint == "crs_grade3_rate") return s.crs_grade3.rate;
  if (t.endpoint == "icans_grade3_rate") return s.icans_grade3.rate;
  const survival::SurvivalEstimate e = survival::SurvivalAt(s.pfs_curve, t.months);
  return e.within_followup ? e.surv : NAN;  // beyond the horizon: no value (the fit avoids it)
}

// The fitted parameters of one product-by-indication pair.
struct PairFit {
  double potency = 1;
  double crs_scale = 1;  // multiplies both IL-6 drives (c_IL6 and c_act)
  long evaluations = 0;
  bool crs_fitted = false;  // the pair's cohorts printed grade >= 3 CRS or ICANS
  double dose_cells = 0;    // the dose of the scenario fitted
};

void Apply(const PairFit& f, Scenario* s) {
  s->product.potency = f.potency;
  s->product.crs_scale = f.crs_scale;
}

Result<TrialSummary> SimulatedTrial(const Scenario& s, const CalibrateRequest& q) {
  TrialRequest t;
  t.scenario = s;
  t.patients = q.patients;
  t.seed = q.seed;
  t.threads = q.threads;
  auto r = RunTrial(t);
  if (!r.ok()) return r.status();
  return std::move(r->summary);
}

// Binomial deviance 2·[k ln(k/np) + (n−k) ln((n−k)/(n(1−p)))]: each
// target weighs by its n; a bound costs nothing when it is met.
double Deviance(const Target& t, double simulated) {
  if (t.bound && simulated >= t.observed) return 0;
  const double p = std::clamp(simulated, 1e-4, 1 - 1e-4), n = static_cast<double>(t.n);
  const double k = static_cast<double>(t.events);
  double d = 0;
  if (k > 0) d += k * std::log(k / (n * p));
  if (n - k > 0) d += (n - k) * std::log((n - k) / (n * (1 - p)));
  return 2 * d;
}

struct FitContext {
  Scenario base;
  const std::vector<Target>* targets;
  const CalibrateRequest* request;
  bool fit_crs = false;
  Status status;
  long evaluations = 0;
};

double Objective(const std::vector<double>& x, std::vector<double>& /*grad*/, void* data) {
  auto* f = static_cast<FitContext*>(data);
  ++f->evaluations;
  Scenario s = f->base;
  Apply({std::exp(x[0]), f->fit_crs ? std::exp(x[1]) : 1.0, 0}, &s);
  auto summary = SimulatedTrial(s, *f->request);
  if (!summary.ok()) {
    f->status = summary.status();
    return 1e300;
  }
  double sum = 0;
  for (const Target& t : *f->targets) sum += Deviance(t, SimulatedValue(*summary, t));
  return std::isfinite(sum) ? sum : 1e300;
}

bool IsToxicity(const Target& t) { return t.endpoint == "crs_grade3_rate" || t.endpoint == "icans_grade3_rate"; }

// Fits potency (and the CRS scale when the targets include grade >= 3 CRS or
// ICANS) with NLopt's Sbplx on the log scale.
Result<PairFit> FitPair(const Scenario& base, const std::vector<Target>& targets, const CalibrateRequest& q) {
  FitContext ctx{base, &targets, &q, std::any_of(targets.begin(), targets.end(), IsToxicity), Status::Ok(), 0};
  const unsigned dims = ctx.fit_crs ? 2 : 1;
  nlopt::opt opt(nlopt::LN_SBPLX, dims);
  opt.set_lower_bounds(std::vector<double>(dims, std::log(0.02)));
  opt.set_upper_bounds(std::vector<double>(dims, std::log(50.0)));
  opt.set_min_objective(Objective, &ctx);
  opt.set_xtol_abs(0.02);
  opt.set_maxeval(dims == 1 ? 40 : 80);
  // Sbplx is local: it starts from the best point of a coarse grid on the log
  // scale (potency 0.03-3, the CRS scale 0.03-1), so that a ridge between
  // potency and the CRS scale does not hold it in a far corner (it stopped at
  // potency 4.9 for TRANSCEND LBCL from potency 1, CRS scale 1).
  std::vector<double> x(dims, 0.0), probe(dims, 0.0), no_grad;
  double best = 1e300;
  const std::vector<double> potencies = {0.03, 0.1, 0.3, 1, 3}, scales = {0.03, 0.1, 0.3, 1, 3, 10};
  for (double potency : potencies) {
    for (double scale : dims == 2 ? scales : std::vector<double>{1}) {
      probe[0] = std::log(potency);
      if (dims == 2) probe[1] = std::log(scale);
      const double value = Objective(probe, no_grad, &ctx);
      if (!ctx.status.ok()) return ctx.status;
      if (value < best) best = value, x = probe;
    }
  }
  opt.set_initial_step(std::vector<double>(dims, 0.5));
  try {
    opt.optimize(x, best);
  } catch (const std::exception&) {
    // NLopt's round-off stop keeps the best point in x.
  }
  if (!ctx.status.ok()) return ctx.status;
  return PairFit{std::exp(x[0]), dims == 2 ? std::exp(x[1]) : 1.0, ctx.evaluations, dims == 2, base.product.dose_cells};
}

using PairKey = std::pair<std::string, std::string>;  // product id, indication name

// The scenario of a pair with the request's settings applied.
Result<Scenario> PairScenario(const PairKey& key, const CalibrateRequest& q) {
  return MakeScenario(key.first, key.second, q.settings);
}

// The geometric mean of `value` over the fitted pairs other than `key` that
// `same` accepts and `has` says carry the value; NaN when there is none.
template <typename Same, typename Has, typename Value>
double PooledLog(const PairKey& key, const std::map<PairKey, PairFit>& fitted, Same same, Has has, Value value) {
  double sum = 0;
  int count = 0;
  for (const auto& [other, f] : fitted) {
    if (other == key || !same(other) || !has(f)) continue;
    sum += std::log(value(f));
    ++count;
  }
  return count > 0 ? std::exp(sum / count) : NAN;
}

// The prior for a pair none of whose cohorts is left to fit (complete pooling
// on the log scale): the geometric mean of the other pairs' fitted potency ×
// dose of the same indication, else of the same lineage antigen (CD19
// diseases, BCMA in MM), else of all pairs, divided by this pair's dose (the
// expansion scales with the dose under the proliferative program, so potency
// × dose is what carries across products); the CRS scale likewise over the
// pairs that fitted one (1 when none did). Only fits of other pairs enter, so
// a held-out cohort that is alone in its pair never informs its own prediction.
Result<PairFit> PooledFit(const PairKey& key, const std::map<PairKey, PairFit>& fitted, const CalibrateRequest& q) {
  auto scenario = PairScenario(key, q);
  if (!scenario.ok()) return scenario.status();
  const Antigen antigen = scenario->disease.antigen;
  auto same_indication = [&key](const PairKey& k) { return k.second == key.second; };
  auto same_antigen = [antigen](const PairKey& k) {
    auto s = MakeScenario(k.first, k.second);
    return s.ok() && s->disease.antigen == antigen;
  };
  auto any = [](const PairKey&) { return true; };
  auto pooled = [&](auto has, auto value) {
    double v = PooledLog(key, fitted, same_indication, has, value);
    if (std::isnan(v)) v = PooledLog(key, fitted, same_antigen, has, value);
    if (std::isnan(v)) v = PooledLog(key, fitted, any, has, value);
    return v;
  };
  PairFit prior;
  const double potency =
      pooled([](const PairFit&) { return true; }, [](const PairFit& f) { return f.potency * f.dose_cells; }) /
      scenario->product.dose_cells;
  const double crs =
      pooled([](const PairFit& f) { return f.crs_fitted; }, [](const PairFit& f) { return f.crs_scale; });
  if (!std::isnan(potency)) prior.potency = potency;
  if (!std::isnan(crs)) prior.crs_scale = crs;
  return prior;
}

// Observed vs simulated rows of `targets` under the pair's fit.
Status AddRows(const std::pair<std::string, std::string>& key, const std::vector<Target>& targets, const PairFit& fit,
               const CalibrateRequest& q, bool held_out, std::vector<CalibrationRow>* rows) {
  auto s = PairScenario(key, q);
  if (!s.ok()) return s.status();
  Apply(fit, &*s);
  auto summary = SimulatedTrial(*s, q);
  if (!summary.ok()) return summary.status();
  for (const Target& t : targets) {
    CalibrationRow row;
    row.cohort = t.cohort->id;
    row.product = key.first;
    row.indication = key.second;
    row.endpoint = t.endpoint;
    row.n = t.n;
    row.observed = t.observed;
    std::tie(row.lower, row.upper) = ClopperPearson(t.events, t.n, 0.95);
    if (t.bound) row.upper = 1;
    row.simulated = SimulatedValue(*summary, t);
    row.held_out = held_out;
    row.inside = row.simulated >= row.lower && row.simulated <= row.upper;
    rows->push_back(row);
  }
  return Status::Ok();
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

std::vector<CalibrationCount> CountInside(const std::vector<CalibrationRow>& rows) {
  std::vector<CalibrationCount> out;
  for (const char* kind : {"orr", "cr_rate", "crs_grade3_rate", "icans_grade3_rate", "pfs"}) {
    CalibrationCount c;
    c.endpoint = kind;
    for (const CalibrationRow& r : rows) {
      const bool match = c.endpoint == "pfs" ? r.endpoint.rfind("pfs_", 0) == 0 : r.endpoint == c.endpoint;
      if (!match) continue;
      (r.held_out ? c.held_out : c.fitted) += 1;
      (r.held_out ? c.held_out_inside : c.fitted_inside) += r.inside ? 1 : 0;
    }
    if (c.fitted + c.held_out > 0) out.push_back(c);
  }
  return out;
}

Result<CalibrateResult> Calibrate(const evidence::EvidenceBase& eb, const CalibrateRequest& q, Progress* progress) {
  // The settings are refused before any fit, even when no cohort would use
  // them: applied to the default product and disease (a product targeting the
  // disease's antigen).
  Scenario probe;
  probe.product.targets = {probe.disease.antigen};
  if (Status st = ApplyAssignments(q.settings, &probe); !st.ok()) return st;
  for (const std::string& id : q.hold_out) {
    auto it = std::find_if(eb.cohorts.begin(), eb.cohorts.end(), [&id](const auto& c) { return c.id == id; });
    if (it == eb.cohorts.end()) {
      return Status::InvalidArgument("no cohort '" + id + "' in the evidence base").WithField("hold_out");
    }
  }
  using Key = PairKey;
  std::map<Key, std::vector<Target>> fit, predict;
  std::vector<CalibrationExclusion> excluded;
  for (const auto& c : eb.cohorts) {
    const auto key = PairOf(c);
    if (key.first.empty()) continue;
    const bool held = std::find(q.hold_out.begin(), q.hold_out.end(), c.id) != q.hold_out.end();
    // A cohort stands for the simulator when it printed an ORR.
    const evidence::CohortValue* orr = c.First("orr");
    if (orr == nullptr || orr->kind != evidence::CohortValue::Kind::kRate || !orr->rate.known()) continue;
    std::vector<Target> targets = TargetsOf(c, held, &excluded);
    for (Target& t : targets) (held ? predict : fit)[key].push_back(t);
  }
  CalibrateResult result;
  result.excluded = std::move(excluded);
  result.patients = q.patients;
  result.seed = q.seed;
  result.settings = q.settings;
  std::map<Key, PairFit> fitted;
  uint64_t done = 0;
  const uint64_t total = fit.size();
  for (const auto& [key, targets] : fit) {
    if (IsCancelled(progress)) return Status::Cancelled("calibration was cancelled");
    auto base = PairScenario(key, q);
    if (!base.ok()) return base.status();
    auto f = FitPair(*base, targets, q);
    if (!f.ok()) return f.status();
    fitted[key] = *f;
    std::set<std::string> cohorts;
    for (const Target& t : targets) cohorts.insert(t.cohort->id);
    result.fitted.push_back(
        {key.first, key.second, f->potency, f->crs_scale, static_cast<long>(cohorts.size()), f->evaluations});
    if (progress != nullptr) progress->Update(++done, total);
  }
  // Observed vs simulated: fitted cohorts with their pair's fit, held-out
  // ones with the fit of the rest of their pair, else the pooled prior of the
  // other pairs (PooledFit).
  for (const auto& [key, targets] : fit) {
    if (Status st = AddRows(key, targets, fitted[key], q, false, &result.rows); !st.ok()) return st;
  }
  for (const auto& [key, targets] : predict) {
    PairFit f;
    if (fitted.count(key)) {
      f = fitted[key];
    } else {
      auto prior = PooledFit(key, fitted, q);
      if (!prior.ok()) return prior.status();
      f = *prior;
    }
    if (Status st = AddRows(key, targets, f, q, true, &result.rows); !st.ok()) return st;
  }
  if (q.leave_one_out) {
    // Each fitted cohort predicted by a fit to the rest of its pair.
    for (const auto& [key, targets] : fit) {
      std::vector<std::string> ids;
      for (const Target& t : targets) {
        if (std::find(ids.begin(), ids.end(), t.cohort->id) == ids.end()) ids.push_back(t.cohort->id);
      }
      for (const std::string& id : ids) {
        if (IsCancelled(progress)) return Status::Cancelled("calibration was cancelled");
        std::vector<Target> rest, left;
        for (const Target& t : targets) (t.cohort->id == id ? left : rest).push_back(t);
        // The rest of the pair, or the pooled prior of the other pairs when the
        // rest has no ORR to fit potency to (alone in its pair, or beside a
        // cohort whose ORR was excluded). (The fit above has made this pair's scenario.)
        const bool rest_has_orr =
            std::any_of(rest.begin(), rest.end(), [](const Target& t) { return t.endpoint == "orr"; });
        auto f = rest_has_orr ? FitPair(*PairScenario(key, q), rest, q) : PooledFit(key, fitted, q);
        if (!f.ok()) return f.status();
        for (Target& t : left) t.held_out = true;
        if (Status st = AddRows(key, left, *f, q, true, &result.rows); !st.ok()) return st;
      }
    }
  }
  if (progress != nullptr) progress->Finish();
  return result;
}

}  // namespace carta::sim
