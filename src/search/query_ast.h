// The query tree shared by the PubMed and CNKI parsers, the evaluator, the
// explainer and the test oracle.
#ifndef CARTA_SRC_SEARCH_QUERY_AST_H_
#define CARTA_SRC_SEARCH_QUERY_AST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace carta::search::internal {

enum class NodeKind { kAnd, kOr, kNot, kTerm, kDate };

// A word of a phrase: folded token text, truncated (matches any term that
// starts with it) or not, and its position relative to the first word (gaps
// where a stopword was dropped).
struct QueryWord {
  std::string text;
  bool prefix = false;
  uint32_t offset = 0;
};

struct QueryNode {
  NodeKind kind = NodeKind::kTerm;
  // kAnd, kOr, kNot (left NOT right): both set.
  std::unique_ptr<QueryNode> left, right;

  // kTerm matches a document when any word field in word_fields holds the
  // phrase `words`, or any key field in key_fields holds `key`.
  uint32_t word_fields = 0;  // FieldBit set over word fields
  uint32_t key_fields = 0;   // FieldBit set over key fields
  std::vector<QueryWord> words;
  // -1: the words at their offsets (a phrase). N >= 0: all words, in any
  // order, at distinct positions, each next one at most N words after the one
  // before (PubMed proximity "..."[tiab:~N]).
  int proximity = -1;
  std::string key;          // NormalizeKey of the term, for key fields
  bool key_prefix = false;  // key is truncated ("lymph*[mh]")
  // Further exact keys matched like `key`: the narrower MeSH terms of an
  // exploded [mh] / [majr] (with the term's qualifier, if any).
  std::vector<std::string> narrower_keys;
  bool first_author = false;  // kAuthor: only the first author ([1au])

  // kDate: DateKey within [date_from, date_to] (yyyymmdd).
  uint32_t date_from = 0, date_to = 0;

  // For Explain: the term as the user meant it and the field's display name.
  std::string display;
  std::string label;
  bool cnki = false;  // render as LABEL='display' instead of display[LABEL]
};

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_QUERY_AST_H_
