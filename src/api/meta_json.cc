#include "carta/api/meta.h"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <type_traits>

#include "carta/api/evidence.h"
#include "carta/api/meta_text.h"
#include "carta/api/request.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

using meta::AnalysisKind;

Json StudiesJson(const meta::Analysis& a, bool counts) {
  Json studies = Json::array();
  for (const auto& s : a.studies) {
    Json sj = {{"study", s.input.study}, {"yi", Number(s.yi)}, {"vi", Number(s.vi)}, {"weight", Number(s.weight)},
               {"source", s.input.source}};
    if (counts) {
      sj["events"] = s.input.events;
      sj["n"] = s.input.n;
      sj["prop"] = Number(s.prop);
      sj["prop_ci_lb"] = Number(s.prop_ci_lb);
      sj["prop_ci_ub"] = Number(s.prop_ci_ub);
      sj["corrected"] = s.corrected;
      if (s.corrected) sj["added"] = Number(s.added);
    }
    if (!s.input.group.empty()) sj["group"] = s.input.group;
    if (!s.input.note.empty()) sj["note"] = s.input.note;
    studies.push_back(sj);
  }
  return studies;
}

// The continuity correction as applied: its amount, its rule and the studies
// that received it.
Json CorrectionJson(const meta::Analysis& a, const meta::ContinuityCorrection& cc) {
  Json studies = Json::array();
  for (const auto& s : a.studies) {
    if (s.corrected) studies.push_back(s.input.study);
  }
  return {{"add", Number(meta::CorrectionAmount(a.measure, cc))},
          {"to", meta::CorrectToName(cc.to)},
          {"drop00", cc.drop00},
          {"studies", studies}};
}

Json RegressionJson(const meta::FitResult& r) {
  Json coefs = Json::array();
  for (size_t c = 0; c < r.beta.size(); ++c) {
    coefs.push_back({{"name", r.names[c]}, {"estimate", Number(r.beta[c])}, {"se", Number(r.se[c])},
                     {r.knha ? "tval" : "zval", Number(r.zval[c])}, {"pval", Number(r.pval[c])},
                     {"ci_lb", Number(r.ci_lb[c])}, {"ci_ub", Number(r.ci_ub[c])}});
  }
  Json j = {{"coefficients", coefs}, {"tau2", Number(r.tau2)}, {"I2", Number(r.I2)}, {"R2", Number(r.R2)},
            {"QM", Number(r.QM)},    {"QM_df", r.QM_df}};
  // Under Hartung-Knapp the test of moderators is F(QM_df, k - p).
  if (r.knha) j["QM_df2"] = r.df;
  j["QM_pval"] = Number(r.QM_pval);
  j["QE"] = Number(r.Q);
  j["QE_df"] = r.Q_df;
  j["QE_pval"] = Number(r.Q_pval);
  return j;
}

Json PoolJson(const meta::MetaResult& r) {
  const meta::Analysis& a = *r.pool;
  const meta::FitResult& f = a.fit;
  const bool counts = r.input.counts;
  Json j = ToJson(f, counts ? &a.pooled : nullptr);
  j["measure"] = meta::MeasureName(a.measure);
  j["method"] = meta::MethodName(f.method);
  j["knha"] = f.knha;
  j["level"] = a.options.level;
  j["conventions"] = meta::DescribeConventions(a.options, a.convention);
  if (a.convention == meta::Convention::kMeta) {
    Json departures = Json::array();
    for (const auto& d : a.departures) departures.push_back({{"keys", d.keys}, {"what", d.what}});
    j["departures_from_meta"] = departures;
  }
  if (!r.outcome.empty()) j["outcome"] = r.outcome;
  j["selection"] = r.input.description;
  j["studies"] = StudiesJson(a, counts);
  Json excluded = Json::array();
  for (const auto& [study, why] : r.input.excluded) excluded.push_back({{"study", study}, {"reason", why}});
  j["excluded"] = excluded;
  j["set_aside"] = SetAsideJson(r.input.set_aside);
  if (counts) j["continuity_correction"] = CorrectionJson(a, r.input.correction);
  if (a.subgroups) {
    Json subs = Json::array();
    for (size_t i = 0; i < a.subgroups->separate.size(); ++i) {
      const auto& sf = a.subgroups->separate[i];
      Json sj = ToJson(sf.fit, counts ? &a.subgroup_props[i] : nullptr);
      sj["group"] = sf.group;
      subs.push_back(sj);
    }
    j["subgroups"] = subs;
    j["test_between"] = {{"Q", Number(a.subgroups->Q_between)}, {"df", a.subgroups->Q_between_df},
                         {"pval", Number(a.subgroups->Q_between_pval)}};
    j["test_moderator_common_tau2"] = {{"QM", Number(a.subgroups->QM)}, {"df", a.subgroups->QM_df},
                                       {"pval", Number(a.subgroups->QM_pval)}, {"tau2", Number(a.subgroups->common.tau2)}};
  }
  if (a.regression) j["regression"] = RegressionJson(*a.regression);
  return j;
}

