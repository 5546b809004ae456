// The evidence routes: products, studies, show, check, generations (the
// CLI's listings), the meta-analysis with its forest and funnel plots, and
// survival (Kaplan-Meier of posted data, landmark pooling of the evidence).
// Each is FromJson -> library call -> ToJson, the functions the CLI calls.
#include <map>
#include <mutex>
#include <optional>

#include "app.h"
#include "carta/api/evidence.h"
#include "carta/api/meta.h"
#include "carta/api/sim.h"
#include "carta/api/survival.h"
#include "carta/evidence/filter.h"
#include "carta/evidence/listings.h"
#include "carta/meta/run.h"
#include "carta/plot/charts.h"
#include "carta/plot/forest.h"
#include "carta/sim/calibrate.h"
#include "carta/sim/figures.h"
#include "carta/sim/trial.h"
#include "carta/store/registry.h"
#include "carta/survival/analyze.h"

namespace carta::server {

namespace {

using EvidenceCall = std::function<Result<api::Json>(const evidence::EvidenceBase& eb, const api::Json& request)>;

// Answers of the evidence listings by request target, valid while the
// evidence snapshot is the same object (store::LoadEvidenceSnapshot returns a
// new one once the database was rebuilt). At most kMaxEntries; emptied when full.
class AnswerCache {
 public:
  std::optional<std::string> Find(const std::string& target, const evidence::EvidenceBase* eb) {
    std::lock_guard lock(mu_);
    if (eb != snapshot_) return std::nullopt;
    auto it = answers_.find(target);
    if (it == answers_.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& target, const evidence::EvidenceBase* eb, std::string body) {
    std::lock_guard lock(mu_);
    if (eb != snapshot_ || answers_.size() >= kMaxEntries) answers_.clear();
    snapshot_ = eb;
    answers_[target] = std::move(body);
  }

 private:
  static constexpr size_t kMaxEntries = 256;
  std::mutex mu_;
  const evidence::EvidenceBase* snapshot_ = nullptr;
  std::map<std::string, std::string> answers_;
};

// Whether an answer may be kept per evidence snapshot: only when it depends
// on nothing else (the audit also reads the registrations, which change
// without a new snapshot when `carta registry import` runs beside the server).
enum class Caching { kPerSnapshot, kNever };

// GET `pattern`: the query as a request object (with `path_key` set from the
// pattern's capture), run on the evidence snapshot.
void GetOnEvidence(httplib::Server& svr, Context& ctx, const std::string& pattern, EvidenceCall call,
                   const char* path_key = nullptr, std::vector<std::string> numbers = {},
                   std::vector<std::string> flags = {}, Caching caching = Caching::kPerSnapshot) {
  auto cache = std::make_shared<AnswerCache>();  // shared by the copies of the handler
  const bool keep = caching == Caching::kPerSnapshot;
  svr.Get(pattern, [&ctx, call, path_key, numbers, flags, cache, keep](const httplib::Request& req,
                                                                      httplib::Response& res) {
    auto eb = ctx.Evidence();
    if (!eb.ok()) return SendError(res, eb.status());
    if (auto hit = keep ? cache->Find(req.target, eb->get()) : std::nullopt) {
      return res.set_content(*hit, "application/json; charset=utf-8");
    }
    auto j = RequestJson(req, numbers, flags);
    if (!j.ok()) return SendError(res, j.status());
    if (path_key) (*j)[path_key] = req.matches[1].str();
    auto out = call(**eb, *j);
    if (!out.ok()) return SendError(res, out.status());
    SendJson(res, *out);
    if (keep) cache->Put(req.target, eb->get(), res.body);
  });
}

// Lifts FromJson + a listing call + ToJson into an EvidenceCall.
template <class Request, class Run>
EvidenceCall Listing(Result<Request> (*from_json)(const api::Json&), Run run) {
  return [from_json, run](const evidence::EvidenceBase& eb, const api::Json& j) -> Result<api::Json> {
    auto request = from_json(j);
    if (!request.ok()) return request.status();
    auto r = run(eb, *request);
    if (!r.ok()) return r.status();
    return api::ToJson(*r);
  };
}

// The request of a meta-analysis from JSON, its filters resolved on the evidence.
// The request of `j`, with the figures `format` asks for, checked by the
// library's policy (meta::CheckRequest: the command refuses the same
// combinations); a plot refused is the fault of "format".
Result<meta::MetaRequest> MetaRequestOf(const api::Json& j, const evidence::EvidenceBase& eb,
                                        const std::string& format = "") {
  auto r = api::MetaRequestFromJson(j);
  if (!r.ok()) return r.status();
  r->figures.forest = format == "svg";
  r->figures.funnel = format == "funnel";
  if (Status s = meta::CheckRequest(*r); !s.ok()) {
    const bool plot = s.location().field == "svg" || s.location().field == "funnel";
    return plot ? s.WithField("format") : s;
  }
  if (r->csv_file.empty()) {
    auto filter = evidence::ResolveCohortFilter(eb, r->query.target, r->query.indication, r->query.product_id);
    if (!filter.ok()) return filter.status();
    static_cast<evidence::CohortFilter&>(r->query) = *filter;
  }
  return r;
}

// The JSON of `q` as `carta meta --format json` answers it: the multilevel
// model's (meta::RunMultilevel) or the analysis's (meta::Run).
Result<api::Json> MetaJson(const meta::MetaRequest& q, const evidence::EvidenceBase* eb, Progress* progress) {
  if (meta::IsMultilevel(q)) {
    auto m = meta::MultilevelRequestOf(q);
    if (!m.ok()) return m.status();
    auto r = meta::RunMultilevel(*m, eb);
    if (!r.ok()) return r.status();
    return api::ToJson(*r);
  }
  auto r = meta::Run(q, eb, progress);
  if (!r.ok()) return r.status();
  return api::ToJson(*r);
}

void ServeMeta(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto j = RequestJson(req, {"level", "iterations", "subsets", "threads"}, {"knha"});
  if (!j.ok()) return SendError(res, j.status());
  auto eb = ctx.Evidence();
  if (!eb.ok()) return SendError(res, eb.status());
  const std::string format = req.get_param_value("format");
  // The same request on the same evidence snapshot has the same answer.
  const std::string cache_key = ResponseCache::KeyOf(*j, format);
  if (auto hit = ctx.meta_cache().Find(cache_key, *eb)) return res.set_content(hit->body, hit->content_type);
  auto request = MetaRequestOf(*j, **eb, format);
  if (!request.ok()) return SendError(res, request.status());
  if (request->analysis == meta::AnalysisKind::kGosh || request->analysis == meta::AnalysisKind::kPermutation) {
    return SendError(res, Status::InvalidArgument("gosh and permtest run as jobs: POST /api/jobs/meta")
                              .WithField("analysis"));
  }
  if (format.empty() || format == "json") {
    auto answer = MetaJson(*request, eb->get(), nullptr);
    if (!answer.ok()) return SendError(res, answer.status());
    SendJson(res, *answer);
  } else if (format != "svg" && format != "funnel") {
    return SendError(res, Status::InvalidArgument("format is json, svg (forest plot) or funnel").WithField("format"));
  } else {
    auto r = meta::Run(*request, eb->get());
    if (!r.ok()) return SendError(res, r.status());
    if (!r->pool) return SendError(res, Status::InvalidArgument("plots are drawn for analysis=pool").WithField("format"));
    plot::ForestOptions fo;
    fo.title = r->input.description;
    plot::FunnelOptions fu;
    fu.title = fo.title;
    res.set_content(format == "svg" ? plot::ForestPlot(*r->pool, r->input, fo) : plot::FunnelPlot(*r->pool, fu),
                    "image/svg+xml; charset=utf-8");
  }
  ctx.meta_cache().Put(cache_key, *eb, {res.body, res.get_header_value("Content-Type")});
}

// POST /api/jobs/meta: any analysis (GOSH and permutation tests included) as
// a job; the request is read and checked before the job is queued.
void SubmitMetaJob(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  if (ctx.options().team) {
    if (auto who = ctx.Authenticate(req); !who.ok()) return SendError(res, who.status());
  }
  auto j = RequestJson(req);
  if (!j.ok()) return SendError(res, j.status());
  auto eb = ctx.Evidence();
  if (!eb.ok()) return SendError(res, eb.status());
  auto request = MetaRequestOf(*j, **eb);
  if (!request.ok()) return SendError(res, request.status());
  auto snapshot = *eb;  // the job keeps the evidence it was asked about
  auto id = ctx.jobs().Submit("meta", [snapshot, q = *request](Progress* progress) -> Result<api::Json> {
    return MetaJson(q, snapshot.get(), progress);
  });
  if (!id.ok()) return SendError(res, id.status());
  SendJson(res, {{"id", *id}, {"state", "queued"}}, 202);
}

}  // namespace

void AddJobRoutes(httplib::Server& svr, Context& ctx) {
  svr.Post("/api/jobs/meta", [&ctx](const httplib::Request& req, httplib::Response& res) { SubmitMetaJob(ctx, req, res); });
  svr.Get(R"(/api/jobs/([0-9a-f]{32}))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto j = ctx.jobs().Describe(req.matches[1].str());
    if (!j.ok()) return SendError(res, j.status());
    SendJson(res, *j);
  });
  svr.Delete(R"(/api/jobs/([0-9a-f]{32}))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    if (Status s = ctx.jobs().Cancel(req.matches[1].str()); !s.ok()) return SendError(res, s);
    SendJson(res, {{"id", req.matches[1].str()}, {"cancel", true}}, 202);
  });
}

