// L2-penalised logistic regression by limited-memory BFGS (Liu & Nocedal
// 1989, Math Program 45:503; two-loop recursion as in Nocedal & Wright 2006,
// algorithm 7.4), the objective of scikit-learn's LogisticRegression.
#include <algorithm>
#include <cmath>
#include <deque>

#include "classifiers.h"

namespace carta::screen::internal {
namespace {

constexpr int kMemory = 10;
constexpr int kMaxIterations = 200;
constexpr double kGradientTolerance = 1e-5;

// Parameters are coef[0..V) then the bias at [V].
double Objective(const FeatureMatrix& x, const TrainingSet& t, double c, const std::vector<double>& theta,
                 std::vector<double>* grad) {
  const size_t v = x.n_cols;
  double f = 0;
  for (size_t j = 0; j < v; ++j) {
    f += 0.5 * theta[j] * theta[j];
    (*grad)[j] = theta[j];
  }
  (*grad)[v] = 0;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const uint32_t row = t.rows[i];
    double z = theta[v];
    for (size_t k = x.row_start[row]; k < x.row_start[row + 1]; ++k) z += x.value[k] * theta[x.col[k]];
    const double s = t.y[i] ? 1.0 : -1.0;
    const double m = s * z;
    // log(1 + e^-m) without overflow; d/dz = -s·σ(-m).
    f += c * t.weight[i] * (m > 0 ? std::log1p(std::exp(-m)) : -m + std::log1p(std::exp(m)));
    const double dz = -s * c * t.weight[i] / (1 + std::exp(m));
    for (size_t k = x.row_start[row]; k < x.row_start[row + 1]; ++k) (*grad)[x.col[k]] += dz * x.value[k];
    (*grad)[v] += dz;
  }
  return f;
}

double Dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

double MaxAbs(const std::vector<double>& a) {
  double m = 0;
  for (double v : a) m = std::max(m, std::abs(v));
  return m;
}

struct Pair {
  std::vector<double> s, y;
  double rho;
};

// The L-BFGS direction −H·g from the stored pairs (two-loop recursion).
std::vector<double> Direction(const std::deque<Pair>& pairs, const std::vector<double>& g) {
  std::vector<double> q = g;
  std::vector<double> alpha(pairs.size());
  for (size_t k = pairs.size(); k-- > 0;) {
    alpha[k] = pairs[k].rho * Dot(pairs[k].s, q);
    for (size_t i = 0; i < q.size(); ++i) q[i] -= alpha[k] * pairs[k].y[i];
  }
  if (!pairs.empty()) {
    const Pair& last = pairs.back();
    const double gamma = Dot(last.s, last.y) / Dot(last.y, last.y);
    for (double& v : q) v *= gamma;
  }
  for (size_t k = 0; k < pairs.size(); ++k) {
    const double beta = pairs[k].rho * Dot(pairs[k].y, q);
    for (size_t i = 0; i < q.size(); ++i) q[i] += (alpha[k] - beta) * pairs[k].s[i];
  }
  for (double& v : q) v = -v;
  return q;
}

}  // namespace

LinearModel FitLogistic(const FeatureMatrix& x, const TrainingSet& train, double c, LinearModel start) {
  const size_t v = x.n_cols;
  std::vector<double> theta(v + 1, 0.0);
  if (start.coef.size() == v) {
    std::copy(start.coef.begin(), start.coef.end(), theta.begin());
    theta[v] = start.bias;
  }
  std::vector<double> grad(v + 1), next(v + 1), next_grad(v + 1);
  double f = Objective(x, train, c, theta, &grad);
  std::deque<Pair> pairs;
  for (int iter = 0; iter < kMaxIterations && MaxAbs(grad) > kGradientTolerance; ++iter) {
    std::vector<double> d = Direction(pairs, grad);
    double slope = Dot(d, grad);
    if (slope >= 0) {  // not a descent direction: restart from steepest descent
      pairs.clear();
      for (size_t i = 0; i <= v; ++i) d[i] = -grad[i];
      slope = Dot(d, grad);
    }
    double step = 1, f_next = 0;
    for (int k = 0; k < 40; ++k, step *= 0.5) {
      for (size_t i = 0; i <= v; ++i) next[i] = theta[i] + step * d[i];
      f_next = Objective(x, train, c, next, &next_grad);
      if (f_next <= f + 1e-4 * step * slope) break;
    }
    Pair p{std::vector<double>(v + 1), std::vector<double>(v + 1), 0};
    for (size_t i = 0; i <= v; ++i) {
      p.s[i] = next[i] - theta[i];
      p.y[i] = next_grad[i] - grad[i];
    }
    const double sy = Dot(p.s, p.y);
    theta.swap(next);
    grad.swap(next_grad);
    if (f - f_next <= 1e-12 * std::max(1.0, std::abs(f))) break;  // no progress left
    f = f_next;
    if (sy <= 1e-12) continue;  // curvature condition fails: keep the old pairs
    p.rho = 1 / sy;
    pairs.push_back(std::move(p));
    if (pairs.size() > kMemory) pairs.pop_front();
  }
  LinearModel model;
  model.coef.assign(theta.begin(), theta.begin() + static_cast<long>(v));
  model.bias = theta[v];
  return model;
}

}  // namespace carta::screen::internal
