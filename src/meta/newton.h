// Private: the root of a decreasing score U(τ²) on [0, ∞) by Newton's method
// safeguarded with bisection (rtsafe; Press et al., Numerical Recipes, 9.4).
#ifndef CARTA_SRC_META_NEWTON_H_
#define CARTA_SRC_META_NEWTON_H_

#include <algorithm>
#include <cmath>

namespace carta::meta {

// `score(t, &slope)` returns U(t) and sets U'(t). Returns 0 when U(0) <= 0
// (the maximum is on the boundary), else the root, or NaN when no root was
// bracketed or it did not converge in `max_iterations`. `iterations` counts
// the score evaluations.
template <typename Score>
double SolveScore(Score score, double start, double tolerance, int max_iterations, int* iterations) {
  // Bracket the root the way an ascent from `start` would reach it (as metafor's
  // Fisher scoring from the Hedges estimate does): upwards when the score is
  // positive at the start, else downwards towards 0.
  double slope = 0;
  double lo = 0, hi = 0;
  *iterations = 1;
  if (start > 0 && score(start, &slope) > 0) {
    lo = start;
    hi = start * 4;
    for (int i = 0; i < 200 && score(hi, &slope) > 0; ++i, ++*iterations) {
      lo = hi;
      hi *= 4;
    }
    if (score(hi, &slope) > 0) return NAN;
  } else {
    ++*iterations;
    if (score(0.0, &slope) <= 0) return 0;  // the likelihood falls from τ² = 0 on
    hi = start > 0 ? start : 1e-4;
    for (int i = 0; i < 200 && score(hi, &slope) > 0; ++i, ++*iterations) {
      lo = hi;
      hi *= 4;
    }
    if (score(hi, &slope) > 0) return NAN;
  }
  double t = start > lo && start < hi ? start : 0.5 * (lo + hi);
  for (int iter = 0; iter < max_iterations; ++iter) {
    const double u = score(t, &slope);
    ++*iterations;
    if (u > 0) {
      lo = t;
    } else {
      hi = t;
    }
    double next = slope < 0 ? t - u / slope : NAN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const double scale = std::max(1.0, t);
    if (std::fabs(next - t) <= tolerance * scale || hi - lo <= tolerance * scale) return next;
    t = next;
  }
  return NAN;
}

}  // namespace carta::meta

#endif  // CARTA_SRC_META_NEWTON_H_
