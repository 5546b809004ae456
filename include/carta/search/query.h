// Queries for carta::search: PubMed's query language and CNKI's professional
// search syntax, parsed into one query tree that Index::Search evaluates.
// doc/search.md lists what is accepted and how it differs from PubMed and CNKI.
#ifndef CARTA_SEARCH_QUERY_H_
#define CARTA_SEARCH_QUERY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::search {

namespace internal {
struct QueryNode;
}
class MeshTree;

// A parsed query. Movable, not copyable.
class Query {
 public:
  Query();
  ~Query();
  Query(Query&&) noexcept;
  Query& operator=(Query&&) noexcept;

  // Notes on how the query was read where carta differs from the database it
  // imitates ("[ab] is a carta extension", "no Automatic Term Mapping",
  // "stopword ignored"), each once, in order of appearance.
  const std::vector<std::string>& warnings() const { return warnings_; }

  // The query as carta understood it, in the style of PubMed's "Query
  // translation": every term with its long field name, Boolean groups in
  // parentheses, e.g. ("car t"[Title/Abstract] OR lymphoma[MeSH Terms]) AND
  // 2020/01/01:2020/12/31[Publication Date]. Stopwords dropped, truncation
  // kept as "*". An empty query (only stopwords) explains as "".
  std::string Explain() const;

  // The query tree; null when every term was ignored (matches nothing).
  const internal::QueryNode* root() const { return root_.get(); }

 private:
  friend class QueryParser;
  friend class CnkiParser;
  std::unique_ptr<internal::QueryNode> root_;
  std::vector<std::string> warnings_;
};

// Parses a PubMed query. `history` holds the earlier queries of the session,
// oldest first: "#n" stands for history[n - 1] (itself parsed against the
// entries before it). InvalidArgument for a malformed query, with a message
// that names the 1-based column (in characters) and what would be accepted,
// e.g. "column 14: unknown field tag [tiabx]; did you mean [tiab]?".
// With `mesh` (may be null) holding a MeSH tree, [mh] and [majr] (not their
// :noexp forms, nor a truncated term) also match the descriptors below the
// term in the tree, as PubMed explodes them; a term that is not a descriptor
// of the tree is matched alone, with a warning.
Result<Query> ParsePubmed(std::string_view text, const std::vector<std::string>& history = {},
                          const MeshTree* mesh = nullptr);

// Parses a CNKI professional-search expression such as
// SU=('CAR-T'+'嵌合抗原受体')*'淋巴瘤' AND AU='张三'. InvalidArgument with the
// column as for ParsePubmed.
Result<Query> ParseCnki(std::string_view text);

}  // namespace carta::search

#endif  // CARTA_SEARCH_QUERY_H_
