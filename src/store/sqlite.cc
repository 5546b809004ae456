#include "sqlite.h"

#include <cmath>

namespace carta::store {

Result<Database> Database::Open(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::IOError("cannot open database '" + path + "': " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  Database out(db);
  Status s = out.Exec("PRAGMA foreign_keys = ON;");
  if (!s.ok()) return s;
  return out;
}

Database::~Database() {
  if (db_) sqlite3_close(db_);
}

Status Database::Error(const std::string& what) const {
  return Status::IOError(what + ": " + sqlite3_errmsg(db_));
}

Status Database::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError("database: " + msg);
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    return Error("database: cannot prepare '" + sql.substr(0, 60) + "'");
  }
  return Statement(st, db_);
}

Statement::~Statement() {
  if (st_) sqlite3_finalize(st_);
}

Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int i, long v) {
  sqlite3_bind_int64(st_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, double v) {
  if (std::isnan(v)) return BindNull(i);
  sqlite3_bind_double(st_, i, v);
  return *this;
}

Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(st_, i);
  return *this;
}

bool Statement::Step(Status* status) {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) *status = Status::IOError(std::string("database: ") + sqlite3_errmsg(db_));
  return false;
}

Status Statement::Run() {
  Status s;
  while (Step(&s)) {
  }
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
  return s;
}

std::string Statement::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(st_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(st_, col)) : std::string();
}

long Statement::Int(int col) const { return static_cast<long>(sqlite3_column_int64(st_, col)); }
double Statement::Real(int col) const { return sqlite3_column_double(st_, col); }
bool Statement::IsNull(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

}  // namespace carta::store
