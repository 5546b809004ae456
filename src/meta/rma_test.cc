// carta's meta-analysis against R metafor 3.8-1: every quantity of every fit
// in tests/golden/meta/*.json (made by tests/reference/meta_golden.R) at a
// relative tolerance of 1e-6, scaled by max(|expected|, 1).
#include "carta/meta/rma.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "carta/core/binomial.h"
#include "carta/meta/effects.h"
#include "golden_test_util.h"

namespace carta::meta {
namespace {

using golden::Load;
using nlohmann::json;

// |actual - expected| <= 1e-6 max(|expected|, 1).
void ExpectNear(const json& expected, double actual, const std::string& what) {
  golden::ExpectNear(expected, actual, what, 1.0);
}

std::vector<double> Doubles(const json& j) { return j.get<std::vector<double>>(); }

// The rma.uni golden files: a list of fits with the data they were made from
// (yi/vi as "input", or counts with their "escalc" effect sizes).
std::vector<std::string> GoldenFiles() {
  return golden::GoldenFiles([](const std::filesystem::path& p) {
    const json g = Load(p.string());
    return g.is_object() && g.contains("fits") && (g.contains("escalc") || (g.contains("input") && g["input"].contains("yi")));
  });
}

TEST(MetaGolden, EveryDatasetIsThere) { EXPECT_GE(GoldenFiles().size(), 12u); }

TEST(MetaGolden, EffectSizesMatchEscalc) {
  for (const auto& path : GoldenFiles()) {
    json g = Load(path);
    if (!g.contains("escalc")) continue;
    auto measure = ParseMeasure(g["measure"]);
    ASSERT_TRUE(measure.ok());
    std::vector<Proportion> data;
    for (size_t i = 0; i < g["input"]["n"].size(); ++i) {
      data.push_back({g["input"]["study"][i], g["input"]["events"][i].get<long>(), g["input"]["n"][i].get<long>()});
    }
    auto es = ComputeEffects(*measure, data);
    ASSERT_TRUE(es.ok()) << path << ": " << es.status().ToString();
    for (size_t i = 0; i < data.size(); ++i) {
      ExpectNear(g["escalc"]["yi"][i], es->yi[i], path + " yi[" + std::to_string(i) + "]");
      ExpectNear(g["escalc"]["vi"][i], es->vi[i], path + " vi[" + std::to_string(i) + "]");
    }
  }
}

TEST(MetaGolden, FitsMatchRmaUni) {
  int fits = 0;
  for (const auto& path : GoldenFiles()) {
    json g = Load(path);
    std::vector<double> yi, vi;
    Measure measure = Measure::kGeneric;
    double nhm = NAN;
    if (g.contains("escalc")) {
      yi = Doubles(g["escalc"]["yi"]);
      vi = Doubles(g["escalc"]["vi"]);
      measure = *ParseMeasure(g["measure"]);
      nhm = HarmonicMean(g["input"]["n"].get<std::vector<long>>());
    } else {
      yi = Doubles(g["input"]["yi"]);
      vi = Doubles(g["input"]["vi"]);
    }
    for (const auto& f : g["fits"]) {
      FitOptions o;
      o.method = *ParseMethod(f["method"]);
      o.knha = f["knha"];
      const std::string what = std::filesystem::path(path).stem().string() + " " + f["method"].get<std::string>() +
                               (o.knha ? " knha" : "");
      auto r = Fit(yi, vi, o);
      ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
      ++fits;
      ExpectNear(f["estimate"], r->estimate, what + " estimate");
      ExpectNear(f["se"], r->estimate_se, what + " se");
      ExpectNear(f["zval"], r->estimate_zval, what + " zval");
      ExpectNear(f["pval"], r->estimate_pval, what + " pval");
      ExpectNear(f["ci_lb"], r->estimate_ci_lb, what + " ci_lb");
      ExpectNear(f["ci_ub"], r->estimate_ci_ub, what + " ci_ub");
      ExpectNear(f["tau2"], r->tau2, what + " tau2");
      ExpectNear(f["se_tau2"], r->se_tau2, what + " se_tau2");
      ExpectNear(f["tau2_ci_lb"], r->tau2_ci_lb, what + " tau2_ci_lb");
      // metafor stops the Q-profile search at tau2.max = max(100, 10 tau²) and prints "> 100";
      // carta widens the bracket and finds the bound itself, so it must lie beyond.
      const bool capped = !f["tau2_ci_ub"].is_null() &&
                          f["tau2_ci_ub"].get<double>() == std::max(100.0, 10 * f["tau2"].get<double>());
      if (capped) {
        EXPECT_GT(r->tau2_ci_ub, f["tau2_ci_ub"].get<double>()) << what;
        EXPECT_GT(r->I2_ci_ub, f["I2_ci_ub"].get<double>()) << what;
        EXPECT_GT(r->H2_ci_ub, f["H2_ci_ub"].get<double>()) << what;
      } else {
        ExpectNear(f["tau2_ci_ub"], r->tau2_ci_ub, what + " tau2_ci_ub");
        ExpectNear(f["I2_ci_ub"], r->I2_ci_ub, what + " I2_ci_ub");
        ExpectNear(f["H2_ci_ub"], r->H2_ci_ub, what + " H2_ci_ub");
      }
      ExpectNear(f["I2"], r->I2, what + " I2");
      ExpectNear(f["I2_ci_lb"], r->I2_ci_lb, what + " I2_ci_lb");
      ExpectNear(f["H2"], r->H2, what + " H2");
      ExpectNear(f["H2_ci_lb"], r->H2_ci_lb, what + " H2_ci_lb");
      ExpectNear(f["Q"], r->Q, what + " Q");
      ExpectNear(f["Q_df"], r->Q_df, what + " Q_df");
      ExpectNear(f["Q_pval"], r->Q_pval, what + " Q_pval");
      ExpectNear(f["pi_lb"], r->pi_lb, what + " pi_lb");
      ExpectNear(f["pi_ub"], r->pi_ub, what + " pi_ub");
      for (size_t i = 0; i < r->weights.size(); ++i) {
        ExpectNear(f["weights"][i], r->weights[i], what + " weight " + std::to_string(i));
      }
      if (f.contains("prop")) {
        ExpectNear(f["prop"], ToProportion(measure, r->estimate, nhm), what + " prop");
        ExpectNear(f["prop_ci_lb"], ToProportion(measure, r->estimate_ci_lb, nhm), what + " prop_ci_lb");
        ExpectNear(f["prop_ci_ub"], ToProportion(measure, r->estimate_ci_ub, nhm), what + " prop_ci_ub");
        ExpectNear(f["prop_pi_lb"], ToProportion(measure, r->pi_lb, nhm), what + " prop_pi_lb");
        ExpectNear(f["prop_pi_ub"], ToProportion(measure, r->pi_ub, nhm), what + " prop_pi_ub");
      }
    }
  }
  EXPECT_GT(fits, 150);
}

}  // namespace
}  // namespace carta::meta

