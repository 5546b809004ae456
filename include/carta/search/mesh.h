// The MeSH tree that [mh] and [majr] explode over (PubMed: a MeSH term also
// finds the records indexed with the terms below it in the tree). Built from
// the descriptors `carta lit mesh import` stored; without it [mh] matches the
// descriptor alone and the query's warnings say so.
#ifndef CARTA_SEARCH_MESH_H_
#define CARTA_SEARCH_MESH_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace carta::search {

class MeshTree {
 public:
  // Adds descriptor `name` with its tree numbers ("C04.557.386"). A name
  // added twice keeps the tree numbers of both.
  void Add(std::string_view name, const std::vector<std::string>& tree_numbers);

  bool empty() const { return by_key_.empty(); }
  size_t size() const { return by_key_.size(); }

  // Whether `key` (a descriptor name as search keys are normalised:
  // tokenizer.h NormalizeKey: "lymphoma b cell") is a descriptor of the tree.
  bool Contains(std::string_view key) const;

  // The normalised names of every descriptor with a tree number at or under
  // any tree number of descriptor `key`, `key` itself left out, sorted; empty
  // when `key` is unknown or has nothing below it.
  std::vector<std::string> Narrower(std::string_view key) const;

 private:
  void Sort() const;

  std::unordered_map<std::string, std::vector<std::string>> by_key_;  // key -> tree numbers
  mutable std::vector<std::pair<std::string, std::string>> by_tree_;  // (tree number, key), sorted by Sort
  mutable bool sorted_ = true;
};

}  // namespace carta::search

#endif  // CARTA_SEARCH_MESH_H_
