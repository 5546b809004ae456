// Private to the meta module's tests: reading the R golden files of
// tests/golden/meta and comparing to them.
#ifndef CARTA_SRC_META_GOLDEN_TEST_UTIL_H_
#define CARTA_SRC_META_GOLDEN_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace carta::meta::golden {

using nlohmann::json;

// Expects |actual - expected| <= tolerance max(|expected|, floor); a null
// `expected` (R reports none for this model) is skipped. `what` names the
// value in the failure.
inline void ExpectNear(const json& expected, double actual, const std::string& what, double floor,
                       double tolerance = 1e-6) {
  if (expected.is_null()) return;
  const double e = expected.get<double>();
  EXPECT_LE(std::fabs(actual - e), tolerance * std::max(std::fabs(e), floor))
      << what << ": carta " << actual << ", R " << e;
}

// The JSON of the file at `path` (a parse error throws: a broken golden file fails its test).
inline json Load(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

// The paths of the .json files of tests/golden/meta that `keep` accepts, sorted.
inline std::vector<std::string> GoldenFiles(const std::function<bool(const std::filesystem::path&)>& keep) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta")) {
    if (e.path().extension() == ".json" && keep(e.path())) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace carta::meta::golden

#endif  // CARTA_SRC_META_GOLDEN_TEST_UTIL_H_
