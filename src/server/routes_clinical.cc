// The toxicity calculators as POST routes: JSON in (api's FromJson), the
// clinical use case, JSON out (api's ToJson) — what `carta tox` prints.
#include "app.h"
#include "carta/api/clinical.h"
#include "carta/clinical/legacy.h"
#include "carta/clinical/tox.h"

namespace carta::server {

namespace {

// POST `pattern`: the body through `from_json`, `run` and ToJson.
template <class Request, class Run>
void PostCalculator(httplib::Server& svr, const std::string& pattern, Result<Request> (*from_json)(const api::Json&),
                    Run run) {
  svr.Post(pattern, [from_json, run](const httplib::Request& req, httplib::Response& res) {
    auto j = RequestJson(req);
    if (!j.ok()) return SendError(res, j.status());
    auto request = from_json(*j);
    if (!request.ok()) return SendError(res, request.status());
    auto r = run(*request);
    if (!r.ok()) return SendError(res, r.status());
    SendJson(res, api::ToJson(*r));
  });
}

}  // namespace

void AddClinicalRoutes(httplib::Server& svr, Context&) {
  PostCalculator(svr, "/api/tox/crs", api::CrsRequestFromJson, clinical::RunCrs);
  PostCalculator(svr, "/api/tox/icans", api::IcansRequestFromJson, clinical::RunIcans);
  PostCalculator(svr, "/api/tox/cres", api::CresRequestFromJson, clinical::GradeCres);
  PostCalculator(svr, "/api/tox/ice", api::IceRequestFromJson, clinical::RunIce);
  PostCalculator(svr, "/api/tox/capd", api::CapdRequestFromJson,
                 [](const clinical::CapdRequest& q) { return Result<clinical::CapdResult>(clinical::RunCapd(q)); });
  PostCalculator(svr, "/api/tox/hematotox", api::HematotoxRequestFromJson, clinical::RunHematotox);
  PostCalculator(svr, "/api/tox/easix", api::EasixRequestFromJson, clinical::RunEasix);
  PostCalculator(svr, "/api/tox/series", api::SeriesRequestFromJson, clinical::RunSeries);
  PostCalculator(svr, "/api/tox/guidance", api::GuidanceRequestFromJson, clinical::RunGuidance);
}

}  // namespace carta::server
