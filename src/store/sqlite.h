// Private: a small RAII wrapper over the SQLite C API, returning Status.
#ifndef CARTA_SRC_STORE_SQLITE_H_
#define CARTA_SRC_STORE_SQLITE_H_

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "carta/core/status.h"

namespace carta::store {

class Statement;

class Database {
 public:
  // Opens (read_only) or opens and creates `path`.
  static Result<Database> Open(const std::string& path, bool read_only);
  Database(Database&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  ~Database();

  // Runs one or more statements without results.
  Status Exec(const std::string& sql);
  // BEGIN IMMEDIATE (the write lock) with SQLite's busy timeout and, beyond
  // it, a bounded retry with backoff; a final failure says the database is
  // busy with another writer.
  Status BeginImmediate();
  // COMMIT, retried with backoff while readers keep the file busy; on a final
  // failure the transaction is rolled back.
  Status Commit();
  Result<Statement> Prepare(const std::string& sql);
  Status Error(const std::string& what) const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Statement&& o) noexcept : st_(o.st_), db_(o.db_) { o.st_ = nullptr; }
  Statement(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, long v);
  Statement& Bind(int i, double v);  // NaN binds NULL
  Statement& BindNull(int i);
  // Steps once: true when a row is ready, false when done; errors in *status.
  bool Step(Status* status);
  // Runs to completion and resets for reuse.
  Status Run();
  std::string Text(int col) const;
  long Int(int col) const;
  double Real(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* st, sqlite3* db) : st_(st), db_(db) {}
  sqlite3_stmt* st_ = nullptr;
  sqlite3* db_ = nullptr;
};

}  // namespace carta::store

#endif  // CARTA_SRC_STORE_SQLITE_H_
