// Clustering of duplicate links: union-find (Tarjan 1975) whose roots carry
// the identifiers, kind and years of their cluster, so a link that would join
// conflicting records is refused however long the chain that leads to it.
#include "carta/screen/dedup.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "dedup_internal.h"

namespace carta::screen {

using internal::ItemKind;

std::string_view DuplicateReasonName(DuplicateReason reason) {
  switch (reason) {
    case DuplicateReason::kSameDoi: return "same DOI";
    case DuplicateReason::kSamePmid: return "same PMID";
    case DuplicateReason::kSameCnkiId: return "same CNKI id";
    case DuplicateReason::kSameDatabaseId: return "same database id";
    case DuplicateReason::kSameTitle: return "same title";
    case DuplicateReason::kFuzzyTitle: return "similar title";
    case DuplicateReason::kUserMerge: return "merged by user";
  }
  return "same DOI";
}

size_t DedupResult::DuplicatesRemoved() const {
  size_t removed = 0;
  for (const DuplicateCluster& c : clusters) removed += c.members.size() - 1;
  return removed;
}

std::vector<uint32_t> DedupResult::UniqueRecords() const {
  std::vector<char> drop(n_records, 0);
  for (const DuplicateCluster& c : clusters) {
    for (uint32_t m : c.members) drop[m] = m != c.keep;
  }
  std::vector<uint32_t> unique;
  for (uint32_t i = 0; i < n_records; ++i) {
    if (!drop[i]) unique.push_back(i);
  }
  return unique;
}

namespace {

// Union-find over records; each root holds what its cluster must keep consistent.
class Clusters {
 public:
  Clusters(const std::vector<biblio::Record>& records, const std::vector<internal::RecordKeys>& keys)
      : parent_(records.size()), size_(records.size(), 1), info_(records.size()) {
    std::iota(parent_.begin(), parent_.end(), 0u);
    for (size_t i = 0; i < records.size(); ++i) {
      info_[i] = {records[i].doi, records[i].pmid, records[i].cnki_id, {}, keys[i].kind, keys[i].year, keys[i].year};
      for (const biblio::DatabaseId& id : records[i].database_ids) info_[i].ids.emplace_back(id.kind, id.value);
    }
  }

  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }

  // Why the clusters of `ra` and `rb` (roots) cannot join through a link of
  // `reason`, or "" when they can.
  std::string Conflict(uint32_t ra, uint32_t rb, DuplicateReason reason, int max_year_gap) const {
    const Info& x = info_[ra];
    const Info& y = info_[rb];
    if (std::string why = IdConflict("DOI", x.doi, y.doi); !why.empty()) return why;
    if (std::string why = IdConflict("PMID", x.pmid, y.pmid); !why.empty()) return why;
    if (std::string why = IdConflict("CNKI id", x.cnki, y.cnki); !why.empty()) return why;
    for (const auto& [kind, value] : x.ids) {
      const std::string what = std::string(kind) + " id";
      if (std::string why = IdConflict(what.c_str(), value, IdOf(y, kind)); !why.empty()) return why;
    }
    if (x.kind != y.kind) {
      return std::string("one is an ") + internal::ItemKindName(x.kind) + ", the other a " +
             internal::ItemKindName(y.kind);
    }
    const bool title_link = reason == DuplicateReason::kSameTitle || reason == DuplicateReason::kFuzzyTitle;
    if (title_link && x.year_min != 0 && y.year_min != 0) {
      const int span = std::max(x.year_max, y.year_max) - std::min(x.year_min, y.year_min);
      if (span > max_year_gap) return "years would span " + std::to_string(span) + " years";
    }
    return "";
  }

  void Union(uint32_t ra, uint32_t rb) {
    if (size_[ra] < size_[rb]) std::swap(ra, rb);
    parent_[rb] = ra;
    size_[ra] += size_[rb];
    Info& x = info_[ra];
    const Info& y = info_[rb];
    if (x.doi.empty()) x.doi = y.doi;
    if (x.pmid.empty()) x.pmid = y.pmid;
    if (x.cnki.empty()) x.cnki = y.cnki;
    for (const auto& id : y.ids) {
      if (IdOf(x, id.first).empty()) x.ids.push_back(id);
    }
    if (y.year_min != 0) {
      x.year_min = x.year_min == 0 ? y.year_min : std::min(x.year_min, y.year_min);
      x.year_max = std::max(x.year_max, y.year_max);
    }
  }

