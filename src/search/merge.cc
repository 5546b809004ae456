// MergeSegments: one pass over the segments' sorted dictionaries. Documents
// are decoded, shifted by their segment's first id and coded again (blocks
// span segments); position bytes do not depend on document ids and are copied
// as they are.
#include <queue>

#include "coding.h"
#include "segment.h"

namespace carta::search::internal {

std::string MergeSegments(const std::vector<std::unique_ptr<Segment>>& segments) {
  std::vector<uint32_t> bases, dates;
  for (const auto& s : segments) {
    bases.push_back(static_cast<uint32_t>(dates.size()));
    for (uint32_t d = 0; d < s->num_docs(); ++d) dates.push_back(s->date(d));
  }
  std::vector<TermCursor> cursors;
  for (const auto& s : segments) cursors.emplace_back(*s, 0);
  // Heap of (key, segment) at each segment's next term; equal keys pop in
  // segment order, so documents stay increasing.
  using Head = std::pair<std::string_view, size_t>;
  std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
  for (size_t i = 0; i < cursors.size(); ++i) {
    if (cursors[i].Valid()) heads.emplace(cursors[i].term().key, i);
  }
  SegmentWriter writer;
  std::string key, docs, positions;
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
      if (cursors[i].Valid()) heads.emplace(cursors[i].term().key, i);
    }
    docs.clear();
    EncodeDocs(ids.data(), positional ? counts.data() : nullptr, ids.size(), positional, positions, &docs);
    writer.AddTerm(key, static_cast<uint32_t>(ids.size()), docs, positions);
  }
  return writer.Finish(dates);
}

}  // namespace carta::search::internal