#include "carta/meta/subgroups.h"

namespace carta::meta {
namespace {

TEST(MetaGolden, SubgroupsMatchMetafor) {
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/cd19_orr_by_indication.json");
  json plo = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/cd19_orr_plo.json");
  std::vector<double> yi = Doubles(plo["escalc"]["yi"]), vi = Doubles(plo["escalc"]["vi"]);
  // The indication of each study, in the order of cd19_orr_plo.json (as in meta_golden.R).
  std::vector<std::string> grp = {"B-ALL", "B-ALL", "B-ALL", "B-ALL", "LBCL", "LBCL", "LBCL", "LBCL",
                                  "LBCL",  "LBCL",  "LBCL",  "LBCL",  "FL",   "FL",   "FL",   "FL",
                                  "MCL",   "MCL",   "CLL/SLL", "B-ALL", "B-ALL", "B-ALL", "B-ALL"};
  FitOptions o;
  auto a = FitSubgroups(yi, vi, grp, o);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->separate.size(), g["separate"].size());
  for (size_t i = 0; i < a->separate.size(); ++i) {
    const auto& e = g["separate"][i];
    const auto& s = a->separate[i];
    EXPECT_EQ(s.group, e["group"].get<std::string>());
    EXPECT_EQ(s.k, e["k"].get<int>());
    ExpectNear(e["estimate"], s.fit.estimate, s.group + " estimate");
    ExpectNear(e["se"], s.fit.estimate_se, s.group + " se");
    ExpectNear(e["tau2"], s.fit.tau2, s.group + " tau2");
    ExpectNear(e["ci_lb"], s.fit.estimate_ci_lb, s.group + " ci_lb");
    ExpectNear(e["Q"], s.fit.Q, s.group + " Q");
    ExpectNear(e["I2"], s.fit.I2, s.group + " I2");
  }
  ExpectNear(g["test_between"]["Q"], a->Q_between, "Q between");
  ExpectNear(g["test_between"]["df"], a->Q_between_df, "Q between df");
  ExpectNear(g["test_between"]["pval"], a->Q_between_pval, "Q between p");
  ExpectNear(g["common_tau2"]["tau2"], a->common.tau2, "common tau2");
  for (size_t j = 0; j < a->common.beta.size(); ++j) {
    ExpectNear(g["common_tau2"]["estimates"][j], a->common.beta[j], "common estimate " + std::to_string(j));
    ExpectNear(g["common_tau2"]["se"][j], a->common.se[j], "common se " + std::to_string(j));
  }
  ExpectNear(g["common_tau2"]["QM"], a->QM, "QM");
  ExpectNear(g["common_tau2"]["QM_df"], a->QM_df, "QM df");
  ExpectNear(g["common_tau2"]["QM_pval"], a->QM_pval, "QM p");
  ExpectNear(g["common_tau2"]["QE"], a->common.Q, "QE");
  ExpectNear(g["common_tau2"]["QE_pval"], a->common.Q_pval, "QE p");
}

TEST(Meta, ClearStatusInsteadOfNaN) {
  FitOptions o;
  EXPECT_FALSE(Fit({0.1}, {0.01}, o).ok());                        // k = 1
  EXPECT_FALSE(Fit({0.1, NAN}, {0.01, 0.02}, o).ok());             // NaN effect
  EXPECT_FALSE(Fit({0.1, 0.2}, {0.01, -0.02}, o).ok());            // negative variance
  EXPECT_FALSE(Fit({0.1, 0.2}, {0.01}, o).ok());                   // sizes differ
  o.method = Method::kDL;
  EXPECT_FALSE(Fit({0.1, 0.2}, {0.0, 0.02}, o).ok());              // zero variance with DL
  EXPECT_FALSE(ComputeEffects(Measure::kPLO, {{"a", 5, 0}}).ok());  // n = 0
  EXPECT_FALSE(ComputeEffects(Measure::kPLO, {{"a", 6, 5}}).ok());  // events > n
  EXPECT_FALSE(ComputeEffects(Measure::kPLO, {{"a", 0, 5}}, 0).ok());  // zero events without correction
  auto corrected = ComputeEffects(Measure::kPLO, {{"a", 0, 5}});
  ASSERT_TRUE(corrected.ok());
  EXPECT_TRUE(corrected->corrected[0]);
  EXPECT_DOUBLE_EQ(corrected->yi[0], std::log(0.5 / 5.5));
}

}  // namespace
}  // namespace carta::meta

