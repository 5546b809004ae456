// What a screening decision's commit costs in SQLite, without HTTP: 8 threads
// append events (the team_events table and its indexes) through one
// connection for 5 s, and the latency of each append (waiting included) is
// reported. Used to find the decision p99 of `carta serve` (doc/benchmarks.md,
// "Decision p99").
// Build: g++ -O2 -std=c++20 bench/wal_commit.cc -o wal_commit -lsqlite3 -lpthread
// Usage: wal_commit [AUTOCHECKPOINT_PAGES=1000] [EVENTS_PER_COMMIT=1] [SYNCHRONOUS=NORMAL] [MODE=0]
//   MODE 0: a plain mutex (unfair); 1: first come first served (a ticket
//   lock); 2: group commit (the leader writes every queued append in one
//   transaction, a savepoint each), as store::Team::Append does.
// Writes /tmp/wal_commit.db.
#include <sqlite3.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <condition_variable>
#include <deque>
#include <string>
#include <thread>
#include <vector>
using Clock = std::chrono::steady_clock;
int main(int argc, char** argv) {
  const char* path = "/tmp/wal_commit.db";
  std::remove(path); std::remove("/tmp/wal_commit.db-wal"); std::remove("/tmp/wal_commit.db-shm");
  int autockpt = argc > 1 ? atoi(argv[1]) : 1000;
  int batch = argc > 2 ? atoi(argv[2]) : 1;
  const char* sync = argc > 3 ? argv[3] : "NORMAL";
  int mode = argc > 4 ? atoi(argv[4]) : 0;  // 0 mutex, 1 fifo ticket, 2 group commit
  sqlite3* db; sqlite3_open(path, &db);
  std::string pr = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") + sync + "; PRAGMA wal_autocheckpoint=" + std::to_string(autockpt) + ";";
  sqlite3_exec(db, pr.c_str(), 0, 0, 0);
  sqlite3_exec(db, "CREATE TABLE e(seq INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT, reviewer TEXT, t TEXT, record INTEGER, stage TEXT, kind TEXT, verdict TEXT, reason TEXT, UNIQUE(reviewer, client_id)); CREATE INDEX er ON e(record, stage);", 0, 0, 0);
  sqlite3_stmt* ins; sqlite3_prepare_v2(db, "INSERT INTO e(client_id,reviewer,t,record,stage,kind,verdict,reason) VALUES(?,?,'2026-12-05T08:00:00Z',?,'title_abstract','vote','include','')", -1, &ins, 0);
  sqlite3_stmt* sel; sqlite3_prepare_v2(db, "SELECT * FROM e WHERE record=? AND stage='title_abstract' ORDER BY seq", -1, &sel, 0);
  std::mutex mu, qmu; std::condition_variable qcv; long next_ticket = 0, serving = 0; bool leader = false; long batches = 0, batched = 0, slow = 0, commits = 0; double slow_ms = 0;
  struct Op { long rec; std::string cid, rv; bool done; };
  std::deque<Op*> queue;
  const double secs = 5;
  std::vector<std::vector<double>> lat(8);
  auto t0 = Clock::now();
  std::vector<std::thread> th;
  for (int t = 0; t < 8; ++t) th.emplace_back([&, t] {
    long n = 0;
    while (Clock::now() - t0 < std::chrono::duration<double>(secs)) {
      auto a = Clock::now();
      auto one = [&](long rec, const std::string& cid, const std::string& rv) {
        sqlite3_bind_int64(sel, 1, rec); while (sqlite3_step(sel) == SQLITE_ROW) {} sqlite3_reset(sel);
        sqlite3_bind_text(ins, 1, cid.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, rv.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, 3, rec);
        sqlite3_step(ins); sqlite3_reset(ins);
      };
      long rec = (t / 2) * 2500 + (n % 2500);
      std::string cid = std::to_string(n), rv = "r" + std::to_string(t);
      if (mode == 0) {
        std::lock_guard<std::mutex> l(mu);
        sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
        one(rec, cid, rv);
        sqlite3_exec(db, "COMMIT", 0, 0, 0);
      } else if (mode == 1) {
        std::unique_lock<std::mutex> l(qmu);
        long my = next_ticket++;
        qcv.wait(l, [&] { return serving == my; });
        l.unlock();
        sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
        one(rec, cid, rv);
        auto c0 = Clock::now();
        sqlite3_exec(db, "COMMIT", 0, 0, 0);
        double cd = std::chrono::duration<double, std::milli>(Clock::now() - c0).count();
        l.lock(); ++serving; if (cd > 1) { ++slow; slow_ms += cd; } ++commits; qcv.notify_all();
      } else {
        Op op{rec, cid, rv, false};
        std::unique_lock<std::mutex> l(qmu);
        queue.push_back(&op);
        while (!op.done) {
          if (!leader) {
            leader = true;
            while (!queue.empty() && !op.done) {
              std::vector<Op*> batch(queue.begin(), queue.end()); queue.clear();
              l.unlock();
              sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
              for (Op* o : batch) { sqlite3_exec(db, "SAVEPOINT s", 0, 0, 0); one(o->rec, o->cid, o->rv); sqlite3_exec(db, "RELEASE s", 0, 0, 0); }
              sqlite3_exec(db, "COMMIT", 0, 0, 0);
              l.lock();
              for (Op* o : batch) o->done = true;
              ++batches; batched += batch.size();
              qcv.notify_all();
            }
            leader = false;
            qcv.notify_all();  // a waiter with work left leads next
          } else {
            qcv.wait(l);
          }
        }
      }
      lat[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
      ++n;
    }
  });
  for (auto& x : th) x.join();
  if (mode == 1) printf("slow commits %ld of %ld, mean %.2f ms\n", slow, commits, slow ? slow_ms / slow : 0.0);
  std::vector<double> all; for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  auto q = [&](double p) { return all[(size_t)(p * (all.size() - 1))]; };
  printf("mode=%d avgbatch=%.2f autockpt=%d batch=%d sync=%s appends/s=%.0f p50=%.3f p99=%.3f p999=%.3f max=%.3f ms\n", mode, batches ? (double)batched / batches : 1.0, autockpt, batch, sync, all.size() / secs, q(.5), q(.99), q(.999), all.back());
}