Json FiveNumbersJson(const std::optional<meta::FiveNumbers>& s) {
  if (!s) return nullptr;
  return {{"min", s->min}, {"q25", s->q25}, {"median", s->median}, {"q75", s->q75}, {"max", s->max}};
}

Json GoshJson(const meta::MetaResult& r) {
  const meta::GoshResult& g = *r.gosh;
  const meta::GoshSummary& s = *r.gosh_summary;
  return {{"k", g.k},
          {"subsets", g.mask.size()},
          {"exact", g.exact},
          {"failed", g.failed},
          {"estimate", FiveNumbersJson(s.estimate)},
          {"tau2", FiveNumbersJson(s.tau2)},
          {"I2", FiveNumbersJson(s.I2)},
          {"Q", FiveNumbersJson(s.Q)}};
}

Json PermutationJson(const meta::MetaResult& r) {
  const meta::FitResult& fit = r.permutation->fit;
  const meta::PermutationTest& t = r.permutation->test;
  return {{"exact", t.exact},       {"iterations", t.iterations},   {"QM", Number(fit.QM)},
          {"QM_df", fit.QM_df},     {"QM_pval", Number(fit.QM_pval)}, {"QM_pval_perm", Number(t.QM_pval)},
          {"coefficients", ToListing(r).ToJson()}};
}

Json BiasJson(const meta::BiasResult& b) {
  const meta::EggerTest& egger = b.egger;
  const meta::RankTest& rank = b.rank;
  const meta::TrimAndFill& tf = b.trimfill;
  return {{"egger",
           {{egger.df ? "tval" : "zval", Number(egger.zval)},
            {"pval", Number(egger.pval)},
            {"limit", Number(egger.limit)},
            {"limit_ci_lb", Number(egger.limit_ci_lb)},
            {"limit_ci_ub", Number(egger.limit_ci_ub)}}},
          {"rank", {{"tau", Number(rank.tau)}, {"pval", Number(rank.pval)}, {"exact", rank.exact}}},
          {"trimfill",
           {{"k0", tf.k0},
            {"se_k0", Number(tf.se_k0)},
            {"side", tf.side},
            {"estimate", Number(tf.fit.estimate)},
            {"ci_lb", Number(tf.fit.estimate_ci_lb)},
            {"ci_ub", Number(tf.fit.estimate_ci_ub)},
            {"tau2", Number(tf.fit.tau2)},
            {"prop", Number(b.trimfill_prop)},
            {"filled_yi", tf.filled_yi}}}};
}

Listing PoolListing(const meta::MetaResult& r) {
  const meta::Analysis& a = *r.pool;
  const meta::FitResult& f = a.fit;
  const bool counts = r.input.counts;
  Listing l({{"study", "study"}, {"group", "group"}, {"events", "events"}, {"n", "n"}, {"yi", "yi"}, {"vi", "vi"},
             {"weight", "weight"}, {"prop", "prop"}, {"prop_ci_lb", "prop_ci_lb"}, {"prop_ci_ub", "prop_ci_ub"}});
  for (const auto& s : a.studies) {
    l.Add({s.input.study, s.input.group, counts ? Json(s.input.events) : Json(nullptr),
           counts ? Json(s.input.n) : Json(nullptr), Number(s.yi), Number(s.vi), Number(s.weight), Number(s.prop),
           Number(s.prop_ci_lb), Number(s.prop_ci_ub)});
  }
  l.Add({"pooled", "", nullptr, nullptr, Number(f.estimate), Number(f.estimate_se * f.estimate_se), 100.0,
         Number(a.pooled.prop), Number(a.pooled.ci_lb), Number(a.pooled.ci_ub)});
  return l;
}

