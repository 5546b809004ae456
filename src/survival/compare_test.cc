// Log-rank test and Cox model against R survival 3.5-3's survdiff() and
// coxph(ties = "efron") (tests/golden/survival/*.json from survival_golden.R).
#include "carta/core/csv.h"
#include "carta/survival/compare.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace carta::survival {
namespace {

using nlohmann::json;
using testing::ExpectNear;

const char* const kGrouped[] = {"aml", "lung_ecog", "veteran", "ovarian"};

void ExpectVector(const json& e, const std::vector<double>& a, const std::string& what) {
  ASSERT_EQ(e.size(), a.size()) << what;
  for (size_t i = 0; i < a.size(); ++i) ExpectNear(e[i], a[i], what + "[" + std::to_string(i) + "]");
}

TEST(LogRankGolden, MatchesSurvdiff) {
  for (const char* name : kGrouped) {
    const json e = testing::LoadJson(std::string(name) + ".json")["logrank"];
    auto r = LogRankTest(testing::LoadData(std::string(name) + ".csv"));
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
    EXPECT_EQ(r->groups, e["groups"].get<std::vector<std::string>>()) << name;
    ExpectVector(e["n"], std::vector<double>(r->n.begin(), r->n.end()), std::string(name) + " n");
    ExpectVector(e["observed"], r->observed, std::string(name) + " observed");
    ExpectVector(e["expected"], r->expected, std::string(name) + " expected");
    ExpectVector(e["variance"], r->variance, std::string(name) + " variance");
    ExpectNear(e["chisq"], r->chisq, std::string(name) + " chisq");
    ExpectNear(e["df"], r->df, std::string(name) + " df");
    ExpectNear(e["pval"], r->pval, std::string(name) + " pval");
  }
}

TEST(CoxGolden, MatchesCoxphEfron) {
  for (const char* name : kGrouped) {
    const json e = testing::LoadJson(std::string(name) + ".json")["cox"];
    auto r = FitCoxGroups(testing::LoadData(std::string(name) + ".csv"));
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
    const std::string what = name;
    EXPECT_EQ(r->terms, e["terms"].get<std::vector<std::string>>()) << what;
    ExpectVector(e["coef"], r->coef, what + " coef");
    ExpectVector(e["se"], r->se, what + " se");
    ExpectVector(e["hr"], r->hr, what + " hr");
    ExpectVector(e["hr_lb"], r->hr_lb, what + " hr_lb");
    ExpectVector(e["hr_ub"], r->hr_ub, what + " hr_ub");
    ExpectVector(e["z"], r->z, what + " z");
    ExpectVector(e["pval"], r->pval, what + " pval");
    ExpectVector(e["variance"], r->variance, what + " variance");
    ExpectNear(e["loglik_null"], r->loglik_null, what + " loglik_null");
    ExpectNear(e["loglik"], r->loglik, what + " loglik");
    ExpectNear(e["lr"], r->lr, what + " lr");
    ExpectNear(e["lr_pval"], r->lr_pval, what + " lr_pval");
    ExpectNear(e["wald"], r->wald, what + " wald");
    ExpectNear(e["wald_pval"], r->wald_pval, what + " wald_pval");
    ExpectNear(e["score"], r->score, what + " score");
    ExpectNear(e["score_pval"], r->score_pval, what + " score_pval");
  }
}

// Patient data pooled from several sources, one baseline hazard each:
// coxph(Surv(time, event) ~ group + strata(stratum)).
TEST(CoxGolden, StratifiedMatchesCoxphStrata) {
  const json e = testing::LoadJson("veteran_strata.json")["cox"];
  const SurvData data = testing::LoadData("veteran_strata.csv");
  auto table = ParseCsv(testing::ReadText(testing::GoldenPath("veteran_strata.csv")), "veteran_strata.csv");
  ASSERT_TRUE(table.ok());
  CoxOptions o;
  for (const auto& row : table->rows) o.strata.push_back(row[3]);
  auto r = FitCoxGroups(data, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectVector(e["coef"], r->coef, "coef");
  ExpectVector(e["se"], r->se, "se");
  ExpectNear(e["loglik_null"], r->loglik_null, "loglik_null");
  ExpectNear(e["loglik"], r->loglik, "loglik");
  ExpectNear(e["lr"], r->lr, "lr");
  ExpectNear(e["wald"], r->wald, "wald");
  ExpectNear(e["score"], r->score, "score");
  // Without the strata the fit differs: the stratification is doing something.
  auto plain = FitCoxGroups(data);
  ASSERT_TRUE(plain.ok());
  EXPECT_GT(std::fabs(plain->coef[0] - r->coef[0]), 1e-3);
  o.strata.pop_back();
  EXPECT_FALSE(FitCoxGroups(data, o).ok());
}

TEST(LogRank, TwoGroupsByHand) {
  // Group a: events at 1 and 3; group b: event at 2, censored at 4.
  SurvData d{{1, 2, 3, 4}, {1, 1, 1, 0}, {"a", "b", "a", "b"}, {}};
  auto r = LogRankTest(d);
  ASSERT_TRUE(r.ok());
  // E_a = 2/4 + 1/3 + 1/2; V_a = Σ d(n−d)/(n−1)·(n_a/n)(1 − n_a/n) = 1·(1/4) + 1·(2/9) + 1·(1/4).
  EXPECT_NEAR(r->expected[0], 0.5 + 1.0 / 3 + 0.5, 1e-15);
  const double v = 0.25 + 2.0 / 9 + 0.25;
  EXPECT_NEAR(r->chisq, std::pow(2 - (0.5 + 1.0 / 3 + 0.5), 2) / v, 1e-14);
  EXPECT_EQ(r->df, 1);
}

TEST(Cox, RefusesWhatItCannotEstimate) {
  SurvData one_group{{1, 2}, {1, 1}, {"a", "a"}, {}};
  EXPECT_FALSE(FitCoxGroups(one_group).ok());
  EXPECT_FALSE(LogRankTest(one_group).ok());
  SurvData no_events_in_b{{1, 2, 3, 4}, {1, 1, 0, 0}, {"a", "a", "b", "b"}, {}};
  auto r = FitCoxGroups(no_events_in_b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("'b' has no events"), std::string::npos);
  // Every event of a before every event of b: the likelihood has no maximum.
  SurvData separated{{1, 2, 3, 4}, {1, 1, 1, 1}, {"a", "a", "b", "b"}, {}};
  CoxOptions o;
  EXPECT_FALSE(FitCoxGroups(separated, o).ok());
  o.reference = "b";
  EXPECT_FALSE(FitCoxGroups(separated, o).ok());
  o.reference = "c";
  SurvData two{{1, 2, 3, 4, 5, 6}, {1, 1, 1, 1, 1, 0}, {"a", "b", "a", "b", "b", "a"}, {}};
  EXPECT_FALSE(FitCoxGroups(two, o).ok());
  o.reference = "b";
  auto flipped = FitCoxGroups(two, o);
  auto plain = FitCoxGroups(two);
  ASSERT_TRUE(flipped.ok()) << flipped.status().ToString();
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(flipped->terms, std::vector<std::string>{"a"});
  EXPECT_NEAR(flipped->coef[0], -plain->coef[0], 1e-9);
}

}  // namespace
}  // namespace carta::survival
