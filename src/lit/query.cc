// Running one query against the index, with the history's #N references.
#include <algorithm>
#include <regex>

#include "carta/core/text.h"
#include "carta/lit/search.h"
#include "carta/search/query.h"

namespace carta::lit {

namespace {

// A PubMed query's references to CNKI searches, which PubMed syntax cannot replay.
Status CheckRefs(const std::string& text, const std::vector<store::SearchEntry>& history) {
  static const std::regex kRef("#([0-9]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kRef); it != std::sregex_iterator(); ++it) {
    // Too many digits for a long is no reference the history holds; the parser says so at its column.
    const long n = text::ParseCount((*it)[1].str()).value_or(-1);
    if (n >= 1 && n <= static_cast<long>(history.size()) && history[n - 1].syntax == "cnki") {
      SourceLocation where;
      where.column = static_cast<int>(it->position()) + 1;
      where.field = "query";
      return Status::InvalidArgument("column " + std::to_string(where.column) + ": #" + std::to_string(n) +
                                     " is a CNKI search; history references combine PubMed searches only")
          .WithLocation(where);
    }
  }
  return Status::Ok();
}

}  // namespace

std::string SeparateHistoryRefs(const std::string& text, std::string* note) {
  static const std::regex kRunIn("(#[0-9]+)(AND|OR|NOT)\\b");
  std::string out = std::regex_replace(text, kRunIn, "$1 $2");
  *note = out == text ? "" : "read '" + text + "' as '" + out + "' (no space before the operator, as printed)";
  return out;
}

Result<QueryRun> RunQuery(const std::string& text, bool cnki, const std::vector<store::SearchEntry>& history,
                          const search::Index& index, const std::vector<RecordId>& deleted,
                          const search::MeshTree* mesh) {
  QueryRun run;
  run.query = text;
  run.syntax = cnki ? "cnki" : "pubmed";
  Result<search::Query> q = Status::InvalidArgument("column 1: empty query");
  if (cnki) {
    q = search::ParseCnki(text);
  } else {
    if (Status s = CheckRefs(text, history); !s.ok()) return s;
    std::vector<std::string> past;
    for (const auto& h : history) past.push_back(h.syntax == "pubmed" ? h.query : "");
    q = search::ParsePubmed(text, past, mesh);
  }
  if (!q.ok()) return q.status();
  run.translation = q->Explain();
  search::SearchResult hits = index.Search(*q);
  run.warnings = hits.warnings;
  for (uint32_t doc : hits.docs) {
    const RecordId id{static_cast<long>(doc) + 1};  // the index's document id is the record id - 1
    if (!std::binary_search(deleted.begin(), deleted.end(), id)) run.records.push_back(id);
  }
  return run;
}

}  // namespace carta::lit
