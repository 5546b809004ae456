// carta surv km | reconstruct | fit | pool: long-term survival from patient
// rows, from published curves, and from the evidence base.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "carta/core/text.h"
#include "carta/evidence/build.h"
#include "carta/plot/km_plot.h"
#include "carta/report/survival_figures.h"
#include "carta/survival/data.h"
#include "commands.h"
#include "common.h"
#include "surv_format.h"

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
  std::string svg;
};

// A figure's words: its title and the time axis in `time_unit`.
plot::KaplanMeierSpec FigureText(const std::string& title, const std::string& time_unit) {
  plot::KaplanMeierSpec spec;
  spec.title = title;
  spec.x_label = "Time (" + time_unit + ")";
  return spec;
}

Status WriteFigure(const std::string& path, const std::string& svg) {
  std::ofstream out(path, std::ios::binary);
  if (!(out << svg)) return Status::IOError("cannot write '" + path + "'");
  std::cerr << "carta: wrote " << path << "\n";
  return Status::Ok();
}

Result<survival::SurvData> LoadData(const SurvArgs& a) {
  auto text = ReadTextFile(a.input);
  if (!text.ok()) return text.status();
  return survival::ParseSurvCsv(*text, a.input, a.columns);
}

// Months per unit of the data's time, for the 5- and 10-year extrapolations.
double MonthsPerUnit(const std::string& unit) {
  if (unit == "days") return 12 / 365.25;
  if (unit == "weeks") return 12 * 7 / 365.25;
  if (unit == "years") return 12;
  return 1;
}

int RunKm(const SurvArgs& a) {
  auto data = LoadData(a);
  if (!data.ok()) return Fail(data.status());
  survival::KmOptions o;
  o.conf_type = *survival::ParseConfType(a.conf_type);
  o.level = a.level / 100;
  KmReport r;
  r.groups = survival::GroupLevels(*data);
  r.at_times = a.at;
  r.rmst_horizon = a.rmst;
  r.steps = a.steps;
  for (const auto& g : r.groups) {
    const survival::SurvData d = survival::SelectGroup(*data, g);
    auto km = survival::FitKaplanMeier(d.time, d.event, o);
    if (!km.ok()) return Fail(km.status().WithContext(a.input));
    r.curves.push_back(std::move(*km));
  }
  if (r.groups.size() > 1) {
    if (auto lr = survival::LogRankTest(*data); lr.ok()) r.logrank = *lr;
    survival::CoxOptions co;
    co.reference = a.reference;
    co.level = o.level;
    auto cox = survival::FitCoxGroups(*data, co);
    if (cox.ok()) {
      r.cox = *cox;
    } else if (!a.reference.empty() && cox.status().message().find("does not occur") != std::string::npos) {
      return Fail(cox.status());
    } else {
      r.cox_note = cox.status().message();
    }
  }
  PrintKm(r, ParseFormat(a.format), std::cout);
  if (!a.svg.empty()) {
    if (Status s = WriteFigure(a.svg, report::KmFigure(FigureText("Kaplan-Meier estimate: " + a.input, a.time_unit), r.groups, r.curves)); !s.ok()) return Fail(s);
  }
  return 0;
}

int RunReconstruct(const SurvArgs& a) {
  auto points_text = ReadTextFile(a.points);
  if (!points_text.ok()) return Fail(points_text.status());
  auto risk_text = ReadTextFile(a.risk);
  if (!risk_text.ok()) return Fail(risk_text.status());
  auto points = survival::ParseCurveCsv(*points_text, a.points);
  if (!points.ok()) return Fail(points.status());
  auto risk = survival::ParseRiskCsv(*risk_text, a.risk);
  if (!risk.ok()) return Fail(risk.status());
  if (a.events > risk->front().n_risk) {
    return Fail(Status::InvalidArgument("--events " + std::to_string(a.events) + ": more events than the " +
                                        std::to_string(risk->front().n_risk) + " patients at risk at the start (" +
                                        risk->front().where + ")"));
  }
  auto r = survival::Reconstruct(std::move(*points), std::move(*risk), a.events);
  if (!r.ok()) return Fail(r.status());
  PrintReconstruction(*r, ParseFormat(a.format), std::cout, std::cerr);
  if (!a.svg.empty()) {
    if (Status s = WriteFigure(a.svg, report::ReconstructionFigure(FigureText("Reconstructed vs digitised: " + a.points, "months"), *r,
                                                                 "digitised", "reconstructed")); !s.ok()) {
      return Fail(s);
    }
  }
  return 0;
}

int RunFit(const SurvArgs& a) {
  auto data = LoadData(a);
  if (!data.ok()) return Fail(data.status());
  if (!data->group.empty() && survival::GroupLevels(*data).size() > 1) {
    return Fail(Status::InvalidArgument(a.input + ": the data have several groups; fit one at a time (e.g. filter the rows)"));
  }
  if (a.bhazard >= 0) data->bhazard.assign(data->size(), a.bhazard);
  survival::ParametricOptions o;
  o.cure = *survival::ParseCure(a.cure);
  o.link = *survival::ParseCureLink(a.link);
  o.level = a.level / 100;
  o.predict_times = a.at;
  for (double years : {5.0, 10.0}) o.predict_times.push_back(years * 12 / MonthsPerUnit(a.time_unit));
  std::vector<survival::Dist> dists;
  if (a.dist == "all") {
    for (int d = 0; d <= static_cast<int>(survival::Dist::kGenGamma); ++d) dists.push_back(static_cast<survival::Dist>(d));
  } else {
    auto d = survival::ParseDist(a.dist);
    if (!d.ok()) return Fail(d.status());
    dists.push_back(*d);
  }
  std::vector<survival::ParametricFit> fits;
  for (survival::Dist d : dists) {
    o.dist = d;
    auto f = survival::FitParametric(*data, o);
    if (!f.ok()) return Fail(f.status().WithContext(a.input));
    fits.push_back(std::move(*f));
  }
  PrintFits(fits, a.time_unit, ParseFormat(a.format), std::cout);
  if (!a.svg.empty()) {
    double x_max = 10 * 12 / MonthsPerUnit(a.time_unit);  // extrapolated to 10 years
    for (double t : data->time) x_max = std::max(x_max, t);
    const std::string title = "Fitted and extrapolated survival: " + a.input;
    if (Status s = WriteFigure(a.svg, report::ModelFigure(FigureText(title, a.time_unit), *data, fits, x_max, "Kaplan-Meier")); !s.ok()) return Fail(s);
  }
  return 0;
}

