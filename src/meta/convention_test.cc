// `--convention meta` against R meta 8.2-1 (tests/golden/meta/conv_meta.json,
// made by tests/reference/meta_conv_golden.R): every number meta reports for
// a pooled fit either agrees with carta's, or the fit's departures name its
// key. So a user comparing with meta is told which numbers differ, and a
// change that moves one silently fails here.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "carta/meta/analysis.h"
#include "carta/meta/rma.h"
#include "genq.h"

namespace carta::meta {
namespace {

using nlohmann::json;

AnalysisInput InputOf(const json& c) {
  AnalysisInput in;
  const json& d = c["data"];
  const std::string kind = c["kind"];
  in.counts = kind != "gen";
  in.two_arm = kind == "bin";
  for (size_t i = 0; i < d["study"].size(); ++i) {
    StudyInput s;
    s.study = d["study"][i];
    if (kind == "prop") {
      s.events = d["event"][i].get<long>();
      s.n = d["n"][i].get<long>();
    } else if (kind == "gen") {
      s.yi = d["yi"][i];
      s.vi = d["vi"][i];
    } else {
      s.events = d["event_e"][i].get<long>();
      s.n = d["n_e"][i].get<long>();
      s.events2 = d["event_c"][i].get<long>();
      s.n2 = d["n_c"][i].get<long>();
    }
    if (d.contains("group")) s.group = d["group"][i];
    in.studies.push_back(s);
  }
  return in;
}

// The options of a case: meta's method.tau (or GLMM) and Hartung-Knapp.
FitOptions OptionsOf(const json& c) {
  FitOptions o;
  const std::string method = c["method"] == "GLMM" ? "GLMM" : c["method_tau"].get<std::string>();
  o.method = *ParseMethod(method);
  o.knha = c["hakn"].get<bool>();
  return o;
}

// |value - expected| within R meta's tolerance for `carta_key`: meta calls
// metafor's confint() for the Q-profile interval of tau^2 without passing a
// tolerance (its default is ~1.2e-4): looser there.
void ExpectMeta(const json& expected, double value, const std::string& carta_key, double tol, const std::string& what) {
  const double e = expected.get<double>();
  if (carta_key == "tau2_ci_lb" || carta_key == "tau2_ci_ub") tol = std::max(tol, 5e-4);
  EXPECT_LE(std::fabs(value - e), tol * std::max(1.0, std::fabs(e)))
      << what << " " << carta_key << ": carta " << value << ", R meta " << e;
}

Measure MeasureOf(const json& c) {
  static const std::map<std::string, Measure> kMeasures = {
      {"PLOGIT", Measure::kPLO}, {"PLN", Measure::kPLN}, {"PRAW", Measure::kPR}, {"PAS", Measure::kPAS},
      {"PFT", Measure::kPFT},    {"OR", Measure::kOR},   {"RR", Measure::kRR},   {"RD", Measure::kRD},
      {"", Measure::kGeneric}};
  return kMeasures.at(c["sm"].get<std::string>());
}

// The cases of a golden file of tests/golden/meta.
json Cases(const std::string& file) {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/" + file);
  return json::parse(in);
}

// The numbers of a fit that R meta reports: meta's key, carta's key, carta's value.
std::vector<std::tuple<std::string, std::string, double>> ReportedBy(const FitResult& f) {
  return {{"TE_random", "estimate", f.estimate},       {"seTE_random", "se", f.estimate_se},
          {"lower_random", "ci_lb", f.estimate_ci_lb}, {"upper_random", "ci_ub", f.estimate_ci_ub},
          {"tau2", "tau2", f.tau2},                    {"lower_tau2", "tau2_ci_lb", f.tau2_ci_lb},
          {"upper_tau2", "tau2_ci_ub", f.tau2_ci_ub},  {"Q", "Q", f.Q},
          {"pval_Q", "Q_pval", f.Q_pval},              {"I2", "I2", f.I2},
          {"H", "H2", std::sqrt(f.H2)},                {"lower_predict", "pi_lb", f.pi_lb},
          {"upper_predict", "pi_ub", f.pi_ub}};
}

// The keys the departures of `a` name.
std::set<std::string> Departed(const Analysis& a) {
  std::set<std::string> out;
  for (const auto& d : a.departures) out.insert(d.keys.begin(), d.keys.end());
  return out;
}

TEST(Convention, MetaMatchesRMetaOrSaysWhereItDeparts) {
  const json cases = Cases("conv_meta.json");
  ASSERT_GE(cases.size(), 100u);
  int compared = 0;
  for (const json& c : cases) {
    const std::string name = c["name"];
    auto a = Analyze(InputOf(c), MeasureOf(c), OptionsOf(c), false, Convention::kMeta);
    ASSERT_TRUE(a.ok()) << name << ": " << a.status().ToString();
    const std::set<std::string> departed = Departed(*a);
    const FitResult& f = a->fit;
    for (const auto& [meta_key, carta_key, value] : ReportedBy(f)) {
      json expected = c[meta_key];
      if (expected.is_array()) expected = expected[0];  // GLMM: [Wald-type, likelihood ratio]
      if (expected.is_null() || departed.count(carta_key)) continue;
      // The GLMM at 5e-4: on zero_full (0/10 and 12/12 among 6 studies) carta's
      // binomial-normal fit differs from rma.glmm's by 6e-5 relative in τ² and
      // 1.5e-4 in the pooled SE
      // (5.43749 against 5.43782 with lme4's defaults, 5.43779 with its
      // Nelder-Mead run to 1e-15); glmm.json holds the tight comparisons, and
      // this one is an open finding (doc/formulas.md).
      ExpectMeta(expected, value, carta_key, f.method == Method::kGLMM ? 5e-4 : 1e-5, name);
      ++compared;
    }
  }
  // Most numbers are compared, not waved through as departures.
  EXPECT_GT(compared, 900);
}

}  // namespace
}  // namespace carta::meta

