// The Baujat and radial plots' structure: one mark per study, the pooled
// line and band, labels, well-formed SVG.
#include "carta/plot/diagnostics.h"

#include <gtest/gtest.h>

#include "svg_testing.h"

namespace carta::plot {
namespace {

using testing::ParseSvg;

meta::AnalysisInput Input() {
  auto in = meta::InputFromCsv("study,yi,vi\na,-0.889,0.326\nb,-1.585,0.195\nc,-1.348,0.415\nd,-1.442,0.020\n"
                               "e,-0.218,0.051\nf,-0.786,0.007\n",
                               "in.csv");
  EXPECT_TRUE(in.ok());
  return *in;
}

TEST(BaujatPlot, OneLabelledPointPerStudy) {
  auto points = meta::Baujat(Input(), meta::Measure::kGeneric, meta::FitOptions{});
  ASSERT_TRUE(points.ok()) << points.status().ToString();
  const auto svg = ParseSvg(BaujatPlot(*points, {}));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_EQ(svg.Count("circle.study"), 6);
  EXPECT_EQ(svg.Count("text.study-label"), 6);
  EXPECT_TRUE(svg.HasText("d"));
  EXPECT_TRUE(svg.HasText("Contribution to overall heterogeneity"));
  EXPECT_TRUE(svg.HasText("Influence on overall result"));
  EXPECT_TRUE(svg.HasText("Baujat plot"));
}

TEST(RadialPlot, PointsLineBandAndTheScaleOfYi) {
  auto p = meta::Radial(Input(), meta::Measure::kGeneric, meta::FitOptions{});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const auto svg = ParseSvg(RadialPlotSvg(*p, meta::Measure::kGeneric, {}));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_EQ(svg.Count("circle.study"), 6);
  EXPECT_EQ(svg.Count("line.pooled"), 1);
  EXPECT_EQ(svg.Count("polygon.band"), 1);
  EXPECT_GE(svg.Count("text.yi-label"), 2);
  EXPECT_FALSE(svg.HasTextContaining("nan"));
}

}  // namespace
}  // namespace carta::plot
