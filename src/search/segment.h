// One immutable segment of an index: a validated byte buffer and the readers
// over it. The builder and the merge write segments with SegmentWriter; Load
// and the builder open them with Segment::Open, so every segment searched has
// passed the same checks.
//
// Layout (integers little-endian):
//   header  "CSEG", version u32, num_docs u32, num_terms u32,
//           dict_size u64, docs_size u64, positions_size u64       (40 bytes)
//   dates   num_docs x {u32 DateKey, u32 EpubDateKey} (0 = unknown)
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

constexpr uint32_t kSegmentVersion = 3;  // 3: the electronic date beside each document's date
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
  // EpubDateKey of document `doc`. REQUIRES: doc < num_docs().
  uint32_t epub_date(uint32_t doc) const;

  // Term `id`. REQUIRES: id < num_terms().
  TermInfo Term(uint32_t id) const;

  // Term ids [*first, *last) of field `f` whose text equals `text`, or starts
  // with it when `prefix`.
  void Find(FieldId f, std::string_view text, bool prefix, uint32_t* first, uint32_t* last) const;

  // Dictionary blocks (kTermsPerBlock terms each): how many, where block
  // `block` starts in section `which` (0 dictionary, 1 docs, 2 positions;
  // block num_blocks() gives the section sizes) and its first key.
  uint32_t num_blocks() const { return num_blocks_; }
  uint64_t BlockOffset(uint32_t block, int which) const { return BlockField(block, which); }
  std::string_view BlockFirstKey(uint32_t block) const;

  PostingCursor Postings(const TermInfo& term) const;
  // Appends the documents of `term` to `out` (increasing).
  void AppendDocs(const TermInfo& term, std::vector<uint32_t>* out) const;

 private:
  friend class TermCursor;
  explicit Segment(std::string bytes) : bytes_(std::move(bytes)) {}
  Status Validate();
  uint64_t BlockField(uint32_t block, int which) const;  // 0 dict, 1 docs, 2 positions offset

  std::string bytes_;
  uint32_t num_docs_ = 0;
  uint32_t num_terms_ = 0;
  uint32_t num_blocks_ = 0;
  size_t dates_at_ = 0, blocks_at_ = 0, dict_at_ = 0, docs_at_ = 0, positions_at_ = 0;
};

// Writes a segment: terms in increasing key order, then Finish. A segment
// can also be written in pieces (on several threads): each piece is told
// where it starts (its first term's number, the key before it, the docs and
// positions bytes before it), and Assemble joins the pieces in order.
class SegmentWriter {
 public:
  SegmentWriter() = default;
  // A piece whose first term is term number `first_term` of the segment,
  // after `previous_key`, with `docs_at` / `positions_at` bytes of the
  // sections before it.
  SegmentWriter(uint64_t first_term, std::string_view previous_key, uint64_t docs_at, uint64_t positions_at);

  // REQUIRES: key greater than every key added before; doc_freq >= 1.
  void AddTerm(std::string_view key, uint32_t doc_freq, std::string_view docs, std::string_view positions);
  // AddTerm without the bytes: the dictionary entry of a term whose docs and
  // positions bytes are the next ones of the sections handed over whole by
  // AdoptSections (which REQUIRES their sizes to add up).
  void AddEntry(std::string_view key, uint32_t doc_freq, size_t docs_size, size_t positions_size);
  void AdoptSections(std::string docs, std::string positions);
  // The segment bytes for documents whose DateKeys and EpubDateKeys are
  // `dates`, two per document (date, electronic date).
  std::string Finish(const std::vector<uint32_t>& dates);
  // The segment of `pieces` (each started where the ones before it end),
  // copied into place on up to `threads` threads.
  static std::string Assemble(std::vector<SegmentWriter>& pieces, const std::vector<uint32_t>& dates, int threads);

 private:
  std::string blocks_, dict_, docs_, positions_, previous_key_;
  uint64_t num_terms_ = 0;  // counting from the segment's first term
  uint64_t first_term_ = 0;
  uint64_t docs_at_ = 0, positions_at_ = 0;
  uint64_t docs_bytes_ = 0, positions_bytes_ = 0;  // of this piece's terms
};

// One segment holding the documents of `segments` in order (ids of segment k
// follow those of segments 0..k-1), merged on up to `threads` threads (the
// bytes do not depend on it). REQUIRES: every segment is valid.
std::string MergeSegments(const std::vector<std::unique_ptr<Segment>>& segments, int threads = 1);

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_SEGMENT_H_
