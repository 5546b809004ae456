// Data extraction: a form per cohort filled by two extractors independently,
// compared field by field, reconciled into a consensus that becomes evidence
// (a `[cohort]` record of the data format, validated as `carta db build`
// validates data/, and layered over the curated base). doc/extraction.md.
#ifndef CARTA_EXTRACT_FORM_H_
#define CARTA_EXTRACT_FORM_H_

#include <optional>
#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"
#include "carta/evidence/record.h"

namespace carta::extract {

// Where an extracted value was read.
struct ValueSource {
  std::string record;    // the paper: "PMID:31801401", "DOI:10.1056/NEJMoa2116133", "CNKI:..."
  std::string page;      // "1534"; "" when not given
  std::string location;  // "Table 2", "Fig 3", "Abstract"
  std::string quote;     // a short quote of the passage; "" when not given
};

// One field of the form as one extractor read it.
struct FormValue {
  std::string key;    // a cohort key of the data format: "n", "orr", "crs_g3plus", "pfs_12mo", "tox_scale"
  std::string value;  // as the data format writes it: "101", "82%", "54/101", "ASTCT"
  ValueSource source;
};

// One extractor's form for one cohort.
struct Form {
  std::string cohort;     // the cohort's id (new or of the curated base)
  std::string extractor;  // who filled it
  bool finished = false;  // no more changes; the other's values may be seen once both are finished
  std::vector<FormValue> values;  // one per key, in the order first set

  // The value of `key`, or nullptr.
  const FormValue* Find(const std::string& key) const;
};

// The fields of the form: the cohort keys of the data format (product,
// registry, phase, indication, n, n_kind, followup_median, the response rates
// with response_criteria, survival medians and landmarks <endpoint>_median,
// <endpoint>_<N>mo, CRS/ICANS rates with tox_scale, ...).
std::vector<std::string> FormFields();

// Checks one value as `carta db build` checks it (the data format's key,
// type, vocabulary; a product name must be one of `base`'s products) and its
// source: a record id of the form PMID:digits, DOI:10.x/... or CNKI:..., and a
// location. `base` is the curated base's records (EvidenceBase::records).
// Fails with InvalidArgument naming the field ("orr: ...") and the rule broken.
Status CheckValue(const FormValue& v, const std::vector<evidence::RawRecord>& base);

// Sets `v` in `form` (replacing the extractor's earlier value of the key)
// after CheckValue. InvalidArgument when the form is finished.
Status SetValue(Form* form, const FormValue& v, const std::vector<evidence::RawRecord>& base);

// What extractor `viewer` may see of `form`: everything when it is the
// viewer's own form or when both forms of the cohort are finished; otherwise
// PermissionDenied (blind until both have finished).
Status CheckMayView(const Form& form, const std::string& viewer, const std::vector<Form>& forms_of_cohort);

// A field on which two extractors disagree: a different value, or a value
// only one of them gave ("" for the other).
struct Disagreement {
  std::string key;
  std::string value_a, value_b;
  ValueSource source_a, source_b;
};

// Every disagreement of `a` and `b` (same cohort, both finished), by key in
// form-field order. PermissionDenied when either is not finished (blind until
// both have finished); InvalidArgument when the cohorts differ. Values are compared as written after trimming.
Result<std::vector<Disagreement>> Diff(const Form& a, const Form& b);

// A decision on a disputed field.
struct Decision {
  std::string key;
  FormValue value;        // the consensus value (value "" leaves the field out)
  std::string decided_by; // who made the consensus
};

// A reconciler's choice on a disputed field: the consensus of `key` is the
// value `extractor` gave ("" for extractor leaves the field out).
struct Choice {
  std::string key;
  std::string extractor;
};

// The decisions of `by` from `choices` on the forms `a` and `b`. Fails with
// InvalidArgument (field: the key) when a choice names neither a's nor b's
// extractor or an extractor who gave no value of the key, when a key is
// chosen twice, or when `by` is empty (field "by").
Result<std::vector<Decision>> Decide(const Form& a, const Form& b, const std::vector<Choice>& choices,
                                     const std::string& by);

// A change to one extractor's form: a value to set, closing the form, or both.
struct FormChange {
  std::string cohort;
  std::string extractor;  // who fills the form (the server: the token's reviewer)
  std::optional<FormValue> value;
  bool finish = false;
};

// A reconciliation of `cohort`'s two forms by `by`.
struct ReconcileRequest {
  std::string cohort;
  std::string by;  // who makes the consensus (the server: the token's reviewer)
  std::vector<Choice> choices;
};

// The forms among `forms` (of one or several cohorts) that `viewer` may see
// (CheckMayView against the forms of the same cohort), in their order;
// `*hidden` is set to how many were left out.
std::vector<Form> VisibleForms(const std::vector<Form>& forms, const std::string& viewer, size_t* hidden);

// The consensus of a cohort: the fields both agree on, then the decisions.
struct Consensus {
  std::string cohort;
  std::vector<FormValue> values;
  std::vector<Decision> decisions;
};

// Builds the consensus of `a` and `b`: agreed fields as they are, each
// disagreement by its decision. Fails (InvalidArgument) naming the first
// disagreement without a decision, and as CheckValue on a decided value.
Result<Consensus> Reconcile(const Form& a, const Form& b, const std::vector<Decision>& decisions,
                            const std::vector<evidence::RawRecord>& base);

// The consensus as a `[cohort ID]` record of the data format, every value
// with its provenance ("PMID:… p.5"; Table 2) and its quote and the
// consensus's author as notes.
evidence::RawRecord ToRecord(const Consensus& c);

// Every consensus as text of the data format (ToRecord of each), after a
// comment line naming `origin` (the project database) and asking for review
// before the text is merged into data/.
std::string ConsensusText(const std::vector<Consensus>& consensus, const std::string& origin);

// The curated base's records with the consensus records added (a consensus
// of a cohort the base has replaces it), validated and built as `carta db
// build` does. Fails with the build's message (file "extraction", the field).
Result<evidence::EvidenceBase> Layer(const std::vector<evidence::RawRecord>& base,
                                     const std::vector<Consensus>& consensus);

}  // namespace carta::extract

#endif  // CARTA_EXTRACT_FORM_H_
