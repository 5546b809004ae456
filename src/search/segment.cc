#include "segment.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstring>
#include <thread>

#include "coding.h"

namespace carta::search::internal {

namespace {
constexpr size_t kHeaderSize = 40;
constexpr size_t kBlockEntrySize = 24;
constexpr char kMagic[4] = {'C', 'S', 'E', 'G'};

// One dictionary entry read from [*p, end) after `previous` (the key before it
// in its block, or empty): false when malformed.
bool ReadEntry(const char** p, const char* end, TermInfo* t, uint64_t* docs_len, uint64_t* positions_len) {
  uint32_t shared = 0, rest = 0, df = 0, dl = 0, pl = 0;
  if (!coding::GetVarint32(p, end, &shared) || !coding::GetVarint32(p, end, &rest)) return false;
  if (shared > t->key.size() || rest > static_cast<size_t>(end - *p)) return false;
  t->key.resize(shared);
  t->key.append(*p, rest);
  *p += rest;
  if (!coding::GetVarint32(p, end, &df) || !coding::GetVarint32(p, end, &dl) || !coding::GetVarint32(p, end, &pl)) {
    return false;
  }
  t->doc_freq = df;
  *docs_len = dl;
  *positions_len = pl;
  return true;
}

}  // namespace

TermCursor::TermCursor(const Segment& segment, uint32_t id)
    : segment_(&segment), id_(id), num_terms_(segment.num_terms()) {
  if (!Valid()) return;
  const uint32_t block = id / kTermsPerBlock;
  p_ = segment.bytes_.data() + segment.dict_at_ + segment.BlockField(block, 0);
  docs_at_ = segment.BlockField(block, 1);
  positions_at_ = segment.BlockField(block, 2);
  id_ = block * kTermsPerBlock;
  Decode();
  while (id_ < id) Next();
}

void TermCursor::Decode() {
  if (id_ % kTermsPerBlock == 0) term_.key.clear();
  const char* end = segment_->bytes_.data() + segment_->docs_at_;
  uint64_t docs_len = 0, positions_len = 0;
  ReadEntry(&p_, end, &term_, &docs_len, &positions_len);  // valid: Open checked every entry
  const std::string_view all(segment_->bytes_);
  term_.docs = all.substr(segment_->docs_at_ + docs_at_, docs_len);
  term_.positions = all.substr(segment_->positions_at_ + positions_at_, positions_len);
  docs_at_ += docs_len;
  positions_at_ += positions_len;
}

void TermCursor::Next() {
  if (++id_ < num_terms_) Decode();
}

Result<std::unique_ptr<Segment>> Segment::Open(std::string bytes) {
  std::unique_ptr<Segment> segment(new Segment(std::move(bytes)));
  Status s = segment->Validate();
  if (!s.ok()) return s;
  return segment;
}

Status Segment::Validate() {
  const std::string& b = bytes_;
  if (b.size() < kHeaderSize || b.compare(0, 4, kMagic, 4) != 0) return Status::Corruption("segment header missing");
  if (coding::GetFixed32(&b[4]) != kSegmentVersion) {
    return Status::Corruption("segment version " + std::to_string(coding::GetFixed32(&b[4])) + " is not " +
                              std::to_string(kSegmentVersion));
  }
  num_docs_ = coding::GetFixed32(&b[8]);
  num_terms_ = coding::GetFixed32(&b[12]);
  num_blocks_ = (num_terms_ + kTermsPerBlock - 1) / kTermsPerBlock;
  const uint64_t sizes[3] = {coding::GetFixed64(&b[16]), coding::GetFixed64(&b[24]), coding::GetFixed64(&b[32])};
  uint64_t total = kHeaderSize + uint64_t{num_docs_} * 4 + (uint64_t{num_blocks_} + 1) * kBlockEntrySize;
  for (uint64_t size : sizes) {
    if (size > b.size()) return Status::Corruption("segment section larger than the segment");
    total += size;
  }
  if (total != b.size()) return Status::Corruption("segment size does not match its header");
  dates_at_ = kHeaderSize;
  blocks_at_ = dates_at_ + size_t{num_docs_} * 4;
  dict_at_ = blocks_at_ + (size_t{num_blocks_} + 1) * kBlockEntrySize;
  docs_at_ = dict_at_ + sizes[0];
  positions_at_ = docs_at_ + sizes[1];
  // Walk the whole dictionary: every entry readable, keys increasing, offsets
  // adding up to each next block's and to the section sizes.
  const char* p = b.data() + dict_at_;
  const char* end = b.data() + docs_at_;
  TermInfo t;
  std::string previous;
  uint64_t at[3] = {0, 0, 0};
  for (uint32_t id = 0; id <= num_terms_; ++id) {
    if (id % kTermsPerBlock == 0 || id == num_terms_) {
      const uint32_t block = (id + kTermsPerBlock - 1) / kTermsPerBlock;
      at[0] = static_cast<uint64_t>(p - (b.data() + dict_at_));
      for (int k = 0; k < 3; ++k) {
        if (BlockField(block, k) != at[k]) return Status::Corruption("segment block " + std::to_string(block) + " is misplaced");
      }
      t.key.clear();
      if (id == num_terms_) break;
    }
    uint64_t docs_len = 0, positions_len = 0;
    if (!ReadEntry(&p, end, &t, &docs_len, &positions_len) || t.key.empty() ||
        static_cast<unsigned char>(t.key[0]) >= kNumFields || (!previous.empty() && t.key <= previous) ||
        t.doc_freq == 0 || t.doc_freq > num_docs_ || docs_len == 0 ||
        (!HasPositions(t.field()) && positions_len != 0)) {
      return Status::Corruption("segment term " + std::to_string(id) + " is malformed");
    }
    previous = t.key;
    at[1] += docs_len;
    at[2] += positions_len;
  }
  if (p != end || at[1] != sizes[1] || at[2] != sizes[2]) {
    return Status::Corruption("segment dictionary does not span its sections");
  }
  return Status::Ok();
}

uint64_t Segment::BlockField(uint32_t block, int which) const {
  return coding::GetFixed64(bytes_.data() + blocks_at_ + size_t{block} * kBlockEntrySize + size_t(which) * 8);
}

std::string_view Segment::BlockFirstKey(uint32_t block) const {
  const char* p = bytes_.data() + dict_at_ + BlockField(block, 0);
  const char* end = bytes_.data() + docs_at_;
  uint32_t shared = 0, rest = 0;
  coding::GetVarint32(&p, end, &shared);
  coding::GetVarint32(&p, end, &rest);
  return std::string_view(p, rest);
}

uint32_t Segment::date(uint32_t doc) const { return coding::GetFixed32(bytes_.data() + dates_at_ + size_t{doc} * 4); }

TermInfo Segment::Term(uint32_t id) const { return TermCursor(*this, id).term(); }

void Segment::Find(FieldId f, std::string_view text, bool prefix, uint32_t* first, uint32_t* last) const {
  std::string key(1, static_cast<char>(f));
  key.append(text);
  // The last block whose first key is <= key, then a scan.
  uint32_t lo = 0, hi = num_blocks_;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (BlockFirstKey(mid) <= key) lo = mid + 1; else hi = mid;
  }
  TermCursor c(*this, lo == 0 ? 0 : (lo - 1) * kTermsPerBlock);
  while (c.Valid() && c.term().key < key) c.Next();
  *first = *last = c.Valid() ? c.id() : num_terms_;
  if (!c.Valid()) return;
  if (!prefix) {
    if (c.term().key == key) *last = *first + 1;
    return;
  }
  while (c.Valid() && std::string_view(c.term().key).substr(0, key.size()) == key) c.Next();
  *last = c.Valid() ? c.id() : num_terms_;
}

