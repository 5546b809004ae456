#include "term_builder.h"

#include "carta/core/text.h"
#include "carta/search/tokenizer.h"

namespace carta::search::internal {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr int kMinTruncationChars = 4;

// One piece of a term: text without its truncation star.
Status CheckTruncation(std::string_view piece, const TermSource& src, size_t piece_at, bool* star) {
  const size_t s = piece.find('*');
  *star = s != std::string_view::npos;
  if (*star && s + 1 != piece.size()) {
    return ErrorAt(src.query, piece_at + s, "truncation '*' must end a word (write \"lymph*\", not \"ly*mph\")");
  }
  return Status::Ok();
}

Status ShortTruncation(std::string_view stem, const TermSource& src, size_t star_at) {
  return ErrorAt(src.query, star_at,
                 "truncation needs at least 4 characters before '*' (\"" + std::string(stem) +
                     "*\" is too short; write e.g. \"lymph*\")");
}

}  // namespace

int Column(std::string_view query, size_t at) {
  return static_cast<int>(CharCount(query.substr(0, std::min(at, query.size())))) + 1;
}

Status ErrorAt(std::string_view query, size_t at, const std::string& what) {
  const int column = Column(query, at);
  SourceLocation where;
  where.column = column;
  where.field = "query";
  return Status::InvalidArgument("column " + std::to_string(column) + ": " + what).WithLocation(where);
}

Status CheckQueryText(std::string_view query) {
  if (query.size() > kMaxQueryBytes) {
    return ErrorAt(query, kMaxQueryBytes, "the query is longer than 1 MiB (" + std::to_string(query.size()) +
                                              " bytes); split it into several searches combined by #N");
  }
  const size_t bad = text::FirstInvalidUtf8(query);
  if (bad == std::string_view::npos) return Status::Ok();
  return ErrorAt(query, bad, "the query is not valid UTF-8 here; retype it or save the file as UTF-8");
}

Status CheckQuerySize(std::string_view query, const std::vector<ShapedLexeme>& lexemes, std::string_view terms) {
  size_t depth = 0, count = 0;
  for (const ShapedLexeme& l : lexemes) {
    if (l.shape == LexemeShape::kOpen && ++depth > kMaxQueryDepth) {
      return ErrorAt(query, l.at, "parentheses nest deeper than " + std::to_string(kMaxQueryDepth) +
                                      " levels; simplify the query");
    }
    if (l.shape == LexemeShape::kClose && depth > 0) --depth;
    if (l.shape == LexemeShape::kTerm && ++count > kMaxQueryTerms) {
      return ErrorAt(query, l.at, "the query has more than " + std::to_string(kMaxQueryTerms) + " " +
                                      std::string(terms) + "; split it into several searches combined by #N");
    }
  }
  return Status::Ok();
}

Status BuildWords(std::string_view text, const TermSource& src, bool drop_stopwords, std::vector<QueryWord>* words,
                  std::vector<std::string>* dropped) {
  words->clear();
  Tokenizer tokenizer;
  uint32_t offset = 0;
  size_t i = 0;
  bool any_token = false;
  while (i < text.size()) {
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && !IsSpace(text[j])) ++j;
    std::string_view piece = text.substr(i, j - i);
    if (piece == kGapMark) {  // one word's place, as DisplayWords shows a dropped stopword
      ++offset;
      i = j;
      continue;
    }
    bool star = false;
    Status s = CheckTruncation(piece, src, src.at + i, &star);
    if (!s.ok()) return s;
    if (star) piece.remove_suffix(1);
    const std::vector<Token>& tokens = tokenizer.Tokenize(piece);
    if (star && (tokens.empty() || CharCount(tokens.back().text) < kMinTruncationChars)) {
      return ShortTruncation(piece, src, src.at + j - 1);
    }
    for (size_t t = 0; t < tokens.size(); ++t) {
      any_token = true;
      const bool prefix = star && t + 1 == tokens.size();
      if (drop_stopwords && !prefix && IsStopword(tokens[t].text)) {
        dropped->emplace_back(tokens[t].text);
      } else {
        words->push_back({std::string(tokens[t].text), prefix, offset});
      }
      ++offset;
    }
    i = j;
  }
  if (!any_token) {
    return ErrorAt(src.query, src.at, "the term \"" + std::string(text) + "\" has no letters or digits to search");
  }
  if (!words->empty()) {
    const uint32_t first = (*words)[0].offset;
    for (QueryWord& w : *words) w.offset -= first;
  }
  return Status::Ok();
}

