// The values behind two diagnostic plots of a random-effects model, as
// metafor computes them: the Baujat plot (Baujat et al. 2002, Stat Med
// 21:2641) and the radial (Galbraith 1988, Stat Med 7:889) plot.
#ifndef CARTA_META_DIAGNOSTICS_H_
#define CARTA_META_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/meta/analysis.h"

namespace carta::meta {

// One study of a Baujat plot (metafor's baujat()):
//   x = (yi - θ̂)² / (vi + τ̂²), its contribution to the (τ²-weighted) Q;
//   y = (θ̂₍₋ᵢ₎ - θ̂)² / Var(θ̂₍₋ᵢ₎), its influence on the pooled estimate,
//       with θ̂₍₋ᵢ₎ the model refitted without it (τ² re-estimated; its
//       variance Hartung-Knapp's under knha).
struct BaujatPoint {
  std::string study;
  double x = NAN, y = NAN;
};

// The Baujat values of every study of `input` on `measure`'s scale. Fails
// with InvalidArgument on fewer than 3 studies, with moderators (as metafor's
// intercept-only plots), or as Fit() does.
Result<std::vector<BaujatPoint>> Baujat(const AnalysisInput& input, Measure measure, const FitOptions& options);

// A radial plot (metafor's radial()): each study at x = 1/√(vi + τ̂²),
// y = yi/√(vi + τ̂²); the pooled estimate is the slope of a line through the
// origin, and a study lies within ±z(level) of that line when it agrees with
// it at the plot's level.
struct RadialPlot {
  std::vector<std::string> study;
  std::vector<double> x, y;
  std::vector<double> yi;        // the effect sizes, for the plot's scale of yi
  double estimate = NAN, ci_lb = NAN, ci_ub = NAN;  // the slope and its CI
  double tau2 = 0;
  double level = 0.95;
};

// The radial plot of the model of `input`. Fails with InvalidArgument with
// moderators or on fewer than 2 studies, or as Fit() does.
Result<RadialPlot> Radial(const AnalysisInput& input, Measure measure, const FitOptions& options);

}  // namespace carta::meta

#endif  // CARTA_META_DIAGNOSTICS_H_
