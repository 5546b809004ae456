// The project database (SQLite): the evidence base, loaded from data/ by
// `carta db build`, with a versioned schema. All SQL of carta lives in this
// module. Later modules add their tables (literature, screening) beside these.
#ifndef CARTA_STORE_STORE_H_
#define CARTA_STORE_STORE_H_

#include <string>
#include <utility>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"

namespace carta::store {

// The schema version this build writes and reads (PRAGMA user_version).
// Version 2 added the literature tables (carta/store/literature.h); the
// evidence tables are those of version 1, so LoadEvidence reads both.
constexpr int kSchemaVersion = 2;

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

// Reads the evidence back from `path` and validates it again. NotFound when
// there is no database there or it holds no evidence yet.
Result<evidence::EvidenceBase> LoadEvidence(const std::string& path);

// The database's schema version, build time and table sizes.
Result<DbInfo> Info(const std::string& path);

}  // namespace carta::store

#endif  // CARTA_STORE_STORE_H_
