// CAR-HEMATOTOX, EASIX and m-EASIX. Cut-offs and points are read off Rejeski
// et al., Blood 2021;138:2499-2513 (the model figure); EASIX values are worked out
// by hand in each case.
#include "carta/clinical/scores.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace carta::clinical {
namespace {

// All five values in the zero-point band.
HematotoxInput Healthy() {
  HematotoxInput in;
  in.platelets_giga_l = 250;
  in.anc_giga_l = 3.0;
  in.hemoglobin_g_dl = 12.5;
  in.crp_mg_dl = 0.5;
  in.ferritin_ng_ml = 200;
  return in;
}

TEST(ClinicalHematotox, EveryCutOff) {
  struct Case {
    const char* what;
    double HematotoxInput::*field;
    double value;
    int score;
  };
  const Case cases[] = {
      {"platelets 175.1: 0", &HematotoxInput::platelets_giga_l, 175.1, 0},
      {"platelets 175: 1", &HematotoxInput::platelets_giga_l, 175, 1},
      {"platelets 75: 1", &HematotoxInput::platelets_giga_l, 75, 1},
      {"platelets 74.9: 2", &HematotoxInput::platelets_giga_l, 74.9, 2},
      {"ANC 1.21 (1210/µL): 0", &HematotoxInput::anc_giga_l, 1.21, 0},
      {"ANC 1.2 (1200/µL): 1", &HematotoxInput::anc_giga_l, 1.2, 1},
      {"ANC 0.3: 1", &HematotoxInput::anc_giga_l, 0.3, 1},
      {"haemoglobin 9.1: 0", &HematotoxInput::hemoglobin_g_dl, 9.1, 0},
      {"haemoglobin 9.0: 1", &HematotoxInput::hemoglobin_g_dl, 9.0, 1},
      {"haemoglobin 7.0: 1", &HematotoxInput::hemoglobin_g_dl, 7.0, 1},
      {"CRP 2.9: 0", &HematotoxInput::crp_mg_dl, 2.9, 0},
      {"CRP 3.0: 1", &HematotoxInput::crp_mg_dl, 3.0, 1},
      {"ferritin 649: 0", &HematotoxInput::ferritin_ng_ml, 649, 0},
      {"ferritin 650: 1", &HematotoxInput::ferritin_ng_ml, 650, 1},
      {"ferritin 2000: 1", &HematotoxInput::ferritin_ng_ml, 2000, 1},
      {"ferritin 2001: 2", &HematotoxInput::ferritin_ng_ml, 2001, 2},
  };
  for (const auto& c : cases) {
    HematotoxInput in = Healthy();
    in.*c.field = c.value;
    auto r = CarHematotox(in);
    ASSERT_TRUE(r.ok()) << c.what << ": " << r.status().ToString();
    EXPECT_EQ(r->score, c.score) << c.what;
    EXPECT_EQ(r->risk, c.score >= 2 ? "high" : "low") << c.what;
  }
}

TEST(ClinicalHematotox, LowIsZeroToOneHighIsTwoOrMore) {
  auto zero = CarHematotox(Healthy());
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->score, 0);
  EXPECT_EQ(zero->risk, "low");
  ASSERT_EQ(zero->items.size(), 5u);
  EXPECT_EQ(zero->items[0].item, "platelets");
  EXPECT_EQ(zero->items[0].unit, "10^9/L");
  HematotoxInput two = Healthy();
  two.anc_giga_l = 1.0;  // 1
  two.crp_mg_dl = 4.0;   // 1
  EXPECT_EQ(CarHematotox(two)->risk, "high");
  HematotoxInput worst{0.1, 7.0, 20, 15, 5000};
  EXPECT_EQ(CarHematotox(worst)->score, 7);
}

TEST(ClinicalHematotox, ImpossibleValues) {
  HematotoxInput in = Healthy();
  in.hemoglobin_g_dl = 95;  // g/L given as g/dL
  auto r = CarHematotox(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "haemoglobin 95 g/dL is impossible (accepted: 1-25 g/dL)");
  in = Healthy();
  in.platelets_giga_l = -5;
  EXPECT_FALSE(CarHematotox(in).ok());
}

TEST(ClinicalEasix, Formulas) {
  auto e = Easix(250, 1.0, 125);  // 250 × 1.0 / 125 = 2
  ASSERT_TRUE(e.ok());
  EXPECT_DOUBLE_EQ(e->value, 2.0);
  EXPECT_DOUBLE_EQ(e->log2_value, 1.0);
  EXPECT_EQ(e->score, "EASIX");
  auto m = ModifiedEasix(300, 5.0, 150);  // 300 × 5 / 150 = 10
  ASSERT_TRUE(m.ok());
  EXPECT_DOUBLE_EQ(m->value, 10.0);
  EXPECT_NEAR(m->log2_value, std::log2(10.0), 1e-12);
  EXPECT_EQ(m->score, "m-EASIX");
}

TEST(ClinicalEasix, Validation) {
  auto zero_plt = Easix(250, 1.0, 0);
  ASSERT_FALSE(zero_plt.ok());
  EXPECT_NE(zero_plt.status().message().find("platelets > 0"), std::string::npos);
  auto zero_crp = ModifiedEasix(250, 0, 100);
  ASSERT_FALSE(zero_crp.ok());
  EXPECT_NE(zero_crp.status().message().find("detection limit"), std::string::npos);
  auto ldh = Easix(0.5, 1.0, 100);
  ASSERT_FALSE(ldh.ok());
  EXPECT_EQ(ldh.status().message(), "LDH 0.5 U/L is impossible (accepted: 1-100000 U/L)");
  auto creat = Easix(250, 97, 100);  // µmol/L given as mg/dL
  ASSERT_FALSE(creat.ok());
  EXPECT_NE(creat.status().message().find("creatinine 97 mg/dL is impossible"), std::string::npos);
}

}  // namespace
}  // namespace carta::clinical
