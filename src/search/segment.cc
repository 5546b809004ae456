#include "segment.h"

#include <algorithm>

#include "coding.h"

namespace carta::search::internal {

namespace {
constexpr size_t kHeaderSize = 40;
constexpr size_t kEntrySize = 24;
constexpr char kMagic[4] = {'C', 'S', 'E', 'G'};
}  // namespace

PostingCursor::PostingCursor(std::string_view docs, std::string_view positions, bool positional, uint32_t num_docs)
    : p_(docs.data()),
      end_(docs.data() + docs.size()),
      pos_(positions.data()),
      pos_end_(positions.data() + positions.size()),
      positional_(positional),
      num_docs_(num_docs) {}

bool PostingCursor::Next() {
  pos_ += pos_len_;
  pos_len_ = 0;
  uint32_t delta = 0;
  if (p_ >= end_ || !coding::GetVarint32(&p_, end_, &delta)) return Stop();
  int64_t doc = doc_ + 1 + delta;
  if (doc >= num_docs_) return Stop();
  if (positional_) {
    uint32_t len = 0;
    if (!coding::GetVarint32(&p_, end_, &len) || len > static_cast<size_t>(pos_end_ - pos_)) return Stop();
    pos_len_ = len;
  }
  doc_ = doc;
  return true;
}

bool PostingCursor::Stop() {
  p_ = end_;
  pos_len_ = 0;
  doc_ = num_docs_;
  return false;
}

bool PostingCursor::SkipTo(uint32_t target) {
  if (doc_ >= target && doc_ < num_docs_) return true;
  while (Next()) {
    if (doc_ >= target) return true;
  }
  return false;
}

void PostingCursor::AppendPositions(std::vector<uint32_t>* out) const {
  const char* p = pos_;
  const char* end = pos_ + pos_len_;
  int64_t position = -1;
  uint32_t delta = 0;
  while (p < end && coding::GetVarint32(&p, end, &delta)) {
    position += int64_t{delta} + 1;
    if (position > UINT32_MAX) return;
    out->push_back(static_cast<uint32_t>(position));
  }
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
  const uint64_t sizes[3] = {coding::GetFixed64(&b[16]), coding::GetFixed64(&b[24]), coding::GetFixed64(&b[32])};
  uint64_t total = kHeaderSize + uint64_t{num_docs_} * 4 + (uint64_t{num_terms_} + 1) * kEntrySize;
  for (uint64_t size : sizes) {
    if (size > b.size()) return Status::Corruption("segment section larger than the segment");
    total += size;
  }
  if (total != b.size()) return Status::Corruption("segment size does not match its header");
  dates_at_ = kHeaderSize;
  terms_at_ = dates_at_ + size_t{num_docs_} * 4;
  keys_at_ = terms_at_ + (size_t{num_terms_} + 1) * kEntrySize;
  docs_at_ = keys_at_ + sizes[0];
  positions_at_ = docs_at_ + sizes[1];
  if (EntryField(0, 0, 4) != 0 || EntryField(0, 8, 8) != 0 || EntryField(0, 16, 8) != 0 ||
      EntryField(num_terms_, 0, 4) != sizes[0] || EntryField(num_terms_, 8, 8) != sizes[1] ||
      EntryField(num_terms_, 16, 8) != sizes[2]) {
    return Status::Corruption("segment term table does not span its sections");
  }
  for (uint32_t id = 0; id < num_terms_; ++id) {  // offsets first: Key() relies on them
    if (EntryField(id + 1, 0, 4) < EntryField(id, 0, 4) + 2 || EntryField(id + 1, 8, 8) < EntryField(id, 8, 8) ||
        EntryField(id + 1, 16, 8) < EntryField(id, 16, 8)) {
      return Status::Corruption("segment term " + std::to_string(id) + " has offsets out of order");
    }
  }
  std::string_view previous;
  for (uint32_t id = 0; id < num_terms_; ++id) {
    const uint64_t doc_len = EntryField(id + 1, 8, 8) - EntryField(id, 8, 8);
    const uint64_t pos_len = EntryField(id + 1, 16, 8) - EntryField(id, 16, 8);
    const std::string_view key = Key(id);
    const uint32_t df = DocFreq(id);
    if (static_cast<unsigned char>(key[0]) >= kNumFields || key <= previous || df == 0 || df > num_docs_ ||
        doc_len < df || (!HasPositions(Field(id)) && pos_len != 0)) {
      return Status::Corruption("segment term " + std::to_string(id) + " is malformed");
    }
    previous = key;
  }
  return Status::Ok();
}

uint64_t Segment::EntryField(uint32_t id, int offset, int width) const {
  const char* p = bytes_.data() + terms_at_ + size_t{id} * kEntrySize + offset;
  return width == 4 ? coding::GetFixed32(p) : coding::GetFixed64(p);
}

uint32_t Segment::date(uint32_t doc) const { return coding::GetFixed32(bytes_.data() + dates_at_ + size_t{doc} * 4); }

std::string_view Segment::Key(uint32_t id) const {
  const uint64_t from = EntryField(id, 0, 4);
  const uint64_t to = EntryField(id + 1, 0, 4);
  return std::string_view(bytes_).substr(keys_at_ + from, to - from);
}

uint32_t Segment::DocFreq(uint32_t id) const { return static_cast<uint32_t>(EntryField(id, 4, 4)); }

std::string_view Segment::DocBytes(uint32_t id) const {
  const uint64_t from = EntryField(id, 8, 8);
  return std::string_view(bytes_).substr(docs_at_ + from, EntryField(id + 1, 8, 8) - from);
}

std::string_view Segment::PositionBytes(uint32_t id) const {
  const uint64_t from = EntryField(id, 16, 8);
  return std::string_view(bytes_).substr(positions_at_ + from, EntryField(id + 1, 16, 8) - from);
}

void Segment::Find(FieldId f, std::string_view text, bool prefix, uint32_t* first, uint32_t* last) const {
  std::string key(1, static_cast<char>(f));
  key.append(text);
  auto less_than_key = [&](uint32_t id) { return Key(id) < key; };
  // Binary search over term ids by key.
  auto lower = [&](auto pred) {
    uint32_t lo = 0, hi = num_terms_;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (pred(mid)) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
  *first = lower(less_than_key);
  if (!prefix) {
    *last = *first < num_terms_ && Key(*first) == key ? *first + 1 : *first;
    return;
  }
  *last = lower([&](uint32_t id) { return id < *first || Key(id).substr(0, key.size()) <= key; });
}

PostingCursor Segment::Postings(uint32_t id) const {
  return PostingCursor(DocBytes(id), PositionBytes(id), HasPositions(Field(id)), num_docs_);
}

void Segment::AppendDocs(uint32_t id, std::vector<uint32_t>* out) const {
  std::string_view docs = DocBytes(id);
  const char* p = docs.data();
  const char* end = p + docs.size();
  const bool positional = HasPositions(Field(id));
  int64_t doc = -1;
  uint32_t delta = 0, len = 0;
  while (p < end && coding::GetVarint32(&p, end, &delta)) {
    doc += int64_t{delta} + 1;
    if (doc >= num_docs_) return;
    if (positional && !coding::GetVarint32(&p, end, &len)) return;
    out->push_back(static_cast<uint32_t>(doc));
  }
}

void SegmentWriter::AddTerm(std::string_view key, uint32_t doc_freq, std::string_view docs,
                            std::string_view positions) {
  coding::PutFixed32(&terms_, static_cast<uint32_t>(keys_.size()));
  coding::PutFixed32(&terms_, doc_freq);
  coding::PutFixed64(&terms_, docs_.size());
  coding::PutFixed64(&terms_, positions_.size());
  keys_.append(key);
  docs_.append(docs);
  positions_.append(positions);
  ++num_terms_;
}

std::string SegmentWriter::Finish(const std::vector<uint32_t>& dates) {
  std::string out(kMagic, 4);
  coding::PutFixed32(&out, kSegmentVersion);
  coding::PutFixed32(&out, static_cast<uint32_t>(dates.size()));
  coding::PutFixed32(&out, num_terms_);
  coding::PutFixed64(&out, keys_.size());
  coding::PutFixed64(&out, docs_.size());
  coding::PutFixed64(&out, positions_.size());
  out.reserve(out.size() + dates.size() * 4 + terms_.size() + kEntrySize + keys_.size() + docs_.size() +
              positions_.size());
  for (uint32_t d : dates) coding::PutFixed32(&out, d);
  out += terms_;
  coding::PutFixed32(&out, static_cast<uint32_t>(keys_.size()));
  coding::PutFixed32(&out, 0);
  coding::PutFixed64(&out, docs_.size());
  coding::PutFixed64(&out, positions_.size());
  out += keys_;
  out += docs_;
  out += positions_;
  *this = SegmentWriter();
  return out;
}

}  // namespace carta::search::internal
