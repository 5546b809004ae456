#include "carta/meta/run.h"

#include <algorithm>
#include <cmath>

#include "carta/core/text.h"

namespace carta::meta {

namespace {

// The enumerator whose index is the position of `name` in `names` (each
// names list is in the order of its enum).
template <typename Enum>
Result<Enum> ParseName(const std::string& name, const std::vector<std::string>& names, const std::string& what,
                       const std::string& field) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return Status::InvalidArgument("unknown " + what + " '" + name + "' (expected " + text::Join(names, ", ") + ")")
      .WithField(field);
}

// The data of the request: the CSV file's rows or the evidence base's cohorts.
Result<AnalysisInput> LoadInput(const MetaRequest& r, const evidence::EvidenceBase* eb) {
  const OutcomeQuery& q = r.query;
  if (!r.csv_file.empty()) {
    if (!q.by.empty() && q.by != "group") {
      return Status::InvalidArgument("with a CSV file, subgroups come from its 'group' column: use group").WithField("by");
    }
    auto in = InputFromCsv(r.csv_text, r.csv_file, q.mods);
    if (!in.ok()) return in.status().WithLocation({r.csv_file, 0, 0, ""});
    return in;
  }
  if (q.outcome.empty()) {
    return Status::InvalidArgument("give an outcome (e.g. orr) to pool the evidence base, or a CSV file")
        .WithField("outcome");
  }
  if (eb == nullptr) return Status::InvalidArgument("pooling an outcome needs the evidence base").WithField("outcome");
  auto filter = evidence::ResolveCohortFilter(*eb, q.target, q.indication, q.product_id);
  if (!filter.ok()) return filter.status();
  if (Status s = evidence::CheckRegistrationRule(*eb, q.registrations); !s.ok()) return s;
  OutcomeQuery resolved = q;
  static_cast<evidence::CohortFilter&>(resolved) = *filter;
  return InputFromEvidence(*eb, resolved);
}

// The measure when the request gives none: RR for two arms, else PLO.
Measure MeasureFor(const MetaRequest& r, const AnalysisInput& in) {
  if (r.measure) return *r.measure;
  return in.two_arm ? Measure::kRR : Measure::kPLO;
}

// Whether the binomial-normal model answers `r`: carta fits it as an
// intercept-only pool of single-arm counts with z-tests (metafor's rma.glmm
// with test = "z"); anything else is refused rather than silently ignored.
Status GlmmSupports(const MetaRequest& r) {
  if (r.analysis != AnalysisKind::kPool) {
    return Status::InvalidArgument(std::string("the binomial-normal model (GLMM) gives a pooled estimate only; ") +
                                   AnalysisKindName(r.analysis) + " needs an rma.uni estimator such as REML")
        .WithField("method");
  }
  if (!r.query.mods.empty()) {
    return Status::InvalidArgument("meta-regression is not available with the binomial-normal model (GLMM); use REML")
        .WithField("mods");
  }
  if (r.knha) {
    return Status::InvalidArgument(
               "Knapp-Hartung t-tests are not available with the binomial-normal model (GLMM), which uses z-tests; "
               "drop knha or use REML")
        .WithField("knha");
  }
  return Status::Ok();
}

// The estimator when the request gives none: R meta's GLMM for single-arm
// counts on the logit scale under its convention (metaprop chooses it for
// sm = "PLOGIT" only), where carta's GLMM answers the request (GlmmSupports,
// and no subgroups); else REML (also meta's default for two-arm counts'
// random effects and for the other measures).
Method MethodFor(const MetaRequest& r, const AnalysisInput& in) {
  if (r.method) return *r.method;
  const bool logit = !r.measure || *r.measure == Measure::kPLO;
  if (r.convention == Convention::kMeta && logit && in.counts && !in.two_arm && r.query.by.empty() &&
      GlmmSupports(r).ok()) {
    return Method::kGLMM;
  }
  return Method::kREML;
}

bool HasModerator(const AnalysisInput& in) { return in.formula.has_value(); }

Status RunPermutation(const MetaRequest& r, const std::vector<double>& yi, const std::vector<double>& vi,
                      Progress* progress, MetaResult* out) {
  std::vector<double> x;
  std::vector<std::string> names = {"intrcpt"};
  if (HasModerator(out->input)) {
    auto d = ModeratorDesignOf(out->input);
    if (!d.ok()) return d.status();
    x = d->x;
    names = d->names;
  }
  auto fit = Fit(yi, vi, out->options, x, names);
  if (!fit.ok()) return fit.status();
  PermutationOptions p;
  p.fit = out->options;
  p.iterations = r.iterations;
  p.threads = r.threads;
  auto test = Permute(yi, vi, p, x, progress);
  if (!test.ok()) return test.status();
  out->permutation = PermutationResult{std::move(*fit), std::move(*test)};
  return Status::Ok();
}

Status RunBias(const std::vector<double>& yi, const std::vector<double>& vi, MetaResult* out) {
  auto egger = Egger(yi, vi, out->options);
  if (!egger.ok()) return egger.status();
  auto rank = RankCorrelation(yi, vi);
  if (!rank.ok()) return rank.status();
  auto tf = TrimFill(yi, vi, out->options);
  if (!tf.ok()) return tf.status();
  BiasResult b{std::move(*egger), std::move(*rank), std::move(*tf), NAN};
  if (out->input.counts) {
    std::vector<long> ns;
    for (const auto& s : out->input.studies) ns.push_back(s.n);
    b.trimfill_prop = ToProportion(out->measure, b.trimfill.fit.estimate, HarmonicMean(ns));
  }
  out->bias = std::move(b);
  return Status::Ok();
}

// The analyses that refit the model on the effect sizes: influence, GOSH,
// permutations and the bias tests.
Status RunSensitivity(const MetaRequest& r, Progress* progress, MetaResult* out) {
  auto effects = EffectSizesOf(out->input, out->measure);
  if (!effects.ok()) return effects.status();
  const std::vector<double>& yi = effects->first;
  const std::vector<double>& vi = effects->second;
  switch (r.analysis) {
    case AnalysisKind::kInfluence: {
      auto rows = Influence(yi, vi, out->options);
      if (!rows.ok()) return rows.status();
      out->influence = std::move(*rows);
      return Status::Ok();
    }
    case AnalysisKind::kGosh: {
      GoshOptions g;
      g.fit = out->options;
      g.max_subsets = r.subsets;
      g.threads = r.threads;
      auto gosh = Gosh(yi, vi, g, progress);
      if (!gosh.ok()) return gosh.status();
      out->gosh_summary = GoshSummary{Summarize(gosh->estimate), Summarize(gosh->tau2), Summarize(gosh->I2),
                                      Summarize(gosh->Q)};
      out->gosh = std::move(*gosh);
      return Status::Ok();
    }
    case AnalysisKind::kPermutation:
      return RunPermutation(r, yi, vi, progress, out);
    default:
      return RunBias(yi, vi, out);
  }
}

// The request's studies in the order of its `order` column: loaded with the
// column as the one variable of a moderator formula, then sorted by it.
Result<AnalysisInput> LoadOrdered(const MetaRequest& r, const evidence::EvidenceBase* eb) {
  if (!r.query.mods.empty()) {
    return Status::InvalidArgument("a cumulative meta-analysis takes no moderators (as metafor's cumul())").WithField("mods");
  }
  if (r.order.empty()) return LoadInput(r, eb);
  MetaRequest by = r;
  by.query.mods = r.order;
  auto in = LoadInput(by, eb);
  if (!in.ok()) return in.status().WithField("order");
  if (!in->formula || in->formula->variables.size() != 1) {
    return Status::InvalidArgument("order by one column, not '" + r.order + "'").WithField("order");
  }
  std::vector<std::string> values, studies;
  for (const auto& s : in->studies) {
    values.push_back(s.moderators.at(0));
    studies.push_back(s.study);
  }
  auto order = CumulativeOrder(values, studies);
  if (!order.ok()) return order.status();
  std::vector<StudyInput> sorted;
  for (size_t i : *order) {
    sorted.push_back(std::move(in->studies[i]));
    sorted.back().moderators = {values[i]};
  }
  in->studies = std::move(sorted);
  in->formula.reset();
  in->moderator.clear();
  return in;
}

// leave1out and influence refit once per study: refused past the bound.
Status CheckRefitBound(AnalysisKind analysis, size_t k) {
  if (analysis != AnalysisKind::kLeaveOneOut && analysis != AnalysisKind::kInfluence) return Status::Ok();
  if (k <= kMaxStudiesPerStudyRefits) return Status::Ok();
  return Status::InvalidArgument(std::string(AnalysisKindName(analysis)) + " refits the model once per study (time grows as k²); " +
                                 std::to_string(k) + " studies are more than its bound of " +
                                 std::to_string(kMaxStudiesPerStudyRefits) +
                                 " (the pooled model, meta-regression, gosh, permtest and bias take any k)")
      .WithField("analysis");
}

// The request's display columns, and the forest plot's sort key when it is a
// column not shown (carried for sorting). A missing column that only the
// sort key named is the sort key's fault (field "sort").
Status AddColumns(const MetaRequest& r, const evidence::EvidenceBase* eb, AnalysisInput* input) {
  std::vector<std::string> columns = r.columns;
  const std::string& sort = r.figures.sort;
  const bool carried = !sort.empty() && sort != "effect" && sort != "weight" &&
                       std::find(columns.begin(), columns.end(), sort) == columns.end();
  if (carried) columns.push_back(sort);
  Status s = r.csv_file.empty() ? (eb ? AddExtraColumns(*eb, columns, input) : Status::Ok())
                                : AddExtraColumns(r.csv_text, r.csv_file, columns, input);
  if (carried && !s.ok() && s.location().field == "columns" && s.message().find("'" + sort + "'") != std::string::npos) {
    return Status::InvalidArgument(s.message() + " to sort by").WithField("sort");
  }
  return s;
}

}  // namespace

