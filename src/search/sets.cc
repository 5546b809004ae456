// The sorted-set operations of query evaluation (evaluate.h).
#include <algorithm>
#include <iterator>

#include "evaluate.h"

namespace carta::search::internal {

void Intersect(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out) {
  const std::vector<uint32_t>& small = a.size() <= b.size() ? a : b;
  const std::vector<uint32_t>& large = a.size() <= b.size() ? b : a;
  out->resize(small.size());
  size_t n = 0;
  if (small.size() * 16 < large.size()) {  // galloping: binary search the rest of `large`
    auto from = large.begin();
    for (uint32_t d : small) {
      from = std::lower_bound(from, large.end(), d);
      if (from == large.end()) break;
      if (*from == d) (*out)[n++] = d;
    }
  } else {  // a merge without unpredictable branches
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
      const uint32_t x = a[i], y = b[j];
      (*out)[n] = x;
      n += x == y;
      i += x <= y;
      j += y <= x;
    }
  }
  out->resize(n);
}

void Unite(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out) {
  out->clear();
  out->reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(*out));
}

void Subtract(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out) {
  out->clear();
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(*out));
}

}  // namespace carta::search::internal
