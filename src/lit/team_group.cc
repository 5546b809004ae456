// A record's duplicates for the screening page (lit::DuplicatesOf).
#include <algorithm>

#include "carta/lit/team.h"

namespace carta::lit {

Result<RecordGroup> DuplicatesOf(store::Literature& lit, long record) {
  auto found = lit.Find(record);
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("no record " + std::to_string(record) + " in the project").WithField("record");
    }
    return found.status();
  }
  RecordGroup g;
  g.record = record;
  long generation = 0;
  auto clusters = lit.Clusters(&generation);
  if (!clusters.ok()) return clusters.status();
  std::vector<long> ids = {record};
  for (const auto& c : *clusters) {
    if (std::find(c.members.begin(), c.members.end(), record) == c.members.end()) continue;
    g.cluster = c.cluster;
    g.keep = c.keep;
    for (long m : c.members) {
      if (m != record) ids.push_back(m);
    }
    std::sort(ids.begin() + 1, ids.end());
    for (const auto& l : c.links) g.links.push_back(std::to_string(l.a) + "-" + std::to_string(l.b) + ": " + l.reason);
  }
  for (long id : ids) {
    auto r = id == record ? found : lit.Find(id);
    if (!r.ok()) return r.status();
    g.members.push_back(Brief(RecordId{id}, r->record));
  }
  return g;
}

}  // namespace carta::lit
