// carta meta [pool|leave1out|...]: random-effects meta-analysis of the
// evidence base or of a CSV file (meta::Run), printed like metafor's summary.
#include <cmath>
#include <iostream>
#include <optional>

#include "carta/evidence/filter.h"
#include "carta/store/store.h"
#include "carta/core/progress.h"
#include "carta/meta/run.h"
#include "carta/plot/charts.h"
#include "carta/plot/diagnostics.h"
#include "carta/plot/forest.h"
#include "commands.h"
#include "common.h"
#include "carta/api/meta_text.h"

namespace carta::cli {

namespace {

struct MetaArgs {
  std::string db_path, format, input, outcome, target, indication, product, location, by, mods;
  std::string analysis = "pool", measure, method, convention = "metafor";
  uint64_t iterations = 1000;
  uint64_t subsets = 1048575;
  int threads = 0;
  std::string svg, funnel;
  bool knha = false;
  double level = 95;
  bool keep_duplicate_registrations = false;
  std::vector<std::string> prefer;
  std::optional<double> cc;
  std::string cc_to = "only0";
  bool drop00 = false;
  std::string order;
  std::string random, cluster, test = "z";  // the multilevel model (meta::RunMultilevel)
  std::string sort, xlim;
  std::vector<std::string> columns;
};

// "a,b" as two increasing numbers.
Result<std::pair<double, double>> ParseLimits(const std::string& text) {
  const auto comma = text.find(',');
  char* end = nullptr;
  if (comma != std::string::npos) {
    const std::string a = text.substr(0, comma), b = text.substr(comma + 1);
    const double lo = std::strtod(a.c_str(), &end);
    const bool lo_ok = !a.empty() && *end == '\0';
    const double hi = std::strtod(b.c_str(), &end);
    if (lo_ok && !b.empty() && *end == '\0' && std::isfinite(lo) && std::isfinite(hi) && lo < hi) return std::pair{lo, hi};
  }
  return Status::InvalidArgument("expected two increasing numbers 'a,b' on the plotted scale (e.g. 0,1), not '" + text + "'")
      .WithField("xlim");
}

// The forest plot's options of the command line.
Result<plot::ForestOptions> ForestOptionsOf(const MetaArgs& a, const meta::MetaResult& r) {
  plot::ForestOptions fo;
  fo.title = r.input.description;
  fo.sort = a.sort;
  fo.columns = a.columns;
  if (!a.xlim.empty()) {
    auto lim = ParseLimits(a.xlim);
    if (!lim.ok()) return lim.status();
    fo.x_min = lim->first;
    fo.x_max = lim->second;
  }
  if (Status s = plot::CheckForestOptions(fo, r.input); !s.ok()) return s;
  return fo;
}

// The request of the options (a CSV file's text read, nothing else opened).
Result<meta::MetaRequest> BuildRequest(const MetaArgs& a) {
  meta::MetaRequest r;
  r.analysis = *meta::ParseAnalysisKind(a.analysis);
  r.convention = *meta::ParseConvention(a.convention);
  if (!a.measure.empty()) r.measure = *meta::ParseMeasure(a.measure);
  if (!a.method.empty()) r.method = *meta::ParseMethod(a.method);
  r.knha = a.knha;
  r.level = a.level / 100;
  r.iterations = a.iterations;
  r.subsets = a.subsets;
  r.threads = a.threads;
  r.correction.add = a.cc;
  r.correction.to = *meta::ParseCorrectTo(a.cc_to);
  r.correction.drop00 = a.drop00;
  r.order = a.order;
  r.columns = a.columns;
  r.random = a.random;
  r.cluster = a.cluster;
  r.t_test = a.test == "t";
  r.figures = {!a.svg.empty(), !a.funnel.empty(), a.sort, !a.xlim.empty()};
  r.query.outcome = a.outcome;
  r.query.location = a.location;
  r.query.by = a.by;
  r.query.mods = a.mods;
  r.query.registrations = {a.keep_duplicate_registrations, a.prefer};
  if (!a.input.empty()) {
    auto text = ReadTextFile(a.input);
    if (!text.ok()) return text.status();
    r.csv_file = a.input;
    r.csv_text = std::move(*text);
  }
  return r;
}

// For an outcome: opens the evidence base into *eb and resolves the request's
// cohort filter. Nothing to open for a CSV file.
Status OpenEvidence(const MetaArgs& a, meta::MetaRequest* r, std::shared_ptr<const evidence::EvidenceBase>* eb) {
  if (!r->csv_file.empty()) return Status::Ok();
  if (a.outcome.empty()) return Status::InvalidArgument("give --outcome (e.g. orr) to pool the evidence base, or --input FILE.csv");
  auto opened = store::LoadEvidenceSnapshot(a.db_path);
  if (!opened.ok()) return opened.status();
  *eb = *opened;
  auto filter = evidence::ResolveCohortFilter(**eb, a.target, a.indication, a.product);
  if (!filter.ok()) return ForOption(filter.status());
  static_cast<evidence::CohortFilter&>(r->query) = *filter;
  return Status::Ok();
}

// The library's field as the option that sets it ("--by: ...").
Status ForMetaOption(const Status& s) {
  if (s.location().field == "cc_to") return s.WithContext("--cc-to");
  return ForOption(s, {"by", "mods", "level", "measure", "method", "prefer", "cc", "drop00", "order", "columns", "sort",
                       "xlim", "svg", "funnel", "knha", "convention", "random", "cluster", "test"});
}

Status WritePlots(const MetaArgs& a, const meta::MetaResult& r) {
  if (r.analysis == meta::AnalysisKind::kBaujat || r.analysis == meta::AnalysisKind::kRadial) {
    if (a.svg.empty()) return Status::Ok();
    plot::DiagnosticPlotOptions o;
    const bool baujat = r.analysis == meta::AnalysisKind::kBaujat;
    o.title = std::string(baujat ? "Baujat plot: " : "Radial plot: ") + r.input.description;
    return WriteOutputFile(a.svg, baujat ? plot::BaujatPlot(r.baujat, o) : plot::RadialPlotSvg(*r.radial, r.measure, o));
  }
  auto forest = ForestOptionsOf(a, r);
  if (!forest.ok()) return forest.status();
  if (r.analysis == meta::AnalysisKind::kCumulative) {
    if (a.svg.empty()) return Status::Ok();
    plot::ForestOptions fo;
    fo.title = "Cumulative meta-analysis: " + r.input.description;
    fo.x_min = forest->x_min;
    fo.x_max = forest->x_max;
    return WriteOutputFile(a.svg, plot::CumulativePlot(r.cumulative, r.measure, r.options.level, fo));
  }
  for (const auto& [path, is_forest] : {std::pair{a.svg, true}, std::pair{a.funnel, false}}) {
    if (path.empty()) continue;
    const plot::ForestOptions& fo = *forest;
    plot::FunnelOptions fu;
    fu.title = fo.title;
    const std::string figure = is_forest ? plot::ForestPlot(*r.pool, r.input, fo) : plot::FunnelPlot(*r.pool, fu);
    if (Status s = WriteOutputFile(path, figure); !s.ok()) return s;
  }
  return Status::Ok();
}

// carta meta --random: the multilevel model (rma.mv) on the request's studies.
int RunMultilevelMeta(const MetaArgs& a, const meta::MetaRequest& request, const evidence::EvidenceBase* eb) {
  auto r = meta::MultilevelRequestOf(request);
  if (!r.ok()) return Fail(ForMetaOption(r.status()));
  auto result = meta::RunMultilevel(*r, eb);
  if (!result.ok()) return Fail(ForMetaOption(result.status()));
  PrintMultilevel(*result, ParseFormat(a.format), std::cout);
  return 0;
}

}  // namespace

int RunMeta(int argc, char** argv) {
  CLI::App app(
      "Random-effects meta-analysis, with metafor's estimators and numbers (checked against metafor 3.8 to 1e-6).\n"
      "Pools a rate of the evidence base (--outcome with filters) or a CSV file (--input with columns\n"
      "study,events,n[,group] or study,yi,vi[,group]). 'carta meta leave1out ...' refits without each study.\n"
      "Conventions: metafor's defaults (REML, z-tests and intervals, I² from τ², continuity correction 0.5\n"
      "for zero or full events with PR, PLN and PLO).\n"
      "Analyses: pool (default), leave1out, influence (case-deletion diagnostics), gosh (all subsets),\n"
      "permtest (permutation test), bias (Egger's\n"
      "regression test, rank correlation test, trim-and-fill), cumulative (the model as studies are added, in the\n"
      "order of --order; metafor's cumul()), baujat (each study's contribution to Q against its influence on the\n"
      "estimate; metafor's baujat()), radial (Galbraith's plot; metafor's radial()); --svg draws the last three.",
      "meta");
  MetaArgs a;
  app.add_option("analysis", a.analysis, "pool (default), leave1out, influence, gosh, permtest, bias, cumulative, baujat or radial")
      ->check(CLI::IsMember(meta::AnalysisKindNames()));
  AddDbOption(app, &a.db_path);
  AddFormatOption(app, &a.format);
  app.add_option("--outcome", a.outcome, "rate to pool: orr, crr, cr_cri, mrd_neg, crs_any, crs_g3plus, icans_any, icans_g3plus, ...");
  app.add_option("--input", a.input, "CSV file: study,events,n[,group] or study,yi,vi[,group]");
  app.add_option("--target", a.target, "only cohorts against this antigen");
  app.add_option("--indication", a.indication, "only this indication and its sub-types (LBCL includes DLBCL)");
  app.add_option("--product", a.product, "only cohorts of this product (brand, INN, code, Chinese name)");
  app.add_option("--location", a.location, "only values printed there, e.g. 'Table 3'");
  app.add_option("--measure", a.measure,
                 "PLO (logit, default), PR, PLN, PAS, PFT (Freeman-Tukey); for two arms RR, OR or RD")
      ->check(CLI::IsMember(meta::MeasureNames()));
  app.add_option("--method", a.method,
                 "tau^2 estimator: REML (default), ML, DL, HE, HS, HSk, SJ, EB, PM, PMM, EE; or GLMM, the "
                 "binomial-normal model on the counts (metafor's rma.glmm, logit scale, no continuity correction)")
      ->check(CLI::IsMember(meta::MethodNames()));
  app.add_flag("--knha", a.knha, "Hartung-Knapp t-tests and intervals");
  app.add_option("--convention", a.convention,
                 "metafor (default): I² from τ², z prediction interval, Wald study CIs; meta: R meta's defaults — "
                 "GLMM for counts on the logit scale unless --method or another --measure is given, I² from Q, t(k-1) prediction interval, Clopper-Pearson "
                 "study CIs")
      ->check(CLI::IsMember(meta::ConventionNames()));
  app.add_option("--level", a.level, "confidence level in percent (default 95)")->check(CLI::Range(50.0, 99.99));
  app.add_option("--by", a.by, "subgroups: indication, target, product, costim, generation (or group for --input)");
  app.add_option("--mods", a.mods,
                 "meta-regression: a moderator (followup, n, indication, target, product, costim, generation, "
                 "or a column of --input) or a formula of several: 'a,b' (a + b), 'a*b' (a + b + a:b), "
                 "'~ a + b + a:b'; categorical ones coded as R's treatment contrasts");
  app.add_option("--iterations", a.iterations, "permtest: random permutations (exact when fewer are possible)");
  app.add_option("--subsets", a.subsets, "gosh: all subsets up to this many, else a random sample of this size");
  app.add_option("--threads", a.threads, "gosh, permtest: threads (default: one per core)");
  app.add_flag("--keep-duplicate-registrations", a.keep_duplicate_registrations,
               "count every cohort, also two of one registration and indication (default: the one with the\n"
               "longest follow-up; the others are listed as set aside)");
  app.add_option("--prefer", a.prefer, "count this cohort for its registration and indication (repeatable)");
  app.add_option("--cc", a.cc,
                 "continuity correction added to each cell of a study with a zero cell (metafor's add; default 0.5, "
                 "and 0 for PAS and PFT)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--cc-to", a.cc_to,
                 "which studies get it (metafor's to): only0 (default: those with 0 events or 0 non-events, in either "
                 "arm), all, if0all (all when any has a zero cell), none")
      ->check(CLI::IsMember(meta::CorrectToNames()));
  app.add_flag("--drop00", a.drop00,
               "two arms: leave out studies with no events, or only events, in both arms (metafor's drop00)");
  app.add_option("--order", a.order,
                 "cumulative: add the studies in ascending order of this column (year, or any column of --input; "
                 "followup or n for the evidence base); default: the input order");
  app.add_option("--random", a.random,
                 "multilevel model (metafor's rma.mv, random = ~ 1 | LEVELS): 'trial/cohort' for the evidence base\n"
                 "(a trial is a registration; every cohort is kept, the one-per-registration rule is not applied),\n"
                 "or columns of --input outermost first ('trial' means trial/study; 'a/b/c' for three levels)");
  app.add_option("--cluster", a.cluster, "--input: the column of the trial (the same as --random COLUMN)");
  app.add_option("--test", a.test, "with --random: z (default) or t (rma.mv's test = \"t\", k - p df)")
      ->check(CLI::IsMember({"z", "t"}));
  app.add_option("--svg", a.svg, "pool: also write the forest plot to this SVG file; cumulative, baujat, radial: their plot");
  app.add_option("--sort", a.sort,
                 "forest plot: order the studies (within subgroups) by effect (ascending), weight (descending) or a "
                 "column (of --input; followup, n, indication, ... for the evidence base)");
  app.add_option("--xlim", a.xlim, "forest and cumulative plots: axis limits 'a,b' on the plotted scale (0,1 for proportions)");
  app.add_option("--columns", a.columns,
                 "forest plot: extra columns after the study name, e.g. n,year (columns of --input; followup, n, "
                 "indication, target, product, costim, generation for the evidence base); with --by the plot also "
                 "shows a diamond per subgroup and the test for subgroup differences")
      ->delimiter(',');
  app.add_option("--funnel", a.funnel, "pool: also write the funnel plot to this SVG file");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;

  auto request = BuildRequest(a);
  if (!request.ok()) return Fail(request.status());
  if (Status s = meta::CheckRequest(*request); !s.ok()) return Fail(ForMetaOption(s));
  std::shared_ptr<const evidence::EvidenceBase> eb;
  if (Status s = OpenEvidence(a, &*request, &eb); !s.ok()) return Fail(s);
  if (meta::IsMultilevel(*request)) return RunMultilevelMeta(a, *request, eb.get());
  std::unique_ptr<Progress> progress;
  if (request->analysis == meta::AnalysisKind::kGosh) progress = TerminalProgress("GOSH");
  auto result = meta::Run(*request, eb.get(), progress.get());
  if (!result.ok()) return Fail(ForMetaOption(result.status()));
  // The plots' options are checked before anything is printed.
  if (auto forest = ForestOptionsOf(a, *result); !forest.ok()) return Fail(ForOption(forest.status()));
  PrintMeta(*result, ParseFormat(a.format), std::cout);
  if (Status s = WritePlots(a, *result); !s.ok()) return Fail(s);
  return 0;
}

}  // namespace carta::cli
