// Automatic eligibility rules (PRISMA 2020, Page et al. 2021, BMJ: "records
// marked as ineligible by automation tools").
#include "carta/screen/criteria.h"

#include <algorithm>

#include "carta/core/text.h"

namespace carta::screen {
namespace {

std::string YearRule(const biblio::Record& r, const ScreeningCriteria& c) {
  if (!c.year_min && !c.year_max) return "";
  if (r.year == 0) return c.exclude_unknown_year ? "year unknown" : "";
  if (c.year_min && r.year < *c.year_min) {
    return "year " + std::to_string(r.year) + " before " + std::to_string(*c.year_min);
  }
  if (c.year_max && r.year > *c.year_max) {
    return "year " + std::to_string(r.year) + " after " + std::to_string(*c.year_max);
  }
  return "";
}

std::string LanguageRule(const biblio::Record& r, const ScreeningCriteria& c) {
  if (c.languages.empty()) return "";
  if (r.language.empty()) return c.exclude_unknown_language ? "language unknown" : "";
  const std::string lang = text::ToLower(r.language);
  for (const std::string& accepted : c.languages) {
    if (text::ToLower(accepted) == lang) return "";
  }
  return "language " + r.language;
}

std::string TypeRule(const biblio::Record& r, const std::vector<std::string>& excluded_folded) {
  for (const std::string& type : r.publication_types) {
    const std::string folded = text::FoldForMatch(text::Trim(type));
    if (std::find(excluded_folded.begin(), excluded_folded.end(), folded) != excluded_folded.end()) {
      return "publication type " + type;
    }
  }
  return "";
}

std::string QueryRuleFor(uint32_t id, const std::vector<QueryRule>& queries) {
  for (const QueryRule& q : queries) {
    const bool in = std::binary_search(q.records.begin(), q.records.end(), id);
    if (q.effect == QueryEffect::kRequire && !in) return "does not match query '" + q.name + "'";
    if (q.effect == QueryEffect::kExclude && in) return "matches query '" + q.name + "'";
  }
  return "";
}

Status CheckCriteria(size_t n, const ScreeningCriteria& c) {
  if (c.year_min && c.year_max && *c.year_min > *c.year_max) {
    return Status::InvalidArgument("year range " + std::to_string(*c.year_min) + "-" + std::to_string(*c.year_max) +
                                   " is empty");
  }
  for (const QueryRule& q : c.queries) {
    for (size_t i = 0; i < q.records.size(); ++i) {
      if (q.records[i] >= n || (i > 0 && q.records[i] <= q.records[i - 1])) {
        return Status::InvalidArgument("query '" + q.name + "': record indices must be sorted, distinct and below " +
                                       std::to_string(n) + " (position " + std::to_string(i) + ")");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<AutoDecision>> EvaluateCriteria(const std::vector<biblio::Record>& records,
                                                   const std::vector<uint32_t>& ids,
                                                   const ScreeningCriteria& criteria) {
  if (Status s = CheckCriteria(records.size(), criteria); !s.ok()) return s;
  std::vector<std::string> excluded_types;
  for (const std::string& t : criteria.excluded_publication_types) {
    excluded_types.push_back(text::FoldForMatch(text::Trim(t)));
  }
  std::vector<AutoDecision> out;
  out.reserve(ids.size());
  for (uint32_t id : ids) {
    if (id >= records.size()) {
      return Status::InvalidArgument("record " + std::to_string(id) + " is out of range (" +
                                     std::to_string(records.size()) + " records)");
    }
    const biblio::Record& r = records[id];
    std::string rule = YearRule(r, criteria);
    if (rule.empty()) rule = LanguageRule(r, criteria);
    if (rule.empty()) rule = TypeRule(r, excluded_types);
    if (rule.empty()) rule = QueryRuleFor(id, criteria.queries);
    const bool excluded = !rule.empty();
    out.push_back({id, excluded, std::move(rule)});
  }
  return out;
}

}  // namespace carta::screen
