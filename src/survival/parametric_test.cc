// Parametric fits against R: survreg() for the exponential, Weibull,
// log-logistic and log-normal (its location-scale form on log t), and a
// direct maximisation written in R for the Gompertz and generalised gamma
// (tests/golden/survival/parametric.json from survival_golden.R).
#include "carta/survival/parametric.h"

#include <gtest/gtest.h>

#include <cmath>

#include "families.h"
#include "test_util.h"

namespace carta::survival {
namespace {

using nlohmann::json;
using testing::ExpectNear;

std::vector<double> Estimates(const ParametricFit& f) {
  std::vector<double> out;
  for (const auto& p : f.parameters) out.push_back(p.estimate);
  return out;
}

// carta's estimates and covariance in survreg's (intercept, log scale) form.
void ToSurvreg(Dist dist, const ParametricFit& f, std::vector<double>* est, std::vector<double>* var) {
  const std::vector<double> x = Estimates(f);
  const std::vector<double>& v = f.covariance;
  if (dist == Dist::kExponential) {
    *est = {-x[0]};
    *var = {v[0]};
  } else if (dist == Dist::kLogNormal) {
    *est = x;
    *var = v;
  } else {  // intercept = log_scale, log σ = −log_shape
    *est = {x[1], -x[0]};
    *var = {v[3], -v[1], -v[2], v[0]};
  }
}

SurvData Dataset(const std::string& name) {
  if (name != "gbsg") return testing::LoadData(name + ".csv");
  SurvColumns c;
  c.time = "rfstime";
  c.event = "status";
  return testing::LoadData("gbsg_rfs.csv", c);
}

TEST(ParametricGolden, MatchesSurvregAndDirectFits) {
  const json g = testing::LoadJson("parametric.json");
  int fits = 0;
  for (const json& set : g["parametric"]) {
    const SurvData d = Dataset(set["dataset"]);
    for (const json& e : set["fits"]) {
      const std::string what = set["dataset"].get<std::string>() + " " + e["dist"].get<std::string>();
      ParametricOptions o;
      o.dist = *ParseDist(e["dist"]);
      auto f = FitParametric(d, o);
      ASSERT_TRUE(f.ok()) << what << ": " << f.status().ToString();
      ++fits;
      ExpectNear(e["loglik"], f->loglik, what + " loglik");
      std::vector<double> est = Estimates(*f), var = f->covariance;
      json expected_est = e.contains("estimate") ? e["estimate"] : json::array({e["intercept"]});
      if (e.contains("intercept")) {
        ToSurvreg(o.dist, *f, &est, &var);
        if (!e["log_scale"].is_null()) expected_est.push_back(e["log_scale"]);
      }
      ASSERT_EQ(est.size(), expected_est.size()) << what;
      for (size_t i = 0; i < est.size(); ++i) ExpectNear(expected_est[i], est[i], what + " estimate " + std::to_string(i));
      ASSERT_EQ(var.size(), e["var"].size()) << what;
      for (size_t i = 0; i < var.size(); ++i) ExpectNear(e["var"][i], var[i], what + " var " + std::to_string(i));
      EXPECT_NEAR(f->aic, -2 * f->loglik + 2 * static_cast<double>(est.size()), 1e-9) << what;
    }
  }
  EXPECT_EQ(fits, 24);
}

TEST(Parametric, ExponentialHasItsClosedForm) {
  // The MLE of an exponential rate is d/Σt with SE(log rate) = 1/√d.
  SurvData d{{2, 3, 5, 7, 11, 13}, {1, 0, 1, 1, 0, 1}, {}, {}};
  ParametricOptions o;
  o.dist = Dist::kExponential;
  o.predict_times = {10};
  auto f = FitParametric(d, o);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_NEAR(f->parameters[0].estimate, std::log(4.0 / 41), 1e-9);
  EXPECT_NEAR(f->parameters[0].se, 0.5, 1e-7);
  EXPECT_NEAR(f->median, std::log(2.0) * 41 / 4, 1e-6);
  EXPECT_NEAR(f->predictions[0].surv, std::exp(-40.0 / 41), 1e-9);
  EXPECT_LT(f->predictions[0].lower, f->predictions[0].surv);
  EXPECT_GT(f->predictions[0].upper, f->predictions[0].surv);
  EXPECT_TRUE(std::isnan(f->cure_fraction));
  EXPECT_NEAR(f->bic, -2 * f->loglik + std::log(6.0), 1e-9);
}

TEST(Parametric, RefusesWhatItCannotFit) {
  ParametricOptions o;
  EXPECT_FALSE(FitParametric({{0, 1}, {1, 1}, {}, {}}, o).ok());   // time 0
  EXPECT_FALSE(FitParametric({{1, 2}, {0, 0}, {}, {}}, o).ok());   // no events
  EXPECT_FALSE(FitParametric({{}, {}, {}, {}}, o).ok());
  EXPECT_FALSE(ParseDist("weibul").ok());
  EXPECT_FALSE(ParseCure("mix").ok());
  EXPECT_EQ(ParameterNames(Dist::kWeibull, Cure::kMixture, CureLink::kLogistic),
            (std::vector<std::string>{"log_shape", "log_scale", "logit_cure"}));
}


// Issue 17: on a small sample the generalised gamma likelihood can rise as
// |q| → ∞; the maximiser stopped at a local maximum and reported standard
// errors without a word. The profile at q far from q̂ is higher: a warning.
TEST(Parametric, GenGammaWithoutAProperMaximumWarns) {
  ParametricOptions o;
  o.dist = Dist::kGenGamma;
  auto f = FitParametric(testing::LoadData("gengamma_no_maximum.csv"), o);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  bool warned = false;
  for (const auto& w : f->warnings) warned = warned || w.find("no proper maximum") != std::string::npos;
  EXPECT_TRUE(warned);
  // Data with a proper maximum: no such warning.
  auto g = FitParametric(testing::LoadData("veteran.csv"), o);
  ASSERT_TRUE(g.ok());
  for (const auto& w : g->warnings) EXPECT_EQ(w.find("no proper maximum"), std::string::npos) << w;
}

// Issue 17 (speed): the generalised gamma's analytic gradient, which replaces
// numerical differences of the whole likelihood, against central differences
// of log f and log S per patient, for q > 0, q < 0 and q near 0 (log-normal).
TEST(Parametric, GenGammaGradientMatchesDifferences) {
  for (const std::vector<double>& theta : std::vector<std::vector<double>>{
           {3.1, -0.2, 1.3}, {2.5, 0.3, -0.7}, {3.0, -0.1, 0.2}, {3.0, -0.1, 1e-9}}) {
    for (double t : {0.5, 8.0, 20.0, 60.0}) {
      for (bool event : {true, false}) {
        double grad[3] = {0, 0, 0};
        ASSERT_TRUE(internal::GenGammaLogLikGradient(theta.data(), t, event, grad));
        for (int k = 0; k < 3; ++k) {
          if (std::fabs(theta[2]) < 1e-8 && k == 2) continue;  // the log-normal has no q
          auto at = [&](double step) {
            std::vector<double> x = theta;
            x[k] += step;
            double log_s = 0, log_f = 0;
            internal::DistLogSurvDens(Dist::kGenGamma, x.data(), t, &log_s, &log_f);
            return event ? log_f : log_s;
          };
          const double h = 1e-5;
          const double numeric = (at(h) - at(-h)) / (2 * h);
          EXPECT_NEAR(grad[k], numeric, 1e-6 * std::max(1.0, std::fabs(numeric)))
              << "theta " << theta[0] << "," << theta[1] << "," << theta[2] << " t " << t << " event " << event
              << " k " << k;
        }
      }
    }
  }
}

// Every family's analytic gradient (which lets the plain fits, and the
// generalised gamma's Weibull and log-normal starts, use L-BFGS instead of
// numerical differences) against central differences of log f and log S.
TEST(Parametric, EveryFamilysGradientMatchesDifferences) {
  const std::vector<std::pair<Dist, std::vector<std::vector<double>>>> cases = {
      {Dist::kExponential, {{-3.0}, {0.5}}},
      {Dist::kWeibull, {{0.3, 3.1}, {-0.4, 1.0}}},
      {Dist::kLogLogistic, {{0.3, 3.1}, {-0.4, 1.0}}},
      {Dist::kLogNormal, {{3.0, -0.2}, {1.0, 0.4}}},
      {Dist::kGompertz, {{0.05, -3.0}, {-0.08, -2.0}, {1e-9, -3.0}}},
  };
  for (const auto& [dist, thetas] : cases) {
    for (const auto& theta : thetas) {
      for (double t : {0.5, 8.0, 20.0, 60.0}) {
        for (bool event : {true, false}) {
          std::vector<double> grad(theta.size(), 0.0);
          ASSERT_TRUE(internal::DistLogLikGradient(dist, theta.data(), t, event, grad.data()));
          for (size_t k = 0; k < theta.size(); ++k) {
            auto at = [&](double step) {
              std::vector<double> x = theta;
              x[k] += step;
              double log_s = 0, log_f = 0;
              internal::DistLogSurvDens(dist, x.data(), t, &log_s, &log_f);
              return event ? log_f : log_s;
            };
            const double h = 1e-6;
            const double numeric = (at(h) - at(-h)) / (2 * h);
            EXPECT_NEAR(grad[k], numeric, 1e-5 * std::max(1.0, std::fabs(numeric)))
                << DistName(dist) << " theta[0] " << theta[0] << " t " << t << " event " << event << " k " << k;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace carta::survival
