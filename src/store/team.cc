// The team tables (carta/store/team.h): tokens, stage modes, decision events
// and crowd claims, each write one IMMEDIATE transaction in WAL mode.
#include "carta/store/team.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>

#include "carta/store/literature.h"
#include "sqlite.h"

namespace carta::store {

namespace {

constexpr const char* kTeamSchema = R"sql(
CREATE TABLE IF NOT EXISTS team_tokens (
  hash TEXT PRIMARY KEY,
  reviewer TEXT NOT NULL,
  role TEXT NOT NULL,
  created_utc TEXT NOT NULL,
  expires_at_s INTEGER NOT NULL DEFAULT 0,
  revoked_utc TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS team_modes (
  stage TEXT PRIMARY KEY,
  mode TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS team_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  time_utc TEXT NOT NULL,
  record INTEGER NOT NULL,
  stage TEXT NOT NULL,
  kind TEXT NOT NULL,
  verdict TEXT NOT NULL,
  reason TEXT NOT NULL,
  UNIQUE (reviewer, client_id)
);
CREATE INDEX IF NOT EXISTS team_events_record ON team_events(record, stage);
CREATE TABLE IF NOT EXISTS team_reasons (
  stage TEXT NOT NULL,
  position INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (stage, position)
);
CREATE TABLE IF NOT EXISTS team_claims (
  stage TEXT NOT NULL,
  record INTEGER NOT NULL,
  reviewer TEXT NOT NULL,
  claimed_at_s INTEGER NOT NULL,
  PRIMARY KEY (stage, record)
);
)sql";

// Databases made before tokens could expire lack the last two columns.
constexpr const char* kTokenColumnsCheck =
    "SELECT COUNT(*) FROM pragma_table_info('team_tokens') WHERE name = 'expires_at_s'";
constexpr const char* kTokenColumnsAdd =
    "ALTER TABLE team_tokens ADD COLUMN expires_at_s INTEGER NOT NULL DEFAULT 0; "
    "ALTER TABLE team_tokens ADD COLUMN revoked_utc TEXT NOT NULL DEFAULT '';";
constexpr const char* kTokenSelect =
    "SELECT substr(hash, 1, 12), reviewer, role, created_utc, expires_at_s, "
    "CASE expires_at_s WHEN 0 THEN '' ELSE strftime('%Y-%m-%dT%H:%M:%SZ', expires_at_s, 'unixepoch') END, "
    "revoked_utc FROM team_tokens";
constexpr size_t kTokenIdDigits = 12;

TeamToken ReadToken(const Statement& st) {
  return TeamToken{st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Int(4), st.Text(5), st.Text(6)};
}

Status AddTokenColumns(Database& db) {
  auto st = db.Prepare(kTokenColumnsCheck);
  if (!st.ok()) return st.status();
  Status s;
  if (!st->Step(&s)) return s.ok() ? Status::Internal("pragma_table_info returned no row") : s;
  if (st->Int(0) > 0) return Status::Ok();
  return db.Exec(kTokenColumnsAdd);
}

constexpr const char* kEventColumns = "seq, client_id, reviewer, time_utc, record, stage, kind, verdict, reason";

long NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Result<std::vector<TeamEvent>> ReadEvents(Statement& st) {
  std::vector<TeamEvent> out;
  Status s;
  while (st.Step(&s)) {
    TeamEvent e;
    e.seq = st.Int(0);
    e.client_id = st.Text(1);
    e.reviewer = st.Text(2);
    e.time_utc = st.Text(3);
    e.record = st.Int(4);
    e.stage = st.Text(5);
    e.kind = st.Text(6);
    e.verdict = st.Text(7);
    e.reason = st.Text(8);
    out.push_back(std::move(e));
  }
  if (!s.ok()) return s;
  return out;
}

}  // namespace

struct Team::Impl {
  // One Append waiting to be written: the caller that writes it (the batch's
  // leader) fills `result` and sets `done`.
  struct PendingAppend {
    const TeamEvent* event;
    const EventCheck* check;
    Result<AppendResult> result = Status::Internal("the event was not written");
    bool done = false;
  };

  std::unique_ptr<Database> db;
  std::mutex mu;  // one caller at a time on the connection
  // Group commit: callers of Append queue their events; one of them (the
  // leader) writes everything queued so far in one transaction and leads
  // again until its own event is written, then hands over. Events are written
  // in order of arrival, and a transaction's cost (its commit, and the share
  // of checkpoints its log pages cause) is paid once per batch.
  std::mutex queue_mu;
  std::condition_variable queue_cv;
  std::deque<PendingAppend*> queue;
  bool leading = false;
  // Each statement is prepared once per connection and reused (a decision
  // is then four steps of already compiled statements), keyed by its SQL.
  std::map<std::string, Statement> prepared;