PostingCursor Segment::Postings(const TermInfo& term) const {
  return PostingCursor(term.docs, term.positions, HasPositions(term.field()), term.doc_freq, num_docs_);
}

void Segment::AppendDocs(const TermInfo& term, std::vector<uint32_t>* out) const {
  Postings(term).AppendAll(out, nullptr);
}

SegmentWriter::SegmentWriter(uint64_t first_term, std::string_view previous_key, uint64_t docs_at,
                             uint64_t positions_at)
    : previous_key_(previous_key),
      num_terms_(first_term),
      first_term_(first_term),
      docs_at_(docs_at),
      positions_at_(positions_at) {}

void SegmentWriter::AddTerm(std::string_view key, uint32_t doc_freq, std::string_view docs,
                            std::string_view positions) {
  AddEntry(key, doc_freq, docs.size(), positions.size());
  docs_.append(docs);
  positions_.append(positions);
}

void SegmentWriter::AdoptSections(std::string docs, std::string positions) {
  assert(docs_.empty() && positions_.empty() && docs.size() == docs_bytes_ && positions.size() == positions_bytes_);
  docs_ = std::move(docs);
  positions_ = std::move(positions);
}

void SegmentWriter::AddEntry(std::string_view key, uint32_t doc_freq, size_t docs_size, size_t positions_size) {
  size_t shared = 0;
  if (num_terms_ % kTermsPerBlock == 0) {  // dictionary offsets are the piece's own until Assemble
    coding::PutFixed64(&blocks_, dict_.size());
    coding::PutFixed64(&blocks_, docs_at_ + docs_bytes_);
    coding::PutFixed64(&blocks_, positions_at_ + positions_bytes_);
  } else {
    const size_t n = std::min(key.size(), previous_key_.size());
    while (shared < n && key[shared] == previous_key_[shared]) ++shared;
  }
  coding::PutVarint32(&dict_, static_cast<uint32_t>(shared));
  coding::PutVarint32(&dict_, static_cast<uint32_t>(key.size() - shared));
  dict_.append(key.substr(shared));
  coding::PutVarint32(&dict_, doc_freq);
  coding::PutVarint32(&dict_, static_cast<uint32_t>(docs_size));
  coding::PutVarint32(&dict_, static_cast<uint32_t>(positions_size));
  previous_key_.assign(key);
  docs_bytes_ += docs_size;
  positions_bytes_ += positions_size;
  ++num_terms_;
}

