// Guyot et al. (2012) reconstruction: a small case worked by hand through the
// published algorithm, the cleaning of digitiser noise, bad input, and a round
// trip (simulated patients → their KM → points as a digitiser reads them →
// reconstruction → medians, landmarks and the hazard ratio compared).
#include "carta/survival/reconstruct.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "carta/survival/compare.h"
#include "carta/survival/km.h"
#include "test_util.h"

namespace carta::survival {
namespace {

std::vector<CurvePoint> Points(std::vector<std::pair<double, double>> v) {
  std::vector<CurvePoint> out;
  for (auto [t, s] : v) out.push_back({t, s, ""});
  return out;
}

std::vector<RiskRow> Risk(std::vector<std::pair<double, long>> v) {
  std::vector<RiskRow> out;
  for (auto [t, n] : v) out.push_back({t, n, ""});
  return out;
}

// (time, event) → count, for comparing patient rows in any order.
std::map<std::pair<double, int>, int> Rows(const SurvData& d) {
  std::map<std::pair<double, int>, int> rows;
  for (size_t i = 0; i < d.size(); ++i) rows[{d.time[i], d.event[i]}]++;
  return rows;
}

const std::vector<std::pair<double, double>> kHandCurve = {{0, 1}, {1, 0.9}, {2, 0.8}, {3, 0.6}, {4, 0.6}, {5, 0.45}};

TEST(Guyot, HandWorkedCase) {
  // Interval [0, 3) from 10 patients: first guess round(10·0.6/1 − 6) = 0 censorings
  // leaves 8 at risk at 3, not 6, so 2 censorings are spread at t = 1 and 2
  // (hist bins [0,1], (1,2]); then d = 0, round(9·0.1) = 1, round(7·(1 − 0.8/0.889)) = 1
  // gives 6 at risk at 3. Interval [3, 5]: round(2·(5 − 3)/(2 − 0)) = 2 censorings at
  // 3.67 and 4.33 (bins [3,4], (4,5]); events round(6·(1 − 0.6/0.762)) = 1 at 3,
  // round(4·(1 − 0.6/0.635)) = 0 at 4, round(3·(1 − 0.45/0.635)) = 1 at 5;
  // the 2 left are censored at 5.
  auto r = Reconstruct(Points(kHandCurve), Risk({{0, 10}, {3, 6}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::map<std::pair<double, int>, int> expected = {{{1, 1}, 1}, {{2, 1}, 1}, {{3, 1}, 1}, {{5, 1}, 1},
                                                          {{0.5, 0}, 1}, {{1.5, 0}, 1}, {{3.5, 0}, 1}, {{4.5, 0}, 1},
                                                          {{5, 0}, 2}};
  EXPECT_EQ(Rows(r->patients), expected);
  ASSERT_EQ(r->quality.intervals.size(), 2u);
  EXPECT_EQ(r->quality.intervals[0].events, 2);
  EXPECT_EQ(r->quality.intervals[0].censored, 2);
  EXPECT_EQ(r->quality.intervals[1].n_risk_reconstructed, 6);
  EXPECT_EQ(r->quality.intervals[1].events, 2);
  EXPECT_EQ(r->quality.intervals[1].censored, 4);
  // Reconstructed KM at the points: 1, 8/9, 8/9·6/7, ·5/6, same, ·2/3.
  const double km3 = 8.0 / 9 * 6 / 7 * 5 / 6;
  const std::vector<double> diffs = {0, 0.9 - 8.0 / 9, 0.8 - 8.0 / 9 * 6 / 7, km3 - 0.6, km3 - 0.6, 0.45 - km3 * 2 / 3};
  double sum_sq = 0, largest = 0;
  for (double d : diffs) {
    sum_sq += d * d;
    largest = std::max(largest, std::fabs(d));
  }
  EXPECT_NEAR(r->quality.rmse, std::sqrt(sum_sq / 6), 1e-12);
  EXPECT_NEAR(r->quality.max_abs_diff, largest, 1e-12);
  EXPECT_EQ(r->quality.max_abs_diff_time, 2);
}

TEST(Guyot, HandWorkedCaseWithTotalEvents) {
  // With 3 events reported (the earlier intervals hold 2): the last interval's
  // censorings grow from 2 to 3 (events 4 → 4) then 4 (3.4, 3.8 | 4.2, 4.6),
  // where round(1·(1 − 0.45/0.635)) = 0 events at 5 gives 3 in all.
  auto r = Reconstruct(Points(kHandCurve), Risk({{0, 10}, {3, 6}}), 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::map<std::pair<double, int>, int> expected = {{{1, 1}, 1},   {{2, 1}, 1},   {{3, 1}, 1},
                                                          {{0.5, 0}, 1}, {{1.5, 0}, 1}, {{3.5, 0}, 2},
                                                          {{4.5, 0}, 2}, {{5, 0}, 1}};
  EXPECT_EQ(Rows(r->patients), expected);
  EXPECT_EQ(r->quality.events, 3);
  EXPECT_EQ(r->quality.total_events_reported, 3);
}

TEST(Guyot, CleansDigitiserNoise) {
  // Percent, a negative time, unsorted points, an upward blip, 100.5% at the start.
  auto r = Reconstruct(Points({{-0.1, 100.5}, {2, 80}, {1, 90}, {3, 82}, {4, 60}, {5, 45}}), Risk({{0, 10}, {3, 6}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Preprocessing& p = r->preprocessing;
  EXPECT_TRUE(p.percent);
  EXPECT_EQ(p.dropped_negative_time, 1);
  EXPECT_TRUE(p.sorted);
  EXPECT_EQ(p.lowered_blips, 1);  // 82% at 3 after 80% at 2
  EXPECT_TRUE(p.origin_added);
  EXPECT_EQ(r->curve.front().time, 0);
  EXPECT_EQ(r->curve[3].surv, 0.8);
  EXPECT_FALSE(p.notes.empty());
  EXPECT_EQ(r->patients.size(), 10u);
}

TEST(Guyot, AddsPointsAtRiskTimesAndDropsRowsPastTheCurve) {
  auto r = Reconstruct(Points({{0, 1}, {1, 0.9}, {4, 0.6}, {5, 0.45}}), Risk({{0, 10}, {3, 6}, {6, 2}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->preprocessing.added_at_risk_times, 1);  // (3, 0.9)
  EXPECT_EQ(r->preprocessing.dropped_risk_rows, 1);    // time 6 after the last point
  EXPECT_EQ(r->quality.intervals.size(), 2u);
}

TEST(Guyot, RefusesBadInputWithItsLine) {
  auto curve = ParseCurveCsv("time,survival\n0,1\n1,1.2\n2,0.5\n", "c.csv");
  ASSERT_TRUE(curve.ok());
  auto above = Reconstruct(*curve, Risk({{0, 10}}));
  ASSERT_FALSE(above.ok());
  EXPECT_NE(above.status().message().find("c.csv:3: column 'survival'"), std::string::npos) << above.status().message();
  EXPECT_NE(above.status().message().find("above 1"), std::string::npos);
  auto risk = ParseRiskCsv("time,nrisk\n0,10\n6,5\n3,4\n", "r.csv");
  ASSERT_TRUE(risk.ok());
  auto order = Reconstruct(Points(kHandCurve), *risk);
  ASSERT_FALSE(order.ok());
  EXPECT_NE(order.status().message().find("r.csv:4: column 'time'"), std::string::npos) << order.status().message();
  auto increase = Reconstruct(Points(kHandCurve), Risk({{0, 10}, {3, 12}}));
  EXPECT_FALSE(increase.ok());
  auto too_many = Reconstruct(Points(kHandCurve), Risk({{0, 10}, {3, 6}}), 11);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.status().message().find("more events (11) than patients (10"), std::string::npos);
  EXPECT_FALSE(Reconstruct(Points(kHandCurve), Risk({{1, 10}})).ok());  // table not starting at 0
  auto bad_number = ParseCurveCsv("time,survival\n0,1\n1,x\n", "c.csv");
  ASSERT_FALSE(bad_number.ok());
  EXPECT_EQ(bad_number.status().message(), "c.csv:3: column 'survival': 'x' is not a number");
  auto bad_count = ParseRiskCsv("time,nrisk\n0,10.5\n", "r.csv");
  ASSERT_FALSE(bad_count.ok());
  EXPECT_NE(bad_count.status().message().find("r.csv:2: column 'nrisk'"), std::string::npos);
}

// The published R code (transcribed in tests/reference/guyot_golden.R) on
// clean digitised curves of two simulated arms: carta must write the same rows.
TEST(GuyotGolden, SameRowsAsThePublishedRCode) {
  for (const std::string arm : {"guyot_arm1", "guyot_arm2"}) {
    auto curve = ParseCurveCsv(testing::ReadText(testing::GoldenPath(arm + "_curve.csv")), arm + "_curve.csv");
    auto risk = ParseRiskCsv(testing::ReadText(testing::GoldenPath(arm + "_risk.csv")), arm + "_risk.csv");
    ASSERT_TRUE(curve.ok() && risk.ok());
    const nlohmann::json g = testing::LoadJson(arm + ".json");
    for (const bool with_events : {false, true}) {
      auto r = Reconstruct(*curve, *risk, with_events ? g["total_events"].get<long>() : -1);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(r->preprocessing.notes.size(), 0u) << arm << ": the curve is clean";
      const nlohmann::json& e = g[with_events ? "with_total_events" : "without_total_events"];
      // Sorted rows; times equal up to the last bits of R's CSV round trip.
      std::vector<std::pair<double, int>> got, want;
      for (size_t i = 0; i < r->patients.size(); ++i) got.push_back({r->patients.time[i], r->patients.event[i]});
      for (size_t i = 0; i < e["time"].size(); ++i) want.push_back({e["time"][i].get<double>(), e["event"][i].get<int>()});
      std::sort(got.begin(), got.end());
      std::sort(want.begin(), want.end());
      const std::string what = arm + (with_events ? " with" : " without") + " total events";
      ASSERT_EQ(got.size(), want.size()) << what;
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_NEAR(got[i].first, want[i].first, 1e-9) << what << " row " << i;
        EXPECT_EQ(got[i].second, want[i].second) << what << " row " << i;
      }
    }
  }
}

// A fixed-seed generator with its own uniform draw (std's distributions differ
// between standard libraries): 53 random bits of a 64-bit Mersenne twister.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double Exponential(double rate) { return -std::log1p(-Uniform()) / rate; }
  double Normal() {  // Box–Muller
    const double u = Uniform() + 0x1.0p-54, v = Uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }

 private:
  std::mt19937_64 engine_;
};

// An arm of a trial: exponential event times (median in months), accrual over
// 24 months with 36 months of follow-up for the first patient, 5%/year dropout.
SurvData SimulateArm(Rng* rng, int n, double median_months) {
  SurvData d;
  for (int i = 0; i < n; ++i) {
    const double event = rng->Exponential(std::log(2.0) / median_months);
    const double censor = std::min(12 + 24 * rng->Uniform(), rng->Exponential(-std::log(0.95) / 12));
    d.time.push_back(std::min(event, censor));
    d.event.push_back(event <= censor ? 1 : 0);
  }
  return d;
}

// What a digitiser reads off the published KM: the top and bottom of every
// drop, a little to each side, with jitter in both directions (so some points
// go out of order or upwards), plus the numbers at risk every 3 months.
std::vector<CurvePoint> Digitise(const KaplanMeier& km, Rng* rng) {
  std::vector<CurvePoint> points = {{0, 1, ""}};
  double previous = 1;
  for (const auto& s : km.steps) {
    if (s.n_event == 0) continue;
    points.push_back({s.time - 0.02 + 0.01 * rng->Normal(), previous + 0.002 * rng->Normal(), ""});
    points.push_back({s.time + 0.02 + 0.01 * rng->Normal(), s.surv + 0.002 * rng->Normal(), ""});
    previous = s.surv;
  }
  return points;
}

std::vector<RiskRow> RiskTable(const SurvData& d, double every_months) {
  const double last = *std::max_element(d.time.begin(), d.time.end());
  std::vector<RiskRow> risk;
  for (double t = 0; t <= last; t += every_months) {
    long n = 0;
    for (double x : d.time) n += x >= t;
    risk.push_back({t, n, ""});
  }
  return risk;
}

// One round trip; `with_total_events` gives the algorithm each arm's event count.
void RoundTrip(bool with_total_events) {
  Rng rng(20120209);  // any fixed seed will do
  const SurvData arms[2] = {SimulateArm(&rng, 250, 12), SimulateArm(&rng, 250, 20)};
  SurvData original, rebuilt;
  for (int a = 0; a < 2; ++a) {
    auto km = FitKaplanMeier(arms[a].time, arms[a].event);
    ASSERT_TRUE(km.ok());
    auto r = Reconstruct(Digitise(*km, &rng), RiskTable(arms[a], 3), with_total_events ? arms[a].Events() : -1);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->patients.size(), arms[a].size());
    EXPECT_LT(r->quality.rmse, 0.01) << "arm " << a;
    EXPECT_LT(r->quality.max_abs_diff, 0.03) << "arm " << a;
    EXPECT_LE(std::abs(r->quality.events - arms[a].Events()), with_total_events ? 1 : 8) << "arm " << a;
    auto km_rebuilt = FitKaplanMeier(r->patients.time, r->patients.event);
    ASSERT_TRUE(km_rebuilt.ok());
    const double m0 = Median(*km).time, m1 = Median(*km_rebuilt).time;
    EXPECT_NEAR(m1, m0, 0.05 * m0) << "median, arm " << a;
    for (double t : {6.0, 12.0, 24.0}) {
      EXPECT_NEAR(SurvivalAt(*km_rebuilt, t).surv, SurvivalAt(*km, t).surv, 0.01) << "S(" << t << "), arm " << a;
    }
    for (size_t i = 0; i < arms[a].size(); ++i) {
      original.time.push_back(arms[a].time[i]);
      original.event.push_back(arms[a].event[i]);
      original.group.push_back(a == 0 ? "control" : "treated");
    }
    for (size_t i = 0; i < r->patients.size(); ++i) {
      rebuilt.time.push_back(r->patients.time[i]);
      rebuilt.event.push_back(r->patients.event[i]);
      rebuilt.group.push_back(a == 0 ? "control" : "treated");
    }
  }
  auto hr0 = FitCoxGroups(original), hr1 = FitCoxGroups(rebuilt);
  ASSERT_TRUE(hr0.ok() && hr1.ok());
  EXPECT_NEAR(hr1->coef[0], hr0->coef[0], 0.03) << "log hazard ratio";
  EXPECT_NEAR(hr1->se[0], hr0->se[0], 0.005) << "its standard error";
}

TEST(GuyotRoundTrip, WithTotalEvents) { RoundTrip(true); }
TEST(GuyotRoundTrip, WithoutTotalEvents) { RoundTrip(false); }


// Issue 17: silent answers of the reconstruction.
TEST(Guyot, RefusesMixedScales) {
  auto r = Reconstruct(Points({{0, 1}, {1, 0.9}, {2, 80}, {3, 60}}), Risk({{0, 10}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "survival");
  EXPECT_NE(r.status().message().find("mix scales"), std::string::npos) << r.status().ToString();
}

TEST(Guyot, RefusesALargeRise) {
  auto r = Reconstruct(Points({{0, 1}, {1, 0.8}, {2, 1.0}, {3, 0.6}}), Risk({{0, 10}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "survival");
  EXPECT_NE(r.status().message().find("rises from 0.8 to 1"), std::string::npos) << r.status().ToString();
}

TEST(Guyot, RefusesARiskTableThatContradictsTheCurve) {
  auto r = Reconstruct(Points({{0, 1}, {1, 0.5}, {2, 0}, {4, 0}}), Risk({{0, 40}, {3, 30}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "nrisk");
  EXPECT_NE(r.status().message().find("30 at risk"), std::string::npos) << r.status().ToString();
}

TEST(Guyot, WarnsWhenTheReportedEventsAreMissed) {
  auto r = Reconstruct(Points(kHandCurve), Risk({{0, 10}, {3, 6}}), 3);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->warnings.empty());
  r = Reconstruct(Points(kHandCurve), Risk({{0, 10}, {3, 6}}), 1);  // the first interval alone holds 2
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->quality.events, 1);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("not the 1 reported"), std::string::npos) << r->warnings[0];
}

}  // namespace
}  // namespace carta::survival
