// Trial registrations: what a registry (ClinicalTrials.gov, ChiCTR) says about
// a trial, read from its own export, so that the evidence base's cohorts can be
// checked against it (carta/registry/audit.h) and listed beside it.
#ifndef CARTA_REGISTRY_REGISTRATION_H_
#define CARTA_REGISTRY_REGISTRATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::registry {

// One registration as the registry gives it.
struct Registration {
  std::string id;                       // "NCT03391466", "ChiCTR2000029946"
  std::string registry;                 // "ClinicalTrials.gov", "ChiCTR"
  std::string title;                    // brief title
  std::string acronym;                  // "ZUMA-7"; "" when none
  std::vector<std::string> phases;      // as the registry writes them: "PHASE1", "PHASE2", "NA"
  std::string status;                   // overall status: "COMPLETED", "RECRUITING", ...
  std::optional<long> enrollment;       // patients
  std::string enrollment_type;          // "ACTUAL", "ESTIMATED" (anticipated), "" when not given
  std::vector<std::string> conditions;
  std::vector<std::string> interventions;
  std::string sponsor;                  // lead sponsor
  std::string start_date, completion_date;  // "2018-01" or "2019-12-20" as given; "" when not
  bool has_results = false;             // results posted
  std::string source;                   // the file it was read from
};

// The phase numbers a registration lists ("PHASE1", "PHASE2" -> {"1", "2"};
// "EARLY_PHASE1" -> "1"; "Phase 1/2" -> {"1", "2"}); empty for "NA" or none.
std::vector<std::string> PhaseNumbers(const Registration& r);

// The evidence base's indications ("DLBCL", "LBCL", "FL", "MCL", "CLL/SLL",
// "B-ALL", "MM", "B-NHL", "NHL") that the registration's conditions name,
// read from the registries' free text ("Lymphoma, Large B-Cell, Diffuse" ->
// DLBCL; "Transformed Follicular Lymphoma" -> LBCL), each once, in the order
// of the conditions; empty when no condition names one.
std::vector<std::string> IndicationsOf(const Registration& r);

// The conditions that name a disease too broadly or too differently to be
// read as an indication ("Lymphoma", "B-cell Malignancies", "Hematologic
// Neoplasms"): a cohort's indication may be any of them.
std::vector<std::string> UnreadConditions(const Registration& r);

// Reads ClinicalTrials.gov API v2 JSON: one study ({"protocolSection": ...})
// or a page of a search ({"studies": [...], ...}). Fails with InvalidArgument
// naming `file` and the JSON path of the first bad value
// ("studies[3].protocolSection.identificationModule.nctId"): not JSON, no
// NCT id, an id not of the form NCT + 8 digits, a field of the wrong type, a
// negative enrollment. Nothing is returned on failure.
Result<std::vector<Registration>> ReadClinicalTrialsGov(std::string_view text, const std::string& file);

// Reads ChiCTR registrations pasted as CSV, one per row, with a header:
// id and title are required; acronym, phase, status, enrollment,
// conditions, interventions, sponsor, start_date, completion_date are optional
// (lists separated by ';'). Fails with file:line and the column on a missing
// column, an id not of the form ChiCTR + digits (with an optional dash part),
// or an enrollment that is not a whole number.
Result<std::vector<Registration>> ReadChiCtrCsv(std::string_view text, const std::string& file);

// Reads `text` by its form: JSON (starts with '{') as ClinicalTrials.gov,
// anything else as ChiCTR CSV.
Result<std::vector<Registration>> ReadRegistrations(std::string_view text, const std::string& file);

}  // namespace carta::registry

#endif  // CARTA_REGISTRY_REGISTRATION_H_
