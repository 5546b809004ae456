// Private: the server's two caches of work already done. Verified tokens
// (hash -> the stored token, re-read from the store after a bound, so a
// revocation takes effect within it) and computed responses (a normalised
// request -> its body, valid for one evidence snapshot only).
#ifndef CARTA_SRC_SERVER_CACHES_H_
#define CARTA_SRC_SERVER_CACHES_H_

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "carta/api/json.h"
#include "carta/store/team.h"

namespace carta::server {

using Clock = std::chrono::steady_clock;

// Tokens as the store gave them, each for at most `recheck` after it was
// read: a token revoked (or changed) in the database is refused within that
// bound. Expiry is not cached: the caller checks it on every request against
// the token's expires_at_s. Holds at most `capacity` tokens (all are
// forgotten when a new one would pass it). Thread-safe.
class TokenCache {
 public:
  TokenCache(std::chrono::milliseconds recheck, size_t capacity) : recheck_(recheck), capacity_(capacity) {}
  // The token stored under `hash` when it was read less than `recheck` before `now`; nullopt otherwise.
  std::optional<store::TeamToken> Find(const std::string& hash, Clock::time_point now);
  // Remembers `token`, read from the store at `read_at`.
  void Put(const std::string& hash, const store::TeamToken& token, Clock::time_point read_at);

 private:
  struct Entry {
    store::TeamToken token;
    Clock::time_point read_at;
  };
  std::chrono::milliseconds recheck_;
  size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

// A computed response: its body and Content-Type.
struct CachedResponse {
  std::string body;
  std::string content_type;
};

// Responses by key, each valid for the snapshot (any shared object: the
// evidence snapshot) it was computed from: a lookup with another snapshot
// misses, and storing one made from a new snapshot forgets every older
// entry. At most `capacity` entries and `max_bytes` of keys and bodies
// together; the oldest go first. Thread-safe.
class ResponseCache {
 public:
  ResponseCache(size_t capacity, size_t max_bytes) : capacity_(capacity), max_bytes_(max_bytes) {}
  std::optional<CachedResponse> Find(const std::string& key, const std::shared_ptr<const void>& snapshot);
  void Put(const std::string& key, const std::shared_ptr<const void>& snapshot, CachedResponse response);
  // The key of a request given as a JSON object (query parameters or body):
  // its members sorted by name, so the order of parameters does not matter.
  static std::string KeyOf(const api::Json& request, const std::string& format);

 private:
  size_t capacity_;
  size_t max_bytes_;
  std::mutex mu_;
  std::shared_ptr<const void> snapshot_;  // the snapshot of every entry held
  std::unordered_map<std::string, CachedResponse> entries_;
  std::deque<std::string> order_;  // keys, oldest first
  size_t bytes_ = 0;
};

}  // namespace carta::server

#endif  // CARTA_SRC_SERVER_CACHES_H_
