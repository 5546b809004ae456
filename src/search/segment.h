// One immutable segment of an index: a validated byte buffer and the readers
// over it. The builder and the merge write segments with SegmentWriter; Load
// and the builder open them with Segment::Open, so every segment searched has
// passed the same checks.
//
// Layout (integers little-endian):
//   header  "CSEG", version u32, num_docs u32, num_terms u32,
//           keys_size u64, docs_size u64, positions_size u64     (40 bytes)
//   dates   num_docs x u32 (DateKey, 0 = unknown)
//   terms   (num_terms + 1) x {key_offset u32, doc_freq u32, docs_offset u64,
//           positions_offset u64}; the last entry is a sentinel holding the
//           section sizes, so entry i spans [entry i, entry i + 1)
//   keys    field byte + term text per term, sorted bytewise, no separators
//   docs    per term, per document: varint(doc - previous doc - 1) (the first
//           previous doc counts as -1), then for positional fields
//           varint(bytes of this document's positions)
//   positions  per term, per document: varint(position - previous - 1)
#ifndef CARTA_SRC_SEARCH_SEGMENT_H_
#define CARTA_SRC_SEARCH_SEGMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"
#include "fields.h"

namespace carta::search::internal {

constexpr uint32_t kSegmentVersion = 1;

// Walks the postings of one term: documents in increasing order and, for
// positional fields, the positions within each. Bounds-checked: malformed bytes
// end the walk early instead of reading past the buffer.
class PostingCursor {
 public:
  PostingCursor() = default;
  PostingCursor(std::string_view docs, std::string_view positions, bool positional, uint32_t num_docs);

  // Moves to the next document; false at the end.
  bool Next();
  // Moves to the first document >= target; false when there is none.
  bool SkipTo(uint32_t target);
  // REQUIRES: the last Next/SkipTo returned true.
  uint32_t doc() const { return static_cast<uint32_t>(doc_); }
  // Appends the current document's positions (increasing) to `out`.
  void AppendPositions(std::vector<uint32_t>* out) const;

 private:
  bool Stop();  // ends the walk; returns false

  const char* p_ = nullptr;
  const char* end_ = nullptr;
  const char* pos_ = nullptr;      // the current document's positions
  const char* pos_end_ = nullptr;  // end of the term's positions
  uint32_t pos_len_ = 0;
  bool positional_ = false;
  uint32_t num_docs_ = 0;
  int64_t doc_ = -1;
};

class Segment {
 public:
  // Validates `bytes` (header, sizes, offsets, sorted keys) and opens it.
  // Corruption when anything is out of shape.
  static Result<std::unique_ptr<Segment>> Open(std::string bytes);

  uint32_t num_docs() const { return num_docs_; }
  uint32_t num_terms() const { return num_terms_; }
  const std::string& bytes() const { return bytes_; }
  // DateKey of document `doc`. REQUIRES: doc < num_docs().
  uint32_t date(uint32_t doc) const;

  // The key of term `id` (field byte, then the text), its field and text.
  std::string_view Key(uint32_t id) const;
  FieldId Field(uint32_t id) const { return static_cast<FieldId>(Key(id)[0]); }
  std::string_view Text(uint32_t id) const { return Key(id).substr(1); }
  uint32_t DocFreq(uint32_t id) const;

  // Term ids [*first, *last) of field `f` whose text equals `text`, or starts
  // with it when `prefix`.
  void Find(FieldId f, std::string_view text, bool prefix, uint32_t* first, uint32_t* last) const;

  PostingCursor Postings(uint32_t id) const;
  // The raw docs and positions bytes of term `id` (for merging).
  std::string_view DocBytes(uint32_t id) const;
  std::string_view PositionBytes(uint32_t id) const;
  // Appends the documents of term `id` to `out` (increasing).
  void AppendDocs(uint32_t id, std::vector<uint32_t>* out) const;

 private:
  explicit Segment(std::string bytes) : bytes_(std::move(bytes)) {}
  Status Validate();
  uint64_t EntryField(uint32_t id, int offset, int width) const;

  std::string bytes_;
  uint32_t num_docs_ = 0;
  uint32_t num_terms_ = 0;
  size_t dates_at_ = 0, terms_at_ = 0, keys_at_ = 0, docs_at_ = 0, positions_at_ = 0;
};

// Writes a segment: terms in increasing key order, then Finish.
class SegmentWriter {
 public:
  // REQUIRES: key greater than every key added before; doc_freq >= 1.
  void AddTerm(std::string_view key, uint32_t doc_freq, std::string_view docs, std::string_view positions);
  // The segment bytes for documents whose DateKeys are `dates`.
  std::string Finish(const std::vector<uint32_t>& dates);

 private:
  std::string terms_, keys_, docs_, positions_;
  uint32_t num_terms_ = 0;
};

// One segment holding the documents of `segments` in order (ids of segment k
// follow those of segments 0..k-1). REQUIRES: every segment is valid.
std::string MergeSegments(const std::vector<std::unique_ptr<Segment>>& segments);

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_SEGMENT_H_
