// The virtual trial a front end asks for: lists as arrays or as one
// comma-separated text, the bounds, and the fields named when refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

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

// The catalogue's defaults (kCatalogueFits, src/sim/model.cc) are the saved
// fit, data/sim/fit.json, to three decimals; a pair without one gets the
// median of the fitted potencies, to one decimal. A re-fit that is not copied
// into the catalogue fails here.
TEST(ApiSimJson, TheCatalogueCarriesTheSavedFit) {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/data/sim/fit.json");
  ASSERT_TRUE(in) << "data/sim/fit.json";
  std::stringstream text;
  text << in.rdbuf();
  const Json fit = Json::parse(text.str());
  std::vector<double> potencies;
  for (const Json& f : fit.at("fitted")) {
    auto s = sim::MakeScenario(f.at("product").get<std::string>(), f.at("indication").get<std::string>());
    ASSERT_TRUE(s.ok()) << f.dump();
    EXPECT_NEAR(s->product.potency, f.at("potency").get<double>(), 5e-4) << f.dump();
    EXPECT_NEAR(s->product.crs_scale, f.at("crs_scale").get<double>(), 5e-4) << f.dump();
    potencies.push_back(f.at("potency").get<double>());
  }
  ASSERT_EQ(potencies.size() % 2, 1u);
  std::nth_element(potencies.begin(), potencies.begin() + potencies.size() / 2, potencies.end());
  auto unfitted = sim::MakeScenario("kymriah", "CLL");
  ASSERT_TRUE(unfitted.ok());
  EXPECT_NEAR(unfitted->product.potency, potencies[potencies.size() / 2], 0.05);
  EXPECT_EQ(unfitted->product.crs_scale, 1);
}

}  // namespace
}  // namespace carta::api
