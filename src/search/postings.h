// The postings of one term: which documents hold it, how often, and (for
// positional fields) where. Two byte streams per term:
//
//   docs       blocks of kBlockDocs documents, then a tail of fewer:
//              full block: varint(last doc - last doc of the previous block,
//                the first "previous" being -1), for positional fields
//                varint(bytes of the block's positions); then a width byte w
//                and 128 (doc - previous doc - 1) packed in w bits each
//                (16 w bytes), and for positional fields a width byte and 128
//                (positions - 1) packed the same way.
//              tail: per document varint(doc - previous - 1), or for
//                positional fields varint((doc - previous - 1) * 2 + (one
//                position ? 1 : 0)) and, when not one, varint(positions - 2).
//   positions  per document, per position: varint(position - previous - 1),
//              the first previous being -1.
//
// A block's header lets SkipTo pass it without unpacking; a query that needs
// no positions never reads the positions stream. Implemented in postings.cc.
#ifndef CARTA_SRC_SEARCH_POSTINGS_H_
#define CARTA_SRC_SEARCH_POSTINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coding.h"

namespace carta::search::internal {

constexpr uint32_t kBlockDocs = 128;

// Appends one document to tail-coded docs bytes: `gap` = doc - previous - 1,
// `count` = its number of positions (ignored unless positional).
// REQUIRES: gap < 2^31.
inline void PutTailDoc(uint32_t gap, uint32_t count, bool positional, std::string* out) {
  if (!positional) return coding::PutVarint32(out, gap);
  coding::PutVarint32(out, gap * 2 + (count == 1 ? 1 : 0));
  if (count != 1) coding::PutVarint32(out, count - 2);
}

// Decodes `n` tail-coded documents from `bytes`, the first after `previous`
// (-1 for none), into docs[] and, when positional, counts[]. False when the
// bytes are malformed. *used receives the bytes read.
bool DecodeTail(std::string_view bytes, size_t n, bool positional, int64_t previous, uint32_t* docs,
                uint32_t* counts, size_t* used);

// Appends the docs stream of a term holding docs[0..n) (increasing) with
// counts[i] positions each (null when not positional), whose positions
// stream is `positions`. REQUIRES: doc ids < 2^31; counts match positions.
void EncodeDocs(const uint32_t* docs, const uint32_t* counts, size_t n, bool positional, std::string_view positions,
                std::string* out);

// Walks the postings of one term: documents in increasing order and, for
// positional fields, the positions within each. Bounds-checked: malformed
// bytes end the walk early instead of reading past the buffers.
class PostingCursor {
 public:
  PostingCursor() = default;
  PostingCursor(std::string_view docs, std::string_view positions, bool positional, uint32_t doc_freq,
                uint32_t num_docs);

  // Moves to the next document; false at the end.
  bool Next();
  // Moves to the first document >= target (never backwards); false when
  // there is none. Skips whole blocks by their headers.
  bool SkipTo(uint32_t target);
  // REQUIRES: the last Next/SkipTo returned true.
  uint32_t doc() const { return docs_[index_]; }
  // Appends the current document's positions (increasing) to `out`.
  void AppendPositions(std::vector<uint32_t>* out);
  // Appends every remaining document (and, when `counts` is set, its count).
  void AppendAll(std::vector<uint32_t>* docs, std::vector<uint32_t>* counts);

 private:
  bool LoadBlock();
  bool Stop();
  // Unpacks the block's position counts (read lazily: filtering by document
  // needs none); false when they are malformed.
  bool EnsureCounts();

  const char* p_ = nullptr;
  const char* end_ = nullptr;
  const char* pos_next_ = nullptr;   // positions of the next block
  const char* pos_end_ = nullptr;    // end of the term's positions
  const char* pos_p_ = nullptr;      // positions of document pos_index_ of this block
  const char* block_pos_end_ = nullptr;
  const char* last_pos_ = nullptr;   // positions of document pos_index_ - 1
  uint32_t pos_index_ = 0;
  bool positional_ = false;
  uint32_t num_docs_ = 0;
  uint32_t remaining_ = 0;           // documents in blocks not loaded yet
  int64_t previous_ = -1;            // last document of the loaded blocks
  uint32_t size_ = 0, index_ = 0;    // documents in this block; the current one
  bool started_ = false;
  const char* packed_counts_ = nullptr;  // the block's counts, until unpacked
  bool counts_ready_ = true;
  uint32_t docs_[kBlockDocs] = {};
  uint32_t counts_[kBlockDocs] = {};
};

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_POSTINGS_H_
