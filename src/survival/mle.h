// Private: maximum likelihood for the parametric survival models. NLopt's
// BOBYQA (Powell 2009) finds the region of the maximum without derivatives;
// Newton–Raphson on a numerical gradient and Hessian then polishes it so that
// estimates agree with R's analytic fits to ~1e-8. The one place that calls
// NLopt: its exceptions are caught here.
#ifndef CARTA_SRC_SURVIVAL_MLE_H_
#define CARTA_SRC_SURVIVAL_MLE_H_

#include <functional>
#include <vector>

#include "carta/core/status.h"

namespace carta::survival::internal {

// A log likelihood of a parameter vector; -inf or NaN where undefined.
using LogLikelihood = std::function<double(const std::vector<double>&)>;

struct Maximum {
  std::vector<double> estimate;
  double loglik = 0;
  std::vector<double> hessian;  // ∂²l/∂θ² at the estimate, p×p row-major
  std::vector<double> gradient;  // numerical, at the estimate
  // max |∂l/∂θ_i|·SE(θ_i): the gradient in units that do not depend on the
  // parameter's scale; ~1e-6 or less at a maximum.
  double max_scaled_gradient = 0;
  int evaluations = 0;           // by NLopt's search (BOBYQA or L-BFGS)
};

struct Bounds {
  std::vector<double> lower, upper;  // empty for unbounded
  // How far each parameter typically moves (1 for log-scale parameters; a
  // rate for a parameter per unit of time); sets the first steps. Empty: all 1.
  std::vector<double> typical;
};

// ∂l/∂θ at θ; an empty vector where it cannot be computed (then numerical
// differences of the log likelihood are used instead).
using LogLikelihoodGradient = std::function<std::vector<double>(const std::vector<double>&)>;

// Maximises `f` from `start` within the bounds. Fails with NotConverged when
// no finite likelihood is found or NLopt fails. With `gradient`, the search
// is NLopt's L-BFGS on it instead of BOBYQA, and the Newton polish, the
// Hessian and the reported gradient use it (the Hessian by differences of
// the gradient): far fewer evaluations of `f`, the same maximum.
Result<Maximum> Maximize(const LogLikelihood& f, std::vector<double> start, const Bounds& bounds = {},
                         const LogLikelihoodGradient& gradient = {});

// BOBYQA alone from `start`: the region of the maximum, without the Newton
// polish or the Hessian (a profile likelihood that is only compared). Fails
// as Maximize does.
Result<Maximum> Search(const LogLikelihood& f, std::vector<double> start, const Bounds& bounds = {});

// Step sizes for numerical derivatives: `fraction` of each standard error
// from `covariance` (p×p row-major), else 1e-3·max(typical, |θ|). Gradients
// take 1/100 of a standard error, Hessians 1/30: small enough that the
// truncation error is negligible even for n ≈ 20, large enough that rounding
// is (the log likelihood changes by ~1e-3 over a step).
constexpr double kGradientStep = 0.01;
constexpr double kHessianStep = 1.0 / 30;
std::vector<double> DerivativeSteps(const std::vector<double>& x, const std::vector<double>& covariance,
                                    const std::vector<double>& typical = {}, double fraction = kGradientStep);

// Central-difference gradient with Richardson extrapolation (steps h, h/2).
std::vector<double> NumericGradient(const LogLikelihood& f, const std::vector<double>& x, const std::vector<double>& h);

// The Hessian by central differences with Richardson extrapolation, its steps
// refined twice to kHessianStep of the standard errors it implies (so parameters
// on very different scales, such as a Gompertz shape per day, are handled);
// accurate to ~1e-8 relative for smooth likelihoods. `h` gives the first steps.
std::vector<double> NumericHessian(const LogLikelihood& f, const std::vector<double>& x, std::vector<double> h);

// The inverse of the observed information −H, row-major; empty when −H is
// not positive definite.
std::vector<double> InverseInformation(const std::vector<double>& hessian, size_t p);

}  // namespace carta::survival::internal

#endif  // CARTA_SRC_SURVIVAL_MLE_H_
