// The JSON and listings of trial registrations (carta registry show|list|import),
// one encoding for the command and any server.
#ifndef CARTA_API_REGISTRY_H_
#define CARTA_API_REGISTRY_H_

#include <string>
#include <vector>

#include "carta/api/json.h"
#include "carta/api/listing.h"
#include "carta/registry/citations.h"
#include "carta/store/registry.h"

namespace carta::api {

// {nct_id, registry, title, acronym, phases, enrollment (null), enrollment_type,
// status, conditions, interventions, sponsor, start_date, completion_date,
// has_results, source, cohorts}. nct_id holds the registration's id also for
// ChiCTR ("ChiCTR2000029946"); registry says which registry it is.
Json ToJson(const registry::RegistrationRow& row);

// An array of ToJson(row).
Json ToJson(const std::vector<registry::RegistrationRow>& rows);

// {files: [{file, registrations}], added, updated}.
Json ImportJson(const std::vector<std::pair<std::string, long>>& files, const store::RegistryImportSummary& sum);

// One row per registration: id, acronym, phases, enrollment, status, has_results, cohorts.
Listing RegistrationsListing(const std::vector<registry::RegistrationRow>& rows);

// The fields of one registration, one per row (field, value), for `show` as a table.
Listing RegistrationFieldsListing(const registry::RegistrationRow& row);

}  // namespace carta::api

#endif  // CARTA_API_REGISTRY_H_
