// MergeSegments: one pass over the segments' sorted dictionaries. Documents
// are decoded, shifted by their segment's first id and coded again (blocks
// span segments); position bytes do not depend on document ids and are copied
// as they are.
//
// With several threads the key space is cut into ranges of about equal
// postings bytes (at block boundaries of the largest segment's dictionary);
// each thread merges one range into a run of finished terms, and the runs are
// written in key order, so the bytes are the same for any number of threads.
#include <algorithm>
#include <atomic>
#include <queue>
#include <thread>

#include "coding.h"
#include "segment.h"

namespace carta::search::internal {

namespace {

// The merged terms of one key range, coded and ready for SegmentWriter.
struct Run {
  struct Entry {
    uint32_t key_size, doc_freq;
    uint64_t docs_size, positions_size;
  };
  std::string keys, docs, positions;
  std::vector<Entry> entries;
};

// The first term id of `s` whose key is >= `key` (num_terms when none).
uint32_t LowerBound(const Segment& s, const std::string& key) {
  if (key.empty()) return 0;
  uint32_t first = 0, last = 0;
  s.Find(static_cast<FieldId>(key[0]), std::string_view(key).substr(1), false, &first, &last);
  return first;
}

// Merges the terms with keys in [from, to) ("" = unbounded) into *run.
void MergeRange(const std::vector<std::unique_ptr<Segment>>& segments, const std::vector<uint32_t>& bases,
                const std::string& from, const std::string& to, Run* run) {
  std::vector<TermCursor> cursors;
  for (const auto& s : segments) cursors.emplace_back(*s, LowerBound(*s, from));
  auto in_range = [&](const TermCursor& c) { return c.Valid() && (to.empty() || c.term().key < to); };
  // Heap of (key, segment) at each segment's next term; equal keys pop in
  // segment order, so documents stay increasing.
  using Head = std::pair<std::string_view, size_t>;
  std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
  for (size_t i = 0; i < cursors.size(); ++i) {
    if (in_range(cursors[i])) heads.emplace(cursors[i].term().key, i);
  }
  std::string key, positions;
  std::vector<uint32_t> ids, counts, part_ids;
  while (!heads.empty()) {
    key.assign(heads.top().first);
    const bool positional = HasPositions(static_cast<FieldId>(key[0]));
    ids.clear();
    counts.clear();
    positions.clear();
    while (!heads.empty() && heads.top().first == key) {
      const size_t i = heads.top().second;
      heads.pop();
      const TermInfo& t = cursors[i].term();
      part_ids.clear();
      segments[i]->Postings(t).AppendAll(&part_ids, positional ? &counts : nullptr);
      for (uint32_t d : part_ids) ids.push_back(bases[i] + d);
      positions.append(t.positions);
      cursors[i].Next();
      if (in_range(cursors[i])) heads.emplace(cursors[i].term().key, i);
    }
    const size_t docs_before = run->docs.size();
    EncodeDocs(ids.data(), positional ? counts.data() : nullptr, ids.size(), positional, positions, &run->docs);
    run->keys.append(key);
    run->positions.append(positions);
    run->entries.push_back({static_cast<uint32_t>(key.size()), static_cast<uint32_t>(ids.size()),
                            run->docs.size() - docs_before, positions.size()});
  }
}

// Up to parts - 1 keys that cut the largest segment's dictionary into parts
// of about equal work, increasing; each is the first key of a dictionary
// block. Work is postings bytes plus kTermWork per term (the heap and the
// dictionary cost per term: key fields have many terms of few bytes).
constexpr uint64_t kTermWork = 200;

std::vector<std::string> SplitKeys(const std::vector<std::unique_ptr<Segment>>& segments, int parts) {
  std::vector<std::string> keys;
  const Segment* largest = nullptr;
  for (const auto& s : segments) {
    if (largest == nullptr || s->bytes().size() > largest->bytes().size()) largest = s.get();
  }
  if (largest == nullptr || parts < 2) return keys;
  const uint32_t blocks = largest->num_blocks();
  auto bytes_before = [&](uint32_t b) {
    return largest->BlockOffset(b, 1) + largest->BlockOffset(b, 2) + uint64_t{b} * kTermsPerBlock * kTermWork;
  };
  const uint64_t total = bytes_before(blocks);
  for (int k = 1; k < parts; ++k) {
    const uint64_t target = total * static_cast<uint64_t>(k) / static_cast<uint64_t>(parts);
    uint32_t lo = 1, hi = blocks;  // the first block (not block 0) starting at or after target
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (bytes_before(mid) < target) lo = mid + 1; else hi = mid;
    }
    if (lo >= blocks) break;
    std::string key(largest->BlockFirstKey(lo));
    if (keys.empty() || keys.back() < key) keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace

std::string MergeSegments(const std::vector<std::unique_ptr<Segment>>& segments, int threads) {
  std::vector<uint32_t> bases, dates;
  for (const auto& s : segments) {
    bases.push_back(static_cast<uint32_t>(dates.size() / 2));
    for (uint32_t d = 0; d < s->num_docs(); ++d) {
      dates.push_back(s->date(d));
      dates.push_back(s->epub_date(d));
    }
  }
  // More ranges than threads, taken in turn, so that a range of more work
  // than its estimate does not leave the other threads idle.
  std::vector<std::string> bounds = SplitKeys(segments, threads > 1 ? 4 * threads : 1);
  bounds.insert(bounds.begin(), "");
  bounds.emplace_back("");
  std::vector<Run> runs(bounds.size() - 1);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t r; (r = next++) < runs.size();) MergeRange(segments, bases, bounds[r], bounds[r + 1], &runs[r]);
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads && static_cast<size_t>(t) < runs.size(); ++t) workers.emplace_back(work);
  work();
  for (std::thread& t : workers) t.join();
  // Each run becomes a piece of the segment, starting where the runs before
  // it end; the pieces' dictionaries are written in parallel too.
  std::vector<SegmentWriter> pieces;
  uint64_t terms = 0, docs = 0, positions = 0;
  for (size_t r = 0; r < runs.size(); ++r) {
    std::string_view previous;
    for (size_t q = r; q-- > 0;) {  // the last key of the nearest run before with any term
      if (!runs[q].entries.empty()) {
        previous = std::string_view(runs[q].keys).substr(runs[q].keys.size() - runs[q].entries.back().key_size);
        break;
      }
    }
    pieces.emplace_back(terms, previous, docs, positions);
    terms += runs[r].entries.size();
    docs += runs[r].docs.size();
    positions += runs[r].positions.size();
  }
  next = 0;
  auto write = [&] {
    for (size_t r; (r = next++) < runs.size();) {
      size_t key_at = 0;
      for (const Run::Entry& e : runs[r].entries) {
        pieces[r].AddEntry(std::string_view(runs[r].keys).substr(key_at, e.key_size), e.doc_freq, e.docs_size,
                           e.positions_size);
        key_at += e.key_size;
      }
    }
  };
  workers.clear();
  for (int t = 1; t < threads && static_cast<size_t>(t) < runs.size(); ++t) workers.emplace_back(write);
  write();
  for (std::thread& t : workers) t.join();
  for (size_t r = 0; r < runs.size(); ++r) {
    pieces[r].AdoptSections(std::move(runs[r].docs), std::move(runs[r].positions));
    runs[r] = Run();
  }
  return SegmentWriter::Assemble(pieces, dates, threads);
}

}  // namespace carta::search::internal
