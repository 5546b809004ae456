// The literature routes: search (PubMed or CNKI syntax; each search joins the
// history, as `carta lit search` does), the history, and PRISMA 2020 counts
// of the single-reviewer pipeline (`carta lit prisma`).
#include "app.h"
#include "carta/api/lit.h"
#include "carta/lit/prisma.h"
#include "carta/lit/search.h"

namespace carta::server {

namespace {

void ServeSearch(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto j = RequestJson(req, {"show"}, {"cnki"});
  if (!j.ok()) return SendError(res, j.status());
  auto request = api::SearchRequestFromJson(*j);
  if (!request.ok()) return SendError(res, request.status());
  api::Json out;
  Status s = ctx.WithLiterature([&](store::Literature& lit) -> Status {
    auto r = lit::Search(lit, *request);
    if (!r.ok()) return r.status();
    out = api::ToJson(*r);
    return Status::Ok();
  });
  if (!s.ok()) return SendError(res, s);
  SendJson(res, out);
}

}  // namespace

void AddLitRoutes(httplib::Server& svr, Context& ctx) {
  svr.Get("/api/lit/search", [&ctx](const httplib::Request& req, httplib::Response& res) { ServeSearch(ctx, req, res); });
  svr.Post("/api/lit/search", [&ctx](const httplib::Request& req, httplib::Response& res) { ServeSearch(ctx, req, res); });
  svr.Get("/api/lit/history", [&ctx](const httplib::Request&, httplib::Response& res) {
    api::Json out;
    Status s = ctx.WithLiterature([&](store::Literature& lit) -> Status {
      auto history = lit.History();
      if (!history.ok()) return history.status();
      out = api::HistoryListing(*history).ToJson();
      return Status::Ok();
    });
    if (!s.ok()) return SendError(res, s);
    SendJson(res, out);
  });
  svr.Get("/api/lit/prisma", [&ctx](const httplib::Request&, httplib::Response& res) {
    api::Json out;
    Status s = ctx.WithLiterature([&](store::Literature& lit) -> Status {
      auto r = lit::Prisma(lit);
      if (!r.ok()) return r.status();
      out = api::ToJson(r->counts);
      out["dedup_stale"] = r->dedup_stale;
      return Status::Ok();
    });
    if (!s.ok()) return SendError(res, s);
    SendJson(res, out);
  });
}

}  // namespace carta::server
