// The Baujat and radial plots' values against metafor 3.8-1's baujat() and
// radial(): tests/golden/meta/diagnostic_plots.json (made by
// tests/reference/meta_golden.R), at a relative tolerance of 1e-6.
#include "carta/meta/diagnostics.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

#include "carta/meta/run.h"

namespace carta::meta {
namespace {

using nlohmann::json;

json Golden() {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/diagnostic_plots.json");
  return json::parse(in);
}

void ExpectNear(const json& expected, double actual, const std::string& what) {
  const double e = expected.get<double>();
  EXPECT_LE(std::fabs(actual - e), 1e-6 * std::max(std::fabs(e), 1.0)) << what << ": carta " << actual << ", metafor " << e;
}

MetaRequest Request(const json& g, AnalysisKind kind, const json& plot) {
  std::string csv = "yi,vi\n";
  for (size_t i = 0; i < g["input"]["yi"].size(); ++i) {
    char row[80];
    std::snprintf(row, sizeof row, "%.17g,%.17g\n", g["input"]["yi"][i].get<double>(), g["input"]["vi"][i].get<double>());
    csv += row;
  }
  MetaRequest r;
  r.analysis = kind;
  r.csv_file = "bcg.csv";
  r.csv_text = csv;
  r.method = *ParseMethod(plot["method"]);
  r.knha = plot["knha"];
  return r;
}

TEST(MetaDiagnosticPlots, BaujatAndRadialMatchMetafor) {
  const json g = Golden();
  for (const auto& p : g["plots"]) {
    const std::string name = p["name"];
    auto baujat = meta::Run(Request(g, AnalysisKind::kBaujat, p), nullptr);
    ASSERT_TRUE(baujat.ok()) << name << ": " << baujat.status().ToString();
    ASSERT_EQ(baujat->baujat.size(), p["baujat_x"].size());
    for (size_t i = 0; i < baujat->baujat.size(); ++i) {
      ExpectNear(p["baujat_x"][i], baujat->baujat[i].x, name + " baujat x " + std::to_string(i));
      ExpectNear(p["baujat_y"][i], baujat->baujat[i].y, name + " baujat y " + std::to_string(i));
    }
    auto radial = meta::Run(Request(g, AnalysisKind::kRadial, p), nullptr);
    ASSERT_TRUE(radial.ok()) << name << ": " << radial.status().ToString();
    const RadialPlot& r = *radial->radial;
    ASSERT_EQ(r.x.size(), p["radial_x"].size());
    for (size_t i = 0; i < r.x.size(); ++i) {
      ExpectNear(p["radial_x"][i], r.x[i], name + " radial x " + std::to_string(i));
      ExpectNear(p["radial_y"][i], r.y[i], name + " radial y " + std::to_string(i));
    }
    ExpectNear(p["estimate"], r.estimate, name + " slope");
    ExpectNear(p["ci_lb"], r.ci_lb, name + " ci_lb");
    ExpectNear(p["ci_ub"], r.ci_ub, name + " ci_ub");
    ExpectNear(p["tau2"], r.tau2, name + " tau2");
  }
}

TEST(MetaDiagnosticPlots, RefuseModeratorsAndTooFewStudies) {
  MetaRequest r;
  r.analysis = AnalysisKind::kBaujat;
  r.csv_file = "in.csv";
  r.csv_text = "yi,vi,x\n0.1,0.02,1\n0.3,0.05,2\n0.2,0.04,3\n";
  r.query.mods = "x";
  auto mods = meta::Run(r, nullptr);
  ASSERT_FALSE(mods.ok());
  EXPECT_EQ(mods.status().location().field, "mods");
  r.query.mods.clear();
  r.csv_text = "yi,vi\n0.1,0.02\n0.3,0.05\n";
  EXPECT_FALSE(meta::Run(r, nullptr).ok());  // Baujat needs 3 studies
  r.analysis = AnalysisKind::kRadial;
  EXPECT_TRUE(meta::Run(r, nullptr).ok());   // radial is drawn from 2
}

}  // namespace
}  // namespace carta::meta
