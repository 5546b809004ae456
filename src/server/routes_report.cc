// The report as a job: POST /api/report (a token) builds the review's report
// (report::BuildReport, as `carta report`) on the job pool and keeps its files
// in memory; GET /api/report/{report}/{name} serves one of them by exact name
// from that fixed list. No part of a request ever names a path on disk.
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>

#include "app.h"
#include "carta/api/request.h"
#include "carta/api/update.h"
#include "carta/report/report.h"
#include "carta/store/extraction.h"
#include "carta/store/store.h"
#include "token.h"

namespace carta::server {

namespace {

// The reports built so far, the newest kReportsKept.
class ReportShelf {
 public:
  static constexpr size_t kReportsKept = 4;

  void Put(const std::string& id, std::shared_ptr<const report::Report> r) {
    std::lock_guard lock(mu_);
    reports_.emplace_back(id, std::move(r));
    while (reports_.size() > kReportsKept) reports_.pop_front();
  }
  std::shared_ptr<const report::Report> Find(const std::string& id) {
    std::lock_guard lock(mu_);
    for (const auto& [key, r] : reports_) {
      if (key == id) return r;
    }
    return nullptr;
  }

 private:
  std::mutex mu_;
  std::deque<std::pair<std::string, std::shared_ptr<const report::Report>>> reports_;
};

// {lang: "en" | "zh", only: [id, ...]}.
Result<report::ReportOptions> ReportRequestFromJson(const api::Json& j) {
  api::RequestReader r(j, {"lang", "only"});
  report::ReportOptions o;
  r.GetName("lang", &o.language, report::ParseLanguage);
  r.Get("only", &o.only);
  return r.Done(std::move(o));
}

// The report of the project as it is now: the evidence with every consensus,
// the synthesis `carta update` kept (for "What changed"), the data folder's inputs.
Result<api::Json> BuildProjectReport(const Options& server, report::ReportOptions o, const std::string& id,
                                     ReportShelf* shelf) {
  auto eb = store::LoadEvidenceSnapshot(server.db_path);
  if (!eb.ok()) return eb.status();
  if (auto kept = store::LoadState(server.db_path, "synthesis"); kept.ok()) {
    auto previous = api::SynthesisFromJson(*kept);
    if (!previous.ok()) return previous.status();
    o.previous = std::move(*previous);
  } else if (kept.status().code() != StatusCode::kNotFound) {
    return kept.status();
  }
  std::vector<std::string> notes;
  if (!server.data_dir.empty()) report::ReadDataFolderInputs(server.data_dir, &o, &notes);
  auto r = report::BuildReport(**eb, o);
  if (!r.ok()) return r.status();
  notes.insert(notes.end(), r->notes.begin(), r->notes.end());
  api::Json files = api::Json::array();
  for (const auto& f : r->files) {
    files.push_back({{"name", f.name}, {"bytes", f.content.size()}, {"url", "/api/report/" + id + "/" + f.name}});
  }
  shelf->Put(id, std::make_shared<const report::Report>(std::move(*r)));
  return api::Json{{"report", id}, {"lang", report::LanguageCode(o.language)}, {"files", files}, {"notes", notes}};
}

const char* ReportMimeType(const std::string& name) {
  auto ends = [&](const char* ext) { return name.size() > std::strlen(ext) && name.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml; charset=utf-8";
  if (ends(".csv")) return "text/csv; charset=utf-8";
  return "text/plain; charset=utf-8";
}

void ServeReportFile(ReportShelf& shelf, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1].str(), name = req.matches[2].str();
  auto r = shelf.Find(id);
  if (!r) return SendError(res, Status::NotFound("no report '" + id + "' (build one with POST /api/report)").WithField("report"));
  for (const auto& f : r->files) {
    if (f.name != name) continue;
    // The report is one self-contained page: inline styles and SVG, no script at all.
    res.headers.erase("Content-Security-Policy");
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
                   "frame-ancestors 'none'");
    res.set_content(f.content, ReportMimeType(f.name));
    return;
  }
  SendError(res, Status::NotFound("the report has no file '" + name + "'").WithField("name"));
}

}  // namespace

void AddReportRoutes(httplib::Server& svr, Context& ctx) {
  auto shelf = std::make_shared<ReportShelf>();
  svr.Post("/api/report", WithIdentity(ctx, [&ctx, shelf](const Identity&, const httplib::Request& req,
                                                          httplib::Response& res) {
    auto j = RequestJson(req);
    if (!j.ok()) return SendError(res, j.status());
    auto o = ReportRequestFromJson(*j);
    if (!o.ok()) return SendError(res, o.status());
    const std::string report_id = RandomHex(8);
    const Options server = ctx.options();
    auto id = ctx.jobs().Submit("report", [server, o = *o, report_id, shelf](Progress*) {
      return BuildProjectReport(server, o, report_id, shelf.get());
    });
    if (!id.ok()) return SendError(res, id.status());
    SendJson(res, {{"id", *id}, {"state", "queued"}, {"report", report_id}}, 202);
  }));
  svr.Get(R"(/api/report/([0-9a-f]{16})/([A-Za-z0-9_.-]{1,120}))",
          [shelf](const httplib::Request& req, httplib::Response& res) { ServeReportFile(*shelf, req, res); });
}

}  // namespace carta::server
