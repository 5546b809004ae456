// Postings (postings.h): the coding of a term's docs stream and the cursor
// that walks it.
#include "postings.h"

#include <algorithm>
#include <cstring>

namespace carta::search::internal {

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
