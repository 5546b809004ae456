// Kaplan-Meier curves as a standalone SVG document: step curves per group,
// censoring ticks, a numbers-at-risk table under the x axis and a legend.
// The curves are given as points, so the plot does not depend on how they
// were estimated (carta::survival, digitised curves, ...).
#ifndef CARTA_PLOT_KM_PLOT_H_
#define CARTA_PLOT_KM_PLOT_H_

#include <cmath>
#include <string>
#include <vector>

namespace carta::plot {

// One group's curve.
struct KmCurve {
  std::string name = {};                // legend entry and at-risk row label
  std::vector<double> time = {};        // ascending times at which survival changes, in x units (months)
  std::vector<double> survival = {};    // S(t) from each time on, in [0, 1]; same size as `time`
  std::vector<double> censor_times = {};  // a tick mark on the curve at each
  std::vector<long> at_risk = {};       // patients at risk at each KaplanMeierSpec::risk_times; empty for none
};

struct KaplanMeierSpec {
  std::string title = {};
  std::vector<KmCurve> curves = {};
  std::string x_label = "Time (months)";
  std::string y_label = "Survival probability";
  double x_max = NAN;                   // NaN: the last time or censoring time
  std::vector<double> risk_times = {};  // columns of the numbers-at-risk table; empty for no table
  std::string at_risk_title = "Number at risk";
  double plot_width_px = 420;
  double plot_height_px = 260;
  double font_size_px = 12;
};

// The plot. The curve starts at S = 1 at time 0 and steps down (a
// right-continuous step function). Marks: polyline.km-curve (one per curve),
// line.censor (one per censoring time), g.legend (with 2+ curves),
// text.at-risk (one per count in the table). Never fails: a curve whose time
// and survival sizes differ is drawn up to the shorter.
std::string KaplanMeierPlot(const KaplanMeierSpec& spec);

}  // namespace carta::plot

#endif  // CARTA_PLOT_KM_PLOT_H_
