// Team screening derived from events (carta/lit/team.h): replay, blinding,
// Cohen's kappa and the PRISMA counts.
#include "carta/lit/team.h"

#include <cmath>
#include <set>

#include "carta/core/text.h"

namespace carta::lit {

namespace {

std::optional<screen::Verdict> VerdictOf(std::string_view name) {
  for (auto v : {screen::Verdict::kInclude, screen::Verdict::kExclude, screen::Verdict::kMaybe}) {
    if (screen::VerdictName(v) == name) return v;
  }
  return std::nullopt;
}

// Two votes conflict when the verdicts differ, or both exclude at full text
// for different reasons (compared case-folded and trimmed).
bool Differ(const TeamVote& a, const TeamVote& b, bool full_text) {
  if (a.verdict != b.verdict) return true;
  return full_text && a.verdict == screen::Verdict::kExclude &&
         text::FoldForMatch(text::Trim(a.reason)) != text::FoldForMatch(text::Trim(b.reason));
}

void Settle(TeamRecord& r, TeamMode mode, bool full_text) {
  if (r.resolution) {
    r.state = TeamRecordState::kResolved;
  } else if (mode == TeamMode::kCrowd) {
    r.state = r.votes.empty() ? TeamRecordState::kAwaitingSecond : TeamRecordState::kAgreed;
  } else if (r.votes.size() < 2) {
    r.state = TeamRecordState::kAwaitingSecond;
  } else {
    r.state = Differ(r.votes[0], r.votes[1], full_text) ? TeamRecordState::kConflict : TeamRecordState::kAgreed;
  }
}

// Per reviewer, the stack of decisions an undo pops.
struct Replay {
  std::map<std::string, std::vector<TeamVote>> decisions;
  std::vector<std::string> order;  // first vote order of reviewers
  std::vector<TeamVote> resolutions;
};

}  // namespace

Result<TeamMode> ParseTeamMode(std::string_view name) {
  if (name == "dual") return TeamMode::kDual;
  if (name == "crowd") return TeamMode::kCrowd;
  return Status::InvalidArgument("mode is dual or crowd, not '" + std::string(name) + "'").WithField("mode");
}

std::string_view TeamModeName(TeamMode mode) { return mode == TeamMode::kDual ? "dual" : "crowd"; }

std::string_view TeamRecordStateName(TeamRecordState state) {
  switch (state) {
    case TeamRecordState::kAwaitingSecond: return "awaiting_second";
    case TeamRecordState::kAgreed: return "agreed";
    case TeamRecordState::kConflict: return "conflict";
    case TeamRecordState::kResolved: break;
  }
  return "resolved";
}

std::optional<TeamVote> TeamRecord::Final() const {
  if (state == TeamRecordState::kResolved) return resolution;
  if (state == TeamRecordState::kAgreed) return votes.front();
  return std::nullopt;
}

bool TeamRecord::HasVoted(const std::string& reviewer) const {
  for (const auto& v : votes) if (v.reviewer == reviewer) return true;
  return false;
}

TeamStage DeriveTeamStage(const std::vector<store::TeamEvent>& events, TeamMode mode) {
  std::map<long, Replay> replay;
  bool full_text = false;
  for (const auto& e : events) {
    full_text = e.stage == "full_text";
    Replay& r = replay[e.record];
    const auto verdict = VerdictOf(e.verdict);
    if (e.kind == "decision" && verdict) {
      auto& mine = r.decisions[e.reviewer];
      if (mine.empty()) r.order.push_back(e.reviewer);
      mine.push_back({e.reviewer, *verdict, e.reason, e.time_utc});
    } else if (e.kind == "resolve" && verdict) {
      r.resolutions.push_back({e.reviewer, *verdict, e.reason, e.time_utc});
    } else if (e.kind == "undo") {
      // The resolver's undo takes back a resolution first; else the reviewer's last vote.
      if (!r.resolutions.empty() && r.resolutions.back().reviewer == e.reviewer) {
        r.resolutions.pop_back();
      } else if (auto it = r.decisions.find(e.reviewer); it != r.decisions.end() && !it->second.empty()) {
        it->second.pop_back();
      }
    }
  }
  TeamStage out;
  out.mode = mode;
  for (auto& [record, r] : replay) {
    TeamRecord rec;
    rec.record = record;
    for (const auto& name : r.order) {
      const auto& mine = r.decisions[name];
      if (!mine.empty()) rec.votes.push_back(mine.back());
    }
    if (!r.resolutions.empty()) rec.resolution = r.resolutions.back();
    if (rec.votes.empty() && !rec.resolution) continue;
    Settle(rec, mode, full_text);
    out.records.emplace(record, std::move(rec));
  }
  return out;
}

TeamStage VisibleTo(const TeamStage& stage, const std::string& reviewer, bool sees_all) {
  if (sees_all) return stage;
  TeamStage out;
  out.mode = stage.mode;
  for (const auto& [id, r] : stage.records) {
    if (!r.HasVoted(reviewer)) continue;
    TeamRecord mine = r;
    if (r.state == TeamRecordState::kAwaitingSecond) {
      mine.votes.clear();
      for (const auto& v : r.votes) if (v.reviewer == reviewer) mine.votes.push_back(v);
    }
    out.records.emplace(id, std::move(mine));
  }
  return out;
}

KappaRow CohenKappa(const std::vector<screen::Verdict>& first, const std::vector<screen::Verdict>& second) {
  KappaRow row;
  const size_t n = std::min(first.size(), second.size());
  row.records = static_cast<long>(n);
  if (n == 0) {
    row.observed = row.expected = row.kappa = NAN;
    return row;
  }
  double agree = 0, count_a[3] = {0, 0, 0}, count_b[3] = {0, 0, 0};
  for (size_t i = 0; i < n; ++i) {
    agree += first[i] == second[i];
    ++count_a[static_cast<int>(first[i])];
    ++count_b[static_cast<int>(second[i])];
  }
  row.observed = agree / static_cast<double>(n);
  for (int k = 0; k < 3; ++k) row.expected += count_a[k] * count_b[k] / (static_cast<double>(n) * static_cast<double>(n));
  row.kappa = row.expected >= 1 ? NAN : (row.observed - row.expected) / (1 - row.expected);
  return row;
}

std::vector<KappaRow> PairwiseKappa(const TeamStage& stage) {
  // pair (a < b) -> the verdicts of a and b on the records both rated
  std::map<std::pair<std::string, std::string>, std::pair<std::vector<screen::Verdict>, std::vector<screen::Verdict>>>
      pairs;
  for (const auto& [id, r] : stage.records) {
    for (size_t i = 0; i < r.votes.size(); ++i) {
      for (size_t j = i + 1; j < r.votes.size(); ++j) {
        const TeamVote* a = &r.votes[i];
        const TeamVote* b = &r.votes[j];
        if (b->reviewer < a->reviewer) std::swap(a, b);
        auto& p = pairs[{a->reviewer, b->reviewer}];
        p.first.push_back(a->verdict);
        p.second.push_back(b->verdict);
      }
    }
  }
  std::vector<KappaRow> out;
  for (const auto& [names, verdicts] : pairs) {
    KappaRow row = CohenKappa(verdicts.first, verdicts.second);
    row.first = names.first;
    row.second = names.second;
    out.push_back(std::move(row));
  }
  return out;
}

TeamPrisma CountTeamPrisma(const TeamStage& title_abstract, const TeamStage& full_text, long to_screen,
                           long reach_full_text) {
  TeamPrisma p;
  p.to_screen = to_screen;
  auto count_open = [&](const TeamStage& s) {
    for (const auto& [id, r] : s.records) {
      if (r.state == TeamRecordState::kConflict) ++p.conflicts;
      if (r.state == TeamRecordState::kAwaitingSecond) ++p.awaiting;
    }
  };
  count_open(title_abstract);
  count_open(full_text);
  for (const auto& [id, r] : title_abstract.records) {
    const auto f = r.Final();
    if (!f) continue;
    ++p.screened;
    if (f->verdict == screen::Verdict::kExclude) ++p.excluded_screening;
  }
  for (const auto& [id, r] : full_text.records) {
    const auto f = r.Final();
    if (!f) continue;
    ++p.assessed_full_text;
    if (f->verdict == screen::Verdict::kExclude) {
      ++p.excluded_full_text;
      ++p.full_text_reasons[std::string(text::Trim(f->reason))];
    } else {
      ++p.included;
    }
  }
  p.final = p.screened == to_screen && p.assessed_full_text == reach_full_text && p.conflicts == 0 && p.awaiting == 0;
  return p;
}

}  // namespace carta::lit
