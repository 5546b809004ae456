// De-duplication of bibliographic records exported from several databases
// (PubMed, CNKI, Wanfang, ...): which records are one article, which of them
// to keep, and why each pair was linked. Precision comes first: a wrong merge
// silently loses an article from the review, a missed one costs a reviewer a
// few seconds. A record's translated title is a second title key. The rules follow the practice of ASySD (Hair et al. 2023, BMC
// Biol) and revtools (Westgate 2019, Res Synth Methods): identifiers first,
// then exact normalised titles checked against year and first author, then
// near-identical titles; rules and thresholds are listed in doc/screen.md.
#ifndef CARTA_SCREEN_DEDUP_H_
#define CARTA_SCREEN_DEDUP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"

namespace carta::screen {

// Why two records were linked, strongest first.
enum class DuplicateReason {
  kSameDoi,
  kSamePmid,
  kSameCnkiId,
  kSameDatabaseId,  // the same accession number of one database (Embase, Scopus EID, WoS UT, Wanfang)
  kSameTitle,   // same normalised title, years within max_year_gap, same first-author surname (or one missing)
  kFuzzyTitle,  // title n-gram Jaccard >= fuzzy_threshold (trigrams; bigrams for CJK), same year and author conditions
  kUserMerge,   // a DedupOverride::kMerge
};

// "same DOI", "same PMID", "same CNKI id", "same database id", "same title",
// "similar title", "merged by user".
std::string_view DuplicateReasonName(DuplicateReason reason);

// A pair of records (indices into the record vector, a < b) found to be the
// same article, with the rule that linked them. `title_similarity` is the
// character n-gram Jaccard index of the normalised titles in [0, 1] (1 for identical
// titles, 0 where titles were not compared).
struct DuplicateLink {
  uint32_t a = 0;
  uint32_t b = 0;
  DuplicateReason reason = DuplicateReason::kSameDoi;
  double title_similarity = 0;
};

// A link that held for its pair but was not applied because it would have put
// conflicting records in one cluster ("cluster of 12 has DOI 10.1/x, cluster
// of 40 has DOI 10.1/y"), or because the user keeps the two apart.
struct RejectedLink {
  DuplicateLink link;
  std::string why;
};

// Records that are one article. `members` ascending; `keep` is the member to
// screen: the PubMed record if there is one, else the most complete record
// (most filled fields), ties to the lowest index. `links` are every link
// between two members, so a reviewer sees each pair's reason.
struct DuplicateCluster {
  std::vector<uint32_t> members;
  uint32_t keep = 0;
  std::vector<DuplicateLink> links;
};

struct DedupOptions {
  double fuzzy_threshold = 0.85;  // n-gram Jaccard of normalised titles, in (0, 1]
  int max_year_gap = 1;           // years; title links need both years known and |Δ| <= this
  int min_title_chars = 8;        // code points of the normalised title for a title link
  int min_fuzzy_title_chars = 20; // code points of both normalised titles for a fuzzy link
  int window = 10;                // sorted-neighbourhood window for fuzzy candidates (records)
};

struct DedupResult {
  size_t n_records = 0;
  // Clusters of two or more records, ordered by their lowest member.
  std::vector<DuplicateCluster> clusters;
  // Links refused because of conflicting identifiers, kinds or years, or
  // because of a kKeepApart override.
  std::vector<RejectedLink> rejected;
  // Every pair link found by the rules, in the order they were applied
  // (ApplyOverrides replays them).
  std::vector<DuplicateLink> candidates;

  // Records removed as duplicates: Σ (cluster size − 1).
  size_t DuplicatesRemoved() const;
  // The records to screen, ascending: every record that is in no cluster,
  // and the `keep` of each cluster.
  std::vector<uint32_t> UniqueRecords() const;
};

// Finds the duplicate clusters of `records` (index = record id). Clustering is
// transitive (union-find), but a link is applied only if the two clusters it
// joins have no conflicting DOI, PMID, CNKI id or id of one database, are the same kind of item
// (article, erratum/correction, reply/comment, retraction), and — for title
// links — span at most max_year_gap years together. Runs in O(n log n) plus
// O(n · window) title comparisons. Fails on options out of range.
Result<DedupResult> Deduplicate(const std::vector<biblio::Record>& records, const DedupOptions& options = {});

// A reviewer's correction of a de-duplication: records `a` and `b` are
// different articles (kKeepApart) or the same one (kMerge).
enum class OverrideKind { kKeepApart, kMerge };
struct DedupOverride {
  OverrideKind kind = OverrideKind::kKeepApart;
  uint32_t a = 0;
  uint32_t b = 0;
};

// The clusters with the reviewer's overrides applied on top of `result` (from
// Deduplicate on the same `records`): merges are applied first and without the
// conflict checks (the reviewer has looked); then result.candidates are
// replayed, refusing any that would join two records kept apart. Fails on a
// record index out of range, a pair with a == b, or a pair both merged and
// kept apart (directly or through other merges).
Result<DedupResult> ApplyOverrides(const std::vector<biblio::Record>& records, const DedupResult& result,
                                   const std::vector<DedupOverride>& overrides,
                                   const DedupOptions& options = {});

}  // namespace carta::screen

#endif  // CARTA_SCREEN_DEDUP_H_
