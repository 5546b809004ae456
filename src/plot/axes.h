// Internal to carta::plot: linear scales, axes and legends shared by the
// bar, funnel and Kaplan-Meier charts.
#ifndef CARTA_PLOT_AXES_H_
#define CARTA_PLOT_AXES_H_

#include <string>
#include <vector>

#include "carta/plot/svg.h"

namespace carta::plot::internal {

// Maps the data interval [d0, d1] onto the pixel interval [r0, r1] (r1 < r0
// for an upward y axis). REQUIRES: d0 != d1.
struct LinearScale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

// The widest tick label of `ticks` in px at `font_size_px`.
double TickLabelWidth(const std::vector<double>& ticks, double font_size_px);

// A horizontal axis at pixel row `y_px` with ticks below it and `label`
// centred under the tick labels. Returns the lowest pixel row it used.
double XAxis(SvgDocument* doc, const LinearScale& sx, double y_px, const std::vector<double>& ticks,
             const std::string& label, double font_size_px);

// A vertical axis at pixel column `x_px` with tick labels to its left and
// `label` rotated -90° left of them. `x_px` must leave room for both
// (YAxisWidth).
void YAxis(SvgDocument* doc, const LinearScale& sy, double x_px, const std::vector<double>& ticks,
           const std::string& label, double font_size_px);
double YAxisWidth(const std::vector<double>& ticks, double font_size_px);

enum class Swatch { kBox, kLine };

// A legend box with one entry per name, its top-left corner at (x, y).
// LegendWidth gives its width in px before drawing.
void Legend(SvgDocument* doc, double x_px, double y_px, const std::vector<std::string>& names, Swatch swatch,
            double font_size_px);
double LegendWidth(const std::vector<std::string>& names, double font_size_px);

// The colour of series `i`.
const char* SeriesColor(size_t i);

}  // namespace carta::plot::internal

#endif  // CARTA_PLOT_AXES_H_
