#include "carta/plot/km_plot.h"

#include <gtest/gtest.h>

#include <fstream>

#include "svg_testing.h"

namespace carta::plot {
namespace {

using testing::ParseSvg;

KaplanMeierSpec TwoArms() {
  KaplanMeierSpec spec;
  spec.title = "Progression-free survival";
  spec.curves = {{.name = "CAR-T",
                  .time = {1, 3, 6, 9, 14},
                  .survival = {0.9, 0.75, 0.6, 0.55, 0.5},
                  .censor_times = {4, 12, 20},
                  .at_risk = {40, 29, 22, 18}},
                 {.name = "Standard of care",
                  .time = {1, 2, 4, 7},
                  .survival = {0.8, 0.6, 0.4, 0.3},
                  .censor_times = {10},
                  .at_risk = {40, 21, 12, 9}}};
  spec.risk_times = {0, 6, 12, 18};
  return spec;
}

TEST(KaplanMeierPlot, CurvesCensorTicksLegendAndAtRiskTable) {
  const std::string svg = KaplanMeierPlot(TwoArms());
  auto p = ParseSvg(svg);
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_TRUE(p.has_viewbox);
  EXPECT_EQ(p.titles.front(), "Progression-free survival");
  EXPECT_EQ(p.Count("polyline.km-curve"), 2);
  EXPECT_EQ(p.Count("line.censor"), 4);
  EXPECT_EQ(p.Count("g.legend"), 1);
  EXPECT_EQ(p.Count("text.at-risk"), 8);
  EXPECT_TRUE(p.HasText("Number at risk"));
  EXPECT_TRUE(p.HasText("Time (months)"));
  EXPECT_TRUE(p.HasText("Survival probability"));
  if (const char* dir = std::getenv("CARTA_PLOT_DIR")) std::ofstream(std::string(dir) + "/km.svg") << svg;
}

TEST(KaplanMeierPlot, SingleCurveWithoutTableOrLegend) {
  KaplanMeierSpec spec;
  spec.curves = {{.name = "A&B <x>", .time = {2, 5}, .survival = {0.5, 0.25, 0.1}}};  // sizes differ: drawn to 2
  auto p = ParseSvg(KaplanMeierPlot(spec));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("polyline.km-curve"), 1);
  EXPECT_EQ(p.Count("g.legend"), 0);
  EXPECT_EQ(p.Count("text.at-risk"), 0);
  EXPECT_EQ(p.titles[1], "A&B <x>");
}

}  // namespace
}  // namespace carta::plot
