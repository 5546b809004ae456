// Virtual trials: determinism across threads, the review's qualitative
// claims as properties, bad input, cancellation.
#include "carta/sim/trial.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace carta::sim {
namespace {

Scenario Base(const char* product, const char* indication) {
  auto s = MakeScenario(product, indication);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return *s;
}

std::vector<PatientOutcome> Simulate(const Scenario& s, long n, int threads = 2, uint64_t seed = 11) {
  TrialRequest q;
  q.scenario = s;
  q.patients = n;
  q.threads = threads;
  q.seed = seed;
  auto r = RunTrial(q);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->patients : std::vector<PatientOutcome>{};
}

long Count(const std::vector<PatientOutcome>& ps, bool (*pred)(const PatientOutcome&)) {
  return std::count_if(ps.begin(), ps.end(), pred);
}

bool AntigenNegative(const PatientOutcome& p) { return p.relapse == Relapse::kAntigenNegative; }
bool Relapsed(const PatientOutcome& p) { return p.relapse != Relapse::kNone; }

double MeanOf(const std::vector<PatientOutcome>& ps, double (*f)(const PatientOutcome&)) {
  double sum = 0;
  for (const auto& p : ps) sum += f(p);
  return sum / static_cast<double>(ps.size());
}

// The scenario of a front end's NAME=VALUE assignments: applied, validated,
// and refused with the field at fault.
TEST(SimTrial, ScenarioFromAssignments) {
  auto base = MakeScenario("kymriah", "B-ALL");
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  const std::string name = DescribeParameters(*base).front().name;
  auto set = MakeScenario("kymriah", "B-ALL", {name + "=0.5"});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  bool found = false;
  for (const auto& p : DescribeParameters(*set)) found = found || (p.name == name && p.value == 0.5);
  EXPECT_TRUE(found);
  for (const std::string& bad : std::vector<std::string>{"no-equals", name + "=", name + "=1x"}) {
    auto r = MakeScenario("kymriah", "B-ALL", {bad});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().location().field, "set") << bad;
  }
  EXPECT_FALSE(MakeScenario("kymriah", "B-ALL", {"=1"}).ok());
  EXPECT_FALSE(MakeScenario("kymriah", "B-ALL", {name + "=-1"}).ok());
}

TEST(SimTrial, SameResultForOneAndTwoThreads) {
  const Scenario s = Base("yescarta", "LBCL");
  const auto one = Simulate(s, 300, 1), two = Simulate(s, 300, 2);
  ASSERT_EQ(one.size(), two.size());
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].cmax_cells, two[i].cmax_cells) << i;
    EXPECT_EQ(one[i].pfs_days, two[i].pfs_days) << i;
    EXPECT_EQ(one[i].crs_grade, two[i].crs_grade) << i;
    EXPECT_EQ(one[i].relapse, two[i].relapse) << i;
  }
}

TEST(SimTrial, SeedChangesThePatients) {
  const Scenario s = Base("yescarta", "LBCL");
  const auto a = Simulate(s, 50, 2, 1), b = Simulate(s, 50, 2, 2);
  long same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i].cmax_cells == b[i].cmax_cells;
  EXPECT_LT(same, 5);
}

// The review: 4-1BB products persist longer than CD28 products.
TEST(SimProperty, FourOneBBPersistsLongerThanCd28AtEqualDose) {
  Scenario a = Base("yescarta", "LBCL"), b = a;
  ASSERT_TRUE(ApplyStrategy("4-1bb", &a).ok());
  ASSERT_TRUE(ApplyStrategy("cd28", &b).ok());
  auto persistence = [](const PatientOutcome& p) { return p.persistence_days; };
  const double with_41bb = MeanOf(Simulate(a, 300), persistence), with_cd28 = MeanOf(Simulate(b, 300), persistence);
  EXPECT_GT(with_41bb, 2 * with_cd28);
}

