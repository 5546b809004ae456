// The multilevel model against metafor 3.8-1's rma.mv: every number of every
// model in tests/golden/meta/mv_*.json (made by tests/reference/meta_mv_golden.R)
// to 1e-6 relative; and the refusals of bad input.
#include "carta/meta/multilevel.h"

#include <gtest/gtest.h>

#include <cmath>

#include "golden_test_util.h"

namespace carta::meta {
namespace {

using golden::Load;
using nlohmann::json;

// |actual - expected| <= 1e-6 max(|expected|, floor). The floor is for
// values near 0 whose relative error means nothing: a σ² at the boundary
// (metafor's log-scale optimiser stops near 1e-10, carta at 0).
void ExpectNear(const json& expected, double actual, const std::string& what, double floor = 1e-300) {
  golden::ExpectNear(expected, actual, what, floor);
}

void ExpectEach(const json& expected, const std::vector<double>& actual, const std::string& what, double floor = 1e-300) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  for (size_t i = 0; i < actual.size(); ++i) ExpectNear(expected[i], actual[i], what + "[" + std::to_string(i) + "]", floor);
}

std::vector<std::string> GoldenFiles() {
  return golden::GoldenFiles([](const std::filesystem::path& p) { return p.filename().string().rfind("mv_", 0) == 0; });
}

Nesting NestingOf(const json& data) {
  Nesting n;
  n.names = data["levels"].get<std::vector<std::string>>();
  n.labels = data["labels"].get<std::vector<std::vector<std::string>>>();
  return n;
}

MultilevelOptions OptionsOf(const json& model) {
  MultilevelOptions o;
  o.method = model["method"] == "ML" ? Method::kML : Method::kREML;
  o.t_test = model["test"] == "t";
  return o;
}

// Every number of one rma.mv model. The σ² scale for the floor: a σ² (and
// its interval) is compared to 1e-6 of max(σ², 1e-3 × the mean v).
void ExpectModel(const json& m, const MultilevelFit& f, const std::string& where, double v_scale) {
  ASSERT_EQ(m["k"].get<int>(), f.k) << where;
  ASSERT_EQ(m["p"].get<int>(), f.p) << where;
  const std::vector<std::pair<const char*, const std::vector<double>*>> coefficients = {
      {"beta", &f.beta}, {"se", &f.se}, {"zval", &f.zval}, {"pval", &f.pval}, {"ci_lb", &f.ci_lb}, {"ci_ub", &f.ci_ub}};
  for (const auto& [key, values] : coefficients) ExpectEach(m[key], *values, where + " " + key);
  ASSERT_EQ(m["sigma2"].size(), f.components.size()) << where;
  const double floor = 1e-3 * v_scale;
  for (size_t j = 0; j < f.components.size(); ++j) {
    const VarianceComponent& c = f.components[j];
    const std::string w = where + " " + c.name;
    ExpectNear(m["sigma2"][j], c.sigma2, w + " sigma2", floor);
    ExpectNear(m["sigma2_ci_lb"][j], c.ci_lb, w + " sigma2 ci_lb", floor);
    ExpectNear(m["sigma2_ci_ub"][j], c.ci_ub, w + " sigma2 ci_ub", floor);
    EXPECT_EQ(m["sigma2_ci_ub_censored"][j].get<bool>(), c.ci_ub_censored) << w;
    EXPECT_EQ(m["nlvls"][j].get<int>(), c.groups) << w;
    ExpectNear(m["I2_levels"][j], c.I2, w + " I2", 1e-3);
  }
  ExpectNear(m["QE"], f.QE, where + " QE");
  EXPECT_EQ(m["QE_df"].get<int>(), f.QE_df) << where;
  ExpectNear(m["QE_pval"], f.QE_pval, where + " QE_pval");
  ExpectNear(m["QM"], f.QM, where + " QM");
  ExpectNear(m["QM_pval"], f.QM_pval, where + " QM_pval");
  if (m["QM"].is_null()) {
    EXPECT_TRUE(std::isnan(f.QM)) << where;
  }
  const std::vector<std::pair<const char*, double>> statistics = {
      {"logLik", f.logLik}, {"deviance", f.deviance}, {"AIC", f.AIC},     {"BIC", f.BIC},
      {"AICc", f.AICc},     {"pi_lb", f.pi_lb},       {"pi_ub", f.pi_ub}};
  for (const auto& [key, value] : statistics) ExpectNear(m[key], value, where + " " + key);
  ExpectNear(m["I2"], f.I2, where + " I2", 1e-3);
  ExpectNear(m["vt"], f.vt, where + " vt");
}

TEST(MultilevelGolden, EveryDatasetIsThere) { EXPECT_GE(GoldenFiles().size(), 16u); }

TEST(MultilevelGolden, FitsMatchRmaMv) {
  int models = 0;
  for (const auto& path : GoldenFiles()) {
    const json g = Load(path);
    const json& data = g["data"];
    const auto yi = data["yi"].get<std::vector<double>>();
    const auto vi = data["vi"].get<std::vector<double>>();
    std::vector<double> x;
    std::vector<std::string> names;
    if (data.contains("x")) {
      x = data["x"].get<std::vector<double>>();
      names = data["names"].get<std::vector<std::string>>();
    }
    double v_scale = 0;
    for (double v : vi) v_scale += v / static_cast<double>(vi.size());
    for (const json& m : g["models"]) {
      const std::string where = g["dataset"].get<std::string>() + " " + m["method"].get<std::string>() + " " +
                                m["test"].get<std::string>();
      auto fit = FitMultilevel(yi, vi, NestingOf(data), OptionsOf(m), x, names);
      ASSERT_TRUE(fit.ok()) << where << ": " << fit.status().ToString();
      ExpectModel(m, *fit, where, v_scale);
      ++models;
    }
  }
  EXPECT_GE(models, 48);
}

// The request path: counts in a CSV file with the nesting and a categorical
// moderator as columns, through effect sizes and the design matrix.
TEST(MultilevelRun, CsvCountsWithModeratorMatchRmaMv) {
  const json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/mv_cohorts_plo_indication.json");
  const json& data = g["data"];
  const json& golden_x = data["x"];
  std::string csv = "trial,cohort,events,n,indication\n";
  const size_t k = data["yi"].size(), p = data["names"].size();
  for (size_t i = 0; i < k; ++i) {
    // The indication back from R's treatment-contrast columns (ALL is the reference).
    const std::string indication = golden_x[i * p + 1] == 1.0 ? "LBCL" : golden_x[i * p + 2] == 1.0 ? "MM" : "ALL";
    csv += data["labels"][0][i].get<std::string>() + "," + data["labels"][1][i].get<std::string>() + "," +
           std::to_string(data["events"][i].get<long>()) + "," + std::to_string(data["n"][i].get<long>()) + "," +
           indication + "\n";
  }
  MultilevelRequest r;
  r.csv_file = "cohorts.csv";
  r.csv_text = csv;
  r.random = "trial/cohort";
  r.query.mods = "indication";
  auto out = RunMultilevel(r, nullptr);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->measure, Measure::kPLO);
  double v_scale = 0;
  for (double v : out->vi) v_scale += v / static_cast<double>(k);
  ExpectEach(data["yi"], out->yi, "escalc yi");
  ExpectModel(g["models"][0], out->fit, "cohorts.csv REML z", v_scale);
  EXPECT_EQ(out->fit.names, data["names"].get<std::vector<std::string>>());
}

