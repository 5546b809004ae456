// The extraction routes (/api/extract/...): the forms of carta extract over
// HTTP, every route with a token. The extractor and the reconciler are the
// token's reviewer, never a key of the body. An extractor sees only their own
// form until both forms of the cohort are finished (403 otherwise, as in
// screening); the diff follows the same rule; reconciling needs a resolver's
// or admin's token. doc/api.md, doc/extraction.md.
#include "app.h"
#include "carta/api/extract.h"
#include "carta/extract/form.h"
#include "carta/store/extraction.h"

namespace carta::server {

namespace {

// The request's `cohort` (GET: the query; POST: the body); required unless `optional`.
Result<std::string> CohortParam(const httplib::Request& req, bool optional) {
  auto j = RequestJson(req);
  if (!j.ok()) return j.status();
  if (optional && !j->contains("cohort")) return api::ExtractCohortFromJson({{"cohort", ""}});
  return api::ExtractCohortFromJson(*j);
}

void Start(Context& ctx, const Identity& who, const httplib::Request& req, httplib::Response& res) {
  auto cohort = CohortParam(req, false);
  if (!cohort.ok()) return SendError(res, cohort.status());
  if (Status s = store::StartForm(ctx.options().db_path, *cohort, who.reviewer); !s.ok()) return SendError(res, s);
  SendJson(res, api::ToJson(extract::Form{*cohort, who.reviewer, false, {}}), 201);
}

void Set(Context& ctx, const Identity& who, const httplib::Request& req, httplib::Response& res) {
  auto j = RequestJson(req);
  if (!j.ok()) return SendError(res, j.status());
  auto change = api::FormChangeFromJson(*j);
  if (!change.ok()) return SendError(res, change.status());
  change->extractor = who.reviewer;
  auto form = store::ChangeForm(ctx.options().db_path, *change);
  if (!form.ok()) return SendError(res, form.status());
  SendJson(res, api::ToJson(*form));
}

void Show(Context& ctx, const Identity& who, const httplib::Request& req, httplib::Response& res) {
  auto cohort = CohortParam(req, true);
  if (!cohort.ok()) return SendError(res, cohort.status());
  auto forms = store::LoadForms(ctx.options().db_path, *cohort);
  if (!forms.ok()) return SendError(res, forms.status());
  size_t hidden = 0;
  const auto visible = extract::VisibleForms(*forms, who.reviewer, &hidden);
  res.set_header("X-Carta-Hidden-Forms", std::to_string(hidden));
  SendJson(res, api::FormsJson(visible));
}

void Diff(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto cohort = CohortParam(req, false);
  if (!cohort.ok()) return SendError(res, cohort.status());
  auto pair = store::FormPair(ctx.options().db_path, *cohort);
  if (!pair.ok()) return SendError(res, pair.status());
  auto d = extract::Diff(pair->first, pair->second);
  if (!d.ok()) return SendError(res, d.status());
  SendJson(res, api::DiffJson(pair->first, pair->second, *d));
}

void Reconcile(Context& ctx, const Identity& who, const httplib::Request& req, httplib::Response& res) {
  if (Status s = NeedResolver(who); !s.ok()) return SendError(res, s);
  auto j = RequestJson(req);
  if (!j.ok()) return SendError(res, j.status());
  auto request = api::ReconcileRequestFromJson(*j);
  if (!request.ok()) return SendError(res, request.status());
  request->by = who.reviewer;
  auto c = store::ReconcileCohort(ctx.options().db_path, *request);
  if (!c.ok()) return SendError(res, c.status());
  SendJson(res, api::ToJson(*c), 201);
}

void Export(Context& ctx, httplib::Response& res) {
  auto consensus = store::LoadConsensus(ctx.options().db_path);
  if (!consensus.ok()) return SendError(res, consensus.status());
  res.set_header("Content-Disposition", "attachment; filename=\"consensus.carta\"");
  res.set_content(extract::ConsensusText(*consensus, "the project database"), "text/plain; charset=utf-8");
}

}  // namespace

void AddExtractRoutes(httplib::Server& svr, Context& ctx) {
  svr.Get("/api/extract/fields", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, {{"fields", extract::FormFields()}});
  });
  svr.Post("/api/extract/start", WithIdentity(ctx, [&ctx](const Identity& who, const httplib::Request& req,
                                                          httplib::Response& res) { Start(ctx, who, req, res); }));
  svr.Post("/api/extract/set", WithIdentity(ctx, [&ctx](const Identity& who, const httplib::Request& req,
                                                        httplib::Response& res) { Set(ctx, who, req, res); }));
  svr.Get("/api/extract/show", WithIdentity(ctx, [&ctx](const Identity& who, const httplib::Request& req,
                                                        httplib::Response& res) { Show(ctx, who, req, res); }));
  svr.Get("/api/extract/diff", WithIdentity(ctx, [&ctx](const Identity&, const httplib::Request& req,
                                                        httplib::Response& res) { Diff(ctx, req, res); }));
  svr.Post("/api/extract/reconcile",
           WithIdentity(ctx, [&ctx](const Identity& who, const httplib::Request& req, httplib::Response& res) {
             Reconcile(ctx, who, req, res);
           }));
  svr.Get("/api/extract/export", WithIdentity(ctx, [&ctx](const Identity&, const httplib::Request&,
                                                          httplib::Response& res) { Export(ctx, res); }));
}

}  // namespace carta::server
