// IndexBuilder: records in, one segment out. Each token is interned once
// (field + text -> term id) and its posting written at once into the term's
// growing byte strings: positions as they come (tokens arrive in position
// order), the document entry when the field is done. No per-document sort, no
// allocation per posting.
#include <algorithm>
#include <cassert>
#include <cstring>

#include "carta/search/index.h"
#include "carta/search/tokenizer.h"
#include "coding.h"
#include "fields.h"
#include "postings.h"
#include "segment.h"

namespace carta::search {

using internal::FieldId;

namespace {

// Key (field byte + text) -> dense id, open addressing. A slot holds the
// key's hash, its id and its first 16 bytes, so keys of up to 16 bytes (most
// words) are matched without touching the key arena.
class TermTable {
 public:
  TermTable() : slots_(1 << 16) {}

  // The id of key `field` + `text`, adding it as id size() when new (*added).
  uint32_t Intern(char field, std::string_view text, bool* added) {
    const uint64_t head = Head(field, text), head2 = Head2(text);
    const uint64_t h = Hash(field, text);
    const uint32_t tag = static_cast<uint32_t>(h >> 32) | 1;  // 0 marks an empty slot
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.tag == 0) break;
      if (s.tag == tag && s.head == head && s.head2 == head2 && (text.size() <= 15 || Key(s.id).substr(1) == text)) {
        *added = false;
        return s.id;
      }
    }
    const uint32_t id = size();
    arena_.push_back(field);
    arena_.append(text);
    offsets_.push_back(arena_.size());
    if (size_t{size()} * 2 > slots_.size()) Grow();
    mask = slots_.size() - 1;
    size_t i = h & mask;
    while (slots_[i].tag != 0) i = (i + 1) & mask;
    slots_[i] = {tag, id, head, head2, h};
    *added = true;
    return id;
  }

  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  std::string_view Key(uint32_t id) const {
    return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

 private:
  struct Slot {
    uint32_t tag = 0;  // high hash bits | 1; 0 = empty
    uint32_t id = 0;
    uint64_t head = 0;   // the key's first 8 bytes, zero-padded (keys hold no NUL)
    uint64_t head2 = 0;  // its next 8 bytes
    uint64_t hash = 0;
  };

  // The key's first 8 bytes (field byte, 7 of text) and its next 8, zero-padded.
  static uint64_t Head(char field, std::string_view text) {
    uint64_t w = static_cast<unsigned char>(field);
    const size_t n = std::min<size_t>(7, text.size());
    for (size_t k = 0; k < n; ++k) w |= uint64_t{static_cast<unsigned char>(text[k])} << (8 * (k + 1));
    return w;
  }
  static uint64_t Head2(std::string_view text) {
    uint64_t w = 0;
    for (size_t k = 7; k < std::min<size_t>(15, text.size()); ++k) {
      w |= uint64_t{static_cast<unsigned char>(text[k])} << (8 * (k - 7));
    }
    return w;
  }
  // Multiply-xorshift over 8-byte words (bytewise FNV was the builder's hot
  // spot; a MurmurHash3 finaliser measured slower here).
  static uint64_t Hash(char field, std::string_view text) {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
    uint64_t h = (static_cast<unsigned char>(field) + 1) * kMul ^ text.size();
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    }
    uint64_t w = 0;
    for (size_t k = i; k < text.size(); ++k) w = (w << 8) | static_cast<unsigned char>(text[k]);
    h = (h ^ w) * kMul;
    return (h ^ (h >> 29)) * kMul;
  }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.tag == 0) continue;
      size_t i = s.hash & mask;
      while (slots_[i].tag != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::string arena_;
  std::vector<uint64_t> offsets_ = {0};
};

}  // namespace

class IndexBuilder::Impl {
 public:
  uint32_t Add(const biblio::Record& record);
  uint32_t num_docs() const { return static_cast<uint32_t>(dates_.size()); }
  std::string Finish();

 private:
  struct TermPostings {
    std::string docs;       // tail-coded (postings.h); Finish packs full blocks
    std::string positions;
    uint32_t next_gap_base = 0;  // last document with a posting + 1 (0: none)
    uint32_t doc_freq = 0;
    uint32_t open_doc = UINT32_MAX;  // the document being collected, if any
    uint32_t count = 0;              // its positions so far
    uint32_t next_position = 0;      // its last position + 1
  };

  void Hit(FieldId f, std::string_view text, uint32_t position);
  void CloseField(FieldId f);
  void AddWordField(FieldId f, const biblio::Record& record);
  void AddKeyField(FieldId f, const biblio::Record& record);
  void AddAuthors(const biblio::Record& record);

  TermTable ids_;
  std::vector<TermPostings> terms_;
  std::vector<uint32_t> dates_;
  Tokenizer tokenizer_;
  std::vector<uint32_t> open_;  // terms with a posting of the current field
  std::vector<std::string_view> texts_;
  std::vector<std::string> keys_;
};

