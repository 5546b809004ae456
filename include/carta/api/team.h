// The JSON of team screening (carta/lit/team.h) for the server's screening
// routes: results out, the decision request in. Keys as doc/api.md lists them.
#ifndef CARTA_API_TEAM_H_
#define CARTA_API_TEAM_H_

#include <vector>

#include "carta/api/json.h"
#include "carta/api/listing.h"
#include "carta/lit/team.h"

namespace carta::api {

// {stage, mode, remaining, cold_start, why, stopping: {found,
// expected_remaining (null in a cold start), estimated_recall (null in a cold
// start), streak, streak_needed, stop_suggested}, records: [{id, relevance
// (null in a cold start), title, abstract, keywords, journal, year (null),
// authors, pmid, doi}]}.
Json ToJson(const lit::TeamNextResult& r);
// {mode, records: [{record, state, votes: [{reviewer, verdict, reason,
// time_utc}], resolution ({reviewer, verdict, reason, time_utc} or null)}]}:
// pass the stage through lit::VisibleTo first for a reviewer.
Json ToJson(const lit::TeamStage& s);
// An array of {first, second, records, observed, expected, kappa (null when undefined)}.
Json ToJson(const std::vector<lit::KappaRow>& rows);
// {to_screen, screened, excluded_screening, assessed_full_text,
// excluded_full_text, full_text_reasons: {reason: n}, included, awaiting,
// conflicts, final}.
Json ToJson(const lit::TeamPrisma& p);
// The stage as CSV rows: record, state, then reviewer, verdict and reason of
// the first and second votes, and the resolver's.
Listing TeamStageListing(const lit::TeamStage& s);

// The kappa table: first, second, records, observed, expected, kappa (null
// when undefined), one row per pair.
Listing KappaListing(const std::vector<lit::KappaRow>& rows);
// The PRISMA counts as rows of {box, n}: the boxes of ToJson(TeamPrisma) in
// its order, then "full_text_reason: <reason>" per reason, and final (1 or 0).
Listing TeamPrismaListing(const lit::TeamPrisma& p);

// The stored tokens, one row each: id, reviewer, role, created_utc,
// expires_utc (null: never), revoked_utc (null: not revoked). Never a token
// or its hash.
Listing TokenListing(const std::vector<store::TeamToken>& tokens);

// {"client_id" (required), "record" (required, an integer), "stage"
// (title_abstract | full_text, default title_abstract), "kind" (decision |
// undo | resolve, default decision), "verdict" (include | exclude | maybe;
// required unless kind is undo), "reason"}. The reviewer and role come from
// the caller (the token), never from the body: a "reviewer" key is refused
// like every unknown key (InvalidArgument with the key as field).
Result<lit::TeamDecisionRequest> TeamDecisionRequestFromJson(const Json& j);

// {record, cluster (null: no duplicates), keep, members: [{id, title, first_author, year, source, pmid, doi,
// cnki_id}] (the record first), links: ["a-b: reason"]}.
Json ToJson(const lit::RecordGroup& g);
// {file, text, time_utc} of the screening criteria in force; all null when none were set.
Json ToJson(const std::optional<store::StoredCriteria>& c);

// {"texts" (required): [text], "include": [keyword], "exclude": [keyword]}.
Result<lit::HighlightRequest> HighlightRequestFromJson(const Json& j);
// {"spans": [[{start, end, kind: include|exclude}] per text]}; offsets in UTF-16 code units.
Json ToJson(const std::vector<std::vector<lit::HighlightSpan>>& spans);

}  // namespace carta::api

#endif  // CARTA_API_TEAM_H_
