// Calibration against a small evidence base built in the test.
#include "carta/sim/calibrate.h"

#include <gtest/gtest.h>

namespace carta::sim {
namespace {

evidence::CohortValue Count(const char* key, long n) {
  evidence::CohortValue v;
  v.key = key;
  v.kind = evidence::CohortValue::Kind::kCount;
  v.count = n;
  return v;
}

evidence::CohortValue Percent(const char* key, double percent) {
  evidence::CohortValue v;
  v.key = key;
  v.kind = evidence::CohortValue::Kind::kRate;
  v.rate.percent = percent;
  return v;
}

evidence::Cohort MakeCohort(const char* id, const char* product, const char* indication, long n, double orr) {
  evidence::Cohort c;
  c.id = id;
  c.product_id = product;
  c.indications = {indication};
  c.values = {Count("n", n), Percent("orr", orr)};
  return c;
}

TEST(SimCalibrate, FitsPotencyIntoTheObservedInterval) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(MakeCohort("low-orr", "yescarta", "LBCL", 100, 60));
  eb.cohorts.push_back(MakeCohort("held", "yescarta", "LBCL", 50, 65));
  eb.cohorts.push_back(MakeCohort("not-modelled", "yescarta", "AML", 50, 65));
  CalibrateRequest q;
  q.patients = 200;
  q.hold_out = {"held"};
  auto r = Calibrate(eb, q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->fitted.size(), 1u);
  EXPECT_LT(r->fitted[0].potency, 1);  // at κ = 1.15/day the ORR is above 90%
  ASSERT_EQ(r->rows.size(), 2u);       // the AML cohort is not one the simulator models
  EXPECT_EQ(r->rows[0].cohort, "low-orr");
  EXPECT_FALSE(r->rows[0].held_out);
  EXPECT_TRUE(r->rows[0].inside) << r->rows[0].simulated;
  EXPECT_EQ(r->rows[1].cohort, "held");
  EXPECT_TRUE(r->rows[1].held_out);
  EXPECT_NEAR(r->rows[0].observed, 0.60, 1e-12);
}

TEST(SimCalibrate, RefusesAnUnknownHeldOutCohort) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(MakeCohort("a", "yescarta", "LBCL", 100, 60));
  CalibrateRequest q;
  q.hold_out = {"zuma-99"};
  auto r = Calibrate(eb, q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "hold_out");
}

}  // namespace
}  // namespace carta::sim
