// The evidence results as JSON and as listings, and the evidence requests
// from JSON: what `carta products|studies|show|check|generations|db info`
// print and what a server sends and serves. Keys in the order doc/cli.md
// lists them.
#ifndef CARTA_API_EVIDENCE_H_
#define CARTA_API_EVIDENCE_H_

#include <vector>

#include "carta/api/json.h"
#include "carta/api/listing.h"
#include "carta/core/status.h"
#include "carta/evidence/audit.h"
#include "carta/evidence/listings.h"
#include "carta/evidence/registrations.h"
#include "carta/store/store.h"

namespace carta::api {

// How a listing's cells read where they differ between the aligned table and
// CSV (the table shows labels and remarks, CSV the ids and plain numbers).
enum class TextStyle { kTable, kCsv };

// ---- JSON (doc/cli.md) ----

// An array of {id, targets, brand, inn, codes, developer, structure,
// generation (null when unknown), approvals: [{agency, date, indications,
// population, line}]}.
Json ToJson(const evidence::ProductsResult& r);
// An array of {id, product (null), acronym, registry, phase, indications, n
// (null), followup (months, null), orr, crr ({display, provenance, value |
// not_reached} or null), survival {key: value}, provenance}.
Json ToJson(const evidence::CohortsResult& r);
// An array of {kind, id, file, line, note, fields: [{key, value, refs,
// citation, location, provenance, note, file, line}]}; constructs add
// generation and generation_reason.
Json ToJson(const evidence::ShowResult& r);
// {findings: [{severity, rule, subject, message, values: [{label, value,
// provenance, refs, location, file, line}]}], counts: {error, warning, info}}.
Json ToJson(const evidence::AuditResult& r);
// An array of {rule, severity, summary}.
Json ToJson(const std::vector<evidence::AuditRule>& rules);
// An array of {generation, modification, features, rule, examples}.
Json ToJson(const evidence::GenerationsResult& r);
// The cohorts a pool did not count because another cohort of their
// registration and indication is counted: an array of {cohort, kept,
// registration, indication, reason} (evidence::OnePerRegistration).
Json SetAsideJson(const std::vector<evidence::SetAside>& set_aside);
// {path, schema_version, built_at, data_dir, carta_version, counts: {table: rows}}
// (counts absent for a database without evidence).
Json ToJson(const store::DbInfo& info);

// ---- Listings (the table and CSV of each command) ----

Listing ProductsListing(const evidence::ProductsResult& r);
Listing CohortsListing(const evidence::CohortsResult& r, TextStyle style);
Listing FindingsListing(const evidence::AuditResult& r);
Listing RulesListing(const std::vector<evidence::AuditRule>& rules);
Listing GenerationsListing(const evidence::GenerationsResult& r);
Listing DbInfoListing(const store::DbInfo& info);

// ---- Requests from JSON ----
// Each takes an object of string members named as the request's fields
// (every one optional but ShowRequest's "id"); an unknown key, a value that is
// not a string or a missing "id" is InvalidArgument with the key as its field.

// The keys of a registration rule in a pooling request: "keep_duplicate_registrations"
// (true counts every cohort) and "prefer" (cohort ids counted in place of the default pick).
extern const std::vector<std::string> kRegistrationRuleKeys;
class RequestReader;
void ReadRegistrationRule(RequestReader& r, evidence::RegistrationRule* rule);

Result<evidence::ProductsRequest> ProductsRequestFromJson(const Json& j);  // target, agency
Result<evidence::CohortsRequest> CohortsRequestFromJson(const Json& j);    // target, indication, product, location
Result<evidence::ShowRequest> ShowRequestFromJson(const Json& j);          // id
Result<evidence::AuditRequest> AuditRequestFromJson(const Json& j);        // severity

}  // namespace carta::api

#endif  // CARTA_API_EVIDENCE_H_