// A single column C means C/study: every row its own cohort.
TEST(MultilevelRun, OneColumnNestsTheRowsWithin) {
  const std::string csv = "study,trial,yi,vi\na,T1,0.2,0.04\nb,T2,0.5,0.03\nc,T2,0.9,0.05\nd,T3,-0.1,0.02\ne,T3,0.4,0.06\n";
  const json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/mv_small.json");
  MultilevelRequest r;
  r.csv_file = "small.csv";
  r.csv_text = csv;
  r.random = "~ 1 | trial";
  auto out = RunMultilevel(r, nullptr);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->nesting.names, (std::vector<std::string>{"trial", "study"}));
  EXPECT_EQ(out->measure, Measure::kGeneric);
  ExpectModel(g["models"][0], out->fit, "small.csv REML z", 0.04);
}

MultilevelRequest CsvRequest(const std::string& csv, const std::string& random = "trial/cohort") {
  MultilevelRequest r;
  r.csv_file = "in.csv";
  r.csv_text = csv;
  r.random = random;
  return r;
}

TEST(MultilevelBadInput, BlankClusterIsRefusedWithItsLine) {
  auto out = RunMultilevel(CsvRequest("trial,cohort,yi,vi\nA,1,0.1,0.01\n,1,0.2,0.02\nB,2,0.3,0.03\nB,3,0.1,0.02\n"),
                           nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out.status().location().field, "random");
  EXPECT_NE(out.status().message().find("in.csv:3"), std::string::npos) << out.status().message();
  EXPECT_NE(out.status().message().find("'trial' is empty"), std::string::npos) << out.status().message();
}

