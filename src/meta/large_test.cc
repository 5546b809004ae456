// Meta-analyses of tens of thousands of studies (issue 18: 30,000 studies
// died with std::bad_alloc, 10,000 took 167 s and 1.6 GB, because Fit()
// formed the k x k projection P). The general path must agree with the
// intercept-only closed forms of FastFit() and with weighted sums written
// out here, and a whole `carta meta` run on 20,000 studies must finish.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "carta/meta/fast.h"
#include "carta/meta/rma.h"
#include "carta/meta/run.h"

namespace carta::meta {
namespace {

constexpr int kLargeK = 20000;

// A deterministic pseudo-random sequence in [0, 1) (a 64-bit LCG's top bits).
class Uniform {
 public:
  explicit Uniform(uint64_t seed) : state_(seed) {}
  double Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) / 9007199254740992.0;
  }

 private:
  uint64_t state_;
};

// k log-odds around -0.5 with between-study spread 0.3 and variances in [0.02, 0.5].
void Studies(int k, std::vector<double>* y, std::vector<double>* v, std::vector<double>* dose) {
  Uniform u(17);
  for (int i = 0; i < k; ++i) {
    const double d = u.Next();
    v->push_back(0.02 + 0.48 * u.Next());
    y->push_back(-0.5 + 0.4 * d + 0.6 * (u.Next() - 0.5) + std::sqrt(v->back()) * (u.Next() + u.Next() + u.Next() - 1.5) * 2);
    dose->push_back(d);
  }
}

void ExpectClose(double expected, double actual, double tol, const std::string& what) {
  EXPECT_LE(std::fabs(actual - expected), tol * std::max(1.0, std::fabs(expected)))
      << what << ": general " << actual << ", closed form " << expected;
}

TEST(MetaLargeK, GeneralFitAgreesWithTheClosedFormsAtTwentyThousandStudies) {
  std::vector<double> y, v, dose;
  Studies(kLargeK, &y, &v, &dose);
  for (Method m : {Method::kREML, Method::kML, Method::kDL, Method::kPM, Method::kEB, Method::kHE, Method::kSJ,
                   Method::kHS, Method::kEE}) {
    FitOptions o;
    o.method = m;
    auto fit = Fit(y, v, o);
    ASSERT_TRUE(fit.ok()) << MethodName(m) << ": " << fit.status().ToString();
    const FastResult fast = FastFit(y.data(), v.data(), kLargeK, o);
    ASSERT_TRUE(fast.ok) << MethodName(m);
    const std::string what = MethodName(m);
    ExpectClose(fast.tau2, fit->tau2, 1e-8, what + " tau2");
    ExpectClose(fast.estimate, fit->estimate, 1e-10, what + " estimate");
    ExpectClose(fast.se, fit->estimate_se, 1e-10, what + " se");
    ExpectClose(fast.Q, fit->Q, 1e-9, what + " Q");
    ExpectClose(fast.I2, fit->I2, 1e-8, what + " I2");
    EXPECT_EQ(fit->weights.size(), static_cast<size_t>(kLargeK));
    if (m != Method::kEE) {
      EXPECT_GT(fit->tau2, 0.0) << what;
    }
    if (m == Method::kPM) {  // Q(τ²) = k - 1 lies between the Q-profile's quantiles
      EXPECT_LE(fit->tau2_ci_lb, fit->tau2) << what;
      EXPECT_GE(fit->tau2_ci_ub, fit->tau2) << what;
    }
  }
}

// DerSimonian-Laird written out as weighted sums, and its standard error
// (metafor's formula with tr P and tr PP of the intercept-only model).
TEST(MetaLargeK, DerSimonianLairdMatchesItsSums) {
  std::vector<double> y, v, dose;
  Studies(kLargeK, &y, &v, &dose);
  double s1 = 0, s2 = 0, s3 = 0, swy = 0;
  for (int i = 0; i < kLargeK; ++i) {
    const double w = 1 / v[i];
    s1 += w;
    s2 += w * w;
    s3 += w * w * w;
    swy += w * y[i];
  }
  double q = 0;
  for (int i = 0; i < kLargeK; ++i) q += (y[i] - swy / s1) * (y[i] - swy / s1) / v[i];
  const double trP = s1 - s2 / s1, trPP = s2 - 2 * s3 / s1 + s2 * s2 / (s1 * s1);
  const double tau2 = (q - (kLargeK - 1)) / trP;
  FitOptions o;
  o.method = Method::kDL;
  auto fit = Fit(y, v, o);
  ASSERT_TRUE(fit.ok());
  ExpectClose(tau2, fit->tau2, 1e-9, "DL tau2");
  const double se = std::sqrt((2.0 * (kLargeK - 1) + 4 * tau2 * trP + 2 * tau2 * tau2 * trPP) / (trP * trP));
  ExpectClose(se, fit->se_tau2, 1e-9, "DL se(tau2)");
}

