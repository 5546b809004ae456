// Private to carta::screen: the two classifiers of the ranker. Both end as a
// linear model on the TF-IDF features, so one scoring routine serves both.
#ifndef CARTA_SCREEN_CLASSIFIERS_H_
#define CARTA_SCREEN_CLASSIFIERS_H_

#include <cstdint>
#include <vector>

#include "carta/screen/features.h"

namespace carta::screen::internal {

// Labelled rows of a feature matrix with a weight per row.
struct TrainingSet {
  std::vector<uint32_t> rows;
  std::vector<uint8_t> y;        // 1 relevant, 0 not
  std::vector<double> weight;    // > 0
};

// log-odds of relevance of row x = bias + Σ_j x_j · coef[j].
struct LinearModel {
  std::vector<double> coef;
  double bias = 0;
};

double LogOdds(const FeatureMatrix& x, uint32_t row, const LinearModel& model);

// Weights n / (2 · n_class) per row when `balance`, else 1.
std::vector<double> ClassWeights(const std::vector<uint8_t>& y, bool balance);

// Multinomial naive Bayes (McCallum & Nigam 1998) as scikit-learn's
// MultinomialNB fits it with sample weights: θ_cj = (Σ_{i∈c} w_i x_ij + α) /
// (Σ_j Σ_{i∈c} w_i x_ij + α·V), prior_c = Σ_{i∈c} w_i / Σ_i w_i; the model is
// the log-odds log θ_1j − log θ_0j and log prior_1 − log prior_0.
// REQUIRES: both classes present; alpha > 0.
LinearModel FitNaiveBayes(const FeatureMatrix& x, const TrainingSet& train, double alpha);

// L2-penalised logistic regression minimising 0.5·|w|² + C·Σ w_i·log(1 +
// exp(−s_i·(coef·x_i + bias))), s_i = ±1, bias unpenalised, by L-BFGS (Liu &
// Nocedal 1989; 10 correction pairs, Armijo backtracking) from `start`
// (warm start; an empty coef starts at 0) until the largest gradient entry is
// below 1e-5 or 200 iterations.
LinearModel FitLogistic(const FeatureMatrix& x, const TrainingSet& train, double c, LinearModel start);

}  // namespace carta::screen::internal

#endif  // CARTA_SCREEN_CLASSIFIERS_H_
