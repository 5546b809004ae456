#include "evaluate.h"

#include <algorithm>

#include "coding.h"

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
    for (TermCursor t(s, r.first); t.Valid() && t.id() < r.last; t.Next()) {
      if (!(n.first_author && f == FieldId::kAuthor)) {
        s.AppendDocs(t.term(), all.list());
        continue;
      }
      std::vector<uint32_t>* list = all.list();
      PostingCursor c = s.Postings(t.term());
      while (c.Next()) {
        positions.clear();
        c.AppendPositions(&positions);
        if (!positions.empty() && positions[0] == 0) list->push_back(c.doc());
      }
    }
  }
  for (const std::string& key : n.narrower_keys) {  // an exploded MeSH term
    uint32_t first = 0, last = 0;
    s.Find(f, key, false, &first, &last);
    for (TermCursor t(s, first); t.Valid() && t.id() < last; t.Next()) s.AppendDocs(t.term(), all.list());
  }
  all.TakeInto(out);
}

// One query word: the cursors of every term it expands to (several for a
// truncated word) and its positions in the current document.
struct WordCursors {
  std::vector<PostingCursor> cursors;
  std::vector<uint8_t> here;  // cursor k holds the current document
  std::vector<uint32_t> positions;
  uint64_t doc_freq = 0;
  // A one-term word whose documents were listed (WordDocs) keeps them with
  // their position counts, and reads positions in step with the candidates
  // (no cursor, no block decoded twice).
  bool listed = false;
  std::vector<uint32_t> listed_docs, listed_counts;
  size_t listed_at = 0;
  const char* pos_p = nullptr;
  const char* pos_end = nullptr;

  // Whether any term of the word holds `doc` (cursors only move forward).
  bool Holds(uint32_t doc) {
    if (cursors.size() == 1) return (here[0] = cursors[0].SkipTo(doc) && cursors[0].doc() == doc);
    bool any = false;
    for (size_t k = 0; k < cursors.size(); ++k) {
      here[k] = cursors[k].SkipTo(doc) && cursors[k].doc() == doc;
      any = any || here[k];
    }
    return any;
  }
  // REQUIRES: Holds(doc) was just true.
  void LoadPositions() {
    positions.clear();
    if (cursors.size() == 1) return cursors[0].AppendPositions(&positions);
    for (size_t k = 0; k < cursors.size(); ++k) {
      if (here[k]) cursors[k].AppendPositions(&positions);
    }
    if (cursors.size() > 1) {
      std::sort(positions.begin(), positions.end());
      positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    }
  }
  // The positions of `doc` from the listed documents. REQUIRES: listed, doc
  // among them, docs asked for in increasing order.
  void LoadListedPositions(uint32_t doc) {
    positions.clear();
    uint32_t skip = 0;
    while (listed_at < listed_docs.size() && listed_docs[listed_at] < doc) skip += listed_counts[listed_at++];
    if (listed_at == listed_docs.size() || listed_docs[listed_at] != doc) return;
    if (!coding::SkipVarints(&pos_p, pos_end, skip)) return;
    int64_t position = -1;
    for (uint32_t k = 0, n = listed_counts[listed_at++]; k < n; ++k) {
      uint32_t delta = 0;
      if (!coding::GetVarint32(&pos_p, pos_end, &delta)) return;
      position += int64_t{delta} + 1;
      positions.push_back(static_cast<uint32_t>(position));
    }
  }
};

WordCursors OpenWord(const Segment& s, const TermRange& r) {
  WordCursors w;
  for (TermCursor t(s, r.first); t.Valid() && t.id() < r.last; t.Next()) {
    w.cursors.push_back(s.Postings(t.term()));
    w.doc_freq += t.term().doc_freq;
    w.pos_p = t.term().positions.data();
    w.pos_end = w.pos_p + t.term().positions.size();
  }
  w.here.assign(w.cursors.size(), 0);
  return w;
}

// The documents of `w`'s terms, increasing; a one-term word keeps them with
// their position counts when `keep` (WordCursors::listed).
void WordDocs(const Segment& s, WordCursors* w, bool keep, std::vector<uint32_t>* out) {
  if (keep && w->cursors.size() == 1) {
    PostingCursor c = w->cursors[0];
    c.AppendAll(&w->listed_docs, &w->listed_counts);
    w->listed = true;
    *out = w->listed_docs;
    return;
  }
  DocUnion all(s.num_docs());
  for (PostingCursor c : w->cursors) c.AppendAll(all.list(), nullptr);
  all.TakeInto(out);
}

