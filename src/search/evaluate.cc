#include "evaluate.h"

#include <algorithm>

namespace carta::search::internal {

namespace {

// Unites many increasing lists: a bitmap when they are dense, else sort.
class DocUnion {
 public:
  explicit DocUnion(uint32_t num_docs) : num_docs_(num_docs) {}
  std::vector<uint32_t>* list() {
    ++lists_;
    return &docs_;
  }
  void TakeInto(std::vector<uint32_t>* out) {
    if (lists_ <= 1) {
      out->swap(docs_);
      return;
    }
    out->clear();
    if (docs_.size() > num_docs_ / 32) {
      std::vector<uint64_t> bits((size_t{num_docs_} + 63) / 64);
      for (uint32_t d : docs_) bits[d >> 6] |= uint64_t{1} << (d & 63);
      for (size_t w = 0; w < bits.size(); ++w) {
        for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
          out->push_back(static_cast<uint32_t>(w * 64 + static_cast<unsigned>(__builtin_ctzll(b))));
        }
      }
      return;
    }
    std::sort(docs_.begin(), docs_.end());
    docs_.erase(std::unique(docs_.begin(), docs_.end()), docs_.end());
    out->swap(docs_);
  }

 private:
  uint32_t num_docs_;
  int lists_ = 0;
  std::vector<uint32_t> docs_;
};

struct TermRange {
  uint32_t first = 0, last = 0;
};

// The term ids of key field `f` that match the node's key. Authors: the
// initials key by prefix when the term has initials ("smith j" finds "smith
// ja"), else by whole words ("smith" finds "smith ja", not "smithers p"); the
// full-name key always by whole words ("smith john" finds "smith john a").
std::vector<TermRange> KeyRanges(const Segment& s, FieldId f, const QueryNode& n) {
  std::vector<TermRange> ranges;
  auto add = [&](const std::string& text, bool prefix) {
    ranges.emplace_back();
    s.Find(f, text, prefix, &ranges.back().first, &ranges.back().last);
  };
  if (f != FieldId::kAuthor || n.key_prefix) {
    add(n.key, n.key_prefix);
    if (f == FieldId::kAuthor) add(kFullNameMark + n.key, true);
    return ranges;
  }
  const bool initials = n.key.find(' ') != std::string::npos;
  add(n.key, initials);
  if (!initials) add(n.key + " ", true);
  const std::string full = kFullNameMark + n.key;
  add(full, false);
  add(full + " ", true);
  return ranges;
}

void MatchKey(const Segment& s, FieldId f, const QueryNode& n, std::vector<uint32_t>* out) {
  DocUnion all(s.num_docs());
  std::vector<uint32_t> positions;
  for (const TermRange& r : KeyRanges(s, f, n)) {
    for (uint32_t id = r.first; id < r.last; ++id) {
      if (!(n.first_author && f == FieldId::kAuthor)) {
        s.AppendDocs(id, all.list());
        continue;
      }
      std::vector<uint32_t>* list = all.list();
      PostingCursor c = s.Postings(id);
      while (c.Next()) {
        positions.clear();
        c.AppendPositions(&positions);
        if (!positions.empty() && positions[0] == 0) list->push_back(c.doc());
      }
    }
  }
  all.TakeInto(out);
}

// Positions of one query word in the current document, from every term the
// word expands to.
struct WordCursors {
  std::vector<PostingCursor> cursors;
  std::vector<uint32_t> positions;
  void Load(uint32_t doc) {
    positions.clear();
    for (PostingCursor& c : cursors) {
      if (c.SkipTo(doc) && c.doc() == doc) c.AppendPositions(&positions);
    }
    if (cursors.size() > 1) {
      std::sort(positions.begin(), positions.end());
      positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    }
  }
};

void MatchWords(const Segment& s, FieldId f, const QueryNode& n, std::vector<uint32_t>* out) {
  const size_t k = n.words.size();
  std::vector<TermRange> ranges(k);
  for (size_t i = 0; i < k; ++i) {
    s.Find(f, n.words[i].text, n.words[i].prefix, &ranges[i].first, &ranges[i].last);
    if (ranges[i].first == ranges[i].last) return;
  }
  // Candidates: documents holding every word, rarest word first.
  std::vector<uint32_t> candidates, docs, tmp;
  std::vector<std::pair<uint64_t, size_t>> order;
  for (size_t i = 0; i < k; ++i) {
    uint64_t df = 0;
    for (uint32_t id = ranges[i].first; id < ranges[i].last; ++id) df += s.DocFreq(id);
    order.emplace_back(df, i);
  }
  std::sort(order.begin(), order.end());
  for (size_t j = 0; j < k; ++j) {
    const TermRange& r = ranges[order[j].second];
    DocUnion all(s.num_docs());
    for (uint32_t id = r.first; id < r.last; ++id) s.AppendDocs(id, all.list());
    all.TakeInto(&docs);
    if (j == 0) {
      candidates.swap(docs);
    } else {
      Intersect(candidates, docs, &tmp);
      candidates.swap(tmp);
    }
    if (candidates.empty()) return;
  }
  if (k == 1) {
    out->swap(candidates);
    return;
  }
  std::vector<WordCursors> words(k);
  for (size_t i = 0; i < k; ++i) {
    for (uint32_t id = ranges[i].first; id < ranges[i].last; ++id) words[i].cursors.push_back(s.Postings(id));
  }
  std::vector<std::vector<uint32_t>> positions(k);
  for (uint32_t doc : candidates) {
    for (size_t i = 0; i < k; ++i) {
      words[i].Load(doc);
      positions[i].swap(words[i].positions);
    }
    if (PositionsMatch(positions, n.words, n.proximity)) out->push_back(doc);
    for (size_t i = 0; i < k; ++i) positions[i].swap(words[i].positions);
  }
}

void EvaluateTerm(const Segment& s, const QueryNode& n, std::vector<uint32_t>* out) {
  std::vector<uint32_t> acc, part, tmp;
  for (int f = 0; f < kNumFields; ++f) {
    const FieldId field = static_cast<FieldId>(f);
    const bool word = (n.word_fields & FieldBit(field)) != 0;
    const bool key = (n.key_fields & FieldBit(field)) != 0;
    if (!word && !key) continue;
    part.clear();
    if (word && IsWordField(field) && !n.words.empty()) MatchWords(s, field, n, &part);
    if (key && !IsWordField(field) && !n.key.empty()) MatchKey(s, field, n, &part);
    if (acc.empty()) {
      acc.swap(part);
    } else {
      Unite(acc, part, &tmp);
      acc.swap(tmp);
    }
  }
  out->insert(out->end(), acc.begin(), acc.end());
}

// Positions matching with distinct, increasing chosen positions, each at most
// `gap` + 1 after the previous one; masks of the words used so far.
bool ChainCovers(const std::vector<std::vector<uint32_t>>& positions, int gap) {
  const size_t k = positions.size();
  std::vector<std::pair<uint32_t, uint32_t>> entries;  // (position, word)
  for (size_t i = 0; i < k; ++i) {
    for (uint32_t p : positions[i]) entries.emplace_back(p, static_cast<uint32_t>(i));
  }
  std::sort(entries.begin(), entries.end());
  const uint32_t full = (1u << k) - 1;
  std::vector<std::vector<uint32_t>> masks(entries.size());
  for (size_t j = 0; j < entries.size(); ++j) {
    const uint32_t bit = 1u << entries[j].second;
    masks[j].push_back(bit);
    for (size_t i = j; i-- > 0;) {
      if (entries[j].first - entries[i].first > static_cast<uint32_t>(gap) + 1) break;
      if (entries[i].first == entries[j].first) continue;
      for (uint32_t m : masks[i]) {
        if ((m & bit) == 0) masks[j].push_back(m | bit);
      }
    }
    std::sort(masks[j].begin(), masks[j].end());
    masks[j].erase(std::unique(masks[j].begin(), masks[j].end()), masks[j].end());
    if (masks[j].back() == full) return true;
  }
  return false;
}

}  // namespace

