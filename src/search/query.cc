// Query: ownership of the tree and its explanation (PubMed's "Query
// translation" style).
#include "carta/search/query.h"

#include <cstdio>

#include "query_ast.h"

namespace carta::search {

using internal::NodeKind;
using internal::QueryNode;

Query::Query() = default;
Query::~Query() = default;
Query::Query(Query&&) noexcept = default;
Query& Query::operator=(Query&&) noexcept = default;

namespace {

std::string DateText(uint32_t key) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04u/%02u/%02u", key / 10000, key / 100 % 100, key % 100);
  return buffer;
}

std::string ExplainNode(const QueryNode& n, bool top) {
  switch (n.kind) {
    case NodeKind::kDate: return DateText(n.date_from) + ":" + DateText(n.date_to) + "[" + n.label + "]";
    case NodeKind::kTerm: {
      if (n.cnki) return n.label + "=" + n.display;
      std::string tag = n.label;
      if (n.proximity >= 0) tag += ":~" + std::to_string(n.proximity);
      return n.display + "[" + tag + "]";
    }
    default: break;
  }
  const char* op = n.kind == NodeKind::kAnd ? " AND " : n.kind == NodeKind::kOr ? " OR " : " NOT ";
  std::string s = ExplainNode(*n.left, false) + op + ExplainNode(*n.right, false);
  return top ? s : "(" + s + ")";
}

}  // namespace

std::string Query::Explain() const { return root_ ? ExplainNode(*root_, true) : std::string(); }

}  // namespace carta::search
