// Strategies and their comparison on common random numbers.
#include <cmath>
#include <functional>

#include "carta/sim/trial.h"

namespace carta::sim {

namespace {

constexpr double kDaysPerMonth = 365.25 / 12;

struct Strategy {
  const char* name;
  const char* what;
  Status (*apply)(Scenario*);
};

// The dual-target variant of a single-target product: CD19 -> CD19/CD22, BCMA -> BCMA/CD19.
Status Dual(Scenario* s) {
  if (s->product.targets.size() >= 2) return Status::Ok();
  const char* dual = s->disease.antigen == Antigen::kBCMA ? "bcma-cd19" : "cd19-cd22";
  auto p = FindProduct(dual);
  if (!p.ok()) return p.status();
  // The same cells with a second target: kinetics and dose of the base product.
  Product base = s->product;
  base.id = p->id;
  base.label = p->label + " (kinetics of " + s->product.id + ")";
  base.targets = p->targets;
  s->product = base;
  return Status::Ok();
}

Status Single(Scenario* s) {
  s->product.targets.resize(1);
  return Status::Ok();
}

Status Fractionated(Scenario* s) {
  s->regimen.fraction_days = {0, 1, 2};
  s->regimen.fractions = {0.1, 0.3, 0.6};
  return Status::Ok();
}

Status OneDose(Scenario* s) {
  s->regimen.fraction_days = {0};
  s->regimen.fractions = {1};
  return Status::Ok();
}

// Costimulation at equal dose: the kinetics of the catalogue's 4-1BB or CD28 product.
Status WithCostim(Scenario* s, const char* template_product) {
  auto p = FindProduct(template_product);
  if (!p.ok()) return p.status();
  s->product.costim = p->costim;
  s->product.effector_loss_per_day = p->effector_loss_per_day;
  s->product.memory_loss_per_day = p->memory_loss_per_day;
  return Status::Ok();
}

const Strategy kStrategies[] = {
    {"single", "one target", Single},
    {"dual", "a second target (CD19/CD22, or BCMA/CD19 in MM)", Dual},
    {"one-dose", "the whole dose on day 0", OneDose},
    {"fractionated", "10%, 30%, 60% on days 0, 1, 2; later fractions withheld once CRS begins", Fractionated},
    {"toci-grade1", "tocilizumab at CRS grade 1",
     [](Scenario* s) {
       s->regimen.tocilizumab_crs_grade = 1;
       return Status::Ok();
     }},
    {"toci-grade2", "tocilizumab at CRS grade 2",
     [](Scenario* s) {
       s->regimen.tocilizumab_crs_grade = 2;
       return Status::Ok();
     }},
    {"hsct", "allogeneic HSCT consolidation of patients in CR",
     [](Scenario* s) {
       s->regimen.hsct = true;
       return Status::Ok();
     }},
    {"no-hsct", "no consolidation",
     [](Scenario* s) {
       s->regimen.hsct = false;
       return Status::Ok();
     }},
    {"4-1bb", "4-1BB costimulation kinetics at the same dose", [](Scenario* s) { return WithCostim(s, "kymriah"); }},
    {"cd28", "CD28 costimulation kinetics at the same dose", [](Scenario* s) { return WithCostim(s, "yescarta"); }},
};

// A paired difference B - A of per-patient values with its normal 95% interval.
Difference Paired(const std::string& endpoint, const std::vector<PatientOutcome>& a,
                  const std::vector<PatientOutcome>& b, const std::function<double(const PatientOutcome&)>& value) {
  const double n = static_cast<double>(a.size());
  double sa = 0, sb = 0, sd = 0, sd2 = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const double va = value(a[i]), vb = value(b[i]);
    sa += va;
    sb += vb;
    sd += vb - va;
    sd2 += (vb - va) * (vb - va);
  }
  Difference d;
  d.endpoint = endpoint;
  d.a = sa / n;
  d.b = sb / n;
  d.difference = sd / n;
  const double var = n > 1 ? (sd2 - sd * sd / n) / (n - 1) : 0;
  const double half = 1.959963984540054 * std::sqrt(var / n);
  d.lower = d.difference - half;
  d.upper = d.difference + half;
  return d;
}

std::vector<Difference> Differences(const std::vector<PatientOutcome>& a, const std::vector<PatientOutcome>& b) {
  std::vector<Difference> out;
  out.push_back(
      Paired("orr", a, b, [](const PatientOutcome& p) { return p.best_response != Response::kNone ? 1.0 : 0.0; }));
  out.push_back(Paired("cr_rate", a, b,
                       [](const PatientOutcome& p) { return p.best_response == Response::kComplete ? 1.0 : 0.0; }));
  out.push_back(Paired("pfs_at_12_months", a, b, [](const PatientOutcome& p) {
    return !p.pfs_event || p.pfs_days > 12 * kDaysPerMonth ? 1.0 : 0.0;
  }));
  out.push_back(
      Paired("relapse_rate", a, b, [](const PatientOutcome& p) { return p.relapse != Relapse::kNone ? 1.0 : 0.0; }));
  out.push_back(Paired("antigen_negative_relapse_rate", a, b,
                       [](const PatientOutcome& p) { return p.relapse == Relapse::kAntigenNegative ? 1.0 : 0.0; }));
  out.push_back(Paired("crs_grade3_rate", a, b, [](const PatientOutcome& p) { return p.crs_grade >= 3 ? 1.0 : 0.0; }));
  out.push_back(
      Paired("icans_grade3_rate", a, b, [](const PatientOutcome& p) { return p.icans_grade >= 3 ? 1.0 : 0.0; }));
  out.push_back(Paired("log10_il6_peak", a, b,
                       [](const PatientOutcome& p) { return std::log10(std::max(p.il6_peak_pg_ml, 1e-3)); }));
  out.push_back(Paired("persistence_days", a, b, [](const PatientOutcome& p) { return p.persistence_days; }));
  return out;
}

}  // namespace

std::vector<std::string> StrategyNames() {
  std::vector<std::string> out;
  for (const Strategy& s : kStrategies) out.push_back(s.name);
  return out;
}

Status ApplyStrategy(std::string_view name, Scenario* scenario) {
  for (const Strategy& s : kStrategies) {
    if (name == s.name) return s.apply(scenario);
  }
  std::string names;
  for (const auto& n : StrategyNames()) names += (names.empty() ? "" : ", ") + n;
  return Status::InvalidArgument("unknown strategy '" + std::string(name) + "'; accepted: " + names)
      .WithField("strategies");
}

Result<CompareResult> CompareStrategies(const CompareRequest& request, Progress* progress) {
  CompareResult r;
  r.strategy_a = request.strategy_a;
  r.strategy_b = request.strategy_b;
  r.patients = request.patients;
  std::vector<PatientOutcome> outcomes[2];
  TrialSummary* summaries[2] = {&r.a, &r.b};
  const std::string* names[2] = {&request.strategy_a, &request.strategy_b};
  for (int k = 0; k < 2; ++k) {
    TrialRequest t;
    t.scenario = request.scenario;
    if (Status st = ApplyStrategy(*names[k], &t.scenario); !st.ok()) return st;
    t.patients = request.patients;
    t.seed = request.seed;  // common random numbers: the same patients under both strategies
    t.threads = request.threads;
    auto trial = RunTrial(t, k == 1 ? progress : nullptr);
    if (!trial.ok()) return trial.status();
    outcomes[k] = std::move(trial->patients);
    *summaries[k] = std::move(trial->summary);
  }
  r.differences = Differences(outcomes[0], outcomes[1]);
  return r;
}

}  // namespace carta::sim
