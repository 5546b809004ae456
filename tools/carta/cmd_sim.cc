// carta sim run | trial | compare | calibrate | parameters: virtual patients and virtual
// trials of carta::sim (doc/model.md).
#include <filesystem>
#include <iostream>

#include "carta/api/sim.h"
#include "carta/core/progress.h"
#include "carta/sim/calibrate.h"
#include "carta/sim/figures.h"
#include "carta/sim/trial.h"
#include "carta/store/store.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

namespace {

struct SimArgs {
  std::string product, indication, format, svg;
  std::vector<std::string> set, strategies, strategy, hold_out;
  std::string db_path, out;
  long patients = 1000;
  uint64_t seed = 1;
  bool seed_given = false;
  bool leave_one_out = false;
  int threads = 0;
  double sample_days = 1;
};

// The scenario of --product and --indication with each --set NAME=VALUE applied
// and checked, then each --strategy (run and trial) in order.
Result<sim::Scenario> BuildScenario(const SimArgs& a) {
  auto s = sim::MakeScenario(a.product, a.indication, a.set);
  if (!s.ok()) return s;
  for (const std::string& name : a.strategy) {
    if (Status st = sim::ApplyStrategy(name, &*s); !st.ok()) return st.WithField("strategy");
  }
  return s;
}

// The library names the parameter at fault; options keep their "--" prefix.
int FailScenario(const Status& s) {
  return Fail(ForOption(s, {"product", "indication", "patients", "strategies", "strategy", "set"}));
}

int RunOne(const SimArgs& a) {
  auto s = BuildScenario(a);
  if (!s.ok()) return FailScenario(s.status());
  const sim::PatientDraw draw = a.seed_given ? sim::DrawPatient(a.seed, 0) : sim::TypicalPatient();
  std::vector<sim::TimePoint> course;
  auto o = sim::SimulatePatient(*s, draw, &course, a.sample_days);
  if (!o.ok()) return Fail(o.status());
  const Format format = a.format == "json" ? Format::kJson : Format::kCsv;
  if (format == Format::kJson) {
    api::Json j = api::ToJson(*s, *o);
    j["course"] = api::CourseListing(course).ToJson();
    std::cout << api::Dump(j) << "\n";
  } else {
    std::cout << api::CourseListing(course).ToCsv();
  }
  if (!a.svg.empty()) {
    const std::string title = s->product.label + " in " + s->disease.name +
                              (a.seed_given ? ", patient of seed " + std::to_string(a.seed) : ", typical patient");
    if (Status st = WriteOutputFile(a.svg, sim::CourseFigure(title, course)); !st.ok()) return Fail(st);
  }
  return 0;
}

// The observed landmarks of the cohorts matching the scenario, from the
// project database; none (with a note) when there is no database at all.
Result<std::vector<sim::ObservedLandmark>> ObservedFor(const SimArgs& a, const sim::Scenario& s) {
  std::error_code ec;
  if (!std::filesystem::exists(a.db_path, ec)) {
    std::cerr << "note: no project database at " << a.db_path << ": the figure has no observed landmarks\n";
    return std::vector<sim::ObservedLandmark>{};
  }
  auto eb = store::LoadEvidenceSnapshot(a.db_path);
  if (!eb.ok()) return eb.status();
  return sim::ObservedLandmarks(**eb, s);
}

int RunTrialCommand(const SimArgs& a) {
  auto s = BuildScenario(a);
  if (!s.ok()) return FailScenario(s.status());
  sim::TrialRequest q;
  q.scenario = *s;
  q.patients = a.patients;
  q.seed = a.seed;
  q.threads = a.threads;
  auto progress = TerminalProgress("virtual trial");
  auto r = sim::RunTrial(q, progress.get());
  if (!r.ok()) return FailScenario(r.status());
  const Format format = ParseFormat(a.format);
  if (format == Format::kJson) {
    std::cout << api::Dump(api::ToJson(r->summary)) << "\n";
  } else {
    Print(api::TrialListing(r->summary), format, std::cout);
  }
  if (!a.svg.empty()) {
    auto observed = ObservedFor(a, *s);
    if (!observed.ok()) return Fail(observed.status());
    const std::string svg = sim::TrialFigure(sim::TrialFigureTitle(*s), r->summary, *observed);
    if (Status st = WriteOutputFile(a.svg, svg); !st.ok()) return Fail(st);
  }
  return 0;
}

int RunCompare(const SimArgs& a) {
  if (a.strategies.size() != 2) {
    return Fail(Status::InvalidArgument("--strategies: give two strategies, A,B"));
  }
  auto s = BuildScenario(a);
  if (!s.ok()) return FailScenario(s.status());
  sim::CompareRequest q;
  q.scenario = *s;
  q.strategy_a = a.strategies[0];
  q.strategy_b = a.strategies[1];
  q.patients = a.patients;
  q.seed = a.seed;
  q.threads = a.threads;
  auto progress = TerminalProgress("comparison");
  auto r = sim::CompareStrategies(q, progress.get());
  if (!r.ok()) return FailScenario(r.status());
  const Format format = ParseFormat(a.format);
  if (format == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*r)) << "\n";
  } else {
    Print(api::DifferenceListing(r->differences), format, std::cout);
  }
  return 0;
}