// The review: antigen loss drives relapse; more loss, more antigen-negative relapses.
TEST(SimProperty, MoreAntigenLossMoreAntigenNegativeRelapse) {
  Scenario low = Base("kymriah", "B-ALL"), high = low;
  high.disease.antigen_loss_per_day *= 10;
  high.disease.antigen_negative_fraction *= 10;
  EXPECT_GT(Count(Simulate(high, 400), AntigenNegative), Count(Simulate(low, 400), AntigenNegative) + 10);
}

// The review: dual targets reduce antigen-negative relapse (CD19 vs CD19/CD22; BCMA vs BCMA/CD19).
TEST(SimProperty, DualTargetingLessAntigenNegativeRelapse) {
  for (const char* pi : {"kymriah/B-ALL", "abecma/MM"}) {
    const std::string s(pi);
    Scenario single = Base(s.substr(0, s.find('/')).c_str(), s.substr(s.find('/') + 1).c_str()), dual = single;
    ASSERT_TRUE(ApplyStrategy("dual", &dual).ok());
    EXPECT_EQ(dual.product.targets.size(), 2u);
    EXPECT_LT(Count(Simulate(dual, 400), AntigenNegative), Count(Simulate(single, 400), AntigenNegative)) << pi;
  }
}

bool Complete(const PatientOutcome& p) { return p.best_response == Response::kComplete; }
bool Responded(const PatientOutcome& p) { return p.best_response != Response::kNone; }

// The review: relapse comes from antigen loss or downregulation. Tumour cells
// low in the antigen (5% of the tumour here, killed at a patient's λ of the
// rate) survive the expansion in some patients: fewer complete responses, and
// responses that stay partial; the relapses they make still carry the
// antigen. A dual target kills them through its second antigen.
TEST(SimProperty, AntigenLowCellsLeavePartialResponsesThatDualTargetingClears) {
  Scenario none = Base("yescarta", "LBCL"), low = none;
  ASSERT_EQ(none.disease.low_antigen_fraction, 0);
  low.disease.low_antigen_fraction = 0.05;
  const auto a = Simulate(none, 400), b = Simulate(low, 400);
  EXPECT_LT(Count(b, Complete), Count(a, Complete) - 20);
  EXPECT_GT(Count(b, Responded) - Count(b, Complete), Count(a, Responded) - Count(a, Complete) + 20);
  EXPECT_GE(Count(b, Relapsed) - Count(b, AntigenNegative), Count(a, Relapsed) - Count(a, AntigenNegative));
  Scenario dual = low;
  dual.product.targets.push_back(Antigen::kCD22);
  EXPECT_GT(Count(Simulate(dual, 400), Complete), Count(b, Complete) + 20);
}

// The difference B - A of `endpoint` for strategies A and B on the same
// virtual patients (common random numbers), with its 95% interval.
Difference Compared(const Scenario& base, const char* a, const char* b, const char* endpoint, long n = 400) {
  CompareRequest q;
  q.scenario = base;
  q.strategy_a = a;
  q.strategy_b = b;
  q.patients = n;
  q.seed = 11;
  q.threads = 2;
  auto r = CompareStrategies(q);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return {};
  for (const Difference& d : r->differences) {
    if (d.endpoint == endpoint) return d;
  }
  ADD_FAILURE() << "no endpoint " << endpoint;
  return {};
}

// The review: fractionated dosing reduces CRS. The clinical schedule (10%,
// 30%, 60% on days 0, 1, 2, later fractions withheld once CRS begins) lowers
// the untreated peak IL-6 because the infused cells carry a proliferative
// program (Stein 2019's foldx, the default F = 3900), if only slightly: CRS
// begins on day ~3, after the schedule, so fractions are rarely withheld.
// Tocilizumab and steroids are off in both arms (the untreated course); their
// timing is compared below. Without the program (F = 0) the peak is
// antigen-limited and fractionation does not lower it (doc/model.md).
TEST(SimProperty, ClinicalFractionationLowersPeakIl6) {
  Scenario base = Base("kymriah", "B-ALL");
  ASSERT_EQ(base.product.fold_expansion_max, 3900);
  base.regimen.tocilizumab_crs_grade = 0;
  base.regimen.steroid_crs_grade = base.regimen.steroid_icans_grade = 0;
  Scenario split = base;
  ASSERT_TRUE(ApplyStrategy("fractionated", &split).ok());
  EXPECT_EQ(split.regimen.fraction_days, (std::vector<double>{0, 1, 2}));
  const Difference d = Compared(base, "one-dose", "fractionated", "log10_il6_peak");
  EXPECT_LT(d.upper, 0) << d.difference << " [" << d.lower << ", " << d.upper << "]";
}

