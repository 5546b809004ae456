// De-duplication of the project's records (carta::lit): clusters of records
// that are one article, the reviewer's stored overrides, and applying them
// (the duplicates marked removed, counted by PRISMA).
#ifndef CARTA_LIT_DEDUP_H_
#define CARTA_LIT_DEDUP_H_

#include <string>
#include <vector>

#include "carta/lit/corpus.h"
#include "carta/store/literature.h"

namespace carta::lit {

struct RecordPair {
  RecordId a, b;
};

struct DedupRequest {
  std::vector<RecordPair> keep_apart;  // to store: these two records are different articles
  std::vector<RecordPair> merge;       // to store: these two records are the same article
  bool apply = false;                  // mark the duplicates removed (replaces the previous apply)
};

struct DedupResult {
  struct Member {
    RecordBrief record;
    bool keep = false;  // the cluster's kept record
  };
  struct Link {
    RecordId a, b;
    std::string reason;      // screen::DuplicateReasonName
    double title_similarity = 0;  // 0..1
  };
  struct Cluster {
    long cluster = 0;  // 1, 2, ...
    RecordId keep;
    std::vector<Member> members;
    std::vector<Link> links;
  };
  // A candidate link the clustering refused (it would join records kept apart).
  struct Rejected {
    RecordId a, b;
    std::string reason, why;
  };
  std::vector<Cluster> clusters;
  std::vector<Rejected> rejected;
  long records = 0;     // records considered (not deleted)
  long duplicates = 0;  // members that are not the kept one
  bool applied = false;
};

// Checks the overrides of a request on their own: a pair naming one record
// twice (field "keep_apart" or "merge"), or the same pair both merged and kept
// apart, is InvalidArgument.
Status CheckOverrides(const DedupRequest& request);

// Finds the clusters with the stored overrides and the request's, stores the
// request's overrides once they agree with the earlier ones (NotFound for an
// unknown or deleted record; InvalidArgument when the overrides contradict
// each other), and with `apply` saves the clusters.
Result<DedupResult> Deduplicate(store::Literature& lit, const DedupRequest& request);

}  // namespace carta::lit

#endif  // CARTA_LIT_DEDUP_H_