int RunCalibrate(SimArgs& a) {
  auto eb = store::LoadEvidenceSnapshot(a.db_path);
  if (!eb.ok()) return Fail(eb.status());
  sim::CalibrateRequest q;
  q.hold_out = a.hold_out;
  q.leave_one_out = a.leave_one_out;
  q.patients = a.patients;
  q.seed = a.seed;
  q.threads = a.threads;
  q.settings = a.set;
  auto progress = TerminalProgress("calibration");
  auto r = sim::Calibrate(**eb, q, progress.get());
  if (!r.ok() && r.status().location().field == "hold_out") {
    return Fail(Status::InvalidArgument("--hold-out: " + r.status().message()));  // the option's spelling
  }
  if (!r.ok() && !a.set.empty() && r.status().code() == StatusCode::kInvalidArgument) {
    return Fail(Status::InvalidArgument("--set: " + r.status().message()));
  }
  if (!r.ok()) return Fail(r.status());
  for (const auto& e : r->excluded) {
    std::cerr << "carta: " << e.cohort << ": not fitted to its ORR and CR rate: " << e.reason << "\n";
  }
  const Format format = ParseFormat(a.format);
  if (format == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*r)) << "\n";
  } else {
    Print(api::CalibrationListing(r->rows), format, std::cout);
    if (format == Format::kTable) {  // the score under the rows; CSV stays one table
      std::cout << "\nInside the observed 95% CI:\n";
      Print(api::CalibrationCountListing(sim::CountInside(r->rows)), format, std::cout);
    }
  }
  if (!a.out.empty()) {
    if (Status st = WriteOutputFile(a.out, api::Dump(api::ToJson(*r)) + "\n"); !st.ok()) return Fail(st);
  }
  return 0;
}

void AddScenarioOptions(CLI::App* sub, SimArgs* a) {
  sub->add_option("--product", a->product,
                  "product: kymriah (tisa-cel), yescarta (axi-cel), tecartus (brexu-cel), "
                  "breyanzi (liso-cel), abecma (ide-cel), carvykti (cilta-cel), cd19-cd22, "
                  "cd19-cd20, bcma-cd19")
      ->required();
  sub->add_option("--indication", a->indication, "B-ALL, LBCL, FL, MCL, CLL or MM")->required();
  sub->add_option("--set", a->set, "NAME=VALUE: change a model parameter (see 'carta sim parameters')");
}

// --strategy for run and trial: one arm of `sim compare` on its own.
void AddStrategyOption(CLI::App* sub, SimArgs* a) {
  sub->add_option("--strategy", a->strategy,
                  "apply strategies, comma-separated, in order: single, dual, one-dose, fractionated, "
                  "toci-grade1, toci-grade2, hsct, no-hsct, 4-1bb, cd28 (as sim compare's arms)")
      ->delimiter(',');
}

