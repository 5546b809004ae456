#include "carta/lit/dedup.h"

#include "carta/screen/dedup.h"

namespace carta::lit {

namespace {

std::vector<store::StoredOverride> RequestedOverrides(const DedupRequest& request) {
  std::vector<store::StoredOverride> out;
  for (const auto& p : request.keep_apart) out.push_back({screen::OverrideKind::kKeepApart, p.a.value, p.b.value, ""});
  for (const auto& p : request.merge) out.push_back({screen::OverrideKind::kMerge, p.a.value, p.b.value, ""});
  return out;
}

// Deduplicates with the stored overrides and the `added` ones, in record ids.
Result<screen::DedupResult> FindClusters(store::Literature& lit, const Corpus& c,
                                         const std::vector<store::StoredOverride>& added) {
  auto result = screen::Deduplicate(c.records());
  if (!result.ok()) return result.status();
  auto stored = lit.Overrides();
  if (!stored.ok()) return stored.status();
  stored->insert(stored->end(), added.begin(), added.end());
  std::vector<screen::DedupOverride> overrides;
  for (const auto& o : *stored) {
    auto a = c.IndexOf(RecordId{o.a}), b = c.IndexOf(RecordId{o.b});
    if (a.ok() && b.ok()) overrides.push_back({o.kind, a->value, b->value});
  }
  if (overrides.empty()) return result;
  result = screen::ApplyOverrides(c.records(), *result, overrides);
  if (!result.ok()) return result.status().WithContext("your overrides contradict each other");
  return result;
}

DedupResult::Cluster ToCluster(const screen::DuplicateCluster& dc, long number, const Corpus& c) {
  DedupResult::Cluster out;
  out.cluster = number;
  out.keep = c.id(CorpusIndex{dc.keep});
  for (uint32_t m : dc.members) {
    const CorpusIndex i{m};
    out.members.push_back({Brief(c.id(i), c.record(i)), m == dc.keep});
  }
  for (const auto& l : dc.links) {
    out.links.push_back({c.id(CorpusIndex{l.a}), c.id(CorpusIndex{l.b}), std::string(screen::DuplicateReasonName(l.reason)),
                         l.title_similarity});
  }
  return out;
}

store::StoredCluster ToStored(const DedupResult::Cluster& cl) {
  store::StoredCluster sc;
  sc.cluster = cl.cluster;
  sc.keep = cl.keep.value;
  for (const auto& m : cl.members) sc.members.push_back(m.record.id.value);
  for (const auto& l : cl.links) sc.links.push_back({l.a.value, l.b.value, l.reason, l.title_similarity});
  return sc;
}

}  // namespace

Status CheckOverrides(const DedupRequest& request) {
  std::vector<std::pair<screen::OverrideKind, RecordPair>> seen;
  for (const auto& [pairs, kind] : {std::pair{&request.keep_apart, screen::OverrideKind::kKeepApart},
                                    std::pair{&request.merge, screen::OverrideKind::kMerge}}) {
    const char* field = kind == screen::OverrideKind::kMerge ? "merge" : "keep_apart";
    for (const RecordPair& p : *pairs) {
      if (p.a == p.b) {
        return Status::InvalidArgument(std::to_string(p.a.value) + " twice; give two different records").WithField(field);
      }
      // The same pair both merged and kept apart: said with the user's ids (the screen module speaks in indices).
      for (const auto& [k, q] : seen) {
        if (k != kind && ((q.a == p.a && q.b == p.b) || (q.a == p.b && q.b == p.a))) {
          return Status::InvalidArgument("records " + std::to_string(p.a.value) + " and " + std::to_string(p.b.value) +
                                         " cannot be both merged and kept apart");
        }
      }
      seen.push_back({kind, p});
    }
  }
  return Status::Ok();
}

Result<DedupResult> Deduplicate(store::Literature& lit, const DedupRequest& request) {
  if (Status s = CheckOverrides(request); !s.ok()) return s;
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return corpus.status();
  const std::vector<store::StoredOverride> added = RequestedOverrides(request);
  for (const auto& o : added) {
    for (long id : {o.a, o.b}) if (auto i = corpus->IndexOf(RecordId{id}); !i.ok()) return i.status();
  }
  auto found = FindClusters(lit, *corpus, added);
  if (!found.ok()) return found.status();
  for (const auto& o : added) {  // stored only once they agree with the earlier ones
    if (Status s = lit.AddOverride(o.kind, o.a, o.b); !s.ok()) return s;
  }
  DedupResult out;
  out.records = static_cast<long>(corpus->size());
  for (const auto& dc : found->clusters) {
    out.clusters.push_back(ToCluster(dc, static_cast<long>(out.clusters.size()) + 1, *corpus));
    out.duplicates += static_cast<long>(dc.members.size()) - 1;
  }
  for (const auto& r : found->rejected) {
    out.rejected.push_back({corpus->id(CorpusIndex{r.link.a}), corpus->id(CorpusIndex{r.link.b}),
                            std::string(screen::DuplicateReasonName(r.link.reason)), r.why});
  }
  if (!request.apply) return out;
  std::vector<store::StoredCluster> stored;
  for (const auto& cl : out.clusters) stored.push_back(ToStored(cl));
  if (Status s = lit.SaveClusters(stored); !s.ok()) return s;
  out.applied = true;
  return out;
}

}  // namespace carta::lit
