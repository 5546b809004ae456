// Numerical derivatives shared by the likelihood fits (the GLMM here, the
// parametric survival models): central differences with a given step per
// coordinate. Their error is O(h²) (Nocedal & Wright, Numerical Optimization,
// 2nd ed., §8.1); a caller that wants O(h⁴) combines the results at h and h/2
// by Richardson extrapolation, (4 D(h/2) - D(h)) / 3.
#ifndef CARTA_META_NUMERIC_H_
#define CARTA_META_NUMERIC_H_

#include <functional>
#include <vector>

namespace carta::meta {

using ScalarFunction = std::function<double(const std::vector<double>&)>;

// ∂f/∂x_i ≈ (f(x + h_i e_i) - f(x - h_i e_i)) / (2 h_i), for each i.
// REQUIRES: h.size() == x.size(), every h_i > 0.
std::vector<double> CentralGradient(const ScalarFunction& f, const std::vector<double>& x, const std::vector<double>& h);

// The p × p Hessian of f at x, row-major and symmetric:
//   H_ii = (f(x + h_i e_i) - 2 f(x) + f(x - h_i e_i)) / h_i²
//   H_ij = (f(x + h_i e_i + h_j e_j) - f(x + h_i e_i - h_j e_j)
//           - f(x - h_i e_i + h_j e_j) + f(x - h_i e_i - h_j e_j)) / (4 h_i h_j)
// 1 + 2p + 4p(p-1)/2 evaluations of f. REQUIRES: h.size() == x.size(), every h_i > 0.
std::vector<double> CentralHessian(const ScalarFunction& f, const std::vector<double>& x, const std::vector<double>& h);

}  // namespace carta::meta

#endif  // CARTA_META_NUMERIC_H_