void AddTrialOptions(CLI::App* sub, SimArgs* a) {
  sub->add_option("--patients", a->patients, "virtual patients (default 1000)");
  sub->add_option("--seed", a->seed, "random seed (default 1): the same seed gives the same patients");
  sub->add_option("--threads", a->threads, "threads (default: one per core)")->check(CLI::NonNegativeNumber);
  AddFormatOption(*sub, &a->format);
}

}  // namespace

int RunSim(int argc, char** argv) {
  CLI::App app(
      "The CAR-T simulator: a mechanistic model of CAR-T kinetics, tumour (antigen-positive and -negative),\n"
      "normal B or plasma cells, IL-6 and treatments, run for one virtual patient or a virtual trial.\n"
      "Equations, parameters, sources and limits: doc/model.md.",
      "sim");
  app.require_subcommand(1);
  SimArgs a;
  auto* run = app.add_subcommand("run", "one virtual patient's time courses as CSV (or JSON with its endpoints)");
  AddScenarioOptions(run, &a);
  run->add_option("--seed", a.seed, "draw the patient from this seed (default: the typical patient)")
      ->each([&a](const std::string&) { a.seed_given = true; });
  AddStrategyOption(run, &a);
  run->add_option("--every", a.sample_days, "days between rows (default 1)")->check(CLI::PositiveNumber);
  run->add_option("--svg", a.svg, "also draw the time courses to this SVG file");
  run->add_option("--format", a.format, "csv (default) or json")->check(CLI::IsMember({"csv", "json"}));
  auto* trial =
      app.add_subcommand("trial", "a virtual trial: response, CR, PFS, grade >= 3 CRS and ICANS, relapse type");
  AddScenarioOptions(trial, &a);
  AddStrategyOption(trial, &a);
  AddTrialOptions(trial, &a);
  trial->add_option("--svg", a.svg,
                    "also draw the PFS Kaplan-Meier curve to this SVG file, with the observed PFS/EFS/RFS "
                    "landmarks and medians of the matching cohorts (from --db)");
  AddDbOption(*trial, &a.db_path);
  auto* compare =
      app.add_subcommand("compare", "two strategies on the same virtual patients: differences with 95% CIs");
  AddScenarioOptions(compare, &a);
  AddTrialOptions(compare, &a);
  compare
      ->add_option("--strategies", a.strategies,
                   "A,B from: single, dual, one-dose, fractionated, toci-grade1, "
                   "toci-grade2, hsct, no-hsct, 4-1bb, cd28")
      ->delimiter(',')
      ->required();
  auto* calibrate = app.add_subcommand("calibrate",
                                       "fit each product's potency (and CRS scale) per indication to the "
                                       "evidence base's ORR, CR, grade >= 3 CRS/ICANS and PFS; observed vs simulated");
  AddDbOption(*calibrate, &a.db_path);
  AddTrialOptions(calibrate, &a);
  calibrate->add_option("--hold-out", a.hold_out, "cohort ids to predict but not fit, comma-separated")->delimiter(',');
  calibrate->add_flag("--leave-one-out", a.leave_one_out,
                      "also predict each fitted cohort from a fit to the rest of its product and indication "
                      "(one more fit per cohort: slow)");
  calibrate->add_option("--set", a.set,
                        "NAME=VALUE: change a model parameter for every product and indication before "
                        "fitting (a sensitivity analysis; see 'carta sim parameters')");
  calibrate->add_option("--out", a.out, "save the fitted set with the data it saw (JSON) to this file");
  auto* parameters = app.add_subcommand("parameters", "the model's parameters with units and sources");
  AddScenarioOptions(parameters, &a);
  AddFormatOption(*parameters, &a.format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  const std::string name = app.get_subcommands().front()->get_name();
  if (name == "run") return RunOne(a);
  if (name == "trial") return RunTrialCommand(a);
  if (name == "compare") return RunCompare(a);
  if (name == "calibrate") {
    if (app.get_subcommands().front()->count("--patients") == 0) a.patients = 400;
    return RunCalibrate(a);
  }
  auto s = BuildScenario(a);
  if (!s.ok()) return FailScenario(s.status());
  Print(api::ParameterListing(sim::DescribeParameters(*s)), ParseFormat(a.format), std::cout);
  return 0;
}

}  // namespace carta::cli
