// The JSON of the multilevel model (api::ToJson, MultilevelRequestFromJson):
// keys in doc/cli.md's order, and requests refused with the key at fault.
#include <gtest/gtest.h>

#include "carta/api/meta.h"

namespace carta::api {
namespace {

const char kNested[] = "trial,cohort,yi,vi\nT1,a,0.2,0.04\nT2,a,0.5,0.03\nT2,b,0.9,0.05\nT3,a,-0.1,0.02\nT3,b,0.4,0.06\n";

std::vector<std::string> Keys(const Json& j) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  return keys;
}

Result<meta::MultilevelResult> RunJson(const Json& request) {
  auto r = MultilevelRequestFromJson(request);
  if (!r.ok()) return r.status();
  return meta::RunMultilevel(*r, nullptr);
}

TEST(MultilevelJson, KeysInTheDocumentedOrder) {
  auto out = RunJson({{"random", "trial/cohort"}, {"csv_file", "in.csv"}, {"csv_text", kNested}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const Json j = ToJson(*out);
  const std::vector<std::string> expected = {
      "model",   "measure", "method", "test",   "level", "conventions", "selection", "note",    "random",
      "k",       "p",       "coefficients", "components", "I2", "vt",    "QE",        "QE_df",   "QE_pval",
      "fit",     "estimate", "ci_lb", "ci_ub",  "pi_lb", "pi_ub",       "studies",   "excluded"};
  EXPECT_EQ(Keys(j), expected);
  EXPECT_EQ(Keys(j["components"][0]),
            (std::vector<std::string>{"level", "groups", "sigma2", "ci_lb", "ci_ub", "ci_ub_censored", "at_boundary", "I2"}));
  EXPECT_EQ(j["components"][1]["level"], "trial/cohort");
  EXPECT_EQ(j["studies"][2]["trial"], "T2");
  EXPECT_EQ(j["studies"][2]["cohort"], "b");
  EXPECT_TRUE(j["coefficients"][0].contains("zval"));
}

TEST(MultilevelJson, TTestsAndMethodFromTheRequest) {
  auto out = RunJson({{"random", "trial"}, {"csv_text", kNested}, {"test", "t"}, {"method", "ML"}, {"level", 0.9}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const Json j = ToJson(*out);
  EXPECT_EQ(j["method"], "ML");
  EXPECT_EQ(j["test"], "t");
  EXPECT_EQ(j["df"], 4);
  EXPECT_EQ(j["level"], 0.9);
  EXPECT_TRUE(j["coefficients"][0].contains("tval"));
  EXPECT_EQ(j["random"], "trial/study");
}

TEST(MultilevelJson, BadRequestsNameTheKey) {
  auto field = [](const Json& request) {
    auto r = MultilevelRequestFromJson(request);
    return r.ok() ? std::string("(accepted)") : r.status().location().field;
  };
  EXPECT_EQ(field({{"random", "trial"}, {"method", "DL"}}), "method");
  EXPECT_EQ(field({{"random", "trial"}, {"test", "knha"}}), "test");
  EXPECT_EQ(field({{"random", "trial"}, {"level", 95}}), "level");
  EXPECT_EQ(field({{"random", "trial"}, {"by", "group"}}), "by");
  EXPECT_EQ(field({{"random", 3}}), "random");
}

}  // namespace
}  // namespace carta::api
