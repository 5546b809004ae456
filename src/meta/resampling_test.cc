#include "carta/meta/resampling.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <random>

#include "carta/meta/fast.h"

namespace carta::meta {
namespace {

using nlohmann::json;

json Golden(const std::string& name) {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/" + name);
  return json::parse(in);
}

void Near(double expected, double actual, double tol, const std::string& what) {
  EXPECT_LE(std::fabs(actual - expected), tol * std::max(std::fabs(expected), 1.0))
      << what << ": got " << actual << ", expected " << expected;
}

// The fast intercept-only fit against Fit(), the matrix implementation, on
// random data: every estimator, with and without Hartung-Knapp.
TEST(FastFit, AgreesWithTheMatrixFit) {
  std::mt19937 rng(7);
  std::normal_distribution<double> effect(0.5, 0.6);
  std::uniform_real_distribution<double> variance(0.01, 0.5);
  const Method methods[] = {Method::kEE, Method::kDL, Method::kHE, Method::kHS, Method::kHSk, Method::kSJ,
                            Method::kML, Method::kREML, Method::kEB, Method::kPM, Method::kPMM};
  for (int trial = 0; trial < 40; ++trial) {
    const int k = 2 + trial % 12;
    std::vector<double> y(k), v(k);
    for (int i = 0; i < k; ++i) {
      y[i] = effect(rng);
      v[i] = variance(rng);
    }
    for (Method m : methods) {
      for (bool knha : {false, true}) {
        FitOptions o;
        o.method = m;
        o.knha = knha;
        auto slow = Fit(y, v, o);
        ASSERT_TRUE(slow.ok()) << slow.status().ToString();
        FastResult fast = FastFit(y.data(), v.data(), k, o);
        ASSERT_TRUE(fast.ok);
        const std::string what = std::string(MethodName(m)) + (knha ? " knha" : "") + " k=" + std::to_string(k);
        Near(slow->tau2, fast.tau2, 1e-9, what + " tau2");
        Near(slow->estimate, fast.estimate, 1e-9, what + " estimate");
        Near(slow->estimate_se, fast.se, 1e-9, what + " se");
        Near(slow->Q, fast.Q, 1e-9, what + " Q");
        Near(slow->I2, fast.I2, 1e-9, what + " I2");
        Near(slow->H2, fast.H2, 1e-9, what + " H2");
      }
    }
  }
}

// The fast path (GOSH, permutations) finds the maximum of the likelihood
// beyond a local minimum at tau^2 = 0, as the matrix fit does (issue 17).
TEST(FastFit, FindsTheMaximumBeyondALocalMinimumAtZero) {
  for (int set = 1; set <= 5; ++set) {
    json g = Golden("ml_beyond_zero_" + std::to_string(set) + ".json");
    std::vector<double> yi = g["escalc"]["yi"], vi = g["escalc"]["vi"];
    for (const json& f : g["fits"]) {
      if (f["knha"].get<bool>()) continue;
      FitOptions o;
      o.method = *ParseMethod(f["method"].get<std::string>());
      FastResult fast = FastFit(yi.data(), vi.data(), static_cast<int>(yi.size()), o);
      ASSERT_TRUE(fast.ok);
      Near(f["tau2"].get<double>(), fast.tau2, 1e-6, "set " + std::to_string(set) + " " + f["method"].get<std::string>());
    }
  }
}

TEST(Gosh, EverySubsetMatchesMetafor) {
  for (const char* file : {"gosh_bcg10_reml.json", "gosh_bcg10_dl.json"}) {
    json g = Golden(file);
    json bcg = Golden("bcg_logrr.json");
    std::vector<double> yi = bcg["input"]["yi"], vi = bcg["input"]["vi"];
    yi.resize(10);
    vi.resize(10);
    GoshOptions o;
    o.fit.method = *ParseMethod(g["method"]);
    auto r = Gosh(yi, vi, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->mask.size(), g["mask"].size());
    EXPECT_TRUE(r->exact);
    EXPECT_EQ(r->failed, 0u);
    std::map<uint64_t, size_t> row_of;  // metafor orders subsets by size; carta by number
    for (size_t i = 0; i < r->mask.size(); ++i) row_of[r->mask[i]] = i;
    for (size_t gi = 0; gi < g["mask"].size(); ++gi) {
      ASSERT_TRUE(row_of.count(g["mask"][gi].get<uint64_t>()));
      const size_t i = row_of[g["mask"][gi].get<uint64_t>()];
      const std::string what = std::string(file) + " subset " + std::to_string(r->mask[i]);
      Near(g["estimate"][gi], r->estimate[i], 1e-6, what + " estimate");
      Near(g["tau2"][gi], r->tau2[i], 1e-6, what + " tau2");
      Near(g["I2"][gi], r->I2[i], 1e-6, what + " I2");
      Near(g["H2"][gi], r->H2[i], 1e-6, what + " H2");
      Near(g["Q"][gi], r->Q[i], 1e-6, what + " Q");
    }
  }
}

TEST(Permute, ExactTestsMatchMetafor) {
  json g = Golden("permutest_bcg.json");
  json bcg = Golden("bcg_logrr.json");
  std::vector<double> yi = bcg["input"]["yi"], vi = bcg["input"]["vi"];
  std::vector<double> y8(yi.begin(), yi.begin() + 8), v8(vi.begin(), vi.begin() + 8);
  PermutationOptions o;
  o.exact = true;
  auto reml = Permute(y8, v8, o);
  ASSERT_TRUE(reml.ok()) << reml.status().ToString();
  EXPECT_EQ(reml->iterations, 256u);
  Near(g["intercept_reml"]["pval"], reml->pval[0], 1e-12, "sign flips, REML");
  o.fit.method = Method::kDL;
  o.fit.knha = true;
  auto dl = Permute(y8, v8, o);
  ASSERT_TRUE(dl.ok());
  Near(g["intercept_dl_knha"]["pval"], dl->pval[0], 1e-12, "sign flips, DL knha");
  std::vector<double> ablat = g["ablat_reml"]["ablat"];
  std::vector<double> x;
  for (double a : ablat) {
    x.push_back(1);
    x.push_back(a);
  }
  PermutationOptions om;
  om.exact = true;
  auto rows = Permute({yi.begin(), yi.begin() + 7}, {vi.begin(), vi.begin() + 7}, om, x);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  Near(g["ablat_reml"]["pval"][0], rows->pval[0], 1e-12, "row permutations, intercept");
  Near(g["ablat_reml"]["pval"][1], rows->pval[1], 1e-12, "row permutations, slope");
  Near(g["ablat_reml"]["QMp"], rows->QM_pval, 1e-12, "row permutations, QM");
}

TEST(Permute, RandomTestIsReproducibleAndBounded) {
  json bcg = Golden("bcg_logrr.json");
  std::vector<double> yi = bcg["input"]["yi"], vi = bcg["input"]["vi"];
  PermutationOptions o;
  o.iterations = 2000;
  auto a = Permute(yi, vi, o);
  auto b = Permute(yi, vi, o);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->exact);
  EXPECT_EQ(a->pval, b->pval);  // same seed, same answer, whatever the thread count
  EXPECT_GT(a->pval[0], 0);
  EXPECT_LE(a->pval[0], 1);
}

}  // namespace
}  // namespace carta::meta
