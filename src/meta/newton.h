// Private: the root of a decreasing score U(τ²) on [0, ∞) by Newton's method
// safeguarded with bisection (rtsafe; Press et al., Numerical Recipes, 9.4).
#ifndef CARTA_SRC_META_NEWTON_H_
#define CARTA_SRC_META_NEWTON_H_

#include <algorithm>
#include <cmath>

namespace carta::meta {

// The root of `score` in [lo, hi], where U(lo) > 0 >= U(hi): Newton steps
// from `start`, bisection whenever a step leaves the bracket. NaN when it does
// not converge in `max_iterations`; `iterations` counts evaluations.
template <typename Score>
double RefineRoot(Score score, double lo, double hi, double start, double tolerance, int max_iterations,
                  int* iterations) {
  double slope = 0;
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

// The first root above `lo` (where U(lo) > 0): `hi` grows fourfold until
// U(hi) <= 0, then RefineRoot. NaN when the score stays positive.
template <typename Score>
double RootAbove(Score score, double lo, double start, double tolerance, int max_iterations, int* iterations) {
  double slope = 0;
  double hi = std::max(lo * 4, 1e-4);
  for (int i = 0; i < 200 && score(hi, &slope) > 0; ++i, ++*iterations) {
    lo = hi;
    hi *= 4;
  }
  ++*iterations;
  if (score(hi, &slope) > 0) return NAN;
  return RefineRoot(score, lo, hi, start, tolerance, max_iterations, iterations);
}

// `score(t, &slope)` returns U(t) and sets U'(t). The stationary point of the
// likelihood that an ascent from `start` reaches (as metafor's Fisher scoring
// from the Hedges estimate does): upwards when the score is positive at the
// start, else downwards; 0 when U(0) <= 0 (the likelihood falls from τ² = 0
// on; SearchBeyondZero looks for a maximum further out). NaN
// when no root was bracketed or it did not converge in `max_iterations`;
// `iterations` counts the score evaluations.
template <typename Score>
double SolveScore(Score score, double start, double tolerance, int max_iterations, int* iterations) {
  double slope = 0;
  *iterations = 1;
  if (start > 0 && score(start, &slope) > 0) {
    return RootAbove(score, start, start, tolerance, max_iterations, iterations);
  }
  ++*iterations;
  // Not defined at 0 (NaN: a study with zero sampling variance) counts as
  // rising: the likelihood has no value there, so the maximum lies above.
  if (!(score(0.0, &slope) <= 0)) {
    if (start > 0) return RefineRoot(score, 0.0, start, start, tolerance, max_iterations, iterations);
    return RootAbove(score, 0.0, start, tolerance, max_iterations, iterations);
  }
  return 0;
}

// A maximum of the likelihood beyond τ² = 0 where the score is not positive
// at 0: scans τ² on a geometric grid (doubling) from scale·1e-6 to
// scale·1e6 for a point where the score is positive, and returns the root
// after the first such point; NaN when the score is nowhere positive there.
template <typename Score>
double SearchBeyondZero(Score score, double scale, double tolerance, int max_iterations, int* iterations) {
  double slope = 0;
  for (double t = scale * 1e-6; t <= scale * 1e6; t *= 2) {
    ++*iterations;
    if (score(t, &slope) > 0) return RootAbove(score, t, t, tolerance, max_iterations, iterations);
  }
  return NAN;
}

}  // namespace carta::meta

#endif  // CARTA_SRC_META_NEWTON_H_
