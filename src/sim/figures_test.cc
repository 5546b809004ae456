// The simulator's figures and the observed landmarks they are drawn against.
#include "carta/sim/figures.h"

#include <gtest/gtest.h>

#include "carta/sim/calibrate.h"

namespace carta::sim {
namespace {

long Occurrences(const std::string& text, const std::string& what) {
  long n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

evidence::CohortValue Value(const char* key, evidence::CohortValue::Kind kind) {
  evidence::CohortValue v;
  v.key = key;
  v.kind = kind;
  return v;
}

evidence::Cohort Cohort(const char* id, const char* product) {
  evidence::Cohort c;
  c.id = id;
  c.product_id = product;
  c.indications = {"LBCL"};
  auto n = Value("n", evidence::CohortValue::Kind::kCount);
  n.count = 100;
  auto pfs12 = Value("pfs_12mo", evidence::CohortValue::Kind::kRate);
  pfs12.rate.percent = 44;
  auto median = Value("pfs_median", evidence::CohortValue::Kind::kMedian);
  median.median.duration.value = 5.9;
  median.median.duration.unit = "months";
  auto orr = Value("orr", evidence::CohortValue::Kind::kRate);
  orr.rate.percent = 80;
  c.values = {n, orr, pfs12, median};
  return c;
}

TEST(SimFigures, LandmarksOfTheMatchingCohortsOnly) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(Cohort("zuma-x", "yescarta"));
  eb.cohorts.push_back(Cohort("other", "kymriah"));
  auto s = MakeScenario("yescarta", "LBCL");
  ASSERT_TRUE(s.ok());
  const auto observed = ObservedLandmarks(eb, *s);
  ASSERT_EQ(observed.size(), 2u) << "pfs_12mo and pfs_median of zuma-x; orr is no landmark";
  EXPECT_EQ(observed[0].cohort, "zuma-x");
  EXPECT_EQ(observed[0].endpoint, "pfs");
  EXPECT_EQ(observed[0].months, 12);
  EXPECT_NEAR(observed[0].survival, 0.44, 1e-12);
  EXPECT_EQ(observed[0].n, 100);
  EXPECT_LT(observed[0].lower, 0.44);
  EXPECT_GT(observed[0].upper, 0.44);
  EXPECT_EQ(observed[1].survival, 0.5);  // a median: survival 0.5 at its time
}

TEST(SimFigures, TrialFigureDrawsTheCurveAndEachLandmark) {
  TrialSummary summary;
  summary.patients = 3;
  summary.pfs_curve.steps = {{2.0, 3, 1, 0, 2.0 / 3}, {6.0, 2, 1, 0, 1.0 / 3}};
  std::vector<ObservedLandmark> observed = {{"a<b", "pfs", 12, 0.4, 0.3, 0.5, 100}, {"c", "efs", 6, 0.5, 0.5, 0.5, 0}};
  const std::string svg = TrialFigure("t & u", summary, observed);
  EXPECT_EQ(Occurrences(svg, "class=\"km-curve\""), 1);
  EXPECT_EQ(Occurrences(svg, "class=\"landmark\""), 2);
  EXPECT_EQ(Occurrences(svg, "class=\"landmark-ci\""), 2);
  EXPECT_NE(svg.find("a&lt;b"), std::string::npos);  // names are escaped
  EXPECT_NE(svg.find("t &amp; u"), std::string::npos);
  EXPECT_EQ(TrialFigure("none", summary).find("class=\"landmark\""), std::string::npos);
}

TEST(SimFigures, CourseFigureDrawsSixSeriesAndTheAntigenLowCloneWhenThereIsOne) {
  std::vector<TimePoint> course(3);
  course[1].day = 1;
  course[2].day = 2;
  EXPECT_EQ(Occurrences(CourseFigure("p", course), "class=\"course\""), 6);
  EXPECT_EQ(Occurrences(CourseFigure("p", {}), "class=\"course\""), 6);  // an empty course draws the axes
  course[1].tumour_low_antigen_cells = 1e9;
  const std::string svg = CourseFigure("p", course);
  EXPECT_EQ(Occurrences(svg, "class=\"course\""), 7);
  EXPECT_NE(svg.find("antigen-low"), std::string::npos);
}

}  // namespace
}  // namespace carta::sim
