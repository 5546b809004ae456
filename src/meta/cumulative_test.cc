// Cumulative meta-analysis against metafor 3.8-1's cumul():
// tests/golden/meta/cumulative.json (made by tests/reference/meta_golden.R),
// at a relative tolerance of 1e-6.
#include "carta/meta/cumulative.h"

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
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/cumulative.json");
  return json::parse(in);
}

void ExpectNear(const json& expected, double actual, const std::string& what) {
  if (expected.is_null()) return;
  const double e = expected.get<double>();
  EXPECT_LE(std::fabs(actual - e), kTol * std::max(std::fabs(e), 1.0)) << what << ": carta " << actual << ", metafor " << e;
}

std::string Num(const json& v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v.get<double>());
  return buf;
}

// The BCG trials as a yi,vi CSV with their year, and the counts as events,n.
std::string BcgCsv(const json& g) {
  std::string csv = "study,yi,vi,year\n";
  const json& b = g["bcg"];
  for (size_t i = 0; i < b["yi"].size(); ++i) {
    csv += b["study"][i].get<std::string>() + "," + Num(b["yi"][i]) + "," + Num(b["vi"][i]) + "," + Num(b["year"][i]) + "\n";
  }
  return csv;
}

std::string CountsCsv(const json& g) {
  std::string csv = "events,n\n";
  for (size_t i = 0; i < g["counts"]["n"].size(); ++i) {
    csv += g["counts"]["events"][i].dump() + "," + g["counts"]["n"][i].dump() + "\n";
  }
  return csv;
}

MetaRequest Request(const std::string& csv, const std::string& order, Method method, bool knha) {
  MetaRequest r;
  r.analysis = AnalysisKind::kCumulative;
  r.csv_file = "in.csv";
  r.csv_text = csv;
  r.order = order;
  r.method = method;
  r.knha = knha;
  return r;
}

void ExpectSteps(const json& f, const MetaResult& r) {
  const std::string name = f["name"];
  ASSERT_EQ(r.cumulative.size(), f["estimate"].size()) << name;
  for (size_t i = 0; i < r.cumulative.size(); ++i) {
    const FitResult& fit = r.cumulative[i].fit;
    const std::string what = name + " step " + std::to_string(i + 1);
    EXPECT_EQ(fit.k, static_cast<int>(i) + 1) << what;
    ExpectNear(f["estimate"][i], fit.estimate, what + " estimate");
    ExpectNear(f["se"][i], fit.estimate_se, what + " se");
    ExpectNear(f["zval"][i], fit.estimate_zval, what + " zval");
    ExpectNear(f["pval"][i], fit.estimate_pval, what + " pval");
    ExpectNear(f["ci_lb"][i], fit.estimate_ci_lb, what + " ci_lb");
    ExpectNear(f["ci_ub"][i], fit.estimate_ci_ub, what + " ci_ub");
    ExpectNear(f["Q"][i], fit.Q, what + " Q");
    ExpectNear(f["Q_pval"][i], fit.Q_pval, what + " Q_pval");
    ExpectNear(f["tau2"][i], fit.tau2, what + " tau2");
    ExpectNear(f["I2"][i], fit.I2, what + " I2");
    ExpectNear(f["H2"][i], fit.H2, what + " H2");
    if (f.contains("prop")) {
      ExpectNear(f["prop"][i], r.cumulative[i].pooled.prop, what + " prop");
      ExpectNear(f["prop_ci_lb"][i], r.cumulative[i].pooled.ci_lb, what + " prop_ci_lb");
      ExpectNear(f["prop_ci_ub"][i], r.cumulative[i].pooled.ci_ub, what + " prop_ci_ub");
    }
  }
}

TEST(MetaCumulative, MatchesCumulByYear) {
  const json g = Golden();
  for (const auto& f : g["fits"]) {
    const std::string name = f["name"];
    const bool counts = name.rfind("counts", 0) == 0;
    MetaRequest r = Request(counts ? CountsCsv(g) : BcgCsv(g), counts ? "" : "year", *ParseMethod(f["method"]), f["knha"]);
    if (counts) r.measure = Measure::kPLO;
    auto result = meta::Run(r, nullptr);
    ASSERT_TRUE(result.ok()) << name << ": " << result.status().ToString();
    ExpectSteps(f, *result);
  }
}

TEST(MetaCumulative, OrdersStablyAndSaysByWhat) {
  const json g = Golden();
  auto r = meta::Run(Request(BcgCsv(g), "year", Method::kREML, false), nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // 1973 twice: Frimodt-Moller (row 5) before Vandiviere (row 7), as R's order().
  std::vector<std::string> added;
  for (const auto& row : r->cumulative) added.push_back(row.order);
  EXPECT_TRUE(std::is_sorted(added.begin(), added.end()));
  EXPECT_EQ(r->cumulative[0].study, "Aronson 1948");
  EXPECT_EQ(r->cumulative[7].study, "Frimodt-Moller et al 1973");
  EXPECT_EQ(r->cumulative[8].study, "Vandiviere et al 1973");
  EXPECT_EQ(r->order, "year");
  // In input order without --order.
  auto plain = meta::Run(Request(BcgCsv(g), "", Method::kREML, false), nullptr);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->cumulative[1].study, "Ferguson & Simes 1949");
  EXPECT_TRUE(plain->cumulative[1].order.empty());
}

TEST(MetaCumulative, RefusesWhatCumulDoesNot) {
  const json g = Golden();
  auto missing = meta::Run(Request(BcgCsv(g), "latitude", Method::kREML, false), nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().location().field, "order");
  MetaRequest mods = Request(BcgCsv(g), "year", Method::kREML, false);
  mods.query.mods = "year";
  auto with_mods = meta::Run(mods, nullptr);
  ASSERT_FALSE(with_mods.ok());
  EXPECT_EQ(with_mods.status().location().field, "mods");
  auto blank = CumulativeOrder({"1990", "", "1980"}, {"a", "b", "c"});
  ASSERT_FALSE(blank.ok());
  EXPECT_NE(blank.status().message().find("'b'"), std::string::npos);
  // Numbers sort as numbers (9 before 10), labels as text.
  EXPECT_EQ(*CumulativeOrder({"10", "9", "9.5"}, {}), (std::vector<size_t>{1, 2, 0}));
  EXPECT_EQ(*CumulativeOrder({"b", "a", "10"}, {}), (std::vector<size_t>{2, 1, 0}));
}

}  // namespace
}  // namespace carta::meta
