// Calibration against a small evidence base built in the test.
#include "carta/sim/calibrate.h"

#include <gtest/gtest.h>

#include <cmath>

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

CalibrateRequest Request(long patients, std::vector<std::string> hold_out = {}) {
  CalibrateRequest q;
  q.patients = patients;
  q.hold_out = std::move(hold_out);
  return q;
}

TEST(SimCalibrate, FitsPotencyIntoTheObservedInterval) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(MakeCohort("low-orr", "yescarta", "LBCL", 100, 60));
  eb.cohorts.push_back(MakeCohort("held", "yescarta", "LBCL", 50, 65));
  eb.cohorts.push_back(MakeCohort("not-modelled", "yescarta", "AML", 50, 65));
  auto r = Calibrate(eb, Request(200, {"held"}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->fitted.size(), 1u);
  // The catalogue's potency for the pair (fitted to the evidence base's ORRs
  // of about 82%) is too strong for an ORR of 60%.
  EXPECT_LT(r->fitted[0].potency, MakeScenario("yescarta", "LBCL")->product.potency);
  ASSERT_EQ(r->rows.size(), 2u);       // the AML cohort is not one the simulator models
  EXPECT_EQ(r->rows[0].cohort, "low-orr");
  EXPECT_FALSE(r->rows[0].held_out);
  EXPECT_TRUE(r->rows[0].inside) << r->rows[0].simulated;
  EXPECT_EQ(r->rows[1].cohort, "held");
  EXPECT_TRUE(r->rows[1].held_out);
  EXPECT_NEAR(r->rows[0].observed, 0.60, 1e-12);
}

evidence::CohortValue Months(const char* key, double months) {
  evidence::CohortValue v;
  v.key = key;
  v.kind = evidence::CohortValue::Kind::kMedian;
  v.median.not_reached = std::isnan(months);
  v.median.duration.value = std::isnan(months) ? 0 : months;
  v.median.duration.unit = "months";
  return v;
}

const CalibrationRow* RowOf(const CalibrateResult& r, const std::string& cohort, const std::string& endpoint,
                            bool held_out = false) {
  for (const auto& row : r.rows) {
    if (row.cohort == cohort && row.endpoint == endpoint && row.held_out == held_out) return &row;
  }
  return nullptr;
}

// Grade >= 3 CRS, PFS landmarks and medians are targets too; a CRS rate
// makes the CRS scale a second fitted parameter, which follows the rate.
CalibrateResult FittedToCrs(double crs_percent) {
  evidence::EvidenceBase eb;
  evidence::Cohort c = MakeCohort("tox", "yescarta", "LBCL", 100, 80);
  c.values.push_back(Percent("crs_g3plus", crs_percent));
  c.values.push_back(Percent("pfs_12mo", 45));
  c.values.push_back(Months("pfs_median", NAN));
  c.values.push_back(Months("followup_median", 24));
  eb.cohorts.push_back(c);
  auto r = Calibrate(eb, Request(150));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : CalibrateResult{};
}

TEST(SimCalibrate, FitsCrsScaleAndReadsSurvivalTargets) {
  const CalibrateResult low = FittedToCrs(3), high = FittedToCrs(40);
  ASSERT_EQ(low.fitted.size(), 1u);
  ASSERT_EQ(high.fitted.size(), 1u);
  EXPECT_LT(low.fitted[0].crs_scale, high.fitted[0].crs_scale);
  const CalibrationRow* crs_low = RowOf(low, "tox", "crs_grade3_rate");
  const CalibrationRow* crs_high = RowOf(high, "tox", "crs_grade3_rate");
  ASSERT_TRUE(crs_low && crs_high);
  EXPECT_NEAR(crs_low->simulated, 0.03, 0.1) << "the fit moves grade >= 3 CRS towards 3%";
  EXPECT_NEAR(crs_high->simulated, 0.40, 0.15) << "the fit moves grade >= 3 CRS towards 40%";
  const CalibrationRow* landmark = RowOf(high, "tox", "pfs_at_12_months");
  ASSERT_NE(landmark, nullptr);
  EXPECT_NEAR(landmark->observed, 0.45, 1e-12);
  const CalibrationRow* bound = RowOf(high, "tox", "pfs_at_24_months_not_reached");
  ASSERT_NE(bound, nullptr);
  EXPECT_EQ(bound->upper, 1);  // a bound: S(24 months) >= 0.5
  EXPECT_EQ(bound->inside, bound->simulated >= bound->lower);
}

