// The screening state: applied duplicate clusters, automatic exclusions,
// decisions and reviewers, in corpus indices.
#include <algorithm>

#include "carta/core/text.h"
#include "carta/lit/screening.h"

namespace carta::lit {

namespace {

// The applied clusters in corpus indices (deleted members dropped).
void RestoreClusters(const std::vector<store::StoredCluster>& stored, const Corpus& corpus, screen::DedupResult* d) {
  d->n_records = corpus.size();
  for (const auto& sc : stored) {
    screen::DuplicateCluster c;
    for (long id : sc.members) {
      auto i = corpus.IndexOf(RecordId{id});
      if (i.ok()) c.members.push_back(i->value);
    }
    if (c.members.size() < 2) continue;
    auto keep = corpus.IndexOf(RecordId{sc.keep});
    c.keep = keep.ok() ? keep->value : c.members.front();
    d->clusters.push_back(std::move(c));
  }
}

// The reviewers as set, else those who decided at title/abstract in order of first decision.
Status ResolveReviewers(store::Literature& lit, ScreenState* st) {
  auto set = lit.Reviewers(&st->resolver);
  if (!set.ok()) return set.status();
  st->reviewers = *set;
  if (!st->reviewers.empty()) return Status::Ok();
  for (const auto& d : st->log.all()) {
    if (d.stage != screen::Stage::kTitleAbstract) continue;
    if (std::find(st->reviewers.begin(), st->reviewers.end(), d.reviewer) == st->reviewers.end()) st->reviewers.push_back(d.reviewer);
  }
  if (st->reviewers.size() > 2) {
    return Status::InvalidArgument(std::to_string(st->reviewers.size()) + " people have screened (" +
                                   text::Join(st->reviewers, ", ") + "); say who screens independently and who " +
                                   "resolves")
        .WithField("reviewers");
  }
  return Status::Ok();
}

// The automatic exclusions of the stored criteria on the unique records.
Status ApplyCriteria(store::Literature& lit, const std::vector<uint32_t>& unique, ScreenState* st) {
  auto criteria = lit.Criteria();
  if (!criteria.ok()) return criteria.status();
  st->have_criteria = criteria->has_value();
  st->to_screen = unique;
  if (!st->have_criteria) return Status::Ok();
  auto index = LoadIndex(lit, &st->notes);
  if (!index.ok()) return index.status();
  auto c = ParseCriteria((*criteria)->text, (*criteria)->file, **index, st->corpus);
  if (!c.ok()) return c.status();
  auto automatic = screen::EvaluateCriteria(st->corpus.records(), unique, *c);
  if (!automatic.ok()) return automatic.status();
  st->automatic = std::move(*automatic);
  st->to_screen.clear();
  for (const auto& a : st->automatic) if (!a.excluded) st->to_screen.push_back(a.record);
  return Status::Ok();
}

}  // namespace

std::vector<uint32_t> ScreenState::FullTextRecords() const {
  std::vector<uint32_t> out;
  if (reviewers.empty()) return out;
  for (const auto& f : log.Final(screen::Stage::kTitleAbstract, to_screen, reviewers, resolver)) {
    const bool settled = f.state == screen::FinalState::kAgreed || f.state == screen::FinalState::kResolved;
    if (settled && f.verdict != screen::Verdict::kExclude) out.push_back(f.record);
  }
  return out;
}

std::string ScreenState::NotScreenedWhy(CorpusIndex i) const {
  for (const auto& c : dedup.clusters) {
    for (uint32_t m : c.members) {
      if (m == i.value && m != c.keep) {
        return "removed as a duplicate of record " + std::to_string(corpus.id(CorpusIndex{c.keep}).value);
      }
    }
  }
  for (const auto& d : automatic) {
    if (d.record == i.value && d.excluded) return "excluded by the criteria (" + d.rule + ")";
  }
  return "";
}

Result<ScreenState> LoadScreenState(store::Literature& lit) {
  ScreenState st;
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return corpus.status();
  st.corpus = std::move(*corpus);
  long dedup_generation = -1;
  auto clusters = lit.Clusters(&dedup_generation);
  if (!clusters.ok()) return clusters.status();
  auto generation = lit.Generation();
  if (!generation.ok()) return generation.status();
  st.dedup_applied = dedup_generation >= 0;
  st.dedup_stale = st.dedup_applied && dedup_generation != *generation;
  RestoreClusters(*clusters, st.corpus, &st.dedup);
  if (Status s = ApplyCriteria(lit, st.dedup.UniqueRecords(), &st); !s.ok()) return s;
  auto decisions = lit.Decisions();
  if (!decisions.ok()) return decisions.status();
  for (auto d : *decisions) {
    auto i = st.corpus.IndexOf(RecordId{static_cast<long>(d.record)});
    if (!i.ok()) continue;  // a record deleted since
    d.record = i->value;
    if (Status s = st.log.Add(d); !s.ok()) return s.WithContext("a stored decision");
  }
  if (Status s = ResolveReviewers(lit, &st); !s.ok()) return s;
  return st;
}

}  // namespace carta::lit
