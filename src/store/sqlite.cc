#include "sqlite.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <random>
#include <thread>

namespace carta::store {

namespace {

// SQLite waits this long for a lock before a statement returns SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;
// Then a write transaction is tried again this many times, after a backoff
// that doubles from kFirstBackoffMs (with jitter, so two writers part).
constexpr int kWriteAttempts = 6;
constexpr int kFirstBackoffMs = 20;

void Backoff(int attempt) {
  static thread_local std::minstd_rand rng(static_cast<unsigned>(::getpid()) * 7919u +
                                           static_cast<unsigned>(std::hash<std::thread::id>()(std::this_thread::get_id())));
  const int base = kFirstBackoffMs << attempt;
  std::this_thread::sleep_for(std::chrono::milliseconds(base + static_cast<int>(rng() % static_cast<unsigned>(base))));
}

// sqlite3_errmsg, with the system's reason for an I/O error: SQLite says
// "disk I/O error" for a write that failed with EFBIG (a file-size limit) and
// "database or disk is full" for ENOSPC; the reason and what to do are added.
std::string Describe(sqlite3* db) {
  std::string msg = sqlite3_errmsg(db);
  const int primary = sqlite3_extended_errcode(db) & 0xff;
  const int error = sqlite3_system_errno(db);
  if ((primary == SQLITE_IOERR || primary == SQLITE_FULL) && error != 0) {
    msg += std::string(" (") + std::strerror(error) + ")";
    if (error == ENOSPC || error == EFBIG || error == EDQUOT) {
      msg += ": the disk, quota or file-size limit is full; make room and run again (the write was rolled back)";
    }
  }
  return msg;
}

bool IsBusy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

// A rollback journal beside `path` left by a killed writer ("hot"): a
// read-only connection cannot roll it back and fails with "attempt to write a
// readonly database". A read-write connection rolls it back on its first read
// (SQLite takes the locks, so a live writer's journal is left alone).
void RollBackHotJournal(const std::string& path) {
  std::error_code ec;
  const std::string journal = path + "-journal";
  if (!std::filesystem::exists(journal, ec) || std::filesystem::file_size(journal, ec) == 0 || ec) return;
  if (::access(path.c_str(), W_OK) != 0) return;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  }
  sqlite3_close(db);
}

}  // namespace

Result<Database> Database::Open(const std::string& path, bool read_only) {
  if (read_only) RollBackHotJournal(path);
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::IOError("cannot open database '" + path + "': " + msg);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  Database out(db);
  Status s = out.Exec("PRAGMA foreign_keys = ON;");
  if (!s.ok()) return s;
  if (read_only) {
    // The first read meets a hot journal that could not be rolled back above.
    int rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK && sqlite3_extended_errcode(db) == SQLITE_READONLY_ROLLBACK) {
      return Status::IOError("cannot read '" + path + "': an interrupted write left '" + path +
                             "-journal', which must be rolled back first; give carta write permission on the file "
                             "and its folder and run the command again (or run 'carta db build')");
    }
  }
  return out;
}

Status Database::BeginImmediate() {
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return Status::Ok();
    if (!IsBusy(rc)) return Error("database: cannot start a write");
    Backoff(attempt);
  }
  return Status::IOError("database: busy: another carta process kept writing for more than " +
                         std::to_string(kWriteAttempts * kBusyTimeoutMs / 1000) + " s; try again");
}

Status Database::Commit() {
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return Status::Ok();
    if (!IsBusy(rc) || sqlite3_get_autocommit(db_)) break;  // not busy, or already rolled back
    Backoff(attempt);
  }
  Status s = Error("database: cannot commit");
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  return s;
}

Database::~Database() {
  if (db_) sqlite3_close(db_);
}

Status Database::Error(const std::string& what) const {
  return Status::IOError(what + ": " + Describe(db_));
}

Status Database::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? Describe(db_) : "unknown error";
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
  if (rc != SQLITE_DONE) *status = Status::IOError("database: " + Describe(db_));
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
