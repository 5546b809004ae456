// Screening criteria as rules: the eligibility criteria that can be decided
// from the record alone (year, language, publication type) and from the
// caller's queries (sets of record indices, e.g. from the search index),
// evaluated before any reviewer sees the records. PRISMA 2020 (Page et al.
// 2021, BMJ, item 16a) reports these as "records marked as ineligible by
// automation tools"; each exclusion names the rule that made it.
#ifndef CARTA_SCREEN_CRITERIA_H_
#define CARTA_SCREEN_CRITERIA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"

namespace carta::screen {

// A query's records and what they mean for eligibility.
enum class QueryEffect {
  kRequire,  // records outside the set are excluded ("does not match query 'CAR-T'")
  kExclude,  // records inside the set are excluded ("matches query 'animal studies'")
};

struct QueryRule {
  std::string name;               // shown in the reason
  QueryEffect effect = QueryEffect::kExclude;
  std::vector<uint32_t> records;  // sorted ascending, distinct record indices
};

struct ScreeningCriteria {
  std::optional<int> year_min;          // inclusive; records with year 0 (unknown) pass
  std::optional<int> year_max;          // inclusive
  bool exclude_unknown_year = false;    // with a year range: year 0 is excluded too
  std::vector<std::string> languages;   // ISO 639-2 codes accepted ("eng", "chi"); empty = any
  bool exclude_unknown_language = false;
  // Publication types that exclude a record (PubMed's names, compared after
  // case folding: "Review", "Case Reports", "Editorial").
  std::vector<std::string> excluded_publication_types;
  std::vector<QueryRule> queries;       // applied in order, after the rules above
};

// The automatic decision on one record: excluded by the first rule that
// fails, in the order year, language, publication type, queries; or passed on
// to the reviewers.
struct AutoDecision {
  uint32_t record = 0;
  bool excluded = false;
  std::string rule;  // "" when passed; "publication type Review", "year 2009 before 2012", ...
};

// Evaluates `criteria` on `records[ids[i]]` for each id in `ids` (typically
// DedupResult::UniqueRecords()); the result is in the order of `ids`. Fails on
// an id out of range, a query whose records are not sorted and distinct or out
// of range, or year_min > year_max.
Result<std::vector<AutoDecision>> EvaluateCriteria(const std::vector<biblio::Record>& records,
                                                   const std::vector<uint32_t>& ids,
                                                   const ScreeningCriteria& criteria);

}  // namespace carta::screen

#endif  // CARTA_SCREEN_CRITERIA_H_
