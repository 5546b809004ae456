// Searching the project's records (carta::lit): one query, or a strategy file
// of numbered queries, run against the index and added to the numbered search
// history (#1, #2, ...), and the history itself.
//
// A query that does not parse fails with InvalidArgument whose location()
// has field "query" and the 1-based column (in characters) of the fault in
// the query as run; `failed_query`, when given, receives that text (history
// references separated, a strategy's references renumbered) so that a front
// end can show it with a caret under the column.
#ifndef CARTA_LIT_SEARCH_H_
#define CARTA_LIT_SEARCH_H_

#include <string>
#include <vector>

#include "carta/lit/corpus.h"
#include "carta/search/index.h"
#include "carta/store/literature.h"

namespace carta::lit {

// A query run against the index.
struct QueryRun {
  std::string query;   // as run (history references normalised)
  std::string syntax;  // "pubmed" or "cnki"
  std::vector<RecordId> records;  // ascending, deleted records left out
  std::string translation;        // search::Query::Explain
  std::vector<std::string> warnings;  // where carta reads the query differently from PubMed
};

// Parses `text` (PubMed syntax with `history` for #N, or CNKI) and searches
// `index`. A PubMed query may not refer to a CNKI search of the history.
// `mesh` (may be null or empty): the project's MeSH tree, which [mh] and
// [majr] explode over (search::ParsePubmed).
Result<QueryRun> RunQuery(const std::string& text, bool cnki, const std::vector<store::SearchEntry>& history,
                          const search::Index& index, const std::vector<RecordId>& deleted,
                          const search::MeshTree* mesh = nullptr);

// "#1AND #3" as printed in a review's strategy: a history reference run into
// an upper-case operator gets its space back; *note says what changed ("" when
// nothing did).
std::string SeparateHistoryRefs(const std::string& text, std::string* note);

struct SearchRequest {
  std::string query;
  bool cnki = false;  // CNKI professional syntax instead of PubMed's
  size_t show = 10;   // records to return in `shown` (the first ones)
};

struct SearchResult {
  long number = 0;  // its number in the history
  QueryRun run;
  std::vector<RecordBrief> shown;  // the first `show` records of run.records
  std::vector<std::string> notes;  // for the user: the index rebuilt, a query read differently
};

// Runs the query and adds it to the history (one transaction, numbered by the database).
Result<SearchResult> Search(store::Literature& lit, const SearchRequest& request, std::string* failed_query = nullptr);

struct StrategyRequest {
  std::string file;  // the strategy's name, for messages and error locations
  std::string text;  // one numbered query a line, "#1 CAR-T[Title/Abstract]"; "# " lines are comments
  bool cnki = false;
};

struct StrategyResult {
  struct Line {
    int line = 0;      // in the file, 1-based
    long number = 0;   // in the history
    std::string query; // as run, references renumbered
    long count = 0;    // records found
  };
  std::vector<Line> lines;
  std::vector<std::string> notes;  // "file:line: read ... as ...", "file:line: warning: ..."
};

// Runs every line of the strategy against the history as it will be and adds
// them all in ONE transaction, numbered by the database: a line that fails
// (its location() has file and line, and the query's column) adds nothing.
Result<StrategyResult> RunStrategy(store::Literature& lit, const StrategyRequest& request,
                                   std::string* failed_query = nullptr);

}  // namespace carta::lit

#endif  // CARTA_LIT_SEARCH_H_
