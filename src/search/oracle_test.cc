// The index against a brute-force oracle: random records, random PubMed
// queries; the oracle walks every record and every token for each query,
// sharing only the tokenizer, the field definitions and the parsed tree.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "carta/search/index.h"
#include "carta/search/tokenizer.h"
#include "fields.h"
#include "query_ast.h"

namespace carta::search {
namespace {

using internal::FieldId;
using internal::NodeKind;
using internal::QueryNode;

struct OracleDoc {
  std::vector<std::pair<std::string, uint32_t>> words[internal::kNumWordFields];
  std::vector<std::pair<std::string, size_t>> keys[internal::kNumFields];  // (key, author rank)
  uint32_t date = 0, epub_date = 0;
};

OracleDoc Prepare(const biblio::Record& r) {
  OracleDoc d;
  Tokenizer tokenizer;
  std::vector<std::string_view> texts;
  for (int f = 0; f < internal::kNumWordFields; ++f) {
    internal::CollectTexts(r, static_cast<FieldId>(f), &texts);
    for (size_t v = 0; v < texts.size(); ++v) {  // values far apart (short values here)
      for (const Token& t : tokenizer.Tokenize(texts[v])) {
        d.words[f].emplace_back(std::string(t.text), static_cast<uint32_t>(v * 1000000 + t.position));
      }
    }
  }
  for (size_t rank = 0; rank < r.authors.size(); ++rank) {
    std::vector<std::string> keys = AuthorKeys(r.authors[rank]);
    if (keys.size() > 1) keys[1] = internal::kFullNameMark + keys[1];
    for (const std::string& k : keys) d.keys[static_cast<int>(FieldId::kAuthor)].emplace_back(k, rank);
  }
  std::vector<std::string> keys;
  for (int f = static_cast<int>(FieldId::kMesh); f < internal::kNumFields; ++f) {
    internal::CollectKeys(r, static_cast<FieldId>(f), &keys);
    for (const std::string& k : keys) d.keys[f].emplace_back(k, 0);
  }
  d.date = internal::DateKey(r);
  d.epub_date = internal::EpubDateKey(r);
  return d;
}

bool WordMatches(const internal::QueryWord& w, const std::string& token) {
  return w.prefix ? token.rfind(w.text, 0) == 0 : token == w.text;
}

// Chooses distinct positions for words[i..] and checks the chain rule.
bool Assign(const std::vector<std::vector<uint32_t>>& cands, size_t i, std::vector<uint32_t>* chosen, int n) {
  if (i == cands.size()) {
    std::vector<uint32_t> s = *chosen;
    std::sort(s.begin(), s.end());
    for (size_t k = 1; k < s.size(); ++k) {
      if (s[k] == s[k - 1] || s[k] - s[k - 1] - 1 > static_cast<uint32_t>(n)) return false;
    }
    return true;
  }
  for (uint32_t p : cands[i]) {
    chosen->push_back(p);
    if (Assign(cands, i + 1, chosen, n)) return true;
    chosen->pop_back();
  }
  return false;
}

bool PhraseIn(const std::vector<std::pair<std::string, uint32_t>>& tokens, const QueryNode& n) {
  std::vector<std::vector<uint32_t>> cands(n.words.size());
  for (size_t i = 0; i < n.words.size(); ++i) {
    for (const auto& [text, pos] : tokens) {
      if (WordMatches(n.words[i], text)) cands[i].push_back(pos);
    }
    if (cands[i].empty()) return false;
  }
  if (n.proximity >= 0) {
    std::vector<uint32_t> chosen;
    return Assign(cands, 0, &chosen, n.proximity);
  }
  for (uint32_t p : cands[0]) {
    bool all = true;
    for (size_t i = 1; i < n.words.size() && all; ++i) {
      all = std::count(cands[i].begin(), cands[i].end(), p + n.words[i].offset) > 0;
    }
    if (all) return true;
  }
  return false;
}

bool KeyIn(const std::vector<std::pair<std::string, size_t>>& keys, FieldId f, const QueryNode& n) {
  for (const auto& [stored, rank] : keys) {
    if (n.first_author && f == FieldId::kAuthor && rank != 0) continue;
    const bool full_name = !stored.empty() && stored[0] == internal::kFullNameMark;
    const std::string key = full_name ? stored.substr(1) : stored;
    auto starts = [&](const std::string& p) { return key.rfind(p, 0) == 0; };
    if (f != FieldId::kAuthor || n.key_prefix) {
      if (n.key_prefix ? starts(n.key) : key == n.key) return true;
      if (std::find(n.narrower_keys.begin(), n.narrower_keys.end(), key) != n.narrower_keys.end()) return true;
      continue;
    }
    const bool initials = !full_name && n.key.find(' ') != std::string::npos;
    if (initials ? starts(n.key) : key == n.key || starts(n.key + " ")) return true;
  }
  return false;
}

bool Matches(const OracleDoc& d, const QueryNode& n) {
  switch (n.kind) {
    case NodeKind::kAnd: return Matches(d, *n.left) && Matches(d, *n.right);
    case NodeKind::kOr: return Matches(d, *n.left) || Matches(d, *n.right);
    case NodeKind::kNot: return Matches(d, *n.left) && !Matches(d, *n.right);
    case NodeKind::kDate:
      return (d.date != 0 && d.date >= n.date_from && d.date <= n.date_to) ||
             (d.epub_date != 0 && d.epub_date >= n.date_from && d.epub_date <= n.date_to);
    case NodeKind::kTerm: break;
  }
  for (int f = 0; f < internal::kNumFields; ++f) {
    const FieldId field = static_cast<FieldId>(f);
    if ((n.word_fields & internal::FieldBit(field)) && f < internal::kNumWordFields && !n.words.empty() &&
        PhraseIn(d.words[f], n)) {
      return true;
    }
    if ((n.key_fields & internal::FieldBit(field)) && !n.key.empty() && KeyIn(d.keys[f], field, n)) return true;
  }
  return false;
}

const char* const kVocab[] = {"car", "t", "cell", "cells", "cellular", "lymphoma", "lymphomas", "therapy", "the",
                              "of", "blood", "cd19", "4", "1bb", "crs", "淋巴瘤", "骨髓瘤", "治疗"};
const char* const kAuthors[] = {"Smith, John A", "Smith, Jane", "Smithers, Paul", "Lee, Anna", "张三", "李四"};
const char* const kMesh[] = {"Lymphoma", "Receptors, Chimeric Antigen", "Cytokine Release Syndrome"};
const char* const kTypes[] = {"Journal Article", "Review", "Clinical Trial"};

template <typename T, size_t N>
const char* Pick(std::mt19937& rng, T (&items)[N]) {
  return items[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
}

std::string Words(std::mt19937& rng, int lo, int hi) {
  std::string s;
  for (int i = std::uniform_int_distribution<int>(lo, hi)(rng); i > 0; --i) {
    s += Pick(rng, kVocab);
    s += rng() % 4 == 0 ? "-" : " ";
  }
  return s;
}

biblio::Record RandomRecord(std::mt19937& rng) {
  biblio::Record r;
  r.title = Words(rng, 2, 8);
  r.abstract = Words(rng, 0, 25);
  for (int i = rng() % 3; i > 0; --i) r.authors.push_back(Pick(rng, kAuthors));
  for (int i = rng() % 3; i > 0; --i) r.keywords.push_back(Words(rng, 1, 3));
  for (int i = rng() % 3; i > 0; --i) r.mesh.push_back({Pick(rng, kMesh), rng() % 2 == 0, {}});
  r.publication_types.push_back(Pick(rng, kTypes));
  r.journal = rng() % 2 ? "Blood" : "Lancet Oncology";
  r.language = rng() % 3 ? "eng" : "chi";
  r.year = rng() % 10 ? 2015 + static_cast<int>(rng() % 10) : 0;
  r.month = static_cast<int>(rng() % 13);
  r.day = r.month ? static_cast<int>(rng() % 29) : 0;
  if (rng() % 4 == 0) {  // an electronic date, which [dp] matches too
    r.epub_year = 2015 + static_cast<int>(rng() % 10);
    r.epub_month = static_cast<int>(rng() % 13);
  }
  r.pmid = std::to_string(1000 + rng() % 50);
  return r;
}

std::string RandomTerm(std::mt19937& rng) {
  static const char* const kTags[] = {"[tiab]", "[ti]", "[ab]", "[tw]", "[ot]", "[all]", ""};
  switch (rng() % 10) {
    case 0: return std::string("\"") + Pick(rng, kVocab) + " " + Pick(rng, kVocab) + "\"" + Pick(rng, kTags);
    case 1: return std::string("\"") + Pick(rng, kVocab) + " " + Pick(rng, kVocab) + "\"[tiab:~" +
                   std::to_string(rng() % 4) + "]";
    case 2: return std::string(rng() % 2 ? "lymph*" : "cell*") + Pick(rng, kTags);
    case 3: return std::string(rng() % 2 ? "smith j" : "lee") + (rng() % 2 ? "[au]" : "[1au]");
    case 4: return std::string(Pick(rng, kMesh)) + (rng() % 2 ? "[mh]" : "[majr]");
    case 5: return std::string(Pick(rng, kTypes)) + "[pt]";
    case 6: return std::to_string(2014 + rng() % 6) + ":" + std::to_string(2019 + rng() % 6) + "[dp]";
    case 7: return std::string(Pick(rng, kVocab)) + " " + Pick(rng, kVocab) + "[tiab]";
    default: return std::string(Pick(rng, kVocab)) + Pick(rng, kTags);
  }
}

std::string RandomQuery(std::mt19937& rng, int depth) {
  std::string q = depth > 0 && rng() % 3 == 0 ? "(" + RandomQuery(rng, depth - 1) + ")" : RandomTerm(rng);
  static const char* const kOps[] = {" AND ", " OR ", " NOT ", " "};
  for (int i = rng() % 3; i > 0; --i) {
    const std::string next = depth > 0 && rng() % 3 == 0 ? "(" + RandomQuery(rng, depth - 1) + ")" : RandomTerm(rng);
    std::string op = Pick(rng, kOps);
    // Bare words before a tag belong to the tagged term; keep them apart.
    if (op == " " && next.find('[') != std::string::npos) op = " AND ";
    q += op + next;
  }
  return q;
}

TEST(SearchOracle, IndexAgreesWithBruteForce) {
  std::mt19937 rng(20240731);
  for (int round = 0; round < 6; ++round) {
    std::vector<biblio::Record> records;
    // 400 records: common words reach full 128-document posting blocks in the
    // one-segment rounds (2, 3) and after merging (odd rounds and 4, 5).
    for (int i = 0; i < 400; ++i) records.push_back(RandomRecord(rng));
    std::vector<OracleDoc> docs;
    for (const biblio::Record& r : records) docs.push_back(Prepare(r));
    Index index;  // segments of 60 records (rounds 0, 1) or one segment; merged in odd rounds
    if (round >= 4) {  // one builder working in batches on threads, merged by its Finish
      BuildOptions options;
      options.threads = round == 4 ? 2 : 3;
      options.batch_records = round == 4 ? 37 : 1;
      IndexBuilder builder(options);
      for (const biblio::Record& r : records) builder.Add(r);
      index = builder.Finish();
      ASSERT_EQ(index.num_segments(), 1u);
    }
    const size_t per_segment = round < 2 ? 60 : records.size();
    for (size_t start = 0; round < 4 && start < records.size(); start += per_segment) {
      IndexBuilder builder;
      for (size_t i = start; i < std::min(records.size(), start + per_segment); ++i) builder.Add(records[i]);
      index.Append(builder.Finish());
    }
    if (round % 2 && round < 4) index.Merge();
    for (int k = 0; k < 150; ++k) {
      const std::string text = RandomQuery(rng, 2);
      Result<Query> q = ParsePubmed(text);
      ASSERT_TRUE(q.ok()) << text << ": " << q.status().ToString();
      std::vector<uint32_t> expected;
      for (uint32_t d = 0; d < docs.size(); ++d) {
        if (q->root() != nullptr && Matches(docs[d], *q->root())) expected.push_back(d);
      }
      ASSERT_EQ(index.Search(*q).docs, expected) << text << " read as " << q->Explain();
      ASSERT_EQ(index.Count(*q), expected.size()) << text;
    }
  }
}

}  // namespace
}  // namespace carta::search
