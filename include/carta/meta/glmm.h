// The binomial-normal random-effects model for single-arm proportions: a
// generalised linear mixed model with a logit link, fitted by maximum
// likelihood with adaptive Gauss-Hermite quadrature — metafor's
// rma.glmm(measure = "PLO"), which calls lme4::glmer(nAGQ = 7). It uses the
// counts themselves, so cohorts with 0 or n events need no correction
// (Stijnen, Hamza & Özdemir 2010; Hamza, van Houwelingen & Stijnen 2008).
#ifndef CARTA_META_GLMM_H_
#define CARTA_META_GLMM_H_

#include <vector>

#include "carta/core/status.h"
#include "carta/meta/effects.h"

namespace carta::meta {

struct GlmmOptions {
  int quadrature_points = 7;  // nAGQ, as metafor's default
  double level = 0.95;
  double tolerance = 1e-10;
};

struct GlmmResult {
  int k = 0;
  double estimate = 0, se = 0, zval = 0, pval = 0, ci_lb = 0, ci_ub = 0;  // logit scale
  double tau2 = 0;
  double tau2_ci_lb = 0, tau2_ci_ub = 0;  // profile likelihood (carta goes further than metafor here); ub +inf when the likelihood never drops enough below τ² = 10⁶
  double loglik = 0;                      // including the binomial coefficients, as glmer's logLik
  double I2 = 0, H2 = 1;                  // τ² against the typical within-study variance of the logits
  double lrt = 0, lrt_pval = 0;           // LRT of heterogeneity: binomial GLM deviance of a common logit
  int lrt_df = 0;
  bool tau2_on_boundary = false;          // τ² = 0 maximises the likelihood
  std::vector<double> weights;            // percent, from the marginal variances 1/(v_i + τ²) of the logits
};

// Fails with a message that says why instead of metafor's "Cannot fit ML
// model": fewer than 2 studies, n < 1, events > n, or every study with 0
// events (or every one with n): the pooled logit is then at infinity.
Result<GlmmResult> FitGlmm(const std::vector<Proportion>& data, const GlmmOptions& o = {});

// The marginal log-likelihood (adaptive Gauss-Hermite quadrature) at (β, τ²).
Result<double> GlmmLogLik(const std::vector<Proportion>& data, double beta, double tau2, int quadrature_points = 7);

}  // namespace carta::meta

#endif  // CARTA_META_GLMM_H_
