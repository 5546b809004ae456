// Multilevel random-effects meta-analysis: the model of metafor's
// rma.mv(yi, vi, mods, random = ~ 1 | trial/cohort), with one variance
// component per level of a nested grouping (cohorts within trials, or
// deeper: a/b/c), fitted by REML or ML; checked against metafor 3.8-1 to
// 1e-6 (tests/golden/meta/mv*.json). The formulas, the optimiser and what it
// does at σ² = 0 are in doc/formulas.md ("Multilevel models").
#ifndef CARTA_META_MULTILEVEL_H_
#define CARTA_META_MULTILEVEL_H_

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"
#include "carta/meta/analysis.h"
#include "carta/meta/rma.h"

namespace carta::meta {

// The nested grouping of k studies: `labels[j][i]` is study i's label at
// level j, outermost level first ("trial", then "cohort"). A label is read
// within its parent (cohort "A" of trial 1 and cohort "A" of trial 2 are two
// cohorts), as R reads trial/cohort.
struct Nesting {
  std::vector<std::string> names;                // per level: "trial", "cohort"
  std::vector<std::vector<std::string>> labels;  // per level, k labels
};

struct MultilevelOptions {
  Method method = Method::kREML;  // kREML or kML
  bool t_test = false;            // rma.mv's test = "t": t and F tests with k - p df
  double level = 0.95;            // confidence level of every interval
  bool profile_ci = true;         // the profile-likelihood intervals of the σ² (confint.rma.mv)
  double tolerance = 1e-10;       // relative change of the σ² at which the optimiser stops
  int max_iterations = 1000;      // Newton iterations per start
};

// One variance component: the variance between the groups of one level
// within their parent level.
struct VarianceComponent {
  std::string name;    // "trial", "trial/cohort"
  int groups = 0;      // number of distinct groups at this level
  double sigma2 = 0;
  // Profile-likelihood interval (confint.rma.mv). The search runs over
  // [0, max(10, 100 σ²)] as metafor's does: `ci_ub_censored` is true when
  // the profile has not fallen to the critical value at that bound (the bound
  // is reported, as metafor prints "> bound"); NaN without profile_ci.
  double ci_lb = NAN, ci_ub = NAN;
  bool ci_ub_censored = false;
  bool at_boundary = false;  // σ² = 0 at the optimum
  double I2 = NAN;           // percent of the total variance at this level (Cheung 2014)
};

// The fit, in the terms of metafor's print.rma.mv and fitstats.
struct MultilevelFit {
  Method method = Method::kREML;
  bool t_test = false;
  double level = 0.95;  // confidence level of the intervals
  int k = 0, p = 0;
  std::vector<std::string> names;                          // coefficient names, "intrcpt" first
  std::vector<double> beta, se, zval, pval, ci_lb, ci_ub;  // zval holds t values under t_test
  int df = 0;                                              // k - p under t_test, else 0
  std::vector<VarianceComponent> components;               // outermost level first
  double QE = 0, QE_pval = 0;  // residual heterogeneity, weights 1/v_i (rma.mv's QE)
  int QE_df = 0;
  double QM = NAN, QM_pval = NAN;  // the moderators (all but the intercept); NaN without
  int QM_df = 0;                   // numerator df; under t_test an F test with (QM_df, k - p)
  double logLik = 0, deviance = 0, AIC = 0, BIC = 0, AICc = 0;  // of `method`, as metafor counts them
  int parameters = 0;               // p + number of components
  // Intercept-only models: the prediction interval with Σσ² (predict.rma);
  // NaN with moderators.
  double pi_lb = NAN, pi_ub = NAN;
  double vt = 0;                    // "typical" within-study variance (k - p)/tr(P), P with weights 1/v_i
  double I2 = 0;                    // percent: Σσ² / (Σσ² + vt) (Cheung 2014; metafor FAQ)
  int iterations = 0;               // Newton iterations of the best start
};

// Fits y = Xβ + u_1 + ... + u_L + e with u_j ~ N(0, σ²_j) shared by the
// studies of one group at level j and e_i ~ N(0, v_i). `x` is row-major,
// k rows of names.size() columns, an intercept first; empty means an
// intercept-only model. V is block diagonal (one block per outermost
// group) and never formed: each evaluation costs O(k p²).
// Fails with InvalidArgument on: sizes that differ; k < 3; k <= p; NaN or
// infinite y; NaN, infinite or non-positive v; an empty label (field
// "random", naming the study); a single group at the outermost level; a
// level whose every group holds a single group of the next level (their
// two components cannot be told apart); a method other than REML or ML
// (field "method"); a design not of full rank. NotConverged when no start
// converges.
Result<MultilevelFit> FitMultilevel(const std::vector<double>& yi, const std::vector<double>& vi, const Nesting& nesting,
                                    const MultilevelOptions& options, const std::vector<double>& x = {},
                                    const std::vector<std::string>& names = {});

// "trial/cohort", "a/b/c": the levels of `random` (metafor's ~ 1 | a/b/c,
// an optional leading "~ 1 |" or "~"). Fails with InvalidArgument (field
// "random") on an empty level, a repeated one or more than 8 levels.
Result<std::vector<std::string>> ParseRandom(const std::string& random);

// A multilevel meta-analysis to run: the studies as MetaRequest reads them
// (with the evidence base every cohort is kept: the model counts a trial's
// cohorts through its trial component, so the one-per-registration rule is
// not applied), and the nesting.
struct MultilevelRequest {
  OutcomeQuery query;     // as MetaRequest::query (by is not used)
  std::string csv_file;
  std::string csv_text;
  // The levels, outermost first. Evidence base: "trial/cohort" (the only
  // names it knows: a trial is a registration, cohorts sharing a registry id
  // are one trial, a cohort without one is its own trial) or "trial"
  // (the same). CSV file: column names; the last may be "study" (one row,
  // one group); a single column C means C/study.
  std::string random = "trial/cohort";
  std::optional<Measure> measure;  // none: PLO (RR for two arms)
  MultilevelOptions options;
};

struct MultilevelResult {
  AnalysisInput input;
  std::string outcome;  // "" for a CSV file
  Measure measure = Measure::kPLO;  // as applied: kGeneric for yi/vi input
  Nesting nesting;
  std::vector<double> yi, vi;
  MultilevelFit fit;
  Proportions pooled;   // counts, intercept-only: estimate, CI and PI back-transformed
  std::string note;     // in words: what the model counts (every cohort kept, and why)
};

// Runs `r` (`eb` is needed for an outcome, else may be null). Fails as
// InputFromCsv, InputFromEvidence and FitMultilevel do; InvalidArgument
// (field "random") on an unknown level name or a blank cluster value
// (file:line), (field "by") when subgroups are asked for.
Result<MultilevelResult> RunMultilevel(const MultilevelRequest& r, const evidence::EvidenceBase* eb);

}  // namespace carta::meta

#endif  // CARTA_META_MULTILEVEL_H_
