// The PubMed query parser: lexemes, then a left-to-right Boolean chain of
// terms (PubMed Help, "Combining search terms with Boolean operators": AND, OR,
// NOT in upper case, processed left to right, parentheses nest).
#include <algorithm>

#include "carta/core/text.h"
#include "carta/search/mesh.h"
#include "carta/search/query.h"
#include "carta/search/tokenizer.h"
#include "fields.h"
#include "pubmed_tags.h"
#include "term_builder.h"

namespace carta::search {

using internal::NodeKind;
using internal::QueryNode;
using internal::TagKind;
using internal::TagSpec;
using internal::TermSource;

namespace {

enum class Lex { kWord, kQuoted, kTag, kOpen, kClose, kAnd, kOr, kNot, kEnd };

struct Lexeme {
  Lex type = Lex::kEnd;
  std::string text;  // word, phrase or tag contents
  size_t at = 0;     // byte offset of the lexeme (the quote or bracket itself)
  size_t text_at = 0;  // byte offset of `text`
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Byte length of an opening/closing double quote at q[i] ('"', U+201C, U+201D), or 0.
size_t QuoteAt(std::string_view q, size_t i) {
  if (q[i] == '"') return 1;
  if (q.substr(i, 3) == "\xE2\x80\x9C" || q.substr(i, 3) == "\xE2\x80\x9D") return 3;
  return 0;
}

Status Lexicalize(std::string_view q, std::vector<Lexeme>* out) {
  size_t i = 0;
  while (i < q.size()) {
    if (IsSpace(q[i])) {
      ++i;
      continue;
    }
    Lexeme lx;
    lx.at = i;
    if (q[i] == '(' || q[i] == ')') {
      lx.type = q[i] == '(' ? Lex::kOpen : Lex::kClose;
      ++i;
    } else if (size_t n = QuoteAt(q, i); n > 0) {
      size_t j = i + n;
      while (j < q.size() && QuoteAt(q, j) == 0) ++j;
      if (j >= q.size()) return internal::ErrorAt(q, i, "the quote is never closed; end the phrase with '\"'");
      lx.type = Lex::kQuoted;
      lx.text_at = i + n;
      lx.text = std::string(q.substr(i + n, j - i - n));
      i = j + QuoteAt(q, j);
    } else if (q[i] == '[') {
      const size_t j = q.find(']', i);
      if (j == std::string_view::npos) {
        return internal::ErrorAt(q, i, "'[' is never closed; a field tag looks like [tiab]");
      }
      lx.type = Lex::kTag;
      lx.text_at = i + 1;
      lx.text = std::string(q.substr(i + 1, j - i - 1));
      i = j + 1;
    } else if (q[i] == ']') {
      return internal::ErrorAt(q, i, "']' without '['; a field tag looks like [tiab]");
    } else {
      size_t j = i;
      while (j < q.size() && !IsSpace(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '[' && q[j] != ']' &&
             QuoteAt(q, j) == 0) {
        ++j;
      }
      lx.text_at = i;
      lx.text = std::string(q.substr(i, j - i));
      lx.type = lx.text == "AND" ? Lex::kAnd : lx.text == "OR" ? Lex::kOr : lx.text == "NOT" ? Lex::kNot : Lex::kWord;
      i = j;
    }
    out->push_back(std::move(lx));
  }
  Lexeme end;
  end.at = q.size();
  out->push_back(end);
  return Status::Ok();
}

bool IsOperator(Lex t) { return t == Lex::kAnd || t == Lex::kOr || t == Lex::kNot; }

bool IsHistoryRef(const std::string& w) {
  return w.size() >= 2 && w[0] == '#' && std::all_of(w.begin() + 1, w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

class QueryParser {
 public:
  QueryParser(std::string_view query, const std::vector<std::string>& history, const MeshTree* mesh)
      : q_(query), history_(history), mesh_(mesh != nullptr && !mesh->empty() ? mesh : nullptr) {}

  Result<Query> Parse() {
    Status s = internal::CheckQueryText(q_);
    if (!s.ok()) return s;
    s = Lexicalize(q_, &lex_);
    if (!s.ok()) return s;
    if (lex_.size() == 1) return internal::ErrorAt(q_, 0, "the query is empty; enter a search term such as lymphoma[tiab]");
    s = CheckSize();
    if (!s.ok()) return s;
    std::unique_ptr<QueryNode> root;
    s = ParseChain(&root);
    if (!s.ok()) return s;
    if (Peek().type == Lex::kClose) return internal::ErrorAt(q_, Peek().at, "')' has no matching '('");
    if (!root) Warn("nothing left to search: every term was a stopword, so the query matches no records");
    query_.root_ = std::move(root);
    return std::move(query_);
  }

 private:
  const Lexeme& Peek() const { return lex_[pos_]; }

  // The bounds of term_builder.h: parentheses and terms, on hostile input.
  Status CheckSize() const {
    std::vector<internal::ShapedLexeme> shaped;
    for (const Lexeme& l : lex_) {
      using internal::LexemeShape;
      shaped.push_back({l.at, l.type == Lex::kOpen ? LexemeShape::kOpen : l.type == Lex::kClose ? LexemeShape::kClose
                              : l.type == Lex::kWord || l.type == Lex::kQuoted ? LexemeShape::kTerm : LexemeShape::kOther});
    }
    return internal::CheckQuerySize(q_, shaped, "terms");
  }

  void Warn(std::string w) {
    if (std::find(query_.warnings_.begin(), query_.warnings_.end(), w) == query_.warnings_.end()) {
      query_.warnings_.push_back(std::move(w));
    }
  }

  static std::string OperatorName(Lex t) { return t == Lex::kAnd ? "AND" : t == Lex::kOr ? "OR" : "NOT"; }

  // chain := operand ((AND|OR|NOT)? operand)*, left to right.
  Status ParseChain(std::unique_ptr<QueryNode>* out) {
    Status s = ParseOperand(out);
    if (!s.ok()) return s;
    while (Peek().type != Lex::kEnd && Peek().type != Lex::kClose) {
      NodeKind op = NodeKind::kAnd;  // adjacent terms: implicit AND
      if (IsOperator(Peek().type)) {
        const Lexeme& o = Peek();
        op = o.type == Lex::kAnd ? NodeKind::kAnd : o.type == Lex::kOr ? NodeKind::kOr : NodeKind::kNot;
        ++pos_;
        const Lex next = Peek().type;
        if (next == Lex::kEnd || next == Lex::kClose || IsOperator(next)) {
          return internal::ErrorAt(q_, o.at, OperatorName(o.type) + " needs a search term after it");
        }
      }
      std::unique_ptr<QueryNode> right;
      s = ParseOperand(&right);
      if (!s.ok()) return s;
      *out = internal::Combine(op, std::move(*out), std::move(right));
    }
    return Status::Ok();
  }

  Status ParseOperand(std::unique_ptr<QueryNode>* out) {
    const Lexeme& lx = Peek();
    switch (lx.type) {
      case Lex::kOpen: return ParseGroup(out);
      case Lex::kQuoted: {
        ++pos_;
        return ParseTerm(lx.text, lx.text_at, true, out);
      }
      case Lex::kWord: return ParseWords(out);
      case Lex::kTag:
        return internal::ErrorAt(q_, lx.at, "field tag [" + lx.text + "] must follow a search term, as in lymphoma[" +
                                                lx.text + "]");
      case Lex::kClose: return internal::ErrorAt(q_, lx.at, "')' has no matching '('");
      case Lex::kEnd: return internal::ErrorAt(q_, lx.at, "the query ends where a search term was expected");
      default:
        return internal::ErrorAt(q_, lx.at, OperatorName(lx.type) + " needs a search term before it");
    }
  }

  Status ParseGroup(std::unique_ptr<QueryNode>* out) {
    const size_t open_at = Peek().at;
    ++pos_;
    if (Peek().type == Lex::kClose) return internal::ErrorAt(q_, open_at, "empty parentheses; put search terms inside");
    Status s = ParseChain(out);
    if (!s.ok()) return s;
    if (Peek().type != Lex::kClose) return internal::ErrorAt(q_, open_at, "'(' is never closed; add ')'");
    ++pos_;
    if (Peek().type == Lex::kTag) {
      return internal::ErrorAt(q_, Peek().at, "a field tag cannot follow ')'; tag each term inside the parentheses");
    }
    return Status::Ok();
  }

  // Bare words: all of them are one term when a tag follows the run, else
  // only the first is (the next ones are read as implicitly ANDed terms).
  Status ParseWords(std::unique_ptr<QueryNode>* out) {
    const Lexeme& first = lex_[pos_];
    if (IsHistoryRef(first.text)) {
      ++pos_;
      return ParseHistory(first, out);
    }
    if (Status s = CheckRunOnHistoryRef(first); !s.ok()) return s;
    size_t end = pos_;
    while (lex_[end].type == Lex::kWord && !IsHistoryRef(lex_[end].text)) ++end;
    if (lex_[end].type != Lex::kTag) end = pos_ + 1;
    const size_t from = first.text_at;
    const size_t to = lex_[end - 1].text_at + lex_[end - 1].text.size();
    pos_ = end;
    return ParseTerm(std::string(q_.substr(from, to - from)), from, false, out);
  }

  // "#1AND": a history reference run into the next word (the review prints its
  // Fig. 1 so). PubMed would not read it as #1 AND; neither does carta, but it
  // says so instead of searching for the word "1and".
  Status CheckRunOnHistoryRef(const Lexeme& w) const {
    const std::string& t = w.text;
    size_t digits = 1;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
    if (t.size() < 2 || t[0] != '#' || digits == 1 || digits == t.size()) return Status::Ok();
    const std::string ref = t.substr(0, digits), rest = t.substr(digits);
    return internal::ErrorAt(q_, w.text_at, "'" + t + "' runs the history reference " + ref +
                                                " into the next word; put a space after it ('" + ref + " " + rest + "')");
  }

  Status ParseHistory(const Lexeme& ref, std::unique_ptr<QueryNode>* out) {
    const std::optional<long> n = text::ParseCount(std::string_view(ref.text).substr(1));
    if (!n || *n < 1 || static_cast<size_t>(*n) > history_.size()) {
      return internal::ErrorAt(q_, ref.at,
                               ref.text + " is not in the search history, which holds " +
                                   (history_.empty() ? std::string("no searches")
                                                     : "#1 to #" + std::to_string(history_.size())));
    }
    if (Peek().type == Lex::kTag) return internal::ErrorAt(q_, Peek().at, "a field tag cannot follow " + ref.text);
    const std::vector<std::string> earlier(history_.begin(), history_.begin() + (*n - 1));
    QueryParser sub_parser(history_[*n - 1], earlier, mesh_);
    Result<Query> sub = sub_parser.Parse();
    if (!sub.ok()) return internal::ErrorAt(q_, ref.at, ref.text + " is not a valid query: " + sub.status().message());
    // References to references grow the query geometrically (#3 = #2 OR #2, ...): bound the expansion.
    terms_ += sub_parser.terms_;
    if (terms_ > internal::kMaxQueryTerms) {
      return internal::ErrorAt(q_, ref.at, "with " + ref.text + " expanded the query has more than " +
                                               std::to_string(internal::kMaxQueryTerms) + " terms");
    }
    for (const std::string& w : sub->warnings_) Warn(w);
    *out = std::move(sub->root_);
    return Status::Ok();
  }

  // A term and its optional tag.
  Status ParseTerm(const std::string& text, size_t text_at, bool quoted, std::unique_ptr<QueryNode>* out) {
    ++terms_;
    const TagSpec* tag = &internal::AllFieldsTag();
    int proximity = -1;
    bool tagged = false;
    if (Peek().type == Lex::kTag) {
      const Lexeme& t = Peek();
      ++pos_;
      tagged = true;
      Status s = ResolveTag(t, &tag, &proximity);
      if (!s.ok()) return s;
    }
    if (!tag->warning.empty() && !(tag->explode && mesh_ != nullptr)) Warn(std::string(tag->warning));
    const TermSource src{q_, text_at};
    if (tag->kind == TagKind::kDate) {
      auto node = std::make_unique<QueryNode>();
      node->kind = NodeKind::kDate;
      Status s = internal::ParseDateRange(text, src, &node->date_from, &node->date_to);
      if (!s.ok()) return s;
      if (node->date_from % 10000 != 101 || node->date_to % 10000 != 1231) {
        Warn("a record dated only by its year counts as 1 January of that year, and one dated by year and month "
             "as the 1st of the month: a [dp] range that starts or ends within a year may leave such records out "
             "(or in)");
      }
      node->label = std::string(tag->label);
      *out = std::move(node);
      return Status::Ok();
    }
    if (!tagged && !quoted) {
      Warn("untagged terms are searched in all fields; PubMed would also map them to MeSH terms and synonyms "
           "(Automatic Term Mapping), which carta does not do");
    }
    return BuildTerm(*tag, text, src, quoted, proximity, out);
  }

  Status ResolveTag(const Lexeme& t, const TagSpec** tag, int* proximity) {
    std::string name = text::ToLower(text::Trim(t.text));
    const size_t tilde = name.find(":~");
    if (tilde != std::string::npos) {
      const std::optional<long> n = text::ParseCount(std::string_view(name).substr(tilde + 2));
      if (!n || *n > internal::kMaxProximity) {
        return internal::ErrorAt(q_, t.at, "bad proximity in [" + t.text + "]; write [tiab:~N] with N from 0 to " +
                                               std::to_string(internal::kMaxProximity));
      }
      *proximity = static_cast<int>(*n);
      name.resize(tilde);
    }
    *tag = internal::FindTag(name);
    if (*tag == nullptr) {
      const std::string close = text::ClosestMatch(name, internal::AllTagNames());
      return internal::ErrorAt(q_, t.at,
                               "unknown field tag [" + t.text + "]; " +
                                   (close.empty() ? "accepted tags include [tiab], [ti], [tw], [au], [1au], [mh], "
                                                    "[majr], [pt], [la], [dp], [pmid], [ta], [ot], [all]"
                                                  : "did you mean [" + close + "]?"));
    }
    if (*proximity >= 0 && (*tag)->kind != TagKind::kWords) {
      return internal::ErrorAt(q_, t.at, "proximity [" + t.text + "] needs a text field such as [tiab:~N] or [ti:~N]");
    }
    if (*proximity >= 0 && (*tag)->label != "Title/Abstract" && (*tag)->label != "Title") {
      Warn("PubMed allows proximity only in [ti] and [tiab]; carta also accepts it in [" + name + "]");
    }
    return Status::Ok();
  }

  Status BuildTerm(const TagSpec& tag, const std::string& text, const TermSource& src, bool quoted, int proximity,
                   std::unique_ptr<QueryNode>* out);

  // The narrower MeSH terms of an exploding tag's key ("descriptor" or
  // "descriptor/qualifier"), into node->narrower_keys.
  void Explode(QueryNode* node) {
    const size_t slash = node->key.find('/');
    const std::string descriptor = node->key.substr(0, slash);
    const std::string qualifier = slash == std::string::npos ? "" : node->key.substr(slash);
    if (!mesh_->Contains(descriptor)) {
      Warn("\"" + descriptor + "\" is not a descriptor of the imported MeSH tree: it is matched alone, not exploded");
      return;
    }
    for (const std::string& narrower : mesh_->Narrower(descriptor)) node->narrower_keys.push_back(narrower + qualifier);
  }

  std::string_view q_;
  const std::vector<std::string>& history_;
  const MeshTree* mesh_;
  std::vector<Lexeme> lex_;
  size_t pos_ = 0;
  size_t terms_ = 0;  // terms parsed, history references expanded
  Query query_;
};

Status QueryParser::BuildTerm(const TagSpec& tag, const std::string& text, const TermSource& src, bool quoted,
                              int proximity, std::unique_ptr<QueryNode>* out) {
  auto node = std::make_unique<QueryNode>();
  node->label = std::string(tag.label);
  node->word_fields = tag.word_fields;
  node->key_fields = tag.key_fields;
  node->first_author = tag.first_author;
  node->proximity = proximity;
  if (tag.kind == TagKind::kWords || tag.kind == TagKind::kAll) {
    std::vector<std::string> dropped;
    Status s = internal::BuildWords(text, src, !quoted, &node->words, &dropped);
    if (!s.ok()) return s;
    for (const std::string& d : dropped) Warn("\"" + d + "\" is a stopword; ignored as PubMed does");
    if (node->words.empty()) return Status::Ok();  // only stopwords: no term
    node->display = internal::DisplayWords(node->words, quoted);
  }
  if (tag.kind != TagKind::kWords) {
    bool prefix = false;
    Status s = internal::BuildKey(text, src, tag.kind == TagKind::kMesh, &node->key, &prefix);
    if (!s.ok()) return s;
    node->key_prefix = prefix;
    if (tag.explode && mesh_ != nullptr && !prefix) Explode(node.get());
    if (tag.kind == TagKind::kLanguage) node->key = internal::LanguageCode(node->key);
    if (tag.kind == TagKind::kPmid && node->key.find_first_not_of("0123456789") != std::string::npos) {
      return internal::ErrorAt(q_, src.at, "[pmid] needs the digits of a PubMed id, e.g. 36912345[pmid]");
    }
    if (tag.kind != TagKind::kAll) {
      node->display = node->key + (prefix ? "*" : "");
      if (node->key.find(' ') != std::string::npos || quoted) node->display = "\"" + node->display + "\"";
    }
  }
  *out = std::move(node);
  return Status::Ok();
}

Result<Query> ParsePubmed(std::string_view text, const std::vector<std::string>& history, const MeshTree* mesh) {
  return QueryParser(text, history, mesh).Parse();
}

}  // namespace carta::search
