// Small-study effects and publication bias, as metafor computes them:
// Egger's regression test (regtest), the rank correlation test (ranktest)
// and trim-and-fill (trimfill).
#ifndef CARTA_META_BIAS_H_
#define CARTA_META_BIAS_H_

#include <string>
#include <vector>

#include "carta/meta/rma.h"

namespace carta::meta {

// Egger et al. 1997, in metafor's form: the model refitted with the standard
// error as a moderator (same estimator and test); the test is on its slope,
// and the intercept is the "limit estimate" for a study of infinite precision.
struct EggerTest {
  double zval = 0, pval = 0;   // of the slope (t value under Hartung-Knapp)
  int df = 0;                  // t df under Hartung-Knapp, 0 for z
  double limit = 0, limit_ci_lb = 0, limit_ci_ub = 0;
};
Result<EggerTest> Egger(const std::vector<double>& yi, const std::vector<double>& vi, const FitOptions& o);

// Begg & Mazumdar 1994: Kendall's tau between the standardised effects
// (y - θ_FE)/sqrt(v - 1/Σw) and the variances; exact p-value without ties
// and k < 50 (as R's cor.test), normal approximation otherwise.
struct RankTest {
  double tau = 0, pval = 0;
  bool exact = false;
};
Result<RankTest> RankCorrelation(const std::vector<double>& yi, const std::vector<double>& vi);

// Duval & Tweedie 2000, estimator L0 (or R0), side chosen from the sign of
// Egger's slope unless given ("left" or "right"); the model refitted with the
// filled studies (mirror images of the k0 most extreme ones).
struct TrimAndFill {
  int k0 = 0;
  double se_k0 = 0;
  std::string side;                       // "left" or "right": where the studies are missing
  std::vector<double> filled_yi, filled_vi;
  FitResult fit;                          // on the observed and filled studies
};
Result<TrimAndFill> TrimFill(const std::vector<double>& yi, const std::vector<double>& vi, const FitOptions& o,
                             const std::string& side = "", const std::string& estimator = "L0");

}  // namespace carta::meta

namespace carta::meta {

// Case-deletion diagnostics of each study (Viechtbauer & Cheung 2010), as
// metafor's influence(): from the model refitted without study i.
struct InfluenceRow {
  double rstudent = 0;  // externally standardised residual
  double dffits = 0;    // change in the fitted value, standardised
  double cook_d = 0;    // Cook's distance on the coefficients
  double cov_r = 0;     // det Var(β) without i / det Var(β)
  double tau2_del = 0, QE_del = 0;
  double hat = 0;       // leverage
  double weight = 0;    // percent
  std::vector<double> dfbs;  // standardised change of each coefficient
  bool influential = false;  // any of metafor's flags (|dffits|, Cook's distance, hat, |dfbs| > 1)
};

// `x` as in Fit() (empty: intercept only). Fails when the full model or a
// deleted one cannot be fitted, naming the study.
Result<std::vector<InfluenceRow>> Influence(const std::vector<double>& yi, const std::vector<double>& vi,
                                            const FitOptions& o, const std::vector<double>& x = {});

}  // namespace carta::meta

#endif  // CARTA_META_BIAS_H_