Listing LeaveOneOutListing(const meta::MetaResult& r) {
  Listing l({{"omitted", "Omitted"}, {"estimate", "estimate"}, {"se", "se"}, {"pval", "pval"}, {"ci_lb", "ci.lb"},
             {"ci_ub", "ci.ub"}, {"Q", "Q"}, {"tau2", "tau2"}, {"I2", "I2"}, {"prop", "prop"}});
  for (const auto& row : r.leave_one_out) {
    const meta::FitResult& f = row.fit;
    l.Add({row.omitted, Number(f.estimate), Number(f.estimate_se), Number(f.estimate_pval), Number(f.estimate_ci_lb),
           Number(f.estimate_ci_ub), Number(f.Q), Number(f.tau2), Number(f.I2),
           r.input.counts ? Number(row.pooled.prop) : Json(nullptr)});
  }
  return l;
}

Listing InfluenceListing(const meta::MetaResult& r) {
  Listing l({{"study", "Study"}, {"rstudent", "rstudent"}, {"dffits", "dffits"}, {"cook_d", "cook.d"},
             {"cov_r", "cov.r"}, {"tau2_del", "tau2.del"}, {"QE_del", "QE.del"}, {"hat", "hat"}, {"weight", "weight"},
             {"influential", "inf"}});
  for (size_t i = 0; i < r.influence.size(); ++i) {
    const auto& row = r.influence[i];
    l.Add({r.input.studies[i].study, Number(row.rstudent), Number(row.dffits), Number(row.cook_d), Number(row.cov_r),
           Number(row.tau2_del), Number(row.QE_del), Number(row.hat), Number(row.weight), row.influential});
  }
  return l;
}

Listing CumulativeListing(const meta::MetaResult& r) {
  const bool knha = !r.cumulative.empty() && r.options.knha;
  const char* stat = knha ? "tval" : "zval";
  Listing l({{"study", "Added"}, {"order", r.order.empty() ? "order" : r.order}, {"k", "k"}, {"estimate", "estimate"},
             {"se", "se"}, {stat, stat}, {"pval", "pval"}, {"ci_lb", "ci.lb"}, {"ci_ub", "ci.ub"}, {"Q", "Q"},
             {"Q_pval", "Qp"}, {"tau2", "tau2"}, {"I2", "I2"}, {"H2", "H2"}, {"prop", "prop"},
             {"prop_ci_lb", "prop.lb"}, {"prop_ci_ub", "prop.ub"}});
  for (const auto& row : r.cumulative) {
    const meta::FitResult& f = row.fit;
    const bool counts = r.input.counts;
    l.Add({row.study, row.order.empty() ? Json(nullptr) : Json(row.order), f.k, Number(f.estimate),
           Number(f.estimate_se), Number(f.estimate_zval), Number(f.estimate_pval), Number(f.estimate_ci_lb),
           Number(f.estimate_ci_ub), Number(f.Q), Number(f.Q_pval), Number(f.tau2), Number(f.I2), Number(f.H2),
           counts ? Number(row.pooled.prop) : Json(nullptr), counts ? Number(row.pooled.ci_lb) : Json(nullptr),
           counts ? Number(row.pooled.ci_ub) : Json(nullptr)});
  }
  return l;
}

Listing BaujatListing(const meta::MetaResult& r) {
  Listing l({{"study", "Study"}, {"x", "Contribution to Q (x)"}, {"y", "Influence on the estimate (y)"}});
  for (const auto& p : r.baujat) l.Add({p.study, Number(p.x), Number(p.y)});
  return l;
}

Listing RadialListing(const meta::MetaResult& r) {
  Listing l({{"study", "Study"}, {"x", "x = 1/sqrt(vi + tau2)"}, {"y", "y = yi/sqrt(vi + tau2)"}, {"yi", "yi"}});
  const meta::RadialPlot& p = *r.radial;
  for (size_t i = 0; i < p.study.size(); ++i) l.Add({p.study[i], Number(p.x[i]), Number(p.y[i]), Number(p.yi[i])});
  return l;
}

Json RadialJson(const meta::MetaResult& r) {
  const meta::RadialPlot& p = *r.radial;
  return {{"estimate", Number(p.estimate)}, {"ci_lb", Number(p.ci_lb)}, {"ci_ub", Number(p.ci_ub)},
          {"tau2", Number(p.tau2)},         {"level", p.level},         {"studies", RadialListing(r).ToJson()}};
}

