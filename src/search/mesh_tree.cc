#include "carta/search/mesh.h"

#include <algorithm>

#include "carta/search/tokenizer.h"

namespace carta::search {

void MeshTree::Add(std::string_view name, const std::vector<std::string>& tree_numbers) {
  const std::string key = NormalizeKey(name);
  if (key.empty()) return;
  std::vector<std::string>& trees = by_key_[key];
  for (const std::string& t : tree_numbers) {
    if (t.empty()) continue;
    trees.push_back(t);
    by_tree_.emplace_back(t, key);
  }
  sorted_ = false;
}

void MeshTree::Sort() const {
  if (sorted_) return;
  std::sort(by_tree_.begin(), by_tree_.end());
  sorted_ = true;
}

bool MeshTree::Contains(std::string_view key) const { return by_key_.count(std::string(key)) != 0; }

std::vector<std::string> MeshTree::Narrower(std::string_view key) const {
  const auto it = by_key_.find(std::string(key));
  if (it == by_key_.end()) return {};
  Sort();
  std::vector<std::string> out;
  for (const std::string& tree : it->second) {
    // Below "C04.557.386": every tree number starting "C04.557.386." (sorted together).
    const std::string below = tree + ".";
    auto at = std::lower_bound(by_tree_.begin(), by_tree_.end(), std::make_pair(below, std::string()));
    for (; at != by_tree_.end() && at->first.compare(0, below.size(), below) == 0; ++at) {
      if (at->second != key) out.push_back(at->second);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace carta::search