// The review: early tocilizumab reduces severe CRS. Given at grade 1 rather
// than 2 (repeat doses as the label allows), it blocks IL-6 signalling before
// the myeloid loop is active: fewer patients reach grade 3.
TEST(SimProperty, EarlyTocilizumabLowersGrade3Crs) {
  const Difference d = Compared(Base("kymriah", "B-ALL"), "toci-grade2", "toci-grade1", "crs_grade3_rate");
  EXPECT_GT(d.a, 0.02);  // severe CRS occurs under the late rule
  EXPECT_LT(d.upper, 0) << d.difference << " [" << d.lower << ", " << d.upper << "]";
}

double MedianCrsOnset(const std::vector<PatientOutcome>& ps) {
  std::vector<double> onset;
  for (const auto& p : ps) {
    if (p.crs_onset_days >= 0) onset.push_back(p.crs_onset_days);
  }
  if (onset.empty()) return NAN;
  std::sort(onset.begin(), onset.end());
  return onset[onset.size() / 2];
}

// Clinical CRS after tisagenlecleucel begins on day 2-3 (median), and later
// after a smaller dose: the cytokines come from CAR-T cells dividing on
// antigen contact, as many as the dose and the expansion since make.
TEST(SimProperty, CrsBeginsOnDayTwoToThreeAndLaterAfterASmallerDose) {
  Scenario full = Base("kymriah", "B-ALL"), tenth = full;
  tenth.product.dose_cells /= 10;
  const auto a = Simulate(full, 400), b = Simulate(tenth, 400);
  const double onset = MedianCrsOnset(a), later = MedianCrsOnset(b);
  RecordProperty("median_crs_onset_days", std::to_string(onset));
  RecordProperty("median_crs_onset_days_tenth_dose", std::to_string(later));
  EXPECT_GE(onset, 1.5);
  EXPECT_LE(onset, 4.0);
  EXPECT_GT(later, onset + 1) << onset << " vs " << later;
}

// The review: fractionated dosing reduces CRS. With tocilizumab at grade 2 in
// both arms, the clinical schedule must at least not raise grade >= 3 CRS (it
// did while infused cells made an infusion spike that brought tocilizumab
// within hours of a full dose, as if prophylactic: doc/model.md).
TEST(SimProperty, FractionationDoesNotRaiseGrade3CrsUnderTocilizumab) {
  Scenario base = Base("kymriah", "B-ALL");
  ASSERT_EQ(base.regimen.tocilizumab_crs_grade, 2);
  const Difference d = Compared(base, "one-dose", "fractionated", "crs_grade3_rate");
  EXPECT_GT(d.a, 0.02);  // severe CRS occurs, so the comparison can show a rise
  EXPECT_LE(d.upper, 0.025) << d.difference << " [" << d.lower << ", " << d.upper << "]";
}

// The trials' grade >= 3 CRS under their management (tocilizumab at grade 2,
// the catalogue's default): ELIANA 47% (Penn scale; lower by ASTCT), ZUMA-1
// 13% (Lee), JULIET 14-22%, TRANSCEND 2%. The default scenarios must give a
// rate in that range, above 2% and at most 40% (it was 91.5% and 78.75% while
// the myeloid loop's gain was 1.5: doc/model.md).
TEST(SimProperty, DefaultGrade3CrsWithinTheTrialsRange) {
  for (const auto& [product, indication] : {std::pair{"kymriah", "B-ALL"}, std::pair{"yescarta", "LBCL"}}) {
    const auto ps = Simulate(Base(product, indication), 400);
    ASSERT_EQ(ps.size(), 400u);
    const double rate = static_cast<double>(Count(ps, [](const PatientOutcome& p) { return p.crs_grade >= 3; })) / 400;
    RecordProperty(std::string("crs_grade3_rate_") + product, std::to_string(rate));
    EXPECT_GT(rate, 0.02) << product << " in " << indication;
    EXPECT_LE(rate, 0.40) << product << " in " << indication;
  }
}

