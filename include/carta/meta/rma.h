// Random- and fixed-effects meta-analysis and meta-regression: the model of
// metafor's rma.uni(), with its estimators of the between-study variance τ²,
// its tests and intervals, checked against metafor to 1e-6 (tests/golden/meta).
#ifndef CARTA_META_RMA_H_
#define CARTA_META_RMA_H_

#include <cmath>
#include <string>
#include <vector>

#include "carta/core/status.h"

namespace carta::meta {

// Estimators of τ² (formulas and sources in doc/formulas.md).
enum class Method {
  kEE,    // equal (fixed) effects: τ² = 0
  kDL,    // DerSimonian & Laird 1986
  kHE,    // Hedges 1983 (variance components)
  kHS,    // Hunter & Schmidt 2004
  kHSk,   // Hunter-Schmidt with a k/(k-p) small-sample correction
  kSJ,    // Sidik & Jonkman 2005
  kML,    // maximum likelihood (safeguarded Newton on the score)
  kREML,  // restricted maximum likelihood (Viechtbauer 2005; safeguarded Newton on the score)
  kEB,    // empirical Bayes (Morris 1983; Berkey et al. 1995)
  kPM,    // Paule & Mandel 1982
  kPMM,   // median-unbiased Paule-Mandel (Viechtbauer 2021)
  kGLMM,  // binomial-normal model by maximum likelihood (glmm.h); counts only, not through Fit()
};

// The estimators' names: "EE", "FE" (EE's alias), "DL", "HE", "HS", "HSk",
// "SJ", "ML", "REML", "EB", "PM", "PMM", "GLMM".
const std::vector<std::string>& MethodNames();
// One of MethodNames(); InvalidArgument (field "method") listing them for others.
Result<Method> ParseMethod(const std::string& name);
const char* MethodName(Method m);
bool IsRandomEffects(Method m);

// The solver controls, in the roles of metafor's rma.uni control list. carta's
// are tighter than metafor's defaults (threshold = 1e-5, maxiter = 100) so
// that its numbers do not depend on the path a solver takes: they agree with
// metafor to 1e-6 (tests/golden/meta) where metafor converges.
inline constexpr double kTau2Tolerance = 1e-12;  // control$threshold: relative change of τ² (and root-finder width)
inline constexpr int kMaxIterations = 10000;     // control$maxiter: iterations of EB, Newton on the score, root finders

struct FitOptions {
  Method method = Method::kREML;
  bool knha = false;          // Hartung-Knapp(-Sidik-Jonkman) t-tests and CIs (Knapp & Hartung 2003)
  double level = 0.95;        // confidence level of CIs and prediction intervals
  double tolerance = kTau2Tolerance;  // on τ² for the iterative estimators and root finders
  int max_iterations = kMaxIterations;
  bool tau2_ci = true;        // the Q-profile interval for τ² (two root searches); internal refits skip it
};

// The fit. Coefficients are in the order of the design's columns; for an
// intercept-only model `beta[0]` is the pooled estimate (also in `estimate`).
struct FitResult {
  Method method = Method::kREML;
  bool knha = false;
  int k = 0;                  // studies
  int p = 0;                  // coefficients
  std::vector<std::string> names;
  std::vector<double> beta, se, zval, pval, ci_lb, ci_ub;  // zval holds t values under knha
  double estimate = 0, estimate_se = 0, estimate_zval = 0, estimate_pval = 0, estimate_ci_lb = 0, estimate_ci_ub = 0;
  int df = 0;                 // t degrees of freedom under knha (k - p), 0 for z tests
  double tau2 = 0, se_tau2 = 0;
  double tau2_ci_lb = 0, tau2_ci_ub = 0;  // Q-profile (Viechtbauer 2007); NaN for EE
  double I2 = 0, I2_ci_lb = 0, I2_ci_ub = 0;  // percent
  double H2 = 0, H2_ci_lb = 0, H2_ci_ub = 0;
  double Q = 0, Q_pval = 0;   // residual heterogeneity (Cochran's Q for intercept-only models)
  int Q_df = 0;
  double QM = 0, QM_pval = 0; // omnibus test of the moderators (all but the intercept)
  int QM_df = 0;              // numerator df; under knha an F test with (QM_df, k - p)
  double R2 = NAN;            // percent of τ² accounted for by the moderators (Raudenbush 2009); NaN without
  double pi_lb = 0, pi_ub = 0;  // prediction interval for an intercept-only model
  double vt = 0;              // "typical" within-study variance (k-p)/tr(P), for I² and H²
  std::vector<double> weights;  // percent, per study
  int iterations = 0;
  bool tau2_truncated = false;  // the estimator gave τ² < 0, reported as 0
};

// `o` for a refit whose τ² interval nobody reads (leave-one-out, influence,
// permutations, bias tests): the same model without the Q-profile search.
inline FitOptions Refit(FitOptions o) {
  o.tau2_ci = false;
  return o;
}

// Fits the model y_i = x_i'β + u_i + e_i with e_i ~ N(0, v_i), u_i ~ N(0, τ²).
// `x` holds k rows of p covariates (row-major, k*p values); empty means an
// intercept-only model. `names` names the p columns ("intrcpt" when empty).
// Fails with a clear message on: k < 2; sizes that differ; NaN or infinite
// y; NaN, infinite or negative v (zero v only with ML, REML, HE or SJ);
// k <= p; a design that is not of full rank; non-convergence.
Result<FitResult> Fit(const std::vector<double>& yi, const std::vector<double>& vi, const FitOptions& options,
                      const std::vector<double>& x = {}, const std::vector<std::string>& names = {});

}  // namespace carta::meta

#endif  // CARTA_META_RMA_H_
