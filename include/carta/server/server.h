// carta's HTTP server (carta::server): the library behind a JSON API and the
// page in web/ (embedded in the binary), for one person on their own machine
// or a team. doc/api.md lists every route, its keys and errors, and the
// threat model. JSON comes from the api module only (the CLI's encoders).
#ifndef CARTA_SERVER_SERVER_H_
#define CARTA_SERVER_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/store/team.h"

namespace carta::server {

struct Options {
  std::string host = "127.0.0.1";  // the address to bind
  int port = 8080;                 // 0: any free port (tests)
  std::string db_path = "carta.db";  // the project database (evidence, literature, team)
  // The data folder whose report inputs (search strategy, worked example,
  // simulator calibration) POST /api/report reads; "": the report leaves them out.
  std::string data_dir;
  // Host header names accepted besides localhost, 127.0.0.1 and [::1]
  // (each with the port); a request with another Host gets 421.
  std::vector<std::string> allow_hosts;
  // Team mode: writes need a token; binding a non-loopback address is
  // allowed only in team mode.
  bool team = false;
  size_t max_body_bytes = 1 << 20;   // larger bodies get 413 (every route but the upload)
  // POST /api/lit/import: the body as sent, and what it decompresses to (413 beyond either).
  size_t max_upload_bytes = size_t{64} << 20;
  size_t max_upload_decompressed_bytes = size_t{256} << 20;
  size_t max_target_bytes = 4096;    // longer path + query gets 414
  int timeout_seconds = 10;          // read and write timeouts per request
  // A verified token is read from the database again after this long: a
  // revoked token is refused within this bound (0: read on every request).
  int token_recheck_ms = 1000;
  // The records' generation is read again after this long, so that records
  // another process imported (`carta lit import` beside the server) reach the
  // screening queue within this bound (0: on every request).
  int records_recheck_ms = 1000;
  // Load the project's records for the screening queue as the server starts
  // (on a thread of its own) instead of on the first screening request: that
  // load takes tens of seconds for 100,000 records. Stop waits for it.
  bool preload_records = false;
  int threads = 0;                   // request threads (one per open connection); 0: 8 per thread of ThreadsFor's budget, at least 16
  int job_threads = 1;               // jobs (GOSH) run at once; more wait in the queue
  size_t max_jobs = 16;              // jobs kept (running, queued or done); more get 429
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& host);

// A running server. Create, then Start (binds and serves on a thread of its
// own) or Run (serves on the caller's thread until Stop).
class App {
 public:
  // Checks the options: InvalidArgument (field "host") for a non-loopback
  // address without team mode, (field "port") outside 0..65535.
  static Result<std::unique_ptr<App>> Create(const Options& options);
  ~App();

  // Binds the address; returns the port (the chosen one for port 0).
  // IOError when the address cannot be bound.
  Result<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  void Run();
  // Bind() and Run() on a background thread; returns the port once ready.
  Result<int> Start();
  // Stops serving and waits for the background thread (if any) and the jobs.
  void Stop();
  int port() const;

 private:
  App();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The longest a token may be made to last, in days (ten years).
inline constexpr int kMaxTokenDays = 3650;

struct NewToken {
  std::string token;  // shown once, never stored
  std::string id;     // the first 12 hex digits of its SHA-256: names it in `token list` and `token revoke`
  long expires_at_s = 0;  // Unix seconds; 0: never
};

// A new access token for `reviewer` with `role` ("reviewer", "resolver" or
// "admin"), stored hashed (SHA-256) in the project database at `db_path`,
// valid for `expires_days` days from now (0: until revoked). Returns the
// token (43 characters of base64url from 32 random bytes) and its id.
// InvalidArgument (field "reviewer", "role", or "expires" outside
// 0..kMaxTokenDays).
Result<NewToken> AddToken(const std::string& db_path, const std::string& reviewer, const std::string& role,
                          int expires_days = 0);

// Every token stored in the project database (never the token itself).
Result<std::vector<store::TeamToken>> ListTokens(const std::string& db_path);

// Revokes the token with id `id_or_reviewer` or every token of the reviewer
// of that name; a revoked token is refused (401) from the next request on.
// Returns how many were revoked; NotFound (field "token") when no valid
// token matched.
Result<long> RevokeTokens(const std::string& db_path, const std::string& id_or_reviewer);

// Whether `token` may be used at `now_s` (Unix seconds): ok, or
// InvalidArgument (field "authorization", sent as 401) saying it was revoked
// (and when) or expired (and when).
Status CheckTokenValid(const store::TeamToken& token, long now_s);

// SHA-256 of `token` as 64 lower-case hex digits (OpenSSL's EVP).
std::string HashToken(const std::string& token);

}  // namespace carta::server

#endif  // CARTA_SERVER_SERVER_H_
