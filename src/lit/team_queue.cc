// Team screening's use cases (carta/lit/team.h): one event checked and
// appended, the next records of a reviewer, the stage as stored.
#include <algorithm>
#include <cmath>
#include <set>

#include "carta/core/text.h"
#include "carta/lit/screening.h"
#include "carta/lit/team.h"
#include "carta/screen/features.h"
#include "carta/screen/ranker.h"
#include "names.h"

namespace carta::lit {

namespace {

// A crowd claim lapses after this long without a decision, so a reviewer
// who left does not hold records for ever.
constexpr long kClaimTtlSeconds = 15 * 60;
constexpr size_t kMaxClientIdBytes = 100;
constexpr size_t kMaxReasonBytes = 200;
constexpr const char* kReasonStage = "full_text";

Status StateError(const std::string& message) { return Status::Conflict(message).WithField("state"); }

Result<TeamMode> StoredMode(store::Team& team, screen::Stage stage) {
  auto mode = team.Mode(std::string(screen::StageName(stage)));
  if (!mode.ok()) return mode.status();
  return ParseTeamMode(*mode);
}

Status CheckRequest(const TeamDecisionRequest& q, const TeamProject& project) {
  if (Status s = CheckReviewerName(q.reviewer, "reviewer"); !s.ok()) return s;
  if (q.client_id.empty() || q.client_id.size() > kMaxClientIdBytes) {
    return Status::InvalidArgument("client_id must be 1 to 100 characters (a retry sends the same one)")
        .WithField("client_id");
  }
  if (q.kind != "decision" && q.kind != "undo" && q.kind != "resolve") {
    return Status::InvalidArgument("kind is decision, undo or resolve, not '" + q.kind + "'").WithField("kind");
  }
  if (q.kind == "resolve" && q.role != "resolver" && q.role != "admin") {
    return Status::PermissionDenied("only a resolver or admin may resolve a conflict").WithField("role");
  }
  if (q.kind != "undo" && q.stage == screen::Stage::kFullText && q.verdict == screen::Verdict::kExclude &&
      text::Trim(q.reason).empty()) {
    return Status::InvalidArgument("a full-text exclusion needs a reason").WithField("reason");
  }
  if (!project.Has(q.record)) {
    return Status::NotFound("record " + std::to_string(q.record) + " is not screened in this project").WithField("record");
  }
  return Status::Ok();
}

// A full-text exclusion's reason must be on the project's list, when there is one.
Status CheckReasonListed(store::Team& team, const TeamDecisionRequest& q) {
  if (q.kind == "undo" || q.stage != screen::Stage::kFullText || q.verdict != screen::Verdict::kExclude) {
    return Status::Ok();
  }
  auto list = team.Reasons(kReasonStage);
  if (!list.ok()) return list.status();
  const std::string reason(text::Trim(q.reason));
  if (list->empty() || std::find(list->begin(), list->end(), reason) != list->end()) return Status::Ok();
  std::string names;
  for (const auto& r : *list) names += (names.empty() ? "" : "; ") + r;
  return Status::InvalidArgument("reason '" + reason + "' is not on the project's list of exclusion reasons: " + names)
      .WithField("reason");
}

// Whether the event may follow the record's `earlier` events of its stage.
Status CheckAgainstState(const TeamDecisionRequest& q, TeamMode mode, const std::vector<store::TeamEvent>& earlier) {
  const TeamStage stage = DeriveTeamStage(earlier, mode);
  const auto it = stage.records.find(q.record);
  const TeamRecord* r = it == stage.records.end() ? nullptr : &it->second;
  if (q.kind == "undo") {
    const bool has_vote = r && (r->HasVoted(q.reviewer) || (r->resolution && r->resolution->reviewer == q.reviewer));
    return has_vote ? Status::Ok() : StateError("nothing to undo on record " + std::to_string(q.record));
  }
  if (q.kind == "resolve") {
    if (!r || r->state != TeamRecordState::kConflict) {
      return StateError("record " + std::to_string(q.record) + " has no open conflict to resolve");
    }
    return Status::Ok();
  }
  if (!r || r->HasVoted(q.reviewer)) {
    // A first vote, or a reviewer changing their own vote before the record is settled by a resolver.
    if (r && r->state == TeamRecordState::kResolved) return StateError("record " + std::to_string(q.record) + " is resolved");
    return Status::Ok();
  }
  if (mode == TeamMode::kCrowd) return StateError("record " + std::to_string(q.record) + " was already screened");
  if (r->votes.size() >= 2 || r->resolution) {
    return StateError("record " + std::to_string(q.record) + " already has its two decisions");
  }
  return Status::Ok();
}

// The reviewer's decisions since their last include or maybe, in order of arrival.
long StreakSinceRelevant(const std::vector<store::TeamEvent>& events, const std::string& reviewer) {
  long streak = 0;
  for (const auto& e : events) {
    if (e.reviewer != reviewer || e.kind != "decision") continue;
    streak = e.verdict == screen::VerdictName(screen::Verdict::kExclude) ? streak + 1 : 0;
  }
  return streak;
}

constexpr long kMinStreak = 20;
constexpr double kStreakFraction = 0.05;
constexpr double kStopBelowExpected = 0.5;

// The stopping aid of TeamNextResult from the ranker's scores over the open records.
void AddStoppingAid(screen::Ranker& ranker, const std::vector<char>& open, size_t stage_records, long streak,
                    TeamNextResult* out) {
  out->found = static_cast<long>(ranker.n_relevant());
  out->streak = streak;
  out->streak_needed = std::max(kMinStreak, static_cast<long>(std::ceil(kStreakFraction * stage_records)));
  auto scores = ranker.Scores();
  if (scores.ok()) {
    double expected = 0;
    for (size_t i = 0; i < open.size(); ++i) {
      if (open[i]) expected += (*scores)[i];
    }
    out->expected_remaining = expected;
    const double total = out->found + expected;
    out->estimated_recall = total > 0 ? out->found / total : 1.0;
  }
  out->stop_suggested = out->remaining == 0 || (out->expected_remaining && *out->expected_remaining < kStopBelowExpected &&
                                                out->streak >= out->streak_needed);
}

std::vector<long> FullTextCandidates(store::Team& team, const TeamProject& project, Status* status) {
  std::vector<long> out;
  auto ta = LoadTeamStage(team, screen::Stage::kTitleAbstract);
  if (!ta.ok()) {
    *status = ta.status();
    return out;
  }
  for (const auto& [id, r] : ta->records) {
    const auto f = r.Final();
    if (f && f->verdict != screen::Verdict::kExclude && project.Has(id)) out.push_back(id);
  }
  return out;
}

}  // namespace

bool TeamProject::Has(long record) const { return std::binary_search(to_screen.begin(), to_screen.end(), record); }

namespace {

TeamProject ProjectOf(const ScreenState& st) {
  TeamProject p;
  for (uint32_t i : st.to_screen) p.to_screen.push_back(st.corpus.id(CorpusIndex{i}).value);
  std::sort(p.to_screen.begin(), p.to_screen.end());
  return p;
}

}  // namespace

Result<TeamProject> LoadTeamProject(store::Literature& lit) {
  auto st = LoadScreenState(lit);
  if (!st.ok()) return st.status();
  return ProjectOf(*st);
}

Result<std::shared_ptr<const TeamCorpus>> LoadTeamCorpus(store::Literature& lit) {
  auto st = LoadScreenState(lit);
  if (!st.ok()) return st.status();
  auto out = std::make_shared<TeamCorpus>();
  out->project = ProjectOf(*st);
  out->features = screen::BuildRecordFeatures(st->corpus.records());
  out->state = std::move(*st);
  return std::shared_ptr<const TeamCorpus>(std::move(out));
}

Result<TeamStage> LoadTeamStage(store::Team& team, screen::Stage stage) {
  auto mode = StoredMode(team, stage);
  if (!mode.ok()) return mode.status();
  auto events = team.Events(std::string(screen::StageName(stage)));
  if (!events.ok()) return events.status();
  return DeriveTeamStage(*events, *mode);
}

Status SetExclusionReasons(store::Team& team, const std::vector<std::string>& reasons) {
  if (reasons.size() > kMaxExclusionReasons) {
    return Status::InvalidArgument("a list holds at most " + std::to_string(kMaxExclusionReasons) + " reasons, not " +
                                   std::to_string(reasons.size()))
        .WithField("reasons");
  }
  std::vector<std::string> list;
  for (size_t i = 0; i < reasons.size(); ++i) {
    const std::string reason(text::Trim(reasons[i]));
    // The reason itself is not echoed: it may not be UTF-8.
    if (Status s = CheckReviewerName(reason, "reasons"); !s.ok() || reason.size() > kMaxReasonBytes) {
      return Status::InvalidArgument("reason " + std::to_string(i + 1) +
                                     " is blank, not UTF-8 or longer than 200 bytes")
          .WithField("reasons");
    }
    if (std::find(list.begin(), list.end(), reason) != list.end()) {
      return Status::InvalidArgument("reason '" + reason + "' is listed twice").WithField("reasons");
    }
    list.push_back(reason);
  }
  return team.SetReasons(kReasonStage, list);
}

Result<std::vector<std::string>> ExclusionReasons(store::Team& team) { return team.Reasons(kReasonStage); }

Result<store::AppendResult> RecordTeamEvent(store::Team& team, const TeamProject& project,
                                            const TeamDecisionRequest& request) {
  if (Status s = CheckRequest(request, project); !s.ok()) return s;
  if (Status s = CheckReasonListed(team, request); !s.ok()) return s;
  auto mode = StoredMode(team, request.stage);
  if (!mode.ok()) return mode.status();
  store::TeamEvent e;
  e.client_id = request.client_id;
  e.reviewer = std::string(text::Trim(request.reviewer));
  e.record = request.record;
  e.stage = std::string(screen::StageName(request.stage));
  e.kind = request.kind;
  if (request.kind != "undo") e.verdict = std::string(screen::VerdictName(request.verdict));
  e.reason = std::string(text::Trim(request.reason));
  TeamDecisionRequest q = request;
  q.reviewer = e.reviewer;
  return team.Append(e, [&](const std::vector<store::TeamEvent>& earlier) {
    return CheckAgainstState(q, *mode, earlier);
  });
}

Result<TeamNextResult> TeamNext(store::Team& team, const TeamCorpus& corpus, const std::string& reviewer,
                                screen::Stage stage, size_t count) {
  if (Status s = CheckReviewerName(reviewer, "reviewer"); !s.ok()) return s;
  const ScreenState* st = &corpus.state;
  auto mode = StoredMode(team, stage);
  if (!mode.ok()) return mode.status();
  auto events = team.Events(std::string(screen::StageName(stage)));
  if (!events.ok()) return events.status();
  const TeamStage stage_state = DeriveTeamStage(*events, *mode);
  const TeamStage* state = &stage_state;
  const TeamProject& project = corpus.project;
  Status s;
  const std::vector<long> candidates =
      stage == screen::Stage::kTitleAbstract ? project.to_screen : FullTextCandidates(team, project, &s);
  if (!s.ok()) return s;
  std::set<long> held;
  if (*mode == TeamMode::kCrowd) {
    auto others = team.ClaimedByOthers(std::string(screen::StageName(stage)), reviewer, kClaimTtlSeconds);
    if (!others.ok()) return others.status();
    held.insert(others->begin(), others->end());
  }
  // The ranker sees every record; only the eligible stay in its pool, and
  // only this reviewer's own votes label it.
  screen::Ranker ranker(&corpus.features);
  std::vector<char> eligible(st->corpus.size(), 0);
  TeamNextResult out;
  for (long id : candidates) {
    auto i = st->corpus.IndexOf(RecordId{id});
    if (!i.ok()) continue;
    const auto it = state->records.find(id);
    const TeamRecord* r = it == state->records.end() ? nullptr : &it->second;
    if (r && r->HasVoted(reviewer)) {
      for (const auto& v : r->votes) {
        if (v.reviewer == reviewer) ranker.Label(i->value, v.verdict != screen::Verdict::kExclude);
      }
      continue;
    }
    const bool open = *mode == TeamMode::kCrowd ? (!r && !held.count(id)) : (!r || (r->votes.size() < 2 && !r->resolution));
    if (open) eligible[i->value] = 1, ++out.remaining;
  }
  for (uint32_t i = 0; i < eligible.size(); ++i) if (!eligible[i]) ranker.Remove(i);
  AddStoppingAid(ranker, eligible, candidates.size(), StreakSinceRelevant(*events, reviewer), &out);
  const screen::Proposal p = ranker.Next(std::max<size_t>(1, count));
  out.stage = std::string(screen::StageName(stage));
  out.mode = std::string(TeamModeName(*mode));
  out.cold_start = p.cold_start;
  out.why = p.why;
  for (size_t k = 0; k < p.records.size(); ++k) {
    const CorpusIndex i{p.records[k]};
    const long id = st->corpus.id(i).value;
    if (*mode == TeamMode::kCrowd) {
      auto mine = team.Claim(out.stage, id, reviewer, kClaimTtlSeconds);
      if (!mine.ok()) return mine.status();
      if (!*mine) continue;  // taken by another reviewer since the list was read
    }
    out.records.push_back({id, p.relevance.empty() ? std::nullopt : std::optional(p.relevance[k]), st->corpus.record(i)});
  }
  return out;
}

}  // namespace carta::lit