bool PositionsMatch(const std::vector<std::vector<uint32_t>>& positions, const std::vector<QueryWord>& words,
                    int proximity) {
  if (proximity >= 0) return ChainCovers(positions, proximity);
  for (uint32_t p : positions[0]) {
    bool all = true;
    for (size_t i = 1; i < words.size() && all; ++i) {
      all = std::binary_search(positions[i].begin(), positions[i].end(), p + words[i].offset - words[0].offset);
    }
    if (all) return true;
  }
  return false;
}

void Evaluate(const Segment& s, const QueryNode& n, std::vector<uint32_t>* out) {
  if (n.kind == NodeKind::kTerm) return EvaluateTerm(s, n, out);
  if (n.kind == NodeKind::kDate) {
    for (uint32_t doc = 0; doc < s.num_docs(); ++doc) {
      const uint32_t d = s.date(doc);
      if (d >= n.date_from && d <= n.date_to && d != 0) out->push_back(doc);
    }
    return;
  }
  std::vector<uint32_t> left, right;
  Evaluate(s, *n.left, &left);
  if (left.empty() && n.kind != NodeKind::kOr) return;
  Evaluate(s, *n.right, &right);
  if (n.kind == NodeKind::kAnd) Intersect(left, right, out);
  if (n.kind == NodeKind::kOr) Unite(left, right, out);
  if (n.kind == NodeKind::kNot) Subtract(left, right, out);
}

uint32_t Count(const Segment& s, const QueryNode& n) {
  const bool one_field = n.kind == NodeKind::kTerm && __builtin_popcount(n.word_fields | n.key_fields) == 1;
  if (one_field && n.word_fields != 0 && n.words.size() == 1 && !n.words[0].prefix) {
    const FieldId f = static_cast<FieldId>(__builtin_ctz(n.word_fields));
    uint32_t first = 0, last = 0;
    s.Find(f, n.words[0].text, false, &first, &last);
    return first == last ? 0 : s.DocFreq(first);
  }
  std::vector<uint32_t> docs;
  Evaluate(s, n, &docs);
  return static_cast<uint32_t>(docs.size());
}

void Intersect(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out) {
  out->clear();
  const std::vector<uint32_t>& small = a.size() <= b.size() ? a : b;
  const std::vector<uint32_t>& large = a.size() <= b.size() ? b : a;
  if (small.size() * 16 < large.size()) {  // galloping: binary search the rest of `large`
    auto from = large.begin();
    for (uint32_t d : small) {
      from = std::lower_bound(from, large.end(), d);
      if (from == large.end()) break;
      if (*from == d) out->push_back(d);
    }
    return;
  }
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(*out));
}

void Unite(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out) {
  out->clear();
  out->reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(*out));
}

void Subtract(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out) {
  out->clear();
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(*out));
}

}  // namespace carta::search::internal
