// carta meta [pool|leave1out]: random-effects meta-analysis of the evidence
// base or of a CSV file, printed like metafor's summary.
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "carta/core/text.h"
#include "carta/evidence/build.h"
#include "carta/core/progress.h"
#include "carta/meta/analysis.h"
#include "carta/meta/bias.h"
#include "carta/meta/resampling.h"
#include "carta/plot/charts.h"
#include "carta/plot/forest.h"
#include "commands.h"
#include "common.h"
#include "meta_format.h"

namespace carta::cli {

namespace {

struct MetaArgs {
  std::string db_path, format, input, outcome, target, indication, product, location, by, mods;
  uint64_t iterations = 1000;
  uint64_t subsets = 1048575;
  int threads = 0;
  std::string svg, funnel;
  std::string measure = "PLO", method = "REML";
  bool knha = false;
  double level = 95;
};

Result<meta::AnalysisInput> LoadInput(const MetaArgs& a) {
  if (!a.input.empty()) {
    auto text = ReadTextFile(a.input);
    if (!text.ok()) return text.status();
    auto r = meta::InputFromCsv(*text, a.input, a.mods);
    if (!r.ok()) return r;
    if (!a.by.empty() && a.by != "group") return Status::InvalidArgument("with --input, --by takes the CSV's 'group' column: --by group");
    return r;
  }
  if (a.outcome.empty()) return Status::InvalidArgument("give --outcome (e.g. orr) to pool the evidence base, or --input FILE.csv");
  auto eb = OpenEvidence(a.db_path);
  if (!eb.ok()) return eb.status();
  meta::OutcomeQuery q;
  q.outcome = a.outcome;
  q.location = a.location;
  q.by = a.by;
  q.mods = a.mods;
  auto filters = ResolveFilters(*eb, a.target, a.indication, a.product);
  if (!filters.ok()) return filters.status();
  q.target = filters->target;
  q.indication = filters->indication;
  q.product_id = filters->product_id;
  return meta::InputFromEvidence(*eb, q);
}

}  // namespace

int RunSensitivity(const std::string& analysis, const meta::AnalysisInput& input, meta::Measure measure,
                   const meta::FitOptions& o, uint64_t iterations, uint64_t subsets, int threads, Format format) {
  auto effects = meta::EffectSizesOf(input, measure);
  if (!effects.ok()) return Fail(effects.status());
  const std::vector<double>& yi = effects->first;
  const std::vector<double>& vi = effects->second;
  if (analysis == "gosh") {
    meta::GoshOptions g;
    g.fit = o;
    g.max_subsets = subsets;
    g.threads = threads;
    auto progress = TerminalProgress("GOSH");
    auto r = meta::Gosh(yi, vi, g, progress.get());
    if (!r.ok()) return Fail(r.status());
    PrintGosh(input, *r, format, std::cout);
    return 0;
  }
  if (analysis == "influence") {
    auto rows = meta::Influence(yi, vi, o);
    if (!rows.ok()) return Fail(rows.status());
    PrintInfluence(input, *rows, format, std::cout);
    return 0;
  }
  if (analysis == "permtest") {
    meta::PermutationOptions p;
    p.fit = o;
    p.iterations = iterations;
    std::vector<double> x;
    std::vector<std::string> names = {"intrcpt"};
    bool numeric = false;
    const bool has_mods = !input.studies.empty() && !input.studies[0].moderator.empty();
    if (has_mods) {
      auto d = meta::ModeratorDesign(input.studies, &numeric);
      if (!d.ok()) return Fail(d.status());
      x = d->first;
      names = d->second;
    }
    auto fit = meta::Fit(yi, vi, o, x, names);
    if (!fit.ok()) return Fail(fit.status());
    auto r = meta::Permute(yi, vi, p, x);
    if (!r.ok()) return Fail(r.status());
    PrintPermutation(input, *fit, *r, format, std::cout);
    return 0;
  }
  auto egger = meta::Egger(yi, vi, o);
  if (!egger.ok()) return Fail(egger.status());
  auto rank = meta::RankCorrelation(yi, vi);
  if (!rank.ok()) return Fail(rank.status());
  auto tf = meta::TrimFill(yi, vi, o);
  if (!tf.ok()) return Fail(tf.status());
  PrintBias(input, *egger, *rank, *tf, input.counts ? measure : meta::Measure::kGeneric, format, std::cout);
  return 0;
}

int RunMeta(int argc, char** argv) {
  CLI::App app(
      "Random-effects meta-analysis, with metafor's estimators and numbers (checked against metafor 3.8 to 1e-6).\n"
      "Pools a rate of the evidence base (--outcome with filters) or a CSV file (--input with columns\n"
      "study,events,n[,group] or study,yi,vi[,group]). 'carta meta leave1out ...' refits without each study.\n"
      "Conventions: metafor's defaults (REML, z-tests and intervals, I² from τ², continuity correction 0.5\n"
      "for zero or full events with PR, PLN and PLO).\n"
      "Analyses: pool (default), leave1out, influence (case-deletion diagnostics), gosh (all subsets),\n"
      "permtest (permutation test), bias (Egger's\n"
      "regression test, rank correlation test, trim-and-fill).",
      "meta");
  MetaArgs a;
  std::string analysis = "pool";
  app.add_option("analysis", analysis, "pool (default), leave1out, influence, gosh, permtest or bias")
      ->check(CLI::IsMember({"pool", "leave1out", "influence", "gosh", "permtest", "bias"}));
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
      ->check(CLI::IsMember({"PR", "PLN", "PLO", "PAS", "PFT", "RR", "OR", "RD"}));
  app.add_option("--method", a.method,
                 "tau^2 estimator: REML (default), ML, DL, HE, HS, HSk, SJ, EB, PM, PMM, EE; or GLMM, the "
                 "binomial-normal model on the counts (metafor's rma.glmm, logit scale, no continuity correction)")
      ->check(CLI::IsMember({"EE", "FE", "DL", "HE", "HS", "HSk", "SJ", "ML", "REML", "EB", "PM", "PMM", "GLMM"}));
  app.add_flag("--knha", a.knha, "Hartung-Knapp t-tests and intervals");
  std::string convention = "metafor";
  app.add_option("--convention", convention,
                 "metafor (default): I² from τ², z prediction interval, Wald study CIs; meta: R meta's defaults — "
                 "GLMM for counts unless --method is given, I² from Q, t(k-1) prediction interval, Clopper-Pearson "
                 "study CIs")
      ->check(CLI::IsMember({"metafor", "meta"}));
  app.add_option("--level", a.level, "confidence level in percent (default 95)")->check(CLI::Range(50.0, 99.99));
  app.add_option("--by", a.by, "subgroups: indication, target, product, costim, generation (or group for --input)");
  app.add_option("--mods", a.mods,
                 "meta-regression on a moderator: followup, n, indication, target, product, costim, generation "
                 "(or a column of --input)");
  app.add_option("--iterations", a.iterations, "permtest: random permutations (exact when fewer are possible)");
  app.add_option("--subsets", a.subsets, "gosh: all subsets up to this many, else a random sample of this size");
  app.add_option("--threads", a.threads, "gosh, permtest: threads (default: one per core)");
  app.add_option("--svg", a.svg, "pool: also write the forest plot to this SVG file");
  app.add_option("--funnel", a.funnel, "pool: also write the funnel plot to this SVG file");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;

  auto input = LoadInput(a);
  if (!input.ok()) return Fail(input.status());
  const bool method_given = app.count("--method") > 0;
  if (input->two_arm && app.count("--measure") == 0) a.measure = "RR";
  if (convention == "meta" && !method_given && input->counts && a.by.empty()) a.method = "GLMM";
  meta::FitOptions o;
  o.method = *meta::ParseMethod(a.method);
  o.knha = a.knha;
  o.level = a.level / 100;
  const meta::Measure measure = *meta::ParseMeasure(a.measure);
  const Format format = ParseFormat(a.format);
  if (analysis == "gosh" || analysis == "permtest" || analysis == "bias" || analysis == "influence") {
    return RunSensitivity(analysis, *input, measure, o, a.iterations, a.subsets, a.threads, format);
  }
  if (analysis == "leave1out") {
    auto rows = meta::LeaveOneOut(*input, measure, o);
    if (!rows.ok()) return Fail(rows.status());
    PrintLeaveOneOut(*input, *rows, input->counts ? measure : meta::Measure::kGeneric, o, format, std::cout);
    return 0;
  }
  auto result = meta::Analyze(*input, measure, o, !a.by.empty(),
                              convention == "meta" ? meta::Convention::kMeta : meta::Convention::kMetafor);
  if (!result.ok()) return Fail(result.status());
  PrintAnalysis(*input, *result, a.outcome, format, std::cout);
  for (const auto& [path, is_forest] : {std::pair{a.svg, true}, std::pair{a.funnel, false}}) {
    if (path.empty()) continue;
    plot::ForestOptions fo;
    fo.title = input->description;
    plot::FunnelOptions fu;
    fu.title = fo.title;
    const std::string figure = is_forest ? plot::ForestPlot(*result, *input, fo) : plot::FunnelPlot(*result, fu);
    std::ofstream out(path, std::ios::binary);
    if (!(out << figure)) return Fail(Status::IOError("cannot write '" + path + "'"));
    std::cerr << "carta: wrote " << path << "\n";
  }
  return 0;
}

}  // namespace carta::cli