#include "carta/meta/analysis.h"

namespace carta::meta {
namespace {

TEST(MetaGolden, LeaveOneOutMatchesMetafor) {
  json bcg = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/bcg_logrr.json");
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/bcg_leave1out.json");
  AnalysisInput in;
  in.counts = false;
  for (size_t i = 0; i < bcg["input"]["yi"].size(); ++i) {
    StudyInput s;
    s.study = bcg["input"]["study"][i];
    s.yi = bcg["input"]["yi"][i];
    s.vi = bcg["input"]["vi"][i];
    in.studies.push_back(s);
  }
  auto rows = LeaveOneOut(in, Measure::kGeneric, FitOptions());
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), g["rows"].size());
  for (size_t i = 0; i < rows->size(); ++i) {
    const auto& e = g["rows"][i];
    const auto& f = (*rows)[i].fit;
    const std::string what = "without " + (*rows)[i].omitted;
    ExpectNear(e["estimate"], f.estimate, what + " estimate");
    ExpectNear(e["se"], f.estimate_se, what + " se");
    ExpectNear(e["pval"], f.estimate_pval, what + " pval");
    ExpectNear(e["ci_lb"], f.estimate_ci_lb, what + " ci_lb");
    ExpectNear(e["ci_ub"], f.estimate_ci_ub, what + " ci_ub");
    ExpectNear(e["Q"], f.Q, what + " Q");
    ExpectNear(e["tau2"], f.tau2, what + " tau2");
    ExpectNear(e["I2"], f.I2, what + " I2");
  }
}

