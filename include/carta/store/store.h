// The project database (SQLite): the evidence base, loaded from data/ by
// `carta db build`, with a versioned schema. All SQL of carta lives in this
// module. Later modules add their tables (literature, screening) beside these.
#ifndef CARTA_STORE_STORE_H_
#define CARTA_STORE_STORE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"

namespace carta::store {

// The schema version this build writes and reads (PRAGMA user_version).
// Version 2 added the literature tables (carta/store/literature.h); version 3
// the index on observations(kind, record_id), without which loading the
// evidence is quadratic. The evidence tables are otherwise those of version 1:
// LoadEvidence reads every version from 1 and, when the file is writable,
// migrates it in place (adds the index, sets the version) first.
constexpr int kSchemaVersion = 3;

// What `carta db info` shows.
struct DbInfo {
  std::string path;
  int schema_version = 0;
  std::string built_at;   // UTC, ISO 8601
  std::string data_dir;   // the folder the evidence was loaded from
  std::string carta_version;
  std::vector<std::pair<std::string, long>> counts;  // table name, rows
};

// Writes `eb` to the database at `path`, creating it when missing, replacing
// the evidence tables in one transaction. On any failure the database is left
// as it was (SQLite rolls the transaction back, also after a kill).
// Fails on a database written by a newer carta (higher schema version).
Status SaveEvidence(const std::string& path, const evidence::EvidenceBase& eb, const std::string& data_dir,
                    const std::string& carta_version);

// Reads the evidence back from `path` and validates it again, with the
// consensus of `carta extract reconcile` (carta/store/extraction.h) layered
// over it (extract::Layer: a consensus cohort replaces the base's cohort of
// its id). NotFound when there is no database there or it holds no evidence yet.
Result<evidence::EvidenceBase> LoadEvidence(const std::string& path);

// The database's schema version, build time and table sizes.
Result<DbInfo> Info(const std::string& path);

// The evidence at `path` as one immutable object shared by every caller: the
// first call loads and validates it (LoadEvidence), later calls return the same
// object as long as the database file is unchanged (same build time, size and
// modification time), and load it again once it was rebuilt. Safe to call
// from several threads. Fails as LoadEvidence does (nothing is cached then).
Result<std::shared_ptr<const evidence::EvidenceBase>> LoadEvidenceSnapshot(const std::string& path);

// What `carta db build` loaded.
struct BuildSummary {
  long products = 0, constructs = 0, approvals = 0, cohorts = 0, statements = 0, claims = 0;
};

// Reads and validates every *.carta file under `data_dir` (evidence::LoadEvidenceDir)
// and writes it to the database at `path` (SaveEvidence). On a bad value
// nothing is written (the message says so and names file:line); on a failed
// write the previous database stays as it was.
Result<BuildSummary> BuildDatabase(const std::string& path, const std::string& data_dir,
                                   const std::string& carta_version);

}  // namespace carta::store

#endif  // CARTA_STORE_STORE_H_
