// Memory for SegmentBuilder: a growable region of zeroed bytes on 2 MB pages
// where the kernel offers them, and a pool of byte streams in slices.
//
// The builder is bound by memory latency: inverting a record touches a slot of
// the term table, the term's entry and the end of its postings for each of
// some 300 tokens, mostly in arrays of hundreds of megabytes. With 4 KB pages
// nearly every such touch also misses the TLB; asking for huge pages
// (madvise(MADV_HUGEPAGE)) measured 20% off the whole build on its own. A
// region grows with mremap, so growing never copies and offsets into it stay
// valid (pointers do not).
#ifndef CARTA_SRC_SEARCH_BUILD_MEMORY_H_
#define CARTA_SRC_SEARCH_BUILD_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

namespace carta::search::internal {

// Zero-filled bytes [0, size()), growable; throws std::bad_alloc (after a
// message on stderr) when the system has no memory left.
class Region {
 public:
  Region() = default;
  ~Region();
  Region(Region&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
  }
  Region& operator=(Region&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }

  char* data() { return data_; }
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  // Makes the region at least `bytes` long (by doubling); new bytes are zero.
  void Reserve(size_t bytes) {
    if (bytes > size_) Grow(bytes);
  }

 private:
  void Grow(size_t bytes);
  char* data_ = nullptr;
  size_t size_ = 0;
};

// A growable array of trivially copyable T on a Region, zero-initialised.
template <typename T>
class RegionArray {
 public:
  T& operator[](size_t i) { return reinterpret_cast<T*>(region_.data())[i]; }
  const T& operator[](size_t i) const { return reinterpret_cast<const T*>(region_.data())[i]; }
  size_t size() const { return size_; }
  // Appends a zeroed element and returns it.
  T& Append() {
    region_.Reserve((size_ + 1) * sizeof(T));
    return (*this)[size_++];
  }
  // Makes the array `n` zeroed elements long. REQUIRES: the array is empty.
  void ResizeZeroed(size_t n) {
    region_.Reserve(n * sizeof(T));
    size_ = n;
  }

 private:
  Region region_;
  size_t size_ = 0;
};

// Where one stream of a pool is: its first slice and its write offset, 0 for
// a stream not started (offset 0 of the pool is never a slice).
struct Stream {
  uint32_t first = 0;
  uint32_t write = 0;
};

// Many append-only byte streams in one region, each a chain of slices that
// double in size (8, 16, ... 32768 bytes): the last 4 bytes of a slice are
// kept for the offset of the next one and start as a marker byte (0x10 |
// level) that no unwritten byte has, so a write finds the end of its slice by
// looking at the byte it is about to overwrite. Offsets are 32-bit: a pool
// holds at most 4 GiB (the builder starts a new segment long before).
class SlicePool {
 public:
  SlicePool() { used_ = 8; }  // offset 0 marks "no stream"

  void Put(Stream* s, uint8_t byte) {
    char* d = region_.data();
    if (s->write == 0) {
      s->first = s->write = NewSlice(0);
      d = region_.data();
    } else if (d[s->write] != 0) {  // the marker: this slice is full
      const uint32_t next = NewSlice(NextLevel(static_cast<uint8_t>(d[s->write]) & 0x0f));
      d = region_.data();
      std::memcpy(d + s->write, &next, 4);
      s->write = next;
    }
    d[s->write++] = static_cast<char>(byte);
  }
  void PutVarint(Stream* s, uint32_t v) {
    while (v >= 0x80) {
      Put(s, static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    Put(s, static_cast<uint8_t>(v));
  }
  // The bytes of stream `s`, in order, into *out (replacing its contents).
  void Read(const Stream& s, std::string* out) const;
  // Bytes of the region in use.
  size_t used() const { return used_; }

 private:
  static constexpr int kLevels = 13;  // slice sizes 8 << level
  static int NextLevel(int level) { return level + 1 < kLevels ? level + 1 : level; }
  static uint32_t SliceSize(int level) { return 8u << level; }
  uint32_t NewSlice(int level);

  Region region_;
  size_t used_ = 0;
};

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_BUILD_MEMORY_H_