// A meta-regression on 20,000 studies: with τ² = 0 (EE) the coefficients are
// the weighted least-squares solution of the 2 x 2 normal equations.
TEST(MetaLargeK, MetaRegressionSolvesTheNormalEquations) {
  std::vector<double> y, v, dose;
  Studies(kLargeK, &y, &v, &dose);
  std::vector<double> x;
  double a = 0, b = 0, c = 0, r0 = 0, r1 = 0;
  for (int i = 0; i < kLargeK; ++i) {
    x.push_back(1);
    x.push_back(dose[i]);
    const double w = 1 / v[i];
    a += w;
    b += w * dose[i];
    c += w * dose[i] * dose[i];
    r0 += w * y[i];
    r1 += w * dose[i] * y[i];
  }
  const double det = a * c - b * b;
  FitOptions o;
  o.method = Method::kEE;
  auto fit = Fit(y, v, o, x, {"intrcpt", "dose"});
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  ExpectClose((c * r0 - b * r1) / det, fit->beta[0], 1e-9, "intercept");
  ExpectClose((a * r1 - b * r0) / det, fit->beta[1], 1e-9, "slope");
  ExpectClose(std::sqrt(a / det), fit->se[1], 1e-9, "se(slope)");
  o.method = Method::kREML;
  auto reml = Fit(y, v, o, x, {"intrcpt", "dose"});
  ASSERT_TRUE(reml.ok()) << reml.status().ToString();
  EXPECT_GT(reml->beta[1], 0.2);  // the simulated slope is 0.4
  EXPECT_LT(reml->beta[1], 0.6);
  EXPECT_GE(reml->R2, 0.0);
}

// The whole use case, from a CSV of 20,000 count rows to the pooled result.
TEST(MetaLargeK, RunPoolsTwentyThousandCountRows) {
  std::string csv = "study,events,n\n";
  Uniform u(5);
  for (int i = 0; i < kLargeK; ++i) {
    const int n = 10 + static_cast<int>(90 * u.Next());
    const int events = static_cast<int>(n * (0.2 + 0.5 * u.Next()));
    csv += "s" + std::to_string(i + 1) + "," + std::to_string(events) + "," + std::to_string(n) + "\n";
  }
  MetaRequest request;
  request.csv_file = "large.csv";
  request.csv_text = csv;
  auto r = meta::Run(request, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->pool.has_value());
  EXPECT_EQ(r->pool->fit.k, kLargeK);
  EXPECT_EQ(r->pool->studies.size(), static_cast<size_t>(kLargeK));
  EXPECT_GT(r->pool->pooled.prop, 0.3);
  EXPECT_LT(r->pool->pooled.prop, 0.6);
}

// leave1out and influence refit once per study (k² time): past their bound
// they are refused with a reason, not left to run for hours.
TEST(MetaLargeK, PerStudyRefitsAreBounded) {
  std::string csv = "yi,vi\n";
  for (size_t i = 0; i <= kMaxStudiesPerStudyRefits; ++i) csv += std::to_string(0.001 * static_cast<double>(i % 97)) + ",0.1\n";
  for (AnalysisKind kind : {AnalysisKind::kLeaveOneOut, AnalysisKind::kInfluence}) {
    MetaRequest request;
    request.csv_file = "many.csv";
    request.csv_text = csv;
    request.analysis = kind;
    auto r = meta::Run(request, nullptr);
    ASSERT_FALSE(r.ok()) << AnalysisKindName(kind);
    EXPECT_EQ(r.status().location().field, "analysis");
    EXPECT_NE(r.status().message().find("more than its bound of " + std::to_string(kMaxStudiesPerStudyRefits)),
              std::string::npos)
        << r.status().message();
  }
}

}  // namespace
}  // namespace carta::meta
