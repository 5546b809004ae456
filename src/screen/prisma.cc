// PRISMA 2020 flow-diagram counts (Page et al. 2021, BMJ 372:n71, figure 1)
// from the pipeline, and the arithmetic between the boxes.
#include "carta/screen/prisma.h"

#include <algorithm>
#include <map>

namespace carta::screen {
namespace {

std::string FirstIds(const std::vector<uint32_t>& ids) {
  std::string s;
  for (size_t i = 0; i < ids.size() && i < 5; ++i) s += (i ? ", " : "") + std::to_string(ids[i]);
  return ids.size() > 5 ? s + ", ..." : s;
}

// Final statuses by record; records without one are reported missing.
Result<std::map<uint32_t, const FinalStatus*>> Settled(const std::vector<FinalStatus>& statuses,
                                                       const std::vector<uint32_t>& needed, const char* stage) {
  std::map<uint32_t, const FinalStatus*> by_record;
  for (const FinalStatus& s : statuses) by_record[s.record] = &s;
  std::vector<uint32_t> missing;
  for (uint32_t id : needed) {
    auto it = by_record.find(id);
    if (it == by_record.end() || it->second->state == FinalState::kPending ||
        it->second->state == FinalState::kConflict) {
      missing.push_back(id);
    }
  }
  if (!missing.empty()) {
    return Status::InvalidArgument(std::to_string(missing.size()) + " records have no agreed or resolved " + stage +
                                   " decision (records " + FirstIds(missing) + ")");
  }
  return by_record;
}

// Records per source, every source with at least one record, in vocabulary
// order. ChiCTR is a trial register: its records count as identified from
// registers, not databases.
void CountSources(const std::vector<biblio::Record>& records, long from_registers, PrismaCounts* c) {
  std::map<biblio::Source, long> per_source;
  for (const biblio::Record& r : records) ++per_source[r.source];
  long databases = 0;
  for (biblio::Source source : biblio::kAllSources) {
    auto it = per_source.find(source);
    if (it == per_source.end() || source == biblio::Source::kChictr) continue;
    c->databases.push_back({std::string(biblio::SourceLabel(source)), {source}, it->second});
    databases += it->second;
  }
  c->records_from_databases = databases;
  c->records_from_registers = from_registers + static_cast<long>(records.size()) - databases;
}

// Records that reach screening: unique, not excluded automatically, not removed otherwise.
std::vector<uint32_t> Screened(const PrismaInput& in, PrismaCounts* c) {
  std::vector<uint32_t> unique = in.dedup->UniqueRecords();
  std::vector<uint32_t> gone = in.removed_other;
  long automation = 0;
  for (const AutoDecision& d : in.automatic) {
    if (d.excluded) gone.push_back(d.record), ++automation;
  }
  std::sort(gone.begin(), gone.end());
  std::vector<uint32_t> screened;
  std::set_difference(unique.begin(), unique.end(), gone.begin(), gone.end(), std::back_inserter(screened));
  c->duplicates_removed = static_cast<long>(in.dedup->DuplicatesRemoved());
  c->removed_by_automation = automation;
  c->removed_other_reasons = static_cast<long>(in.removed_other.size());
  c->records_screened = static_cast<long>(screened.size());
  return screened;
}

long CountStudies(const std::vector<uint32_t>& included, const std::vector<std::vector<uint32_t>>& same_study) {
  long studies = static_cast<long>(included.size());
  for (const std::vector<uint32_t>& group : same_study) {
    long in_group = 0;
    for (uint32_t id : group) in_group += std::binary_search(included.begin(), included.end(), id) ? 1 : 0;
    if (in_group > 1) studies -= in_group - 1;
  }
  return studies;
}

}  // namespace

Result<PrismaCounts> ComputePrisma(const PrismaInput& in) {
  if (in.records == nullptr || in.dedup == nullptr) return Status::InvalidArgument("PRISMA needs the records and the de-duplication");
  PrismaCounts c;
  CountSources(*in.records, in.records_from_registers, &c);
  const std::vector<uint32_t> screened = Screened(in, &c);
  auto ta = Settled(in.title_abstract, screened, "title/abstract");
  if (!ta.ok()) return ta.status();
  std::vector<uint32_t> sought;
  for (uint32_t id : screened) {
    if (ta->at(id)->verdict != Verdict::kExclude) sought.push_back(id);
  }
  c.records_excluded = static_cast<long>(screened.size() - sought.size());
  c.reports_sought = static_cast<long>(sought.size());
  std::vector<uint32_t> not_retrieved = in.not_retrieved, assessed;
  std::sort(not_retrieved.begin(), not_retrieved.end());
  std::set_difference(sought.begin(), sought.end(), not_retrieved.begin(), not_retrieved.end(),
                      std::back_inserter(assessed));
  c.reports_not_retrieved = static_cast<long>(sought.size() - assessed.size());
  c.reports_assessed = static_cast<long>(assessed.size());
  auto ft = Settled(in.full_text, assessed, "full-text");
  if (!ft.ok()) return ft.status();
  std::map<std::string, long> reasons;
  std::vector<uint32_t> included;
  for (uint32_t id : assessed) {
    const FinalStatus* s = ft->at(id);
    if (s->verdict == Verdict::kInclude) included.push_back(id);
    else ++reasons[s->verdict == Verdict::kMaybe ? "undecided (maybe) at full text" : s->reason];
  }
  long excluded = 0;
  for (const auto& [reason, n] : reasons) {
    c.reports_excluded_by_reason.push_back({reason, n});
    excluded += n;
  }
  c.reports_excluded = excluded;
  c.reports_of_included_studies = static_cast<long>(included.size());
  c.studies_included = CountStudies(included, in.reports_of_same_study);
  return c;
}

}  // namespace carta::screen
