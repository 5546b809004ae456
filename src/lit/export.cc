#include "carta/lit/export.h"

#include "carta/lit/search.h"

namespace carta::lit {

Result<ExportResult> Export(store::Literature& lit, const ExportRequest& request, std::string* failed_query) {
  if (!request.query.empty() && !request.ids.empty()) {
    return Status::InvalidArgument("give a query or ids, not both").WithField("ids");
  }
  ExportResult out;
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return corpus.status();
  std::vector<RecordId> ids = request.ids;
  for (RecordId id : ids) {
    if (auto i = corpus->IndexOf(id); !i.ok()) return i.status().WithField("ids");
  }
  if (ids.empty() && request.query.empty()) ids = corpus->ids();
  if (!request.query.empty()) {
    auto index = LoadIndex(lit, &out.notes);
    if (!index.ok()) return index.status();
    auto history = lit.History();
    if (!history.ok()) return history.status();
    std::string note;
    const std::string query = request.cnki ? request.query : SeparateHistoryRefs(request.query, &note);
    if (!note.empty()) out.notes.push_back(note);
    auto run = RunQuery(query, request.cnki, *history, *index, corpus->deleted());
    if (!run.ok()) {
      if (failed_query != nullptr) *failed_query = query;
      return run.status();
    }
    ids = run->records;
  }
  for (RecordId id : ids) out.records.push_back(corpus->record(*corpus->IndexOf(id)));
  return out;
}

}  // namespace carta::lit