const std::vector<std::string>& AnalysisKindNames() {
  static const std::vector<std::string> kNames = {"pool", "leave1out", "influence", "gosh", "permtest", "bias", "cumulative", "baujat", "radial"};
  return kNames;
}

const char* AnalysisKindName(AnalysisKind kind) { return AnalysisKindNames()[static_cast<size_t>(kind)].c_str(); }

Result<AnalysisKind> ParseAnalysisKind(const std::string& name) {
  return ParseName<AnalysisKind>(name, AnalysisKindNames(), "analysis", "analysis");
}

const std::vector<std::string>& ConventionNames() {
  static const std::vector<std::string> kNames = {"metafor", "meta"};
  return kNames;
}

Result<Convention> ParseConvention(const std::string& name) {
  return ParseName<Convention>(name, ConventionNames(), "convention", "convention");
}

std::string DescribeConventions(const FitOptions& o, Convention c) {
  if (c == Convention::kMeta) {
    return std::string("R meta conventions: ") + MethodName(o.method) +
           (o.method == Method::kGLMM ? ", Wald-type Q of the saturated model" : "") +
           ", I² from Cochran's Q, H² = Q/df floored at 1, prediction interval with t(k-1) and the classic "
           "standard error, Clopper-Pearson study CIs (as R's meta package 8.2-1; departures_from_meta lists "
           "what differs; pass --convention metafor for metafor's)";
  }
  if (o.method == Method::kGLMM) {
    return "binomial-normal model (metafor's rma.glmm, measure PLO): ML with 7-point adaptive Gauss-Hermite "
           "quadrature, z-tests, profile-likelihood CI for τ², likelihood-ratio test of heterogeneity";
  }
  return std::string("metafor conventions: ") + MethodName(o.method) + " estimator, " +
         (o.knha ? "Hartung-Knapp t-tests" : "z-tests") + ", I² from τ², Q-profile CI for τ²";
}

