// `carta meta` as one library call: a request (what to pool, which analysis,
// the model's options) in, every number the command, the report or a server
// shows out. The analysis policy lives here, not in a front end: the measure
// two-arm data default to, when R meta's conventions choose the GLMM, which
// analysis runs, the moderator design of a permutation test.
#ifndef CARTA_META_RUN_H_
#define CARTA_META_RUN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "carta/core/progress.h"
#include "carta/core/status.h"
#include "carta/evidence/filter.h"
#include "carta/evidence/model.h"
#include "carta/meta/analysis.h"
#include "carta/meta/bias.h"
#include "carta/meta/cumulative.h"
#include "carta/meta/diagnostics.h"
#include "carta/meta/multilevel.h"
#include "carta/meta/resampling.h"

namespace carta::meta {

// The analyses of `carta meta` (doc/cli.md).
enum class AnalysisKind {
  kPool,         // the model, subgroups and meta-regression (metafor's rma, print.rma)
  kLeaveOneOut,  // the model without each study (leave1out)
  kInfluence,    // case-deletion diagnostics (influence)
  kGosh,         // the model on every subset of studies (gosh)
  kPermutation,  // permutation test of the coefficients (permutest)
  kBias,         // Egger's test, the rank correlation test and trim-and-fill
  kCumulative,   // the model as studies are added one at a time (cumul)
  kBaujat,       // each study's contribution to Q and influence on the estimate (baujat)
  kRadial,       // the radial (Galbraith) plot's coordinates (radial)
};

// "pool", "leave1out", "influence", "gosh", "permtest", "bias", "cumulative",
// "baujat", "radial": the names a
// request and the command take, in this order.
const std::vector<std::string>& AnalysisKindNames();
const char* AnalysisKindName(AnalysisKind kind);
// Fails with InvalidArgument listing the accepted names.
Result<AnalysisKind> ParseAnalysisKind(const std::string& name);

// The most studies leave1out and influence take: they refit the model once
// per study, O(k²) time (leave1out: 4.6 s at 2,000 studies, so about 30 s
// at this bound; doc/benchmarks.md). The
// pooled model, meta-regression, GOSH (sampled), permutation and bias tests
// have no such bound: their time grows linearly in k.
inline constexpr size_t kMaxStudiesPerStudyRefits = 5000;

// "metafor", "meta" (see Convention).
const std::vector<std::string>& ConventionNames();
Result<Convention> ParseConvention(const std::string& name);

// The conventions of a fit in words, as the summary and the JSON's
// "conventions" say them: whose defaults, the estimator, the tests, how I²
// and the τ² interval were computed.
std::string DescribeConventions(const FitOptions& o, Convention c = Convention::kMetafor);

// One meta-analysis to run.
struct MetaRequest {
  // What to pool: the rows of a CSV file when `csv_file` is given (its text in
  // `csv_text`, as InputFromCsv reads it), else the cohorts of the evidence
  // base that report `query.outcome` (InputFromEvidence). With a CSV file,
  // `query.by` may only be "group" (its column) and `query.mods` names a column.
  OutcomeQuery query;
  std::string csv_file;
  std::string csv_text;

  AnalysisKind analysis = AnalysisKind::kPool;
  // The effect size; none: PLO, or RR for two-arm data.
  std::optional<Measure> measure;
  // The τ² estimator; none: REML, or GLMM for counts under the meta
  // convention when there are no subgroups.
  std::optional<Method> method;
  bool knha = false;
  Convention convention = Convention::kMetafor;
  double level = 0.95;            // confidence level, a fraction in (0, 1)
  uint64_t iterations = 1000;     // permutation: random permutations (exact when fewer are possible)
  uint64_t subsets = 1048575;     // gosh: all subsets up to this many, else a random sample of this size
  int threads = 0;                // gosh, permutation: 0 for ThreadsFor's default
  // The continuity correction of counts (escalc's add, to, drop00; default
  // metafor's). Run fails (field "cc", "drop00") on a negative amount or
  // drop00 without two-arm counts.
  ContinuityCorrection correction;
  // cumulative: the column (a CSV column, or for the evidence base followup
  // or n) whose ascending values order the studies; "" for the input order.
  std::string order;
  // Columns carried for display (a forest plot's extra columns;
  // AnalysisInput::extra_columns); Run adds figures.sort when it names a
  // column not among them.
  std::vector<std::string> columns;

  // The multilevel model (RunMultilevel): `random` names its levels
  // (MultilevelRequest::random); `cluster` is a CSV column of the trial, the
  // same as random = cluster. Either makes the request a multilevel one.
  std::string random;
  std::string cluster;
  bool t_test = false;  // multilevel only: rma.mv's test = "t" (t and F tests with k - p df)

