// Virtual patients: draws and endpoints.
#include "carta/sim/patient.h"

#include <gtest/gtest.h>

#include <cmath>

namespace carta::sim {
namespace {

TEST(SimPatient, DrawsDependOnlyOnSeedAndIndex) {
  const PatientDraw a = DrawPatient(5, 17), b = DrawPatient(5, 17), c = DrawPatient(5, 18), d = DrawPatient(6, 17);
  EXPECT_EQ(a.z_expansion, b.z_expansion);
  EXPECT_EQ(a.u_hsct_death_time, b.u_hsct_death_time);
  EXPECT_NE(a.z_expansion, c.z_expansion);
  EXPECT_NE(a.z_expansion, d.z_expansion);
}

TEST(SimPatient, DrawsAreStandardNormalAndUniform) {
  double sum = 0, sum2 = 0, usum = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const PatientDraw d = DrawPatient(1, static_cast<uint64_t>(i));
    sum += d.z_burden;
    sum2 += d.z_burden * d.z_burden;
    ASSERT_GT(d.u_antigen_loss, 0);
    ASSERT_LT(d.u_antigen_loss, 1);
    usum += d.u_antigen_loss;
  }
  EXPECT_NEAR(sum / n, 0, 0.03);  // 4 standard errors
  EXPECT_NEAR(sum2 / n, 1, 0.04);
  EXPECT_NEAR(usum / n, 0.5, 0.01);
}

TEST(SimPatient, TypicalLbclPatientExpandsAndResponds) {
  auto s = MakeScenario("yescarta", "LBCL");
  ASSERT_TRUE(s.ok());
  std::vector<TimePoint> course;
  auto o = SimulatePatient(*s, TypicalPatient(), &course, 1);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_GT(o->cmax_cells, 100 * s->product.dose_cells);  // expansion by orders of magnitude
  EXPECT_GT(o->tmax_days, 3);
  EXPECT_LT(o->tmax_days, 30);
  EXPECT_EQ(o->best_response, Response::kComplete);
  EXPECT_GT(o->auc28_cell_days, o->cmax_cells);  // more than a day's worth of the peak
  // The located peak is at least every sampled point, and a sampled point is near it.
  double sampled_max = 0;
  for (const TimePoint& p : course) sampled_max = std::max(sampled_max, p.effector_cells + p.memory_cells);
  EXPECT_GE(o->cmax_cells * (1 + 1e-9), sampled_max);
  EXPECT_GT(sampled_max, 0.9 * o->cmax_cells);
  EXPECT_GE(o->crs_grade, 1);
  EXPECT_GT(o->aplasia_days, 0);
}

TEST(SimPatient, NoCarTNoResponse) {
  auto s = MakeScenario("kymriah", "B-ALL");
  ASSERT_TRUE(s.ok());
  s->coupling.kill_per_day = 0;
  auto o = SimulatePatient(*s, TypicalPatient());
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->best_response, Response::kNone);
  EXPECT_TRUE(o->progressed);
  EXPECT_EQ(o->relapse, Relapse::kNone);  // refractory, not a relapse
  EXPECT_DOUBLE_EQ(o->pfs_days, 28);      // found at the first assessment
  EXPECT_TRUE(o->efs_event);
  EXPECT_EQ(o->efs_days, 0);  // B-ALL: no CR by day 90 counts at day 0
}

}  // namespace
}  // namespace carta::sim