double MedianOnset(const std::vector<PatientOutcome>& ps, double PatientOutcome::*onset_days) {
  std::vector<double> onset;
  for (const auto& p : ps) {
    if (p.*onset_days >= 0) onset.push_back(p.*onset_days);
  }
  if (onset.empty()) return NAN;
  std::sort(onset.begin(), onset.end());
  return onset[onset.size() / 2];
}

// ICANS has a signal of its own: the cytokine drive that tocilizumab does not
// block, lagged (doc/model.md). Clinically it begins days after CRS (median
// day 5 against day 2 in ZUMA-1), and it is more frequent with CD28 products
// (ZUMA-1 grade >= 3 neurological events 28%, ELIANA 13%).
TEST(SimProperty, IcansFollowsCrsAndIsMoreFrequentWithCd28) {
  const auto kym = Simulate(Base("kymriah", "B-ALL"), 400);
  const auto yes = Simulate(Base("yescarta", "LBCL"), 400);
  ASSERT_EQ(kym.size(), 400u);
  ASSERT_EQ(yes.size(), 400u);
  const double crs = MedianOnset(kym, &PatientOutcome::crs_onset_days);
  const double icans = MedianOnset(kym, &PatientOutcome::icans_onset_days);
  RecordProperty("median_icans_onset_days", std::to_string(icans));
  EXPECT_GT(icans, crs + 1) << "CRS " << crs << ", ICANS " << icans;
  EXPECT_LT(icans, 10);
  auto rate = [](const std::vector<PatientOutcome>& ps) {
    return static_cast<double>(Count(ps, [](const PatientOutcome& p) { return p.icans_grade >= 3; })) / ps.size();
  };
  RecordProperty("icans_grade3_rate_kymriah", std::to_string(rate(kym)));
  RecordProperty("icans_grade3_rate_yescarta", std::to_string(rate(yes)));
  EXPECT_GT(rate(kym), 0.03);
  EXPECT_LE(rate(kym), 0.25);
  EXPECT_GT(rate(yes), rate(kym));
  EXPECT_LE(rate(yes), 0.45);
}

// Tocilizumab does not reach the brain: giving it at CRS grade 1 instead of 2
// lowers severe CRS (above) but not severe ICANS, as in the trials of early
// tocilizumab.
TEST(SimProperty, EarlyTocilizumabDoesNotLowerIcans) {
  const Difference d = Compared(Base("kymriah", "B-ALL"), "toci-grade2", "toci-grade1", "icans_grade3_rate");
  EXPECT_GT(d.a, 0.02);  // severe ICANS occurs, so a reduction could show
  EXPECT_GE(d.lower, -0.03) << d.difference << " [" << d.lower << ", " << d.upper << "]";
}

// The label: up to 4 doses, at least 8 h apart, while CRS persists.
TEST(SimProperty, TocilizumabIsRepeatedUpToTheLabelMaximum) {
  Scenario s = Base("kymriah", "B-ALL");
  const auto ps = Simulate(s, 300);
  int most = 0;
  for (const auto& p : ps) most = std::max(most, p.tocilizumab_doses);
  EXPECT_GT(most, 1);
  EXPECT_LE(most, 4);
  s.regimen.tocilizumab_max_doses = 1;
  for (const auto& p : Simulate(s, 300)) EXPECT_LE(p.tocilizumab_doses, 1);
  s.regimen.tocilizumab_max_doses = 2.5;
  EXPECT_EQ(Validate(s).location().field, "tocilizumab_max_doses");
}

