// The JSON of `carta update`: the kept synthesis and what changed.
#ifndef CARTA_API_UPDATE_H_
#define CARTA_API_UPDATE_H_

#include <iosfwd>

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
// The text of `c`: cohorts added, changed, removed; each pooled estimate
// before -> after ("k 12, 71.3% [64.0%, 77.6%], tau^2 0.0123") with the change
// in percentage points; findings that appeared or disappeared; or "nothing
// changed since the last update".
void PrintChanges(const report::Changes& c, std::ostream& out);

}  // namespace carta::api

#endif  // CARTA_API_UPDATE_H_
