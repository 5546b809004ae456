// The server's caches (caches.h).
#include "caches.h"

#include <map>

namespace carta::server {

std::optional<store::TeamToken> TokenCache::Find(const std::string& hash, Clock::time_point now) {
  std::lock_guard lock(mu_);
  const auto it = entries_.find(hash);
  if (it == entries_.end() || now - it->second.read_at >= recheck_) return std::nullopt;
  return it->second.token;
}

void TokenCache::Put(const std::string& hash, const store::TeamToken& token, Clock::time_point read_at) {
  if (recheck_.count() <= 0) return;
  std::lock_guard lock(mu_);
  if (entries_.size() >= capacity_ && !entries_.count(hash)) entries_.clear();
  entries_[hash] = Entry{token, read_at};
}

std::optional<CachedResponse> ResponseCache::Find(const std::string& key, const std::shared_ptr<const void>& snapshot) {
  std::lock_guard lock(mu_);
  if (snapshot != snapshot_) return std::nullopt;
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void ResponseCache::Put(const std::string& key, const std::shared_ptr<const void>& snapshot, CachedResponse response) {
  const size_t size = key.size() + response.body.size();  // a key holds the request: a CSV may be 1 MiB
  if (size > max_bytes_ || capacity_ == 0) return;
  std::lock_guard lock(mu_);
  if (snapshot != snapshot_) {
    entries_.clear();
    order_.clear();
    bytes_ = 0;
    snapshot_ = snapshot;
  }
  if (entries_.count(key)) return;  // another thread computed it meanwhile
  while (!order_.empty() && (entries_.size() >= capacity_ || bytes_ + size > max_bytes_)) {
    const auto oldest = entries_.find(order_.front());
    bytes_ -= oldest->first.size() + oldest->second.body.size();
    entries_.erase(oldest);
    order_.pop_front();
  }
  bytes_ += size;
  order_.push_back(key);
  entries_.emplace(key, std::move(response));
}

std::string ResponseCache::KeyOf(const api::Json& request, const std::string& format) {
  std::map<std::string, std::string> members;
  if (request.is_object()) {
    for (const auto& [name, value] : request.items()) members[name] = value.dump();
  } else {
    members[""] = request.dump();
  }
  std::string key = format;
  for (const auto& [name, value] : members) {
    api::Json pair = api::Json::array({name, value});  // quoted: no name or value can fake a separator
    key += pair.dump();
  }
  return key;
}

}  // namespace carta::server
