// Kaplan–Meier, Greenwood, intervals, medians, landmarks and RMST against R
// survival 3.5-3 (tests/golden/survival/*.json from survival_golden.R).
#include "carta/survival/km.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace carta::survival {
namespace {

using nlohmann::json;
using testing::ExpectNear;

const char* const kDatasets[] = {"aml", "lung_ecog", "veteran", "ovarian", "flat_half"};

void CheckCurve(const json& e, const KaplanMeier& km, const std::string& what) {
  ASSERT_EQ(km.steps.size(), e["time"].size()) << what;
  for (size_t i = 0; i < km.steps.size(); ++i) {
    const KmStep& s = km.steps[i];
    const std::string at = what + " step " + std::to_string(i);
    ExpectNear(e["time"][i], s.time, at + " time");
    ExpectNear(e["n_risk"][i], static_cast<double>(s.n_risk), at + " n_risk");
    ExpectNear(e["n_event"][i], static_cast<double>(s.n_event), at + " n_event");
    ExpectNear(e["n_censor"][i], static_cast<double>(s.n_censor), at + " n_censor");
    ExpectNear(e["surv"][i], s.surv, at + " surv");
    ExpectNear(e["std_err"][i], s.se_log_surv, at + " std_err");
    ExpectNear(e["lower"][i], s.lower, at + " lower");
    ExpectNear(e["upper"][i], s.upper, at + " upper");
  }
}

void CheckSummaries(const json& e, const KaplanMeier& km, const std::string& what) {
  const QuantileEstimate m = Median(km);
  ExpectNear(e["median"], m.time, what + " median");
  ExpectNear(e["median_lcl"], m.lower, what + " median lcl");
  ExpectNear(e["median_ucl"], m.upper, what + " median ucl");
  auto r = Rmst(km, e["rmst_horizon"].get<double>());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectNear(e["rmst"], r->rmst, what + " rmst");
  ExpectNear(e["rmst_se"], r->se, what + " rmst se");
  for (size_t i = 0; i < e["landmark_time"].size(); ++i) {
    const SurvivalEstimate s = SurvivalAt(km, e["landmark_time"][i].get<double>());
    const std::string at = what + " landmark " + e["landmark_time"][i].dump();
    EXPECT_TRUE(s.within_followup) << at;
    ExpectNear(e["landmark_n_risk"][i], static_cast<double>(s.n_risk), at + " n_risk");
    ExpectNear(e["landmark_surv"][i], s.surv, at + " surv");
    ExpectNear(e["landmark_std_err"][i], s.se_surv, at + " std_err");
    ExpectNear(e["landmark_lower"][i], s.lower, at + " lower");
    ExpectNear(e["landmark_upper"][i], s.upper, at + " upper");
  }
}

TEST(KaplanMeierGolden, MatchesSurvfit) {
  int curves = 0;
  for (const char* name : kDatasets) {
    const json g = testing::LoadJson(std::string(name) + ".json");
    const SurvData all = testing::LoadData(std::string(name) + ".csv");
    for (const json& e : g["km"]) {
      const std::string group = e["group"];
      const SurvData d = SelectGroup(all, group);
      KmOptions o;
      o.conf_type = *ParseConfType(e["conf_type"].get<std::string>());
      const std::string what = std::string(name) + " [" + group + "] " + e["conf_type"].get<std::string>();
      auto km = FitKaplanMeier(d.time, d.event, o);
      ASSERT_TRUE(km.ok()) << what << ": " << km.status().ToString();
      EXPECT_EQ(km->n, static_cast<long>(d.size()));
      CheckCurve(e, *km, what);
      CheckSummaries(e, *km, what);
      ++curves;
    }
  }
  EXPECT_EQ(curves, 39);
}

TEST(KaplanMeier, HandWorkedSmallCase) {
  // Five patients: events at 1, 2, 3 and 4, one censored at 2 (after the tied event).
  auto km = FitKaplanMeier({1, 2, 2, 3, 4}, {1, 0, 1, 1, 1});
  ASSERT_TRUE(km.ok());
  ASSERT_EQ(km->steps.size(), 4u);
  EXPECT_DOUBLE_EQ(km->steps[0].surv, 0.8);
  EXPECT_DOUBLE_EQ(km->steps[1].surv, 0.8 * 3 / 4);
  EXPECT_EQ(km->steps[2].n_risk, 2);
  EXPECT_DOUBLE_EQ(km->steps[2].surv, 0.3);
  // Greenwood: 1/(5·4) + 1/(4·3) + 1/(2·1).
  EXPECT_NEAR(km->steps[2].se_log_surv, std::sqrt(1.0 / 20 + 1.0 / 12 + 0.5), 1e-15);
  EXPECT_EQ(km->steps[3].surv, 0);
  EXPECT_TRUE(std::isinf(km->steps[3].se_log_surv));
  EXPECT_EQ(Median(*km).time, 3);
  // RMST to 3.5: 1 + 0.8 + 0.6 + 0.3·0.5.
  EXPECT_NEAR(Rmst(*km, 3.5)->rmst, 2.55, 1e-12);
}

TEST(KaplanMeier, NotReachedIsNaNAndBeyondFollowupIsFlagged) {
  auto km = FitKaplanMeier({1, 2, 3, 4, 5}, {1, 0, 0, 0, 0});
  ASSERT_TRUE(km.ok());
  EXPECT_TRUE(std::isnan(Median(*km).time));
  const SurvivalEstimate late = SurvivalAt(*km, 6);
  EXPECT_FALSE(late.within_followup);
  EXPECT_TRUE(std::isnan(late.surv));
}

TEST(KaplanMeier, RefusesBadInput) {
  EXPECT_FALSE(FitKaplanMeier({}, {}).ok());
  EXPECT_FALSE(FitKaplanMeier({1, 2}, {1}).ok());
  EXPECT_FALSE(FitKaplanMeier({-1, 2}, {1, 1}).ok());
  EXPECT_FALSE(FitKaplanMeier({1, 2}, {1, 2}).ok());
  EXPECT_FALSE(FitKaplanMeier({1, NAN}, {1, 1}).ok());
  KmOptions o;
  o.level = 1.5;
  EXPECT_FALSE(FitKaplanMeier({1, 2}, {1, 1}, o).ok());
  auto km = FitKaplanMeier({1, 2}, {1, 1});
  EXPECT_FALSE(Rmst(*km, 0).ok());
  EXPECT_FALSE(ParseConfType("logit").ok());
}

TEST(SurvData, CsvErrorsNameLineAndColumn) {
  auto bad_number = ParseSurvCsv("time,event\n1,1\n2x,0\n", "f.csv");
  ASSERT_FALSE(bad_number.ok());
  EXPECT_EQ(bad_number.status().message(), "f.csv:3: column 'time': '2x' is not a number");
  auto bad_event = ParseSurvCsv("time,event\n1,2\n", "f.csv");
  ASSERT_FALSE(bad_event.ok());
  EXPECT_NE(bad_event.status().message().find("f.csv:2: column 'event'"), std::string::npos);
  auto negative = ParseSurvCsv("time,event\n-1,1\n", "f.csv");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("f.csv:2: column 'time'"), std::string::npos);
  EXPECT_FALSE(ParseSurvCsv("time,status\n1,1\n", "f.csv").ok());
  EXPECT_FALSE(ParseSurvCsv("time,event\n", "f.csv").ok());
  EXPECT_FALSE(ParseSurvCsv("time,event\nnan,1\n", "f.csv").ok());
  auto ok = ParseSurvCsv("Time,Event,Group\n1e1,1,a\n2,0,b\n", "f.csv");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->time[0], 10);
  EXPECT_EQ(GroupLevels(*ok), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace carta::survival