// Records `text` at `position` in field `f` of the current document; a term
// repeated at one position counts once.
void IndexBuilder::Impl::Hit(FieldId f, std::string_view text, uint32_t position) {
  bool added = false;
  const uint32_t id = ids_.Intern(static_cast<char>(f), text, &added);
  if (added) terms_.emplace_back();
  TermPostings& t = terms_[id];
  const uint32_t doc = num_docs() - 1;
  if (t.open_doc != doc) {
    t.open_doc = doc;
    t.count = 0;
    t.next_position = 0;
    open_.push_back(id);
  } else if (position + 1 == t.next_position || !internal::HasPositions(f)) {
    return;
  }
  assert(position >= t.next_position && "tokens of a field arrive in position order");
  if (internal::HasPositions(f)) coding::PutVarint32(&t.positions, position - t.next_position);
  t.next_position = position + 1;
  ++t.count;
}

// Writes the document entry of every term the field touched.
void IndexBuilder::Impl::CloseField(FieldId f) {
  const uint32_t doc = num_docs() - 1;
  const bool positional = internal::HasPositions(f);
  for (uint32_t id : open_) {
    TermPostings& t = terms_[id];
    internal::PutTailDoc(doc - t.next_gap_base, t.count, positional, &t.docs);
    t.next_gap_base = doc + 1;
    ++t.doc_freq;
  }
  open_.clear();
}

uint32_t IndexBuilder::Impl::Add(const biblio::Record& record) {
  const uint32_t doc = num_docs();
  dates_.push_back(internal::DateKey(record));
  for (int f = 0; f < internal::kNumWordFields; ++f) AddWordField(static_cast<FieldId>(f), record);
  AddAuthors(record);
  for (int f = static_cast<int>(FieldId::kMesh); f < internal::kNumFields; ++f) {
    AddKeyField(static_cast<FieldId>(f), record);
  }
  return doc;
}

void IndexBuilder::Impl::AddWordField(FieldId f, const biblio::Record& record) {
  internal::CollectTexts(record, f, &texts_);
  uint32_t start = 0;
  for (std::string_view text : texts_) {
    uint32_t next = start + internal::kValueGap;
    for (const Token& t : tokenizer_.Tokenize(text, start)) {
      Hit(f, t.text, t.position);
      next = std::max(next, t.position + internal::kValueGap);  // a value longer than the gap
    }
    start = next;
  }
  CloseField(f);
}

void IndexBuilder::Impl::AddAuthors(const biblio::Record& record) {
  for (size_t rank = 0; rank < record.authors.size(); ++rank) {
    std::vector<std::string> keys = AuthorKeys(record.authors[rank]);
    if (keys.size() > 1) keys[1].insert(keys[1].begin(), internal::kFullNameMark);
    for (const std::string& key : keys) {
      if (!key.empty()) Hit(FieldId::kAuthor, key, static_cast<uint32_t>(rank));
    }
  }
  CloseField(FieldId::kAuthor);
}

void IndexBuilder::Impl::AddKeyField(FieldId f, const biblio::Record& record) {
  internal::CollectKeys(record, f, &keys_);
  for (const std::string& key : keys_) Hit(f, key, 0);
  CloseField(f);
}

std::string IndexBuilder::Impl::Finish() {
  std::vector<std::pair<std::string_view, uint32_t>> order;
  order.reserve(ids_.size());
  for (uint32_t id = 0; id < ids_.size(); ++id) order.emplace_back(ids_.Key(id), id);
  std::sort(order.begin(), order.end());
  internal::SegmentWriter writer;
  std::vector<uint32_t> docs, counts;
  std::string packed;
  for (const auto& [key, id] : order) {
    TermPostings& t = terms_[id];
    if (t.doc_freq >= internal::kBlockDocs) {  // pack the full blocks
      const bool positional = internal::HasPositions(static_cast<FieldId>(key[0]));
      docs.resize(t.doc_freq);
      counts.resize(t.doc_freq);
      size_t used = 0;
      internal::DecodeTail(t.docs, t.doc_freq, positional, -1, docs.data(), counts.data(), &used);
      packed.clear();
      internal::EncodeDocs(docs.data(), counts.data(), docs.size(), positional, t.positions, &packed);
      t.docs.swap(packed);
    }
    writer.AddTerm(key, t.doc_freq, t.docs, t.positions);
    t = TermPostings();
  }
  std::string bytes = writer.Finish(dates_);
  ids_ = TermTable();
  terms_.clear();
  dates_.clear();
  return bytes;
}

IndexBuilder::IndexBuilder() : impl_(std::make_unique<Impl>()) {}
IndexBuilder::~IndexBuilder() = default;

uint32_t IndexBuilder::Add(const biblio::Record& record) { return impl_->Add(record); }

uint32_t IndexBuilder::num_docs() const { return impl_->num_docs(); }

Index IndexBuilder::Finish() {
  Index index;
  if (impl_->num_docs() == 0) return index;
  Result<std::unique_ptr<internal::Segment>> segment = internal::Segment::Open(impl_->Finish());
  assert(segment.ok() && "the builder writes segments that validate");
  index.segments_.push_back(std::move(segment).value());
  return index;
}

}  // namespace carta::search
