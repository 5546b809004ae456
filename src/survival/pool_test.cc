// Pooling landmark survival from the evidence base: which cohorts report
// S(L), which bound it (medians, NR, other landmarks), the random-effects
// model of the reported values (carta::meta, checked against metafor), and
// the censored-likelihood model that also uses the bounds.
#include "carta/survival/pool.h"

#include <gtest/gtest.h>

#include <cmath>

#include "../evidence/test_util.h"

namespace carta::survival {
namespace {

using evidence::BuildFromText;

std::string Cohort(const std::string& id, const std::string& extra) {
  return "[cohort " + id + "]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = DLBCL\n" + extra;
}

// Five LBCL cohorts: three print PFS at 12 months, one only a median NR after
// 24 months of follow-up, one a median of 5 months; an FL cohort is filtered out.
std::string Evidence() {
  return evidence::MiniProduct() + Cohort("a", "n = 100\npfs_12mo = 60%\n") + Cohort("b", "n = 50\npfs_12mo = 44%\n") +
         Cohort("c", "n = 80\npfs_median = NR\npfs_12mo = 71%\nfollowup_median = 20 months\n") +
         Cohort("d", "n = 60\npfs_median = NR\nfollowup_median = 24 months\n") +
         Cohort("e", "n = 40\npfs_median = 5 months\npfs_24mo = 20%\n") +
         Cohort("f", "n = 30\npfs_median = NR\nfollowup_median = 6 months\n") +
         "[cohort g]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = FL\nn = 30\npfs_12mo = 90%\n";
}

TEST(SurvPool, ReportedAndBoundedCohorts) {
  auto eb = BuildFromText(Evidence());
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  LandmarkQuery q;
  q.indication = "LBCL";
  auto pool = PoolLandmark(*eb, q);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  ASSERT_EQ(pool->studies.size(), 5u);
  EXPECT_EQ(pool->studies[0].cohort, "a");
  EXPECT_TRUE(pool->studies[2].reported);  // c prints its landmark: used, not its NR
  const LandmarkStudy& d = pool->studies[3];
  EXPECT_EQ(d.cohort, "d");
  EXPECT_FALSE(d.reported);
  EXPECT_EQ(d.surv_lower, 0.5);  // NR after 24 months: S(12) >= 1/2
  EXPECT_EQ(d.surv_upper, 1);
  const LandmarkStudy& e = pool->studies[4];
  EXPECT_EQ(e.surv_lower, 0.2);  // S(24) = 20%: S(12) >= 0.2
  EXPECT_EQ(e.surv_upper, 0.5);  // median 5 months: S(12) <= 1/2
  ASSERT_EQ(pool->excluded.size(), 1u);  // f: NR after 6 months says nothing at 12
  EXPECT_EQ(pool->excluded[0].first, "f");
  ASSERT_TRUE(pool->fit.has_value());
  EXPECT_EQ(pool->fit->k, 3);
  ASSERT_TRUE(pool->censored.has_value());
  EXPECT_EQ(pool->censored->k_reported, 3);
  EXPECT_EQ(pool->censored->k_bounded, 2);
  EXPECT_GT(pool->surv, 0.44);
  EXPECT_LT(pool->surv, 0.71);
  EXPECT_LT(pool->surv_lb, pool->surv);
  EXPECT_GT(pool->surv_ub, pool->surv);
}

TEST(SurvPool, ReportedValuesPoolAsMetaFitOnTheirScale) {
  auto eb = BuildFromText(Evidence());
  ASSERT_TRUE(eb.ok());
  for (PoolScale scale : {PoolScale::kLogit, PoolScale::kLogLog}) {
    LandmarkQuery q;
    q.indication = "LBCL";
    q.scale = scale;
    auto pool = PoolLandmark(*eb, q);
    ASSERT_TRUE(pool.ok());
    std::vector<double> yi, vi;
    for (auto [s, n] : std::vector<std::pair<double, long>>{{0.60, 100}, {0.44, 50}, {0.71, 80}}) {
      // By hand: logit var 1/(nS(1−S)); log-log var (1−S)/(nS log²S).
      yi.push_back(scale == PoolScale::kLogit ? std::log(s / (1 - s)) : std::log(-std::log(s)));
      vi.push_back(scale == PoolScale::kLogit ? 1 / (n * s * (1 - s)) : (1 - s) / (n * s * std::log(s) * std::log(s)));
    }
    auto fit = meta::Fit(yi, vi, meta::FitOptions{});
    ASSERT_TRUE(fit.ok());
    EXPECT_NEAR(pool->fit->estimate, fit->estimate, 1e-12);
    EXPECT_NEAR(pool->surv, LandmarkSurvival(scale, fit->estimate), 1e-12);
    EXPECT_LT(pool->surv_lb, pool->surv_ub);
  }
}

TEST(SurvPool, CensoredModelIsMetaMlWithoutBounds) {
  // Without bounded cohorts the censored likelihood is the ML random-effects model.
  auto eb = BuildFromText(evidence::MiniProduct() + Cohort("a", "n = 100\npfs_12mo = 60%\n") +
                          Cohort("b", "n = 50\npfs_12mo = 44%\n") + Cohort("c", "n = 80\npfs_12mo = 71%\n") +
                          Cohort("d", "n = 30\npfs_12mo = 35%\n"));
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  LandmarkQuery q;
  q.fit.method = meta::Method::kML;
  auto pool = PoolLandmark(*eb, q);
  ASSERT_TRUE(pool.ok());
  ASSERT_TRUE(pool->censored.has_value());
  EXPECT_NEAR(pool->censored->mu, pool->fit->estimate, 1e-7);
  EXPECT_NEAR(pool->censored->tau2, pool->fit->tau2, 1e-7);
  EXPECT_NEAR(pool->censored->se_mu, pool->fit->estimate_se, 1e-6);
}

TEST(SurvPool, ClearMessagesWhenItCannotPool) {
  auto eb = BuildFromText(Evidence());
  ASSERT_TRUE(eb.ok());
  LandmarkQuery q;
  q.endpoint = "dfs";
  EXPECT_FALSE(PoolLandmark(*eb, q).ok());
  q.endpoint = "os";
  auto none = PoolLandmark(*eb, q);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("0 cohorts report it"), std::string::npos) << none.status().message();
  q.endpoint = "pfs";
  q.landmark_months = 0;
  EXPECT_FALSE(PoolLandmark(*eb, q).ok());
  EXPECT_FALSE(ParsePoolScale("probit").ok());
}

TEST(SurvPool, EffectsAtTheEdges) {
  // 100% of 20: half a patient in, (20 + 0.5)/21 → finite on both scales.
  for (PoolScale scale : {PoolScale::kLogit, PoolScale::kLogLog}) {
    auto [y, v] = LandmarkEffect(scale, 1.0, 20);
    EXPECT_TRUE(std::isfinite(y) && std::isfinite(v));
    EXPECT_NEAR(LandmarkSurvival(scale, y), 20.5 / 21, 1e-12);
  }
}

}  // namespace
}  // namespace carta::survival
