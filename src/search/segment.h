// One immutable segment of an index: a validated byte buffer and the readers
// over it. The builder and the merge write segments with SegmentWriter; Load
// and the builder open them with Segment::Open, so every segment searched has
// passed the same checks.
//
// Layout (integers little-endian):
//   header  "CSEG", version u32, num_docs u32, num_terms u32,
//           dict_size u64, docs_size u64, positions_size u64       (40 bytes)
//   dates   num_docs x u32 (DateKey, 0 = unknown)
//   blocks  (ceil(num_terms / kTermsPerBlock) + 1) x {dict_offset u64,
//           docs_offset u64, positions_offset u64}: where each block of
//           kTermsPerBlock terms starts in the three sections; the last entry
//           holds the section sizes
//   dict    per term, in increasing key order (key = field byte + text):
//           varint(bytes shared with the previous key of its block, 0 for a
//           block's first), varint(length of the rest), the rest,
//           varint(doc_freq), varint(docs bytes), varint(positions bytes)
//   docs, positions   per term, as postings.h describes
#ifndef CARTA_SRC_SEARCH_SEGMENT_H_
#define CARTA_SRC_SEARCH_SEGMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"
#include "fields.h"
#include "postings.h"

namespace carta::search::internal {

constexpr uint32_t kSegmentVersion = 2;
constexpr uint32_t kTermsPerBlock = 32;

// One dictionary entry.
struct TermInfo {
  std::string key;  // field byte + text
  uint32_t doc_freq = 0;
  std::string_view docs, positions;
  FieldId field() const { return static_cast<FieldId>(key[0]); }
};

class Segment;

// Walks the dictionary in key order from a term id. REQUIRES: the segment
// passed Open (the dictionary bytes are well formed).
class TermCursor {
 public:
  TermCursor(const Segment& segment, uint32_t id);
  bool Valid() const { return id_ < num_terms_; }
  uint32_t id() const { return id_; }
  const TermInfo& term() const { return term_; }
  void Next();

 private:
  void Decode();
  const Segment* segment_;
  uint32_t id_, num_terms_;
  const char* p_ = nullptr;
  uint64_t docs_at_ = 0, positions_at_ = 0;
  TermInfo term_;
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

  // Term `id`. REQUIRES: id < num_terms().
  TermInfo Term(uint32_t id) const;

  // Term ids [*first, *last) of field `f` whose text equals `text`, or starts
  // with it when `prefix`.
  void Find(FieldId f, std::string_view text, bool prefix, uint32_t* first, uint32_t* last) const;

  PostingCursor Postings(const TermInfo& term) const;
  // Appends the documents of `term` to `out` (increasing).
  void AppendDocs(const TermInfo& term, std::vector<uint32_t>* out) const;

 private:
  friend class TermCursor;
  explicit Segment(std::string bytes) : bytes_(std::move(bytes)) {}
  Status Validate();
  uint64_t BlockField(uint32_t block, int which) const;  // 0 dict, 1 docs, 2 positions offset
  std::string_view BlockFirstKey(uint32_t block) const;

  std::string bytes_;
  uint32_t num_docs_ = 0;
  uint32_t num_terms_ = 0;
  uint32_t num_blocks_ = 0;
  size_t dates_at_ = 0, blocks_at_ = 0, dict_at_ = 0, docs_at_ = 0, positions_at_ = 0;
};

// Writes a segment: terms in increasing key order, then Finish.
class SegmentWriter {
 public:
  // REQUIRES: key greater than every key added before; doc_freq >= 1.
  void AddTerm(std::string_view key, uint32_t doc_freq, std::string_view docs, std::string_view positions);
  // The segment bytes for documents whose DateKeys are `dates`.
  std::string Finish(const std::vector<uint32_t>& dates);

 private:
  std::string blocks_, dict_, docs_, positions_, previous_key_;
  uint32_t num_terms_ = 0;
};

// One segment holding the documents of `segments` in order (ids of segment k
// follow those of segments 0..k-1). REQUIRES: every segment is valid.
std::string MergeSegments(const std::vector<std::unique_ptr<Segment>>& segments);

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_SEGMENT_H_
