#include <set>
#include <utility>

#include "carta/api/survival.h"

#include "carta/api/evidence.h"
#include "carta/api/request.h"

namespace carta::api {

namespace {

// ---- results ---------------------------------------------------------------

Json SurvivalAtJson(double time, const survival::SurvivalEstimate& e) {
  return {{"time", time}, {"n_risk", e.n_risk}, {"surv", Number(e.surv)}, {"se", Number(e.se_surv)},
          {"lower", Number(e.lower)}, {"upper", Number(e.upper)}, {"within_followup", e.within_followup}};
}

Json KmGroupJson(const survival::KmGroup& g, const survival::KmAnalysis& r) {
  const survival::QuantileEstimate& m = g.median;
  Json j = {{"group", g.group}, {"n", g.curve.n}, {"events", g.curve.events}, {"median", Number(m.time)},
            {"median_ci_lb", Number(m.lower)}, {"median_ci_ub", Number(m.upper)}};
  Json at = Json::array();
  for (size_t i = 0; i < g.at.size(); ++i) at.push_back(SurvivalAtJson(r.at[i], g.at[i]));
  j["survival_at"] = at;
  if (g.rmst) {
    const auto& rm = *g.rmst;
    j["rmst"] = {{"horizon", rm.horizon}, {"rmst", rm.rmst}, {"se", rm.se}, {"lower", rm.lower}, {"upper", rm.upper}};
  }
  if (r.steps) {
    Json steps = Json::array();
    for (const auto& s : g.curve.steps) {
      steps.push_back({{"time", s.time}, {"n_risk", s.n_risk}, {"n_event", s.n_event}, {"n_censor", s.n_censor},
                       {"surv", s.surv}, {"std_err", Number(s.se_log_surv)}, {"lower", Number(s.lower)},
                       {"upper", Number(s.upper)}});
    }
    j["steps"] = steps;
  }
  return j;
}

Json QualityJson(const survival::ReconstructionQuality& q) {
  Json intervals = Json::array();
  for (const auto& i : q.intervals) {
    intervals.push_back({{"start", i.start}, {"end", i.end}, {"n_risk_published", i.n_risk_published},
                         {"n_risk_reconstructed", i.n_risk_reconstructed}, {"events", i.events},
                         {"censored", i.censored}});
  }
  return {{"rmse", q.rmse}, {"max_abs_diff", q.max_abs_diff}, {"max_abs_diff_time", q.max_abs_diff_time},
          {"points", q.points}, {"events", q.events}, {"censored", q.censored},
          {"total_events_reported", q.total_events_reported < 0 ? Json(nullptr) : Json(q.total_events_reported)},
          {"intervals", intervals}};
}

Json PreprocessingJson(const survival::Preprocessing& p) {
  return {{"percent", p.percent}, {"dropped_negative_time", p.dropped_negative_time}, {"sorted", p.sorted},
          {"lowered_blips", p.lowered_blips}, {"clamped", p.clamped}, {"merged_same_time", p.merged_same_time},
          {"origin_added", p.origin_added}, {"added_at_risk_times", p.added_at_risk_times},
          {"dropped_risk_rows", p.dropped_risk_rows}, {"notes", p.notes}};
}

Json LandmarkStudiesJson(const survival::LandmarkPool& pool) {
  Json studies = Json::array();
  for (const auto& s : pool.studies) {
    studies.push_back({{"cohort", s.cohort}, {"n", s.n}, {"kind", s.reported ? "reported" : "bounded"},
                       {"surv", s.reported ? Json(s.surv_lower) : Json(nullptr)}, {"surv_lower", s.surv_lower},
                       {"surv_upper", s.surv_upper}, {"yi", Number(s.yi)}, {"vi", Number(s.vi)},
                       {"weight", s.weight}, {"basis", s.basis}, {"source", s.source}, {"note", s.note}});
  }
  return studies;
}

Json IpdStudyJson(const survival::IpdStudySummary& s, const std::vector<double>& landmarks) {
  Json at = Json::array();
  for (size_t i = 0; i < s.at.size(); ++i) at.push_back(SurvivalAtJson(landmarks[i], s.at[i]));
  return {{"name", s.name}, {"n", s.n}, {"events", s.events}, {"max_time", s.max_time},
          {"median", Number(s.median.time)}, {"median_ci_lb", Number(s.median.lower)},
          {"median_ci_ub", Number(s.median.upper)}, {"survival_at", at}};
}

Json IpdLandmarkJson(const survival::IpdLandmark& l) {
  return {{"time", l.time}, {"k", l.k}, {"surv", l.surv}, {"surv_ci_lb", l.surv_lb}, {"surv_ci_ub", l.surv_ub},
          {"surv_pi_lb", l.surv_pi_lb}, {"surv_pi_ub", l.surv_pi_ub}, {"tau2", l.tau2}, {"I2", l.I2},
          {"studies", l.studies}, {"weights", l.weights}, {"left_out", l.left_out}};
}

// ---- requests --------------------------------------------------------------

constexpr auto kRequired = RequestReader::kRequired;

const std::vector<std::string> kColumnKeys = {"time_col", "event_col", "group_col"};
const std::vector<std::string> kInputKeys = {"csv", "source"};
const std::vector<std::string> kMetaFitKeys = {"method", "knha", "level"};

// The accepted keys: `own` and those of each group.
std::vector<std::string> Keys(std::vector<std::string> own, std::initializer_list<const std::vector<std::string>*> groups) {
  for (const auto* g : groups) own.insert(own.end(), g->begin(), g->end());
  return own;
}

void ReadColumns(RequestReader& r, survival::SurvColumns* c) {
  r.Get("time_col", &c->time);
  r.Get("event_col", &c->event);
  r.Get("group_col", &c->group);
}

void ReadInput(RequestReader& r, survival::SurvInput* in) {
  r.Get("csv", &in->csv, kRequired);
  in->source = "request";
  r.Get("source", &in->source);
  ReadColumns(r, &in->columns);
}

void CheckLevel(RequestReader& r, double level) {
  r.Check(level > 0 && level < 1, "level", "'level' must be in (0, 1)");
}

void ReadMetaFit(RequestReader& r, meta::FitOptions* fit) {
  r.GetName("method", &fit->method, meta::ParseMethod);
  r.Get("knha", &fit->knha);
  r.Get("level", &fit->level);
  CheckLevel(r, fit->level);
}

// One study of a patient-data pool: {"name", "csv"}.
auto IpdStudyIn(const survival::SurvColumns& columns) {
  return [&columns](const Json& j) -> Result<survival::IpdStudyInput> {
    RequestReader sr(j, {"name", "csv"});
    survival::IpdStudyInput in;
    in.input.columns = columns;
    sr.Get("name", &in.name, kRequired);
    in.input.source = in.name;
    sr.Get("csv", &in.input.csv, kRequired);
    return sr.Done(std::move(in));
  };
}

}  // namespace

Json ToJson(const survival::CoxResult& c) {
  Json terms = Json::array();
  for (size_t i = 0; i < c.terms.size(); ++i) {
    terms.push_back({{"group", c.terms[i]}, {"coef", c.coef[i]}, {"se", c.se[i]}, {"hr", c.hr[i]},
                     {"hr_ci_lb", c.hr_lb[i]}, {"hr_ci_ub", c.hr_ub[i]}, {"z", c.z[i]}, {"pval", c.pval[i]}});
  }
  return {{"reference", c.reference}, {"ties", "efron"}, {"terms", terms}, {"n", c.n}, {"events", c.events},
          {"loglik_null", c.loglik_null}, {"loglik", c.loglik}, {"lr", c.lr}, {"lr_pval", c.lr_pval},
          {"wald", c.wald}, {"wald_pval", c.wald_pval}, {"score", c.score}, {"score_pval", c.score_pval},
          {"df", c.df}};
}

Json ToJson(const survival::KmAnalysis& r) {
  Json j = {{"conf_type", survival::ConfTypeName(r.options.conf_type)}, {"level", r.options.level}};
  Json groups = Json::array();
  for (const auto& g : r.groups) groups.push_back(KmGroupJson(g, r));
  j["groups"] = groups;
  if (r.logrank) {
    const auto& l = *r.logrank;
    Json lg = Json::array();
    for (size_t i = 0; i < l.groups.size(); ++i) {
      lg.push_back({{"group", l.groups[i]}, {"n", l.n[i]}, {"observed", l.observed[i]}, {"expected", l.expected[i]}});
    }
    j["logrank"] = {{"chisq", l.chisq}, {"df", l.df}, {"pval", l.pval}, {"groups", lg}};
  }
  if (r.cox) j["cox"] = ToJson(*r.cox);
  if (!r.cox_note.empty()) j["cox_note"] = r.cox_note;
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  return j;
}

Json ToJson(const survival::Reconstruction& r) {
  Json patients = Json::array();
  for (size_t i = 0; i < r.patients.size(); ++i) {
    patients.push_back({{"time", r.patients.time[i]}, {"event", r.patients.event[i]}});
  }
  Json j = {{"patients", patients}, {"quality", QualityJson(r.quality)}, {"preprocessing", PreprocessingJson(r.preprocessing)}};
  if (!r.warnings.empty()) j["warnings"] = r.warnings;
  return j;
}

Json ToJson(const survival::ParametricFit& f, survival::TimeUnit unit) {
  Json params = Json::array();
  for (const auto& p : f.parameters) {
    params.push_back({{"name", p.name}, {"estimate", p.estimate}, {"se", Number(p.se)}, {"ci_lb", Number(p.ci_lb)},
                      {"ci_ub", Number(p.ci_ub)}});
  }
  Json at = Json::array();
  for (const auto& p : f.predictions) {
    at.push_back({{"time", p.time}, {"surv", Number(p.surv)}, {"lower", Number(p.lower)}, {"upper", Number(p.upper)}});
  }
  const bool cure = f.options.cure != survival::Cure::kNone;
  return {{"dist", survival::DistName(f.options.dist)}, {"cure", survival::CureName(f.options.cure)},
          {"link", cure ? Json(survival::CureLinkName(f.options.link)) : Json(nullptr)},
          {"time_unit", survival::TimeUnitName(unit)}, {"background_hazard", f.background}, {"n", f.n},
          {"events", f.events}, {"loglik", f.loglik}, {"n_parameters", f.n_parameters}, {"aic", f.aic},
          {"bic", f.bic}, {"parameters", params}, {"cure_fraction", Number(f.cure_fraction)},
          {"cure_fraction_ci_lb", Number(f.cure_fraction_lb)}, {"cure_fraction_ci_ub", Number(f.cure_fraction_ub)},
          {"median", Number(f.median)}, {"median_ci_lb", Number(f.median_lb)}, {"median_ci_ub", Number(f.median_ub)},
          {"survival_at", at}, {"level", f.options.level}, {"warnings", f.warnings}};
}

Json ToJson(const survival::FitModelsResult& r) {
  if (r.fits.size() == 1) return ToJson(r.fits[0], r.time_unit);
  Json all = Json::array();
  for (const auto& f : r.fits) all.push_back(ToJson(f, r.time_unit));
  return {{"fits", all}};
}

Json ToJson(const survival::LandmarkPool& pool) {
  const auto& q = pool.query;
  Json j = {{"endpoint", q.endpoint}, {"landmark_months", q.landmark_months},
            {"scale", survival::PoolScaleName(q.scale)}, {"selection", pool.description},
            {"method", meta::MethodName(q.fit.method)}, {"knha", q.fit.knha}, {"level", q.fit.level},
            {"surv", Number(pool.surv)}, {"surv_ci_lb", Number(pool.surv_lb)}, {"surv_ci_ub", Number(pool.surv_ub)},
            {"surv_pi_lb", Number(pool.surv_pi_lb)}, {"surv_pi_ub", Number(pool.surv_pi_ub)}};
  if (pool.fit) {
    const auto& f = *pool.fit;
    j.update({{"k_reported", f.k}, {"estimate", f.estimate}, {"se", f.estimate_se}, {"tau2", f.tau2},
              {"I2", Number(f.I2)}, {"Q", f.Q}, {"Q_df", f.Q_df}, {"Q_pval", Number(f.Q_pval)}});
  } else {
    for (const char* key : {"k_reported", "estimate", "se", "tau2", "I2", "Q", "Q_df", "Q_pval"}) j[key] = nullptr;
  }
  if (pool.censored) {
    const auto& c = *pool.censored;
    j["censored"] = {{"k_reported", c.k_reported}, {"k_bounded", c.k_bounded}, {"surv", c.surv},
                     {"surv_ci_lb", c.surv_lb}, {"surv_ci_ub", c.surv_ub}, {"mu", c.mu}, {"se_mu", c.se_mu},
                     {"tau2", c.tau2}, {"loglik", c.loglik}};
  } else {
    j["censored"] = nullptr;
  }
  j["studies"] = LandmarkStudiesJson(pool);
  Json excluded = Json::array();
  for (const auto& [cohort, why] : pool.excluded) excluded.push_back({{"cohort", cohort}, {"reason", why}});
  j["excluded"] = excluded;
  j["set_aside"] = SetAsideJson(pool.set_aside);
  return j;
}

Json ToJson(const survival::IpdPool& p) {
  std::vector<double> times;
  for (const auto& e : p.studies.front().at) times.push_back(e.time);
  Json studies = Json::array(), landmarks = Json::array();
  for (const auto& s : p.studies) studies.push_back(IpdStudyJson(s, times));
  for (const auto& l : p.landmarks) landmarks.push_back(IpdLandmarkJson(l));
  const survival::QuantileEstimate m = survival::Median(p.naive);
  Json j = {{"studies", studies}, {"landmarks", landmarks}, {"landmark_notes", p.landmark_notes},
            {"cox", p.cox ? ToJson(*p.cox) : Json(nullptr)}, {"stratified_by", "study"},
            {"naive", {{"n", p.naive.n}, {"events", p.naive.events}, {"median", Number(m.time)},
                       {"median_ci_lb", Number(m.lower)}, {"median_ci_ub", Number(m.upper)}}}};
  if (!p.cox_note.empty()) j["cox_note"] = p.cox_note;
  return j;
}

Listing KmStepsListing(const survival::KmAnalysis& r) {
  Listing l({{"group", ""}, {"time", ""}, {"n_risk", ""}, {"n_event", ""}, {"n_censor", ""}, {"surv", ""},
             {"std_err", ""}, {"lower", ""}, {"upper", ""}});
  for (const auto& g : r.groups) {
    for (const auto& s : g.curve.steps) {
      l.Add({g.group, s.time, s.n_risk, s.n_event, s.n_censor, s.surv, Number(s.se_log_surv), Number(s.lower),
             Number(s.upper)});
    }
  }
  return l;
}

Listing FitParametersListing(const survival::FitModelsResult& r) {
  Listing l({{"dist", ""}, {"cure", ""}, {"parameter", ""}, {"estimate", ""}, {"se", ""}, {"ci_lb", ""}, {"ci_ub", ""}});
  for (const auto& f : r.fits) {
    for (const auto& p : f.parameters) {
      l.Add({survival::DistName(f.options.dist), survival::CureName(f.options.cure), p.name, p.estimate,
             Number(p.se), Number(p.ci_lb), Number(p.ci_ub)});
    }
  }
  return l;
}

Result<survival::KmRequest> KmRequestFromJson(const Json& j) {
  RequestReader r(j, Keys({"conf_type", "level", "at", "rmst", "reference", "steps"}, {&kInputKeys, &kColumnKeys}));
  survival::KmRequest q;
  ReadInput(r, &q.input);
  r.GetName("conf_type", &q.km.conf_type, survival::ParseConfType);
  r.Get("level", &q.km.level);
  CheckLevel(r, q.km.level);
  r.Get("at", &q.at);
  r.Get("rmst", &q.rmst_horizon);
  r.Check(q.rmst_horizon >= 0, "rmst", "'rmst' must be positive");
  r.Get("reference", &q.reference);
  r.Get("steps", &q.steps);
  return r.Done(std::move(q));
}

Result<survival::FitRequest> FitRequestFromJson(const Json& j) {
  RequestReader r(j, Keys({"dist", "cure", "link", "level", "time_unit", "bhazard", "at"}, {&kInputKeys, &kColumnKeys}));
  survival::FitRequest q;
  ReadInput(r, &q.input);
  r.GetName("dist", &q.dists, survival::ParseDists);
  r.GetName("cure", &q.cure, survival::ParseCure);
  r.GetName("link", &q.link, survival::ParseCureLink);
  r.Get("level", &q.level);
  CheckLevel(r, q.level);
  r.GetName("time_unit", &q.time_unit, survival::ParseTimeUnit);
  r.Get("bhazard", &q.bhazard);
  r.Check(!r.Has("bhazard") || q.bhazard >= 0, "bhazard", "'bhazard' must not be negative");
  r.Get("at", &q.at);
  return r.Done(std::move(q));
}

Result<survival::ReconstructRequest> ReconstructRequestFromJson(const Json& j) {
  RequestReader r(j, {"points", "risk", "points_source", "risk_source", "events"});
  survival::ReconstructRequest q;
  q.points_source = "points";
  q.risk_source = "risk";
  r.Get("points", &q.points_csv, kRequired);
  r.Get("risk", &q.risk_csv, kRequired);
  r.Get("points_source", &q.points_source);
  r.Get("risk_source", &q.risk_source);
  r.Get("events", &q.total_events);
  r.Check(!r.Has("events") || q.total_events >= 0, "events", "'events' must not be negative");
  return r.Done(std::move(q));
}

Result<survival::LandmarkPoolRequest> LandmarkPoolRequestFromJson(const Json& j) {
  RequestReader r(j, Keys({"endpoint", "landmark_months", "target", "indication", "product", "scale"},
                          {&kMetaFitKeys, &kRegistrationRuleKeys}));
  survival::LandmarkPoolRequest q;
  r.Get("endpoint", &q.endpoint);
  r.Get("landmark_months", &q.landmark_months);
  r.Get("target", &q.target);
  r.Get("indication", &q.indication);
  r.Get("product", &q.product);
  r.GetName("scale", &q.scale, survival::ParsePoolScale);
  ReadMetaFit(r, &q.fit);
  ReadRegistrationRule(r, &q.registrations);
  return r.Done(std::move(q));
}

Result<survival::IpdPoolRequest> IpdPoolRequestFromJson(const Json& j) {
  RequestReader r(j, Keys({"studies", "at", "scale", "reference"}, {&kColumnKeys, &kMetaFitKeys}));
  survival::IpdPoolRequest q;
  survival::SurvColumns columns;
  ReadColumns(r, &columns);
  r.GetEach("studies", &q.studies, IpdStudyIn(columns), kRequired);
  r.Get("at", &q.options.landmarks);
  r.GetName("scale", &q.options.scale, survival::ParsePoolScale);
  ReadMetaFit(r, &q.options.fit);
  r.Get("reference", &q.options.reference);
  return r.Done(std::move(q));
}


}  // namespace carta::api