// The review: consolidation with allo-HSCT prevents relapse.
TEST(SimProperty, HsctConsolidationFewerRelapses) {
  Scenario without = Base("kymriah", "B-ALL"), with = without;
  ASSERT_TRUE(ApplyStrategy("hsct", &with).ok());
  const auto a = Simulate(without, 400), b = Simulate(with, 400);
  EXPECT_LT(Count(b, Relapsed), Count(a, Relapsed));
  EXPECT_GT(Count(b, [](const PatientOutcome& p) { return p.hsct; }), 0);
}

TEST(SimTrial, CompareUsesCommonRandomNumbers) {
  CompareRequest q;
  q.scenario = Base("yescarta", "LBCL");
  q.strategy_a = "one-dose";
  q.strategy_b = "one-dose";
  q.patients = 100;
  auto r = CompareStrategies(q);
  ASSERT_TRUE(r.ok());
  for (const Difference& d : r->differences) {
    EXPECT_EQ(d.difference, 0) << d.endpoint;  // the same patients and the same strategy: no difference at all
    EXPECT_EQ(d.lower, 0) << d.endpoint;
  }
}

TEST(SimTrial, RefusesBadParametersNamingThem) {
  Scenario s = Base("kymriah", "B-ALL");
  s.product.expansion_per_day = -1;
  TrialRequest q;
  q.scenario = s;
  q.patients = 10;
  auto r = RunTrial(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "expansion_per_day");
  EXPECT_NE(r.status().message().find("negative"), std::string::npos);

  Scenario t = Base("kymriah", "B-ALL");
  ASSERT_TRUE(SetParameter(&t, "kill_per_day", NAN).ok());
  EXPECT_EQ(Validate(t).location().field, "kill_per_day");
  EXPECT_EQ(SetParameter(&t, "no_such_rate", 1).location().field, "no_such_rate");
  t = Base("kymriah", "B-ALL");
  t.regimen.fractions = {0.5, 0.6};
  t.regimen.fraction_days = {0, 1};
  EXPECT_EQ(Validate(t).location().field, "fractions");

  q.scenario = Base("kymriah", "B-ALL");
  q.patients = 0;
  EXPECT_EQ(RunTrial(q).status().location().field, "patients");
}

TEST(SimTrial, RefusesUnknownProductIndicationAndStrategy) {
  auto p = MakeScenario("unicorn-cel", "LBCL");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().location().field, "product");
  auto i = MakeScenario("kymriah", "AML");
  ASSERT_FALSE(i.ok());
  EXPECT_EQ(i.status().location().field, "indication");
  auto mismatch = MakeScenario("abecma", "LBCL");  // BCMA product, CD19 disease
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().location().field, "product");
  Scenario s = Base("kymriah", "LBCL");
  EXPECT_EQ(ApplyStrategy("quadruple", &s).location().field, "strategies");
  EXPECT_TRUE(MakeScenario("tisa-cel", "b-all").ok());
}

class CancelAfter : public Progress {
 public:
  void Update(uint64_t done, uint64_t) override { seen = done; }
  void Finish() override {}
  bool Cancelled() const override { return true; }
  uint64_t seen = 0;
};

TEST(SimTrial, Cancels) {
  TrialRequest q;
  q.scenario = Base("kymriah", "B-ALL");
  q.patients = 200000;
  CancelAfter cancel;
  auto r = RunTrial(q, &cancel);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled);
}

TEST(SimTrial, SummaryRatesCarryExactIntervals) {
  const auto ps = Simulate(Base("yescarta", "LBCL"), 200);
  auto s = Summarise(ps);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->patients, 200);
  EXPECT_LE(s->orr.lower, s->orr.rate);
  EXPECT_GE(s->orr.upper, s->orr.rate);
  EXPECT_GE(s->orr.rate, s->cr_rate.rate);
  long graded = 0;
  for (long g : s->crs_grades) graded += g;
  EXPECT_EQ(graded, 200);
}

}  // namespace
}  // namespace carta::sim
