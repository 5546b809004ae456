#include "carta/plot/km_plot.h"

#include <algorithm>
#include <cmath>

#include "carta/plot/svg.h"
#include "axes.h"

namespace carta::plot {
namespace {

using internal::LinearScale;

// S(t) of a right-continuous step function: 1 before the first time.
double SurvivalAt(const KmCurve& c, double t) {
  double s = 1;
  const size_t n = std::min(c.time.size(), c.survival.size());
  for (size_t i = 0; i < n && c.time[i] <= t; ++i) s = c.survival[i];
  return s;
}

// The curve's polyline points, from (0, 1) to x_max.
std::vector<std::pair<double, double>> StepPoints(const KmCurve& c, const LinearScale& sx, const LinearScale& sy,
                                                  double x_max) {
  std::vector<std::pair<double, double>> pts{{sx(0), sy(1)}};
  double s = 1;
  const size_t n = std::min(c.time.size(), c.survival.size());
  for (size_t i = 0; i < n && c.time[i] <= x_max; ++i) {
    pts.push_back({sx(c.time[i]), sy(s)});
    s = std::clamp(c.survival[i], 0.0, 1.0);
    pts.push_back({sx(c.time[i]), sy(s)});
  }
  double last = n > 0 ? std::min(x_max, c.time[n - 1]) : 0;
  for (double t : c.censor_times) {
    if (t <= x_max) last = std::max(last, t);
  }
  pts.push_back({sx(last), sy(s)});
  return pts;
}

double LastTime(const KaplanMeierSpec& spec) {
  double t = 0;
  for (const auto& c : spec.curves) {
    for (double v : c.time) t = std::max(t, v);
    for (double v : c.censor_times) t = std::max(t, v);
  }
  return t > 0 ? t : 1;
}

// The numbers-at-risk table under the x axis, from pixel row `y`; returns the row after it.
double AtRiskTable(SvgDocument* doc, const KaplanMeierSpec& spec, const LinearScale& sx, double y, double x_max) {
  const double fs = spec.font_size_px, row = fs * 1.4;
  doc->Text(12, y + fs, spec.at_risk_title, {.size = fs, .bold = true, .cls = "at-risk-title"});
  y += row;
  for (size_t ci = 0; ci < spec.curves.size(); ++ci) {
    const KmCurve& c = spec.curves[ci];
    if (c.at_risk.empty()) continue;  // a fitted or digitised curve has no patients to count
    doc->Text(12, y + fs, c.name, {.size = fs * 0.9, .fill = internal::SeriesColor(ci), .cls = "at-risk-label"});
    for (size_t k = 0; k < spec.risk_times.size() && k < c.at_risk.size(); ++k) {
      if (spec.risk_times[k] > x_max) continue;
      doc->Text(sx(spec.risk_times[k]), y + fs, std::to_string(c.at_risk[k]),
                {.size = fs * 0.9, .anchor = Anchor::kMiddle, .cls = "at-risk"});
    }
    y += row;
  }
  return y;
}

}  // namespace

std::string KaplanMeierPlot(const KaplanMeierSpec& spec) {
  const double fs = spec.font_size_px;
  const std::string title = spec.title.empty() ? "Kaplan-Meier estimate" : spec.title;
  const double x_max = std::isfinite(spec.x_max) && spec.x_max > 0 ? spec.x_max : LastTime(spec);
  const std::vector<double> x_ticks = NiceTicks(0, x_max, 6), y_ticks = NiceTicks(0, 1, 5);
  std::vector<std::string> names;
  double row_label_w = 0;
  for (const auto& c : spec.curves) {
    names.push_back(c.name);
    row_label_w = std::max(row_label_w, TextWidth(c.name, fs * 0.9));
  }
  // The y axis sits right of both its own labels and the at-risk row labels.
  double left = 12 + internal::YAxisWidth(y_ticks, fs);
  if (!spec.risk_times.empty()) left = std::max(left, 12 + std::max(row_label_w, TextWidth(spec.at_risk_title, fs) / 2) + 16);
  const double top = 3.2 * fs, bottom = top + spec.plot_height_px;
  const LinearScale sx{0, x_max, left, left + spec.plot_width_px};
  const LinearScale sy{0, 1, bottom, top};

  SvgDocument doc(100, 100, title);
  doc.Text(12, fs * 1.5, title, {.size = fs * 1.3, .bold = true, .cls = "title"});
  for (size_t ci = 0; ci < spec.curves.size(); ++ci) {
    const KmCurve& c = spec.curves[ci];
    doc.BeginGroup("km-group");
    doc.Title(c.name);
    doc.Polyline(StepPoints(c, sx, sy, x_max), {.cls = "km-curve", .stroke = internal::SeriesColor(ci), .stroke_width = 2});
    for (double t : c.censor_times) {
      if (t < 0 || t > x_max) continue;
      const double yc = sy(SurvivalAt(c, t));
      doc.Line(sx(t), yc - 4, sx(t), yc + 4, {.cls = "censor", .stroke = internal::SeriesColor(ci), .stroke_width = 1.2});
    }
    doc.EndGroup();
  }
  internal::YAxis(&doc, sy, left, y_ticks, spec.y_label, fs);
  double y_end = internal::XAxis(&doc, sx, bottom, x_ticks, spec.x_label, fs);
  if (!spec.risk_times.empty()) y_end = AtRiskTable(&doc, spec, sx, y_end + 6, x_max);
  double width = left + spec.plot_width_px + 24;
  if (spec.curves.size() >= 2) {
    internal::Legend(&doc, width - 8, top, names, internal::Swatch::kLine, fs);
    width += internal::LegendWidth(names, fs) + 4;
  }
  doc.SetSize(std::max(width, 24 + TextWidth(title, fs * 1.3)), y_end + 10);
  return doc.Finish();
}

}  // namespace carta::plot
