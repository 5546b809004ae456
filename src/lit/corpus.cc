#include "carta/lit/corpus.h"

#include <filesystem>
#include <list>
#include <mutex>
#include <tuple>

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

namespace {

// What identifies one state of a project's index: the records' generation
// (changed by every write to them), and the index file as it is on disk (a
// project deleted and created again at the same path rewrites the file).
struct IndexKey {
  long generation = -1;
  std::uintmax_t file_size = 0;
  std::filesystem::file_time_type file_time;
  bool operator==(const IndexKey&) const = default;
};

struct IndexCache {
  static constexpr size_t kMaxProjects = 4;
  std::mutex mu;
  // By the project's absolute path; front is the most recently used.
  std::list<std::tuple<std::string, IndexKey, std::shared_ptr<const search::Index>>> entries;
};

IndexCache& Indexes() {
  static auto* cache = new IndexCache;
  return *cache;
}

Result<IndexKey> KeyOf(store::Literature& lit) {
  IndexKey key;
  auto generation = lit.Generation();
  if (!generation.ok()) return generation.status();
  key.generation = *generation;
  std::error_code ec;
  key.file_size = std::filesystem::file_size(lit.index_path(), ec);
  if (!ec) key.file_time = std::filesystem::last_write_time(lit.index_path(), ec);
  if (ec) key.file_size = 0, key.file_time = {};
  return key;
}

}  // namespace

Result<std::shared_ptr<const search::Index>> LoadIndex(store::Literature& lit, std::vector<std::string>* notes) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(lit.path(), ec);
  const std::string project = ec ? lit.path() : abs.lexically_normal().string();
  auto key = KeyOf(lit);
  if (!key.ok()) return key.status();
  IndexCache& cache = Indexes();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    for (auto it = cache.entries.begin(); it != cache.entries.end(); ++it) {
      if (std::get<0>(*it) != project) continue;
      if (std::get<1>(*it) == *key) {
        cache.entries.splice(cache.entries.begin(), cache.entries, it);
        return std::get<2>(cache.entries.front());
      }
      cache.entries.erase(it);
      break;
    }
  }
  auto state = lit.OpenIndex();
  if (!state.ok()) return state.status();
  if (!state->rebuilt_why.empty()) {
    notes->push_back("rebuilt the search index from " + std::to_string(state->index.num_docs()) +
                     " records: " + state->rebuilt_why);
  }
  auto index = std::make_shared<const search::Index>(std::move(state->index));
  auto saved = KeyOf(lit);  // the file OpenIndex read, or the one it wrote
  if (saved.ok() && state->rebuilt_why.find("could not be saved") == std::string::npos) {
    std::lock_guard<std::mutex> lock(cache.mu);
    cache.entries.emplace_front(project, *saved, index);
    if (cache.entries.size() > IndexCache::kMaxProjects) cache.entries.pop_back();
  }
  return index;
}

RecordBrief Brief(RecordId id, const biblio::Record& r) {
  return {id, r.source, r.pmid, r.doi, r.cnki_id, r.year, r.authors.empty() ? "" : r.authors.front(), r.title};
}

std::string ShownId(const biblio::Record& r) { return store::RecordIdKey(r); }

}  // namespace carta::lit