TEST(MetaInput, CsvCountsAndErrors) {
  auto in = InputFromCsv("study,events,n,group\na,3,20,x\nb,5,25,y\n", "in.csv");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_TRUE(in->counts);
  EXPECT_EQ(in->studies[1].events, 5);
  EXPECT_EQ(in->studies[1].group, "y");
  auto too_many = InputFromCsv("study,events,n\na,30,20\n", "in.csv");
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.status().message().find("in.csv:2: column 'events': 30 events is more than n = 20"), std::string::npos);
  auto nan = InputFromCsv("study,yi,vi\na,abc,0.1\n", "in.csv");
  ASSERT_FALSE(nan.ok());
  EXPECT_NE(nan.status().message().find("in.csv:2: column 'yi': 'abc' is not a number"), std::string::npos);
  EXPECT_FALSE(InputFromCsv("study,yi,vi\na,1,-0.1\n", "in.csv").ok());
  // No study column: numbered, not refused (metafor users often have none).
  auto numbered = InputFromCsv("name,events,n\na,1,2\n", "in.csv");
  ASSERT_TRUE(numbered.ok());
  EXPECT_EQ(numbered->studies[0].study, "S1");
}

}  // namespace
}  // namespace carta::meta

#include "carta/meta/bias.h"

namespace carta::meta {
namespace {

// k = 3, where trim-and-fill trims down to one study and fills two: metafor
// refits the one study left (its own effect) and still gives every test.
TEST(MetaGolden, BiasTestsAtThreeStudies) {
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/bias_k3.json");
  const std::vector<double> yi = Doubles(g["input"]["yi"]), vi = Doubles(g["input"]["vi"]);
  for (const auto& t : g["tests"]) {
    FitOptions o;
    o.method = *ParseMethod(t["method"]);
    const std::string what = "k3 " + t["method"].get<std::string>();
    auto e = Egger(yi, vi, o);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    ExpectNear(t["egger_zval"], e->zval, what + " Egger z");
    auto tf = TrimFill(yi, vi, o);
    ASSERT_TRUE(tf.ok()) << tf.status().ToString();
    EXPECT_EQ(tf->k0, t["tf_k0"].get<int>()) << what;
    ExpectNear(t["tf_se_k0"], tf->se_k0, what + " se k0");
    ExpectNear(t["tf_estimate"], tf->fit.estimate, what + " filled estimate");
    ExpectNear(t["tf_ci_lb"], tf->fit.estimate_ci_lb, what + " filled ci_lb");
    ExpectNear(t["tf_tau2"], tf->fit.tau2, what + " filled tau2");
  }
}

TEST(MetaGolden, BiasTestsMatchMetafor) {
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/bias.json");
  json bcg = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/bcg_logrr.json");
  json plo = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/cd19_orr_plo.json");
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> data = {
      {"hackshaw", {Doubles(g["hackshaw"]["yi"]), Doubles(g["hackshaw"]["vi"])}},
      {"bcg", {Doubles(bcg["input"]["yi"]), Doubles(bcg["input"]["vi"])}},
      {"cd19_orr_plo", {Doubles(plo["escalc"]["yi"]), Doubles(plo["escalc"]["vi"])}}};
  ASSERT_EQ(g["tests"].size(), 5u);
  for (const auto& t : g["tests"]) {
    const auto& [yi, vi] = data.at(t["dataset"].is_null() ? "" : t["dataset"].get<std::string>());
    FitOptions o;
    o.method = *ParseMethod(t["method"]);
    const std::string what = t["dataset"].get<std::string>() + " " + t["method"].get<std::string>();
    auto e = Egger(yi, vi, o);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    ExpectNear(t["egger_zval"], e->zval, what + " Egger z");
    ExpectNear(t["egger_pval"], e->pval, what + " Egger p");
    ExpectNear(t["egger_limit"], e->limit, what + " limit estimate");
    ExpectNear(t["egger_limit_ci_lb"], e->limit_ci_lb, what + " limit ci_lb");
    auto r = RankCorrelation(yi, vi);
    ASSERT_TRUE(r.ok());
    ExpectNear(t["rank_tau"], r->tau, what + " Kendall tau");
    ExpectNear(t["rank_pval"], r->pval, what + " rank p");
    auto tf = TrimFill(yi, vi, o);
    ASSERT_TRUE(tf.ok()) << tf.status().ToString();
    EXPECT_EQ(tf->k0, t["tf_k0"].get<int>()) << what;
    EXPECT_EQ(tf->side, t["tf_side"].get<std::string>()) << what;
    ExpectNear(t["tf_se_k0"], tf->se_k0, what + " se k0");
    ExpectNear(t["tf_estimate"], tf->fit.estimate, what + " filled estimate");
    ExpectNear(t["tf_se"], tf->fit.estimate_se, what + " filled se");
    ExpectNear(t["tf_tau2"], tf->fit.tau2, what + " filled tau2");
    if (t["tf_k0"].get<int>() > 0) {
      std::vector<double> want = t["tf_filled_yi"].is_array() ? Doubles(t["tf_filled_yi"])
                                                               : std::vector<double>{t["tf_filled_yi"].get<double>()};
      std::vector<double> got = tf->filled_yi;
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      ASSERT_EQ(got.size(), want.size()) << what;
      for (size_t i = 0; i < got.size(); ++i) ExpectNear(json(want[i]), got[i], what + " filled yi");
    }
  }
}

TEST(MetaGolden, MetaRegressionMatchesMetafor) {
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/metareg_bcg.json");
  json bcg = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/bcg_logrr.json");
  std::vector<double> yi = Doubles(bcg["input"]["yi"]), vi = Doubles(bcg["input"]["vi"]);
  std::vector<double> ablat = Doubles(g["ablat"]), year = Doubles(g["year"]);
  std::vector<std::string> alloc = g["alloc"];
  std::vector<std::string> levels = alloc;
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  for (const auto& f : g["fits"]) {
    std::vector<double> x;
    const std::string name = f["name"];
    for (size_t i = 0; i < yi.size(); ++i) {
      x.push_back(1);
      if (name == "ablat" || name == "ablat_year") x.push_back(ablat[i]);
      if (name == "ablat_year") x.push_back(year[i]);
      if (name == "alloc") {
        for (size_t l = 1; l < levels.size(); ++l) x.push_back(alloc[i] == levels[l] ? 1 : 0);
      }
    }
    FitOptions o;
    o.method = *ParseMethod(f["method"]);
    o.knha = f["knha"];
    const std::string what = name + " " + f["method"].get<std::string>() + (o.knha ? " knha" : "");
    auto r = Fit(yi, vi, o, x);
    ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
    for (size_t j = 0; j < r->beta.size(); ++j) {
      ExpectNear(f["beta"][j], r->beta[j], what + " beta" + std::to_string(j));
      ExpectNear(f["se"][j], r->se[j], what + " se" + std::to_string(j));
      ExpectNear(f["pval"][j], r->pval[j], what + " pval" + std::to_string(j));
      ExpectNear(f["ci_lb"][j], r->ci_lb[j], what + " ci_lb" + std::to_string(j));
    }
    ExpectNear(f["tau2"], r->tau2, what + " tau2");
    ExpectNear(f["QM"], r->QM, what + " QM");
    ExpectNear(f["QM_df"], r->QM_df, what + " QM df");
    ExpectNear(f["QM_pval"], r->QM_pval, what + " QM p");
    ExpectNear(f["QE"], r->Q, what + " QE");
    ExpectNear(f["QE_pval"], r->Q_pval, what + " QE p");
    ExpectNear(f["I2"], r->I2, what + " I2");
    ExpectNear(f["R2"], r->R2, what + " R2");
  }
}

}  // namespace
}  // namespace carta::meta