Listing PermutationListing(const meta::MetaResult& r) {
  const meta::FitResult& fit = r.permutation->fit;
  const meta::PermutationTest& t = r.permutation->test;
  const char* stat = fit.knha ? "tval" : "zval";
  Listing l({{"coefficient", "coefficient"}, {"estimate", "estimate"}, {"se", "se"}, {stat, stat}, {"pval", "pval"},
             {"pval_perm", "pval (perm)"}});
  for (size_t c = 0; c < fit.beta.size(); ++c) {
    l.Add({fit.names[c], Number(fit.beta[c]), Number(fit.se[c]), Number(fit.zval[c]), Number(fit.pval[c]),
           Number(t.pval[c])});
  }
  return l;
}

}  // namespace

Json ToJson(const meta::FitResult& f, const meta::Proportions* p) {
  Json j = {{"k", f.k},
            {"estimate", Number(f.estimate)},
            {"se", Number(f.estimate_se)},
            {f.knha ? "tval" : "zval", Number(f.estimate_zval)},
            {"pval", Number(f.estimate_pval)},
            {"ci_lb", Number(f.estimate_ci_lb)},
            {"ci_ub", Number(f.estimate_ci_ub)},
            {"tau2", Number(f.tau2)},
            {"tau2_ci_lb", Number(f.tau2_ci_lb)},
            {"tau2_ci_ub", Number(f.tau2_ci_ub)},
            {"I2", Number(f.I2)},
            {"H2", Number(f.H2)},
            {"Q", Number(f.Q)},
            {"Q_df", f.Q_df},
            {"Q_pval", Number(f.Q_pval)},
            {"pi_lb", Number(f.pi_lb)},
            {"pi_ub", Number(f.pi_ub)}};
  if (f.knha) j["df"] = f.df;
  if (p) {
    j["prop"] = Number(p->prop);
    j["prop_ci_lb"] = Number(p->ci_lb);
    j["prop_ci_ub"] = Number(p->ci_ub);
    j["prop_pi_lb"] = Number(p->pi_lb);
    j["prop_pi_ub"] = Number(p->pi_ub);
  }
  return j;
}

Json ToJson(const meta::MetaResult& r) {
  switch (r.analysis) {
    case AnalysisKind::kPool: return PoolJson(r);
    case AnalysisKind::kLeaveOneOut:
    case AnalysisKind::kInfluence:
    case AnalysisKind::kCumulative:
    case AnalysisKind::kBaujat: return ToListing(r).ToJson();
    case AnalysisKind::kRadial: return RadialJson(r);
    case AnalysisKind::kGosh: return GoshJson(r);
    case AnalysisKind::kPermutation: return PermutationJson(r);
    case AnalysisKind::kBias: return BiasJson(*r.bias);
  }
  return nullptr;
}

Listing ToListing(const meta::MetaResult& r) {
  switch (r.analysis) {
    case AnalysisKind::kPool: return PoolListing(r);
    case AnalysisKind::kLeaveOneOut: return LeaveOneOutListing(r);
    case AnalysisKind::kInfluence: return InfluenceListing(r);
    case AnalysisKind::kPermutation: return PermutationListing(r);
    case AnalysisKind::kCumulative: return CumulativeListing(r);
    case AnalysisKind::kBaujat: return BaujatListing(r);
    case AnalysisKind::kRadial: return RadialListing(r);
    case AnalysisKind::kGosh:
    case AnalysisKind::kBias: break;
  }
  return Listing({});
}

std::string GoshCsv(const meta::GoshResult& g) {
  std::string out = "subset,k,estimate,tau2,I2,H2,Q\n";
  for (size_t i = 0; i < g.mask.size(); ++i) {
    std::string members;
    for (int j = 0; j < g.k; ++j) members += ((g.mask[i] >> j) & 1) ? '1' : '0';
    out += members + "," + std::to_string(__builtin_popcountll(g.mask[i])) + "," + text::Fixed(g.estimate[i], 10) +
           "," + text::Fixed(g.tau2[i], 10) + "," + text::Fixed(g.I2[i], 10) + "," + text::Fixed(g.H2[i], 10) + "," +
           text::Fixed(g.Q[i], 10) + "\n";
  }
  return out;
}

