#include "build_memory.h"

#include <sys/mman.h>

#include <cstdio>
#include <new>

namespace carta::search::internal {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;

[[noreturn]] void OutOfMemory(size_t bytes) {
  std::fprintf(stderr, "carta: out of memory building the search index (asked for %zu bytes)\n", bytes);
  throw std::bad_alloc();
}

}  // namespace

Region::~Region() {
  if (data_ != nullptr) munmap(data_, size_);
}

void Region::Grow(size_t bytes) {
  size_t size = size_ == 0 ? size_t{64} << 10 : size_;
  while (size < bytes) size *= 2;
  void* p = data_ == nullptr ? mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                             : mremap(data_, size_, size, MREMAP_MAYMOVE);
  if (p == MAP_FAILED) OutOfMemory(size);
  // Huge pages only pay for large regions; a failed madvise (a kernel without
  // transparent huge pages) leaves ordinary pages, which is only slower.
  if (size >= kHugePage) madvise(p, size, MADV_HUGEPAGE);
  data_ = static_cast<char*>(p);
  size_ = size;
}

uint32_t SlicePool::NewSlice(int level) {
  const uint32_t size = SliceSize(level);
  if (used_ + size > (size_t{1} << 32)) OutOfMemory(used_ + size);  // the builder keeps pools far smaller
  region_.Reserve(used_ + size);
  const auto at = static_cast<uint32_t>(used_);
  used_ += size;
  region_.data()[at + size - 4] = static_cast<char>(0x10 | level);
  return at;
}

void SlicePool::Read(const Stream& s, std::string* out) const {
  out->clear();
  if (s.write == 0) return;
  const char* d = region_.data();
  uint32_t at = s.first;
  for (int level = 0;; level = NextLevel(level)) {
    const uint32_t end = at + SliceSize(level) - 4;  // where the next slice's offset goes
    if (s.write >= at && s.write <= end) {
      out->append(d + at, s.write - at);
      return;
    }
    out->append(d + at, end - at);
    std::memcpy(&at, d + end, 4);
  }
}

}  // namespace carta::search::internal
