// Private: what a fitted parametric model says beyond its parameters: the
// information criteria, the cure fraction, the median and S(t) at chosen
// times, each with a delta-method interval.
#ifndef CARTA_SRC_SURVIVAL_PREDICT_H_
#define CARTA_SRC_SURVIVAL_PREDICT_H_

#include <vector>

#include "families.h"

namespace carta::survival::internal {

// S(t) at θ; 1 for t <= 0.
double ModelSurvival(const Model& model, const std::vector<double>& theta, double t);

// Fills aic, bic, n_parameters, the cure fraction, the median and the
// predictions of `fit` (whose loglik, covariance and options are set).
// `max_time` (the longest follow-up) scales the search for the median.
void Summarize(const Model& model, const std::vector<double>& theta, double max_time, ParametricFit* fit);

}  // namespace carta::survival::internal

#endif  // CARTA_SRC_SURVIVAL_PREDICT_H_
