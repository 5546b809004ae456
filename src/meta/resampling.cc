#include "carta/core/threads.h"
#include "carta/meta/resampling.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <thread>

#include "carta/meta/fast.h"

namespace carta::meta {

namespace {

// Runs body(i) for i in [0, n) on `threads` threads, reporting progress from
// the calling thread. Stops between chunks once `progress` is cancelled and
// then returns Status::Cancelled.
template <typename Body>
Status ParallelFor(uint64_t n, int threads, Progress* progress, Body body) {
  threads = ThreadsFor(threads);
  threads = static_cast<int>(std::min<uint64_t>(threads, std::max<uint64_t>(1, n / 1024 + 1)));
  std::atomic<uint64_t> next{0}, done{0};
  std::atomic<bool> cancelled{false};
  constexpr uint64_t kChunk = 4096;
  auto worker = [&]() {
    for (;;) {
      if (IsCancelled(progress)) {
        cancelled.store(true);
        return;
      }
      uint64_t start = next.fetch_add(kChunk);
      if (start >= n) return;
      uint64_t end = std::min(n, start + kChunk);
      for (uint64_t i = start; i < end; ++i) body(i);
      done.fetch_add(end - start);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  if (progress) {
    std::thread main_worker(worker);
    while (done.load() < n && !cancelled.load()) {
      progress->Update(done.load(), n);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    main_worker.join();
    if (!cancelled.load()) progress->Update(n, n);
    progress->Finish();
  } else {
    worker();
  }
  for (auto& t : pool) t.join();
  if (cancelled.load()) return Status::Cancelled("stopped after " + std::to_string(done.load()) + " of " + std::to_string(n));
  return Status::Ok();
}

Status CheckData(const std::vector<double>& yi, const std::vector<double>& vi) {
  if (yi.size() != vi.size()) return Status::InvalidArgument("yi and vi have different lengths");
  if (yi.size() < 2) return Status::InvalidArgument("needs at least 2 studies");
  for (size_t i = 0; i < yi.size(); ++i) {
    if (!std::isfinite(yi[i]) || !(vi[i] > 0) || !std::isfinite(vi[i])) {
      return Status::InvalidArgument("study " + std::to_string(i + 1) + ": needs a finite effect and a positive variance");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<GoshResult> Gosh(const std::vector<double>& yi, const std::vector<double>& vi, const GoshOptions& o,
                        Progress* progress) {
  if (Status s = CheckData(yi, vi); !s.ok()) return s;
  GoshResult g;
  g.k = static_cast<int>(yi.size());
  if (g.k > 63) return Status::InvalidArgument("GOSH takes at most 63 studies");
  const uint64_t all = (g.k == 63) ? ~uint64_t{0} >> 1 : (uint64_t{1} << g.k) - 1;
  g.exact = all <= o.max_subsets;
  if (g.exact) {
    g.mask.resize(all);
    std::iota(g.mask.begin(), g.mask.end(), uint64_t{1});
  } else {
    // Random subsets: each study in or out with probability 1/2, empty sets redrawn.
    std::mt19937_64 rng(o.seed);
    g.mask.reserve(o.max_subsets);
    const uint64_t full = g.k == 64 ? ~uint64_t{0} : (uint64_t{1} << g.k) - 1;
    while (g.mask.size() < o.max_subsets) {
      uint64_t m = rng() & full;
      if (m != 0) g.mask.push_back(m);
    }
  }
  const uint64_t n = g.mask.size();
  g.estimate.assign(n, NAN);
  g.tau2.assign(n, NAN);
  g.I2.assign(n, NAN);
  g.H2.assign(n, NAN);
  g.Q.assign(n, NAN);
  std::atomic<uint64_t> failed{0};
  Status run = ParallelFor(n, o.threads, progress, [&](uint64_t i) {
    double y[64], v[64];
    int k = 0;
    for (uint64_t m = g.mask[i], j = 0; m; m >>= 1, ++j) {
      if (m & 1) {
        y[k] = yi[j];
        v[k] = vi[j];
        ++k;
      }
    }
    FastResult r = FastFit(y, v, k, o.fit);
    if (!r.ok) {
      failed.fetch_add(1);
      return;
    }
    g.estimate[i] = r.estimate;
    g.tau2[i] = r.tau2;
    g.I2[i] = r.I2;
    // metafor's gosh() reports H² = Q/(k-1) for DL (its closed-form path) even
    // when τ² is truncated at 0; rma() would say 1. carta follows gosh().
    g.H2[i] = o.fit.method == Method::kDL && k > 1 ? r.Q / (k - 1) : r.H2;
    g.Q[i] = r.Q;
  });
  if (!run.ok()) return run.WithContext("GOSH");
  g.failed = failed.load();
  return g;
}

namespace {

constexpr double kCompTol = 1.4901161193847656e-08;  // sqrt(machine epsilon), metafor's comptol

Result<PermutationTest> PermuteSigns(const std::vector<double>& yi, const std::vector<double>& vi,
                                     const PermutationOptions& o, Progress* progress) {
  const int k = static_cast<int>(yi.size());
  PermutationTest t;
  const uint64_t exact_count = k < 63 ? uint64_t{1} << k : UINT64_MAX;
  t.exact = o.exact || exact_count <= o.iterations;
  if (t.exact && k > 24) return Status::InvalidArgument("an exact sign-flip test of " + std::to_string(k) + " studies is too large");
  t.iterations = t.exact ? exact_count : o.iterations;
  const FastResult obs = FastFit(yi.data(), vi.data(), k, o.fit);
  std::mt19937_64 rng(o.seed);
  std::vector<uint64_t> masks(t.iterations);
  for (uint64_t i = 0; i < t.iterations; ++i) masks[i] = t.exact ? i : rng();
  if (!t.exact) masks[0] = 0;  // the observed data count as one permutation (metafor)
  std::atomic<uint64_t> at_least{0}, valid{0};
  Status run = ParallelFor(t.iterations, o.threads, progress, [&](uint64_t i) {
    std::vector<double> y(yi);
    for (int j = 0; j < k; ++j) {
      if ((masks[i] >> j) & 1) y[j] = -y[j];
    }
    FastResult r = FastFit(y.data(), vi.data(), k, o.fit);
    if (!r.ok) return;
    valid.fetch_add(1);
    if (std::fabs(r.zval) >= std::fabs(obs.zval) - kCompTol) at_least.fetch_add(1);
  });
  if (!run.ok()) return run.WithContext("permutation test");
  const double p = static_cast<double>(at_least.load()) / static_cast<double>(valid.load());
  t.pval = {std::min(1.0, p)};
  t.QM_pval = t.pval[0];  // QM = z² for a single coefficient
  return t;
}

Result<PermutationTest> PermuteRows(const std::vector<double>& yi, const std::vector<double>& vi,
                                    const PermutationOptions& o, const std::vector<double>& x, Progress* progress) {
  const size_t k = yi.size(), p = x.size() / k;
  auto observed = Fit(yi, vi, Refit(o.fit), x);
  if (!observed.ok()) return observed.status();
  PermutationTest t;
  double exact_count = std::tgamma(static_cast<double>(k) + 1);
  t.exact = o.exact || exact_count <= static_cast<double>(o.iterations);
  if (t.exact && k > 10) return Status::InvalidArgument("an exact permutation test of " + std::to_string(k) + " studies is too large");
  std::vector<size_t> perm(k);
  std::iota(perm.begin(), perm.end(), 0);
  std::vector<std::vector<size_t>> perms;
  if (t.exact) {
    do perms.push_back(perm);
    while (std::next_permutation(perm.begin(), perm.end()));
  } else {
    std::mt19937_64 rng(o.seed);
    perms.push_back(perm);  // the observed order counts once
    while (perms.size() < o.iterations) {
      std::shuffle(perm.begin(), perm.end(), rng);
      perms.push_back(perm);
    }
  }
  t.iterations = perms.size();
  std::vector<std::atomic<uint64_t>> at_least(p);
  std::atomic<uint64_t> qm_at_least{0}, valid{0};
  Status run = ParallelFor(perms.size(), o.threads, progress, [&](uint64_t i) {
    std::vector<double> xp(x.size());
    for (size_t r = 0; r < k; ++r) {
      for (size_t c = 0; c < p; ++c) xp[r * p + c] = x[perms[i][r] * p + c];
    }
    auto f = Fit(yi, vi, Refit(o.fit), xp);
    if (!f.ok()) return;
    valid.fetch_add(1);
    for (size_t c = 0; c < p; ++c) {
      if (std::fabs(f->zval[c]) >= std::fabs(observed->zval[c]) - kCompTol) at_least[c].fetch_add(1);
    }
    if (f->QM >= observed->QM - kCompTol) qm_at_least.fetch_add(1);
  });
  if (!run.ok()) return run.WithContext("permutation test");
  for (size_t c = 0; c < p; ++c) t.pval.push_back(std::min(1.0, static_cast<double>(at_least[c].load()) / valid.load()));
  t.QM_pval = static_cast<double>(qm_at_least.load()) / valid.load();
  return t;
}

}  // namespace

Result<PermutationTest> Permute(const std::vector<double>& yi, const std::vector<double>& vi,
                                const PermutationOptions& o, const std::vector<double>& x, Progress* progress) {
  if (Status s = CheckData(yi, vi); !s.ok()) return s;
  if (o.iterations < 2) return Status::InvalidArgument("a permutation test needs at least 2 iterations");
  if (x.empty()) return PermuteSigns(yi, vi, o, progress);
  if (x.size() % yi.size() != 0) return Status::InvalidArgument("the design does not have k rows");
  return PermuteRows(yi, vi, o, x, progress);
}

}  // namespace carta::meta
