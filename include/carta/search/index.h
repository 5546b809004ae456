// carta::search: a full-text index over bibliographic records.
//
// Documents get dense ids 0, 1, 2, ... in the order they are added. An Index
// is a list of immutable segments searched together (ids of a later segment
// follow those of the earlier ones), so `carta lit import` can add a file's
// records as a new segment and Merge them later. Postings are coded in
// blocks of 128 documents (bit-packed, skippable by their headers);
// positions are kept only for the fields that phrases and proximity search
// (see doc/search.md for the file format).
//
//   search::IndexBuilder builder;
//   for (const biblio::Record& r : records) builder.Add(r);
//   search::Index index = builder.Finish();
//   Result<search::Query> q = search::ParsePubmed("car t cell*[tiab] AND 2020:2024[dp]");
//   if (!q.ok()) return q.status();
//   search::SearchResult hits = index.Search(*q);   // hits.docs: sorted ids
#ifndef CARTA_SEARCH_INDEX_H_
#define CARTA_SEARCH_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"
#include "carta/search/query.h"

namespace carta::search {

namespace internal {
class Segment;
}

class Index;

// How IndexBuilder works: on how many threads, in batches of how many records.
struct BuildOptions {
  // Threads that index records: 0 = one per core, 1 = only the calling thread.
  int threads = 0;
  // Records per batch. Each batch is inverted in memory into a segment of its
  // own, and Finish merges the segments into one. Batches bound the memory of
  // the inversion (about 140 MB per thread for 16,384 MEDLINE-size records;
  // the finished segments wait for the merge, at about 0.8 KB a record) and
  // keep its hash tables small enough to be fast: on the benchmark corpus
  // 16,384 built 1M records faster than 65,536. The index does not depend on
  // either option: its bytes are the same.
  uint32_t batch_records = 16384;
};

// Collects records and turns them into a one-segment Index.
class IndexBuilder {
 public:
  IndexBuilder();
  explicit IndexBuilder(BuildOptions options);
  ~IndexBuilder();
  IndexBuilder(const IndexBuilder&) = delete;
  IndexBuilder& operator=(const IndexBuilder&) = delete;

  // Indexes `record` and returns its document id (the number of records added
  // before it). With more than one thread the record is copied (or moved) into
  // the current batch and indexed later on a worker thread; Add waits while
  // every thread has a batch queued, so memory stays bounded.
  uint32_t Add(const biblio::Record& record);
  uint32_t Add(biblio::Record&& record);

  // Records added so far.
  uint32_t num_docs() const;

  // The index of every record added; the builder is empty afterwards.
  Index Finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Matching documents of a query and the notes on how it was interpreted.
struct SearchResult {
  std::vector<uint32_t> docs;         // increasing document ids
  std::vector<std::string> warnings;  // Query::warnings()
};

// An immutable, searchable index. Movable, not copyable; const methods may be
// called from several threads at once.
class Index {
 public:
  // An index with no documents.
  Index();
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  uint32_t num_docs() const;
  size_t num_segments() const;
  // Bytes the index takes in memory and on disk (without the file header).
  uint64_t size_bytes() const;

  // The documents that match `query`, and its warnings.
  SearchResult Search(const Query& query) const;
  // The number of documents Search would return; cheaper for single terms.
  uint32_t Count(const Query& query) const;

  // Appends the documents of `other` after this index's: their ids grow by
  // num_docs(). `other` is left empty.
  void Append(Index&& other);
  // Rewrites every segment into one, on one thread per core; ids and search
  // results do not change.
  void Merge();

  // Writes the index to `path` (a versioned header, the segments, a 64-bit
  // checksum), through a temporary file renamed into place. IOError on failure.
  Status Save(const std::string& path) const;
  // Reads an index written by Save. IOError when the file cannot be read,
  // Corruption when it is truncated, altered or of another version.
  static Result<Index> Load(const std::string& path);
  // The bytes Save writes, and their reader (as Load, without the file).
  std::string Serialize() const;
  static Result<Index> Deserialize(const std::string& bytes);

  // The segments, for the evaluator and tests.
  const std::vector<std::unique_ptr<internal::Segment>>& segments() const { return segments_; }

 private:
  friend class IndexBuilder;
  std::vector<std::unique_ptr<internal::Segment>> segments_;
};

}  // namespace carta::search

#endif  // CARTA_SEARCH_INDEX_H_
