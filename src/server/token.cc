// Tokens: 32 bytes from the kernel's random source, shown once; only their
// SHA-256 is stored (store::Team), so a copy of the database grants nothing.
#include "token.h"

#include <openssl/evp.h>
#include <sys/random.h>

#include <cassert>
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

Result<std::string> AddToken(const std::string& db_path, const std::string& reviewer, const std::string& role) {
  const std::string name(text::Trim(reviewer));
  if (name.empty() || name.size() > 100) {
    return Status::InvalidArgument("the reviewer's name must be 1 to 100 characters").WithField("reviewer");
  }
  if (role != "reviewer" && role != "resolver" && role != "admin") {
    return Status::InvalidArgument("role is reviewer, resolver or admin, not '" + role + "'").WithField("role");
  }
  auto team = store::Team::Open(db_path);
  if (!team.ok()) return team.status();
  const std::string token = RandomToken();
  if (Status s = team->AddToken(HashToken(token), name, role); !s.ok()) return s;
  return token;
}

}  // namespace carta::server
