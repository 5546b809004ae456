#include "carta/plot/forest.h"

#include <gtest/gtest.h>

#include <algorithm>


#include "svg_testing.h"

namespace carta::plot {
namespace {

using testing::ParseSvg;

// CD19 CAR-T overall response: events/n of 12 pivotal cohorts (tests/golden/meta/cd19_orr_plo.json).
const char* kCd19Csv =
    "study,events,n,group\n"
    "eliana,64,79,B-ALL\n"
    "zuma3-breyanzi,31,45,B-ALL\n"
    "wang-ball-23,19,23,B-ALL\n"
    "auto1,17,20,B-ALL\n"
    "juliet,61,115,LBCL\n"
    "zuma1,83,101,LBCL\n"
    "transcend-nhl-001-lbcl,197,270,LBCL\n"
    "relma-cel-china-ind-lbcl,36,59,LBCL\n"
    "zuma5,96,104,FL\n"
    "reliance-fl,28,28,FL\n"
    "transcend-fl,90,94,FL\n"
    "zuma2,62,68,MCL\n";

struct Fixture {
  meta::AnalysisInput in;
  meta::Analysis a;
};

Fixture Analyze(const std::string& csv, bool by_group, meta::Measure m = meta::Measure::kPLO) {
  auto in = meta::InputFromCsv(csv, "in.csv");
  EXPECT_TRUE(in.ok()) << in.status().ToString();
  auto a = meta::Analyze(*in, m, meta::FitOptions{}, by_group);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return {*in, *a};
}

TEST(ForestPlot, OneSquarePerStudyAndOnePooledDiamond) {
  Fixture f = Analyze(kCd19Csv, false);
  auto p = ParseSvg(ForestPlot(f.a, f.in, {.title = "ORR of CD19 CAR-T"}));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_TRUE(p.has_viewbox);
  EXPECT_EQ(p.titles.front(), "ORR of CD19 CAR-T");
  EXPECT_EQ(p.Count("rect.study"), 12);
  EXPECT_EQ(p.Count("polygon.pooled"), 1);
  EXPECT_EQ(p.Count("polygon.subgroup"), 0);
  EXPECT_EQ(p.Count("line.pi"), 1);
  EXPECT_TRUE(p.HasText("Proportion"));
  EXPECT_TRUE(p.HasText("64/79"));
  EXPECT_TRUE(p.HasTextContaining("Heterogeneity: Q = "));
  EXPECT_TRUE(p.HasText("RE Model"));
}

TEST(ForestPlot, SubgroupsHaveHeadingsDiamondsAndTheTestOfDifferences) {
  Fixture f = Analyze(kCd19Csv, true);
  ASSERT_TRUE(f.a.subgroups.has_value());
  auto p = ParseSvg(ForestPlot(f.a, f.in, {}));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("rect.study"), 12);
  EXPECT_EQ(p.Count("polygon.subgroup"), 4);
  EXPECT_EQ(p.Count("polygon.pooled"), 1);
  EXPECT_EQ(p.Count("text.group-heading"), 4);
  EXPECT_TRUE(p.HasText("LBCL"));
  EXPECT_TRUE(p.HasTextContaining("Test for subgroup differences: Q = "));
}

TEST(ForestPlot, EscapesStudyNames) {
  Fixture f = Analyze("study,events,n\nA&B <x>,5,20\n'q' \"r\",9,30\nc,12,25\n", false);
  const std::string svg = ForestPlot(f.a, f.in, {});
  auto p = ParseSvg(svg);
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_TRUE(p.HasText("A&B <x>"));
  EXPECT_TRUE(p.HasText("'q' \"r\""));
  EXPECT_NE(svg.find("A&amp;B &lt;x&gt;"), std::string::npos);
}

TEST(ForestPlot, ClipsIntervalsAtTheAxisLimitsWithArrows) {
  Fixture f = Analyze(kCd19Csv, false);
  auto p = ParseSvg(ForestPlot(f.a, f.in, {.x_min = 0.6, .x_max = 0.9}));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_GT(p.Count("path.arrow"), 0);
  EXPECT_EQ(p.Count("rect.study"), 12);
}

TEST(ForestPlot, GenericEffectsUseTheMeasureScale) {
  Fixture f = Analyze("study,yi,vi\na,-0.9,0.04\nb,-0.2,0.09\nc,-1.4,0.2\nd,0.1,0.05\n", false, meta::Measure::kGeneric);
  auto p = ParseSvg(ForestPlot(f.a, f.in, {.x_label = "Log hazard ratio"}));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("rect.study"), 4);
  EXPECT_TRUE(p.HasText("Log hazard ratio"));
  EXPECT_FALSE(p.HasText("Events/N"));
}

TEST(ForestPlot, TwoArmStudiesShowBothArmsOnTheLogScale) {
  Fixture f = Analyze("study,events1,n1,events2,n2\na,12,40,20,41\nb,8,30,15,32\nc,20,60,25,58\n", false,
                      meta::Measure::kRR);
  auto p = ParseSvg(ForestPlot(f.a, f.in, {}));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("rect.study"), 3);
  EXPECT_TRUE(p.HasText("12/40 vs 20/41"));
  EXPECT_TRUE(p.HasText("Log risk ratio"));
}

TEST(ForestPlot, CjkNamesWidenTheLabelColumn) {
  Fixture latin = Analyze("study,events,n\nab,5,20\ncd,9,30\n", false);
  Fixture cjk = Analyze("study,events,n\n北京大学人民医院研究北京大学人民医院研究,5,20\ncd,9,30\n", false);
  auto width = [](const std::string& svg) { return std::stod(svg.substr(svg.find("width=\"") + 7)); };
  EXPECT_GT(width(ForestPlot(cjk.a, cjk.in, {})), width(ForestPlot(latin.a, latin.in, {})));
}

