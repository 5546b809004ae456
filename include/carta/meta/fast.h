// A fast random-effects fit for intercept-only models: closed forms over
// weight sums instead of matrices, for the thousands to millions of refits of
// GOSH plots and permutation tests. Fit() (rma.h) is its oracle: the tests
// compare the two on random subsets.
#ifndef CARTA_META_FAST_H_
#define CARTA_META_FAST_H_

#include "carta/meta/rma.h"

namespace carta::meta {

struct FastResult {
  double estimate = 0, se = 0, zval = 0;  // zval is a t value under Hartung-Knapp
  double tau2 = 0, Q = 0, I2 = 0, H2 = 1;
  bool ok = true;                          // false when the estimator failed (no root, no convergence)
};

// The intercept-only model on k studies (k >= 1; k = 1 gives the study
// itself, as metafor does). REQUIRES: v[i] > 0 for the methods that need it
// (callers check once, not per refit).
FastResult FastFit(const double* y, const double* v, int k, const FitOptions& o);

}  // namespace carta::meta

#endif  // CARTA_META_FAST_H_
