// The `carta tox` use cases: conversions, checks naming the field at fault,
// and the citation each result carries. The grading rules themselves are
// tested in crs_test.cc, icans_test.cc, legacy_test.cc, scores_test.cc and
// series_test.cc; here the expected values are read off those rules.
#include "carta/clinical/tox.h"

#include <gtest/gtest.h>

#include <string>

namespace carta::clinical {
namespace {

TEST(ClinicalTox, CrsConvertsFahrenheitAndCitesTheConsensus) {
  CrsRequest q;
  q.temp_f = 102.2;  // 39 °C
  q.hypoxia = OxygenSupport::kHighFlow;
  auto r = RunCrs(q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(*r->inputs.temp_c, 39.0, 1e-9);
  EXPECT_EQ(r->grade.grade, 3);
  EXPECT_EQ(r->grade.toxicity, "CRS");
  EXPECT_NE(r->grade.source.find("Lee et al."), std::string::npos);
}

TEST(ClinicalTox, CrsFailuresNameTheField) {
  CrsRequest both;
  both.temp_c = 39;
  both.temp_f = 102;
  EXPECT_EQ(RunCrs(both).status().location().field, "temp_f");
  CrsRequest hot;
  hot.temp_f = 131;
  auto r = RunCrs(hot);
  EXPECT_EQ(r.status().location().field, "temp_f");
  EXPECT_NE(r.status().message().find("131 °F is impossible"), std::string::npos);
  CrsRequest missing;
  missing.hypoxia = OxygenSupport::kLowFlow;
  EXPECT_EQ(RunCrs(missing).status().location().field, "temp_c");
  CrsRequest flow;
  flow.temp_c = 39;
  flow.oxygen_l_min = 80;
  EXPECT_EQ(RunCrs(flow).status().location().field, "oxygen_l_min");
}

TEST(ClinicalTox, IcansNamesItsTool) {
  IcansInput adult;
  adult.ice = 0;
  auto r = RunIcans(adult);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->tool, "ICE");
  EXPECT_EQ(r->grade.grade, 3);  // ICE 0 while awake
  IcansInput child;
  child.age_years = 8;
  child.capd = 9;
  EXPECT_EQ(RunIcans(child)->tool, "CAPD");
  IcansInput died;
  died.died_of_icans = true;
  EXPECT_EQ(RunIcans(died)->tool, "");
  IcansInput wrong_tool;
  wrong_tool.age_years = 8;
  wrong_tool.ice = 7;
  EXPECT_EQ(RunIcans(wrong_tool).status().location().field, "ice");
}

TEST(ClinicalTox, CresCitesNeelapu) {
  CresInput in;
  in.cartox10 = 2;
  auto r = GradeCres(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->toxicity, "CRES");
  EXPECT_NE(r->source.find("Neelapu"), std::string::npos);
  EXPECT_EQ(GradeCres(CresInput{}).status().location().field, "cartox10");
}

TEST(ClinicalTox, IceAndCapdGrades) {
  auto ice = RunIce({3, 3, 1, 0, 1});
  ASSERT_TRUE(ice.ok());
  EXPECT_EQ(ice->score, 8);
  EXPECT_EQ(ice->ice_grade, 1);  // ICE 7-9
  EXPECT_EQ(RunIce({5, 3, 1, 1, 1}).status().location().field, "orientation");
  CapdRequest q;
  q.answers = {Frequency::kNever,  Frequency::kNever,  Frequency::kNever,  Frequency::kNever,
               Frequency::kNever,  Frequency::kNever,  Frequency::kNever,  Frequency::kNever};
  const CapdResult capd = RunCapd(q);
  EXPECT_EQ(capd.score, 16);  // items 1-4 reverse-scored: 4 each
  EXPECT_TRUE(capd.screen_positive);
  EXPECT_EQ(capd.capd_grade, 3);  // CAPD >= 9
}

TEST(ClinicalTox, HematotoxConvertsUnitsAndNamesTheBadValue) {
  HematotoxRequest q{{1100, "/uL"}, {95, "g/L"}, {150, ""}, {45, "mg/L"}, {800, ""}};
  auto r = RunHematotox(q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->score, 4);  // ANC 1, Hb 0 (9.5 g/dL), platelets 1, CRP 1 (4.5 mg/dL), ferritin 1
  EXPECT_EQ(r->risk, "high");
  EXPECT_NE(r->source.find("Rejeski"), std::string::npos);
  q.platelets.unit = "mg";
  EXPECT_EQ(RunHematotox(q).status().location().field, "platelets");
  q.platelets.unit = "";
  q.hemoglobin = {95, ""};
  EXPECT_EQ(RunHematotox(q).status().location().field, "hemoglobin");
}

TEST(ClinicalTox, EasixNeedsCreatinineOrCrp) {
  EasixRequest q{{250, ""}, {125, ""}, std::nullopt, std::nullopt};
  EXPECT_EQ(RunEasix(q).status().location().field, "creatinine");
  q.creatinine = Measurement{88.42, "µmol/L"};
  q.crp = Measurement{3, ""};
  auto r = RunEasix(q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(r->easix->value, 2.0, 1e-9);    // 250 x 1 / 125
  EXPECT_NEAR(r->m_easix->value, 6.0, 1e-9);  // 250 x 3 / 125
}

TEST(ClinicalTox, ReadMeasurementSplitsNumberAndUnit) {
  auto m = ReadMeasurement(Quantity::kCreatinine, " 97 µmol/L ");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->value, 97);
  EXPECT_EQ(m->unit, "µmol/L");
  EXPECT_FALSE(ReadMeasurement(Quantity::kCreatinine, "high").ok());
}

TEST(ClinicalTox, SeriesAndItsView) {
  SeriesRequest q{"patient,day,temp_c\nA,1,38.5\nB,1,37\n", "days.csv", 0.95, SeriesView::kSummary};
  auto r = RunSeries(q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->view, SeriesView::kSummary);
  EXPECT_EQ(r->summary.crs.any_grade.events, 1);
  EXPECT_EQ(r->summary.crs.n, 2);
  q.level = 95;
  EXPECT_EQ(RunSeries(q).status().location().field, "level");
  EXPECT_EQ(*ParseSeriesView("patients"), SeriesView::kPatients);
  EXPECT_FALSE(ParseSeriesView("weeks").ok());
  EXPECT_STREQ(SeriesViewName(SeriesView::kDays), "days");
}

TEST(ClinicalTox, SeriesErrorsCarryFileLineAndField) {
  SeriesRequest bad_value{"patient,day,ice\nA,1,4\nA,2,11\n", "bad.csv", 0.95, SeriesView::kAll};
  const Status graded = RunSeries(bad_value).status();
  EXPECT_EQ(graded.message(), "bad.csv:3: ICANS: ICE score 11 is outside 0-10");
  EXPECT_EQ(graded.location().file, "bad.csv");
  EXPECT_EQ(graded.location().line, 3);
  EXPECT_EQ(graded.location().field, "ice");
  SeriesRequest bad_cell{"patient,day,temp_c\nA,1,hot\n", "cell.csv", 0.95, SeriesView::kAll};
  const Status read = RunSeries(bad_cell).status();
  EXPECT_EQ(read.location().line, 2);
  EXPECT_EQ(read.location().field, "temp_c");
  SeriesRequest bad_column{"patient,day,temp\nA,1,39\n", "col.csv", 0.95, SeriesView::kAll};
  const Status header = RunSeries(bad_column).status();
  EXPECT_EQ(header.location().line, 1);
  EXPECT_EQ(header.location().field, "temp");
}

TEST(ClinicalTox, GuidanceFilters) {
  auto all = RunGuidance({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->entries.size(), 8u);
  auto crs2 = RunGuidance({Toxicity::kCrs, 2});
  ASSERT_EQ(crs2->entries.size(), 1u);
  EXPECT_EQ(crs2->entries[0].grade, 2);
  EXPECT_EQ(RunGuidance({std::nullopt, 5}).status().location().field, "grade");
}

}  // namespace
}  // namespace carta::clinical