std::string SegmentWriter::Finish(const std::vector<uint32_t>& dates) {
  std::vector<SegmentWriter> one;
  one.push_back(std::move(*this));
  *this = SegmentWriter();
  return Assemble(one, dates, 1);
}

std::string SegmentWriter::Assemble(std::vector<SegmentWriter>& pieces, const std::vector<uint32_t>& dates,
                                    int threads) {
  uint64_t terms = 0, dict = 0, docs = 0, positions = 0;
  for (const SegmentWriter& p : pieces) {
    assert(p.first_term_ == terms && p.docs_at_ == docs && p.positions_at_ == positions);
    assert(p.docs_.size() == p.docs_bytes_ && p.positions_.size() == p.positions_bytes_);
    terms = p.num_terms_;
    dict += p.dict_.size();
    docs += p.docs_.size();
    positions += p.positions_.size();
  }
  std::string out(kMagic, 4);
  coding::PutFixed32(&out, kSegmentVersion);
  coding::PutFixed32(&out, static_cast<uint32_t>(dates.size()));
  coding::PutFixed32(&out, static_cast<uint32_t>(terms));
  coding::PutFixed64(&out, dict);
  coding::PutFixed64(&out, docs);
  coding::PutFixed64(&out, positions);
  for (uint32_t d : dates) coding::PutFixed32(&out, d);
  uint64_t dict_at = 0;
  for (const SegmentWriter& p : pieces) {  // block entries, the dictionary offsets made the segment's
    for (size_t e = 0; e < p.blocks_.size(); e += kBlockEntrySize) {
      coding::PutFixed64(&out, dict_at + coding::GetFixed64(&p.blocks_[e]));
      out.append(p.blocks_, e + 8, kBlockEntrySize - 8);
    }
    dict_at += p.dict_.size();
  }
  coding::PutFixed64(&out, dict);
  coding::PutFixed64(&out, docs);
  coding::PutFixed64(&out, positions);
  // The sections, each piece's bytes copied to their place in parallel (the
  // copy is most of the time: the pages of `out` are touched for the first time).
  const size_t dict_start = out.size(), docs_start = dict_start + dict, positions_start = docs_start + docs;
  out.resize(positions_start + positions);
  struct Copy {
    size_t to;
    const std::string* from;
  };
  std::vector<Copy> copies;
  size_t at[3] = {dict_start, docs_start, positions_start};
  for (const SegmentWriter& p : pieces) {
    copies.push_back({at[0], &p.dict_});
    copies.push_back({at[1], &p.docs_});
    copies.push_back({at[2], &p.positions_});
    at[0] += p.dict_.size();
    at[1] += p.docs_.size();
    at[2] += p.positions_.size();
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t c; (c = next++) < copies.size();) {
      if (!copies[c].from->empty()) std::memcpy(&out[copies[c].to], copies[c].from->data(), copies[c].from->size());
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& t : workers) t.join();
  return out;
}

