// The JSON of extraction forms, disagreements and consensus (carta extract).
#ifndef CARTA_API_EXTRACT_H_
#define CARTA_API_EXTRACT_H_

#include <vector>

#include "carta/api/json.h"
#include "carta/extract/form.h"

namespace carta::api {

// {cohort, extractor, finished, values: [{key, value, record, page, location, quote}]}.
Json ToJson(const extract::Form& form);
// An array of {key, a: {extractor, value, record, page, location, quote}, b: {...}}.
Json DiffJson(const extract::Form& a, const extract::Form& b, const std::vector<extract::Disagreement>& d);
// {cohort, values: [{key, value, record, page, location, quote}], decisions: [{key, value, decided_by}]}.
Json ToJson(const extract::Consensus& c);

}  // namespace carta::api

#endif  // CARTA_API_EXTRACT_H_