  // The statement of `sql`, prepared on its first use. REQUIRES: mu held.
  Result<Statement*> Prepared(const std::string& sql) {
    auto it = prepared.find(sql);
    if (it == prepared.end()) {
      auto st = db->Prepare(sql);
      if (!st.ok()) return st.status();
      it = prepared.emplace(sql, std::move(*st)).first;
    }
    return &it->second;
  }

  // Resets every statement left mid-result (a lookup that read one row), so
  // it binds afresh next time and holds no read snapshot open meanwhile.
  void ResetStatements() {
    for (sqlite3_stmt* st = sqlite3_next_stmt(db->raw(), nullptr); st; st = sqlite3_next_stmt(db->raw(), st)) {
      sqlite3_reset(st);
    }
  }

  // Runs `body` in BEGIN IMMEDIATE ... COMMIT, rolling back on failure.
  Status InTransaction(const std::function<Status()>& body) {
    if (Status s = db->BeginImmediate(); !s.ok()) return s;
    Status s = body();
    ResetStatements();
    if (!s.ok()) {
      db->Exec("ROLLBACK");
      return s;
    }
    return db->Commit();
  }

  // One event inside the batch's transaction, under a savepoint: a failed
  // check (or write) undoes this event only; its statements are reset on
  // leaving. REQUIRES: mu held, in a transaction.
  Result<AppendResult> AppendOne(const TeamEvent& event, const EventCheck& check) {
    if (Status s = db->Exec("SAVEPOINT append"); !s.ok()) return s;
    AppendResult out;
    Status s = [&]() -> Status {
      auto seen = Prepared("SELECT seq FROM team_events WHERE reviewer = ? AND client_id = ?");
      if (!seen.ok()) return seen.status();
      (*seen)->Bind(1, event.reviewer).Bind(2, event.client_id);
      Status step;
      if ((*seen)->Step(&step)) {
        out = {(*seen)->Int(0), true};
        return Status::Ok();
      }
      if (!step.ok()) return step;
      auto earlier =
          Prepared(std::string("SELECT ") + kEventColumns + " FROM team_events WHERE record = ? AND stage = ? ORDER BY seq");
      if (!earlier.ok()) return earlier.status();
      (*earlier)->Bind(1, event.record).Bind(2, event.stage);
      auto events = ReadEvents(**earlier);
      if (!events.ok()) return events.status();
      if (Status c = check(*events); !c.ok()) return c;
      auto ins = Prepared(
          "INSERT INTO team_events (client_id, reviewer, time_utc, record, stage, kind, verdict, reason) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      if (!ins.ok()) return ins.status();
      (*ins)->Bind(1, event.client_id).Bind(2, event.reviewer).Bind(3, event.time_utc).Bind(4, event.record);
      (*ins)->Bind(5, event.stage).Bind(6, event.kind).Bind(7, event.verdict).Bind(8, event.reason);
      if (Status r = (*ins)->Run(); !r.ok()) return r;
      out = {static_cast<long>(sqlite3_last_insert_rowid(db->raw())), false};
      return Status::Ok();
    }();
    ResetStatements();
    if (!s.ok()) {
      db->Exec("ROLLBACK TO append; RELEASE append");
      return s;
    }
    if (Status r = db->Exec("RELEASE append"); !r.ok()) return r;
    return out;
  }

  // Writes `batch` in one transaction, each event with its own result; when
  // the transaction cannot start or commit, every event gets that failure
  // (and nothing of the batch is stored).
  void WriteBatch(const std::vector<PendingAppend*>& batch) {
    std::lock_guard lock(mu);
    std::vector<Result<AppendResult>> results;
    Status s;
    try {
      s = InTransaction([&]() -> Status {
        for (PendingAppend* p : batch) results.push_back(AppendOne(*p->event, *p->check));
        return Status::Ok();
      });
    } catch (...) {  // a check that threw: leave the connection with no transaction open
      ResetStatements();
      if (!sqlite3_get_autocommit(db->raw())) db->Exec("ROLLBACK");
      throw;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result = s.ok() ? std::move(results[i]) : Result<AppendResult>(s);
    }
  }

  // Holds the connection for one call and resets its statements on leaving.
  class Use {
   public:
    explicit Use(Impl& impl) : impl_(impl), lock_(impl.mu) {}
    ~Use() { impl_.ResetStatements(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    Impl* operator->() { return &impl_; }

   private:
    Impl& impl_;
    std::lock_guard<std::mutex> lock_;
  };
};

Team::Team(std::unique_ptr<Database> db) : impl_(std::make_unique<Impl>()) { impl_->db = std::move(db); }
Team::Team(Team&&) noexcept = default;
Team& Team::operator=(Team&&) noexcept = default;
Team::~Team() = default;

Result<Team> Team::Open(const std::string& path) {
  auto db = Database::Open(path, false);
  if (!db.ok()) return db.status();
  // WAL: readers never block the writer; NORMAL sync is durable at each
  // checkpoint and never corrupts (SQLite's documentation on WAL). A
  // checkpoint every 200 log pages (800 KiB) instead of SQLite's 1,000: the
  // checkpoint flushes the log to disk inside the commit that passes the
  // bound, and 4 MB took about 10 ms here, which every writer queued behind
  // it waited for (the decision p99 of doc/benchmarks.md: 15 ms, 6 ms now).
  if (Status s = db->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 200;");
      !s.ok()) {
    return s.WithContext(path);
  }
  Team team(std::make_unique<Database>(std::move(*db)));
  Database& conn = *team.impl_->db;
  if (Status s = team.impl_->InTransaction([&] {
        Status made = conn.Exec(kTeamSchema);
        return made.ok() ? AddTokenColumns(conn) : made;
      });
      !s.ok()) {
    return s.WithContext(path);
  }
  return team;
}

Status Team::AddToken(const std::string& hash_hex, const std::string& reviewer, const std::string& role,
                      long expires_at_s) {
  Impl::Use use(*impl_);
  return use->InTransaction([&]() -> Status {
    auto st = use->Prepared(
        "INSERT OR IGNORE INTO team_tokens (hash, reviewer, role, created_utc, expires_at_s) VALUES (?, ?, ?, ?, ?)");
    if (!st.ok()) return st.status();
    (*st)->Bind(1, hash_hex).Bind(2, reviewer).Bind(3, role).Bind(4, NowUtcIso()).Bind(5, expires_at_s);
    if (Status s = (*st)->Run(); !s.ok()) return s;
    if (sqlite3_changes(use->db->raw()) == 0) return Status::InvalidArgument("this token is already stored");
    return Status::Ok();
  });
}

Result<std::optional<TeamToken>> Team::FindToken(const std::string& hash_hex) {
  Impl::Use use(*impl_);
  auto st = use->Prepared(std::string(kTokenSelect) + " WHERE hash = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, hash_hex);
  Status s;
  if (!(*st)->Step(&s)) {
    if (!s.ok()) return s;
    return std::optional<TeamToken>();
  }
  return std::optional<TeamToken>(ReadToken(**st));
}

Result<std::vector<TeamToken>> Team::Tokens() {
  Impl::Use use(*impl_);
  auto st = use->Prepared(std::string(kTokenSelect) + " ORDER BY created_utc, rowid");
  if (!st.ok()) return st.status();
  std::vector<TeamToken> out;
  Status s;
  while ((*st)->Step(&s)) out.push_back(ReadToken(**st));
  if (!s.ok()) return s;
  return out;
}

Result<long> Team::RevokeTokens(const std::string& id_or_reviewer) {
  Impl::Use use(*impl_);
  long revoked = 0;
  Status s = use->InTransaction([&]() -> Status {
    auto st = use->Prepared(
        "UPDATE team_tokens SET revoked_utc = ?1 WHERE revoked_utc = '' AND "
        "((length(?2) = ?3 AND substr(hash, 1, ?3) = lower(?2)) OR reviewer = ?2)");
    if (!st.ok()) return st.status();
    (*st)->Bind(1, NowUtcIso()).Bind(2, id_or_reviewer).Bind(3, static_cast<long>(kTokenIdDigits));
    if (Status r = (*st)->Run(); !r.ok()) return r;
    revoked = sqlite3_changes(use->db->raw());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return revoked;
}

Result<AppendResult> Team::Append(TeamEvent event, const EventCheck& check) {
  if (event.time_utc.empty()) event.time_utc = NowUtcIso();
  Impl::PendingAppend mine{&event, &check};
  Impl& impl = *impl_;
  std::unique_lock lock(impl.queue_mu);
  impl.queue.push_back(&mine);
  while (!mine.done) {
    if (impl.leading) {
      impl.queue_cv.wait(lock);
      continue;
    }
    impl.leading = true;
    while (!mine.done) {
      std::vector<Impl::PendingAppend*> batch(impl.queue.begin(), impl.queue.end());
      impl.queue.clear();
      lock.unlock();
      try {
        impl.WriteBatch(batch);
      } catch (...) {  // never leave the waiters of the batch waiting
        for (auto* p : batch) p->result = Status::Internal("the event could not be written");
      }
      lock.lock();
      for (auto* p : batch) p->done = true;
      impl.queue_cv.notify_all();
    }
    impl.leading = false;
    impl.queue_cv.notify_all();  // a waiter whose event is still queued leads next
  }
  return std::move(mine.result);
}

Result<std::vector<TeamEvent>> Team::Events(const std::string& stage) {
  Impl::Use use(*impl_);
  auto st = use->Prepared(std::string("SELECT ") + kEventColumns +
                               " FROM team_events WHERE ? = '' OR stage = ? ORDER BY seq");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, stage).Bind(2, stage);
  return ReadEvents(**st);
}

Result<std::vector<TeamEvent>> Team::RecordEvents(long record) {
  Impl::Use use(*impl_);
  auto st = use->Prepared(std::string("SELECT ") + kEventColumns + " FROM team_events WHERE record = ? ORDER BY seq");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, record);
  return ReadEvents(**st);
}

Status Team::SetMode(const std::string& stage, const std::string& mode) {
  Impl::Use use(*impl_);
  return use->InTransaction([&]() -> Status {
    auto st = use->Prepared("INSERT OR REPLACE INTO team_modes (stage, mode) VALUES (?, ?)");
    if (!st.ok()) return st.status();
    (*st)->Bind(1, stage).Bind(2, mode);
    return (*st)->Run();
  });
}

Result<std::string> Team::Mode(const std::string& stage) {
  Impl::Use use(*impl_);
  auto st = use->Prepared("SELECT mode FROM team_modes WHERE stage = ?");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, stage);
  Status s;
  if ((*st)->Step(&s)) return (*st)->Text(0);
  if (!s.ok()) return s;
  return std::string("dual");
}

Status Team::SetReasons(const std::string& stage, const std::vector<std::string>& reasons) {
  Impl::Use use(*impl_);
  return use->InTransaction([&]() -> Status {
    auto del = use->Prepared("DELETE FROM team_reasons WHERE stage = ?");
    if (!del.ok()) return del.status();
    (*del)->Bind(1, stage);
    if (Status s = (*del)->Run(); !s.ok()) return s;
    auto ins = use->Prepared("INSERT INTO team_reasons (stage, position, reason) VALUES (?, ?, ?)");
    if (!ins.ok()) return ins.status();
    for (size_t i = 0; i < reasons.size(); ++i) {
      (*ins)->Bind(1, stage).Bind(2, static_cast<long>(i + 1)).Bind(3, reasons[i]);
      if (Status s = (*ins)->Run(); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Result<std::vector<std::string>> Team::Reasons(const std::string& stage) {
  Impl::Use use(*impl_);
  auto st = use->Prepared("SELECT reason FROM team_reasons WHERE stage = ? ORDER BY position");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, stage);
  std::vector<std::string> out;
  Status s;
  while ((*st)->Step(&s)) out.push_back((*st)->Text(0));
  if (!s.ok()) return s;
  return out;
}

Result<bool> Team::Claim(const std::string& stage, long record, const std::string& reviewer, long ttl_seconds) {
  Impl::Use use(*impl_);
  bool mine = false;
  const long now = NowSeconds();
  Status s = use->InTransaction([&]() -> Status {
    // Takes the record when free, already ours, or held past its time.
    auto st = use->Prepared(
        "INSERT INTO team_claims (stage, record, reviewer, claimed_at_s) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (stage, record) DO UPDATE SET reviewer = ?3, claimed_at_s = ?4 "
        "WHERE team_claims.reviewer = ?3 OR team_claims.claimed_at_s < ?4 - ?5");
    if (!st.ok()) return st.status();
    (*st)->Bind(1, stage).Bind(2, record).Bind(3, reviewer).Bind(4, now).Bind(5, ttl_seconds);
    if (Status r = (*st)->Run(); !r.ok()) return r;
    mine = sqlite3_changes(use->db->raw()) > 0;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return mine;
}

Result<std::vector<long>> Team::ClaimedByOthers(const std::string& stage, const std::string& reviewer,
                                                long ttl_seconds) {
  Impl::Use use(*impl_);
  auto st = use->Prepared(
      "SELECT record FROM team_claims WHERE stage = ? AND reviewer <> ? AND claimed_at_s >= ? ORDER BY record");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, stage).Bind(2, reviewer).Bind(3, NowSeconds() - ttl_seconds);
  std::vector<long> out;
  Status s;
  while ((*st)->Step(&s)) out.push_back((*st)->Int(0));
  if (!s.ok()) return s;
  return out;
}

}  // namespace carta::store