 private:
  struct Info {
    std::string_view doi, pmid, cnki;
    std::vector<std::pair<std::string_view, std::string_view>> ids;  // database ids: kind, value
    ItemKind kind = ItemKind::kArticle;
    int year_min = 0, year_max = 0;  // 0 = no known year in the cluster
  };

  static std::string_view IdOf(const Info& info, std::string_view kind) {
    for (const auto& [k, v] : info.ids) {
      if (k == kind) return v;
    }
    return "";
  }

  static std::string IdConflict(const char* what, std::string_view x, std::string_view y) {
    if (x.empty() || y.empty() || x == y) return "";
    return std::string("different ") + what + "s " + std::string(x) + " and " + std::string(y);
  }

  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
  std::vector<Info> info_;
};

// Every record is one of the two ends of a kept-apart pair at most a few
// times, so a linear scan over the pairs is cheap.
bool KeptApart(Clusters& clusters, uint32_t ra, uint32_t rb, const std::vector<DedupOverride>& apart) {
  for (const DedupOverride& o : apart) {
    const uint32_t x = clusters.Find(o.a), y = clusters.Find(o.b);
    if ((x == ra && y == rb) || (x == rb && y == ra)) return true;
  }
  return false;
}

uint32_t Completeness(const biblio::Record& r) {
  const bool filled[] = {!r.pmid.empty(), !r.doi.empty(), !r.cnki_id.empty(), !r.database_ids.empty(),
                         !r.issns.empty(), !r.title.empty(),
                         !r.abstract.empty(), !r.authors.empty(), !r.journal.empty(), !r.volume.empty(),
                         !r.issue.empty(), !r.pages.empty(), r.year != 0, !r.language.empty(),
                         !r.keywords.empty(), !r.mesh.empty(), !r.publication_types.empty()};
  return static_cast<uint32_t>(std::count(std::begin(filled), std::end(filled), true));
}

// The member to screen: PubMed first, then the most complete, then the first
// source in vocabulary order, then the first origin ("file:line"): never the
// import order, so that importing the same files in another order keeps the
// same records.
uint32_t ChooseKeep(const std::vector<biblio::Record>& records, const std::vector<uint32_t>& members) {
  auto better = [&](uint32_t a, uint32_t b) {
    const biblio::Record &ra = records[a], &rb = records[b];
    const auto rank = [](const biblio::Record& r) {
      return std::make_pair(r.source == biblio::Source::kPubMed, Completeness(r));
    };
    if (rank(ra) != rank(rb)) return rank(ra) > rank(rb);
    if (ra.source != rb.source) return ra.source < rb.source;
    if (ra.origin != rb.origin) return ra.origin < rb.origin;
    return a < b;
  };
  uint32_t best = members.front();
  for (uint32_t m : members) {
    if (better(m, best)) best = m;
  }
  return best;
}

void CollectClusters(const std::vector<biblio::Record>& records, Clusters& clusters,
                     const std::vector<DuplicateLink>& applied, DedupResult* result) {
  const uint32_t n = static_cast<uint32_t>(records.size());
  std::vector<int> slot(n, -1);
  std::vector<std::vector<uint32_t>> groups;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t root = clusters.Find(i);
    if (slot[root] < 0) {
      slot[root] = static_cast<int>(groups.size());
      groups.emplace_back();
    }
    groups[slot[root]].push_back(i);
  }
  std::vector<int> cluster_of_group(groups.size(), -1);
  for (size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].size() < 2) continue;
    cluster_of_group[g] = static_cast<int>(result->clusters.size());
    result->clusters.push_back({groups[g], ChooseKeep(records, groups[g]), {}});
  }
  for (const DuplicateLink& l : applied) {
    const uint32_t root = clusters.Find(l.a);
    if (root == clusters.Find(l.b)) result->clusters[cluster_of_group[slot[root]]].links.push_back(l);
  }
}

