// A meta-analysis from start to finish, as `carta meta` and the report run
// it: studies from the evidence base or a CSV file, effect sizes, the pooled
// model, back-transformed summaries, subgroups and leave-one-out.
#ifndef CARTA_META_ANALYSIS_H_
#define CARTA_META_ANALYSIS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/filter.h"
#include "carta/evidence/registrations.h"
#include "carta/evidence/model.h"
#include "carta/meta/effects.h"
#include "carta/meta/moderators.h"
#include "carta/meta/rma.h"
#include "carta/meta/subgroups.h"

namespace carta::meta {

// One study's data: counts (events of n) or an effect size and its variance.
struct StudyInput {
  std::string study;
  std::string group;     // subgroup label, "" when none
  long events = -1;      // -1 when given as yi/vi; the first arm's with two arms
  long n = -1;
  long events2 = -1;     // the second (control) arm, for RR, OR and RD
  long n2 = -1;
  double yi = NAN, vi = NAN;
  std::vector<std::string> moderators;  // its values of AnalysisInput::formula's variables; empty without moderators
  std::string source;    // where the numbers come from ("[44] Table 3", "in.csv:3")
  std::string note;      // e.g. "events derived from 81% of 79"
  std::vector<std::string> extra;  // its values of AnalysisInput::extra_columns, for display ("" when none)
};

struct AnalysisInput {
  bool counts = true;    // events/n (true) or yi/vi (false)
  bool two_arm = false;  // events1,n1,events2,n2: comparative studies (RR, OR, RD)
  std::vector<StudyInput> studies;
  std::vector<std::pair<std::string, std::string>> excluded;  // study, why
  std::string description;  // what was selected, in words
  std::string moderator;    // the moderator formula as given ("ablat", "ablat*alloc", "followup"); "" without one
  std::optional<ModeratorFormula> formula;  // parsed; its variables are CSV columns or evidence fields
  // Evidence: cohorts not pooled because another cohort of their registration
  // and indication is (evidence::OnePerRegistration).
  std::vector<evidence::SetAside> set_aside;
  // How counts are corrected for zero cells (escalc's add, to, drop00); the
  // default is metafor's. drop00 acts through DropDoubleZeroStudies.
  ContinuityCorrection correction;
  // Columns carried for display and sorting only (a forest plot's extra
  // columns): CSV columns, or for the evidence base followup, n, indication,
  // target, product, costim, generation. StudyInput::extra holds the values.
  std::vector<std::string> extra_columns;
};

// With `input->correction.drop00`, moves the two-arm studies with no events,
// or only events, in both arms from `studies` to `excluded` (escalc's
// drop00). Fails with InvalidArgument (field "drop00") when the input is not
// two-arm counts; does nothing without drop00.
Status DropDoubleZeroStudies(AnalysisInput* input);

// Reads `study,events,n[,group]`, `study,events1,n1,events2,n2[,group]` (two
// arms) or `study,yi,vi[,group]` (header names in any
// case; other columns ignored). Without a study column the studies are named
// S1, S2, ... in file order and the description says so. Fails with file:line and the column on a
// missing column, a non-number, events > n, n < 1 or a negative variance.
// `mods`, when given, is a moderator formula (moderators.h: "ablat",
// "ablat,alloc", "ablat*alloc") whose variables are columns (numbers, or
// labels for a categorical moderator); an unknown column fails (field "mods").
Result<AnalysisInput> InputFromCsv(std::string_view text, const std::string& file, const std::string& mods = "");

// The values of `columns` (extra_columns above) added to every study of
// `input`, read from the CSV `text` that made it (rows matched by their
// file:line source) or from the evidence base's cohorts (`eb`, by study id;
// a missing value is ""). Fails with InvalidArgument (field "columns")
// naming an unknown column.
Status AddExtraColumns(std::string_view text, const std::string& file, const std::vector<std::string>& columns,
                       AnalysisInput* input);
Status AddExtraColumns(const evidence::EvidenceBase& eb, const std::vector<std::string>& columns, AnalysisInput* input);

// Which cohorts of the evidence base to pool: the one cohort filter (by
// antigen, indication with its sub-types, product; canonical values, as
// evidence::ResolveCohortFilter gives them) and what to pool of them.
struct OutcomeQuery : evidence::CohortFilter {
  std::string outcome;     // a rate key: orr, crr, cr_cri, mrd_neg, crs_any, crs_g3plus, icans_any, icans_g3plus, ...
  std::string location;    // "" for any; only values printed there ("Table 3")
  std::string by;          // subgroup field: indication, target, product, costim, generation; "" for none
  std::string mods;        // moderator formula (moderators.h) over the same fields, followup (months) and n; "" for none
  // How cohorts of one registration and indication are counted (default: once).
  evidence::RegistrationRule registrations;
};

// Every cohort with a value of the outcome and an n: events are the printed
// count (K/N, K patients) or round(percent × n / 100), noted per study. A
// cohort without n is listed in `excluded`. Fails with InvalidArgument on an
// unknown outcome (field "outcome"), subgroup or moderator field ("by",
// "mods"), or when fewer than 2 cohorts qualify.
Result<AnalysisInput> InputFromEvidence(const evidence::EvidenceBase& eb, const OutcomeQuery& q);

// Whose defaults shape the summary. The model is fitted the same way; what
// changes is how heterogeneity and intervals are reported:
//   kMetafor: I² and H² from τ² (Higgins & Thompson 2002, τ²-based), prediction
//             interval with the CI's critical value (z), study CIs Wald on the measure's scale;
//   kMeta:    R's meta package: I² = (Q - df)/Q and H² = Q/df from Cochran's Q,
//             prediction interval with t(k-1) (Higgins, Thompson & Spiegelhalter 2009),
//             study CIs Clopper-Pearson for counts.
enum class Convention { kMetafor, kMeta };

// Where a fit under Convention::kMeta does not do what R meta 8.2-1 does: the
// output keys it concerns and what carta does instead, so that a user
// comparing with meta knows which numbers to expect to differ
// (tests/golden/meta/conv_meta.json checks every other key against meta).
struct ConventionDeparture {
  std::vector<std::string> keys;  // JSON keys of the pooled result, e.g. "tau2_ci_lb"
  std::string what;
};

struct StudyResult {
  StudyInput input;
  double yi = 0, vi = 0;
  double weight = 0;            // percent, in the overall model
  bool corrected = false;       // continuity correction applied
  double added = 0;             // the correction added to each cell when `corrected`
  // yi and its Wald interval back-transformed (counts only), as metafor's
  // forest() shows them: after any continuity correction (28/28 -> 0.983).
  double prop = NAN, prop_ci_lb = NAN, prop_ci_ub = NAN;
};

// The pooled values on the proportion scale (counts only).
struct Proportions {
  double prop = NAN, ci_lb = NAN, ci_ub = NAN, pi_lb = NAN, pi_ub = NAN;
};

struct Analysis {
  Measure measure = Measure::kGeneric;
  FitOptions options;
  FitResult fit;
  Proportions pooled;
  double harmonic_n = NAN;      // used by the PFT back-transformation
  std::vector<StudyResult> studies;
  std::optional<SubgroupAnalysis> subgroups;
  std::vector<Proportions> subgroup_props;  // per separate subgroup fit, same order
  std::optional<FitResult> regression;      // with a moderator: the mixed-effects meta-regression
  bool moderator_numeric = false;           // every moderator continuous (no dummy-coded levels)
  Convention convention = Convention::kMetafor;
  std::vector<ConventionDeparture> departures;  // under Convention::kMeta
};

// The design of the meta-regression on `input.formula` (moderators.h: an
// intercept, numeric moderators as they are, categorical ones by treatment
// contrasts, interactions as products, metafor's coefficient names). Fails
// with InvalidArgument (field "mods") without a formula, on a study without
// a value, or on a moderator with a single value.
Result<ModeratorDesign> ModeratorDesignOf(const AnalysisInput& input);

// Effect sizes (counts with `measure`; yi/vi as given), the model, with
// `by_group` the subgroup analyses, and with moderators the meta-regression.
Result<Analysis> Analyze(const AnalysisInput& input, Measure measure, const FitOptions& options, bool by_group,
                         Convention convention = Convention::kMetafor);


// The effect sizes and sampling variances of the input on `measure`'s scale
// (yi/vi as given; counts and two-arm counts as escalc computes them).
Result<std::pair<std::vector<double>, std::vector<double>>> EffectSizesOf(const AnalysisInput& input, Measure measure);

// The estimate of `f`, its CI and prediction interval on the proportion
// scale (ToProportion with `harmonic_n` for PFT).
Proportions BackTransform(Measure measure, const FitResult& f, double harmonic_n);

// The model refitted without each study in turn (metafor's leave1out()).
struct LeaveOneOutRow {
  std::string omitted;
  FitResult fit;
  Proportions pooled;
};
Result<std::vector<LeaveOneOutRow>> LeaveOneOut(const AnalysisInput& input, Measure measure, const FitOptions& options);

}  // namespace carta::meta

#endif  // CARTA_META_ANALYSIS_H_