Status BuildKey(std::string_view text, const TermSource& src, bool mesh, std::string* key, bool* prefix) {
  std::string_view body = text::Trim(text);
  *prefix = !body.empty() && body.back() == '*';
  if (*prefix) body.remove_suffix(1);
  if (body.find('*') != std::string_view::npos) {
    return ErrorAt(src.query, src.at + text.find('*'), "truncation '*' must end the term");
  }
  const size_t slash = mesh ? body.find('/') : std::string_view::npos;
  *key = NormalizeKey(body.substr(0, slash));
  if (slash != std::string_view::npos) *key += "/" + NormalizeKey(body.substr(slash + 1));
  if (key->empty() || key->front() == '/' || key->back() == '/') {
    return ErrorAt(src.query, src.at, "the term \"" + std::string(text) + "\" has no letters or digits to search");
  }
  if (*prefix && CharCount(*key) < kMinTruncationChars) return ShortTruncation(*key, src, src.at + text.rfind('*'));
  return Status::Ok();
}

namespace {

// One date of a range; `upper` fills missing parts with their largest value.
bool ParseOneDate(std::string_view text, bool upper, uint32_t* key) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text) {
    if (c == '/' || c == '-') {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  if (parts.size() > 3) return false;
  int values[3] = {0, upper ? 12 : 1, upper ? 31 : 1};
  const int limits[3][2] = {{1000, 9999}, {1, 12}, {1, 31}};
  for (size_t i = 0; i < parts.size(); ++i) {
    std::optional<long> v = text::ParseCount(parts[i]);
    const bool width_ok = i == 0 ? parts[i].size() == 4 : parts[i].size() <= 2;
    if (!v || !width_ok) return false;
    if (*v < limits[i][0] || *v > limits[i][1]) return false;
    values[i] = static_cast<int>(*v);
  }
  *key = static_cast<uint32_t>(values[0] * 10000 + values[1] * 100 + values[2]);
  return true;
}

}  // namespace

Status ParseDateRange(std::string_view text, const TermSource& src, uint32_t* from, uint32_t* to) {
  std::string_view body = text::Trim(text);
  const size_t colon = body.find(':');
  std::string_view a = text::Trim(body.substr(0, colon));
  std::string_view b = colon == std::string_view::npos ? a : text::Trim(body.substr(colon + 1));
  if (!ParseOneDate(a, false, from) || !ParseOneDate(b, true, to) || *from > *to) {
    return ErrorAt(src.query, src.at,
                   "bad publication date \"" + std::string(body) +
                       "\"; write 2020, 2020/03 or 2020/03/15, or a range such as 2010:2020 or "
                       "2010/01/01:2024/07/31 (earliest first)");
  }
  return Status::Ok();
}

std::string DisplayWords(const std::vector<QueryWord>& words, bool quote) {
  std::string out;
  uint32_t next = 0;
  for (const QueryWord& w : words) {
    if (!out.empty()) out += ' ';
    for (uint32_t gap = next; gap < w.offset && !out.empty(); ++gap) out += std::string(kGapMark) + " ";
    out += w.text;
    if (w.prefix) out += '*';
    next = w.offset + 1;
  }
  return quote || words.size() > 1 ? "\"" + out + "\"" : out;
}

std::unique_ptr<QueryNode> Combine(NodeKind op, std::unique_ptr<QueryNode> left, std::unique_ptr<QueryNode> right) {
  if (!left) return op == NodeKind::kNot ? nullptr : std::move(right);
  if (!right) return left;
  auto node = std::make_unique<QueryNode>();
  node->kind = op;
  node->left = std::move(left);
  node->right = std::move(right);
  return node;
}

}  // namespace carta::search::internal
