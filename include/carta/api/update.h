// The JSON of `carta update`: the kept synthesis and what changed.
#ifndef CARTA_API_UPDATE_H_
#define CARTA_API_UPDATE_H_

#include "carta/api/json.h"
#include "carta/core/status.h"
#include "carta/report/update.h"

namespace carta::api {

// {cohorts: [{id, record}], pools: [{name, k, estimate, ci_lb, ci_ub, tau2}], findings: [text]}.
Json ToJson(const report::Synthesis& s);
// The inverse of ToJson(Synthesis); InvalidArgument naming the key on a malformed text.
Result<report::Synthesis> SynthesisFromJson(const std::string& text);
// {cohorts_added, cohorts_removed, cohorts_changed, pools: [{name, before, after}] (each
// {k, estimate, ci_lb, ci_ub, tau2} or null), findings_appeared, findings_disappeared}.
Json ToJson(const report::Changes& c);

}  // namespace carta::api

#endif  // CARTA_API_UPDATE_H_