TEST(MultilevelBadInput, UnknownClusterColumnNamesTheColumns) {
  auto out = RunMultilevel(CsvRequest("trial,yi,vi\nA,0.1,0.01\nB,0.2,0.02\nB,0.3,0.03\n", "registration"), nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().location().field, "random");
  EXPECT_NE(out.status().message().find("no column 'registration'"), std::string::npos) << out.status().message();
}

TEST(MultilevelBadInput, OneTrialOnlyIsRefused) {
  auto out = RunMultilevel(CsvRequest("trial,cohort,yi,vi\nA,1,0.1,0.01\nA,2,0.2,0.02\nA,3,0.3,0.03\n"), nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().location().field, "random");
  EXPECT_NE(out.status().message().find("all studies are in one trial"), std::string::npos) << out.status().message();
}

TEST(MultilevelBadInput, FewerThanThreeStudiesAreRefused) {
  auto out = RunMultilevel(CsvRequest("trial,cohort,yi,vi\nA,1,0.1,0.01\nB,1,0.2,0.02\n"), nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("at least 3 studies"), std::string::npos) << out.status().message();
}

TEST(MultilevelBadInput, TrialsOfOneCohortEachCannotSeparateTheLevels) {
  auto out = RunMultilevel(CsvRequest("trial,cohort,yi,vi\nA,1,0.1,0.01\nB,1,0.2,0.02\nC,1,0.5,0.03\n"), nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("cannot be told apart"), std::string::npos) << out.status().message();
}

TEST(MultilevelBadInput, OnlyRemlAndMl) {
  MultilevelOptions o;
  o.method = Method::kDL;
  Nesting n{{"trial", "cohort"}, {{"A", "B", "B"}, {"1", "1", "2"}}};
  auto fit = FitMultilevel({0.1, 0.2, 0.3}, {0.01, 0.02, 0.03}, n, o);
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().location().field, "method");
}

TEST(MultilevelBadInput, NonPositiveVarianceAndSubgroupsAreRefused) {
  Nesting n{{"trial", "cohort"}, {{"A", "B", "B"}, {"1", "1", "2"}}};
  EXPECT_FALSE(FitMultilevel({0.1, 0.2, 0.3}, {0.01, 0.0, 0.03}, n, {}).ok());
  EXPECT_FALSE(FitMultilevel({0.1, NAN, 0.3}, {0.01, 0.02, 0.03}, n, {}).ok());
  MultilevelRequest r = CsvRequest("trial,cohort,yi,vi\nA,1,0.1,0.01\nB,1,0.2,0.02\nB,2,0.3,0.03\n");
  r.query.by = "group";
  auto out = RunMultilevel(r, nullptr);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().location().field, "by");
}

TEST(MultilevelParse, RandomFormulas) {
  EXPECT_EQ(*ParseRandom("trial/cohort"), (std::vector<std::string>{"trial", "cohort"}));
  EXPECT_EQ(*ParseRandom("~ 1 | a / b / c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_FALSE(ParseRandom("a//b").ok());
  EXPECT_FALSE(ParseRandom("a/a").ok());
  EXPECT_FALSE(ParseRandom("~ x | a").ok());
  EXPECT_EQ(ParseRandom("").status().location().field, "random");
}

// Thousands of studies: V is never formed (each evaluation is O(k p²)), so
// a model of 4,000 cohorts in 1,000 trials fits with its profile intervals
// well within a test's time. The estimates must be near the simulated truth.
TEST(MultilevelScale, ThousandsOfStudies) {
  std::vector<double> yi, vi;
  Nesting n{{"trial", "cohort"}, {{}, {}}};
  uint64_t state = 12345;
  auto uniform = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
  };
  auto normal = [&] { return std::sqrt(-2 * std::log(uniform())) * std::cos(2 * M_PI * uniform()); };
  for (int t = 0; t < 1000; ++t) {
    const double u = 0.5 * normal();  // σ²₁ = 0.25
    for (int c = 0; c < 4; ++c) {
      const double v = 0.02 + 0.08 * uniform();
      yi.push_back(1 + u + 0.3 * normal() + std::sqrt(v) * normal());  // σ²₂ = 0.09
      vi.push_back(v);
      n.labels[0].push_back("T" + std::to_string(t));
      n.labels[1].push_back(std::to_string(c));
    }
  }
  auto fit = FitMultilevel(yi, vi, n, {});
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_NEAR(fit->beta[0], 1, 0.05);
  EXPECT_NEAR(fit->components[0].sigma2, 0.25, 0.05);
  EXPECT_NEAR(fit->components[1].sigma2, 0.09, 0.02);
  EXPECT_LT(fit->components[0].ci_lb, 0.25);
  EXPECT_GT(fit->components[0].ci_ub, 0.25);
}

}  // namespace
}  // namespace carta::meta
