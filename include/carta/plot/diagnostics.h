// The Baujat and radial (Galbraith) plots of a meta-analysis as standalone
// SVG documents, in the layout of metafor's baujat() and radial().
#ifndef CARTA_PLOT_DIAGNOSTICS_H_
#define CARTA_PLOT_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "carta/meta/diagnostics.h"

namespace carta::plot {

struct DiagnosticPlotOptions {
  std::string title = {};        // "" gives "Baujat plot" / "Radial plot"
  std::string y_label = {};      // radial: the scale of yi on the right ("" for the measure's)
  double plot_width_px = 380;
  double plot_height_px = 320;
  double font_size_px = 12;
};

// Each study's contribution to the heterogeneity (x) against its influence
// on the pooled estimate (y), labelled with its name, on light grid lines.
// Marks: circle.study (one per finite point), text.study-label. Never fails.
std::string BaujatPlot(const std::vector<meta::BaujatPoint>& points, const DiagnosticPlotOptions& o);

// The radial plot: each study at (1/√(vi + τ²), yi/√(vi + τ²)), the pooled
// estimate as a line through the origin (line.pooled) with slope θ̂, the
// shaded band ±z(level) about it (polygon.band), and on the right a scale
// of yi (where the line of slope yi meets the plot's edge: text.yi-label).
// Marks: circle.study (one per study). Never fails.
std::string RadialPlotSvg(const meta::RadialPlot& p, meta::Measure measure, const DiagnosticPlotOptions& o);

}  // namespace carta::plot

#endif  // CARTA_PLOT_DIAGNOSTICS_H_
