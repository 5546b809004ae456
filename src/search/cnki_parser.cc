// The CNKI professional-search parser (CNKI "专业检索" help). Field clauses
// FIELD=value are combined with AND, OR, NOT or *, +, -, all of one
// precedence, left to right (CNKI: "AND、OR、NOT三种逻辑运算符的优先级相同"),
// with parentheses to group. A value may itself combine values of the same
// field: SU=('CAR-T'+'嵌合抗原受体')*'淋巴瘤', again left to right.
#include <algorithm>
#include <cctype>

#include "carta/core/text.h"
#include "carta/search/query.h"
#include "fields.h"
#include "term_builder.h"

namespace carta::search {

using internal::FieldBit;
using internal::FieldId;
using internal::NodeKind;
using internal::QueryNode;

namespace {

enum class Lex { kField, kValue, kOpen, kClose, kAnd, kOr, kNot, kEnd };

struct Lexeme {
  Lex type = Lex::kEnd;
  std::string text;
  size_t at = 0;  // byte offset in the original query
};

struct CnkiField {
  std::string_view name;
  uint32_t word_fields;
  uint32_t key_fields;
  bool first_author;
};

constexpr uint32_t kTka = FieldBit(FieldId::kTitle) | FieldBit(FieldId::kKeyword) | FieldBit(FieldId::kAbstract);

constexpr CnkiField kFields[] = {
    {"SU", kTka, 0, false},  // 主题: carta has no CNKI subject terms, so title, keywords, abstract
    {"TKA", kTka, 0, false},  // 篇关摘
    {"TI", FieldBit(FieldId::kTitle), 0, false},
    {"KY", FieldBit(FieldId::kKeyword), 0, false},
    {"AB", FieldBit(FieldId::kAbstract), 0, false},
    {"AU", 0, FieldBit(FieldId::kAuthor), false},
    {"FI", 0, FieldBit(FieldId::kAuthor), true},  // 第一作者
    {"LY", FieldBit(FieldId::kJournalWords), 0, false},  // 文献来源
};

// Full-width forms CNKI users type, as ASCII.
char AsciiFor(std::string_view q, size_t i, size_t* len) {
  static constexpr std::pair<std::string_view, char> kMap[] = {
      {"\xEF\xBC\x88", '('}, {"\xEF\xBC\x89", ')'}, {"\xEF\xBC\x9D", '='}, {"\xEF\xBC\x8A", '*'},
      {"\xEF\xBC\x8B", '+'}, {"\xEF\xBC\x8D", '-'}, {"\xE2\x80\x98", '\''}, {"\xE2\x80\x99", '\''},
      {"\xE2\x80\x9C", '"'}, {"\xE2\x80\x9D", '"'}, {"\xEF\xBC\x87", '\''}, {"\xEF\xBC\x82", '"'},
      {"\xE3\x80\x80", ' '}};
  for (const auto& [from, to] : kMap) {
    if (q.substr(i, from.size()) == from) {
      *len = from.size();
      return to;
    }
  }
  *len = 1;
  return q[i];
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Splits the query into lexemes, full-width punctuation read as ASCII.
Status Lexicalize(std::string_view q, std::vector<Lexeme>* out) {
  std::string norm;
  std::vector<size_t> origin;  // byte of `norm` -> byte of q
  for (size_t i = 0; i < q.size();) {
    size_t len = 1;
    norm += AsciiFor(q, i, &len);
    origin.push_back(i);
    i += len;
  }
  origin.push_back(q.size());
  size_t i = 0;
  while (i < norm.size()) {
    const char c = norm[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    Lexeme lx;
    lx.at = origin[i];
    if (c == '(' || c == ')') {
      lx.type = c == '(' ? Lex::kOpen : Lex::kClose;
      ++i;
    } else if (c == '*' || c == '+' || c == '-') {
      lx.type = c == '*' ? Lex::kAnd : c == '+' ? Lex::kOr : Lex::kNot;
      ++i;
    } else if (c == '\'' || c == '"') {
      const size_t j = norm.find(c, i + 1);
      if (j == std::string::npos) return internal::ErrorAt(q, lx.at, std::string("the quote ") + c + " is never closed");
      lx.type = Lex::kValue;
      lx.text = norm.substr(i + 1, j - i - 1);
      i = j + 1;
    } else if (c == '=') {
      return internal::ErrorAt(q, lx.at, "'=' must follow a field name such as SU, TI or AU");
    } else {
      size_t j = i;
      while (j < norm.size() && !IsSpace(norm[j]) && std::string_view("()*+='\"").find(norm[j]) == std::string_view::npos) ++j;
      lx.text = norm.substr(i, j - i);
      size_t k = j;
      while (k < norm.size() && IsSpace(norm[k])) ++k;
      const bool letters = std::all_of(lx.text.begin(), lx.text.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); });
      if (letters && k < norm.size() && norm[k] == '=') {
        lx.type = Lex::kField;
        j = k + 1;
      } else {
        lx.type = lx.text == "AND" ? Lex::kAnd : lx.text == "OR" ? Lex::kOr : lx.text == "NOT" ? Lex::kNot : Lex::kValue;
      }
      i = j;
    }
    out->push_back(std::move(lx));
  }
  Lexeme end;
  end.at = q.size();
  out->push_back(end);
  return Status::Ok();
}

std::string ToUpper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool IsOperator(Lex t) { return t == Lex::kAnd || t == Lex::kOr || t == Lex::kNot; }

NodeKind OperatorKind(Lex t) { return t == Lex::kAnd ? NodeKind::kAnd : t == Lex::kOr ? NodeKind::kOr : NodeKind::kNot; }

}  // namespace

class CnkiParser {
 public:
  explicit CnkiParser(std::string_view q) : q_(q) {}

