// The literature tables of the project database: imported bibliographic
// records, the imports and what they skipped, the search history, the
// de-duplication clusters and the reviewer's overrides, the screening criteria
// and decisions. They live in the same SQLite file as the evidence (carta.db);
// `carta db build` replaces only the evidence tables and never touches these.
//
// Every write is one transaction: a write that fails, or a process killed in
// the middle of one, leaves the database as it was. The full-text index over
// the records is a cache file beside the database, "<db>.index", holding the
// generation number of the records it was built from; the database stores the
// current generation. A missing, stale or corrupt index file is rebuilt from
// the records (doc/lit.md).
//
// Schema (kSchemaVersion 2; version 1 databases are migrated in place by
// Literature::Open, keeping their evidence). The literature tables have their
// own version, lit_meta "lit_schema" (absent = 1): version 2 has the source
// vocabulary of biblio::Source; a version 1 file is migrated in place by Open
// (its "other" records read from Web of Science plain text become "wos", those
// from PubMed XML "pubmed": the sources those formats always are).
//   lit_meta(key, value)                    generation, reviewers, resolver
//   lit_imports(id, file, format, source, n_read, n_added, n_present,
//               n_skipped, n_deleted, time)
//   lit_records(id, import_id, source, id_key, pmid, doi, cnki_id, year,
//               title, record JSON, deleted_by)
//   lit_skipped(import_id, location, message)
//   lit_warnings(import_id, location, message)   what was wrong in records kept
//   lit_searches(number, syntax, query, count, time)
//   lit_clusters(record, cluster, keep), lit_cluster_links(cluster, a, b,
//               reason, similarity)     the clusters of the last `dedup --apply`
//   lit_overrides(seq, kind, a, b, time)
//   lit_decisions(seq, record, reviewer, stage, verdict, reason, time)
//   lit_criteria(seq, file, text, time)     the latest row is in force
//   lit_mesh(ui, name), lit_mesh_trees(tree, ui)   the MeSH tree of ImportMesh
//               (tables added without a lit_schema bump: an older carta
//               ignores them; records stored before issue 13's fields read
//               those fields as empty)
#ifndef CARTA_STORE_LITERATURE_H_
#define CARTA_STORE_LITERATURE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/read.h"
#include "carta/biblio/record.h"
#include "carta/core/progress.h"
#include "carta/core/status.h"
#include "carta/screen/decisions.h"
#include "carta/screen/dedup.h"
#include "carta/search/index.h"
#include "carta/search/mesh.h"

