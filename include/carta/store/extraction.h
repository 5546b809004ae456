// Extraction forms and consensus in the project database (carta extract): the
// forms of each extractor, and the consensus records that LoadEvidence layers
// over the curated base.
#ifndef CARTA_STORE_EXTRACTION_H_
#define CARTA_STORE_EXTRACTION_H_

#include <string>
#include <utility>
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

// ---- The use cases of carta extract (the command and the server call these) ----

// Opens an empty form of `cohort` for `extractor`, in one transaction.
// Conflict when the extractor already has one; InvalidArgument (field
// "cohort" or "extractor") when either is blank.
Status StartForm(const std::string& path, const std::string& cohort, const std::string& extractor);

// Applies `change` to its extractor's form in one transaction: sets the value
// (extract::SetValue, checked against the products of the evidence) and/or
// closes the form. Returns the form as stored. NotFound when the extractor
// has no form of the cohort; InvalidArgument (naming the field and the rule)
// as SetValue, or when the change neither sets a value nor finishes.
Result<extract::Form> ChangeForm(const std::string& path, const extract::FormChange& change);

// The two forms of `cohort`: InvalidArgument (field "cohort") unless it has
// exactly two.
Result<std::pair<extract::Form, extract::Form>> FormPair(const std::string& path, const std::string& cohort);

// Reconciles the two forms of the request's cohort (extract::Decide, then
// extract::Reconcile) and stores the consensus once it builds with the
// curated base and every other consensus (extract::Layer); nothing is stored
// otherwise. Returns the stored consensus. Fails as FormPair, Decide,
// Reconcile (PermissionDenied while a form is open) and Layer.
Result<extract::Consensus> ReconcileCohort(const std::string& path, const extract::ReconcileRequest& request);

// A named text kept in the project database (`carta update` keeps the last
// synthesis as JSON under "synthesis"); NotFound when none was saved.
Result<std::string> LoadState(const std::string& path, const std::string& key);
// Writes (replaces) the text under `key` in one transaction.
Status SaveState(const std::string& path, const std::string& key, const std::string& text);

}  // namespace carta::store

#endif  // CARTA_STORE_EXTRACTION_H_