Status CheckOptions(const DedupOptions& o) {
  if (!(o.fuzzy_threshold > 0 && o.fuzzy_threshold <= 1)) {
    return Status::InvalidArgument("fuzzy_threshold " + std::to_string(o.fuzzy_threshold) + " is outside (0, 1]");
  }
  if (o.max_year_gap < 0 || o.min_title_chars < 1 || o.min_fuzzy_title_chars < 3 || o.window < 1) {
    return Status::InvalidArgument(
        "max_year_gap must be >= 0, min_title_chars >= 1, min_fuzzy_title_chars >= 3, window >= 1");
  }
  return Status::Ok();
}

// Applies the merges, then replays `candidates` under the kept-apart pairs.
Result<DedupResult> Cluster(const std::vector<biblio::Record>& records, const std::vector<internal::RecordKeys>& keys,
                            std::vector<DuplicateLink> candidates, const std::vector<DedupOverride>& overrides,
                            const DedupOptions& options) {
  Clusters clusters(records, keys);
  std::vector<DedupOverride> apart;
  std::vector<DuplicateLink> applied;
  for (const DedupOverride& o : overrides) {
    if (o.a >= records.size() || o.b >= records.size() || o.a == o.b) {
      return Status::InvalidArgument("override pair (" + std::to_string(o.a) + ", " + std::to_string(o.b) +
                                     ") is not two distinct records below " + std::to_string(records.size()));
    }
    if (o.kind == OverrideKind::kKeepApart) {
      apart.push_back(o);
      continue;
    }
    const uint32_t ra = clusters.Find(o.a), rb = clusters.Find(o.b);
    if (ra != rb) clusters.Union(ra, rb);
    applied.push_back({std::min(o.a, o.b), std::max(o.a, o.b), DuplicateReason::kUserMerge, 0});
  }
  for (const DedupOverride& o : apart) {
    if (clusters.Find(o.a) == clusters.Find(o.b)) {
      return Status::InvalidArgument("records " + std::to_string(o.a) + " and " + std::to_string(o.b) +
                                     " are both merged and kept apart by the overrides");
    }
  }
  DedupResult result;
  result.n_records = records.size();
  for (const DuplicateLink& l : candidates) {
    const uint32_t ra = clusters.Find(l.a), rb = clusters.Find(l.b);
    if (ra == rb) {
      applied.push_back(l);
      continue;
    }
    std::string why = clusters.Conflict(ra, rb, l.reason, options.max_year_gap);
    if (why.empty() && KeptApart(clusters, ra, rb, apart)) why = "kept apart by the user";
    if (!why.empty()) {
      result.rejected.push_back({l, std::move(why)});
      continue;
    }
    clusters.Union(ra, rb);
    applied.push_back(l);
  }
  CollectClusters(records, clusters, applied, &result);
  result.candidates = std::move(candidates);
  return result;
}

}  // namespace

Result<DedupResult> Deduplicate(const std::vector<biblio::Record>& records, const DedupOptions& options) {
  if (Status s = CheckOptions(options); !s.ok()) return s;
  const std::vector<internal::RecordKeys> keys = internal::ComputeKeys(records);
  return Cluster(records, keys, internal::FindLinks(records, keys, options), {}, options);
}

Result<DedupResult> ApplyOverrides(const std::vector<biblio::Record>& records, const DedupResult& result,
                                   const std::vector<DedupOverride>& overrides, const DedupOptions& options) {
  if (Status s = CheckOptions(options); !s.ok()) return s;
  if (result.n_records != records.size()) {
    return Status::InvalidArgument("the de-duplication result is for " + std::to_string(result.n_records) +
                                   " records, not " + std::to_string(records.size()));
  }
  return Cluster(records, internal::ComputeKeys(records), result.candidates, overrides, options);
}

}  // namespace carta::screen
