// carta surv km | reconstruct | fit | pool: long-term survival from patient
// rows, from published curves, and from the evidence base.
#include <algorithm>
#include <iostream>

#include "carta/store/store.h"
#include "carta/core/text.h"
#include "carta/plot/km_plot.h"
#include "carta/report/survival_figures.h"
#include "carta/survival/analyze.h"
#include "commands.h"
#include "common.h"
#include "carta/api/survival_text.h"

namespace carta::cli {

namespace {

struct SurvArgs {
  std::string input, points, risk, db_path, format;
  survival::SurvColumns columns;
  std::string conf_type = "log", dist = "weibull", cure = "none", link = "logistic", time_unit = "months";
  std::string reference, endpoint = "pfs", target, indication, product, scale = "loglog", method = "REML";
  std::vector<double> at;
  std::vector<std::string> ipd;
  double level = 95, rmst = 0, bhazard = -1;
  long events = -1;
  int landmark = 12;
  bool steps = false, knha = false;
  bool keep_duplicate_registrations = false;
  std::vector<std::string> prefer;
  std::string svg;
};


// A figure's words: its title and the time axis in `time_unit`.
plot::KaplanMeierSpec FigureText(const std::string& title, const std::string& time_unit) {
  plot::KaplanMeierSpec spec;
  spec.title = title;
  spec.x_label = "Time (" + time_unit + ")";
  return spec;
}

Result<survival::SurvInput> ReadInput(const std::string& file, const survival::SurvColumns& columns) {
  auto text = ReadTextFile(file);
  if (!text.ok()) return text.status();
  return survival::SurvInput{std::move(*text), file, columns};
}

int RunKm(const SurvArgs& a) {
  survival::KmRequest q;
  auto input = ReadInput(a.input, a.columns);
  if (!input.ok()) return Fail(input.status());
  q.input = std::move(*input);
  q.km.conf_type = *survival::ParseConfType(a.conf_type);  // checked by the option
  q.km.level = a.level / 100;
  q.at = a.at;
  q.rmst_horizon = a.rmst;
  q.reference = a.reference;
  q.steps = a.steps;
  auto r = survival::AnalyzeKaplanMeier(q);
  // Only fields that are options get a "--" prefix; a column ("group") is named by the message.
  if (!r.ok()) return Fail(ForOption(r.status(), {"at", "rmst", "reference"}));
  PrintKm(*r, ParseFormat(a.format), std::cout);
  if (!a.svg.empty()) {
    std::vector<std::string> names;
    std::vector<survival::KaplanMeier> curves;
    for (const auto& g : r->groups) {
      names.push_back(g.group);
      curves.push_back(g.curve);
    }
    const auto spec = FigureText("Kaplan-Meier estimate: " + a.input, a.time_unit);
    if (Status s = WriteOutputFile(a.svg, report::KmFigure(spec, names, curves)); !s.ok()) return Fail(s);
  }
  return 0;
}

int RunReconstruct(const SurvArgs& a) {
  survival::ReconstructRequest q;
  auto points = ReadTextFile(a.points);
  if (!points.ok()) return Fail(points.status());
  auto risk = ReadTextFile(a.risk);
  if (!risk.ok()) return Fail(risk.status());
  q.points_csv = std::move(*points);
  q.points_source = a.points;
  q.risk_csv = std::move(*risk);
  q.risk_source = a.risk;
  q.total_events = a.events;
  auto r = survival::ReconstructPatients(q);
  if (!r.ok()) return Fail(ForOption(r.status(), {"events"}));  // "survival", "nrisk": columns, named by the message
  PrintReconstruction(*r, ParseFormat(a.format), std::cout, std::cerr);
  if (!a.svg.empty()) {
    const auto spec = FigureText("Reconstructed vs digitised: " + a.points, "months");
    if (Status s = WriteOutputFile(a.svg, report::ReconstructionFigure(spec, *r, "digitised", "reconstructed")); !s.ok()) {
      return Fail(s);
    }
  }
  return 0;
}

int RunFit(const SurvArgs& a) {
  survival::FitRequest q;
  auto input = ReadInput(a.input, a.columns);
  if (!input.ok()) return Fail(input.status());
  q.input = std::move(*input);
  // Each name was checked by its option's validator.
  q.dists = *survival::ParseDists(a.dist);
  q.cure = *survival::ParseCure(a.cure);
  q.link = *survival::ParseCureLink(a.link);
  q.time_unit = *survival::ParseTimeUnit(a.time_unit);
  q.level = a.level / 100;
  q.bhazard = a.bhazard;
  q.at = a.at;
  auto r = survival::FitModels(q);
  if (!r.ok()) return Fail(ForOption(r.status(), {"at", "dist"}));
  PrintFits(*r, ParseFormat(a.format), std::cout);
  if (!a.svg.empty()) {
    const auto spec = FigureText("Fitted and extrapolated survival: " + a.input, a.time_unit);
    const std::string svg = report::ModelFigure(spec, r->data, r->fits, r->plot_until, "Kaplan-Meier");
    if (Status s = WriteOutputFile(a.svg, svg); !s.ok()) return Fail(s);
  }
  return 0;
}

meta::FitOptions MetaFit(const SurvArgs& a) {
  meta::FitOptions fit;
  fit.method = *meta::ParseMethod(a.method);  // checked by the option
  fit.knha = a.knha;
  fit.level = a.level / 100;
  return fit;
}

// --ipd: each file one study's patient rows (reconstructed or original), pooled stratified by study.
int RunPoolIpd(const SurvArgs& a) {
  survival::IpdPoolRequest q;
  for (const std::string& file : a.ipd) {
    auto input = ReadInput(file, a.columns);
    if (!input.ok()) return Fail(input.status());
    q.studies.push_back({survival::StudyName(file), std::move(*input)});
  }
  q.options.landmarks = a.at;
  q.options.scale = *survival::ParsePoolScale(a.scale);
  q.options.fit = MetaFit(a);
  q.options.reference = a.reference;
  auto pool = survival::PoolPatientData(q);
  if (!pool.ok()) return Fail(ForOption(pool.status()));
  PrintIpdPool(*pool, ParseFormat(a.format), std::cout);
  return 0;
}

int RunPool(const SurvArgs& a) {
  if (!a.ipd.empty()) return RunPoolIpd(a);
  auto eb = store::LoadEvidenceSnapshot(a.db_path);
  if (!eb.ok()) return Fail(eb.status());
  survival::LandmarkPoolRequest q;
  q.endpoint = a.endpoint;
  q.landmark_months = a.landmark;
  q.target = a.target;
  q.indication = a.indication;
  q.product = a.product;
  q.scale = *survival::ParsePoolScale(a.scale);
  q.fit = MetaFit(a);
  q.registrations = {a.keep_duplicate_registrations, a.prefer};
  auto pool = survival::PoolEvidenceLandmark(**eb, q);
  if (!pool.ok()) return Fail(ForOption(pool.status()));
  PrintPool(*pool, ParseFormat(a.format), std::cout);
  return 0;
}

void AddInputOptions(CLI::App* sub, SurvArgs* a) {
  sub->add_option("--input", a->input, "CSV file with one row per patient: time,event[,group]")->required();
  sub->add_option("--time-col", a->columns.time, "name of the time column (default time)");
  sub->add_option("--event-col", a->columns.event, "name of the event column, 1 event / 0 censored (default event)");
  sub->add_option("--group-col", a->columns.group, "name of the group column (default group; optional)");
}

CLI::App* AddKm(CLI::App& app, SurvArgs* a) {
  auto* km = app.add_subcommand("km", "Kaplan-Meier per group with median, landmarks, RMST, log-rank test and Cox model");
  AddInputOptions(km, a);
  km->add_option("--svg", a->svg, "also write the Kaplan-Meier plot (censor marks, numbers at risk) to this SVG file");
  km->add_option("--conf-type", a->conf_type, "interval scale: log (default, as R), log-log or plain")
      ->check(Accepts(survival::ParseConfType));
  km->add_option("--at", a->at, "landmark times, comma-separated (data units)")->delimiter(',');
  km->add_option("--rmst", a->rmst, "restricted mean survival time up to this horizon")->check(CLI::PositiveNumber);
  km->add_option("--reference", a->reference, "reference group of the Cox model (default: first in sorted order)");
  km->add_flag("--steps", a->steps, "include every step of the curve in JSON");
  return km;
}

CLI::App* AddReconstruct(CLI::App& app, SurvArgs* a) {
  auto* rec = app.add_subcommand("reconstruct", "patient rows from a digitised Kaplan-Meier curve (Guyot et al. 2012); "
                                                "CSV rows by default");
  rec->add_option("--points", a->points, "CSV time,survival read off the curve (proportion or percent)")->required();
  rec->add_option("--risk", a->risk, "CSV time,nrisk: the numbers-at-risk table under the figure")->required();
  rec->add_option("--svg", a->svg, "also draw the reconstructed KM against the digitised points to this SVG file");
  rec->add_option("--events", a->events, "total number of events, when the publication gives it")
      ->check(CLI::NonNegativeNumber);
  return rec;
}

CLI::App* AddFit(CLI::App& app, SurvArgs* a) {
  auto* fit = app.add_subcommand("fit", "parametric or cure model by maximum likelihood, extrapolated to 5 and 10 years");
  AddInputOptions(fit, a);
  fit->add_option("--svg", a->svg, "also draw the KM and the fitted curves, extrapolated to 10 years, to this SVG file");
  fit->add_option("--dist", a->dist, "exponential, weibull (default), loglogistic, lognormal, gompertz, gengamma or all")
      ->check(Accepts(survival::ParseDists));
  fit->add_option("--cure", a->cure, "none (default), mixture or nonmixture")
      ->check(Accepts(survival::ParseCure));
  fit->add_option("--link", a->link, "cure-fraction link: logistic (default), identity or loglog")
      ->check(Accepts(survival::ParseCureLink));
  fit->add_option("--time-unit", a->time_unit, "unit of the time column: months (default), days, weeks or years")
      ->check(CLI::IsMember(survival::TimeUnitNames()));
  fit->add_option("--bhazard", a->bhazard, "background hazard per time unit for every patient (or a bhazard column)")
      ->check(CLI::NonNegativeNumber);
  fit->add_option("--at", a->at, "more times for S(t), comma-separated (data units)")->delimiter(',');
  return fit;
}

CLI::App* AddPool(CLI::App& app, SurvArgs* a) {
  auto* pool = app.add_subcommand("pool", "landmark survival of the evidence base's cohorts, pooled (NR counts as "
                                          "censored); with --ipd, patient data of several studies, stratified by study");
  pool->add_option("--endpoint", a->endpoint, "os, pfs (default), efs or rfs")->check(CLI::IsMember(survival::PoolEndpoints()));
  pool->add_option("--landmark", a->landmark, "landmark in whole months (default 12)")->check(CLI::Range(1, 999));
  pool->add_option("--target", a->target, "only cohorts against this antigen");
  pool->add_option("--indication", a->indication, "only this indication and its sub-types (LBCL includes DLBCL)");
  pool->add_option("--product", a->product, "only cohorts of this product");
  pool->add_option("--scale", a->scale, "loglog (default) or logit")->check(Accepts(survival::ParsePoolScale));
  pool->add_option("--method", a->method, "tau^2 estimator for the reported values: REML (default), ML, DL, ...")
      ->check(Accepts(meta::ParseMethod));
  pool->add_flag("--knha", a->knha, "Hartung-Knapp t-tests and intervals");
  pool->add_flag("--keep-duplicate-registrations", a->keep_duplicate_registrations,
                 "count every cohort, also two of one registration and indication (default: the longest follow-up)");
  pool->add_option("--prefer", a->prefer, "count this cohort for its registration and indication (repeatable)");
  pool->add_option("--ipd", a->ipd, "instead of the evidence base: patient-row CSVs (time,event[,group]), one per study "
                                    "(e.g. from 'surv reconstruct'), pooled stratified by study")->expected(1, -1);
  pool->add_option("--at", a->at, "with --ipd: times at which S(t) is pooled across studies")->delimiter(',');
  pool->add_option("--reference", a->reference, "with --ipd: the reference arm of the stratified Cox model");
  pool->add_option("--time-col", a->columns.time, "with --ipd: name of the time column (default time)");
  pool->add_option("--event-col", a->columns.event, "with --ipd: name of the event column (default event)");
  pool->add_option("--group-col", a->columns.group, "with --ipd: name of the arm column (default group; optional)");
  AddDbOption(*pool, &a->db_path);
  return pool;
}

// "did you mean" for a mistyped subcommand (CLI11 would only say one is required).
bool KnownSubcommand(int argc, char** argv) {
  const std::vector<std::string> names = {"km", "reconstruct", "fit", "pool"};
  if (argc < 2 || argv[1][0] == '-' || std::find(names.begin(), names.end(), argv[1]) != names.end()) return true;
  const std::string hint = text::ClosestMatch(argv[1], names);
  std::cerr << "carta surv: unknown subcommand '" << argv[1] << "'" << (hint.empty() ? "" : "; did you mean '" + hint + "'?")
            << "\nRun 'carta surv --help' for the subcommands.\n";
  return false;
}

}  // namespace

int RunSurv(int argc, char** argv) {
  CLI::App app(
      "Long-term survival: Kaplan-Meier with log-rank and Cox (R survival's numbers), reconstruction of patient rows\n"
      "from published curves (Guyot 2012), parametric and cure models, landmark survival pooled across cohorts, and\n"
      "patient data of several studies pooled stratified by study.",
      "surv");
  app.require_subcommand(1);
  SurvArgs a;
  CLI::App* km = AddKm(app, &a);
  CLI::App* rec = AddReconstruct(app, &a);
  CLI::App* fit = AddFit(app, &a);
  CLI::App* pool = AddPool(app, &a);
  for (CLI::App* sub : {km, fit, pool}) {
    AddFormatOption(*sub, &a.format);
    sub->add_option("--level", a.level, "confidence level in percent (default 95)")->check(CLI::Range(50.0, 99.99));
  }
  AddFormatOption(*rec, &a.format);
  a.format = "";  // each subcommand's default: csv rows for reconstruct, a table otherwise
  if (!KnownSubcommand(argc, argv)) return kExitUsage;
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (a.format.empty()) a.format = rec->parsed() ? "csv" : "table";
  if (km->parsed()) return RunKm(a);
  if (rec->parsed()) return RunReconstruct(a);
  if (fit->parsed()) return RunFit(a);
  return RunPool(a);
}

}  // namespace carta::cli
