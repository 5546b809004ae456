// Byte coding of the index file: little-endian fixed-width integers, LEB128
// varints with bounds checks (a corrupt file can never make a reader step past
// its buffer), and the 64-bit checksum of the file trailer.
#ifndef CARTA_SRC_SEARCH_CODING_H_
#define CARTA_SRC_SEARCH_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

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

// Bits needed for `v` (0 for 0).
inline int BitWidth(uint32_t v) { return v == 0 ? 0 : 32 - __builtin_clz(v); }

// Appends `n` values of `width` bits each (0..32), least significant bit
// first: exactly ceil(n * width / 8) bytes.
inline void PackBits(const uint32_t* values, size_t n, int width, std::string* out) {
  uint64_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    acc |= uint64_t{values[i]} << bits;
    bits += width;
    while (bits >= 8) {
      out->push_back(static_cast<char>(acc & 0xff));
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out->push_back(static_cast<char>(acc & 0xff));
}

// Reads `n` values packed by PackBits from `p`. REQUIRES: p holds
// ceil(n * width / 8) readable bytes, n <= 128. The bytes are copied into a
// zero-padded buffer so that every value is one unaligned 64-bit load; the
// width is a template argument so that shifts and masks are constants.
template <int kWidth>
inline void UnpackFixed(const unsigned char* buffer, size_t n, uint32_t* values) {
  constexpr uint64_t kMask = kWidth == 32 ? 0xffffffffull : (uint64_t{1} << kWidth) - 1;
  for (size_t i = 0; i < n; ++i) {
    const size_t bit = i * kWidth;
    uint64_t w;
    std::memcpy(&w, buffer + (bit >> 3), 8);
    values[i] = static_cast<uint32_t>((w >> (bit & 7)) & kMask);
  }
}

template <int... kWidths>
inline void UnpackDispatch(int width, const unsigned char* buffer, size_t n, uint32_t* values,
                           std::integer_sequence<int, kWidths...>) {
  ((width == kWidths + 1 ? UnpackFixed<kWidths + 1>(buffer, n, values) : void()), ...);
}

inline void UnpackBits(const char* p, size_t n, int width, uint32_t* values) {
  if (width == 0) {
    std::memset(values, 0, n * sizeof(uint32_t));
    return;
  }
  unsigned char buffer[128 * 4 + 8];
  const size_t bytes = (n * static_cast<size_t>(width) + 7) / 8;
  std::memcpy(buffer, p, bytes);
  std::memset(buffer + bytes, 0, 8);
  UnpackDispatch(width, buffer, n, values, std::make_integer_sequence<int, 32>());
}

// Skips `count` varints in [*p, end); false when the bytes end first. Counts
// the last bytes of varints (high bit clear) eight bytes at a time.
inline bool SkipVarints(const char** p, const char* end, uint32_t count) {
  const char* q = *p;
  while (count >= 8 && end - q >= 8) {
    uint64_t w;
    std::memcpy(&w, q, 8);
    const uint32_t ends = static_cast<uint32_t>(__builtin_popcountll(~w & 0x8080808080808080ull));
    if (ends > count) break;
    count -= ends;
    q += 8;
  }
  while (count > 0) {
    if (q >= end) return false;
    if (static_cast<unsigned char>(*q++) < 0x80) --count;
  }
  *p = q;
  return true;
}

// Checksum (below) computed over pieces: Update with consecutive pieces of data whose
// total size is `total_size`, then Finish gives Checksum(all of it).
class Checksummer {
 public:
  explicit Checksummer(uint64_t total_size) : h_(0x243F6A8885A308D3ull ^ total_size) {}
  void Update(std::string_view data) {
    size_t i = 0;
    while (carry_size_ > 0 && carry_size_ < 8 && i < data.size()) carry_[carry_size_++] = data[i++];
    if (carry_size_ == 8) {
      Word(carry_);
      carry_size_ = 0;
    }
    for (; i + 8 <= data.size(); i += 8) Word(data.data() + i);
    for (; i < data.size(); ++i) carry_[carry_size_++] = data[i];
  }
  uint64_t Finish() {
    uint64_t h = h_;
    for (size_t i = 0; i < carry_size_; ++i) h = (h ^ static_cast<unsigned char>(carry_[i])) * kMul;
    h ^= h >> 32;
    return h * kMul ^ (h >> 31);
  }

 private:
  static constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  void Word(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h_ = (h_ ^ w) * kMul;
    h_ ^= h_ >> 29;
  }
  uint64_t h_;
  char carry_[8] = {};
  size_t carry_size_ = 0;
};

// A 64-bit checksum of `data` (multiply-rotate over 8-byte words); detects
// flipped and truncated bytes, not an adversary.
inline uint64_t Checksum(std::string_view data) {
  Checksummer c(data.size());
  c.Update(data);
  return c.Finish();
}

}  // namespace carta::search::coding

#endif  // CARTA_SRC_SEARCH_CODING_H_
