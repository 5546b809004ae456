// The benchmark's query set and its renderings for carta (PubMed syntax) and
// FTS5 (MATCH expressions); Xapian builds its queries in search_xapian.cc.
#include <filesystem>

#include "search_bench.h"

namespace carta::bench {

const char* const kFieldNames[kNumTextFields] = {"ti", "ab", "kw", "mesh", "pt", "jour", "au"};

std::vector<std::string> FieldValues(const biblio::Record& r, int f) {
  switch (f) {
    case 0: return {r.title};
    case 1: return {r.abstract};
    case 2: return r.keywords;
    case 3: {
      std::vector<std::string> v;
      for (const biblio::MeshHeading& h : r.mesh) {
        v.push_back(h.descriptor);
        v.insert(v.end(), h.qualifiers.begin(), h.qualifiers.end());
      }
      return v;
    }
    case 4: return r.publication_types;
    case 5: return {r.journal};
    default: return r.authors;
  }
}

namespace {

using Q = std::shared_ptr<BenchQuery>;

Q Words(unsigned fields, std::vector<std::string> words, int near = -1) {
  auto q = std::make_shared<BenchQuery>();
  q->fields = fields;
  q->words = std::move(words);
  q->near = near;
  return q;
}

Q Prefix(unsigned fields, std::string stem) {
  Q q = Words(fields, {std::move(stem)});
  q->prefix = true;
  return q;
}

Q Bool(BenchQuery::Op op, Q left, Q right) {
  auto q = std::make_shared<BenchQuery>();
  q->op = op;
  q->left = std::move(left);
  q->right = std::move(right);
  return q;
}

std::string PubmedTag(unsigned fields, int near) {
  std::string tag = fields == kTi ? "ti" : fields == kTiab ? "tiab" : "tw";
  if (near >= 0) tag += ":~" + std::to_string(near);
  return "[" + tag + "]";
}

const char* OpName(BenchQuery::Op op) {
  return op == BenchQuery::Op::kAnd ? " AND " : op == BenchQuery::Op::kOr ? " OR " : " NOT ";
}

}  // namespace

std::vector<NamedQuery> QuerySet(const std::string& rare_word, const std::string& medium_word) {
  using Op = BenchQuery::Op;
  return {
      {"term, rare", Words(kTiab, {rare_word})},
      {"term, medium", Words(kTiab, {medium_word})},
      {"term, common", Words(kTiab, {"patients"})},
      {"term, planted (cd19)", Words(kTiab, {"cd19"})},
      {"AND, selective", Bool(Op::kAnd, Words(kTiab, {"lymphoma"}), Words(kTiab, {"cd19"}))},
      {"AND, common", Bool(Op::kAnd, Words(kTiab, {"patients"}), Words(kTiab, {"treatment"}))},
      {"OR", Bool(Op::kOr, Words(kTiab, {"lymphoma"}), Words(kTiab, {"leukemia"}))},
      {"NOT", Bool(Op::kNot, Words(kTiab, {"lymphoma"}), Words(kTiab, {"cd19"}))},
      {"phrase 2", Words(kTiab, {"release", "syndrome"})},
      {"phrase 2, common", Words(kTiab, {"overall", "survival"})},
      {"phrase 2, stopwords", Words(kTiab, {"of", "the"})},
      {"phrase 3", Words(kTiab, {"cytokine", "release", "syndrome"})},
      {"phrase 3, common", Words(kTiab, {"in", "patients", "with"})},
      {"phrase 3, car t cell", Words(kTiab, {"car", "t", "cell"})},
      {"truncation lymph*", Prefix(kTiab, "lymph")},
      {"proximity ~2", Words(kTiab, {"cytokine", "syndrome"}, 2)},
      {"proximity ~5, common", Words(kTiab, {"patients", "treatment"}, 5)},
      {"title term", Words(kTi, {"lymphoma"})},
      {"title phrase", Words(kTi, {"car", "t", "cell"})},
      {"text words [tw]", Words(kTw, {"lymphoma"})},
      {"Chinese 淋巴瘤", Words(kTiab, {"淋巴", "巴瘤"})},
      {"Chinese 嵌合抗原受体", Words(kTiab, {"嵌合", "合抗", "抗原", "原受", "受体"})},
      {"nested Boolean",
       Bool(Op::kAnd, Bool(Op::kOr, Words(kTiab, {"car", "t", "cell"}), Words(kTiab, {"chimeric", "antigen", "receptor"})),
            Bool(Op::kOr, Words(kTiab, {"lymphoma"}), Words(kTiab, {"leukemia"})))},
  };
}

std::string ToPubmed(const BenchQuery& q) {
  if (q.op != BenchQuery::Op::kWords) return "(" + ToPubmed(*q.left) + OpName(q.op) + ToPubmed(*q.right) + ")";
  std::string words;
  for (const std::string& w : q.words) words += (words.empty() ? "" : " ") + w;
  if (q.prefix) return words + "*" + PubmedTag(q.fields, q.near);
  if (q.words.size() > 1) words = "\"" + words + "\"";
  return words + PubmedTag(q.fields, q.near);
}

std::string ToFts5(const BenchQuery& q) {
  if (q.op != BenchQuery::Op::kWords) return "(" + ToFts5(*q.left) + ")" + OpName(q.op) + "(" + ToFts5(*q.right) + ")";
  std::string cols = "{";
  for (int f = 0; f < kNumTextFields; ++f) {
    if (q.fields & (1u << f)) cols += std::string(cols.size() > 1 ? " " : "") + kFieldNames[f];
  }
  cols += "} : ";
  if (q.near >= 0) {
    std::string near = "NEAR(";
    for (const std::string& w : q.words) near += "\"" + w + "\" ";
    return cols + near + ", " + std::to_string(q.near) + ")";
  }
  std::string phrase;
  for (const std::string& w : q.words) phrase += (phrase.empty() ? "" : " ") + w;
  return cols + "\"" + phrase + "\"" + (q.prefix ? " *" : "");
}

uint64_t DiskBytes(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
  uint64_t total = 0;
  for (const auto& e : fs::recursive_directory_iterator(path, ec)) {
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  }
  return total;
}

}  // namespace carta::bench
