// Tokens: 32 bytes from the kernel's random source, shown once; only their
// SHA-256 is stored (store::Team), so a copy of the database grants nothing.
#include "token.h"

#include <openssl/evp.h>
#include <sys/random.h>

#include <cassert>
#include <chrono>
#include <vector>

#include "carta/core/text.h"
#include "carta/server/server.h"
#include "carta/store/team.h"

namespace carta::server {

namespace {

std::vector<unsigned char> RandomBytes(size_t n) {
  std::vector<unsigned char> out(n);
  size_t got = 0;
  while (got < n) {
    const ssize_t r = getrandom(out.data() + got, n - got, 0);
    assert(r > 0 && "getrandom(2) cannot fail for small requests once the pool is initialised");
    if (r > 0) got += static_cast<size_t>(r);
  }
  return out;
}

std::string Hex(const unsigned char* p, size_t n) {
  static const char* const kDigits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[p[i] >> 4];
    out += kDigits[p[i] & 15];
  }
  return out;
}

long NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string RandomHex(size_t bytes) {
  const auto b = RandomBytes(bytes);
  return Hex(b.data(), b.size());
}

std::string RandomToken() {
  static const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto b = RandomBytes(32);
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : b) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      out += kAlphabet[(acc >> (bits - 6)) & 63];
      bits -= 6;
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

std::string HashToken(const std::string& token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(token.data(), token.size(), digest, &n, EVP_sha256(), nullptr);
  return Hex(digest, n);
}

Result<NewToken> AddToken(const std::string& db_path, const std::string& reviewer, const std::string& role,
                          int expires_days) {
  const std::string name(text::Trim(reviewer));
  if (name.empty() || name.size() > 100) {
    return Status::InvalidArgument("the reviewer's name must be 1 to 100 characters").WithField("reviewer");
  }
  if (role != "reviewer" && role != "resolver" && role != "admin") {
    return Status::InvalidArgument("role is reviewer, resolver or admin, not '" + role + "'").WithField("role");
  }
  if (expires_days < 0 || expires_days > kMaxTokenDays) {
    return Status::InvalidArgument("a token lasts 0 (until revoked) to " + std::to_string(kMaxTokenDays) +
                                   " days, not " + std::to_string(expires_days))
        .WithField("expires");
  }
  auto team = store::Team::Open(db_path);
  if (!team.ok()) return team.status();
  NewToken out;
  out.token = RandomToken();
  const std::string hash = HashToken(out.token);
  out.id = hash.substr(0, 12);
  out.expires_at_s = expires_days == 0 ? 0 : NowSeconds() + 86400L * expires_days;
  if (Status s = team->AddToken(hash, name, role, out.expires_at_s); !s.ok()) return s;
  return out;
}

Result<std::vector<store::TeamToken>> ListTokens(const std::string& db_path) {
  auto team = store::Team::Open(db_path);
  if (!team.ok()) return team.status();
  return team->Tokens();
}

Result<long> RevokeTokens(const std::string& db_path, const std::string& id_or_reviewer) {
  const std::string who(text::Trim(id_or_reviewer));
  if (who.empty()) return Status::InvalidArgument("name a token's id or a reviewer").WithField("token");
  auto team = store::Team::Open(db_path);
  if (!team.ok()) return team.status();
  auto n = team->RevokeTokens(who);
  if (!n.ok()) return n.status();
  if (*n == 0) {
    return Status::NotFound("no valid token has the id '" + who + "' or belongs to a reviewer of that name")
        .WithField("token");
  }
  return *n;
}

Status CheckTokenValid(const store::TeamToken& token, long now_s) {
  if (!token.revoked_utc.empty()) {
    return Status::InvalidArgument("this token was revoked at " + token.revoked_utc).WithField("authorization");
  }
  if (token.expires_at_s != 0 && now_s >= token.expires_at_s) {
    return Status::InvalidArgument("this token expired at " + token.expires_utc).WithField("authorization");
  }
  return Status::Ok();
}

}  // namespace carta::server
