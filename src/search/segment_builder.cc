// SegmentBuilder: records in, one segment out. Each token is interned once
// (field + text -> term id) and its posting written at once into the term's
// streams in a slice pool: positions as they come (tokens arrive in position
// order), the document entry when the field is done. No per-document sort, no
// allocation per posting.
//
// Laid out for the cache: a slot of the hash table is 8 bytes (a tag of the
// hash and the term id), and everything a token needs of its term — the first
// 16 bytes of the key to compare, the open document, the stream offsets — is
// in one 64-byte entry, so a token costs a slot and one entry line, and a
// stream's end for the terms that have grown past their first slices.
#include "segment_builder.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "build_memory.h"
#include "carta/search/tokenizer.h"
#include "coding.h"
#include "fields.h"
#include "postings.h"
#include "segment.h"

namespace carta::search::internal {

namespace {

// One term and the state of its postings.
struct alignas(64) Term {
  uint64_t head;    // the key's first 8 bytes (field byte, 7 of text), zero-padded (keys hold no NUL)
  uint64_t head2;   // its next 8 bytes
  uint32_t key_at;  // the key (field byte + text) in the key arena
  uint32_t key_size;
  uint32_t hash;            // low bits of the key's hash: its home slot
  uint32_t open_doc;        // the document being collected + 1 (0: none)
  uint32_t count;           // its positions so far
  uint32_t next_position;   // its last position + 1
  uint32_t next_gap_base;   // last document with a posting + 1 (0: none)
  uint32_t doc_freq;
  Stream docs;       // tail-coded (postings.h); Finish packs full blocks
  Stream positions;  // postings.h's positions stream
};
static_assert(sizeof(Term) == 64);

struct Slot {
  uint32_t tag;  // high hash bits | 1; 0 = empty
  uint32_t id;
};

// The first 8 bytes of the key (field byte, 7 of text) and its next 8.
uint64_t Head(char field, std::string_view text) {
  uint64_t w = static_cast<unsigned char>(field);
  const size_t n = std::min<size_t>(7, text.size());
  for (size_t k = 0; k < n; ++k) w |= uint64_t{static_cast<unsigned char>(text[k])} << (8 * (k + 1));
  return w;
}
uint64_t Head2(std::string_view text) {
  uint64_t w = 0;
  for (size_t k = 7; k < std::min<size_t>(15, text.size()); ++k) {
    w |= uint64_t{static_cast<unsigned char>(text[k])} << (8 * (k - 7));
  }
  return w;
}

// Multiply-xorshift over 8-byte words (bytewise FNV was the builder's hot
// spot; a MurmurHash3 finaliser measured slower here).
uint64_t Hash(char field, std::string_view text) {
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

// A record's text beyond this many bytes is not indexed. No real record comes
// near (the readers cut a field at 1 MB); it keeps a hostile record within
// what one segment's 32-bit pool offsets can hold.
constexpr size_t kMaxRecordTextBytes = size_t{32} << 20;
// A segment is finished once its pool holds this much (full() is true).
constexpr size_t kFullPoolBytes = size_t{1} << 30;

}  // namespace

class SegmentBuilder::Impl {
 public:
  Impl() { slots_.ResizeZeroed(size_t{1} << 16); }
  void Add(const biblio::Record& record);
  uint32_t num_docs() const { return static_cast<uint32_t>(dates_.size() / 2); }
  bool full() const { return pool_.used() >= kFullPoolBytes; }
  std::string Finish();

 private:
  uint32_t Intern(char field, std::string_view text);
  void Grow();
  std::string_view Key(const Term& t) const { return std::string_view(keys_).substr(t.key_at, t.key_size); }

  void Hit(FieldId f, std::string_view text, uint32_t position);
  void CloseField(FieldId f);
  void AddWordField(FieldId f, const biblio::Record& record);
  void AddKeyField(FieldId f, const biblio::Record& record);
  void AddAuthors(const biblio::Record& record);
  // False once the record's indexed text reaches kMaxRecordTextBytes.
  bool Budget(size_t bytes) {
    if (record_bytes_ + bytes > kMaxRecordTextBytes) return false;
    record_bytes_ += bytes;
    return true;
  }

