// Turning the text of one search term into query-tree leaves: words with
// truncation and stopwords, whole-value keys, publication dates. Shared by the
// PubMed and CNKI parsers; errors name the 1-based column in the query.
#ifndef CARTA_SRC_SEARCH_TERM_BUILDER_H_
#define CARTA_SRC_SEARCH_TERM_BUILDER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"
#include "query_ast.h"

namespace carta::search::internal {

// Where a term's text sits in the query, for error columns.
struct TermSource {
  std::string_view query;  // the whole query
  size_t at = 0;           // byte offset of the term's text in the query
};

// 1-based column (in characters) of byte offset `at` of `query`.
int Column(std::string_view query, size_t at);

// InvalidArgument "column C: <what>", with location().column C and field "query".
Status ErrorAt(std::string_view query, size_t at, const std::string& what);

// Bounds on a query, so that the recursive parser and evaluator never come
// near the stack's limit on hostile input (a 14,000-term chain overflowed an
// 8 MB stack): parentheses nesting, and terms with history references expanded.
inline constexpr size_t kMaxQueryDepth = 256;
inline constexpr size_t kMaxQueryTerms = 5000;
// And a bound on the text itself, checked before anything is tokenised: 5,000
// terms of 200 bytes fit; a 10 MB line is refused at once instead of being
// lexed for seconds before the term bound applies.
inline constexpr size_t kMaxQueryBytes = 1 << 20;

// OK, or an error when `query` is longer than kMaxQueryBytes, or at the first
// byte of `query` that is not valid UTF-8.
Status CheckQueryText(std::string_view query);

// One lexeme as the size check sees it: where it starts and what it is.
enum class LexemeShape { kOther, kOpen, kClose, kTerm };
struct ShapedLexeme {
  size_t at = 0;
  LexemeShape shape = LexemeShape::kOther;
};

// OK, or an error at the lexeme that nests parentheses deeper than
// kMaxQueryDepth or brings the terms past kMaxQueryTerms (`terms` names them
// in the message: "terms", "values").
Status CheckQuerySize(std::string_view query, const std::vector<ShapedLexeme>& lexemes, std::string_view terms);

// A phrase's placeholder for one word's place: DisplayWords writes it for a
// stopword dropped from a term ("effect-of-drug" -> "effect ? drug") and
// BuildWords reads it back as the same gap, so an explanation parses to the
// query it explains.
inline constexpr std::string_view kGapMark = "?";

// Splits `text` (at `src`) into words: tokenised, a trailing '*' on a
// whitespace-separated piece truncates its last token (which needs at least 4
// characters). When `drop_stopwords`, PubMed stopwords are removed, leaving a
// gap in the offsets; each one removed is appended to *dropped. A piece that
// is kGapMark alone leaves the same gap. An empty result (only stopwords) is
// not an error; text without any word is.
Status BuildWords(std::string_view text, const TermSource& src, bool drop_stopwords, std::vector<QueryWord>* words,
                  std::vector<std::string>* dropped);

// The key of `text` (NormalizeKey) and whether a trailing '*' truncates it.
// `mesh` keeps one '/' as the descriptor/qualifier separator.
Status BuildKey(std::string_view text, const TermSource& src, bool mesh, std::string* key, bool* prefix);

// Parses "2020", "2020/03", "2020/03/15" (or with '-'), or a range "a:b", into
// the DateKey bounds [*from, *to].
Status ParseDateRange(std::string_view text, const TermSource& src, uint32_t* from, uint32_t* to);

// The words as a display string: "car t cell*", quoted when more than one.
std::string DisplayWords(const std::vector<QueryWord>& words, bool quote);

// Combines two subtrees, where either may be null (a term of only stopwords):
// null AND x = x, x NOT null = x, null NOT x = null.
std::unique_ptr<QueryNode> Combine(NodeKind op, std::unique_ptr<QueryNode> left, std::unique_ptr<QueryNode> right);

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_TERM_BUILDER_H_