#include "carta/meta/glmm.h"

namespace carta::meta {
namespace {

// Against lme4 via metafor's rma.glmm. lme4's Nelder-Mead stops where the
// likelihood is flat to ~1e-9, so its τ² is good to ~1e-5: the parameters are
// compared at 1e-4, and carta's optimum must be at least as likely as lme4's
// under the same quadrature. The LRT needs no optimisation: 1e-6.
TEST(MetaGolden, BinomialNormalModelMatchesLme4) {
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/glmm.json");
  ASSERT_EQ(g["fits"].size(), 4u);
  for (const auto& f : g["fits"]) {
    std::vector<Proportion> data;
    for (size_t i = 0; i < f["n"].size(); ++i) {
      data.push_back({"s" + std::to_string(i), f["events"][i].get<long>(), f["n"][i].get<long>()});
    }
    const std::string what = f["dataset"];
    auto r = FitGlmm(data);
    ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
    auto near = [&](const json& e, double a, double tol, const std::string& name) {
      const double x = e.get<double>();
      EXPECT_LE(std::fabs(a - x), tol * std::max(1.0, std::fabs(x))) << what << " " << name << ": carta " << a << ", lme4 " << x;
    };
    near(f["estimate"], r->estimate, 1e-4, "estimate");
    near(f["tau2"], r->tau2, 1e-4, "tau2");
    near(f["se"], r->se, 1e-4, "se");
    near(f["ci_lb"], r->ci_lb, 1e-4, "ci_lb");
    near(f["I2"], r->I2, 1e-4, "I2");
    near(f["H2"], r->H2, 1e-4, "H2");
    near(f["lrt"], r->lrt, 1e-6, "LRT");
    near(f["lrt_pval"], r->lrt_pval, 1e-6, "LRT p");
    auto at_lme4 = GlmmLogLik(data, f["estimate"].get<double>(), f["tau2"].get<double>());
    ASSERT_TRUE(at_lme4.ok());
    EXPECT_GE(r->loglik, *at_lme4 - 1e-9) << what << ": carta's optimum is less likely than lme4's";
    EXPECT_LE(r->tau2_ci_lb, r->tau2);
    EXPECT_GE(r->tau2_ci_ub, r->tau2);
  }
}

// The profile-likelihood interval of τ² where 0/n and n/n studies make the
// profile long and flat (issue 17): against the profile of lme4's own
// deviance (tests/golden/meta/glmm_profile.json). Before the conditional
// modes were bracketed, the upper bounds stopped at 6 to 23 and, in one set,
// the 90% bound equalled τ² itself. Tolerance 1e-3: at τ² in the hundreds
// the 7-point quadrature of a 0/n study is itself 0.03 log-likelihood units
// from the integral (15 or 31 points), and lme4's and carta's quadratures,
// centred by different mode finders, differ by up to 2e-4 units there.
TEST(MetaGolden, GlmmProfileIntervalWithZeroAndFullStudies) {
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/glmm_profile.json");
  ASSERT_EQ(g["sets"].size(), 12u);
  for (const auto& f : g["sets"]) {
    std::vector<Proportion> data;
    for (size_t i = 0; i < f["n"].size(); ++i) {
      data.push_back({"s" + std::to_string(i), f["events"][i].get<long>(), f["n"][i].get<long>()});
    }
    GlmmOptions o;
    o.level = f["level"];
    const std::string what = f["events"].dump() + " of " + f["n"].dump() + " at " + f["level"].dump();
    auto r = FitGlmm(data, o);
    ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
    for (const auto& [key, value] : {std::pair{"tau2", r->tau2}, {"tau2_ci_lb", r->tau2_ci_lb}, {"tau2_ci_ub", r->tau2_ci_ub}}) {
      const double e = f[key].get<double>();
      EXPECT_LE(std::fabs(value - e), 1e-3 * std::max(1.0, std::fabs(e))) << what << " " << key << ": carta " << value
                                                                          << ", lme4 profile " << e;
    }
    EXPECT_LT(r->tau2, r->tau2_ci_ub) << what;
  }
}

TEST(Glmm, ExplainsWhatCannotBeFitted) {
  auto none = FitGlmm({{"a", 0, 10}, {"b", 0, 20}});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("every study has 0 events"), std::string::npos);
  EXPECT_FALSE(FitGlmm({{"a", 3, 10}}).ok());
  EXPECT_FALSE(FitGlmm({{"a", 3, 10}, {"b", 30, 20}}).ok());
  // Zero-event cohorts need no correction: the fit exists.
  EXPECT_TRUE(FitGlmm({{"a", 0, 10}, {"b", 4, 20}, {"c", 2, 15}}).ok());
}

}  // namespace
}  // namespace carta::meta