  RegionArray<Slot> slots_;
  RegionArray<Term> terms_;
  std::string keys_;
  SlicePool pool_;
  std::vector<uint32_t> dates_;
  Tokenizer tokenizer_;
  std::vector<uint32_t> open_;  // terms with a posting of the current field
  std::vector<std::string_view> texts_;
  std::vector<std::string> keys_of_field_;
  size_t record_bytes_ = 0;
};

// The id of key `field` + `text`, added (with zeroed postings) when new.
uint32_t SegmentBuilder::Impl::Intern(char field, std::string_view text) {
  const uint64_t head = Head(field, text), head2 = Head2(text);
  const uint64_t h = Hash(field, text);
  const uint32_t tag = static_cast<uint32_t>(h >> 32) | 1;
  const uint32_t key_size = static_cast<uint32_t>(text.size() + 1);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    const Slot s = slots_[i];
    if (s.tag == 0) break;
    if (s.tag != tag) continue;
    const Term& t = terms_[s.id];
    if (t.head == head && t.head2 == head2 && t.key_size == key_size &&
        (text.size() <= 15 || std::memcmp(keys_.data() + t.key_at + 1, text.data(), text.size()) == 0)) {
      return s.id;
    }
  }
  const auto id = static_cast<uint32_t>(terms_.size());
  Term& t = terms_.Append();
  t.head = head;
  t.head2 = head2;
  t.key_at = static_cast<uint32_t>(keys_.size());
  t.key_size = key_size;
  t.hash = static_cast<uint32_t>(h);
  keys_.push_back(field);
  keys_.append(text);
  slots_[i] = {tag, id};
  if (terms_.size() * 2 > slots_.size()) Grow();
  return id;
}

void SegmentBuilder::Impl::Grow() {
  RegionArray<Slot> old;
  std::swap(old, slots_);
  slots_.ResizeZeroed(old.size() * 2);
  const size_t mask = slots_.size() - 1;
  for (size_t k = 0; k < old.size(); ++k) {
    const Slot s = old[k];
    if (s.tag == 0) continue;
    size_t i = terms_[s.id].hash & mask;
    while (slots_[i].tag != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

// Records `text` at `position` in field `f` of the current document; a term
// repeated at one position counts once.
void SegmentBuilder::Impl::Hit(FieldId f, std::string_view text, uint32_t position) {
  const uint32_t id = Intern(static_cast<char>(f), text);
  Term& t = terms_[id];
  const uint32_t doc = num_docs();  // the current document + 1
  if (t.open_doc != doc) {
    t.open_doc = doc;
    t.count = 0;
    t.next_position = 0;
    open_.push_back(id);
  } else if (position + 1 == t.next_position || !HasPositions(f)) {
    return;
  }
  assert(position >= t.next_position && "tokens of a field arrive in position order");
  if (HasPositions(f)) pool_.PutVarint(&t.positions, position - t.next_position);
  t.next_position = position + 1;
  ++t.count;
}

// Writes the document entry of every term the field touched (PutTailDoc's
// coding, into the pool).
void SegmentBuilder::Impl::CloseField(FieldId f) {
  const uint32_t doc = num_docs() - 1;
  const bool positional = HasPositions(f);
  for (uint32_t id : open_) {
    Term& t = terms_[id];
    const uint32_t gap = doc - t.next_gap_base;
    if (!positional) {
      pool_.PutVarint(&t.docs, gap);
    } else {
      pool_.PutVarint(&t.docs, gap * 2 + (t.count == 1 ? 1 : 0));
      if (t.count != 1) pool_.PutVarint(&t.docs, t.count - 2);
    }
    t.next_gap_base = doc + 1;
    ++t.doc_freq;
  }
  open_.clear();
}

void SegmentBuilder::Impl::Add(const biblio::Record& record) {
  dates_.push_back(DateKey(record));
  dates_.push_back(EpubDateKey(record));
  record_bytes_ = 0;
  for (int f = 0; f < kNumWordFields; ++f) AddWordField(static_cast<FieldId>(f), record);
  AddAuthors(record);
  for (int f = static_cast<int>(FieldId::kMesh); f < kNumFields; ++f) AddKeyField(static_cast<FieldId>(f), record);
}

void SegmentBuilder::Impl::AddWordField(FieldId f, const biblio::Record& record) {
  CollectTexts(record, f, &texts_);
  uint32_t start = 0;
  for (std::string_view text : texts_) {
    if (!Budget(text.size())) break;
    uint32_t next = start + kValueGap;
    for (const Token& t : tokenizer_.Tokenize(text, start)) {
      Hit(f, t.text, t.position);
      next = std::max(next, t.position + kValueGap);  // a value longer than the gap
    }
    start = next;
  }
  CloseField(f);
}

void SegmentBuilder::Impl::AddAuthors(const biblio::Record& record) {
  for (size_t rank = 0; rank < record.authors.size(); ++rank) {
    if (!Budget(record.authors[rank].size())) break;
    std::vector<std::string> keys = AuthorKeys(record.authors[rank]);
    if (keys.size() > 1) keys[1].insert(keys[1].begin(), kFullNameMark);
    for (const std::string& key : keys) {
      if (!key.empty()) Hit(FieldId::kAuthor, key, static_cast<uint32_t>(rank));
    }
  }
  CloseField(FieldId::kAuthor);
}

void SegmentBuilder::Impl::AddKeyField(FieldId f, const biblio::Record& record) {
  CollectKeys(record, f, &keys_of_field_);
  for (const std::string& key : keys_of_field_) {
    if (!Budget(key.size())) break;
    Hit(f, key, 0);
  }
  CloseField(f);
}

std::string SegmentBuilder::Impl::Finish() {
  // Terms in key order. The first 16 bytes of a key, read big-endian, order
  // as the bytes do (keys hold no NUL, so zero padding sorts first); only
  // keys that agree there are compared in the key arena.
  struct Order {
    uint64_t hi, lo;
    uint32_t id;
  };
  std::vector<Order> by_prefix(terms_.size());
  for (uint32_t id = 0; id < terms_.size(); ++id) {
    by_prefix[id] = {__builtin_bswap64(terms_[id].head), __builtin_bswap64(terms_[id].head2), id};
  }
  std::sort(by_prefix.begin(), by_prefix.end(), [this](const Order& a, const Order& b) {
    if (a.hi != b.hi) return a.hi < b.hi;
    if (a.lo != b.lo) return a.lo < b.lo;
    return Key(terms_[a.id]) < Key(terms_[b.id]);
  });
  SegmentWriter writer;
  std::vector<uint32_t> docs, counts;
  std::string tail, positions, packed;
  for (const Order& o : by_prefix) {
    const Term& t = terms_[o.id];
    const std::string_view key = Key(t);
    pool_.Read(t.docs, &tail);
    pool_.Read(t.positions, &positions);
    if (t.doc_freq >= kBlockDocs) {  // pack the full blocks
      const bool positional = HasPositions(static_cast<FieldId>(key[0]));
      docs.resize(t.doc_freq);
      counts.resize(t.doc_freq);
      size_t used = 0;
      DecodeTail(tail, t.doc_freq, positional, -1, docs.data(), counts.data(), &used);
      packed.clear();
      EncodeDocs(docs.data(), counts.data(), docs.size(), positional, positions, &packed);
      tail.swap(packed);
    }
    writer.AddTerm(key, t.doc_freq, tail, positions);
  }
  return writer.Finish(dates_);
}

SegmentBuilder::SegmentBuilder() : impl_(std::make_unique<Impl>()) {}
SegmentBuilder::~SegmentBuilder() = default;
void SegmentBuilder::Add(const biblio::Record& record) { impl_->Add(record); }
uint32_t SegmentBuilder::num_docs() const { return impl_->num_docs(); }
bool SegmentBuilder::full() const { return impl_->full(); }
std::string SegmentBuilder::Finish() {
  std::string bytes = impl_->Finish();
  impl_ = std::make_unique<Impl>();
  return bytes;
}

}  // namespace carta::search::internal
