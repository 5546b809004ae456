// The JSON and text of extraction forms, disagreements and consensus (carta
// extract and the server's /api/extract routes), and the requests that change
// them read from JSON.
#ifndef CARTA_API_EXTRACT_H_
#define CARTA_API_EXTRACT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "carta/api/json.h"
#include "carta/core/status.h"
#include "carta/extract/form.h"

namespace carta::api {

// {cohort, extractor, finished, values: [{key, value, record, page, location, quote}]}.
Json ToJson(const extract::Form& form);
// An array of ToJson(form).
Json FormsJson(const std::vector<extract::Form>& forms);
// An array of {key, a: {extractor, value, record, page, location, quote}, b: {...}}.
Json DiffJson(const extract::Form& a, const extract::Form& b, const std::vector<extract::Disagreement>& d);
// {cohort, values: [{key, value, record, page, location, quote}], decisions: [{key, value, decided_by}]}.
Json ToJson(const extract::Consensus& c);

// The text of `forms` ("COHORT by EXTRACTOR (finished)", then each value with
// its source), and a line saying how many forms are `hidden`.
void PrintForms(const std::vector<extract::Form>& forms, size_t hidden, std::ostream& out);
// One line per disagreement ("KEY: A 'x' (location) vs B 'y' (location)") and their count.
void PrintDiff(const extract::Form& a, const extract::Form& b, const std::vector<extract::Disagreement>& d,
               std::ostream& out);

// {cohort} (required): the form to start. InvalidArgument naming the key.
Result<std::string> ExtractCohortFromJson(const Json& j);
// {cohort (required), key, value, record, page, location, quote, finished}:
// a value (key and value together, with its source) and/or closing the form.
// The extractor is not read: the caller sets it (the server from the token).
// InvalidArgument naming the key (a key without a value, a source without a key).
Result<extract::FormChange> FormChangeFromJson(const Json& j);
// {cohort (required), take: {KEY: EXTRACTOR, ...}, drop: [KEY, ...]}: the
// reconciler's choices. `by` is not read: the caller sets it.
// InvalidArgument naming the key ("take.orr" for a value that is not a text).
Result<extract::ReconcileRequest> ReconcileRequestFromJson(const Json& j);

}  // namespace carta::api

#endif  // CARTA_API_EXTRACT_H_