namespace carta::store {

class Database;

// A record of the project. `id` is 1, 2, 3, ... in import order and never
// changes; the search index's document id is id - 1.
struct LitRecord {
  long id = 0;
  biblio::Record record;
  bool deleted = false;  // removed by a PubMed DeleteCitation
};

// What one file's import did. Records "already present" are those with an
// identifier (PMID, DOI, CNKI id, another database's id) imported before from the same
// source: re-importing an export, or overlapping exports of one database, adds
// nothing twice; the same article from another source is added (de-duplication
// links it, and PRISMA counts it as identified there).
struct ImportSummary {
  long import_id = 0;
  std::string file;
  biblio::Format format = biblio::Format::kAuto;  // as detected
  // The source given; when none was (kOther), the one every record of the
  // file was detected from, if they agree (else kOther: see `sources`).
  biblio::Source source = biblio::Source::kOther;
  // Records read per source, in vocabulary order (only sources with records).
  std::vector<std::pair<biblio::Source, long>> sources;
  long read = 0;     // records the reader delivered
  long added = 0;
  long present = 0;  // already present by identifier
  long skipped = 0;  // malformed records, see `skips`
  long deleted = 0;  // records removed by DeleteCitation
  std::vector<biblio::ReadIssue> skips;      // "file:line" and why
  std::vector<biblio::ReadIssue> warnings;   // records kept with a problem ("file:line", what and what was done)
  std::vector<std::string> present_ids;      // "pmid:123" of the first 20 already present
  std::vector<std::string> unknown_deletes;  // DeleteCitation PMIDs not in the project
  // Why the index cache could not be updated after the commit ("" when it was);
  // the records are imported all the same and the next search rebuilds the index.
  std::string index_note;
};

// One line of the search history.
struct SearchEntry {
  long number = 0;     // #1, #2, ...
  std::string syntax;  // "pubmed" or "cnki"
  std::string query;   // as run
  long count = 0;      // records found then
  std::string time_utc;
};

// A stored duplicate cluster (record ids), from the last `dedup --apply`.
struct StoredCluster {
  long cluster = 0;  // 1, 2, ...
  std::vector<long> members;
  long keep = 0;
  struct Link {
    long a = 0, b = 0;
    std::string reason;  // screen::DuplicateReasonName
    double title_similarity = 0;
  };
  std::vector<Link> links;
};

// A reviewer's de-duplication override, by record id.
struct StoredOverride {
  screen::OverrideKind kind = screen::OverrideKind::kKeepApart;
  long a = 0, b = 0;
  std::string time_utc;
};

// The screening criteria file in force.
struct StoredCriteria {
  std::string file;
  std::string text;
  std::string time_utc;
};

// What a MeSH import stored.
struct MeshImportSummary {
  std::string file;
  long descriptors = 0;
  long tree_numbers = 0;
};

// How the index was obtained by OpenIndex.
struct IndexState {
  search::Index index;
  std::string rebuilt_why;  // "" when the cache file was current; else why it was rebuilt
};

class Literature {
 public:
  // Opens the project database at `path` for the literature commands,
  // creating it when missing and creating or migrating the literature tables
  // (schema 1 → 2: the tables are added, the evidence is kept). Fails on a
  // path that is not a regular file, a file that is not SQLite, or a database
  // written by a newer carta.
  static Result<Literature> Open(const std::string& path);
  Literature(Literature&&) noexcept;
  ~Literature();

  const std::string& path() const { return path_; }
  // The index cache file: path() + ".index".
  std::string index_path() const { return path_ + ".index"; }

  // Reads `file` (biblio::ReadFile: gzip, format detection when kAuto) and adds
  // its records in one transaction, then brings the index up to date (a new
  // segment; segments merged when there are more than 8). When the reader ends
  // with an error (broken XML, corrupt gzip, unreadable file) nothing is
  // written and the reader's Status is returned: the database is as it was.
  // `progress` (may be null) sees bytes read of the file's size; once it says
  // Cancelled the import stops with kCancelled and nothing is written.
  // `columns`: a CSV column map (biblio::ReadOptions::columns).
  Result<ImportSummary> Import(const std::string& file, biblio::Format format, biblio::Source source,
                               Progress* progress,
                               const std::vector<std::pair<std::string, std::string>>& columns = {});
  // Replaces the project's MeSH tree with the descriptors of NLM's
  // descriptor file `file` (desc20XX.xml, or .gz; biblio::ReadMeshDescriptors),
  // in one transaction, streaming (memory does not grow with the file). On
  // any failure (unreadable file, not a descriptor file, broken XML, a
  // cancelled `progress`) nothing is changed and the Status says why and
  // where ("file:line").
  Result<MeshImportSummary> ImportMesh(const std::string& file, Progress* progress);
  // The imported MeSH tree; an empty tree when none was imported.
  Result<search::MeshTree> LoadMeshTree();

  // Every import, oldest first (skips and ids not filled).
  Result<std::vector<ImportSummary>> Imports();

  // Every record, in id order; deleted ones only when `include_deleted`.
  Result<std::vector<LitRecord>> Records(bool include_deleted = false);
  // The ids of the records a DeleteCitation removed, ascending.
  Result<std::vector<long>> DeletedIds();
  // Record `id`; NotFound when there is none.
  Result<LitRecord> Find(long id);
  // The current generation: a number that changes with every write to lit_records.
  Result<long> Generation();
  // What the screening queue's records depend on, as one string that changes
  // when any of it does: the records (Generation), the duplicate clusters
  // (every SaveClusters) and the eligibility criteria (every SaveCriteria).
  // Cheap: three lookups, nothing loaded.
  Result<std::string> ScreeningStamp();

