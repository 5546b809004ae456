// Hostile input: random mutations of the project's own data files must end in
// a Status, never a crash or a hang. A deterministic generator keeps failures
// reproducible (the seed is in the test's output on failure).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "carta/evidence/audit.h"
#include "carta/evidence/build.h"

namespace carta::evidence {
namespace {

std::string ReadAllData() {
  std::string all;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(CARTA_SOURCE_DIR) + "/data")) {
    if (e.path().extension() == ".carta") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    all += ss.str() + "\n";
  }
  return all;
}

std::string Mutate(std::string s, std::mt19937& rng) {
  static const std::vector<std::string> kTokens = {"=", "@", ";", "[", "]", "%", "/", "-", "NR", "note ", "source = ",
                                                   "\n", "ref ", "999999999999", "0", "\xff", "§", "patients", " "};
  std::uniform_int_distribution<int> op(0, 3);
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits && !s.empty(); ++i) {
    size_t pos = rng() % s.size();
    switch (op(rng)) {
      case 0: s.erase(pos, 1 + rng() % 12); break;
      case 1: s.insert(pos, kTokens[rng() % kTokens.size()]); break;
      case 2: s[pos] = static_cast<char>(rng() % 256); break;
      case 3: {  // duplicate a line elsewhere
        size_t a = s.rfind('\n', pos);
        size_t b = s.find('\n', pos);
        if (a != std::string::npos && b != std::string::npos) s.insert(rng() % s.size(), s.substr(a, b - a));
        break;
      }
    }
  }
  return s;
}

TEST(Fuzz, MutatedDataEndsInAStatusNeverACrash) {
  const std::string data = ReadAllData();
  ASSERT_FALSE(data.empty());
  int accepted = 0, rejected = 0;
  for (unsigned seed = 1; seed <= 2000; ++seed) {
    std::mt19937 rng(seed);
    std::string text = Mutate(data, rng);
    auto recs = ParseRecords(text, "fuzz.carta");
    if (!recs.ok()) {
      EXPECT_NE(recs.status().message().find("fuzz.carta:"), std::string::npos) << "seed " << seed;
      ++rejected;
      continue;
    }
    auto eb = BuildEvidence(std::move(*recs));
    if (!eb.ok()) {
      EXPECT_FALSE(eb.status().message().empty()) << "seed " << seed;
      ++rejected;
      continue;
    }
    Audit(*eb);  // an accepted base must audit without crashing
    ++accepted;
  }
  EXPECT_GT(rejected, 0);
  RecordProperty("accepted", accepted);
}

}  // namespace
}  // namespace carta::evidence