// Not a check: writes the CD19 plot for a person to look at (CARTA_PLOT_OUT=/tmp/forest.svg).
// The cumulative forest plot: one square per step, labelled with the study
// added, a reference line at the final estimate, limits as asked.
TEST(CumulativePlot, OneMarkPerStepOnTheProportionScale) {
  auto in = meta::InputFromCsv(kCd19Csv, "in.csv");
  ASSERT_TRUE(in.ok());
  auto rows = meta::Cumulative(*in, meta::Measure::kPLO, meta::FitOptions{});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ForestOptions o;
  o.x_min = 0.4;
  o.x_max = 1;
  const auto svg = ParseSvg(CumulativePlot(*rows, meta::Measure::kPLO, 0.95, o));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_EQ(svg.Count("rect.step"), 12);
  EXPECT_EQ(svg.Count("line.reference"), 1);
  EXPECT_TRUE(svg.HasText("+ eliana"));
  EXPECT_TRUE(svg.HasText("+ zuma2"));
  EXPECT_TRUE(svg.HasText("12"));  // k of the last step
  EXPECT_TRUE(svg.HasText("0.4"));  // the asked lower limit is the first tick
  EXPECT_FALSE(svg.HasTextContaining("nan"));
}

// Forest-plot options (issue 17): sorting, extra columns, axis limits and
// subgroup summaries, checked on the SVG's structure.
const char* kYearsCsv =
    "study,events,n,group,year\n"
    "a,30,40,x,2019\n"
    "b,5,20,y,2015\n"
    "c,18,20,x,2021\n"
    "d,12,30,y,2017\n";

// The position of each study's label among the SVG's texts.
std::vector<size_t> LabelOrder(const testing::ParsedSvg& svg, const std::vector<std::string>& studies) {
  std::vector<size_t> at;
  for (const auto& s : studies) {
    at.push_back(std::find(svg.texts.begin(), svg.texts.end(), s) - svg.texts.begin());
  }
  return at;
}

Fixture WithColumns(const std::string& csv, bool by_group) {
  Fixture f = Analyze(csv, by_group);
  EXPECT_TRUE(meta::AddExtraColumns(csv, "in.csv", {"year", "n"}, &f.in).ok());
  return f;
}

TEST(ForestOptions, SortsByEffectWeightOrColumn) {
  Fixture f = WithColumns(kYearsCsv, false);
  ForestOptions o;
  o.sort = "effect";  // b 0.25, d 0.4, a 0.75, c 0.9
  auto at = LabelOrder(ParseSvg(ForestPlot(f.a, f.in, o)), {"b", "d", "a", "c"});
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  o.sort = "year";  // b 2015, d 2017, a 2019, c 2021
  at = LabelOrder(ParseSvg(ForestPlot(f.a, f.in, o)), {"b", "d", "a", "c"});
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  o.sort = "weight";
  std::vector<std::pair<double, std::string>> by_weight;
  for (const auto& s : f.a.studies) by_weight.push_back({-s.weight, s.input.study});
  std::sort(by_weight.begin(), by_weight.end());
  std::vector<std::string> heaviest_first;
  for (const auto& [w, s] : by_weight) heaviest_first.push_back(s);
  at = LabelOrder(ParseSvg(ForestPlot(f.a, f.in, o)), heaviest_first);
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  o.sort = "";  // input order
  at = LabelOrder(ParseSvg(ForestPlot(f.a, f.in, o)), {"a", "b", "c", "d"});
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
}

TEST(ForestOptions, ExtraColumnsLimitsAndSubgroupSummaries) {
  Fixture f = WithColumns(kYearsCsv, true);
  ForestOptions o;
  o.columns = {"year", "n"};
  o.x_min = 0.2;
  o.x_max = 1;
  const auto svg = ParseSvg(ForestPlot(f.a, f.in, o));
  ASSERT_TRUE(svg.well_formed) << svg.error;
  EXPECT_EQ(svg.Count("text.extra"), 8);  // 4 studies x 2 columns
  EXPECT_TRUE(svg.HasText("year"));
  EXPECT_TRUE(svg.HasText("2021"));
  EXPECT_TRUE(svg.HasText("0.2"));  // the asked lower limit is the first tick
  EXPECT_EQ(svg.Count("polygon.subgroup"), 2);
  EXPECT_TRUE(svg.HasTextContaining("Test for subgroup differences"));
  // Without the options: no extra cells.
  EXPECT_EQ(ParseSvg(ForestPlot(f.a, f.in, {})).Count("text.extra"), 0);
}

TEST(ForestOptions, RefusesWhatTheInputDoesNotCarry) {
  Fixture f = WithColumns(kYearsCsv, false);
  ForestOptions o;
  o.sort = "latitude";
  EXPECT_EQ(CheckForestOptions(o, f.in).location().field, "sort");
  o.sort = "year";
  EXPECT_TRUE(CheckForestOptions(o, f.in).ok());
  o.columns = {"dose"};
  EXPECT_EQ(CheckForestOptions(o, f.in).location().field, "columns");
  o.columns = {};
  o.x_min = 1;
  o.x_max = 0.5;
  EXPECT_EQ(CheckForestOptions(o, f.in).location().field, "xlim");
  meta::AnalysisInput copy = f.in;
  EXPECT_EQ(meta::AddExtraColumns(kYearsCsv, "in.csv", {"dose"}, &copy).location().field, "columns");
}

}  // namespace
}  // namespace carta::plot