Result<survival::LandmarkQuery> PoolQuery(const SurvArgs& a, const evidence::EvidenceBase& eb) {
  survival::LandmarkQuery q;
  q.endpoint = a.endpoint;
  q.landmark_months = a.landmark;
  q.scale = *survival::ParsePoolScale(a.scale);
  q.fit.method = *meta::ParseMethod(a.method);
  q.fit.knha = a.knha;
  q.fit.level = a.level / 100;
  auto filters = ResolveFilters(eb, a.target, a.indication, a.product);
  if (!filters.ok()) return filters.status();
  q.target = filters->target;
  q.indication = filters->indication;
  q.product_id = filters->product_id;
  return q;
}

// --ipd: each file one study's patient rows (reconstructed or original), pooled stratified by study.
int RunPoolIpd(const SurvArgs& a) {
  std::vector<survival::IpdStudy> studies;
  for (const std::string& file : a.ipd) {
    auto text = ReadTextFile(file);
    if (!text.ok()) return Fail(text.status());
    auto data = survival::ParseSurvCsv(*text, file, a.columns);
    if (!data.ok()) return Fail(data.status());
    studies.push_back({std::filesystem::path(file).stem().string(), std::move(*data)});
  }
  survival::IpdPoolOptions o;
  o.landmarks = a.at;
  o.scale = *survival::ParsePoolScale(a.scale);
  o.fit.method = *meta::ParseMethod(a.method);
  o.fit.knha = a.knha;
  o.fit.level = a.level / 100;
  o.reference = a.reference;
  auto pool = survival::PoolIpd(studies, o);
  if (!pool.ok()) return Fail(pool.status());
  PrintIpdPool(*pool, ParseFormat(a.format), std::cout);
  return 0;
}

int RunPool(const SurvArgs& a) {
  if (!a.ipd.empty()) return RunPoolIpd(a);
  auto eb = OpenEvidence(a.db_path);
  if (!eb.ok()) return Fail(eb.status());
  auto q = PoolQuery(a, *eb);
  if (!q.ok()) return Fail(q.status());
  auto pool = survival::PoolLandmark(*eb, *q);
  if (!pool.ok()) return Fail(pool.status());
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
      ->check(CLI::IsMember({"log", "log-log", "loglog", "plain"}));
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
      ->check(CLI::IsMember({"exponential", "exp", "weibull", "loglogistic", "llogis", "lognormal", "lnorm", "gompertz",
                             "gengamma", "all"}));
  fit->add_option("--cure", a->cure, "none (default), mixture or nonmixture")
      ->check(CLI::IsMember({"none", "mixture", "nonmixture"}));
  fit->add_option("--link", a->link, "cure-fraction link: logistic (default), identity or loglog")
      ->check(CLI::IsMember({"logistic", "identity", "loglog"}));
  fit->add_option("--time-unit", a->time_unit, "unit of the time column: months (default), days, weeks or years")
      ->check(CLI::IsMember({"days", "weeks", "months", "years"}));
  fit->add_option("--bhazard", a->bhazard, "background hazard per time unit for every patient (or a bhazard column)")
      ->check(CLI::NonNegativeNumber);
  fit->add_option("--at", a->at, "more times for S(t), comma-separated (data units)")->delimiter(',');
  return fit;
}

CLI::App* AddPool(CLI::App& app, SurvArgs* a) {
  auto* pool = app.add_subcommand("pool", "landmark survival of the evidence base's cohorts, pooled (NR counts as "
                                          "censored); with --ipd, patient data of several studies, stratified by study");
  pool->add_option("--endpoint", a->endpoint, "os, pfs (default), efs or rfs")->check(CLI::IsMember({"os", "pfs", "efs", "rfs"}));
  pool->add_option("--landmark", a->landmark, "landmark in whole months (default 12)")->check(CLI::Range(1, 999));
  pool->add_option("--target", a->target, "only cohorts against this antigen");
  pool->add_option("--indication", a->indication, "only this indication and its sub-types (LBCL includes DLBCL)");
  pool->add_option("--product", a->product, "only cohorts of this product");
  pool->add_option("--scale", a->scale, "loglog (default) or logit")->check(CLI::IsMember({"loglog", "logit"}));
  pool->add_option("--method", a->method, "tau^2 estimator for the reported values: REML (default), ML, DL, ...")
      ->check(CLI::IsMember({"EE", "FE", "DL", "HE", "HS", "HSk", "SJ", "ML", "REML", "EB", "PM", "PMM"}));
  pool->add_flag("--knha", a->knha, "Hartung-Knapp t-tests and intervals");
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