void AddEvidenceRoutes(httplib::Server& svr, Context& ctx) {
  GetOnEvidence(svr, ctx, "/api/products", Listing(api::ProductsRequestFromJson, evidence::ListProducts));
  GetOnEvidence(svr, ctx, "/api/studies", Listing(api::CohortsRequestFromJson, evidence::ListCohorts));
  // The project's audit, with the registration rules over the imported registrations (as carta check).
  const std::string db_path = ctx.options().db_path;
  GetOnEvidence(svr, ctx, "/api/check",
                Listing(api::AuditRequestFromJson, [db_path](const evidence::EvidenceBase& eb, const evidence::AuditRequest& r) {
                  return store::AuditProject(db_path, eb, r);
                }),
                nullptr, {}, {}, Caching::kNever);
  GetOnEvidence(svr, ctx, R"(/api/show/([^/]+))", Listing(api::ShowRequestFromJson, evidence::ShowRecord), "id");
  GetOnEvidence(svr, ctx, "/api/generations", [](const evidence::EvidenceBase& eb, const api::Json& j) -> Result<api::Json> {
    if (!j.empty()) return Status::InvalidArgument("unknown key '" + j.begin().key() + "'").WithField(j.begin().key());
    return api::ToJson(evidence::ListGenerations(&eb));
  });
  svr.Get("/api/meta", [&ctx](const httplib::Request& req, httplib::Response& res) { ServeMeta(ctx, req, res); });
  svr.Post("/api/meta", [&ctx](const httplib::Request& req, httplib::Response& res) { ServeMeta(ctx, req, res); });
  svr.Post("/api/surv/km", [](const httplib::Request& req, httplib::Response& res) {
    auto j = RequestJson(req);
    if (!j.ok()) return SendError(res, j.status());
    auto request = api::KmRequestFromJson(*j);
    if (!request.ok()) return SendError(res, request.status());
    auto r = survival::AnalyzeKaplanMeier(*request);
    if (!r.ok()) return SendError(res, r.status());
    SendJson(res, api::ToJson(*r));
  });
  GetOnEvidence(svr, ctx, "/api/surv/pool", [](const evidence::EvidenceBase& eb, const api::Json& j) -> Result<api::Json> {
    auto request = api::LandmarkPoolRequestFromJson(j);
    if (!request.ok()) return request.status();
    auto r = survival::PoolEvidenceLandmark(eb, *request);
    if (!r.ok()) return r.status();
    return api::ToJson(*r);
  }, nullptr, {"landmark_months", "level"}, {"knha"});
  // A virtual trial with its Kaplan–Meier figure against the landmarks of the
  // matching cohorts (as `carta sim trial --svg`), on one thread so that a
  // trial never holds every core; the same query gives the same trial.
  GetOnEvidence(svr, ctx, "/api/sim/trial", [](const evidence::EvidenceBase& eb, const api::Json& j) -> Result<api::Json> {
    auto q = api::SimTrialRequestFromJson(j);
    if (!q.ok()) return q.status();
    auto r = sim::RunTrial(*q);
    if (!r.ok()) return r.status();
    const auto& s = q->scenario;
    return api::SimTrialJson(*q, r->summary, sim::TrialFigure(sim::TrialFigureTitle(s), r->summary, sim::ObservedLandmarks(eb, s)));
  }, nullptr, {"patients", "seed"});
}

}  // namespace carta::server
