#include "carta/api/meta.h"

#include <gtest/gtest.h>

namespace carta::api {
namespace {

const char kEffects[] = "study,yi,vi\na,-0.889,0.326\nb,-1.585,0.195\nc,-1.348,0.415\nd,-1.442,0.020\n";

meta::MetaResult RunCsv(meta::AnalysisKind kind, bool knha = false) {
  meta::MetaRequest r;
  r.csv_file = "in.csv";
  r.csv_text = kEffects;
  r.analysis = kind;
  r.knha = knha;
  auto result = meta::Run(r, nullptr);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return *result;
}

std::vector<std::string> Keys(const Json& j) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  return keys;
}

TEST(MetaJson, PoolKeysInTheDocumentedOrder) {
  Json j = ToJson(RunCsv(meta::AnalysisKind::kPool));
  const std::vector<std::string> expected = {
      "k",      "estimate", "se",     "zval",    "pval",        "ci_lb",     "ci_ub",     "tau2",
      "tau2_ci_lb", "tau2_ci_ub", "I2", "H2",    "Q",           "Q_df",      "Q_pval",    "pi_lb",
      "pi_ub",  "measure",  "method", "knha",    "level",       "conventions", "selection", "studies",
      "excluded", "set_aside"};
  EXPECT_EQ(Keys(j), expected);
  EXPECT_EQ(j["measure"], "GEN");
  Json knha = ToJson(RunCsv(meta::AnalysisKind::kPool, true));
  EXPECT_TRUE(knha.contains("tval"));
  EXPECT_FALSE(knha.contains("zval"));
  EXPECT_EQ(knha["df"], 3);
}

TEST(MetaJson, EachAnalysisHasItsShape) {
  Json loo = ToJson(RunCsv(meta::AnalysisKind::kLeaveOneOut));
  ASSERT_TRUE(loo.is_array());
  EXPECT_EQ(Keys(loo[0]), (std::vector<std::string>{"omitted", "estimate", "se", "pval", "ci_lb", "ci_ub", "Q",
                                                     "tau2", "I2", "prop"}));
  EXPECT_TRUE(loo[0]["prop"].is_null());
  Json gosh = ToJson(RunCsv(meta::AnalysisKind::kGosh));
  EXPECT_EQ(Keys(gosh), (std::vector<std::string>{"k", "subsets", "exact", "failed", "estimate", "tau2", "I2", "Q"}));
  EXPECT_EQ(Keys(gosh["tau2"]), (std::vector<std::string>{"min", "q25", "median", "q75", "max"}));
  Json perm = ToJson(RunCsv(meta::AnalysisKind::kPermutation));
  EXPECT_EQ(perm["coefficients"][0]["coefficient"], "intrcpt");
  Json bias = ToJson(RunCsv(meta::AnalysisKind::kBias));
  EXPECT_EQ(Keys(bias), (std::vector<std::string>{"egger", "rank", "trimfill"}));
  EXPECT_TRUE(bias["trimfill"]["prop"].is_null());
  const std::string csv = GoshCsv(*RunCsv(meta::AnalysisKind::kGosh).gosh);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "subset,k,estimate,tau2,I2,H2,Q");
}

TEST(MetaJson, RequestFromJson) {
  auto r = MetaRequestFromJson(Json::parse(
      R"({"analysis": "gosh", "outcome": "orr", "target": "CD19", "measure": "PR", "method": "DL", "knha": true,
          "convention": "meta", "level": 0.9, "subsets": 100, "threads": 2, "by": "indication"})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->analysis, meta::AnalysisKind::kGosh);
  EXPECT_EQ(r->query.outcome, "orr");
  EXPECT_EQ(r->query.target, "CD19");
  EXPECT_EQ(r->query.by, "indication");
  EXPECT_EQ(*r->measure, meta::Measure::kPR);
  EXPECT_EQ(*r->method, meta::Method::kDL);
  EXPECT_TRUE(r->knha);
  EXPECT_EQ(r->convention, meta::Convention::kMeta);
  EXPECT_DOUBLE_EQ(r->level, 0.9);
  EXPECT_EQ(r->subsets, 100u);
  EXPECT_EQ(r->threads, 2);
  auto empty = MetaRequestFromJson(Json::object());
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->measure.has_value());
  EXPECT_FALSE(empty->method.has_value());
}

