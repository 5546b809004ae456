#include "carta/plot/charts.h"

#include <gtest/gtest.h>

#include <fstream>

#include "svg_testing.h"

namespace carta::plot {
namespace {

using testing::ParseSvg;

// Median PFS in months of three CAR-T products in two lines of therapy; one not reached.
BarChartSpec PfsSpec() {
  BarChartSpec spec;
  spec.title = "Median PFS by product";
  spec.categories = {"Axi-cel", "Tisa-cel", "Liso-cel"};
  spec.series = {{.name = "2nd line", .values = {14.7, 3.0, NAN}, .labels = {"", "", "NR"}},
                 {.name = "3rd line+", .values = {5.9, 2.9, 6.8}}};
  spec.y_label = "Median PFS (months)";
  return spec;
}

TEST(ChartBar, GroupedBarsHaveOneRectPerValueAndNotReachedAsText) {
  auto p = ParseSvg(BarChart(PfsSpec()));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_TRUE(p.has_viewbox);
  EXPECT_EQ(p.titles.front(), "Median PFS by product");
  EXPECT_EQ(p.Count("rect.bar"), 5);
  EXPECT_EQ(p.Count("text.not-reached"), 1);
  EXPECT_TRUE(p.HasText("NR"));
  EXPECT_TRUE(p.HasText("14.7"));
  EXPECT_TRUE(p.HasText("Median PFS (months)"));
  EXPECT_EQ(p.Count("g.legend"), 1);
  EXPECT_EQ(p.Count("text.legend-label"), 2);
  EXPECT_EQ(p.Count("text.category-label"), 3);
}

TEST(ChartBar, SimpleChartHasNoLegendAndEscapesLabels) {
  BarChartSpec spec;
  spec.title = "CRS <grade 3> & ICANS";
  spec.categories = {"A&B <x>", "中文类别"};
  spec.series = {{.name = "rate", .values = {12.5, 40}}};
  spec.y_label = "Patients (%)";
  auto p = ParseSvg(BarChart(spec));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("rect.bar"), 2);
  EXPECT_EQ(p.Count("g.legend"), 0);
  EXPECT_TRUE(p.HasText("A&B <x>"));
  EXPECT_EQ(p.titles.front(), "CRS <grade 3> & ICANS");
}

TEST(ChartBar, TurnedLabelsAndGroupBracketsKeepEveryCategory) {
  BarChartSpec spec = PfsSpec();
  spec.categories = {"Yescarta (ZUMA-1, 5-year)", "Kymriah (JULIET)", "Breyanzi (TRANSCEND)"};
  spec.label_angle_deg = -40;
  spec.category_groups = {{"LBCL", 2}, {"FL", 1}};
  const std::string svg = BarChart(spec);
  auto p = ParseSvg(svg);
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("text.category-label"), 3);
  EXPECT_EQ(p.Count("polyline.group-bracket"), 2);
  EXPECT_EQ(p.Count("text.group-label"), 2);
  EXPECT_TRUE(p.HasText("LBCL"));
  EXPECT_NE(svg.find("rotate(-40"), std::string::npos);
}

TEST(ChartBar, EmptySpecGivesAWellFormedFrame) {
  auto p = ParseSvg(BarChart({}));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("rect.bar"), 0);
}

meta::Analysis Cd19() {
  auto in = meta::InputFromCsv(
      "study,events,n\neliana,64,79\njuliet,61,115\nzuma1,83,101\nzuma5,96,104\nreliance-fl,28,28\nzuma2,62,68\n",
      "in.csv");
  EXPECT_TRUE(in.ok());
  auto a = meta::Analyze(*in, meta::Measure::kPLO, meta::FitOptions{}, false);
  EXPECT_TRUE(a.ok());
  return *a;
}

TEST(FunnelPlot, OnePointPerStudyPooledLineAndRegion) {
  meta::Analysis a = Cd19();
  const std::string svg = FunnelPlot(a, {});
  auto p = ParseSvg(svg);
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_TRUE(p.has_viewbox);
  EXPECT_EQ(p.Count("circle.study"), 6);
  EXPECT_EQ(p.Count("line.pooled"), 1);
  EXPECT_EQ(p.Count("polyline.region"), 1);
  EXPECT_TRUE(p.HasText("Standard error"));
  EXPECT_TRUE(p.HasText("Logit proportion"));
  if (const char* out = std::getenv("CARTA_PLOT_DIR")) {
    std::ofstream(std::string(out) + "/funnel.svg") << svg;
    std::ofstream(std::string(out) + "/bars.svg") << BarChart(PfsSpec());
  }
}

}  // namespace
}  // namespace carta::plot
