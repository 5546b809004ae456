// IndexBuilder: records in, one segment out. Postings are coded as they
// arrive, into one growing byte string per term (no allocation per posting).
#include <algorithm>

#include "carta/search/index.h"
#include "carta/search/tokenizer.h"
#include "coding.h"
#include "fields.h"
#include "segment.h"

namespace carta::search {

using internal::FieldId;

namespace {

// Term text -> dense id, open addressing over one key arena: no node per term
// and one probe sequence in a flat array (std::unordered_map's node chasing
// was the builder's hot spot).
class TermTable {
 public:
  TermTable() : slots_(1024, 0) {}

  // The id of `key`, adding it as id size() when new (*added true).
  uint32_t Intern(std::string_view key, bool* added) {
    const uint32_t h = Hash(key);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uint64_t slot = slots_[i];
      if (slot == 0) break;
      const uint32_t id = static_cast<uint32_t>(slot) - 1;
      if (static_cast<uint32_t>(slot >> 32) == h && Key(id) == key) {
        *added = false;
        return id;
      }
    }
    const uint32_t id = size();
    arena_.append(key);
    offsets_.push_back(static_cast<uint32_t>(arena_.size()));
    if (size_t{size()} * 2 > slots_.size()) Grow();
    mask = slots_.size() - 1;
    size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = (uint64_t{h} << 32) | (id + 1);
    *added = true;
    return id;
  }

  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  std::string_view Key(uint32_t id) const {
    return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

 private:
  static uint32_t Hash(std::string_view key) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : key) h = (h ^ c) * 0x100000001b3ull;
    return static_cast<uint32_t>(h ^ (h >> 32));
  }

  void Grow() {
    std::vector<uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (uint64_t slot : old) {
      if (slot == 0) continue;
      size_t i = (slot >> 32) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<uint64_t> slots_;  // (hash << 32) | (id + 1); 0 = empty
  std::string arena_;
  std::vector<uint32_t> offsets_ = {0};
};

}  // namespace

class IndexBuilder::Impl {
 public:
  uint32_t Add(const biblio::Record& record);
  uint32_t num_docs() const { return static_cast<uint32_t>(dates_.size()); }
  std::string Finish();

 private:
  struct TermPostings {
    std::string docs;
    std::string positions;
    int64_t last_doc = -1;
    uint32_t doc_freq = 0;
  };

  uint32_t TermId(FieldId f, std::string_view text);
  void AddWordField(FieldId f, const biblio::Record& record);
  void AddKeyField(FieldId f, const biblio::Record& record);
  void AddAuthors(const biblio::Record& record);
  void FlushHits(FieldId f, uint32_t doc);

  TermTable ids_;
  std::vector<TermPostings> terms_;
  std::vector<uint32_t> dates_;
  Tokenizer tokenizer_;
  std::string key_buffer_, position_buffer_;
  std::vector<std::pair<uint32_t, uint32_t>> hits_;  // (term id, position) of one field
  std::vector<std::string_view> texts_;
  std::vector<std::string> keys_;
};

uint32_t IndexBuilder::Impl::TermId(FieldId f, std::string_view text) {
  key_buffer_.assign(1, static_cast<char>(f));
  key_buffer_.append(text);
  bool added = false;
  const uint32_t id = ids_.Intern(key_buffer_, &added);
  if (added) terms_.emplace_back();
  return id;
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
  hits_.clear();
  uint32_t start = 0;
  for (std::string_view text : texts_) {
    uint32_t next = start + internal::kValueGap;
    for (const Token& t : tokenizer_.Tokenize(text, start)) {
      hits_.emplace_back(TermId(f, t.text), t.position);
      next = std::max(next, t.position + internal::kValueGap);  // a value longer than the gap
    }
    start = next;
  }
  FlushHits(f, num_docs() - 1);
}

void IndexBuilder::Impl::AddAuthors(const biblio::Record& record) {
  hits_.clear();
  for (size_t rank = 0; rank < record.authors.size(); ++rank) {
    std::vector<std::string> keys = AuthorKeys(record.authors[rank]);
    if (keys.size() > 1) keys[1].insert(keys[1].begin(), internal::kFullNameMark);
    for (const std::string& key : keys) {
      if (!key.empty()) hits_.emplace_back(TermId(FieldId::kAuthor, key), static_cast<uint32_t>(rank));
    }
  }
  FlushHits(FieldId::kAuthor, num_docs() - 1);
}

void IndexBuilder::Impl::AddKeyField(FieldId f, const biblio::Record& record) {
  internal::CollectKeys(record, f, &keys_);
  hits_.clear();
  for (const std::string& key : keys_) hits_.emplace_back(TermId(f, key), 0);
  FlushHits(f, num_docs() - 1);
}

// Appends one posting per distinct term in hits_ for document `doc`.
void IndexBuilder::Impl::FlushHits(FieldId f, uint32_t doc) {
  std::sort(hits_.begin(), hits_.end());
  const bool positional = internal::HasPositions(f);
  for (size_t i = 0; i < hits_.size();) {
    const uint32_t id = hits_[i].first;
    TermPostings& t = terms_[id];
    coding::PutVarint32(&t.docs, static_cast<uint32_t>(doc - t.last_doc - 1));
    t.last_doc = doc;
    ++t.doc_freq;
    position_buffer_.clear();
    int64_t previous = -1;
    for (; i < hits_.size() && hits_[i].first == id; ++i) {
      if (hits_[i].second == previous) continue;  // a value repeated at one position
      coding::PutVarint32(&position_buffer_, static_cast<uint32_t>(hits_[i].second - previous - 1));
      previous = hits_[i].second;
    }
    if (positional) {
      coding::PutVarint32(&t.docs, static_cast<uint32_t>(position_buffer_.size()));
      t.positions += position_buffer_;
    }
  }
}

std::string IndexBuilder::Impl::Finish() {
  std::vector<std::pair<std::string_view, uint32_t>> order;
  order.reserve(ids_.size());
  for (uint32_t id = 0; id < ids_.size(); ++id) order.emplace_back(ids_.Key(id), id);
  std::sort(order.begin(), order.end());
  internal::SegmentWriter writer;
  for (const auto& [key, id] : order) {
    TermPostings& t = terms_[id];
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
