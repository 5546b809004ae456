// Reviewers' screening decisions, recorded as an append-only log: the latest
// decision per (record, reviewer, stage) counts, earlier ones stay for the
// audit trail. Two independent reviewers with a third resolving conflicts is
// the Cochrane Handbook's recommendation (version 6, chapter 4);
// PRISMA 2020 (Page et al. 2021, BMJ, item 8) asks how many screened and how
// disagreements were resolved, and reasons for full-text exclusions (item 16a).
#ifndef CARTA_SCREEN_DECISIONS_H_
#define CARTA_SCREEN_DECISIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::screen {

enum class Stage { kTitleAbstract, kFullText };
enum class Verdict { kInclude, kExclude, kMaybe };

// "title_abstract", "full_text"; "include", "exclude", "maybe".
std::string_view StageName(Stage stage);
std::string_view VerdictName(Verdict verdict);

struct Decision {
  uint32_t record = 0;
  std::string reviewer;
  Stage stage = Stage::kTitleAbstract;
  Verdict verdict = Verdict::kMaybe;
  std::string reason;    // free text; required for full-text exclusions
  std::string time_utc;  // ISO 8601 UTC, "2024-03-01T12:00:00Z" (fraction of seconds allowed)
};

// Two reviewers' current decisions on one record that differ.
struct Conflict {
  uint32_t record = 0;
  Decision first;
  Decision second;
};

// Where a record stands at one stage.
enum class FinalState {
  kAgreed,    // the reviewers' current decisions agree (or the only reviewer decided)
  kResolved,  // they disagree and the resolver decided
  kConflict,  // they disagree and the resolver has not decided
  kPending,   // a reviewer has not decided yet
};
std::string_view FinalStateName(FinalState state);

struct FinalStatus {
  uint32_t record = 0;
  FinalState state = FinalState::kPending;
  Verdict verdict = Verdict::kMaybe;  // meaningful for kAgreed and kResolved
  std::string reason;                 // the deciding decision's reason (the first reviewer's when agreed)
};

class DecisionLog {
 public:
  // Appends `d`. Fails (and appends nothing) on an empty reviewer, a time that
  // is not "YYYY-MM-DDTHH:MM:SS[.fff...]Z", or a full-text exclusion without
  // a reason.
  Status Add(Decision d);

  // Every decision in the order added.
  const std::vector<Decision>& all() const { return log_; }

  // The latest decision per (record, reviewer) at `stage`, by time; equal
  // times go to the one added later. Ordered by record, then reviewer.
  std::vector<Decision> Current(Stage stage) const;

  // Records on which `first` and `second` currently disagree at `stage`,
  // ordered by record: different verdicts, or (at full text) exclusions for
  // different reasons, since PRISMA counts reports excluded per reason.
  std::vector<Conflict> Conflicts(Stage stage, const std::string& first, const std::string& second) const;

  // The status at `stage` of each record in `ids` (in that order), from
  // `reviewers` (one, or two independent reviewers) and `resolver` (a third
  // reviewer whose decision settles a disagreement; "" for none).
  // REQUIRES: reviewers.size() is 1 or 2.
  std::vector<FinalStatus> Final(Stage stage, const std::vector<uint32_t>& ids,
                                 const std::vector<std::string>& reviewers, const std::string& resolver) const;

 private:
  std::vector<Decision> log_;
};

}  // namespace carta::screen

#endif  // CARTA_SCREEN_DECISIONS_H_