  // The search index of every record (deleted ones included: callers filter
  // with Records()). Reads the cache file; rebuilds and rewrites it when it is
  // missing, corrupt or of another generation, saying why in rebuilt_why.
  Result<IndexState> OpenIndex();

  // The search history, oldest first.
  Result<std::vector<SearchEntry>> History();
  // Appends a search and returns its number.
  Result<long> AddSearch(const std::string& syntax, const std::string& query, long count);
  // Appends the searches that `plan` returns, in ONE transaction, numbered by
  // the database. `plan` is called inside the transaction (no other writer can
  // add a search meanwhile) with the history as it is and the number the first
  // new search will get (history numbers are 1, 2, ... with no gaps, so the
  // k-th new search gets first_number + k): a plan may refer to its own
  // earlier searches by those numbers. Returns the added entries with their
  // numbers and times. When `plan` fails, or any insert does (a syntax other
  // than "pubmed" or "cnki" is InvalidArgument), nothing is added and the
  // history is as it was.
  using SearchPlan = std::function<Result<std::vector<SearchEntry>>(const std::vector<SearchEntry>& history,
                                                                    long first_number)>;
  Result<std::vector<SearchEntry>> AddSearches(const SearchPlan& plan);
  Status ClearHistory();

  // De-duplication overrides, oldest first; adding fails on an unknown record id or a == b.
  Result<std::vector<StoredOverride>> Overrides();
  Status AddOverride(screen::OverrideKind kind, long a, long b);
  // Replaces the applied clusters (record ids) with `clusters`, remembering the generation they were made at.
  Status SaveClusters(const std::vector<StoredCluster>& clusters);
  // The applied clusters, and the generation they were computed at (-1 when never applied).
  Result<std::vector<StoredCluster>> Clusters(long* generation);

  // Appends decisions (record = record id) in one transaction; fails on an unknown or deleted record.
  Status AddDecisions(const std::vector<screen::Decision>& decisions);
  // Every decision in the order added.
  Result<std::vector<screen::Decision>> Decisions();
  // The reviewers screening independently and the resolver ("" for none), as set; empty when never set.
  Status SetReviewers(const std::vector<std::string>& reviewers, const std::string& resolver);
  Result<std::vector<std::string>> Reviewers(std::string* resolver);

  Status SaveCriteria(const std::string& file, const std::string& text);
  // The criteria in force; nullopt when none were given.
  Result<std::optional<StoredCriteria>> Criteria();

 private:
  Literature(std::string path, std::unique_ptr<Database> db);
  Status Migrate();
  Status BumpGeneration();
  Status WriteIndex(const search::Index& index, long generation);
  Result<search::Index> BuildIndex(long from_id, long* generation);
  Status UpdateIndexAfterImport(long first_new_id, long generation_before);
  Result<std::string> Meta(const std::string& key);
  Status SetMeta(const std::string& key, const std::string& value);
  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back on failure.
  Status InTransaction(const std::function<Status()>& body);

  std::string path_;
  std::unique_ptr<Database> db_;
};

// The identifier that makes a record "already present" within one source:
// "pmid:N", else "doi:...", else "cnki:...", else the first database id
// ("embase:L1...", "scopus:2-s2.0-...", "wos:...", "wanfang:..."), else ""
// (no identifier).
std::string RecordIdKey(const biblio::Record& record);

// Every identifier key of the record, RecordIdKey's first: a record is
// "already present" when any of them is the stored key of a record of the
// same source (a record stored before carta read its PMID or Embase id was
// keyed by what was read then, its DOI say).
std::vector<std::string> RecordIdKeys(const biblio::Record& record);

// UTC now as "YYYY-MM-DDTHH:MM:SSZ".
std::string NowUtcIso();

}  // namespace carta::store

#endif  // CARTA_STORE_LITERATURE_H_