namespace carta::meta {
namespace {

// Expected values from R: binom.test(x, n)$conf.int.
TEST(ClopperPearson, MatchesRBinomTest) {
  auto a = ClopperPearson(3, 20, 0.95);
  EXPECT_NEAR(a.first, 0.032070937185464, 1e-12);
  EXPECT_NEAR(a.second, 0.378926826545314, 1e-12);
  auto b = ClopperPearson(0, 10, 0.95);
  EXPECT_EQ(b.first, 0);
  EXPECT_NEAR(b.second, 0.308497107818761, 1e-12);
  auto c = ClopperPearson(28, 28, 0.95);
  EXPECT_NEAR(c.first, 0.876563881499736, 1e-12);
  EXPECT_EQ(c.second, 1);
}

TEST(Convention, MetaReportsIsquaredFromQAndATPredictionInterval) {
  AnalysisInput in;
  for (auto [e, n] : std::vector<std::pair<long, long>>{{12, 20}, {30, 40}, {7, 30}, {15, 25}}) {
    StudyInput s;
    s.study = "s" + std::to_string(n);
    s.events = e;
    s.n = n;
    in.studies.push_back(s);
  }
  FitOptions o;
  auto metafor = Analyze(in, Measure::kPLO, o, false, Convention::kMetafor);
  auto meta = Analyze(in, Measure::kPLO, o, false, Convention::kMeta);
  ASSERT_TRUE(metafor.ok() && meta.ok());
  const double q = metafor->fit.Q, df = metafor->fit.Q_df;
  EXPECT_NEAR(meta->fit.I2, std::max(0.0, 100 * (q - df) / q), 1e-12);
  EXPECT_EQ(meta->fit.tau2, metafor->fit.tau2);  // same model, different summary
  EXPECT_LT(meta->fit.pi_lb, metafor->fit.pi_lb);  // t(3) is wider than z
  EXPECT_NEAR(meta->studies[0].prop, 0.6, 1e-12);  // raw proportion with an exact interval
}

}  // namespace
}  // namespace carta::meta

