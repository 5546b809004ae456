// The virtual trial a front end asks for: lists as arrays or as one
// comma-separated text, the bounds, and the fields named when refused.
#include <gtest/gtest.h>

#include "carta/api/sim.h"

namespace carta::api {
namespace {

TEST(ApiSimJson, TrialRequestTakesListsAsArraysOrText) {
  auto a = SimTrialRequestFromJson(
      Json{{"product", "kymriah"}, {"indication", "B-ALL"}, {"strategy", {"dual", "toci-grade1"}},
           {"set", {"potency=3", "fold_sd=0.5"}}, {"patients", 30}, {"seed", 7}});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = SimTrialRequestFromJson(Json{{"product", "kymriah"}, {"indication", "B-ALL"},
                                        {"strategy", "dual, toci-grade1"}, {"set", "potency=3,fold_sd=0.5"},
                                        {"patients", 30}, {"seed", 7}});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  for (const auto* q : {&*a, &*b}) {
    EXPECT_EQ(q->scenario.product.id, "cd19-cd22");
    EXPECT_EQ(q->scenario.regimen.tocilizumab_crs_grade, 1);
    EXPECT_DOUBLE_EQ(q->scenario.product.potency, 3);
    EXPECT_DOUBLE_EQ(q->scenario.variability.fold_sd, 0.5);
    EXPECT_EQ(q->patients, 30);
    EXPECT_EQ(q->seed, 7u);
    EXPECT_EQ(q->threads, 1);
  }
  auto defaults = SimTrialRequestFromJson(Json{{"product", "yescarta"}, {"indication", "LBCL"}});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->patients, 400);
}

TEST(ApiSimJson, TrialRequestRefusesWithTheField) {
  auto field = [](Json j) { return SimTrialRequestFromJson(j).status().location().field; };
  EXPECT_EQ(field(Json{{"indication", "LBCL"}}), "product");
  EXPECT_EQ(field(Json{{"product", "yescarta"}, {"indication", "LBCL"}, {"patients", kMaxServedPatients + 1}}),
            "patients");
  EXPECT_EQ(field(Json{{"product", "yescarta"}, {"indication", "LBCL"}, {"patients", 2.5}}), "patients");
  EXPECT_EQ(field(Json{{"product", "yescarta"}, {"indication", "LBCL"}, {"strategy", {1, 2}}}), "strategy");
  EXPECT_EQ(field(Json{{"product", "yescarta"}, {"indication", "LBCL"}, {"set", 3}}), "set");
  EXPECT_EQ(field(Json{{"product", "yescarta"}, {"indication", "LBCL"}, {"set", "expansion_per_day=-1"}}),
            "expansion_per_day");
  Json many = Json::array();
  for (int i = 0; i < 65; ++i) many.push_back("single");
  EXPECT_EQ(field(Json{{"product", "yescarta"}, {"indication", "LBCL"}, {"strategy", many}}), "strategy");
  EXPECT_EQ(field(Json::array()), "");
}

}  // namespace
}  // namespace carta::api
