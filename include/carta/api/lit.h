// JSON of the literature pipeline (carta::lit): ToJson for every result, the
// listings the command prints as tables and CSV, and FromJson for every
// request a server would receive. Keys are in the order doc/lit.md lists.
//
// FromJson: a request is a JSON object; a key it does not know, or a value of
// the wrong type, is InvalidArgument with WithField(key). Record ids are
// integers; stage, verdict, source and format names are those of the library
// (lit::StageNames, screen::VerdictName, biblio::SourceName, biblio::FormatName).
#ifndef CARTA_API_LIT_H_
#define CARTA_API_LIT_H_

#include <vector>

#include "carta/api/json.h"
#include "carta/api/listing.h"
#include "carta/lit/dedup.h"
#include "carta/lit/export.h"
#include "carta/lit/import.h"
#include "carta/lit/prisma.h"
#include "carta/lit/screening.h"
#include "carta/lit/search.h"

namespace carta::api {

// import: an array, one object per file: the summary with "ok": true, or
// {"file", "ok": false, "error": message}.
Json ToJson(const lit::ImportResult& r);
// {file, descriptors, tree_numbers}
Json ToJson(const store::MeshImportSummary& s);
// search: number, syntax, query, count, translation, warnings, records (the shown ones).
Json ToJson(const lit::SearchResult& r);
// The shown records of a search: id, source, pmid, doi, cnki_id, year, first_author, title.
Listing RecordsListing(const lit::SearchResult& r);
// search --strategy: line, number ("#3"), query, count.
Listing StrategyListing(const lit::StrategyResult& r);
inline Json ToJson(const lit::StrategyResult& r) { return StrategyListing(r).ToJson(); }
// history: number, syntax, query, count, time.
Listing HistoryListing(const std::vector<store::SearchEntry>& history);
// dedup: an array of clusters {cluster, keep, members[{id, source, pmid, doi,
// cnki_id, year, first_author, title, keep}], links[{a, b, reason, title_similarity}]}.
Json ToJson(const lit::DedupResult& r);
// dedup's table: one row per cluster (with its sources and reasons), or with
// `review` one row per member with the links that joined it.
Listing DedupListing(const lit::DedupResult& r, bool review);
// screen --conflicts: id, title, first, second, resolved (null when not resolved).
Listing ConflictsListing(const lit::ConflictsResult& r);
inline Json ToJson(const lit::ConflictsResult& r) { return ConflictsListing(r).ToJson(); }
// screen --next: reviewer, cold_start, why, records[{rank, id, relevance, title, abstract}].
Json ToJson(const lit::NextResult& r);
// screen --status: records, dedup_applied, dedup_stale, duplicates_removed,
// criteria, excluded_by_criteria, to_screen, reviewers, resolver,
// title_abstract and full_text {records, decided_by, include, exclude, maybe,
// resolved, conflicts, pending}.
Json ToJson(const lit::StatusResult& r);
// screen --simulate: n_records, n_relevant, prior, wss95, wss95_cohen, rrf10, order, found.
Json ToJson(const lit::SimulateResult& r);
// prisma: the PRISMA 2020 boxes (null when not reported).
Json ToJson(const screen::PrismaCounts& c);

Result<lit::ImportRequest> ImportRequestFromJson(const Json& j);      // files, format, source, columns
Result<lit::SearchRequest> SearchRequestFromJson(const Json& j);      // query, cnki, show
Result<lit::StrategyRequest> StrategyRequestFromJson(const Json& j);  // file, text, cnki
Result<lit::DedupRequest> DedupRequestFromJson(const Json& j);        // keep_apart, merge ([[a, b], ...]), apply
Result<lit::CriteriaRequest> CriteriaRequestFromJson(const Json& j);  // file, text
Result<lit::DecideRequest> DecideRequestFromJson(const Json& j);      // records, reviewer, stage, verdict, reason
Result<lit::ReviewersRequest> ReviewersRequestFromJson(const Json& j);  // reviewers, resolver
Result<lit::NextRequest> NextRequestFromJson(const Json& j);          // reviewer, count
Result<lit::SimulateRequest> SimulateRequestFromJson(const Json& j);  // labels_file, labels_text, seed
Result<lit::ExportRequest> ExportRequestFromJson(const Json& j);      // query, cnki, ids

}  // namespace carta::api

#endif  // CARTA_API_LIT_H_
