#include "carta/survival/pool_ipd.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "carta/core/csv.h"
#include "test_util.h"

namespace carta::survival {
namespace {

// veteran's four cell types as four "studies", each with its two treatment arms.
std::vector<IpdStudy> VeteranStudies() {
  const SurvData all = testing::LoadData("veteran_strata.csv");
  auto table = ParseCsv(testing::ReadText(testing::GoldenPath("veteran_strata.csv")), "veteran_strata.csv");
  EXPECT_TRUE(table.ok());
  std::map<std::string, IpdStudy> by;
  for (size_t i = 0; i < table->rows.size(); ++i) {
    IpdStudy& s = by[table->rows[i][3]];
    s.name = table->rows[i][3];
    s.data.time.push_back(all.time[i]);
    s.data.event.push_back(all.event[i]);
    s.data.group.push_back(all.group[i]);
  }
  std::vector<IpdStudy> out;
  for (auto& [name, s] : by) out.push_back(std::move(s));
  return out;
}

TEST(PoolIpd, OneStageCoxIsCoxphStratifiedByStudy) {
  auto pool = PoolIpd(VeteranStudies(), {});
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  ASSERT_TRUE(pool->cox.has_value()) << pool->cox_note;
  const auto e = testing::LoadJson("veteran_strata.json")["cox"];
  EXPECT_NEAR(pool->cox->coef[0], e["coef"][0].get<double>(), 1e-6);
  EXPECT_NEAR(pool->cox->se[0], e["se"][0].get<double>(), 1e-6);
  EXPECT_EQ(pool->studies.size(), 4u);
  EXPECT_EQ(pool->naive.steps.empty(), false);
}

// The two-stage estimate worked out here: each study's KM S(t) and Greenwood
// SE on the log(−log) scale (delta method), then the random-effects model.
TEST(PoolIpd, TwoStageLandmarkIsTheRandomEffectsModelOfTheStudiesEstimates) {
  const auto studies = VeteranStudies();
  IpdPoolOptions o;
  o.landmarks = {90};
  auto pool = PoolIpd(studies, o);
  ASSERT_TRUE(pool.ok());
  ASSERT_EQ(pool->landmarks.size(), 1u);
  std::vector<double> yi, vi;
  for (const auto& st : studies) {
    auto km = FitKaplanMeier(st.data.time, st.data.event);
    const SurvivalEstimate e = SurvivalAt(*km, 90);
    const double ls = std::log(e.surv);
    yi.push_back(std::log(-ls));
    vi.push_back(e.se_surv * e.se_surv / (e.surv * ls * e.surv * ls));
  }
  auto fit = meta::Fit(yi, vi, meta::FitOptions{});
  ASSERT_TRUE(fit.ok());
  const IpdLandmark& l = pool->landmarks[0];
  EXPECT_EQ(l.k, 4);
  EXPECT_NEAR(l.surv, std::exp(-std::exp(fit->estimate)), 1e-12);
  EXPECT_NEAR(l.surv_lb, std::exp(-std::exp(fit->estimate_ci_ub)), 1e-12);  // the scale reverses order
  EXPECT_LT(l.surv_lb, l.surv);
  EXPECT_GT(l.surv_ub, l.surv);
  EXPECT_NEAR(l.tau2, fit->tau2, 1e-12);
}

TEST(PoolIpd, IdenticalStudiesPoolToTheirOwnSurvival) {
  IpdStudy a{"a", {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {1, 0, 1, 1, 0, 1, 0, 1, 1, 0}, {}, {}}};
  IpdStudy b = a;
  b.name = "b";
  IpdPoolOptions o;
  o.landmarks = {4.5, 20};
  auto pool = PoolIpd({a, b}, o);
  ASSERT_TRUE(pool.ok());
  auto km = FitKaplanMeier(a.data.time, a.data.event);
  ASSERT_EQ(pool->landmarks.size(), 1u);  // nobody is followed to 20
  EXPECT_NEAR(pool->landmarks[0].surv, SurvivalAt(*km, 4.5).surv, 1e-10);
  EXPECT_NEAR(pool->landmarks[0].tau2, 0, 1e-12);
  ASSERT_EQ(pool->landmark_notes.size(), 1u);
  EXPECT_FALSE(pool->cox.has_value());
  EXPECT_NE(pool->cox_note.find("no arms"), std::string::npos);
}

TEST(PoolIpd, RefusesWhatItCannotPool) {
  IpdStudy a{"a", {{1, 2}, {1, 0}, {}, {}}};
  EXPECT_FALSE(PoolIpd({a}, {}).ok());
  EXPECT_FALSE(PoolIpd({a, a}, {}).ok());  // one name twice
  IpdStudy empty{"e", {}};
  EXPECT_FALSE(PoolIpd({a, empty}, {}).ok());
}

}  // namespace
}  // namespace carta::survival
