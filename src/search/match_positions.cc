// PositionsMatch: whether one document's word positions hold a phrase or a
// proximity group (evaluate.h).
#include <algorithm>

#include "evaluate.h"

namespace carta::search::internal {

namespace {

// Positions matching with distinct, increasing chosen positions, each at most
// `gap` + 1 after the previous one; masks of the words used so far.
bool ChainCovers(const std::vector<std::vector<uint32_t>>& positions, int gap) {
  const size_t k = positions.size();
  std::vector<std::pair<uint32_t, uint32_t>> entries;  // (position, word)
  for (size_t i = 0; i < k; ++i) {
    for (uint32_t p : positions[i]) entries.emplace_back(p, static_cast<uint32_t>(i));
  }
  std::sort(entries.begin(), entries.end());
  const uint32_t full = (1u << k) - 1;
  std::vector<std::vector<uint32_t>> masks(entries.size());
  for (size_t j = 0; j < entries.size(); ++j) {
    const uint32_t bit = 1u << entries[j].second;
    masks[j].push_back(bit);
    for (size_t i = j; i-- > 0;) {
      if (entries[j].first - entries[i].first > static_cast<uint32_t>(gap) + 1) break;
      if (entries[i].first == entries[j].first) continue;
      for (uint32_t m : masks[i]) {
        if ((m & bit) == 0) masks[j].push_back(m | bit);
      }
    }
    std::sort(masks[j].begin(), masks[j].end());
    masks[j].erase(std::unique(masks[j].begin(), masks[j].end()), masks[j].end());
    if (masks[j].back() == full) return true;
  }
  return false;
}

// ChainCovers for two words: some pair of distinct positions at most `gap`
// words apart, found by walking both lists once.
bool PairWithin(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, int gap) {
  const uint32_t reach = static_cast<uint32_t>(gap) + 1;
  size_t j = 0;
  for (uint32_t p : a) {
    while (j < b.size() && b[j] + reach < p) ++j;  // b[j] too far before p
    for (size_t m = j; m < b.size() && b[m] <= p + reach; ++m) {
      if (b[m] != p) return true;
    }
  }
  return false;
}

}  // namespace

bool PositionsMatch(const std::vector<std::vector<uint32_t>>& positions, const std::vector<QueryWord>& words,
                    int proximity) {
  if (proximity >= 0 && positions.size() == 2) return PairWithin(positions[0], positions[1], proximity);
  if (proximity >= 0) return ChainCovers(positions, proximity);
  for (uint32_t p : positions[0]) {
    bool all = true;
    for (size_t i = 1; i < words.size() && all; ++i) {
      all = std::binary_search(positions[i].begin(), positions[i].end(), p + words[i].offset - words[0].offset);
    }
    if (all) return true;
  }
  return false;
}

}  // namespace carta::search::internal