namespace carta::meta {
namespace {

// Subgroups under --convention meta against R meta's subgroup = group
// (tests/golden/meta/conv_meta_subgroups.json): each subgroup's estimate,
// interval, tau^2 with its interval, Q, I², H and prediction interval, and
// the test between subgroups, unless a departure names the key.
TEST(Convention, MetaSubgroupsMatchRMeta) {
  const json cases = Cases("conv_meta_subgroups.json");
  ASSERT_GE(cases.size(), 18u);
  int compared = 0;
  for (const json& c : cases) {
    const std::string name = c["name"];
    auto a = Analyze(InputOf(c), MeasureOf(c), OptionsOf(c), true, Convention::kMeta);
    ASSERT_TRUE(a.ok()) << name << ": " << a.status().ToString();
    ASSERT_TRUE(a->subgroups.has_value()) << name;
    const std::set<std::string> departed = Departed(*a);
    ASSERT_EQ(a->subgroups->separate.size(), c["groups"].size()) << name;
    for (const SubgroupFit& sf : a->subgroups->separate) {
      ASSERT_TRUE(c["k"].contains(sf.group)) << name << ": no subgroup " << sf.group << " in R meta's";
      EXPECT_EQ(sf.fit.k, c["k"][sf.group].get<int>()) << name << " " << sf.group;
      for (const auto& [meta_key, carta_key, value] : ReportedBy(sf.fit)) {
        if (!c.contains(meta_key)) continue;  // not reported per subgroup
        const json& expected = c[meta_key][sf.group];
        if (departed.count(carta_key)) continue;
        if (expected.is_null()) {  // meta reports none (the τ² interval of two studies): neither does carta
          EXPECT_TRUE(std::isnan(value)) << name << " subgroup " << sf.group << " " << carta_key << ": carta " << value
                                         << ", R meta none";
          continue;
        }
        ExpectMeta(expected, value, carta_key, 1e-5, name + " subgroup " + sf.group);
        ++compared;
      }
    }
    if (!departed.count("test_between")) {
      EXPECT_EQ(a->subgroups->Q_between_df, c["df_Q_b"].get<int>()) << name;
      ExpectMeta(c["Q_b"], a->subgroups->Q_between, "Q_between", 1e-5, name);
      ExpectMeta(c["pval_Q_b"], a->subgroups->Q_between_pval, "Q_between_pval", 1e-5, name);
      compared += 2;
    }
  }
  EXPECT_GT(compared, 180);
}

// Ruben's series against R CompQuadForm::farebrother (eps 1e-15), the
// distribution behind meta's Jackson interval for τ² with DL.
TEST(Convention, WeightedChiSquareMatchesFarebrother) {
  const std::vector<std::tuple<std::vector<double>, double, double>> cases = {
      {{1, 2}, 0.5, 0.838757070723863},           {{1, 2}, 3, 0.357767755546631},
      {{1, 2}, 12, 0.0222658708682905},           {{0.3, 1.7, 5, 0.05}, 0.5, 0.957542860089904},
      {{0.3, 1.7, 5, 0.05}, 3, 0.646015199273346}, {{0.3, 1.7, 5, 0.05}, 12, 0.173521649963019},
      {{2, 2, 2}, 0.5, 0.969140404216273},         {{2, 2, 2}, 3, 0.682270330336211},
      {{2, 2, 2}, 12, 0.111610225094712}};
  for (const auto& [lambda, x, expected] : cases) {
    auto p = internal::WeightedChiSquareUpper(lambda, x);
    ASSERT_TRUE(p.ok());
    EXPECT_NEAR(*p, expected, 1e-10) << "x " << x << " first lambda " << lambda[0];
  }
  EXPECT_FALSE(internal::WeightedChiSquareUpper({}, 1).ok());
  EXPECT_FALSE(internal::WeightedChiSquareUpper({1, 0}, 1).ok());
  // Weights spread 1e-9 to 1: the series would need millions of terms; refused, not hung.
  EXPECT_FALSE(internal::WeightedChiSquareUpper({1e-9, 1}, 1).ok());
}

}  // namespace
}  // namespace carta::meta
