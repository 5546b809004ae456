// Harness: the registry readers (`carta registry import`): ClinicalTrials.gov
// API v2 JSON and ChiCTR CSV, chosen by the text's form as the command does.
#include "carta/registry/registration.h"
#include "fuzz.h"

CARTA_FUZZ_TARGET(registry_json) {
  const std::string_view text = carta::fuzz::Text(data, size);
  auto registrations = carta::registry::ReadRegistrations(text, "fuzz.json");
  if (registrations.ok()) {
    for (const auto& r : *registrations) (void)carta::registry::PhaseNumbers(r);
  }
  (void)carta::registry::ReadClinicalTrialsGov(text, "fuzz.json");
  return 0;
}
