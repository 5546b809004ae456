#include "carta/lit/corpus.h"

#include <filesystem>

namespace carta::lit {

Result<store::Literature> OpenProject(const std::string& db_path, bool create) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(db_path, ec)) {
    return Status::NotFound("no project database at '" + db_path + "'").WithField("db");
  }
  return store::Literature::Open(db_path);
}

Result<CorpusIndex> Corpus::IndexOf(RecordId id) const {
  auto it = index_of_.find(id.value);
  if (it == index_of_.end()) {
    return Status::NotFound("there is no record " + std::to_string(id.value) +
                            " (or it was deleted); see 'carta lit search'");
  }
  return CorpusIndex{it->second};
}

Result<Corpus> LoadCorpus(store::Literature& lit) {
  auto records = lit.Records(false);
  if (!records.ok()) return records.status();
  Corpus c;
  for (auto& r : *records) {
    c.index_of_[r.id] = static_cast<uint32_t>(c.records_.size());
    c.ids_.push_back(RecordId{r.id});
    c.records_.push_back(std::move(r.record));
  }
  auto deleted = lit.DeletedIds();
  if (!deleted.ok()) return deleted.status();
  for (long id : *deleted) c.deleted_.push_back(RecordId{id});
  return c;
}

Result<search::Index> LoadIndex(store::Literature& lit, std::vector<std::string>* notes) {
  auto state = lit.OpenIndex();
  if (!state.ok()) return state.status();
  if (!state->rebuilt_why.empty()) {
    notes->push_back("rebuilt the search index from " + std::to_string(state->index.num_docs()) +
                     " records: " + state->rebuilt_why);
  }
  return std::move(state->index);
}

RecordBrief Brief(RecordId id, const biblio::Record& r) {
  return {id, r.source, r.pmid, r.doi, r.cnki_id, r.year, r.authors.empty() ? "" : r.authors.front(), r.title};
}

std::string ShownId(const biblio::Record& r) { return store::RecordIdKey(r); }

}  // namespace carta::lit
