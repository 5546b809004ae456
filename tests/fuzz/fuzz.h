// The fuzz harnesses' one seam: CARTA_FUZZ_TARGET(name) { body } is
// libFuzzer's LLVMFuzzerTestOneInput in the fuzz build (clang, CARTA_FUZZ=ON,
// one executable per target) and a named function registered with the replay
// driver (replay_main.cc) in the normal build, where `carta_fuzz_replay NAME
// DIR` feeds every saved input of DIR to the same body (ctest's
// fuzz_regress_NAME tests).
//
// A body returns 0. A property that does not hold (a round trip that changes
// the records) is a finding: FUZZ_CHECK prints what failed and aborts, which
// libFuzzer reports as a crash and saves the input.
#ifndef CARTA_TESTS_FUZZ_FUZZ_H_
#define CARTA_TESTS_FUZZ_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace carta::fuzz {

using Body = int (*)(const uint8_t* data, size_t size);

// Registers `body` under `name` for the replay driver; returns true.
bool Register(const char* name, Body body);

// The input as text (any bytes, not necessarily UTF-8).
inline std::string_view Text(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

[[noreturn]] inline void Fail(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", file, line, what);
  std::abort();
}

}  // namespace carta::fuzz

#define FUZZ_CHECK(cond) \
  do {                                                         \
    if (!(cond)) ::carta::fuzz::Fail(__FILE__, __LINE__, #cond); \
  } while (0)

#ifdef CARTA_FUZZ_LIBFUZZER
#define CARTA_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
#else
#define CARTA_FUZZ_TARGET(name)                                                      \
  static int name##_body(const uint8_t* data, size_t size);                          \
  [[maybe_unused]] static const bool name##_registered = ::carta::fuzz::Register(#name, name##_body); \
  static int name##_body(const uint8_t* data, size_t size)
#endif

#endif  // CARTA_TESTS_FUZZ_FUZZ_H_
