#include "carta/meta/numeric.h"

namespace carta::meta {

namespace {

// f at x moved by di along i and dj along j.
double At(const ScalarFunction& f, std::vector<double> x, size_t i, double di, size_t j, double dj) {
  x[i] += di;
  x[j] += dj;
  return f(x);
}

}  // namespace

std::vector<double> CentralGradient(const ScalarFunction& f, const std::vector<double>& x, const std::vector<double>& h) {
  std::vector<double> g(x.size());
  for (size_t i = 0; i < x.size(); ++i) g[i] = (At(f, x, i, h[i], i, 0) - At(f, x, i, -h[i], i, 0)) / (2 * h[i]);
  return g;
}

std::vector<double> CentralHessian(const ScalarFunction& f, const std::vector<double>& x, const std::vector<double>& h) {
  const size_t p = x.size();
  const double f0 = f(x);
  std::vector<double> hess(p * p);
  for (size_t i = 0; i < p; ++i) {
    for (size_t j = 0; j <= i; ++j) {
      const double a = h[i], b = h[j];
      hess[i * p + j] = hess[j * p + i] =
          i == j ? (At(f, x, i, a, i, 0) - 2 * f0 + At(f, x, i, -a, i, 0)) / (a * a)
                 : (At(f, x, i, a, j, b) - At(f, x, i, a, j, -b) - At(f, x, i, -a, j, b) + At(f, x, i, -a, j, -b)) /
                       (4 * a * b);
    }
  }
  return hess;
}

}  // namespace carta::meta
