// Screening use cases that write or list decisions: criteria, decisions,
// reviewers, conflicts.
#include <map>

#include "carta/core/text.h"
#include "carta/lit/screening.h"
#include "names.h"

namespace carta::lit {

namespace {

// "exclude (not CAR-T)": a decision's verdict and reason.
std::string VerdictText(const screen::Decision& d) {
  return std::string(screen::VerdictName(d.verdict)) + (d.reason.empty() ? "" : " (" + d.reason + ")");
}

}  // namespace

Status CheckReviewerName(std::string_view name, const char* field) {
  if (!text::IsValidUtf8(name)) {
    return Status::InvalidArgument("a reviewer's name is not valid UTF-8 (check the terminal's encoding)").WithField(field);
  }
  if (text::Trim(name).empty()) return Status::InvalidArgument("a reviewer's name is empty").WithField(field);
  return Status::Ok();
}

Result<CriteriaResult> SetCriteria(store::Literature& lit, const CriteriaRequest& request, std::string* failed_query) {
  CriteriaResult out;
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return corpus.status();
  auto index = LoadIndex(lit, &out.notes);
  if (!index.ok()) return index.status();
  auto c = ParseCriteria(request.text, request.file, **index, *corpus, failed_query);  // checked before it is stored
  if (!c.ok()) return c.status();
  if (Status s = lit.SaveCriteria(request.file, request.text); !s.ok()) return s;
  auto st = LoadScreenState(lit);
  if (!st.ok()) return st.status();
  out.evaluated = static_cast<long>(st->automatic.size());
  for (const auto& d : st->automatic) out.excluded += d.excluded;
  out.to_screen = static_cast<long>(st->to_screen.size());
  return out;
}

namespace {

// A removed duplicate's warning, from the stored clusters only (no corpus):
// "record 21 is not screened: removed as a duplicate of record 1".
Result<std::map<long, long>> RemovedDuplicates(store::Literature& lit) {
  long generation = -1;
  auto clusters = lit.Clusters(&generation);
  if (!clusters.ok()) return clusters.status();
  std::map<long, long> kept_for;
  for (const auto& c : *clusters) {
    for (long m : c.members) if (m != c.keep) kept_for[m] = c.keep;
  }
  return kept_for;
}

}  // namespace

Result<DecideResult> Decide(store::Literature& lit, const DecideRequest& request) {
  DecideResult out;
  if (Status s = CheckReviewerName(request.reviewer, "reviewer"); !s.ok()) return s;
  if (!text::IsValidUtf8(request.reason)) {
    return Status::InvalidArgument("the reason is not valid UTF-8").WithField("reason");
  }
  out.reviewer = std::string(text::Trim(request.reviewer));
  // Issue 18: a decision reads only what it needs (the decided records' rows
  // in the write transaction, the duplicate clusters for the warning), never
  // the corpus, so it stays a short write at any corpus size.
  std::vector<screen::Decision> decisions;
  screen::DecisionLog check;
  for (RecordId id : request.records) {
    // The store speaks in record ids.
    screen::Decision d{static_cast<uint32_t>(id.value), out.reviewer, request.stage, request.verdict,
                       std::string(text::Trim(request.reason)), store::NowUtcIso()};
    if (Status s = check.Add(d); !s.ok()) return s.WithContext("record " + std::to_string(id.value));
    decisions.push_back(d);
  }
  if (Status s = lit.AddDecisions(decisions); !s.ok()) return s;
  out.decided = static_cast<long>(decisions.size());
  auto removed = RemovedDuplicates(lit);
  if (!removed.ok()) return removed.status();
  for (RecordId id : request.records) {
    if (auto k = removed->find(id.value); k != removed->end()) {
      out.warnings.push_back("record " + std::to_string(id.value) + " is not screened: removed as a duplicate of record " +
                             std::to_string(k->second));
    }
  }
  return out;
}

Status SetReviewers(store::Literature& lit, const ReviewersRequest& request) {
  const auto& r = request.reviewers;
  if (r.size() == 2 && text::Trim(r[0]) == text::Trim(r[1])) {
    return Status::InvalidArgument("two different people screen independently ('" + r[0] + "' is named twice)")
        .WithField("reviewers");
  }
  if (!request.resolver.empty()) {
    if (Status s = CheckReviewerName(request.resolver, "resolver"); !s.ok()) return s;
  }
  for (const auto& name : r) {
    if (Status s = CheckReviewerName(name, "reviewers"); !s.ok()) return s;
    if (!request.resolver.empty() && text::Trim(name) == text::Trim(request.resolver)) {
      return Status::InvalidArgument("'" + request.resolver + "' is one of the reviewers; the resolver settles "
                                     "their conflicts and must be a third person").WithField("resolver");
    }
  }
  return lit.SetReviewers(request.reviewers, request.resolver);
}

Result<ConflictsResult> Conflicts(store::Literature& lit, screen::Stage stage) {
  auto st = LoadScreenState(lit);
  if (!st.ok()) return st.status();
  ConflictsResult out;
  out.reviewers = st->reviewers;
  out.resolver = st->resolver;
  if (st->reviewers.size() != 2) return out;
  std::map<uint32_t, screen::Decision> resolved;
  if (!st->resolver.empty()) {
    for (const auto& d : st->log.Current(stage)) if (d.reviewer == st->resolver) resolved[d.record] = d;
  }
  for (const auto& c : st->log.Conflicts(stage, st->reviewers[0], st->reviewers[1])) {
    const CorpusIndex i{c.record};
    ConflictsResult::Row row{st->corpus.id(i), st->corpus.record(i).title, VerdictText(c.first), VerdictText(c.second),
                             std::nullopt};
    if (auto r = resolved.find(c.record); r != resolved.end()) row.resolved = st->resolver + ": " + VerdictText(r->second);
    out.conflicts.push_back(std::move(row));
  }
  return out;
}

}  // namespace carta::lit
