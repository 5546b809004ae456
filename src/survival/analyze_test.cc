#include "carta/survival/analyze.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace carta::survival {
namespace {

SurvInput Input(const std::string& name, const SurvColumns& columns = {}) {
  return {testing::ReadText(testing::GoldenPath(name)), name, columns};
}

TEST(TimeUnit, ParsesNamesAndConverts) {
  EXPECT_EQ(*ParseTimeUnit("days"), TimeUnit::kDays);
  EXPECT_STREQ(TimeUnitName(TimeUnit::kYears), "years");
  auto bad = ParseTimeUnit("fortnights");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "time_unit");
  EXPECT_NE(bad.status().message().find("days, weeks, months, years or hours"), std::string::npos);
  EXPECT_NEAR(MonthsPerUnit(TimeUnit::kHours) * 24 * 365.25 / 12, 1.0, 1e-12);  // the evidence base's hours
  EXPECT_DOUBLE_EQ(YearsIn(TimeUnit::kMonths, 5), 60);
  EXPECT_DOUBLE_EQ(YearsIn(TimeUnit::kYears, 10), 10);
  EXPECT_NEAR(YearsIn(TimeUnit::kDays, 1), 365.25, 1e-9);
  EXPECT_NEAR(YearsIn(TimeUnit::kWeeks, 1), 365.25 / 7, 1e-9);
}

TEST(AnalyzeKaplanMeier, GroupsLandmarksRmstAndTests) {
  KmRequest q;
  q.input = Input("aml.csv");
  q.at = {12, 24};
  q.rmst_horizon = 48;
  auto r = AnalyzeKaplanMeier(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->groups.size(), 2u);
  EXPECT_EQ(r->groups[0].group, "Maintained");
  ASSERT_EQ(r->groups[0].at.size(), 2u);
  EXPECT_DOUBLE_EQ(r->groups[0].at[0].surv, SurvivalAt(r->groups[0].curve, 12).surv);
  EXPECT_DOUBLE_EQ(r->groups[0].median.time, Median(r->groups[0].curve).time);
  ASSERT_TRUE(r->groups[1].rmst.has_value());
  EXPECT_TRUE(r->logrank.has_value());
  EXPECT_TRUE(r->cox.has_value());
  EXPECT_TRUE(r->cox_note.empty());
}

TEST(AnalyzeKaplanMeier, UnknownReferenceFailsWithItsField) {
  KmRequest q;
  q.input = Input("aml.csv");
  q.reference = "Nobody";
  auto r = AnalyzeKaplanMeier(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "reference");
  EXPECT_EQ(r.status().message().find("--"), std::string::npos);  // no command-line flag named
}

TEST(AnalyzeKaplanMeier, BadRowsNameTheSource) {
  KmRequest q;
  q.input = {"time,event\n1,1\n2x,0\n", "f.csv", {}};
  auto r = AnalyzeKaplanMeier(q);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("f.csv:3"), std::string::npos);
}

TEST(FitModels, AllFitsEveryDistributionWithTheHorizonsLast) {
  auto all = ParseDists("all");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 6u);
  EXPECT_EQ(all->front(), Dist::kExponential);
  EXPECT_EQ(all->back(), Dist::kGenGamma);
  auto bad = ParseDists("weibul");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "dist");
  EXPECT_NE(bad.status().message().find("or all"), std::string::npos);

  FitRequest q;
  SurvColumns one_group;
  one_group.group = "none";  // no such column: aml's two arms as one sample
  q.input = Input("aml.csv", one_group);
  q.dists = {Dist::kExponential, Dist::kWeibull};
  q.at = {6};
  auto r = FitModels(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->fits.size(), 2u);
  EXPECT_EQ(r->fits[1].options.dist, Dist::kWeibull);
  // The data's times, then 5 and 10 years in months.
  ASSERT_EQ(r->fits[0].predictions.size(), 3u);
  EXPECT_DOUBLE_EQ(r->fits[0].predictions[0].time, 6);
  EXPECT_DOUBLE_EQ(r->fits[0].predictions[1].time, 60);
  EXPECT_DOUBLE_EQ(r->fits[0].predictions[2].time, 120);
  EXPECT_DOUBLE_EQ(r->plot_until, 161);  // aml's last follow-up is after 10 years
}