  // The figures a front end will draw from the result (the command's plot
  // files, the server's format=svg|funnel) and the forest plot's options:
  // carried so that CheckRequest refuses the same combinations for every
  // front end. Run does not draw them.
  struct Figures {
    bool forest = false;  // a forest plot (field "svg")
    bool funnel = false;  // a funnel plot (field "funnel")
    std::string sort;     // the forest plot's order: effect, weight or a column (field "sort")
    bool xlim = false;    // axis limits given (field "xlim")
  } figures;
};

// Whether `r` asks for the multilevel model (random or cluster given).
bool IsMultilevel(const MetaRequest& r);

// The option-compatibility policy of `carta meta`, one for every front end:
// Ok when the options of `r` go together. Fails with InvalidArgument whose
// field is the option at fault: for a multilevel request, an analysis other
// than pool ("analysis"), an estimator other than REML or ML ("method"), subgroups ("by"), Hartung-Knapp ("knha"), R meta's
// convention ("convention"), a preferred cohort ("prefer"), a plot ("svg",
// "funnel"), a continuity correction ("cc", "cc_to", "drop00"), an ordering
// ("order"), the forest plot's options ("sort", "xlim", "columns"), random
// and cluster together or cluster without a CSV file ("cluster"); for the
// plain model, t-tests ("test"), a forest plot of an analysis that draws
// none (leave1out, influence, gosh, permtest, bias: "svg") and a funnel
// plot of any analysis but pool ("funnel"). Messages name fields, never flags.
Status CheckRequest(const MetaRequest& r);

// The multilevel request of `r` (CheckRequest first): its studies, levels
// (cluster as random), measure, method (none: REML), t-tests and level.
// Fails as CheckRequest does, and (field "random") when `r` is not multilevel.
Result<MultilevelRequest> MultilevelRequestOf(const MetaRequest& r);

// A permutation test with the fit it tests.
struct PermutationResult {
  FitResult fit;  // the model (with the moderator's design when the studies have one)
  PermutationTest test;
};

// The publication-bias tests, with trim-and-fill's estimate back-transformed.
struct BiasResult {
  EggerTest egger;
  RankTest rank;
  TrimAndFill trimfill;
  double trimfill_prop = NAN;  // counts: the adjusted estimate as a proportion (ratio); NaN otherwise
};

// Type-7 quantiles (R's default) of the finite values of one GOSH column.
struct FiveNumbers {
  double min = NAN, q25 = NAN, median = NAN, q75 = NAN, max = NAN;
};
// Empty when no value is finite.
std::optional<FiveNumbers> Summarize(std::vector<double> values);

struct GoshSummary {
  std::optional<FiveNumbers> estimate, tau2, I2, Q;
};

// What Run() computed: the input as read, the options as applied (defaults
// resolved) and the results of the one analysis that ran.
struct MetaResult {
  AnalysisKind analysis = AnalysisKind::kPool;
  AnalysisInput input;
  std::string outcome;         // the evidence outcome pooled; "" for a CSV file
  Measure measure = Measure::kPLO;  // as applied: kGeneric for yi/vi input
  FitOptions options;          // as applied (method after the convention's default)
  Convention convention = Convention::kMetafor;

  std::optional<Analysis> pool;                 // kPool
  std::vector<LeaveOneOutRow> leave_one_out;    // kLeaveOneOut
  std::vector<InfluenceRow> influence;          // kInfluence, one per study of `input`
  std::optional<GoshResult> gosh;               // kGosh
  std::optional<GoshSummary> gosh_summary;      // kGosh
  std::optional<PermutationResult> permutation; // kPermutation
  std::optional<BiasResult> bias;               // kBias
  std::vector<CumulativeRow> cumulative;        // kCumulative, one per step
  std::string order;                            // kCumulative: the ordering column; "" for the input order
  std::vector<BaujatPoint> baujat;              // kBaujat, one per study
  std::optional<RadialPlot> radial;             // kRadial
};

// Runs `request`. `eb` is needed for an outcome query (else it may be null).
// Fails as CheckRequest does (a multilevel request is refused, field
// "random": run MultilevelRequestOf's with RunMultilevel); with InvalidArgument
// (field "outcome", "by", "mods", "target", "indication", "product",
// "columns", or "sort" for a sort column that does not exist, where one is
// at fault) on a bad request or input,
// (field "analysis") on leave1out or influence past kMaxStudiesPerStudyRefits,
// with NotConverged when the model cannot be fitted, and with Cancelled when
// `progress` says so during GOSH or a permutation test. `progress` sees
// GOSH's subsets.
Result<MetaResult> Run(const MetaRequest& request, const evidence::EvidenceBase* eb, Progress* progress = nullptr);

}  // namespace carta::meta

#endif  // CARTA_META_RUN_H_