Result<meta::MetaRequest> MetaRequestFromJson(const Json& j) {
  std::vector<std::string> keys = {"analysis", "outcome", "target", "indication", "product", "location", "by", "mods",
                                   "csv_file", "csv_text", "measure", "method", "knha", "convention", "level",
                                   "iterations", "subsets", "threads", "cc", "cc_to", "drop00", "order", "columns",
                                   "random", "cluster", "test"};
  keys.insert(keys.end(), kRegistrationRuleKeys.begin(), kRegistrationRuleKeys.end());
  RequestReader in(j, keys);
  meta::MetaRequest r;
  meta::OutcomeQuery& q = r.query;
  in.GetName("analysis", &r.analysis, meta::ParseAnalysisKind);
  in.Get("outcome", &q.outcome);
  in.Get("target", &q.target);
  in.Get("indication", &q.indication);
  in.Get("product", &q.product_id);
  in.Get("location", &q.location);
  in.Get("by", &q.by);
  in.Get("mods", &q.mods);
  ReadRegistrationRule(in, &q.registrations);
  in.Get("csv_file", &r.csv_file);
  in.Get("csv_text", &r.csv_text);
  in.GetName("measure", &r.measure, meta::ParseMeasure);
  in.GetName("method", &r.method, meta::ParseMethod);
  in.Get("knha", &r.knha);
  in.GetName("convention", &r.convention, meta::ParseConvention);
  in.Get("level", &r.level);
  in.Check(r.level > 0 && r.level < 1, "level", "'level' must be a fraction between 0 and 1 (0.95)");
  in.Get("iterations", &r.iterations);
  in.Get("subsets", &r.subsets);
  in.Get("threads", &r.threads);
  in.Check(r.threads >= 0, "threads", "'threads' must be 0 or more");
  in.Get("cc", &r.correction.add);
  in.Check(!r.correction.add || (std::isfinite(*r.correction.add) && *r.correction.add >= 0), "cc",
           "'cc' must be a number >= 0 (the continuity correction, 0.5)");
  in.GetName("cc_to", &r.correction.to, meta::ParseCorrectTo);
  in.Get("drop00", &r.correction.drop00);
  in.Get("order", &r.order);
  in.Get("columns", &r.columns);
  in.Get("random", &r.random);
  in.Get("cluster", &r.cluster);
  std::string test = "z";
  in.Get("test", &test);
  in.Check(test == "z" || test == "t", "test", "'test' is z or t");
  r.t_test = test == "t";
  if (!r.csv_text.empty() && r.csv_file.empty()) r.csv_file = "request";
  return in.Done(std::move(r));
}

}  // namespace carta::api

// ---- Multilevel models (meta::RunMultilevel) ----