namespace carta::meta {
namespace {

TEST(MetaGolden, TwoArmMeasuresMatchEscalcAndRma) {
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/two_arm.json");
  ASSERT_EQ(g.size(), 2u);
  for (const auto& set : g) {
    std::vector<TwoArm> data;
    for (size_t i = 0; i < set["n1"].size(); ++i) {
      data.push_back({"s" + std::to_string(i), set["events1"][i].get<long>(), set["n1"][i].get<long>(),
                      set["events2"][i].get<long>(), set["n2"][i].get<long>()});
    }
    for (const auto& f : set["fits"]) {
      const std::string what = set["dataset"].get<std::string>() + " " + f["measure"].get<std::string>();
      auto es = ComputeTwoArmEffects(*ParseMeasure(f["measure"]), data);
      ASSERT_TRUE(es.ok()) << what << ": " << es.status().ToString();
      for (size_t i = 0; i < data.size(); ++i) {
        ExpectNear(f["yi"][i], es->yi[i], what + " yi");
        ExpectNear(f["vi"][i], es->vi[i], what + " vi");
      }
      auto r = Fit(es->yi, es->vi, FitOptions());
      ASSERT_TRUE(r.ok());
      ExpectNear(f["estimate"], r->estimate, what + " estimate");
      ExpectNear(f["se"], r->estimate_se, what + " se");
      ExpectNear(f["tau2"], r->tau2, what + " tau2");
      ExpectNear(f["ci_lb"], r->estimate_ci_lb, what + " ci_lb");
    }
  }
  EXPECT_FALSE(ComputeTwoArmEffects(Measure::kRR, {{"a", 3, 0, 2, 10}}).ok());  // empty arm
  EXPECT_FALSE(ComputeTwoArmEffects(Measure::kPLO, {{"a", 3, 10, 2, 10}}).ok());
}

}  // namespace
}  // namespace carta::meta

