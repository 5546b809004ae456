// Private: Jackson's (2013) confidence interval for τ² from the generalised
// Cochran statistic Q_a = Σ aᵢ(yᵢ − ȳ_a)², as R meta gives it with the
// DerSimonian–Laird estimator (method.tau.ci = "J": aᵢ = 1/√vᵢ, through
// metafor's confint() of a method = "GENQ" fit and CompQuadForm).
#ifndef CARTA_SRC_META_GENQ_H_
#define CARTA_SRC_META_GENQ_H_

#include <utility>
#include <vector>

#include "carta/core/status.h"

namespace carta::meta::internal {

// P(Σ λⱼ χ²₁ > x) for λⱼ > 0, by Ruben's (1962) series of central
// chi-squares (as Farebrother 1984 computes it), to about 1e-12 absolute.
// NotConverged when the λ are so spread that the series needs more than
// 20,000 terms; InvalidArgument on an empty list or a λ that is not > 0.
Result<double> WeightedChiSquareUpper(const std::vector<double>& lambda, double x);

// The (1 − α) interval for τ² of the intercept-only model from Q_a with
// weights aᵢ = `weights[i]`, as metafor's confint(type = "GENQ"): the bounds
// solve P(Q_a(τ²) > Q_a,obs) = α/2 and 1 − α/2 between 0 and
// max(100, 10 τ̂²_GENQ); a bound that cannot be reached stays at its end.
// Fails with fewer than 2 studies, more than 2,000 (an eigen-decomposition
// of k × k), or where the series does not converge.
Result<std::pair<double, double>> GeneralisedQInterval(const std::vector<double>& yi, const std::vector<double>& vi,
                                                       const std::vector<double>& weights, double level);

}  // namespace carta::meta::internal

#endif  // CARTA_SRC_META_GENQ_H_