// Keeps the candidates that `w` holds, by listing the word's documents and
// intersecting: for a word whose documents are not many more than the
// candidates (else its cursors check each candidate, skipping whole blocks).
void FilterByWord(const Segment& s, WordCursors* w, bool keep, std::vector<uint32_t>* candidates) {
  std::vector<uint32_t> docs, both;
  WordDocs(s, w, keep, &docs);
  Intersect(*candidates, docs, &both);
  candidates->swap(both);
}

// Documents of field `f` holding the node's words (at the right positions
// when there are several), within `*within` when it is set: the documents
// holding every word first (rarest word first), then positions for those only.
void MatchWords(const Segment& s, FieldId f, const QueryNode& n, const std::vector<uint32_t>* within,
                std::vector<uint32_t>* out) {
  const size_t k = n.words.size();
  std::vector<WordCursors> words;
  for (size_t i = 0; i < k; ++i) {
    TermRange r;
    s.Find(f, n.words[i].text, n.words[i].prefix, &r.first, &r.last);
    if (r.first == r.last) return;
    words.push_back(OpenWord(s, r));
  }
  std::vector<size_t> order(k);
  for (size_t i = 0; i < k; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return words[a].doc_freq < words[b].doc_freq; });
  std::vector<uint32_t> candidates;
  std::vector<bool> listed(k, false);  // candidates known to hold word i
  if (within != nullptr && within->size() <= words[order[0]].doc_freq) {
    candidates = *within;
  } else {
    WordDocs(s, &words[order[0]], k > 1, &candidates);
    listed[order[0]] = true;
    if (within != nullptr) {
      std::vector<uint32_t> both;
      Intersect(candidates, *within, &both);
      candidates.swap(both);
    }
  }
  for (size_t next = 0; next < k && !candidates.empty(); ++next) {
    const size_t i = order[next];
    if (!listed[i] && candidates.size() * 8 >= words[i].doc_freq) {
      FilterByWord(s, &words[i], k > 1, &candidates);
      listed[i] = true;
    }
  }
  if (k == 1 && listed[0]) {
    out->insert(out->end(), candidates.begin(), candidates.end());
    return;
  }
  // Each candidate against the other words' cursors (rarest first), then
  // positions: from the listed documents, or by the cursors.
  std::vector<std::vector<uint32_t>> positions(k);
  for (uint32_t doc : candidates) {
    bool all = true;
    for (size_t next = 0; next < k && all; ++next) {
      if (!listed[order[next]]) all = words[order[next]].Holds(doc);
    }
    if (!all) continue;
    if (k == 1) {
      out->push_back(doc);
      continue;
    }
    for (size_t i = 0; i < k; ++i) {
      if (words[i].listed) {
        words[i].LoadListedPositions(doc);
      } else {
        if (listed[i]) words[i].Holds(doc);  // place the cursors
        words[i].LoadPositions();
      }
      positions[i].swap(words[i].positions);
    }
    const bool match = PositionsMatch(positions, n.words, n.proximity);
    for (size_t i = 0; i < k; ++i) positions[i].swap(words[i].positions);
    if (match) out->push_back(doc);
  }
}

void EvaluateTerm(const Segment& s, const QueryNode& n, const std::vector<uint32_t>* within,
                  std::vector<uint32_t>* out) {
  std::vector<std::vector<uint32_t>> parts;  // per field
  size_t total = 0;
  std::vector<uint32_t> tmp;
  for (int f = 0; f < kNumFields; ++f) {
    const FieldId field = static_cast<FieldId>(f);
    const bool word = (n.word_fields & FieldBit(field)) != 0;
    const bool key = (n.key_fields & FieldBit(field)) != 0;
    if (!word && !key) continue;
    std::vector<uint32_t> part;
    if (word && IsWordField(field) && !n.words.empty()) MatchWords(s, field, n, within, &part);
    if (key && !IsWordField(field) && !n.key.empty()) {
      MatchKey(s, field, n, &tmp);
      if (within != nullptr) {
        Intersect(tmp, *within, &part);
      } else {
        part.swap(tmp);
      }
    }
    total += part.size();
    if (!part.empty()) parts.push_back(std::move(part));
  }
  if (parts.size() > 1 && total > s.num_docs() / 32) {  // dense: one bitmap
    DocUnion all(s.num_docs());
    for (const std::vector<uint32_t>& part : parts) {
      std::vector<uint32_t>* list = all.list();
      list->insert(list->end(), part.begin(), part.end());
    }
    all.TakeInto(&tmp);
    out->insert(out->end(), tmp.begin(), tmp.end());
    return;
  }
  std::vector<uint32_t> acc;
  for (std::vector<uint32_t>& part : parts) {
    Unite(acc, part, &tmp);
    acc.swap(tmp);
  }
  out->insert(out->end(), acc.begin(), acc.end());
}

