#include "carta/store/store.h"

#include "carta/store/extraction.h"

#include "carta/store/literature.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>

#include "carta/core/text.h"
#include "carta/evidence/build.h"
#include "carta/evidence/generation.h"
#include "carta/evidence/record.h"
#include "evidence_schema.h"
#include "sqlite.h"

namespace carta::store {

namespace {

using evidence::EvidenceBase;

// The evidence tables. `records` and `observations` hold every value as
// written, with its provenance: LoadEvidence rebuilds the model from them.
// The other tables are typed views for SQL users and later modules.
const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records(
  kind TEXT NOT NULL, id TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, note TEXT NOT NULL,
  PRIMARY KEY(kind, id));
CREATE TABLE IF NOT EXISTS observations(
  seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, record_id TEXT NOT NULL, key TEXT NOT NULL, raw TEXT NOT NULL,
  refs TEXT NOT NULL, citation TEXT NOT NULL, location TEXT NOT NULL, extra TEXT NOT NULL, note TEXT NOT NULL,
  file TEXT NOT NULL, line INTEGER NOT NULL,
  FOREIGN KEY(kind, record_id) REFERENCES records(kind, id));
CREATE INDEX IF NOT EXISTS observations_by_record ON observations(kind, record_id, seq);
CREATE TABLE IF NOT EXISTS constructs(
  id TEXT PRIMARY KEY, targets TEXT, binder TEXT, binder_origin TEXT, binder_clone TEXT, hinge TEXT,
  transmembrane TEXT, costim TEXT, signal TEXT, vector TEXT, cd4_cd8 TEXT, cell_source TEXT, payload TEXT,
  safety_switch TEXT, gene_edits TEXT, generation INTEGER, generation_reason TEXT);
CREATE TABLE IF NOT EXISTS products(
  id TEXT PRIMARY KEY, brand TEXT NOT NULL, inn TEXT, targets TEXT, developer TEXT, construct_id TEXT,
  codes TEXT, names_zh TEXT);
CREATE TABLE IF NOT EXISTS approvals(
  id TEXT PRIMARY KEY, product_id TEXT NOT NULL REFERENCES products(id), agency TEXT NOT NULL,
  date TEXT NOT NULL, indications TEXT NOT NULL, population TEXT, line TEXT);
CREATE TABLE IF NOT EXISTS cohorts(
  id TEXT PRIMARY KEY, product_id TEXT, product_as_printed TEXT, construct_id TEXT, targets TEXT,
  acronym TEXT, registry TEXT, phase TEXT, indications TEXT, n INTEGER, followup_months REAL);
CREATE TABLE IF NOT EXISTS cohort_values(
  cohort_id TEXT NOT NULL REFERENCES cohorts(id), key TEXT NOT NULL, display TEXT NOT NULL,
  value REAL, not_reached INTEGER NOT NULL, events INTEGER, denominator INTEGER,
  refs TEXT NOT NULL, location TEXT NOT NULL, note TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS cohort_values_by_key ON cohort_values(key);
)sql";

const char* kEvidenceTables[] = {"cohort_values", "cohorts", "approvals", "products", "constructs",
                                 "observations", "records"};

std::string Refs(const std::vector<int>& refs) {
  std::string out;
  for (size_t i = 0; i < refs.size(); ++i) out += (i ? "," : "") + std::to_string(refs[i]);
  return out;
}

Result<int> UserVersion(Database& db) {
  auto st = db.Prepare("PRAGMA user_version");
  if (!st.ok()) return st.status();
  Status s;
  if (!st->Step(&s)) return s.ok() ? Status::Corruption("no user_version") : s;
  return static_cast<int>(st->Int(0));
}

Status WriteRecords(Database& db, const EvidenceBase& eb) {
  auto rec = db.Prepare("INSERT INTO records VALUES(?,?,?,?,?)");
  auto obs = db.Prepare(
      "INSERT INTO observations(kind,record_id,key,raw,refs,citation,location,extra,note,file,line) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  if (!rec.ok()) return rec.status();
  if (!obs.ok()) return obs.status();
  for (const auto& r : eb.records) {
    rec->Bind(1, r.kind).Bind(2, r.id).Bind(3, r.pos.file).Bind(4, static_cast<long>(r.pos.line)).Bind(5, r.note);
    if (Status st = rec->Run(); !st.ok()) return st;
    for (const auto& f : r.fields) {
      obs->Bind(1, r.kind).Bind(2, r.id).Bind(3, f.key).Bind(4, f.raw).Bind(5, Refs(f.prov.refs));
      obs->Bind(6, f.prov.citation).Bind(7, f.prov.location).Bind(8, f.prov.extra).Bind(9, f.note);
      obs->Bind(10, f.pos.file).Bind(11, static_cast<long>(f.pos.line));
      if (Status st = obs->Run(); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

Status WriteTyped(Database& db, const EvidenceBase& eb) {
  auto con = db.Prepare("INSERT INTO constructs VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!con.ok()) return con.status();
  for (const auto& c : eb.constructs) {
    auto g = evidence::DeriveGeneration(c);
    con->Bind(1, c.id).Bind(2, text::Join(c.targets, ",")).Bind(3, c.binder).Bind(4, c.binder_origin);
    con->Bind(5, c.binder_clone).Bind(6, c.hinge).Bind(7, c.transmembrane).Bind(8, text::Join(c.costim, ","));
    con->Bind(9, c.signal).Bind(10, c.vector).Bind(11, c.cd4_cd8).Bind(12, c.cell_source);
    con->Bind(13, text::Join(c.payload, ",")).Bind(14, text::Join(c.safety_switch, ","));
    con->Bind(15, text::Join(c.gene_edits, ",")).Bind(16, static_cast<long>(g.generation)).Bind(17, g.reason);
    if (Status st = con->Run(); !st.ok()) return st;
  }
  auto prod = db.Prepare("INSERT INTO products VALUES(?,?,?,?,?,?,?,?)");
  if (!prod.ok()) return prod.status();
  for (const auto& p : eb.products) {
    prod->Bind(1, p.id).Bind(2, p.brand).Bind(3, p.inn).Bind(4, text::Join(p.targets, ",")).Bind(5, p.developer);
    if (p.construct_id.empty()) prod->BindNull(6); else prod->Bind(6, p.construct_id);
    prod->Bind(7, text::Join(p.codes, ",")).Bind(8, text::Join(p.names_zh, ","));
    if (Status st = prod->Run(); !st.ok()) return st;
  }
  auto appr = db.Prepare("INSERT INTO approvals VALUES(?,?,?,?,?,?,?)");
  if (!appr.ok()) return appr.status();
  for (const auto& a : eb.approvals) {
    appr->Bind(1, a.id).Bind(2, a.product_id).Bind(3, a.agency).Bind(4, a.date.ToString());
    appr->Bind(5, text::Join(a.indications, ",")).Bind(6, a.population).Bind(7, a.line);
    if (Status st = appr->Run(); !st.ok()) return st;
  }
  auto coh = db.Prepare("INSERT INTO cohorts VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  auto val = db.Prepare("INSERT INTO cohort_values VALUES(?,?,?,?,?,?,?,?,?,?)");
  if (!coh.ok()) return coh.status();
  if (!val.ok()) return val.status();
  for (const auto& c : eb.cohorts) {
    coh->Bind(1, c.id);
    if (c.product_id.empty()) coh->BindNull(2); else coh->Bind(2, c.product_id);
    coh->Bind(3, c.product_as_printed).Bind(4, c.construct_id).Bind(5, text::Join(c.targets, ","));
    coh->Bind(6, c.acronym).Bind(7, text::Join(c.registry, ",")).Bind(8, c.phase);
    coh->Bind(9, text::Join(c.indications, ","));
    if (auto n = c.N()) coh->Bind(10, *n); else coh->BindNull(10);
    coh->Bind(11, c.FollowupMonths());
    if (Status st = coh->Run(); !st.ok()) return st;
    for (const auto& v : c.values) {
      val->Bind(1, c.id).Bind(2, v.key).Bind(3, v.Display()).Bind(4, v.Number());
      val->Bind(5, static_cast<long>(v.kind == evidence::CohortValue::Kind::kMedian && v.median.not_reached));
      bool counted = v.kind == evidence::CohortValue::Kind::kRate && v.rate.count >= 0;
      if (counted) val->Bind(6, v.rate.count).Bind(7, v.rate.denominator); else val->BindNull(6).BindNull(7);
      val->Bind(8, Refs(v.prov.refs)).Bind(9, v.prov.location).Bind(10, v.note);
      if (Status st = val->Run(); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

// Version 3's index: LoadEvidence reads each record's values by (kind, record_id).
const char* kObservationsIndex =
    "CREATE INDEX IF NOT EXISTS observations_by_record ON observations(kind, record_id, seq)";

// An older database's evidence tables brought to kSchemaVersion in place,
// when the file is writable: LoadEvidence opens read-only and reads any
// version from 1 on, so this only makes it fast. Quietly does nothing when
// the file cannot be written (or another writer holds it past the timeout).
void MigrateInPlace(const std::string& path) {
  if (::access(path.c_str(), W_OK) != 0) return;
  {
    auto peek = Database::Open(path, true);
    if (!peek.ok()) return;
    auto v = UserVersion(*peek);
    if (!v.ok() || *v < 1 || *v >= kSchemaVersion) return;
  }
  auto db = Database::Open(path, false);
  if (!db.ok() || !db->BeginImmediate().ok()) return;
  auto v = UserVersion(*db);
  Status s = !v.ok() ? v.status() : Status::Ok();
  if (s.ok() && *v >= 1 && *v < kSchemaVersion) {
    s = MigrateEvidenceTables(*db, *v);
    if (s.ok()) s = db->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  }
  if (s.ok()) {
    db->Commit();
  } else {
    db->Exec("ROLLBACK");
  }
}

Status WriteAll(Database& db, const EvidenceBase& eb, const std::string& data_dir, const std::string& version) {
  auto v = UserVersion(db);
  if (!v.ok()) return v.status();
  if (*v > kSchemaVersion) {
    return Status::InvalidArgument("the database was written by a newer carta (schema " + std::to_string(*v) +
                                   ", this build reads up to " + std::to_string(kSchemaVersion) + ")");
  }
  if (*v < kSchemaVersion) {
    // Evidence tables are derived from data/: an older layout is dropped and rebuilt.
    for (const char* t : kEvidenceTables) if (Status st = db.Exec(std::string("DROP TABLE IF EXISTS ") + t); !st.ok()) return st;
  }
  if (Status st = db.Exec(kSchema); !st.ok()) return st;
  for (const char* t : kEvidenceTables) if (Status st = db.Exec(std::string("DELETE FROM ") + t); !st.ok()) return st;
  if (Status st = WriteRecords(db, eb); !st.ok()) return st;
  if (Status st = WriteTyped(db, eb); !st.ok()) return st;
  auto meta = db.Prepare("INSERT OR REPLACE INTO meta VALUES(?,?)");
  if (!meta.ok()) return meta.status();
  for (const auto& [k, val] : std::vector<std::pair<std::string, std::string>>{
           {"built_at", NowUtcIso()}, {"data_dir", data_dir}, {"carta_version", version}}) {
    meta->Bind(1, k).Bind(2, val);
    if (Status st = meta->Run(); !st.ok()) return st;
  }
  return db.Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
}

// A database path carta can use: not empty, not SQLite's in-memory name, and
// a regular file when it exists (a FIFO or device would block or mislead).
Status CheckPath(const std::string& path, bool must_exist) {
  if (path.empty() || path == ":memory:" || text::StartsWith(path, "file:")) {
    return Status::InvalidArgument("'" + path + "' is not a database file path");
  }
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(st)) {
    if (must_exist) return Status::NotFound("no database at '" + path + "'; run 'carta db build' first");
    return Status::Ok();
  }
  if (!std::filesystem::is_regular_file(st)) return Status::InvalidArgument("'" + path + "' is not a regular file");
  return Status::Ok();
}

// The evidence tables must be real tables (not views that could yield
// anything, or nothing, forever).
Status CheckTables(Database& db, const std::string& path) {
  for (const char* t : {"records", "observations", "meta"}) {
    auto st = db.Prepare("SELECT type FROM sqlite_schema WHERE name = ?");
    if (!st.ok()) return st.status();
    st->Bind(1, std::string_view(t));
    Status s;
    if (!st->Step(&s) || st->Text(0) != "table") {
      return Status::Corruption("'" + path + "' has no '" + t + "' table; run 'carta db build' to rebuild it");
    }
  }
  return Status::Ok();
}

// What identifies one state of the evidence in a database file: its build
// time and the random token every evidence writer sets (MarkEvidenceChanged).
// Writes to other tables (screening decisions, imports) keep both, so they do
// not reload the evidence. A file without the token (written by a carta
// before it) is identified by its size and modification time and those of its
// write-ahead log, where a commit lives until a checkpoint copies it into the
// file.
struct BuildStamp {
  std::string built_at, token;
  std::uintmax_t size = 0, wal_size = 0;
  std::filesystem::file_time_type mtime, wal_mtime;
  bool operator==(const BuildStamp&) const = default;
};

void StampFiles(const std::string& path, BuildStamp& stamp, std::error_code& ec) {
  stamp.size = std::filesystem::file_size(path, ec);
  if (!ec) stamp.mtime = std::filesystem::last_write_time(path, ec);
  if (ec) return;
  std::error_code wal_ec;  // no log (not in WAL mode, or checkpointed away): zero
  const std::string wal = path + "-wal";
  stamp.wal_size = std::filesystem::file_size(wal, wal_ec);
  if (!wal_ec) stamp.wal_mtime = std::filesystem::last_write_time(wal, wal_ec);
  if (wal_ec) stamp.wal_size = 0, stamp.wal_mtime = {};
}

Result<BuildStamp> StampOf(const std::string& path) {
  if (Status s = CheckPath(path, true); !s.ok()) return s;
  BuildStamp stamp;
  auto db = Database::Open(path, true);
  if (!db.ok()) return db.status();
  // One read transaction, so that the build time and the token are of one state.
  if (Status s = db->Exec("BEGIN"); !s.ok()) return s;
  Status s;
  if (auto meta = db->Prepare("SELECT value FROM meta WHERE key = 'built_at'"); meta.ok() && meta->Step(&s)) {
    stamp.built_at = meta->Text(0);
  }
  bool tokened = false;
  if (auto tok = db->Prepare("SELECT hex(token) FROM evidence_version WHERE id = 1"); tok.ok() && tok->Step(&s)) {
    stamp.token = tok->Text(0);
    tokened = true;
  }
  db->Exec("COMMIT");
  if (tokened) return stamp;
  std::error_code ec;
  StampFiles(path, stamp, ec);
  if (ec) return Status::IOError("cannot read '" + path + "': " + ec.message());
  return stamp;
}

struct SnapshotCache {
  std::mutex mu;
  std::map<std::string, std::pair<BuildStamp, std::shared_ptr<const EvidenceBase>>> entries;  // by absolute path
};

SnapshotCache& Snapshots() {
  static auto* cache = new SnapshotCache;
  return *cache;
}

std::string CacheKey(const std::string& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

// Upper bounds on what a database may hold, so that a hostile file cannot
// make carta read forever.
constexpr long kMaxRecords = 1000000;
constexpr long kMaxObservations = 20000000;

}  // namespace

Status MigrateEvidenceTables(Database& db, int from) {
  if (from >= 1 && from < 3) {
    auto has = db.Prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'observations'");
    if (!has.ok()) return has.status();
    Status s;
    if (has->Step(&s)) return db.Exec(kObservationsIndex);
    return s;
  }
  return Status::Ok();
}

Status MarkEvidenceChanged(Database& db) {
  if (Status s = db.Exec("CREATE TABLE IF NOT EXISTS evidence_version(id INTEGER PRIMARY KEY CHECK(id = 1), "
                         "token BLOB NOT NULL)");
      !s.ok()) {
    return s;
  }
  return db.Exec("INSERT OR REPLACE INTO evidence_version VALUES(1, randomblob(16))");
}

Status SaveEvidence(const std::string& path, const EvidenceBase& eb, const std::string& data_dir,
                    const std::string& carta_version) {
  if (Status s = CheckPath(path, false); !s.ok()) return s;
  auto db = Database::Open(path, false);
  if (!db.ok()) return db.status();
  if (Status st = db->BeginImmediate(); !st.ok()) return st;
  {
    SnapshotCache& cache = Snapshots();
    std::lock_guard<std::mutex> lock(cache.mu);
    cache.entries.erase(CacheKey(path));
  }
  Status s = WriteAll(*db, eb, data_dir, carta_version);
  if (s.ok()) s = MarkEvidenceChanged(*db);
  if (!s.ok()) {
    db->Exec("ROLLBACK");
    return s;
  }
  return db->Commit();
}

Result<EvidenceBase> LoadEvidence(const std::string& path) {
  if (Status s = CheckPath(path, true); !s.ok()) return s;
  MigrateInPlace(path);
  auto db = Database::Open(path, true);
  if (!db.ok()) return db.status();
  auto v = UserVersion(*db);
  if (!v.ok()) return v.status().WithContext(path);
  if (*v == 0) return Status::NotFound("'" + path + "' holds no evidence yet; run 'carta db build'");
  if (*v < 1 || *v > kSchemaVersion) {
    return Status::InvalidArgument("'" + path + "' has schema version " + std::to_string(*v) + "; this carta reads " +
                                   std::to_string(kSchemaVersion) + ": run 'carta db build' to rebuild it");
  }
  if (Status s = CheckTables(*db, path); !s.ok()) return s;
  auto rec = db->Prepare("SELECT kind, id, file, line, note FROM records ORDER BY file, line LIMIT " +
                         std::to_string(kMaxRecords + 1));
  auto obs = db->Prepare(
      "SELECT key, raw, refs, citation, location, extra, note, file, line FROM observations "
      "WHERE kind = ? AND record_id = ? ORDER BY seq LIMIT " + std::to_string(kMaxObservations + 1));
  if (!rec.ok()) return rec.status();
  if (!obs.ok()) return obs.status();
  std::vector<evidence::RawRecord> records;
  Status s;
  long observations = 0;
  while (rec->Step(&s)) {
    if (static_cast<long>(records.size()) >= kMaxRecords) {
      return Status::Corruption("'" + path + "' holds more than " + std::to_string(kMaxRecords) + " records");
    }
    evidence::RawRecord r;
    r.kind = rec->Text(0);
    r.id = rec->Text(1);
    r.pos = {rec->Text(2), static_cast<int>(rec->Int(3))};
    r.note = rec->Text(4);
    obs->Bind(1, r.kind).Bind(2, r.id);
    Status so;
    while (obs->Step(&so)) {
      evidence::Observation o;
      o.key = obs->Text(0);
      o.raw = obs->Text(1);
      for (const auto& ref : text::Split(obs->Text(2), ',')) {
        if (auto n = text::ParseCount(ref)) o.prov.refs.push_back(static_cast<int>(*n));
      }
      o.prov.citation = obs->Text(3);
      o.prov.location = obs->Text(4);
      o.prov.extra = obs->Text(5);
      o.note = obs->Text(6);
      o.pos = {obs->Text(7), static_cast<int>(obs->Int(8))};
      r.fields.push_back(std::move(o));
      if (++observations > kMaxObservations) {
        return Status::Corruption("'" + path + "' holds more than " + std::to_string(kMaxObservations) + " values");
      }
    }
    if (!so.ok()) return so;
    if (Status st = obs->Run(); !st.ok()) return st;
    records.push_back(std::move(r));
  }
  if (!s.ok()) return s;
  // Everything read back goes through the same checks as data/: format it as
  // evidence text and parse it again, then restore the original positions.
  auto parsed = evidence::ParseRecords(evidence::FormatRecords(records), path);
  if (!parsed.ok()) {
    return Status::Corruption("the database '" + path + "' holds a record carta cannot read (" +
                              parsed.status().message() + "); run 'carta db build' to rebuild it");
  }
  if (parsed->size() != records.size()) return Status::Corruption("the database '" + path + "' holds malformed records");
  for (size_t i = 0; i < records.size(); ++i) {
    if ((*parsed)[i].fields.size() != records[i].fields.size()) {
      return Status::Corruption("the database '" + path + "' holds a malformed record '" + records[i].id + "'");
    }
    (*parsed)[i].pos = records[i].pos;
    for (size_t j = 0; j < records[i].fields.size(); ++j) (*parsed)[i].fields[j].pos = records[i].fields[j].pos;
  }
  // The consensus of `carta extract reconcile`, layered over the curated base
  // and validated with it.
  auto consensus = LoadConsensus(path);
  if (!consensus.ok()) return consensus.status();
  auto eb = consensus->empty() ? evidence::BuildEvidence(std::move(*parsed)) : extract::Layer(*parsed, *consensus);
  if (!eb.ok()) return eb.status().WithContext("the database '" + path + "' does not hold valid evidence");
  return eb;
}

Result<DbInfo> Info(const std::string& path) {
  if (Status s = CheckPath(path, true); !s.ok()) return s;
  auto db = Database::Open(path, true);
  if (!db.ok()) return db.status();
  DbInfo info;
  info.path = path;
  auto v = UserVersion(*db);
  if (!v.ok()) return v.status();
  info.schema_version = *v;
  if (*v == 0) return info;
  auto meta = db->Prepare("SELECT key, value FROM meta");
  if (!meta.ok()) return meta.status();
  Status s;
  while (meta->Step(&s)) {
    const std::string k = meta->Text(0);
    if (k == "built_at") info.built_at = meta->Text(1);
    if (k == "data_dir") info.data_dir = meta->Text(1);
    if (k == "carta_version") info.carta_version = meta->Text(1);
  }
  if (!s.ok()) return s;
  for (const char* t : {"products", "constructs", "approvals", "cohorts", "cohort_values", "records", "observations"}) {
    auto c = db->Prepare(std::string("SELECT count(*) FROM ") + t);
    if (!c.ok()) return c.status();
    if (c->Step(&s)) info.counts.emplace_back(t, c->Int(0));
    if (!s.ok()) return s;
  }
  return info;
}

Result<std::shared_ptr<const EvidenceBase>> LoadEvidenceSnapshot(const std::string& path) {
  auto stamp = StampOf(path);
  if (!stamp.ok()) return stamp.status();
  const std::string key = CacheKey(path);
  SnapshotCache& cache = Snapshots();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end() && it->second.first == *stamp) return it->second.second;
  }
  // Loaded outside the lock: two first callers may both load; the later one's object is kept.
  auto eb = LoadEvidence(path);
  if (!eb.ok()) return eb.status();
  auto snapshot = std::make_shared<const EvidenceBase>(std::move(*eb));
  std::lock_guard<std::mutex> lock(cache.mu);
  cache.entries[key] = {*stamp, snapshot};
  return snapshot;
}

Result<BuildSummary> BuildDatabase(const std::string& path, const std::string& data_dir,
                                   const std::string& carta_version) {
  auto eb = evidence::LoadEvidenceDir(data_dir);
  if (!eb.ok()) return eb.status().WithContext("nothing was written to " + path);
  Status s = SaveEvidence(path, *eb, data_dir, carta_version);
  if (!s.ok()) return s.WithContext("the database " + path + " was left as it was");
  BuildSummary out;
  out.products = static_cast<long>(eb->products.size());
  out.constructs = static_cast<long>(eb->constructs.size());
  out.approvals = static_cast<long>(eb->approvals.size());
  out.cohorts = static_cast<long>(eb->cohorts.size());
  out.statements = std::count_if(eb->records.begin(), eb->records.end(),
                                 [](const evidence::RawRecord& r) { return r.kind == "statement"; });
  out.claims = static_cast<long>(eb->claims.size());
  return out;
}

}  // namespace carta::store
