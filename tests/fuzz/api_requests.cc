// Harness: the server's JSON request bodies. The input is parsed with
// api::Parse as the server does, and the object handed to every
// ...RequestFromJson of every domain: each either reads it or returns an
// error Status (a key it does not know, a value of the wrong type), never a
// crash or an exception. `carta update`'s kept synthesis is checked for its
// round trip: what SynthesisFromJson accepts, ToJson writes back to a text
// it reads to the same JSON.
#include <string>

#include "carta/api/clinical.h"
#include "carta/api/evidence.h"
#include "carta/api/extract.h"
#include "carta/api/json.h"
#include "carta/api/lit.h"
#include "carta/api/meta.h"
#include "carta/api/sim.h"
#include "carta/api/survival.h"
#include "carta/api/team.h"
#include "carta/api/update.h"
#include "fuzz.h"

namespace {

void EveryRequest(const carta::api::Json& j) {
  namespace api = carta::api;
  (void)api::CrsRequestFromJson(j);
  (void)api::IcansRequestFromJson(j);
  (void)api::CresRequestFromJson(j);
  (void)api::IceRequestFromJson(j);
  (void)api::CapdRequestFromJson(j);
  (void)api::HematotoxRequestFromJson(j);
  (void)api::EasixRequestFromJson(j);
  (void)api::SeriesRequestFromJson(j);
  (void)api::GuidanceRequestFromJson(j);
  (void)api::ProductsRequestFromJson(j);
  (void)api::CohortsRequestFromJson(j);
  (void)api::ShowRequestFromJson(j);
  (void)api::AuditRequestFromJson(j);
  (void)api::ImportRequestFromJson(j);
  (void)api::SearchRequestFromJson(j);
  (void)api::StrategyRequestFromJson(j);
  (void)api::DedupRequestFromJson(j);
  (void)api::CriteriaRequestFromJson(j);
  (void)api::DecideRequestFromJson(j);
  (void)api::ReviewersRequestFromJson(j);
  (void)api::NextRequestFromJson(j);
  (void)api::SimulateRequestFromJson(j);
  (void)api::ExportRequestFromJson(j);
  (void)api::MetaRequestFromJson(j);
  (void)api::KmRequestFromJson(j);
  (void)api::FitRequestFromJson(j);
  (void)api::ReconstructRequestFromJson(j);
  (void)api::LandmarkPoolRequestFromJson(j);
  (void)api::IpdPoolRequestFromJson(j);
  (void)api::TeamDecisionRequestFromJson(j);
  (void)api::HighlightRequestFromJson(j);
  (void)api::MultilevelRequestFromJson(j);
  (void)api::ExtractCohortFromJson(j);
  (void)api::FormChangeFromJson(j);
  (void)api::ReconcileRequestFromJson(j);
  (void)api::SimTrialRequestFromJson(j);
}

}  // namespace

CARTA_FUZZ_TARGET(api_requests) {
  const std::string text(carta::fuzz::Text(data, size));
  carta::Result<carta::api::Json> json = carta::api::Parse(text);
  if (json.ok()) EveryRequest(*json);
  carta::Result<carta::report::Synthesis> synthesis = carta::api::SynthesisFromJson(text);
  if (synthesis.ok()) {
    const std::string written = carta::api::Dump(carta::api::ToJson(*synthesis));
    carta::Result<carta::report::Synthesis> again = carta::api::SynthesisFromJson(written);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(carta::api::Dump(carta::api::ToJson(*again)) == written);
  }
  return 0;
}