// ---- Postings (postings.h): coding and the cursor. ----
namespace {

// Bytes of one packed array of kBlockDocs values of `width` bits.
constexpr size_t PackedBytes(int width) { return kBlockDocs * static_cast<size_t>(width) / 8; }

void PutPacked(const uint32_t* values, std::string* out) {
  uint32_t all = 0;
  for (uint32_t i = 0; i < kBlockDocs; ++i) all |= values[i];
  const int width = coding::BitWidth(all);
  out->push_back(static_cast<char>(width));
  coding::PackBits(values, kBlockDocs, width, out);
}

// Steps over one packed array; false when out of bounds or the width is bad.
bool SkipPacked(const char** p, const char* end) {
  if (*p >= end) return false;
  const int width = static_cast<unsigned char>(**p);
  if (width > 32 || PackedBytes(width) > static_cast<size_t>(end - *p - 1)) return false;
  *p += 1 + PackedBytes(width);
  return true;
}

// Reads one packed array; false when out of bounds or the width is bad.
bool GetPacked(const char** p, const char* end, uint32_t* values) {
  if (*p >= end) return false;
  const int width = static_cast<unsigned char>(**p);
  if (width > 32 || PackedBytes(width) > static_cast<size_t>(end - *p - 1)) return false;
  coding::UnpackBits(*p + 1, kBlockDocs, width, values);
  *p += 1 + PackedBytes(width);
  return true;
}

}  // namespace

bool DecodeTail(std::string_view bytes, size_t n, bool positional, int64_t previous, uint32_t* docs,
                uint32_t* counts, size_t* used) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  for (size_t i = 0; i < n; ++i) {
    uint32_t v = 0, count = 1;
    if (!coding::GetVarint32(&p, end, &v)) return false;
    if (positional) {
      if ((v & 1) == 0) {
        if (!coding::GetVarint32(&p, end, &count) || count > UINT32_MAX - 2) return false;
        count += 2;
      }
      v >>= 1;
    }
    previous += int64_t{v} + 1;
    if (previous > INT32_MAX) return false;
    docs[i] = static_cast<uint32_t>(previous);
    if (counts != nullptr) counts[i] = count;
  }
  *used = static_cast<size_t>(p - bytes.data());
  return true;
}

void EncodeDocs(const uint32_t* docs, const uint32_t* counts, size_t n, bool positional, std::string_view positions,
                std::string* out) {
  const char* pos = positions.data();
  const char* pos_end = pos + positions.size();
  int64_t previous = -1;
  uint32_t values[kBlockDocs];
  size_t i = 0;
  for (; n - i >= kBlockDocs; i += kBlockDocs) {
    coding::PutVarint32(out, static_cast<uint32_t>(docs[i + kBlockDocs - 1] - previous));
    if (positional) {
      uint32_t total = 0;
      for (uint32_t k = 0; k < kBlockDocs; ++k) total += counts[i + k];
      const char* q = pos;
      coding::SkipVarints(&q, pos_end, total);
      coding::PutVarint32(out, static_cast<uint32_t>(q - pos));
      pos = q;
    }
    for (uint32_t k = 0; k < kBlockDocs; ++k) {
      values[k] = static_cast<uint32_t>(docs[i + k] - (k == 0 ? previous : int64_t{docs[i + k - 1]}) - 1);
    }
    PutPacked(values, out);
    if (positional) {
      for (uint32_t k = 0; k < kBlockDocs; ++k) values[k] = counts[i + k] - 1;
      PutPacked(values, out);
    }
    previous = docs[i + kBlockDocs - 1];
  }
  for (; i < n; ++i) {
    PutTailDoc(static_cast<uint32_t>(docs[i] - previous - 1), positional ? counts[i] : 1, positional, out);
    previous = docs[i];
  }
}

PostingCursor::PostingCursor(std::string_view docs, std::string_view positions, bool positional, uint32_t doc_freq,
                             uint32_t num_docs)
    : p_(docs.data()),
      end_(docs.data() + docs.size()),
      pos_next_(positions.data()),
      pos_end_(positions.data() + positions.size()),
      positional_(positional),
      num_docs_(num_docs),
      remaining_(doc_freq) {}

bool PostingCursor::Stop() {
  remaining_ = 0;
  size_ = 0;
  index_ = 0;
  docs_[0] = num_docs_;
  p_ = end_;
  return false;
}

