// Team screening (carta::lit): the state of a stage derived from the
// append-only decision events of carta/store/team.h, conflicts for the
// resolver, Cohen's kappa per reviewer pair, PRISMA counts from the events,
// and the use cases a server calls (decide, undo, resolve, next record).
//
// Modes per stage: "dual" (dual blind: every record needs two reviewers'
// decisions; differing verdicts, or differing full-text exclusion reasons,
// are a conflict that a resolver settles) and "crowd" (one decision settles
// a record; a record is claimed by one reviewer at a time).
#ifndef CARTA_LIT_TEAM_H_
#define CARTA_LIT_TEAM_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"
#include "carta/lit/corpus.h"
#include "carta/lit/screening.h"
#include "carta/screen/features.h"
#include "carta/screen/decisions.h"
#include "carta/store/literature.h"
#include "carta/store/team.h"

namespace carta::lit {

enum class TeamMode { kDual, kCrowd };
// "dual" or "crowd"; InvalidArgument (field "mode") otherwise.
Result<TeamMode> ParseTeamMode(std::string_view name);
std::string_view TeamModeName(TeamMode mode);

// A reviewer's current vote on a record (the last decision not undone).
struct TeamVote {
  std::string reviewer;
  screen::Verdict verdict = screen::Verdict::kMaybe;
  std::string reason;
  std::string time_utc;
};

enum class TeamRecordState {
  kAwaitingSecond,  // dual: one vote so far
  kAgreed,          // dual: two equal votes; crowd: one vote
  kConflict,        // dual: two votes that differ (verdict, or full-text reason)
  kResolved,        // a resolver decided
};
std::string_view TeamRecordStateName(TeamRecordState state);

struct TeamRecord {
  long record = 0;
  std::vector<TeamVote> votes;           // in order of voting
  std::optional<TeamVote> resolution;    // the resolver's decision
  TeamRecordState state = TeamRecordState::kAwaitingSecond;
  // The settled verdict and reason (kAgreed, kResolved).
  std::optional<TeamVote> Final() const;
  bool HasVoted(const std::string& reviewer) const;
};

// The records of one stage that have any current vote, by record id.
struct TeamStage {
  TeamMode mode = TeamMode::kDual;
  std::map<long, TeamRecord> records;
};

// Replays `events` (one stage's, in order of arrival): a decision replaces the
// reviewer's earlier vote, an undo removes the reviewer's last vote (or the
// resolver's resolution), a resolve settles the record.
TeamStage DeriveTeamStage(const std::vector<store::TeamEvent>& events, TeamMode mode);

// Cohen's kappa of two raters over the records both rated (Cohen 1960):
// (p_o - p_e) / (1 - p_e) over the verdicts include/exclude/maybe.
struct KappaRow {
  std::string first, second;  // reviewer names, first < second
  long records = 0;           // rated by both
  double observed = 0;        // p_o, agreement as a fraction
  double expected = 0;        // p_e, chance agreement from the marginals
  double kappa = 0;           // NaN when p_e = 1 (both always gave one verdict)
};
// One row per pair of reviewers with at least one record in common.
std::vector<KappaRow> PairwiseKappa(const TeamStage& stage);
// The kappa of paired ratings (first[i], second[i]); NaN when empty or p_e = 1.
KappaRow CohenKappa(const std::vector<screen::Verdict>& first, const std::vector<screen::Verdict>& second);

// PRISMA 2020's screening boxes counted from the team's events.
struct TeamPrisma {
  long to_screen = 0;             // records to screen at title/abstract
  long screened = 0;              // settled at title/abstract
  long excluded_screening = 0;    // excluded at title/abstract
  long assessed_full_text = 0;    // settled at full text
  long excluded_full_text = 0;
  std::map<std::string, long> full_text_reasons;  // reason -> records
  long included = 0;              // included (or kept as maybe) at full text
  long awaiting = 0;              // records with a vote but not settled (both stages)
  long conflicts = 0;             // open conflicts (both stages)
  bool final = false;             // every record settled at both stages
};
TeamPrisma CountTeamPrisma(const TeamStage& title_abstract, const TeamStage& full_text, long to_screen,
                           long reach_full_text);

// ---- Use cases over the project (store::Team and store::Literature) ----

// The records of the project that are screened (unique, not excluded by
// the criteria), by record id, ascending.
struct TeamProject {
  std::vector<long> to_screen;
  bool Has(long record) const;
};
Result<TeamProject> LoadTeamProject(store::Literature& lit);

// The most reasons a project's list holds (keys 1-9 of the page pick the first nine).
inline constexpr size_t kMaxExclusionReasons = 30;
// Sets the project's list of full-text exclusion reasons (the lead
// reviewer's; an admin token on the server), replacing any earlier list.
// Each reason is trimmed, 1 to 200 bytes of UTF-8, and unique; at most
// kMaxExclusionReasons. InvalidArgument (field "reasons") otherwise. With a
// list set, a full-text exclusion's reason must be one of it; an empty list
// lets any non-blank reason through.
Status SetExclusionReasons(store::Team& team, const std::vector<std::string>& reasons);
// The project's list of full-text exclusion reasons, in order; empty when none is set.
Result<std::vector<std::string>> ExclusionReasons(store::Team& team);

struct TeamDecisionRequest {
  std::string reviewer;       // from the token
  std::string role;           // the token's role: "reviewer", "resolver", "admin"
  std::string client_id;      // non-empty, at most 100 characters (field "client_id")
  long record = 0;            // field "record"
  screen::Stage stage = screen::Stage::kTitleAbstract;
  std::string kind = "decision";  // "decision", "undo" or "resolve" (field "kind")
  screen::Verdict verdict = screen::Verdict::kMaybe;
  std::string reason;         // required for a full-text exclusion (field "reason")
};
// Appends the event after checking it against the record's events in the
// same transaction. Fails with InvalidArgument naming the field at fault for
// a bad request (its key); PermissionDenied (field "role") when a reviewer
// (not a resolver or admin) resolves; Conflict (field "state") when the
// record's state refuses the event (a third vote in dual mode, a vote on a
// settled record, a second vote in crowd mode, an undo with nothing to undo,
// a resolve of a record not in conflict). NotFound (field "record") for a record not screened in
// `project`. InvalidArgument (field "reason") for a full-text exclusion
// whose reason is not on the project's list (when one is set).
Result<store::AppendResult> RecordTeamEvent(store::Team& team, const TeamProject& project,
                                            const TeamDecisionRequest& request);

struct TeamNextResult {
  struct Item {
    long record = 0;
    std::optional<double> relevance;  // the ranker's probability; none in a cold start
    biblio::Record fields;
  };
  std::string stage;
  std::string mode;
  bool cold_start = false;
  std::string why;
  long remaining = 0;          // records this reviewer may still screen at the stage
  std::vector<Item> records;   // best first; in crowd mode the first is claimed