std::optional<FiveNumbers> Summarize(std::vector<double> v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return std::nullopt;
  // Type 7: h = (n - 1) p, interpolating between the order statistics around h.
  auto q = [&](double p) {
    const double h = static_cast<double>(v.size() - 1) * p;
    const size_t lo = static_cast<size_t>(std::floor(h));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(lo), v.end());
    const double a = v[lo];
    if (lo + 1 >= v.size()) return a;
    const double b = *std::min_element(v.begin() + static_cast<long>(lo) + 1, v.end());
    return a + (h - static_cast<double>(lo)) * (b - a);
  };
  FiveNumbers f;
  f.min = *std::min_element(v.begin(), v.end());
  f.max = *std::max_element(v.begin(), v.end());
  f.q25 = q(0.25);
  f.median = q(0.5);
  f.q75 = q(0.75);
  return f;
}

Result<MetaResult> Run(const MetaRequest& r, const evidence::EvidenceBase* eb, Progress* progress) {
  if (Status s = CheckRequest(r); !s.ok()) return s;
  if (IsMultilevel(r)) {
    return Status::InvalidArgument("a multilevel model runs with RunMultilevel (MultilevelRequestOf)").WithField("random");
  }
  if (!(r.level > 0 && r.level < 1)) {
    return Status::InvalidArgument("the confidence level must be between 0 and 1").WithField("level");
  }
  if (Status s = CheckCorrection(r.correction); !s.ok()) return s;
  auto input = r.analysis == AnalysisKind::kCumulative ? LoadOrdered(r, eb) : LoadInput(r, eb);
  if (!input.ok()) return input.status();
  input->correction = r.correction;
  if (Status s = AddColumns(r, eb, &*input); !s.ok()) return s;
  if (Status s = DropDoubleZeroStudies(&*input); !s.ok()) return s;
  MetaResult out;
  out.analysis = r.analysis;
  out.input = std::move(*input);
  out.outcome = r.csv_file.empty() ? r.query.outcome : "";
  out.convention = r.convention;
  out.measure = MeasureFor(r, out.input);
  out.options.method = MethodFor(r, out.input);
  if (out.options.method == Method::kGLMM) {
    if (Status s = GlmmSupports(r); !s.ok()) return s;
  }
  out.options.knha = r.knha;
  out.options.level = r.level;
  if (Status s = CheckRefitBound(r.analysis, out.input.studies.size()); !s.ok()) return s;
  switch (r.analysis) {
    case AnalysisKind::kPool: {
      auto a = Analyze(out.input, out.measure, out.options, !r.query.by.empty(), r.convention);
      if (!a.ok()) return a.status();
      out.pool = std::move(*a);
      break;
    }
    case AnalysisKind::kLeaveOneOut: {
      auto rows = LeaveOneOut(out.input, out.measure, out.options);
      if (!rows.ok()) return rows.status();
      out.leave_one_out = std::move(*rows);
      break;
    }
    case AnalysisKind::kCumulative: {
      auto rows = Cumulative(out.input, out.measure, out.options);
      if (!rows.ok()) return rows.status();
      for (size_t i = 0; i < rows->size(); ++i) {
        if (!r.order.empty()) (*rows)[i].order = out.input.studies[i].moderators.at(0);
      }
      out.cumulative = std::move(*rows);
      out.order = r.order;
      break;
    }
    case AnalysisKind::kBaujat: {
      auto points = Baujat(out.input, out.measure, out.options);
      if (!points.ok()) return points.status();
      out.baujat = std::move(*points);
      break;
    }
    case AnalysisKind::kRadial: {
      auto plot = Radial(out.input, out.measure, out.options);
      if (!plot.ok()) return plot.status();
      out.radial = std::move(*plot);
      break;
    }
    default:
      if (Status s = RunSensitivity(r, progress, &out); !s.ok()) return s;
  }
  // The measure as applied: yi/vi input is on its own scale.
  if (!out.input.counts) out.measure = Measure::kGeneric;
  return out;
}

}  // namespace carta::meta