  Result<Query> Parse() {
    Status s = internal::CheckQueryText(q_);
    if (!s.ok()) return s;
    s = Lexicalize(q_, &lex_);
    if (!s.ok()) return s;
    if (lex_.size() == 1) return internal::ErrorAt(q_, 0, "the query is empty; write e.g. SU='CAR-T'");
    s = CheckSize();
    if (!s.ok()) return s;
    std::unique_ptr<QueryNode> root;
    s = ParseExpr(&root);
    if (!s.ok()) return s;
    if (lex_[pos_].type == Lex::kClose) return internal::ErrorAt(q_, lex_[pos_].at, "')' has no matching '('");
    query_.root_ = std::move(root);
    return std::move(query_);
  }

 private:
  // The bounds of term_builder.h, as for PubMed queries.
  Status CheckSize() const {
    std::vector<internal::ShapedLexeme> shaped;
    for (const Lexeme& l : lex_) {
      using internal::LexemeShape;
      shaped.push_back({l.at, l.type == Lex::kOpen ? LexemeShape::kOpen : l.type == Lex::kClose ? LexemeShape::kClose
                              : l.type == Lex::kValue ? LexemeShape::kTerm : LexemeShape::kOther});
    }
    return internal::CheckQuerySize(q_, shaped, "values");
  }

  // True when the lexeme at `i` starts a field clause: FIELD= after any '('.
  bool StartsClause(size_t i) const {
    while (lex_[i].type == Lex::kOpen) ++i;
    return lex_[i].type == Lex::kField;
  }

  Status ExpectAfterOperator(size_t op) {
    const Lex next = lex_[pos_].type;
    if (next == Lex::kEnd || next == Lex::kClose || IsOperator(next)) {
      return internal::ErrorAt(q_, lex_[op].at, "an operator needs a clause or value after it");
    }
    return Status::Ok();
  }

  // expr := clause (op clause)*
  Status ParseExpr(std::unique_ptr<QueryNode>* out) {
    Status s = ParseClause(out);
    if (!s.ok()) return s;
    while (IsOperator(lex_[pos_].type)) {
      const size_t op = pos_++;
      s = ExpectAfterOperator(op);
      if (!s.ok()) return s;
      std::unique_ptr<QueryNode> right;
      s = ParseClause(&right);
      if (!s.ok()) return s;
      *out = internal::Combine(OperatorKind(lex_[op].type), std::move(*out), std::move(right));
    }
    const Lexeme& lx = lex_[pos_];
    if (lx.type != Lex::kEnd && lx.type != Lex::kClose) {
      return internal::ErrorAt(q_, lx.at, "expected AND, OR, NOT, *, + or - between clauses");
    }
    return Status::Ok();
  }

