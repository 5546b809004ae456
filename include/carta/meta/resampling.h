// Sensitivity analyses that refit the model many times: GOSH plots over
// subsets of studies (Olkin, Dahabreh & Trikalinos 2012) and permutation
// tests (Follmann & Proschan 1999), as metafor's gosh() and permutest().
#ifndef CARTA_META_RESAMPLING_H_
#define CARTA_META_RESAMPLING_H_

#include <cstdint>
#include <vector>

#include "carta/core/progress.h"
#include "carta/meta/rma.h"

namespace carta::meta {

struct GoshOptions {
  FitOptions fit;
  int threads = 0;                 // 0: one per core
  uint64_t max_subsets = 1048575;  // all 2^k - 1 subsets when there are no more than this, else a random sample
  uint64_t seed = 20261125;        // for the random sample
};

// One row per subset: the studies in it (bit i = study i) and the model's
// results. With DL, H² is Q/(k-1) as metafor's gosh() reports it.
struct GoshResult {
  int k = 0;
  bool exact = true;  // every subset, not a sample
  std::vector<uint64_t> mask;
  std::vector<double> estimate, tau2, I2, H2, Q;
  uint64_t failed = 0;  // subsets whose estimator did not converge (their rows hold NaN)
};

// Fails on k < 2, non-positive variances, or sizes that differ; with
// Cancelled when `progress` says so (polled every few thousand subsets).
Result<GoshResult> Gosh(const std::vector<double>& yi, const std::vector<double>& vi, const GoshOptions& o,
                        Progress* progress = nullptr);

struct PermutationOptions {
  FitOptions fit;
  uint64_t iterations = 1000;  // random permutations; exact when the exact count is no larger
  bool exact = false;          // force the exact test (refused past 2^24 or 10! permutations)
  uint64_t seed = 20261125;
  int threads = 0;             // 0: ThreadsFor's default; the result does not depend on it
};

struct PermutationTest {
  bool exact = false;
  uint64_t iterations = 0;
  std::vector<double> pval;  // per coefficient: share of |z| (or |t|) at least the observed
  double QM_pval = 0;        // share of QM at least the observed
};

// Intercept-only models flip the signs of the effects; with moderators the
// rows of the design are permuted. `x` as in Fit(). Fails on k < 2,
// non-positive variances, fewer than 2 iterations or an exact test too large;
// with Cancelled when `progress` says so (it also sees the permutations done).
Result<PermutationTest> Permute(const std::vector<double>& yi, const std::vector<double>& vi,
                                const PermutationOptions& o, const std::vector<double>& x = {},
                                Progress* progress = nullptr);

}  // namespace carta::meta

#endif  // CARTA_META_RESAMPLING_H_
