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
  uint64_t total = kHeaderSize + uint64_t{num_docs_} * 8 + (uint64_t{num_blocks_} + 1) * kBlockEntrySize;
  for (uint64_t size : sizes) {
    if (size > b.size()) return Status::Corruption("segment section larger than the segment");
    total += size;
  }
  if (total != b.size()) return Status::Corruption("segment size does not match its header");
  dates_at_ = kHeaderSize;
  blocks_at_ = dates_at_ + size_t{num_docs_} * 8;
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

uint32_t Segment::date(uint32_t doc) const { return coding::GetFixed32(bytes_.data() + dates_at_ + size_t{doc} * 8); }

uint32_t Segment::epub_date(uint32_t doc) const {
  return coding::GetFixed32(bytes_.data() + dates_at_ + size_t{doc} * 8 + 4);
}

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
  assert(dates.size() % 2 == 0);
  coding::PutFixed32(&out, static_cast<uint32_t>(dates.size() / 2));
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

}  // namespace carta::search::internal
