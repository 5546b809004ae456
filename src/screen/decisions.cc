// The decision log: latest decision per (record, reviewer, stage), conflicts
// between two reviewers, and the final status with a third reviewer resolving
// disagreements (Cochrane Handbook version 6, chapter 4).
#include "carta/screen/decisions.h"

#include "carta/core/text.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <tuple>

namespace carta::screen {

std::string_view StageName(Stage stage) {
  return stage == Stage::kTitleAbstract ? "title_abstract" : "full_text";
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kInclude: return "include";
    case Verdict::kExclude: return "exclude";
    case Verdict::kMaybe: break;
  }
  return "maybe";
}

std::string_view FinalStateName(FinalState state) {
  switch (state) {
    case FinalState::kAgreed: return "agreed";
    case FinalState::kResolved: return "resolved";
    case FinalState::kConflict: return "conflict";
    case FinalState::kPending: break;
  }
  return "pending";
}

namespace {

bool Digits(std::string_view s, size_t from, size_t n) {
  if (from + n > s.size()) return false;
  return std::all_of(s.begin() + from, s.begin() + from + n, [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY-MM-DDTHH:MM:SS" then optional ".digits", then "Z".
bool IsIsoUtc(std::string_view t) {
  if (t.size() < 20 || !Digits(t, 0, 4) || t[4] != '-' || !Digits(t, 5, 2) || t[7] != '-' || !Digits(t, 8, 2) ||
      t[10] != 'T' || !Digits(t, 11, 2) || t[13] != ':' || !Digits(t, 14, 2) || t[16] != ':' || !Digits(t, 17, 2)) {
    return false;
  }
  size_t i = 19;
  if (t[i] == '.') {
    ++i;
    const size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == start) return false;
  }
  return i + 1 == t.size() && t[i] == 'Z';
}

// A key that orders ISO UTC times correctly whatever the number of fraction digits.
std::string TimeKey(const std::string& t) {
  std::string key = t.substr(0, 19);
  std::string fraction = t.size() > 20 ? t.substr(20, t.size() - 21) : "";
  fraction.resize(12, '0');
  return key + fraction;
}

}  // namespace

Status DecisionLog::Add(Decision d) {
  if (d.reviewer.empty()) return Status::InvalidArgument("decision on record " + std::to_string(d.record) + " has no reviewer");
  if (!IsIsoUtc(d.time_utc)) {
    return Status::InvalidArgument("decision time '" + d.time_utc +
                                   "' is not ISO 8601 UTC (expected YYYY-MM-DDTHH:MM:SSZ)");
  }
  if (d.stage == Stage::kFullText && d.verdict == Verdict::kExclude && d.reason.empty()) {
    return Status::InvalidArgument("full-text exclusion of record " + std::to_string(d.record) + " by " + d.reviewer +
                                   " needs a reason (PRISMA 2020 reports reasons for excluded reports)");
  }
  log_.push_back(std::move(d));
  return Status::Ok();
}

std::vector<Decision> DecisionLog::Current(Stage stage) const {
  // (record, reviewer) -> index in log_ of the latest decision.
  std::map<std::pair<uint32_t, std::string>, size_t> latest;
  for (size_t i = 0; i < log_.size(); ++i) {
    const Decision& d = log_[i];
    if (d.stage != stage) continue;
    auto [it, inserted] = latest.try_emplace({d.record, d.reviewer}, i);
    if (!inserted && TimeKey(log_[it->second].time_utc) <= TimeKey(d.time_utc)) it->second = i;
  }
  std::vector<Decision> current;
  current.reserve(latest.size());
  for (const auto& [key, i] : latest) current.push_back(log_[i]);
  return current;
}

namespace {

// The current decisions of `stage` by record, for the named reviewers only.
std::map<uint32_t, std::map<std::string, Decision>> ByRecord(const std::vector<Decision>& current,
                                                             const std::vector<std::string>& reviewers) {
  std::map<uint32_t, std::map<std::string, Decision>> by_record;
  for (const Decision& d : current) {
    if (std::find(reviewers.begin(), reviewers.end(), d.reviewer) != reviewers.end()) {
      by_record[d.record][d.reviewer] = d;
    }
  }
  return by_record;
}

// Two decisions disagree when their verdicts differ, or when both exclude a
// report at full text for different reasons: PRISMA 2020 counts the reports
// excluded per reason, so the reason must be agreed too.
bool Disagree(const Decision& a, const Decision& b) {
  if (a.verdict != b.verdict) return true;
  return a.stage == Stage::kFullText && a.verdict == Verdict::kExclude && text::FoldForMatch(text::Trim(a.reason)) !=
                                                                              text::FoldForMatch(text::Trim(b.reason));
}

}  // namespace

std::vector<Conflict> DecisionLog::Conflicts(Stage stage, const std::string& first, const std::string& second) const {
  std::vector<Conflict> conflicts;
  for (const auto& [record, by_reviewer] : ByRecord(Current(stage), {first, second})) {
    auto a = by_reviewer.find(first), b = by_reviewer.find(second);
    if (a == by_reviewer.end() || b == by_reviewer.end()) continue;
    if (Disagree(a->second, b->second)) conflicts.push_back({record, a->second, b->second});
  }
  return conflicts;
}

std::vector<FinalStatus> DecisionLog::Final(Stage stage, const std::vector<uint32_t>& ids,
                                            const std::vector<std::string>& reviewers,
                                            const std::string& resolver) const {
  assert((reviewers.size() == 1 || reviewers.size() == 2) && "one reviewer or two independent reviewers");
  std::vector<std::string> named = reviewers;
  if (!resolver.empty()) named.push_back(resolver);
  const auto by_record = ByRecord(Current(stage), named);
  std::vector<FinalStatus> out;
  out.reserve(ids.size());
  for (uint32_t id : ids) {
    FinalStatus status{id, FinalState::kPending, Verdict::kMaybe, ""};
    auto it = by_record.find(id);
    if (it == by_record.end()) {
      out.push_back(status);
      continue;
    }
    const auto& got = it->second;
    std::vector<const Decision*> votes;
    for (const std::string& r : reviewers) {
      if (auto d = got.find(r); d != got.end()) votes.push_back(&d->second);
    }
    const bool agree = votes.size() == reviewers.size() &&
                       std::all_of(votes.begin(), votes.end(),
                                   [&](const Decision* d) { return !Disagree(*d, *votes[0]); });
    const auto resolved = resolver.empty() ? got.end() : got.find(resolver);
    if (agree) {
      status = {id, FinalState::kAgreed, votes[0]->verdict, votes[0]->reason};
    } else if (votes.size() == reviewers.size()) {
      status.state = FinalState::kConflict;
      if (resolved != got.end()) status = {id, FinalState::kResolved, resolved->second.verdict, resolved->second.reason};
    }
    out.push_back(status);
  }
  return out;
}

}  // namespace carta::screen