TEST(SimCalibrate, LeaveOneOutPredictsEachFittedCohortFromTheRest) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(MakeCohort("a", "yescarta", "LBCL", 100, 60));
  eb.cohorts.push_back(MakeCohort("b", "yescarta", "LBCL", 80, 70));
  CalibrateRequest q;
  q.patients = 100;
  q.leave_one_out = true;
  auto r = Calibrate(eb, q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_NE(RowOf(*r, "a", "orr"), nullptr);
  const CalibrationRow* a = RowOf(*r, "a", "orr", true);
  const CalibrationRow* b = RowOf(*r, "b", "orr", true);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  // a is predicted by b's fit (ORR 70%) and b by a's (60%): the predictions differ.
  EXPECT_LT(b->simulated, a->simulated + 1e-12);
  EXPECT_EQ(r->rows.size(), 4u);
}

// A cohort alone in its pair is predicted with the pooled potency of the other
// pairs of its indication, never with its own fit nor with another indication's.
TEST(SimCalibrate, PredictsACohortAloneInItsPairWithThePooledPotencyOfItsIndication) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(MakeCohort("y", "yescarta", "LBCL", 100, 55));
  eb.cohorts.push_back(MakeCohort("k", "kymriah", "LBCL", 200, 99));
  eb.cohorts.push_back(MakeCohort("m", "carvykti", "MM", 100, 99));
  CalibrateRequest q;
  q.patients = 100;
  q.leave_one_out = true;
  auto r = Calibrate(eb, q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const CalibrationRow* k_fitted = RowOf(*r, "k", "orr");
  const CalibrationRow* k_held = RowOf(*r, "k", "orr", true);
  const CalibrationRow* y_fitted = RowOf(*r, "y", "orr");
  const CalibrationRow* y_held = RowOf(*r, "y", "orr", true);
  ASSERT_TRUE(k_fitted && k_held && y_fitted && y_held);
  EXPECT_GT(k_fitted->simulated, 0.9);
  // k is predicted by yescarta's LBCL fit (ORR 55%), not by its own nor by MM's.
  EXPECT_LT(k_held->simulated, 0.8);
  EXPECT_NEAR(k_held->simulated, y_fitted->simulated, 0.15);
  // and y by kymriah's LBCL fit (ORR 99%).
  EXPECT_GT(y_held->simulated, 0.85);
}

// The pooled prior carries potency × dose across products, since the
// expansion scales with the dose: abecma (4.5e8 cells) alone in its pair is
// predicted from carvykti's fit (5e7 cells) at a ninth of its potency. At
// carvykti's own potency abecma's ORR would be above 90% (measured: 94% at
// potency 0.6, 100 patients); at a ninth it is 33%, so the invariance is
// rough away from the trials' ORRs (doc/model.md).
TEST(SimCalibrate, ThePooledPriorCarriesPotencyTimesDoseAcrossProducts) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(MakeCohort("c", "carvykti", "MM", 100, 60));
  eb.cohorts.push_back(MakeCohort("a", "abecma", "MM", 100, 60));
  auto r = Calibrate(eb, Request(100, {"a"}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const CalibrationRow* c_fitted = RowOf(*r, "c", "orr");
  const CalibrationRow* a_held = RowOf(*r, "a", "orr", true);
  ASSERT_TRUE(c_fitted && a_held);
  EXPECT_TRUE(c_fitted->inside) << c_fitted->simulated;
  EXPECT_LT(a_held->simulated, 0.8);
  EXPECT_GT(a_held->simulated, 0.1);
}

// A CR rate above the ORR (RAJE's, as the review printed them swapped):
// neither is fitted, the cohort's other values are, and the result says why.
TEST(SimCalibrate, ACrRateAboveTheOrrIsNotFitted) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(MakeCohort("consistent", "abecma", "MM", 100, 73));
  evidence::Cohort swapped = MakeCohort("swapped", "abecma", "MM", 33, 45);
  swapped.values.push_back(Percent("crr", 85));
  swapped.values.push_back(Percent("crs_g3plus", 6));
  eb.cohorts.push_back(swapped);
  auto r = Calibrate(eb, Request(50));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->excluded.size(), 1u);
  EXPECT_EQ(r->excluded[0].cohort, "swapped");
  EXPECT_EQ(r->excluded[0].endpoints, (std::vector<std::string>{"orr", "cr_rate"}));
  EXPECT_NE(r->excluded[0].reason.find("85%"), std::string::npos) << r->excluded[0].reason;
  std::vector<std::string> swapped_rows;
  for (const auto& row : r->rows) {
    if (row.cohort == "swapped") swapped_rows.push_back(row.endpoint);
  }
  EXPECT_EQ(swapped_rows, (std::vector<std::string>{"crs_grade3_rate"}));
  ASSERT_EQ(r->fitted.size(), 1u);
  EXPECT_EQ(r->fitted[0].cohorts, 2);
  // One patient apart is rounding, or two data cuts (ELIANA: ORR 81%, CR 82% of 79): both fitted.
  evidence::EvidenceBase close;
  evidence::Cohort eliana = MakeCohort("eliana", "kymriah", "B-ALL", 79, 81);
  eliana.values.push_back(Percent("crr", 82));
  close.cohorts.push_back(eliana);
  auto kept = Calibrate(close, Request(50));
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_TRUE(kept->excluded.empty());
  EXPECT_EQ(kept->rows.size(), 2u);
}

