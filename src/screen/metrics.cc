// Screening-prioritisation metrics: WSS (Cohen et al. 2006, JAMIA 13:206; and
// as asreview-insights computes it) and RRF (asreview-insights' recall at a
// fraction screened). Definitions and a worked example in doc/screen.md.
#include <cassert>
#include <cmath>
#include <limits>

#include "carta/screen/simulate.h"

namespace carta::screen {
namespace {

size_t CountRelevant(const std::vector<uint8_t>& labels) {
  size_t p = 0;
  for (uint8_t v : labels) p += v ? 1 : 0;
  return p;
}

// 0-based position at which the k-th relevant record is screened. REQUIRES: k <= relevant records.
size_t PositionOfRelevant(const std::vector<uint8_t>& labels, size_t k) {
  size_t found = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] && ++found == k) return i;
  }
  assert(false && "fewer relevant records than asked for");
  return labels.size();
}

// The largest k >= 0 with k / n <= x, compared in floating point as numpy's
// searchsorted(side='right') does on the values k / n.
size_t CountAtMost(size_t n, double x) {
  auto at = [n](size_t k) { return static_cast<double>(k) / static_cast<double>(n); };
  size_t k = static_cast<size_t>(std::max(0.0, std::floor(x * static_cast<double>(n))));
  k = std::min(k, n);
  while (k < n && at(k + 1) <= x) ++k;
  while (k > 0 && at(k) > x) --k;
  return k;
}

// asreview-insights: random order finds its k-th relevant record at the first
// i with round(p · i / (N − 1)) >= k (numpy's linspace and round-half-even).
size_t RandomPosition(size_t n, size_t p, size_t k) {
  if (n == 1) return 0;
  const double step = static_cast<double>(p) / static_cast<double>(n - 1);
  for (size_t i = 0; i < n; ++i) {
    const double expected = i + 1 == n ? static_cast<double>(p) : static_cast<double>(i) * step;
    if (std::nearbyint(expected) >= static_cast<double>(k)) return i;
  }
  return n;
}

}  // namespace

double WorkSavedOverSampling(const std::vector<uint8_t>& ranked_labels, double recall, WssDefinition definition) {
  assert(recall > 0 && recall <= 1 && "recall level in (0, 1]");
  const size_t n = ranked_labels.size();
  const size_t p = CountRelevant(ranked_labels);
  if (p == 0) return std::numeric_limits<double>::quiet_NaN();
  const double n_d = static_cast<double>(n);
  if (definition == WssDefinition::kCohen) {
    // The fewest relevant records that make recall >= R (the epsilon absorbs
    // 0.95 · 20 = 19.000000000000004).
    const size_t k = std::max<size_t>(1, static_cast<size_t>(std::ceil(recall * static_cast<double>(p) - 1e-9)));
    const size_t screened = PositionOfRelevant(ranked_labels, k) + 1;
    return (n_d - static_cast<double>(screened)) / n_d - (1 - recall);
  }
  const size_t k = std::max<size_t>(1, CountAtMost(p, recall));
  const double earlier = static_cast<double>(RandomPosition(n, p, k)) -
                         static_cast<double>(PositionOfRelevant(ranked_labels, k));
  return earlier / n_d;
}

double RelevantRecordsFound(const std::vector<uint8_t>& ranked_labels, double fraction) {
  const size_t p = CountRelevant(ranked_labels);
  if (p == 0) return std::numeric_limits<double>::quiet_NaN();
  const size_t screened = CountAtMost(ranked_labels.size(), fraction);
  size_t found = 0;
  for (size_t i = 0; i < screened; ++i) found += ranked_labels[i] ? 1 : 0;
  return static_cast<double>(found) / static_cast<double>(p);
}

}  // namespace carta::screen