  Status ParseClause(std::unique_ptr<QueryNode>* out) {
    const Lexeme& lx = lex_[pos_];
    if (lx.type == Lex::kOpen) {
      ++pos_;
      Status s = ParseExpr(out);
      if (!s.ok()) return s;
      if (lex_[pos_].type != Lex::kClose) return internal::ErrorAt(q_, lx.at, "'(' is never closed; add ')'");
      ++pos_;
      return Status::Ok();
    }
    if (lx.type != Lex::kField) {
      if (IsOperator(lx.type)) return internal::ErrorAt(q_, lx.at, "an operator needs a clause before it");
      if (lx.type == Lex::kEnd) return internal::ErrorAt(q_, lx.at, "the query ends where a clause was expected");
      return internal::ErrorAt(q_, lx.at, "expected a field clause such as SU='CAR-T' or TI='淋巴瘤'");
    }
    const CnkiField* field = nullptr;
    const std::string name = text::ToLower(lx.text);
    for (const CnkiField& f : kFields) {
      if (text::ToLower(f.name) == name) field = &f;
    }
    if (field == nullptr) {
      std::vector<std::string> names;
      for (const CnkiField& f : kFields) names.emplace_back(f.name);
      const std::string close = text::ClosestMatch(ToUpper(lx.text), names);
      return internal::ErrorAt(q_, lx.at, "unknown field " + lx.text + "=; " +
                                              (close.empty() ? "carta accepts " + text::Join(names, ", ")
                                                             : "did you mean " + close + "?"));
    }
    ++pos_;
    return ParseValues(*field, out);
  }

  // values := atom (op atom)*, stopping before an operator that starts a clause.
  Status ParseValues(const CnkiField& field, std::unique_ptr<QueryNode>* out) {
    Status s = ParseAtom(field, out);
    if (!s.ok()) return s;
    while (IsOperator(lex_[pos_].type) && !StartsClause(pos_ + 1)) {
      const size_t op = pos_++;
      s = ExpectAfterOperator(op);
      if (!s.ok()) return s;
      std::unique_ptr<QueryNode> right;
      s = ParseAtom(field, &right);
      if (!s.ok()) return s;
      *out = internal::Combine(OperatorKind(lex_[op].type), std::move(*out), std::move(right));
    }
    return Status::Ok();
  }

  Status ParseAtom(const CnkiField& field, std::unique_ptr<QueryNode>* out) {
    const Lexeme& lx = lex_[pos_];
    if (lx.type == Lex::kOpen) {
      ++pos_;
      Status s = ParseValues(field, out);
      if (!s.ok()) return s;
      if (lex_[pos_].type != Lex::kClose) return internal::ErrorAt(q_, lx.at, "'(' is never closed; add ')'");
      ++pos_;
      return Status::Ok();
    }
    if (lx.type != Lex::kValue) {
      return internal::ErrorAt(q_, lx.at, "expected a value after " + std::string(field.name) + "=, e.g. " +
                                              std::string(field.name) + "='CAR-T'");
    }
    ++pos_;
    return BuildTerm(field, lx, out);
  }

  Status BuildTerm(const CnkiField& field, const Lexeme& lx, std::unique_ptr<QueryNode>* out) {
    auto node = std::make_unique<QueryNode>();
    node->cnki = true;
    node->label = std::string(field.name);
    node->word_fields = field.word_fields;
    node->key_fields = field.key_fields;
    node->first_author = field.first_author;
    node->display = "'" + lx.text + "'";
    const internal::TermSource src{q_, lx.at};
    std::vector<std::string> dropped;
    Status s = field.word_fields != 0 ? internal::BuildWords(lx.text, src, false, &node->words, &dropped)
                                      : internal::BuildKey(lx.text, src, false, &node->key, &node->key_prefix);
    if (!s.ok()) return s;
    *out = std::move(node);
    return Status::Ok();
  }

  std::string_view q_;
  std::vector<Lexeme> lex_;
  size_t pos_ = 0;
  Query query_;
};

Result<Query> ParseCnki(std::string_view text) { return CnkiParser(text).Parse(); }

}  // namespace carta::search