// The score: rows inside their interval per kind of endpoint, fitted and held
// out; every PFS row counts as "pfs"; a kind without rows is left out.
TEST(SimCalibrate, CountsTheRowsInsideTheirIntervalPerEndpoint) {
  auto row = [](const char* endpoint, bool inside, bool held_out) {
    CalibrationRow r;
    r.endpoint = endpoint;
    r.inside = inside;
    r.held_out = held_out;
    return r;
  };
  const std::vector<CalibrationRow> rows = {row("orr", true, false),  row("orr", false, false),
                                            row("orr", true, true),   row("pfs_at_12_months", true, false),
                                            row("pfs_at_median_5.8_months", false, true),
                                            row("cr_rate", false, true)};
  const auto counts = CountInside(rows);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].endpoint, "orr");
  EXPECT_EQ(counts[0].fitted_inside, 1);
  EXPECT_EQ(counts[0].fitted, 2);
  EXPECT_EQ(counts[0].held_out_inside, 1);
  EXPECT_EQ(counts[0].held_out, 1);
  EXPECT_EQ(counts[1].endpoint, "cr_rate");
  EXPECT_EQ(counts[1].held_out_inside, 0);
  EXPECT_EQ(counts[1].held_out, 1);
  EXPECT_EQ(counts[2].endpoint, "pfs");
  EXPECT_EQ(counts[2].fitted_inside, 1);
  EXPECT_EQ(counts[2].fitted, 1);
  EXPECT_EQ(counts[2].held_out, 1);
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

// A sensitivity analysis: settings change every pair's model before the fit.
// Without the proliferative program (F = 0) the expansion follows the tumour,
// so a smaller potency gives the same ORR; a bad setting is refused by name.
TEST(SimCalibrate, SettingsChangeTheModelBeforeTheFitAndABadOneIsRefused) {
  evidence::EvidenceBase eb;
  eb.cohorts.push_back(MakeCohort("a", "yescarta", "LBCL", 100, 70));
  CalibrateRequest q;
  q.patients = 100;
  auto with_program = Calibrate(eb, q);
  q.settings = {"fold_expansion_max=0"};
  auto without = Calibrate(eb, q);
  ASSERT_TRUE(with_program.ok() && without.ok());
  EXPECT_EQ(without->settings, q.settings);
  EXPECT_TRUE(with_program->settings.empty());
  EXPECT_LT(without->fitted[0].potency, with_program->fitted[0].potency / 2);
  q.settings = {"kill_per_day=-1"};
  auto bad = Calibrate(eb, q);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "kill_per_day");
  q.settings = {"kill_per_day"};
  EXPECT_EQ(Calibrate(eb, q).status().location().field, "set");
}

}  // namespace
}  // namespace carta::sim