namespace carta::meta {
namespace {

TEST(MetaGolden, InfluenceDiagnosticsMatchMetafor) {
  json g = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/influence_bcg.json");
  json bcg = Load(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/bcg_logrr.json");
  std::vector<double> yi = Doubles(bcg["input"]["yi"]), vi = Doubles(bcg["input"]["vi"]);
  std::vector<double> ablat = Doubles(g["ablat"]);
  for (const auto& d : g["diagnostics"]) {
    const std::string name = d["name"];
    FitOptions o;
    o.method = name == "intercept_dl" ? Method::kDL : Method::kREML;
    std::vector<double> x;
    if (name == "ablat_reml") {
      for (double a : ablat) {
        x.push_back(1);
        x.push_back(a);
      }
    }
    auto rows = Influence(yi, vi, o, x);
    ASSERT_TRUE(rows.ok()) << name << ": " << rows.status().ToString();
    for (size_t i = 0; i < rows->size(); ++i) {
      const auto& r = (*rows)[i];
      const std::string what = name + " study " + std::to_string(i + 1);
      ExpectNear(d["rstudent"][i], r.rstudent, what + " rstudent");
      ExpectNear(d["dffits"][i], r.dffits, what + " dffits");
      ExpectNear(d["cook_d"][i], r.cook_d, what + " cook.d");
      ExpectNear(d["cov_r"][i], r.cov_r, what + " cov.r");
      ExpectNear(d["tau2_del"][i], r.tau2_del, what + " tau2.del");
      ExpectNear(d["QE_del"][i], r.QE_del, what + " QE.del");
      ExpectNear(d["hat"][i], r.hat, what + " hat");
      ExpectNear(d["weight"][i], r.weight, what + " weight");
      ExpectNear(d["dfbs_intrcpt"][i], r.dfbs[0], what + " dfbs");
    }
  }
}

}  // namespace
}  // namespace carta::meta

namespace carta::meta {
namespace {

// Regressions found by hostile input (2026-11-25): an effect of 1e308 made
// Boost throw on a NaN; two zero variances made the Q-profile search throw.
TEST(Meta, ExtremeInputGivesAStatusNotAnException) {
  FitOptions o;
  auto huge = Fit({1e308, 2}, {0.1, 0.1}, o);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("outside the range"), std::string::npos);
  auto zeros = Fit({1, 2}, {0, 0}, o);
  ASSERT_TRUE(zeros.ok()) << zeros.status().ToString();
  EXPECT_TRUE(std::isnan(zeros->Q));  // as metafor: no Q, I² or H² with a zero variance
  EXPECT_TRUE(std::isfinite(zeros->estimate));
}

}  // namespace
}  // namespace carta::meta
