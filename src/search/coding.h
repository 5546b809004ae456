// Byte coding of the index file: little-endian fixed-width integers, LEB128
// varints with bounds checks (a corrupt file can never make a reader step past
// its buffer), and the 64-bit checksum of the file trailer.
#ifndef CARTA_SRC_SEARCH_CODING_H_
#define CARTA_SRC_SEARCH_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace carta::search::coding {

inline void PutFixed32(std::string* out, uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out->append(b, 4);
}

inline void PutFixed64(std::string* out, uint64_t v) {
  PutFixed32(out, static_cast<uint32_t>(v));
  PutFixed32(out, static_cast<uint32_t>(v >> 32));
}

// REQUIRES: p points at 4 (8) readable bytes.
inline uint32_t GetFixed32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{u[0]} | (uint32_t{u[1]} << 8) | (uint32_t{u[2]} << 16) | (uint32_t{u[3]} << 24);
}
inline uint64_t GetFixed64(const char* p) { return GetFixed32(p) | (uint64_t{GetFixed32(p + 4)} << 32); }

inline void PutVarint32(std::string* out, uint32_t v) {
  char b[5];
  int n = 0;
  while (v >= 0x80) {
    b[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  b[n++] = static_cast<char>(v);
  out->append(b, static_cast<size_t>(n));
}

// Decodes a varint from [*p, end) and advances *p; false (and *p unchanged
// meaningfully) when the bytes end early or the value exceeds 32 bits.
inline bool GetVarint32(const char** p, const char* end, uint32_t* v) {
  const char* q = *p;
  if (q < end && static_cast<unsigned char>(*q) < 0x80) {  // the common one-byte case
    *v = static_cast<unsigned char>(*q);
    *p = q + 1;
    return true;
  }
  uint32_t result = 0;
  for (int shift = 0; shift <= 28 && q < end; shift += 7) {
    uint32_t byte = static_cast<unsigned char>(*q++);
    if (shift == 28 && byte > 0x0f) return false;
    result |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      *v = result;
      *p = q;
      return true;
    }
  }
  return false;
}

// A 64-bit checksum of `data` (multiply-rotate over 8-byte words); detects
// flipped and truncated bytes, not an adversary.
inline uint64_t Checksum(std::string_view data) {
  const uint64_t kMul = 0x9E3779B97F4A7C15ull;
  uint64_t h = 0x243F6A8885A308D3ull ^ data.size();
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  for (; i < data.size(); ++i) h = (h ^ static_cast<unsigned char>(data[i])) * kMul;
  h ^= h >> 32;
  return h * kMul ^ (h >> 31);
}

}  // namespace carta::search::coding

#endif  // CARTA_SRC_SEARCH_CODING_H_