// An upper bound of the documents `n` matches, from the dictionary: for
// ordering the sides of AND (the smaller is evaluated first and restricts the
// other).
uint64_t Estimate(const Segment& s, const QueryNode& n) {
  switch (n.kind) {
    case NodeKind::kAnd: return std::min(Estimate(s, *n.left), Estimate(s, *n.right));
    case NodeKind::kOr: return Estimate(s, *n.left) + Estimate(s, *n.right);
    case NodeKind::kNot: return Estimate(s, *n.left);
    case NodeKind::kDate: return s.num_docs();
    case NodeKind::kTerm: break;
  }
  if (n.key_fields != 0 || n.words.empty()) return s.num_docs();
  uint64_t total = 0;
  for (int f = 0; f < kNumWordFields; ++f) {
    if ((n.word_fields & FieldBit(static_cast<FieldId>(f))) == 0) continue;
    uint64_t rarest = UINT64_MAX;
    for (const QueryWord& w : n.words) {
      uint32_t first = 0, last = 0;
      s.Find(static_cast<FieldId>(f), w.text, w.prefix, &first, &last);
      uint64_t df = 0;
      for (TermCursor t(s, first); t.Valid() && t.id() < last; t.Next()) df += t.term().doc_freq;
      rarest = std::min(rarest, df);
    }
    total += rarest;
  }
  return total;
}

// Evaluate, restricted to `*within` (increasing) when it is set: the result is
// the matching documents of `within`.
void EvaluateWithin(const Segment& s, const QueryNode& n, const std::vector<uint32_t>* within,
                    std::vector<uint32_t>* out) {
  switch (n.kind) {
    case NodeKind::kTerm: return EvaluateTerm(s, n, within, out);
    case NodeKind::kDate: {
      // PubMed's [dp] matches the print date or the electronic one.
      auto in_range = [&](uint32_t doc) {
        const uint32_t d = s.date(doc), e = s.epub_date(doc);
        return (d >= n.date_from && d <= n.date_to && d != 0) || (e >= n.date_from && e <= n.date_to && e != 0);
      };
      if (within != nullptr) {
        for (uint32_t doc : *within) if (in_range(doc)) out->push_back(doc);
      } else {
        for (uint32_t doc = 0; doc < s.num_docs(); ++doc) if (in_range(doc)) out->push_back(doc);
      }
      return;
    }
    case NodeKind::kAnd: {
      const bool left_first = Estimate(s, *n.left) <= Estimate(s, *n.right);
      std::vector<uint32_t> first;
      EvaluateWithin(s, left_first ? *n.left : *n.right, within, &first);
      if (!first.empty()) EvaluateWithin(s, left_first ? *n.right : *n.left, &first, out);
      return;
    }
    case NodeKind::kOr: {
      std::vector<uint32_t> left, right;
      EvaluateWithin(s, *n.left, within, &left);
      EvaluateWithin(s, *n.right, within, &right);
      std::vector<uint32_t> both;
      Unite(left, right, &both);
      out->insert(out->end(), both.begin(), both.end());
      return;
    }
    case NodeKind::kNot: {
      std::vector<uint32_t> left, right, rest;
      EvaluateWithin(s, *n.left, within, &left);
      if (left.empty()) return;
      EvaluateWithin(s, *n.right, &left, &right);
      Subtract(left, right, &rest);
      out->insert(out->end(), rest.begin(), rest.end());
      return;
    }
  }
}

}  // namespace

void Evaluate(const Segment& s, const QueryNode& n, std::vector<uint32_t>* out) {
  EvaluateWithin(s, n, nullptr, out);
}

uint32_t Count(const Segment& s, const QueryNode& n) {
  const bool one_field = n.kind == NodeKind::kTerm && __builtin_popcount(n.word_fields | n.key_fields) == 1;
  if (one_field && n.word_fields != 0 && n.words.size() == 1 && !n.words[0].prefix) {
    const FieldId f = static_cast<FieldId>(__builtin_ctz(n.word_fields));
    uint32_t first = 0, last = 0;
    s.Find(f, n.words[0].text, false, &first, &last);
    return first == last ? 0 : s.Term(first).doc_freq;
  }
  std::vector<uint32_t> docs;
  Evaluate(s, n, &docs);
  return static_cast<uint32_t>(docs.size());
}

}  // namespace carta::search::internal
