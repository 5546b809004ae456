// Naive Bayes and the linear scoring shared by both classifiers.
#include "classifiers.h"

#include <cassert>
#include <cmath>

namespace carta::screen::internal {

double LogOdds(const FeatureMatrix& x, uint32_t row, const LinearModel& model) {
  double z = model.bias;
  for (size_t k = x.row_start[row]; k < x.row_start[row + 1]; ++k) z += x.value[k] * model.coef[x.col[k]];
  return z;
}

std::vector<double> ClassWeights(const std::vector<uint8_t>& y, bool balance) {
  size_t n1 = 0;
  for (uint8_t v : y) n1 += v;
  const size_t n0 = y.size() - n1;
  std::vector<double> w(y.size(), 1.0);
  if (!balance || n0 == 0 || n1 == 0) return w;
  const double n = static_cast<double>(y.size());
  for (size_t i = 0; i < y.size(); ++i) w[i] = n / (2.0 * static_cast<double>(y[i] ? n1 : n0));
  return w;
}

LinearModel FitNaiveBayes(const FeatureMatrix& x, const TrainingSet& train, double alpha) {
  assert(alpha > 0 && "naive Bayes needs additive smoothing");
  std::vector<double> count[2] = {std::vector<double>(x.n_cols, 0.0), std::vector<double>(x.n_cols, 0.0)};
  double class_weight[2] = {0, 0};
  for (size_t i = 0; i < train.rows.size(); ++i) {
    const uint32_t row = train.rows[i];
    const int c = train.y[i] ? 1 : 0;
    class_weight[c] += train.weight[i];
    for (size_t k = x.row_start[row]; k < x.row_start[row + 1]; ++k) count[c][x.col[k]] += train.weight[i] * x.value[k];
  }
  assert(class_weight[0] > 0 && class_weight[1] > 0 && "both classes are needed");
  double total[2] = {0, 0};
  for (int c = 0; c < 2; ++c) {
    for (double v : count[c]) total[c] += v + alpha;
  }
  LinearModel model;
  model.coef.resize(x.n_cols);
  for (size_t j = 0; j < x.n_cols; ++j) {
    model.coef[j] = (std::log(count[1][j] + alpha) - std::log(total[1])) -
                    (std::log(count[0][j] + alpha) - std::log(total[0]));
  }
  model.bias = std::log(class_weight[1]) - std::log(class_weight[0]);
  return model;
}

}  // namespace carta::screen::internal
