// Continuity-correction choices (escalc's add, to and drop00) through the
// whole request, against metafor 3.8-1: tests/golden/meta/continuity_correction.json
// (made by tests/reference/meta_golden.R), at a relative tolerance of 1e-6.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

#include "carta/meta/run.h"

namespace carta::meta {
namespace {

using nlohmann::json;

constexpr double kTol = 1e-6;

json Golden() {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/continuity_correction.json");
  return json::parse(in);
}

void ExpectNear(const json& expected, double actual, const std::string& what) {
  const double e = expected.get<double>();
  EXPECT_LE(std::fabs(actual - e), kTol * std::max(std::fabs(e), 1.0)) << what << ": carta " << actual << ", metafor " << e;
}

// The golden data set of a case as the CSV file carta reads.
std::string CsvOf(const json& g, bool two_arm) {
  std::string csv = two_arm ? "study,events1,n1,events2,n2\n" : "study,events,n\n";
  const json& d = two_arm ? g["two_arm"] : g["single"];
  const size_t k = d[two_arm ? "n1" : "n"].size();
  for (size_t i = 0; i < k; ++i) {
    csv += "S" + std::to_string(i + 1) + ",";
    if (two_arm) {
      csv += d["events1"][i].dump() + "," + d["n1"][i].dump() + "," + d["events2"][i].dump() + "," + d["n2"][i].dump();
    } else {
      csv += d["events"][i].dump() + "," + d["n"][i].dump();
    }
    csv += "\n";
  }
  return csv;
}

MetaRequest RequestOf(const json& g, const json& c) {
  MetaRequest r;
  const Measure m = *ParseMeasure(c["measure"]);
  r.csv_file = "cc.csv";
  r.csv_text = CsvOf(g, IsTwoArm(m));
  r.measure = m;
  r.method = Method::kREML;
  if (!c["add"].is_null()) r.correction.add = c["add"].get<double>();
  r.correction.to = *ParseCorrectTo(c["to"]);
  r.correction.drop00 = c["drop00"];
  return r;
}

TEST(MetaCorrection, EveryChoiceMatchesEscalcAndRma) {
  const json g = Golden();
  int cases = 0;
  for (const auto& c : g["cases"]) {
    const std::string what = c["measure"].get<std::string>() + " add=" + c["add"].dump() + " to=" +
                             c["to"].get<std::string>() + (c["drop00"].get<bool>() ? " drop00" : "");
    auto r = meta::Run(RequestOf(g, c), nullptr);
    ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
    ++cases;
    const Analysis& a = *r->pool;
    ExpectNear(c["k"], a.fit.k, what + " k");
    ExpectNear(c["estimate"], a.fit.estimate, what + " estimate");
    ExpectNear(c["se"], a.fit.estimate_se, what + " se");
    ExpectNear(c["tau2"], a.fit.tau2, what + " tau2");
    // escalc marks dropped studies NA; carta leaves them out of the studies.
    size_t kept = 0;
    for (size_t i = 0; i < c["yi"].size(); ++i) {
      if (c["yi"][i].is_null()) continue;
      ASSERT_LT(kept, a.studies.size()) << what;
      EXPECT_EQ(a.studies[kept].input.study, "S" + std::to_string(i + 1)) << what;
      ExpectNear(c["yi"][i], a.studies[kept].yi, what + " yi " + std::to_string(i));
      ExpectNear(c["vi"][i], a.studies[kept].vi, what + " vi " + std::to_string(i));
      ++kept;
    }
    EXPECT_EQ(kept, a.studies.size()) << what;
    EXPECT_EQ(r->input.excluded.size(), c["yi"].size() - kept) << what;
  }
  EXPECT_GT(cases, 60);
}

TEST(MetaCorrection, SaysWhichStudiesWereCorrectedAndByHowMuch) {
  const json g = Golden();
  MetaRequest r = RequestOf(g, {{"measure", "PLO"}, {"add", 0.25}, {"to", "only0"}, {"drop00", false}});
  auto only0 = meta::Run(r, nullptr);
  ASSERT_TRUE(only0.ok()) << only0.status().ToString();
  std::vector<std::string> corrected;
  for (const auto& s : only0->pool->studies) {
    if (s.corrected) corrected.push_back(s.input.study);
    EXPECT_EQ(s.added, s.corrected ? 0.25 : 0.0);
  }
  EXPECT_EQ(corrected, (std::vector<std::string>{"S1", "S2"}));  // 0/20 and 20/20
  r.correction.to = CorrectTo::kIf0All;
  auto all = meta::Run(r, nullptr);
  ASSERT_TRUE(all.ok());
  for (const auto& s : all->pool->studies) EXPECT_TRUE(s.corrected) << s.input.study;
}

TEST(MetaCorrection, RefusesWhatItCannotDo) {
  const json g = Golden();
  // A logit of 0/20 without a correction is undefined: a clear error, not a dropped study.
  auto none = meta::Run(RequestOf(g, {{"measure", "PLO"}, {"add", nullptr}, {"to", "none"}, {"drop00", false}}), nullptr);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("S1"), std::string::npos) << none.status().ToString();
  MetaRequest negative = RequestOf(g, {{"measure", "PLO"}, {"add", -0.5}, {"to", "only0"}, {"drop00", false}});
  auto bad = meta::Run(negative, nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "cc");
  // drop00 is a two-arm rule.
  auto single = meta::Run(RequestOf(g, {{"measure", "PLO"}, {"add", nullptr}, {"to", "only0"}, {"drop00", true}}), nullptr);
  ASSERT_FALSE(single.ok());
  EXPECT_EQ(single.status().location().field, "drop00");
  EXPECT_FALSE(ParseCorrectTo("sometimes").ok());
}

}  // namespace
}  // namespace carta::meta
