// MergeSegments: one pass over the segments' sorted dictionaries. Document
// streams are decoded and re-coded with the segment's id offset; position
// bytes do not depend on document ids and are copied as they are.
#include <queue>

#include "coding.h"
#include "segment.h"

namespace carta::search::internal {

namespace {

// Re-codes the doc stream `docs` of one segment whose first id is `base`,
// continuing after *last_doc (-1 before the first document).
void AppendDocStream(std::string_view docs, bool positional, uint32_t base, int64_t* last_doc, std::string* out) {
  const char* p = docs.data();
  const char* end = p + docs.size();
  int64_t doc = -1;
  uint32_t delta = 0, len = 0;
  while (p < end && coding::GetVarint32(&p, end, &delta)) {
    doc += int64_t{delta} + 1;
    const int64_t global = base + doc;
    coding::PutVarint32(out, static_cast<uint32_t>(global - *last_doc - 1));
    *last_doc = global;
    if (positional) {
      if (!coding::GetVarint32(&p, end, &len)) return;
      coding::PutVarint32(out, len);
    }
  }
}

}  // namespace

std::string MergeSegments(const std::vector<std::unique_ptr<Segment>>& segments) {
  std::vector<uint32_t> bases, dates;
  for (const auto& s : segments) {
    bases.push_back(static_cast<uint32_t>(dates.size()));
    for (uint32_t d = 0; d < s->num_docs(); ++d) dates.push_back(s->date(d));
  }
  // Heap of (key, segment) at each segment's next term.
  using Head = std::pair<std::string_view, size_t>;
  std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
  std::vector<uint32_t> next(segments.size(), 0);
  for (size_t i = 0; i < segments.size(); ++i) {
    if (segments[i]->num_terms() > 0) heads.emplace(segments[i]->Key(0), i);
  }
  SegmentWriter writer;
  std::string docs, positions;
  while (!heads.empty()) {
    const std::string_view key = heads.top().first;
    docs.clear();
    positions.clear();
    uint32_t doc_freq = 0;
    int64_t last_doc = -1;
    const bool positional = HasPositions(static_cast<FieldId>(key[0]));
    // Equal keys pop in segment order, so documents stay increasing.
    while (!heads.empty() && heads.top().first == key) {
      const size_t i = heads.top().second;
      heads.pop();
      const Segment& s = *segments[i];
      const uint32_t id = next[i]++;
      doc_freq += s.DocFreq(id);
      AppendDocStream(s.DocBytes(id), positional, bases[i], &last_doc, &docs);
      positions.append(s.PositionBytes(id));
      if (next[i] < s.num_terms()) heads.emplace(s.Key(next[i]), i);
    }
    writer.AddTerm(key, doc_freq, docs, positions);
  }
  return writer.Finish(dates);
}

}  // namespace carta::search::internal
