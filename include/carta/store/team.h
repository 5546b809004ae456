// The team's screening in the project database (all of its SQL): reviewers'
// access tokens (only their SHA-256), the screening mode of each stage, the
// append-only decision events and the crowd's claims. The tables are this
// file's own, created by Team::Open; the literature tables are untouched.
//
// Concurrency: the database runs in WAL mode with a busy timeout, each write
// is one IMMEDIATE transaction, and one Team object serialises its callers,
// so several server threads and other processes (`carta serve token add`)
// write at once without losing a row.
#ifndef CARTA_STORE_TEAM_H_
#define CARTA_STORE_TEAM_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "carta/core/status.h"

namespace carta::store {

class Database;

// A reviewer's access as stored: the token itself is never stored.
struct TeamToken {
  std::string id;  // the first 12 hex digits of the hash: names the token in lists and revocations
  std::string reviewer;
  std::string role;  // "reviewer", "resolver" or "admin"
  std::string created_utc;
  long expires_at_s = 0;    // Unix seconds after which the token is refused; 0: never
  std::string expires_utc;  // the same as ISO 8601; "" for never
  std::string revoked_utc;  // ISO 8601 time of its revocation; "" while valid
};

// One screening event. Events are only ever appended; the state of the
// screening is derived from them (carta/lit/team.h).
struct TeamEvent {
  long seq = 0;           // order of arrival, from 1 (set by Append)
  std::string client_id;  // the client's id of the event; one per reviewer and id
  std::string reviewer;   // from the token, never from a request body
  std::string time_utc;   // ISO 8601 (set by Append when empty)
  long record = 0;        // the literature record id
  std::string stage;      // "title_abstract" or "full_text"
  std::string kind;       // "decision", "undo" or "resolve"
  std::string verdict;    // "include", "exclude" or "maybe"; "" for an undo
  std::string reason;     // a full-text exclusion's reason; "" otherwise
};

struct AppendResult {
  long seq = 0;            // the event's number (the earlier one for a retry)
  bool duplicate = false;  // the reviewer had already sent this client id: nothing was written
};

// Checks an event against the record's earlier events of the same stage,
// inside the write transaction (so two writers cannot both pass it).
using EventCheck = std::function<Status(const std::vector<TeamEvent>& earlier)>;

class Team {
 public:
  // Opens the project database at `path` (creating it when missing), switches
  // it to WAL and creates the team tables when absent. IOError when the file
  // cannot be opened or written.
  static Result<Team> Open(const std::string& path);
  Team(Team&&) noexcept;
  Team& operator=(Team&&) noexcept;
  ~Team();

  // Stores a token's hash (64 hex digits) for `reviewer` with `role`,
  // refused after `expires_at_s` (Unix seconds; 0 never). InvalidArgument
  // when the hash is already stored.
  Status AddToken(const std::string& hash_hex, const std::string& reviewer, const std::string& role,
                  long expires_at_s = 0);
  // The access of the token whose hash is `hash_hex` (expired and revoked
  // ones too: the caller decides); nullopt when unknown.
  Result<std::optional<TeamToken>> FindToken(const std::string& hash_hex);
  // Every stored token, oldest first.
  Result<std::vector<TeamToken>> Tokens();
  // Revokes, in one transaction, the token whose id is `id_or_reviewer` and
  // every token of the reviewer of that name that is not yet revoked.
  // Returns how many were revoked (0 when none matched).
  Result<long> RevokeTokens(const std::string& id_or_reviewer);

  // Appends `event` in one transaction: a retry (same reviewer and client id)
  // writes nothing and returns the first event's seq with duplicate = true;
  // otherwise `check` sees the record's earlier events of the stage and its
  // failure is returned with nothing written. Events appended at once by
  // several threads share a transaction (group commit), each under its own
  // savepoint, in order of arrival; Append returns once its event is
  // committed. Thread-safe.
  Result<AppendResult> Append(TeamEvent event, const EventCheck& check);
  // Every event of `stage` ("" for all stages), in order of arrival.
  Result<std::vector<TeamEvent>> Events(const std::string& stage);
  // Every event about `record`, in order of arrival.
  Result<std::vector<TeamEvent>> RecordEvents(long record);

  // The mode of `stage` ("dual" or "crowd"); "dual" until one is set.
  Status SetMode(const std::string& stage, const std::string& mode);
  Result<std::string> Mode(const std::string& stage);

  // Replaces the list of exclusion reasons of `stage` with `reasons` (in
  // order) in one transaction; an empty list removes it.
  Status SetReasons(const std::string& stage, const std::vector<std::string>& reasons);
  // The exclusion reasons of `stage` in their order; empty when none is set.
  Result<std::vector<std::string>> Reasons(const std::string& stage);

  // Claims `record` at `stage` for `reviewer` atomically: true when it is now
  // the reviewer's (it was free, already theirs, or another's claim is older
  // than `ttl_seconds`), false when someone else holds it.
  Result<bool> Claim(const std::string& stage, long record, const std::string& reviewer, long ttl_seconds);
  // The live claims of `stage` by other reviewers than `reviewer`.
  Result<std::vector<long>> ClaimedByOthers(const std::string& stage, const std::string& reviewer,
                                            long ttl_seconds);

 private:
  Team(std::unique_ptr<Database> db);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace carta::store

#endif  // CARTA_STORE_TEAM_H_
