// Extraction forms and consensus in the project database (carta extract): the
// forms of each extractor, and the consensus records that LoadEvidence layers
// over the curated base.
#ifndef CARTA_STORE_EXTRACTION_H_
#define CARTA_STORE_EXTRACTION_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/extract/form.h"

namespace carta::store {

// The stored forms of `cohort` ("" for every cohort), by cohort then extractor.
// Empty when none (also without the tables). NotFound without a database.
Result<std::vector<extract::Form>> LoadForms(const std::string& path, const std::string& cohort = "");

// Writes `form` (replacing the stored form of its cohort and extractor) in one transaction.
Status SaveForm(const std::string& path, const extract::Form& form);

// Every stored consensus, by cohort. Empty when none.
Result<std::vector<extract::Consensus>> LoadConsensus(const std::string& path);

// Writes `c` (replacing any consensus of its cohort) in one transaction.
Status SaveConsensus(const std::string& path, const extract::Consensus& c);

// A named text kept in the project database (`carta update` keeps the last
// synthesis as JSON under "synthesis"); NotFound when none was saved.
Result<std::string> LoadState(const std::string& path, const std::string& key);
// Writes (replaces) the text under `key` in one transaction.
Status SaveState(const std::string& path, const std::string& key, const std::string& text);

}  // namespace carta::store

#endif  // CARTA_STORE_EXTRACTION_H_
