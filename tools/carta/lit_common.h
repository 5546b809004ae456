// What the `carta lit` subcommands share: opening the project's literature,
// the records as the screen module sees them (vector index <-> record id),
// running a query against the history, the screening state, and printing a
// record briefly.
#ifndef CARTA_TOOLS_LIT_COMMON_H_
#define CARTA_TOOLS_LIT_COMMON_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/screen/criteria.h"
#include "carta/screen/decisions.h"
#include "carta/screen/dedup.h"
#include "carta/search/index.h"
#include "carta/store/literature.h"
#include "common.h"

namespace carta::cli::lit {

int RunImport(int argc, char** argv);
int RunSearch(int argc, char** argv);
int RunHistory(int argc, char** argv);
int RunDedup(int argc, char** argv);
int RunScreen(int argc, char** argv);
int RunPrisma(int argc, char** argv);
int RunExport(int argc, char** argv);

// Opens the literature tables of the database at `db_path` (creating them in
// an existing database). A database that does not exist is created only with
// `create` (carta lit import); otherwise NotFound, so that a mistyped --db
// never leaves an empty project behind.
Result<store::Literature> OpenLiterature(const std::string& db_path, bool create = false);

// The project's records that are not deleted, in id order: records[i] is
// record ids[i]. The screen module's record indices are indices into it.
struct Corpus {
  std::vector<biblio::Record> records;
  std::vector<long> ids;
  std::map<long, uint32_t> index_of;
  std::vector<long> deleted;  // ids of deleted records, ascending
  // The index of record `id`; NotFound for an unknown or deleted id.
  Result<uint32_t> IndexOf(long id) const;
};
Result<Corpus> LoadCorpus(store::Literature& lit);

// The search index, saying on stderr when it had to be rebuilt.
Result<search::Index> LoadIndex(store::Literature& lit);

// A query run against the index.
struct QueryRun {
  std::string query;   // as run (history references normalised)
  std::string syntax;  // "pubmed" or "cnki"
  std::vector<long> records;      // record ids, ascending (deleted records left out)
  std::string translation;        // Query::Explain
  std::vector<std::string> warnings;
};

// Parses `text` (PubMed syntax with the stored history, or CNKI) and searches.
// A malformed query fails with the parser's message, the query and a caret
// under the column on the lines after it.
Result<QueryRun> RunQuery(const std::string& text, bool cnki, const std::vector<store::SearchEntry>& history,
                          const search::Index& index, const std::vector<long>& deleted);

// "#1AND #3" as printed in the review's strategy: a history reference run
// into an upper-case operator gets its space back; *note says what changed
// ("" when nothing did).
std::string SeparateHistoryRefs(const std::string& text, std::string* note);

// The eligibility criteria file (doc/lit.md): parsed, with query rules
// evaluated on the index. Errors name file:line.
Result<screen::ScreeningCriteria> ParseCriteria(const std::string& text, const std::string& file,
                                                const search::Index* index, const Corpus& corpus);

// Everything screening and PRISMA need, in corpus indices.
struct ScreenState {
  Corpus corpus;
  screen::DedupResult dedup;  // the applied clusters (none when dedup --apply never ran)
  bool dedup_applied = false;
  bool dedup_stale = false;   // records changed since dedup --apply
  bool have_criteria = false;
  std::vector<screen::AutoDecision> automatic;  // on dedup.UniqueRecords()
  std::vector<uint32_t> to_screen;              // unique, not excluded by the criteria
  screen::DecisionLog log;
  std::vector<std::string> reviewers;  // one or two; empty before any decision
  std::string resolver;
};
Result<ScreenState> LoadScreenState(store::Literature& lit);

// "Smith, John" → first author; "" when none.
std::string FirstAuthor(const biblio::Record& r);
// "pmid:123", else "doi:...", else "cnki:...", else "".
std::string ShownId(const biblio::Record& r);
// The reviewer: `given`, else $CARTA_REVIEWER, else $USER; fails when none.
Result<std::string> ResolveReviewer(const std::string& given);

}  // namespace carta::cli::lit

#endif  // CARTA_TOOLS_LIT_COMMON_H_
