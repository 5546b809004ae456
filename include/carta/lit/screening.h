// Screening the project's records (carta::lit): the eligibility criteria
// file, the screening state (applied duplicate clusters, automatic exclusions,
// decisions, reviewers), and the use cases of `carta lit screen`.
#ifndef CARTA_LIT_SCREENING_H_
#define CARTA_LIT_SCREENING_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "carta/lit/corpus.h"
#include "carta/screen/criteria.h"
#include "carta/screen/decisions.h"
#include "carta/screen/dedup.h"
#include "carta/search/index.h"
#include "carta/store/literature.h"

namespace carta::lit {

// The stage names, "title_abstract" and "full_text", and their parser
// (InvalidArgument with field "stage" listing them).
const std::vector<std::string>& StageNames();
Result<screen::Stage> ParseStage(const std::string& name);

// The eligibility criteria file (doc/lit.md), parsed, its query rules run on
// `index`. Errors have location().file = `file` and line (and the query's
// column for a query rule; *failed_query gets that query's text).
Result<screen::ScreeningCriteria> ParseCriteria(const std::string& text, const std::string& file,
                                                const search::Index& index, const Corpus& corpus,
                                                std::string* failed_query = nullptr);

// Everything screening and PRISMA need. Record numbers here are the screen
// module's (uint32_t corpus indices, CorpusIndex::value).
struct ScreenState {
  Corpus corpus;
  screen::DedupResult dedup;  // the applied clusters (none when dedup was never applied)
  bool dedup_applied = false;
  bool dedup_stale = false;   // records changed since dedup was applied
  bool have_criteria = false;
  std::vector<screen::AutoDecision> automatic;  // on dedup.UniqueRecords()
  std::vector<uint32_t> to_screen;              // unique, not excluded by the criteria
  screen::DecisionLog log;
  std::vector<std::string> reviewers;  // one or two; empty before any decision
  std::string resolver;
  std::vector<std::string> notes;  // for the user: the search index rebuilt

  // The records that reach full text: agreed or resolved include or maybe at title/abstract.
  std::vector<uint32_t> FullTextRecords() const;
  // Why the record at `i` is not screened ("removed as a duplicate of record
  // 1", "excluded by the criteria (...)"), or "" when it is.
  std::string NotScreenedWhy(CorpusIndex i) const;
};
// Fails (field "reviewers") when more than two people screened at
// title/abstract and no reviewers were set.
Result<ScreenState> LoadScreenState(store::Literature& lit);

struct CriteriaRequest {
  std::string file;  // as the user named it (stored, and in messages)
  std::string text;
};
struct CriteriaResult {
  long evaluated = 0;  // unique records the criteria were evaluated on
  long excluded = 0;   // of them, excluded automatically
  long to_screen = 0;
  std::vector<std::string> notes;
};
// Checks the criteria (ParseCriteria) and stores them only when they parse.
Result<CriteriaResult> SetCriteria(store::Literature& lit, const CriteriaRequest& request,
                                   std::string* failed_query = nullptr);

struct DecideRequest {
  std::vector<RecordId> records;
  std::string reviewer;  // not blank (field "reviewer")
  screen::Stage stage = screen::Stage::kTitleAbstract;
  screen::Verdict verdict = screen::Verdict::kMaybe;
  std::string reason;  // required for a full-text exclusion
};
struct DecideResult {
  std::string reviewer;  // trimmed
  long decided = 0;
  std::vector<std::string> warnings;  // "record 21 is not screened: removed as a duplicate of record 1"
};
// Appends one decision per record in one transaction; NotFound for an unknown
// or deleted record, InvalidArgument (with "record N" before the message) for
// a decision the log refuses.
Result<DecideResult> Decide(store::Literature& lit, const DecideRequest& request);

struct ReviewersRequest {
  std::vector<std::string> reviewers;  // one, or two different people (field "reviewers")
  std::string resolver;                // "" or a third person (field "resolver")
};
Status SetReviewers(store::Literature& lit, const ReviewersRequest& request);

struct ConflictsResult {
  struct Row {
    RecordId id;
    std::string title;
    std::string first, second;        // "exclude (not CAR-T)": a reviewer's verdict and reason
    std::optional<std::string> resolved;  // "cat: exclude (...)" when the resolver decided
  };
  std::vector<std::string> reviewers;  // who has screened; conflicts need exactly two
  std::string resolver;
  std::vector<Row> conflicts;  // empty unless there are two reviewers
};
Result<ConflictsResult> Conflicts(store::Literature& lit, screen::Stage stage);

struct NextRequest {
  std::string reviewer;
  size_t count = 5;  // records to propose
};
struct NextResult {
  struct Proposed {
    RecordId id;
    std::optional<double> relevance;  // predicted probability in [0, 1]; none in a cold start
    biblio::Record record;
  };
  std::string reviewer;
  bool cold_start = false;
  std::string why;  // how they were ranked
  std::vector<Proposed> records;  // best first
};
// The records `reviewer` should screen next at title/abstract, ranked by
// active learning on that reviewer's own decisions.
Result<NextResult> Next(store::Literature& lit, const NextRequest& request);

struct StageStatus {
  long records = 0;
  std::map<std::string, long> decided_by;  // reviewer -> current decisions
  long include = 0, exclude = 0, maybe = 0;  // agreed or resolved
  long resolved = 0, conflicts = 0, pending = 0;
};
struct StatusResult {
  long records = 0;
  bool dedup_applied = false, dedup_stale = false;
  long duplicates_removed = 0;
  bool criteria = false;
  long excluded_by_criteria = 0;
  long to_screen = 0;
  std::vector<std::string> reviewers;
  std::string resolver;
  StageStatus title_abstract, full_text;
};
Result<StatusResult> ScreeningStatus(store::Literature& lit);

struct SimulateRequest {
  std::string labels_file;  // for messages and locations
  std::string labels_text;  // CSV: id (record id, pmid:N, doi:..., cnki:...) and label (1/0, include/exclude)
  uint64_t seed = 42;       // draws the prior records
};
struct SimulateResult {
  long n_records = 0, n_relevant = 0;
  std::vector<RecordId> prior, order;
  double wss95 = 0, wss95_cohen = 0, rrf10 = 0;
  std::vector<uint32_t> found;  // relevant found among the first k + 1 of `order`
};
// Simulates prioritised screening of the labelled records (screen::Simulate).
Result<SimulateResult> Simulate(store::Literature& lit, const SimulateRequest& request);

}  // namespace carta::lit

#endif  // CARTA_LIT_SCREENING_H_
