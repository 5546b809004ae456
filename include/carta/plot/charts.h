// Bar charts and funnel plots as standalone SVG documents.
#ifndef CARTA_PLOT_CHARTS_H_
#define CARTA_PLOT_CHARTS_H_

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "carta/meta/analysis.h"

namespace carta::plot {

// One series of a bar chart: a value per category.
struct BarSeries {
  std::string name = {};                 // legend entry (the legend shows with 2+ series)
  std::vector<double> values = {};       // one per category, in y units; NaN for no bar
  // Optional, one per category ("" or missing for none): the text shown above
  // the bar instead of the value. With a NaN value the text stands in for the
  // bar ("NR" for a median not reached, "NE" for not estimable).
  std::vector<std::string> labels = {};
};

struct BarChartSpec {
  std::string title = {};
  std::vector<std::string> categories = {};
  std::vector<BarSeries> series = {};
  std::string y_label = {};              // with units: "Median PFS (months)"
  std::string x_label = {};              // "" for none
  double y_max = NAN;                    // NaN: from the data
  int decimals = 1;                      // of value labels printed from the values
  bool show_values = true;               // print each bar's value above it
  double plot_height_px = 260;
  double font_size_px = 12;
  // Category labels turned by this angle (degrees, e.g. -40) so long names fit
  // narrow bars; 0 keeps them horizontal and widens the groups instead.
  double label_angle_deg = 0;
  // Optional brackets under the category labels: {name, number of
  // consecutive categories}, in category order ("LBCL" over 6 categories).
  std::vector<std::pair<std::string, int>> category_groups = {};
};

// A simple (one series) or grouped bar chart. Marks: rect.bar (one per
// finite value), text.not-reached (a NaN value with a label), g.legend with
// 2+ series, text.category-label (one per category), polyline.group-bracket and
// text.group-label (one per category group). A value below 0 is drawn from 0 down. Never fails; a spec with no
// categories gives an empty frame.
std::string BarChart(const BarChartSpec& spec);

struct FunnelOptions {
  std::string title = {};                // "" gives "Funnel plot"
  std::string x_label = {};              // "" for the measure's scale ("Logit proportion", ...)
  double plot_width_px = 360;
  double plot_height_px = 300;
  double font_size_px = 12;
};

// A funnel plot (Sterne & Egger 2001) in the style of metafor's funnel(): each
// study's yi against its standard error sqrt(vi) on an inverted y axis (0 at
// the top), the pooled estimate a.fit.estimate as a vertical line and the
// pseudo-confidence region estimate ± z·SE at a.options.level. Marks:
// circle.study (one per study), line.pooled, polyline.region.
std::string FunnelPlot(const meta::Analysis& a, const FunnelOptions& o);

// The axis label of a measure's scale ("Logit proportion", "Log risk ratio", ...).
std::string MeasureScaleLabel(meta::Measure m);

}  // namespace carta::plot

#endif  // CARTA_PLOT_CHARTS_H_