TEST(FitModels, RefusesSeveralGroups) {
  FitRequest q;
  q.input = Input("aml.csv");
  q.input.csv = "time,event,group\n1,1,a\n2,0,b\n3,1,a\n";
  q.input.source = "two.csv";
  auto r = FitModels(q);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("several groups"), std::string::npos);
}

TEST(ReconstructPatients, RowsSortedAndTooManyEventsRefused) {
  ReconstructRequest q;
  q.points_csv = testing::ReadText(testing::GoldenPath("guyot_arm2_curve.csv"));
  q.points_source = "curve.csv";
  q.risk_csv = testing::ReadText(testing::GoldenPath("guyot_arm2_risk.csv"));
  q.risk_source = "risk.csv";
  q.total_events = 33;
  auto r = ReconstructPatients(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (size_t i = 1; i < r->patients.size(); ++i) {
    const double t0 = r->patients.time[i - 1], t1 = r->patients.time[i];
    EXPECT_TRUE(t0 < t1 || (t0 == t1 && r->patients.event[i - 1] >= r->patients.event[i])) << i;
  }
  q.total_events = 100000;
  auto bad = ReconstructPatients(q);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "events");
  EXPECT_NE(bad.status().message().find("more events than the"), std::string::npos);
}

TEST(PoolPatientData, StudiesByNameStratified) {
  const std::string text = testing::ReadText(testing::GoldenPath("aml.csv"));
  IpdPoolRequest q;
  q.studies = {{"one", {text, "one.csv", {}}}, {"two", {text, "two.csv", {}}}};
  q.options.landmarks = {12};
  auto r = PoolPatientData(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->studies.size(), 2u);
  EXPECT_EQ(r->studies[1].name, "two");
  EXPECT_EQ(StudyName("runs/adeno.csv"), "adeno");
  q.studies.pop_back();
  EXPECT_FALSE(PoolPatientData(q).ok());
}

TEST(AnalyzeKaplanMeier, Cancelled) {
  struct Stop : Progress {
    void Update(uint64_t, uint64_t) override {}
    void Finish() override {}
    bool Cancelled() const override { return true; }
  } stop;
  KmRequest q;
  q.input = Input("aml.csv");
  auto r = AnalyzeKaplanMeier(q, &stop);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled);
}


// Issue 17: answers without a word.
TEST(AnalyzeKaplanMeier, LandmarkTimesMustBeFiniteAndNotNegative) {
  for (double t : {std::nan(""), -3.0, HUGE_VAL}) {
    KmRequest q;
    q.input = Input("aml.csv");
    q.at = {12, t};
    auto r = AnalyzeKaplanMeier(q);
    ASSERT_FALSE(r.ok()) << t;
    EXPECT_EQ(r.status().location().field, "at") << t;
    EXPECT_EQ(r.status().message().find("--"), std::string::npos);
  }
  FitRequest f;
  f.input = Input("aml.csv");
  f.input.columns.group = "none";
  f.at = {-1};
  auto r = FitModels(f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "at");
}

TEST(AnalyzeKaplanMeier, BlankGroupLabelRefused) {
  KmRequest q;
  q.input = {"time,event,group\n1,1,A\n2,0, \n3,1,B\n", "g.csv", {}};
  auto r = AnalyzeKaplanMeier(q);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("g.csv:3"), std::string::npos) << r.status().ToString();
  EXPECT_EQ(r.status().location().field, "group");
}

TEST(AnalyzeKaplanMeier, RmstPastTheLastFollowUpWarnsAndStaysPositive) {
  KmRequest q;
  q.input = Input("aml.csv");  // Nonmaintained followed up to 45
  q.rmst_horizon = 48;
  auto r = AnalyzeKaplanMeier(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("Nonmaintained"), std::string::npos) << r->warnings[0];
  q.rmst_horizon = 40;
  r = AnalyzeKaplanMeier(q);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->warnings.empty());
  // Two patients, one event at 1, τ far out: the normal interval would go below 0.
  q.input = {"time,event\n1,1\n2,0\n", "two.csv", {}};
  q.rmst_horizon = 100;
  r = AnalyzeKaplanMeier(q);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->groups[0].rmst.has_value());
  EXPECT_GE(r->groups[0].rmst->lower, 0);
  EXPECT_LE(r->groups[0].rmst->upper, 100);
  EXPECT_EQ(r->warnings.size(), 1u);
}

}  // namespace
}  // namespace carta::survival