  // The stopping aid (doc/api.md, "Estimated recall"), from this reviewer's
  // own labels only. `found`: records the reviewer included or kept (maybe)
  // at the stage. `expected_remaining`: the sum of the ranker's probabilities
  // of relevance over the `remaining` records (none in a cold start).
  // `estimated_recall`: found / (found + expected_remaining). `streak`: the
  // reviewer's decisions since their last include or maybe. `stop_suggested`:
  // nothing remains, or expected_remaining < 0.5 after a streak of at least
  // `streak_needed` = max(20, 5% of the stage's records) exclusions.
  long found = 0;
  std::optional<double> expected_remaining;
  std::optional<double> estimated_recall;
  long streak = 0;
  long streak_needed = 0;
  bool stop_suggested = false;
};
// The project's records prepared once for the queue: the screening state
// (LoadScreenState: the corpus and the records to screen), each record's
// features for the ranker, and the records to screen by id. Loading reads
// and parses every record (tens of seconds for 100,000), so a server loads
// it once and shares it (immutable) until an import changes the records.
struct TeamCorpus {
  ScreenState state;
  screen::FeatureMatrix features;  // row i: state.corpus.records()[i]
  TeamProject project;
};
Result<std::shared_ptr<const TeamCorpus>> LoadTeamCorpus(store::Literature& lit);

// The next records `reviewer` should screen at `stage`, ranked by active
// learning (screen::Ranker) on the reviewer's own decisions only (so the
// order reveals nothing of another's votes). Dual: records the reviewer has
// not voted on with fewer than two votes; crowd: unvoted records not claimed
// by someone else.
Result<TeamNextResult> TeamNext(store::Team& team, const TeamCorpus& corpus, const std::string& reviewer,
                                screen::Stage stage, size_t count);

// The stage derived from the stored events under the stage's stored mode.
Result<TeamStage> LoadTeamStage(store::Team& team, screen::Stage stage);

// The stage as `reviewer` may see it (blinding): the reviewer's own votes
// always; another's only on records where the reviewer has voted too and the
// record has all the votes it needs. Resolvers and admins (`sees_all`) see
// every vote.
TeamStage VisibleTo(const TeamStage& stage, const std::string& reviewer, bool sees_all);

// One highlighted keyword in a text: [start, end) in UTF-16 code units (the
// page's string offsets), an inclusion or an exclusion keyword.
struct HighlightSpan {
  size_t start = 0;
  size_t end = 0;
  bool exclude = false;
};

// Texts to highlight and the keywords (words or phrases) of each kind.
struct HighlightRequest {
  std::vector<std::string> texts;
  std::vector<std::string> include, exclude;
};

// The places in each text where a keyword occurs, matched as the search
// index matches (search::Tokenizer: folded case, accents and width; a phrase
// is its tokens in a row; CJK as overlapping bigrams, so "抗原" is found in
// "嵌合抗原受体"). Per text, in order of start, not overlapping (an earlier or
// longer match wins). InvalidArgument (field "include" or "exclude") for more
// than 200 keywords of a kind, or one with no word in it.
Result<std::vector<std::vector<HighlightSpan>>> Highlight(const HighlightRequest& request);

// A record with its duplicates, as the last `carta lit dedup --apply` grouped
// them: the whole cluster (the record first, then the others by id), the one
// kept for screening, and why each pair was linked ("12-15: doi").
struct RecordGroup {
  long record = 0;
  long cluster = 0;  // 0: the record has no duplicates
  long keep = 0;
  std::vector<RecordBrief> members;
  std::vector<std::string> links;
};

// The group of `record`. NotFound (field "record") for a record the project
// does not hold.
Result<RecordGroup> DuplicatesOf(store::Literature& lit, long record);

}  // namespace carta::lit

#endif  // CARTA_LIT_TEAM_H_
