// The literature pipeline of a review (carta::lit): the use cases behind
// `carta lit` and the server's literature routes, over the project database's
// literature tables (carta::store::Literature). This header: the project, its
// records as the screen module sees them, and the two kinds of record number.
//
// A record has two numbers that must never be mixed up: its RecordId (1, 2,
// ... in import order, stable, what users see and the database stores) and
// its CorpusIndex (its position among the records that are not deleted, what
// the screen module's vectors are indexed by). They are distinct types.
#ifndef CARTA_LIT_CORPUS_H_
#define CARTA_LIT_CORPUS_H_

#include <compare>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"
#include "carta/store/literature.h"

namespace carta::lit {

// A record's stable id in the project (store::LitRecord::id).
struct RecordId {
  long value = 0;
  auto operator<=>(const RecordId&) const = default;
};

// A record's position in a Corpus (the screen module's record index).
struct CorpusIndex {
  uint32_t value = 0;
  auto operator<=>(const CorpusIndex&) const = default;
};

// Opens the project database at `db_path` for the literature (creating the
// literature tables in an existing database). A database that does not exist
// is created only with `create` (an import); otherwise NotFound with field
// "db", so that a mistyped path never leaves an empty project behind.
Result<store::Literature> OpenProject(const std::string& db_path, bool create = false);

// The project's records that are not deleted, in id order.
class Corpus {
 public:
  size_t size() const { return records_.size(); }
  const biblio::Record& record(CorpusIndex i) const { return records_[i.value]; }
  RecordId id(CorpusIndex i) const { return ids_[i.value]; }
  // The index of record `id`; NotFound for an unknown or deleted id.
  Result<CorpusIndex> IndexOf(RecordId id) const;
  bool Has(RecordId id) const { return index_of_.count(id.value) > 0; }

  // Every record, records()[i] being CorpusIndex{i}: what the screen module takes.
  const std::vector<biblio::Record>& records() const { return records_; }
  // Every id, in order (ids()[i] is id(CorpusIndex{i})).
  const std::vector<RecordId>& ids() const { return ids_; }
  // The ids of deleted records, ascending.
  const std::vector<RecordId>& deleted() const { return deleted_; }

 private:
  friend Result<Corpus> LoadCorpus(store::Literature& lit);
  std::vector<biblio::Record> records_;
  std::vector<RecordId> ids_;
  std::map<long, uint32_t> index_of_;
  std::vector<RecordId> deleted_;
};
Result<Corpus> LoadCorpus(store::Literature& lit);

// The search index; when it had to be rebuilt, a note saying so is appended
// to `notes` ("rebuilt the search index from N records: why"). The index is
// shared, read-only, by every caller in this process until the project's
// records change (a new generation) or its index file is
// rewritten; a long-running server therefore decodes it once, not per search.
// At most a few projects' indexes are kept (the least recently used goes).
Result<std::shared_ptr<const search::Index>> LoadIndex(store::Literature& lit, std::vector<std::string>* notes);

// A record as listed in search results and duplicate clusters.
struct RecordBrief {
  RecordId id;
  biblio::Source source = biblio::Source::kOther;
  std::string pmid, doi, cnki_id;
  int year = 0;  // 0 when unknown
  std::string first_author;  // "" when none
  std::string title;
};
RecordBrief Brief(RecordId id, const biblio::Record& r);

// "pmid:123", else "doi:...", else "cnki:...", else "".
std::string ShownId(const biblio::Record& r);

}  // namespace carta::lit

#endif  // CARTA_LIT_CORPUS_H_