TEST(MetaJson, BadRequestsNameTheKey) {
  auto field = [](const char* text) {
    auto r = MetaRequestFromJson(Json::parse(text));
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? std::string() : r.status().location().field;
  };
  EXPECT_EQ(field(R"({"outcom": "orr"})"), "outcom");
  EXPECT_EQ(field(R"({"outcome": 3})"), "outcome");
  EXPECT_EQ(field(R"({"knha": "yes"})"), "knha");
  EXPECT_EQ(field(R"({"level": "95"})"), "level");
  EXPECT_EQ(field(R"({"level": 95})"), "level");
  EXPECT_EQ(field(R"({"iterations": -5})"), "iterations");
  EXPECT_EQ(field(R"({"subsets": 1.5})"), "subsets");
  EXPECT_EQ(field(R"({"method": "XYZ"})"), "method");
  EXPECT_EQ(field(R"({"measure": "HR"})"), "measure");
  EXPECT_EQ(field(R"({"analysis": "funnel"})"), "analysis");
  EXPECT_EQ(field(R"({"convention": "cochrane"})"), "convention");
  EXPECT_FALSE(MetaRequestFromJson(Json::array()).ok());
}

TEST(MetaJson, RequestReadsTheCorrectionOrderAndColumns) {
  auto r = MetaRequestFromJson(Json::parse(
      R"({"analysis": "cumulative", "cc": 0.25, "cc_to": "if0all", "drop00": true, "order": "year", "columns": ["n", "year"]})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->analysis, meta::AnalysisKind::kCumulative);
  EXPECT_EQ(*r->correction.add, 0.25);
  EXPECT_EQ(r->correction.to, meta::CorrectTo::kIf0All);
  EXPECT_TRUE(r->correction.drop00);
  EXPECT_EQ(r->order, "year");
  EXPECT_EQ(r->columns, (std::vector<std::string>{"n", "year"}));
  EXPECT_FALSE(MetaRequestFromJson(Json::parse(R"({})"))->correction.add.has_value());
  for (const char* bad : {R"({"cc": -1})", R"({"cc": "half"})", R"({"cc_to": "sometimes"})", R"({"drop00": 1})"}) {
    auto b = MetaRequestFromJson(Json::parse(bad));
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_FALSE(b.status().location().field.empty()) << bad;
  }
}

TEST(MetaJson, CumulativeBaujatAndRadialShapes) {
  meta::MetaRequest r;
  r.csv_file = "in.csv";
  r.csv_text = kEffects;
  r.analysis = meta::AnalysisKind::kCumulative;
  auto cum = meta::Run(r, nullptr);
  ASSERT_TRUE(cum.ok());
  Json j = ToJson(*cum);
  ASSERT_TRUE(j.is_array());
  EXPECT_EQ(j.size(), 4u);
  EXPECT_EQ(j[3]["k"], 4);
  EXPECT_TRUE(j[0]["order"].is_null());
  r.analysis = meta::AnalysisKind::kBaujat;
  auto baujat = meta::Run(r, nullptr);
  ASSERT_TRUE(baujat.ok());
  EXPECT_EQ(ToJson(*baujat)[0].size(), 3u);  // study, x, y
  r.analysis = meta::AnalysisKind::kRadial;
  auto radial = meta::Run(r, nullptr);
  ASSERT_TRUE(radial.ok());
  Json rj = ToJson(*radial);
  EXPECT_TRUE(rj.contains("estimate"));
  EXPECT_EQ(rj["studies"].size(), 4u);
}

}  // namespace
}  // namespace carta::api
