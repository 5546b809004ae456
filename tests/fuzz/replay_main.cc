// The replay driver of `make fuzz-regress` and ctest: the harness bodies built
// with the normal compiler, fed every saved input (the seed corpus, the
// corpus libFuzzer grew, every crash kept as a regression input).
//
//   carta_fuzz_replay NAME PATH...   feeds each file (folders: every file in
//                                    them, sorted; a missing path
//                                    is skipped) to target NAME's body
//   carta_fuzz_replay --list         prints the registered targets
//
// Exit 0 when every input ran (a failed property aborts, as in the fuzzer);
// 2 on bad usage, an unknown target or a folder with no inputs.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz.h"

namespace carta::fuzz {
namespace {

std::map<std::string, Body>& Targets() {
  static std::map<std::string, Body> targets;
  return targets;
}

std::vector<std::filesystem::path> Inputs(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::exists(path)) return files;  // a target with no kept findings yet
  if (std::filesystem::is_directory(path)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  return files;
}

int Replay(Body body, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << file.string() << ": cannot be read\n";
    return 2;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  body(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

bool Register(const char* name, Body body) {
  Targets()[name] = body;
  return true;
}

}  // namespace carta::fuzz

int main(int argc, char** argv) {
  using carta::fuzz::Targets;
  if (argc == 2 && std::string(argv[1]) == "--list") {
    for (const auto& [name, body] : Targets()) std::cout << name << "\n";
    return 0;
  }
  if (argc < 3) {
    std::cerr << "usage: carta_fuzz_replay NAME PATH... | --list\n";
    return 2;
  }
  const auto target = Targets().find(argv[1]);
  if (target == Targets().end()) {
    std::cerr << "carta_fuzz_replay: no target " << argv[1] << " (--list names them)\n";
    return 2;
  }
  size_t inputs = 0;
  for (int i = 2; i < argc; ++i) {
    for (const auto& file : carta::fuzz::Inputs(argv[i])) {
      if (carta::fuzz::Replay(target->second, file) != 0) return 2;
      ++inputs;
    }
  }
  if (inputs == 0) {
    std::cerr << "carta_fuzz_replay: " << argv[1] << ": no inputs\n";
    return 2;
  }
  std::cout << argv[1] << ": " << inputs << " inputs replayed\n";
  return 0;
}