namespace carta::api {

namespace {

const char* TestName(const meta::MultilevelFit& f) { return f.t_test ? "t" : "z"; }


Json ComponentsJson(const meta::MultilevelFit& f) {
  Json out = Json::array();
  for (const auto& c : f.components) {
    out.push_back({{"level", c.name},
                   {"groups", c.groups},
                   {"sigma2", Number(c.sigma2)},
                   {"ci_lb", Number(c.ci_lb)},
                   {"ci_ub", Number(c.ci_ub)},
                   {"ci_ub_censored", c.ci_ub_censored},
                   {"at_boundary", c.at_boundary},
                   {"I2", Number(c.I2)}});
  }
  return out;
}

Json MultilevelStudiesJson(const meta::MultilevelResult& r) {
  Json out = Json::array();
  for (size_t i = 0; i < r.input.studies.size(); ++i) {
    const meta::StudyInput& s = r.input.studies[i];
    Json sj = {{"study", s.study}};
    for (size_t j = 0; j < r.nesting.names.size(); ++j) sj[r.nesting.names[j]] = r.nesting.labels[j][i];
    sj["yi"] = Number(r.yi[i]);
    sj["vi"] = Number(r.vi[i]);
    if (r.input.counts) {
      sj["events"] = s.events;
      sj["n"] = s.n;
    }
    sj["source"] = s.source;
    out.push_back(sj);
  }
  return out;
}

}  // namespace

std::string MultilevelConventions(const meta::MultilevelFit& f) {
  return std::string("metafor's rma.mv conventions: ") + meta::MethodName(f.method) +
         ", nested random intercepts, " + (f.t_test ? "t-tests with k - p df" : "z-tests") +
         ", profile-likelihood CIs for the variance components (confint), I² shares of Cheung (2014)";
}

Json ToJson(const meta::MultilevelResult& r) {
  const meta::MultilevelFit& f = r.fit;
  Json j = {{"model", "multilevel"},
            {"measure", meta::MeasureName(r.measure)},
            {"method", meta::MethodName(f.method)},
            {"test", TestName(f)},
            {"level", f.level},
            {"conventions", MultilevelConventions(f)}};
  if (!r.outcome.empty()) j["outcome"] = r.outcome;
  j["selection"] = r.input.description;
  j["note"] = r.note;
  std::string random;
  for (const auto& n : r.nesting.names) random += (random.empty() ? "" : "/") + n;
  j["random"] = random;
  j["k"] = f.k;
  j["p"] = f.p;
  Json coefs = Json::array();
  for (int c = 0; c < f.p; ++c) {
    coefs.push_back({{"name", f.names[c]}, {"estimate", Number(f.beta[c])}, {"se", Number(f.se[c])},
                     {f.t_test ? "tval" : "zval", Number(f.zval[c])}, {"pval", Number(f.pval[c])},
                     {"ci_lb", Number(f.ci_lb[c])}, {"ci_ub", Number(f.ci_ub[c])}});
  }
  j["coefficients"] = coefs;
  if (f.t_test) j["df"] = f.df;
  j["components"] = ComponentsJson(f);
  j["I2"] = Number(f.I2);
  j["vt"] = Number(f.vt);
  j["QE"] = Number(f.QE);
  j["QE_df"] = f.QE_df;
  j["QE_pval"] = Number(f.QE_pval);
  if (f.p > 1) {
    j["QM"] = Number(f.QM);
    j["QM_df"] = f.QM_df;
    if (f.t_test) j["QM_df2"] = f.df;
    j["QM_pval"] = Number(f.QM_pval);
  }
  j["fit"] = {{"logLik", Number(f.logLik)}, {"deviance", Number(f.deviance)}, {"AIC", Number(f.AIC)},
              {"BIC", Number(f.BIC)},       {"AICc", Number(f.AICc)},         {"parameters", f.parameters}};
  if (f.p == 1) {
    j["estimate"] = Number(f.beta[0]);
    j["ci_lb"] = Number(f.ci_lb[0]);
    j["ci_ub"] = Number(f.ci_ub[0]);
    j["pi_lb"] = Number(f.pi_lb);
    j["pi_ub"] = Number(f.pi_ub);
    if (r.input.counts) {
      j["prop"] = Number(r.pooled.prop);
      j["prop_ci_lb"] = Number(r.pooled.ci_lb);
      j["prop_ci_ub"] = Number(r.pooled.ci_ub);
      j["prop_pi_lb"] = Number(r.pooled.pi_lb);
      j["prop_pi_ub"] = Number(r.pooled.pi_ub);
    }
  }
  j["studies"] = MultilevelStudiesJson(r);
  Json excluded = Json::array();
  for (const auto& [study, why] : r.input.excluded) excluded.push_back({{"study", study}, {"reason", why}});
  j["excluded"] = excluded;
  return j;
}

Listing ToListing(const meta::MultilevelResult& r) {
  std::vector<Column> columns = {{"study", "study"}};
  for (const auto& n : r.nesting.names) columns.push_back({n, n});
  for (const char* c : {"events", "n", "yi", "vi"}) columns.push_back({c, c});
  Listing l(columns);
  for (size_t i = 0; i < r.input.studies.size(); ++i) {
    const meta::StudyInput& s = r.input.studies[i];
    std::vector<Json> row = {s.study};
    for (const auto& labels : r.nesting.labels) row.push_back(labels[i]);
    row.push_back(r.input.counts ? Json(s.events) : Json(nullptr));
    row.push_back(r.input.counts ? Json(s.n) : Json(nullptr));
    row.push_back(Number(r.yi[i]));
    row.push_back(Number(r.vi[i]));
    l.Add(std::move(row));
  }
  return l;
}

Result<meta::MultilevelRequest> MultilevelRequestFromJson(const Json& j) {
  if (!j.is_object()) return MetaRequestFromJson(j).status();  // its message for a body that is not an object
  Json plain = j;
  Json own = Json::object();
  if (plain.contains("profile_ci")) {
    own["profile_ci"] = plain["profile_ci"];
    plain.erase("profile_ci");
  }
  if (!plain.contains("random")) plain["random"] = "trial/cohort";
  auto request = MetaRequestFromJson(plain);
  if (!request.ok()) return request.status();
  auto r = meta::MultilevelRequestOf(*request);
  if (!r.ok()) return r.status();
  RequestReader in(own, {"profile_ci"});
  in.Get("profile_ci", &r->options.profile_ci);
  return in.Done(std::move(*r));
}

}  // namespace carta::api
