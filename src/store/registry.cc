#include "carta/store/registry.h"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "carta/registry/audit.h"
#include "carta/store/store.h"
#include "sqlite.h"

namespace carta::store {

namespace {

const char* kRegistrySchema = R"sql(
CREATE TABLE IF NOT EXISTS registrations(
  id TEXT PRIMARY KEY, registry TEXT NOT NULL, title TEXT NOT NULL, acronym TEXT NOT NULL,
  phases TEXT NOT NULL, status TEXT NOT NULL, enrollment INTEGER, enrollment_type TEXT NOT NULL,
  conditions TEXT NOT NULL, interventions TEXT NOT NULL, sponsor TEXT NOT NULL,
  start_date TEXT NOT NULL, completion_date TEXT NOT NULL, has_results INTEGER NOT NULL,
  source TEXT NOT NULL);
)sql";

std::string ListText(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

std::vector<std::string> ListOf(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

Status CheckVersion(Database& db) {
  auto st = db.Prepare("PRAGMA user_version");
  if (!st.ok()) return st.status();
  Status s;
  if (!st->Step(&s)) return s;
  if (st->Int(0) > kSchemaVersion) {
    return Status::InvalidArgument("the database was written by a newer carta (schema " + std::to_string(st->Int(0)) +
                                   ", this build reads up to " + std::to_string(kSchemaVersion) + ")");
  }
  return Status::Ok();
}

Result<bool> Exists(Database& db, const std::string& id) {
  auto st = db.Prepare("SELECT 1 FROM registrations WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  Status s;
  const bool found = st->Step(&s);
  if (!s.ok()) return s;
  return found;
}

Status Insert(Database& db, const registry::Registration& r) {
  auto st = db.Prepare(
      "INSERT OR REPLACE INTO registrations VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, r.id).Bind(2, r.registry).Bind(3, r.title).Bind(4, r.acronym).Bind(5, ListText(r.phases));
  st->Bind(6, r.status);
  if (r.enrollment) {
    st->Bind(7, *r.enrollment);
  } else {
    st->BindNull(7);
  }
  st->Bind(8, r.enrollment_type).Bind(9, ListText(r.conditions)).Bind(10, ListText(r.interventions));
  st->Bind(11, r.sponsor).Bind(12, r.start_date).Bind(13, r.completion_date).Bind(14, r.has_results ? 1L : 0L);
  st->Bind(15, r.source);
  return st->Run();
}

Status WriteAll(Database& db, const std::vector<registry::Registration>& regs, RegistryImportSummary* sum) {
  if (Status s = CheckVersion(db); !s.ok()) return s;
  if (Status s = db.Exec(kRegistrySchema); !s.ok()) return s;
  for (const auto& r : regs) {
    auto there = Exists(db, r.id);
    if (!there.ok()) return there.status();
    (*there ? sum->updated : sum->added)++;
    if (Status s = Insert(db, r); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Result<RegistryImportSummary> SaveRegistrations(const std::string& path,
                                                const std::vector<registry::Registration>& regs) {
  auto db = Database::Open(path, false);
  if (!db.ok()) return db.status();
  if (Status s = db->BeginImmediate(); !s.ok()) return s;
  RegistryImportSummary sum;
  if (Status s = WriteAll(*db, regs, &sum); !s.ok()) {
    db->Exec("ROLLBACK");
    return s;
  }
  if (Status s = db->Commit(); !s.ok()) return s;
  return sum;
}

Result<std::vector<registry::Registration>> LoadRegistrations(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound("no project database at '" + path + "' (run 'carta registry import' or 'carta db build')");
  }
  auto db = Database::Open(path, true);
  if (!db.ok()) return db.status();
  std::vector<registry::Registration> out;
  auto table = db->Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'registrations'");
  if (!table.ok()) return table.status();
  Status s;
  if (!table->Step(&s)) {
    if (!s.ok()) return s;
    return out;
  }
  auto st = db->Prepare(
      "SELECT id, registry, title, acronym, phases, status, enrollment, enrollment_type, conditions, interventions, "
      "sponsor, start_date, completion_date, has_results, source FROM registrations ORDER BY id");
  if (!st.ok()) return st.status();
  while (st->Step(&s)) {
    registry::Registration r;
    r.id = st->Text(0);
    r.registry = st->Text(1);
    r.title = st->Text(2);
    r.acronym = st->Text(3);
    r.phases = ListOf(st->Text(4));
    r.status = st->Text(5);
    if (!st->IsNull(6)) r.enrollment = st->Int(6);
    r.enrollment_type = st->Text(7);
    r.conditions = ListOf(st->Text(8));
    r.interventions = ListOf(st->Text(9));
    r.sponsor = st->Text(10);
    r.start_date = st->Text(11);
    r.completion_date = st->Text(12);
    r.has_results = st->Int(13) != 0;
    r.source = st->Text(14);
    out.push_back(std::move(r));
  }
  if (!s.ok()) return s;
  return out;
}

Result<evidence::AuditResult> AuditProject(const std::string& path, const evidence::EvidenceBase& eb,
                                           evidence::AuditRequest request) {
  auto regs = LoadRegistrations(path);
  if (!regs.ok()) return regs.status();
  request.more = registry::AuditRegistrations(eb, *regs);
  return evidence::RunAudit(eb, request);
}

}  // namespace carta::store