bool PostingCursor::LoadBlock() {
  if (remaining_ == 0) return false;
  const char* block_pos = pos_next_;
  if (remaining_ >= kBlockDocs) {
    uint32_t last_gap = 0, pos_bytes = 0;
    if (!coding::GetVarint32(&p_, end_, &last_gap)) return false;
    if (positional_ && !coding::GetVarint32(&p_, end_, &pos_bytes)) return false;
    if (pos_bytes > static_cast<size_t>(pos_end_ - pos_next_)) return false;
    if (!GetPacked(&p_, end_, docs_)) return false;
    counts_ready_ = !positional_;
    if (positional_) {  // skipped now, unpacked by EnsureCounts
      packed_counts_ = p_;
      if (!SkipPacked(&p_, end_)) return false;
    } else {
      std::fill(counts_, counts_ + kBlockDocs, 1u);
    }
    int64_t doc = previous_;
    for (uint32_t k = 0; k < kBlockDocs; ++k) {
      doc += int64_t{docs_[k]} + 1;
      docs_[k] = static_cast<uint32_t>(doc);
    }
    if (doc != previous_ + last_gap || doc >= num_docs_) return false;
    pos_next_ += pos_bytes;
    size_ = kBlockDocs;
  } else {
    size_t used = 0;
    if (!DecodeTail(std::string_view(p_, static_cast<size_t>(end_ - p_)), remaining_, positional_, previous_, docs_,
                    counts_, &used)) {
      return false;
    }
    if (docs_[remaining_ - 1] >= num_docs_) return false;
    counts_ready_ = true;
    p_ += used;
    pos_next_ = pos_end_;
    size_ = remaining_;
  }
  pos_p_ = block_pos;
  last_pos_ = block_pos;
  block_pos_end_ = pos_next_;
  pos_index_ = 0;
  remaining_ -= size_;
  previous_ = docs_[size_ - 1];
  return true;
}

bool PostingCursor::Next() {
  if (started_ && index_ + 1 < size_) {
    ++index_;
    return true;
  }
  started_ = true;
  index_ = 0;
  if (!LoadBlock()) return Stop();
  return true;
}

bool PostingCursor::SkipTo(uint32_t target) {
  if (started_ && size_ > 0 && docs_[size_ - 1] >= target) {
    index_ = static_cast<uint32_t>(std::lower_bound(docs_ + index_, docs_ + size_, target) - docs_);
    return true;
  }
  started_ = true;
  // Pass whole blocks whose last document is below the target.
  while (remaining_ >= kBlockDocs) {
    const char* q = p_;
    uint32_t last_gap = 0, pos_bytes = 0;
    if (!coding::GetVarint32(&q, end_, &last_gap)) return Stop();
    if (previous_ + last_gap >= target) break;
    if (positional_ && !coding::GetVarint32(&q, end_, &pos_bytes)) return Stop();
    if (!SkipPacked(&q, end_) || (positional_ && !SkipPacked(&q, end_))) return Stop();
    if (pos_bytes > static_cast<size_t>(pos_end_ - pos_next_)) return Stop();
    p_ = q;
    pos_next_ += pos_bytes;
    previous_ += last_gap;
    remaining_ -= kBlockDocs;
  }
  do {
    if (!LoadBlock()) return Stop();
  } while (docs_[size_ - 1] < target);
  index_ = static_cast<uint32_t>(std::lower_bound(docs_, docs_ + size_, target) - docs_);
  return true;
}

bool PostingCursor::EnsureCounts() {
  if (counts_ready_) return true;
  const char* p = packed_counts_;
  if (!GetPacked(&p, end_, counts_)) return false;
  for (uint32_t k = 0; k < kBlockDocs; ++k) ++counts_[k];
  counts_ready_ = true;
  return true;
}

void PostingCursor::AppendPositions(std::vector<uint32_t>* out) {
  if (!positional_ || size_ == 0 || !EnsureCounts()) return;
  if (pos_index_ == index_ + 1) {
    pos_p_ = last_pos_;  // the same document again
    pos_index_ = index_;
  }
  uint32_t skip = 0;
  for (; pos_index_ < index_; ++pos_index_) skip += counts_[pos_index_];
  if (pos_index_ > index_ || !coding::SkipVarints(&pos_p_, block_pos_end_, skip)) return;
  last_pos_ = pos_p_;
  ++pos_index_;
  int64_t position = -1;
  for (uint32_t k = 0; k < counts_[index_]; ++k) {
    uint32_t delta = 0;
    if (!coding::GetVarint32(&pos_p_, block_pos_end_, &delta)) return;
    position += int64_t{delta} + 1;
    if (position > UINT32_MAX) return;
    out->push_back(static_cast<uint32_t>(position));
  }
}

void PostingCursor::AppendAll(std::vector<uint32_t>* docs, std::vector<uint32_t>* counts) {
  if (started_ && index_ + 1 < size_ && (counts == nullptr || EnsureCounts())) {
    docs->insert(docs->end(), docs_ + index_ + 1, docs_ + size_);
    if (counts != nullptr) counts->insert(counts->end(), counts_ + index_ + 1, counts_ + size_);
  }
  started_ = true;
  while (LoadBlock()) {
    if (counts != nullptr && !EnsureCounts()) break;
    docs->insert(docs->end(), docs_, docs_ + size_);
    if (counts != nullptr) counts->insert(counts->end(), counts_, counts_ + size_);
  }
  Stop();
}

}  // namespace carta::search::internal
