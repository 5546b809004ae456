// The option-compatibility policy of `carta meta` (CheckRequest): which
// options go together, for the command and the server alike.
#include <string>

#include "carta/meta/run.h"

namespace carta::meta {

namespace {

Status Refuse(const std::string& field, const std::string& why) {
  return Status::InvalidArgument(why).WithField(field);
}

// The options a multilevel model does not take, refused rather than ignored.
Status CheckMultilevel(const MetaRequest& r) {
  if (r.analysis != AnalysisKind::kPool) {
    return Refuse("analysis", std::string("a multilevel model (random) pools; ") + AnalysisKindName(r.analysis) +
                                  " needs the plain model");
  }
  if (r.method && *r.method != Method::kREML && *r.method != Method::kML) {
    return Refuse("method", "a multilevel model is fitted by REML or ML, not " + std::string(MethodName(*r.method)));
  }
  if (!r.query.by.empty()) return Refuse("by", "subgroups are not available with a multilevel model; use moderators (mods)");
  if (r.knha) {
    return Refuse("knha", "Hartung-Knapp tests are of the plain model; a multilevel model takes test t (rma.mv's "
                          "t-tests with k - p df)");
  }
  if (r.convention != Convention::kMetafor) {
    return Refuse("convention", "a multilevel model follows metafor's rma.mv; R meta's convention is of the plain model");
  }
  if (!r.query.registrations.prefer.empty()) {
    return Refuse("prefer", "a multilevel model keeps every cohort; there is nothing to prefer");
  }
  if (r.figures.forest) return Refuse("svg", "the forest plot is of the plain model, not of a multilevel one");
  if (r.figures.funnel) return Refuse("funnel", "the funnel plot is of the plain model, not of a multilevel one");
  const ContinuityCorrection& cc = r.correction;
  const std::string escalc = "a multilevel model uses escalc's default continuity correction (0.5 to studies with a "
                             "zero cell)";
  if (cc.add) return Refuse("cc", escalc);
  if (cc.to != CorrectTo::kOnly0) return Refuse("cc_to", escalc);
  if (cc.drop00) return Refuse("drop00", escalc);
  if (!r.order.empty()) return Refuse("order", "orders a cumulative meta-analysis of the plain model, not a multilevel one");
  const std::string forest = "shapes the forest plot of the plain model, not of a multilevel one";
  if (!r.figures.sort.empty()) return Refuse("sort", forest);
  if (r.figures.xlim) return Refuse("xlim", forest);
  if (!r.columns.empty()) return Refuse("columns", forest);
  if (!r.random.empty() && !r.cluster.empty()) return Refuse("cluster", "give random or cluster, not both");
  if (!r.cluster.empty() && r.csv_file.empty()) {
    return Refuse("cluster", "names a column of a CSV file; for the evidence base use random trial/cohort");
  }
  return Status::Ok();
}

// The plots of the plain model: the forest plot of pool (cumulative, baujat
// and radial draw their own), the funnel plot of pool only.
Status CheckFigures(const MetaRequest& r) {
  const AnalysisKind a = r.analysis;
  const bool drawn = a == AnalysisKind::kPool || a == AnalysisKind::kCumulative || a == AnalysisKind::kBaujat ||
                     a == AnalysisKind::kRadial;
  if (r.figures.forest && !drawn) {
    return Refuse("svg", std::string(AnalysisKindName(a)) +
                             " draws no plot (pool draws the forest plot; cumulative, baujat and radial their own)");
  }
  if (r.figures.funnel && a != AnalysisKind::kPool) {
    return Refuse("funnel", std::string("the funnel plot is of the pooled model (pool), not of ") + AnalysisKindName(a));
  }
  return Status::Ok();
}

}  // namespace

bool IsMultilevel(const MetaRequest& r) { return !r.random.empty() || !r.cluster.empty(); }

Status CheckRequest(const MetaRequest& r) {
  if (IsMultilevel(r)) return CheckMultilevel(r);
  if (r.t_test) {
    return Refuse("test", "only with a multilevel model (random); the plain model's t-tests are Hartung-Knapp's (knha)");
  }
  return CheckFigures(r);
}

Result<MultilevelRequest> MultilevelRequestOf(const MetaRequest& r) {
  if (!IsMultilevel(r)) return Refuse("random", "not a multilevel request: give the levels (e.g. trial/cohort)");
  if (Status s = CheckRequest(r); !s.ok()) return s;
  MultilevelRequest m;
  m.query = r.query;
  m.csv_file = r.csv_file;
  m.csv_text = r.csv_text;
  m.random = r.cluster.empty() ? r.random : r.cluster;
  m.measure = r.measure;
  if (r.method) m.options.method = *r.method;
  m.options.t_test = r.t_test;
  m.options.level = r.level;
  return m;
}

}  // namespace carta::meta
