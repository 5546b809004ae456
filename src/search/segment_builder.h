// SegmentBuilder: records in, the bytes of one segment (segment.h) out. The
// in-memory inversion behind IndexBuilder, which runs one per batch of records
// (on several threads) and merges their segments.
#ifndef CARTA_SRC_SEARCH_SEGMENT_BUILDER_H_
#define CARTA_SRC_SEARCH_SEGMENT_BUILDER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "carta/biblio/record.h"

namespace carta::search::internal {

class SegmentBuilder {
 public:
  SegmentBuilder();
  ~SegmentBuilder();
  SegmentBuilder(const SegmentBuilder&) = delete;
  SegmentBuilder& operator=(const SegmentBuilder&) = delete;

  // Indexes `record` as document num_docs().
  void Add(const biblio::Record& record);
  uint32_t num_docs() const;
  // True once the segment is as large as one segment should get (its postings
  // pool near 1 GiB): the caller finishes it and starts another.
  bool full() const;
  // The segment of every record added (valid for Segment::Open); the builder
  // is empty afterwards. REQUIRES: num_docs() > 0.
  std::string Finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_SEGMENT_BUILDER_H_
