// Private test helpers of the survival module: golden files written by
// tests/reference/survival_golden.R and the comparison rule of the project
// (relative 1e-6, scaled by max(|expected|, 1)).
#ifndef CARTA_SRC_SURVIVAL_TEST_UTIL_H_
#define CARTA_SRC_SURVIVAL_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "carta/survival/data.h"

namespace carta::survival::testing {

constexpr double kGoldenTolerance = 1e-6;

inline std::string GoldenPath(const std::string& name) {
  return std::string(CARTA_SOURCE_DIR) + "/tests/golden/survival/" + name;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline nlohmann::json LoadJson(const std::string& name) { return nlohmann::json::parse(ReadText(GoldenPath(name))); }

// The dataset `name`.csv; fails the test when it does not parse.
inline SurvData LoadData(const std::string& name, const SurvColumns& columns = {}) {
  auto d = ParseSurvCsv(ReadText(GoldenPath(name)), name, columns);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? *d : SurvData{};
}

// `expected` null means R gives NA, NaN or ±Inf: carta must not give a finite number either.
inline void ExpectNear(const nlohmann::json& expected, double actual, const std::string& what,
                       double tolerance = kGoldenTolerance) {
  if (expected.is_null()) {
    EXPECT_FALSE(std::isfinite(actual)) << what << ": carta " << actual << ", R NA";
    return;
  }
  const double e = expected.get<double>();
  EXPECT_LE(std::fabs(actual - e), tolerance * std::max(std::fabs(e), 1.0))
      << what << ": carta " << actual << ", reference " << e;
}

}  // namespace carta::survival::testing

#endif  // CARTA_SRC_SURVIVAL_TEST_UTIL_H_
