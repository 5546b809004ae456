#include "carta/plot/diagnostics.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "axes.h"
#include "carta/plot/charts.h"
#include "carta/plot/svg.h"

namespace carta::plot {

namespace {

using internal::LinearScale;

// [lo, hi] widened to whole steps of its nice ticks, and the ticks.
std::pair<std::pair<double, double>, std::vector<double>> Range(double lo, double hi, int ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
  std::vector<double> t = NiceTicks(lo, hi, ticks);
  const double step = t.size() > 1 ? t[1] - t[0] : hi - lo;
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
  return {{lo, hi}, NiceTicks(lo, hi, ticks)};
}

void Grid(SvgDocument* doc, const LinearScale& sx, const LinearScale& sy, const std::vector<double>& xt,
          const std::vector<double>& yt) {
  for (double t : xt) doc->Line(sx(t), sy.r0, sx(t), sy.r1, {.cls = "grid", .stroke = "#ddd", .stroke_width = 0.8});
  for (double t : yt) doc->Line(sx.r0, sy(t), sx.r1, sy(t), {.cls = "grid", .stroke = "#ddd", .stroke_width = 0.8});
}

void Point(SvgDocument* doc, double x, double y, const std::string& study) {
  doc->BeginGroup("");
  doc->Title(study);
  doc->Circle(x, y, 3.5, {.cls = "study", .fill = "#000"});
  doc->EndGroup();
}

}  // namespace

std::string BaujatPlot(const std::vector<meta::BaujatPoint>& points, const DiagnosticPlotOptions& o) {
  const double fs = o.font_size_px;
  const std::string title = o.title.empty() ? "Baujat plot" : o.title;
  double x_hi = 0, y_hi = 0;
  for (const auto& p : points) {
    if (std::isfinite(p.x)) x_hi = std::max(x_hi, p.x);
    if (std::isfinite(p.y)) y_hi = std::max(y_hi, p.y);
  }
  const auto [xr, xt] = Range(0, x_hi * 1.08, 6);
  const auto [yr, yt] = Range(0, y_hi * 1.08, 5);
  const double left = 12 + internal::YAxisWidth(yt, fs), top = 3.2 * fs;
  const LinearScale sx{xr.first, xr.second, left, left + o.plot_width_px};
  const LinearScale sy{yr.first, yr.second, top + o.plot_height_px, top};
  SvgDocument doc(100, 100, title);
  doc.Text(12, fs * 1.5, title, {.size = fs * 1.3, .bold = true, .cls = "title"});
  Grid(&doc, sx, sy, xt, yt);
  for (const auto& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    Point(&doc, sx(p.x), sy(p.y), p.study);
    // Labels of points in the right third go to their left, so that they stay inside.
    const bool right = sx(p.x) > left + o.plot_width_px * 2 / 3;
    doc.Text(sx(p.x) + (right ? -6 : 6), sy(p.y) - 5, p.study,
             {.size = fs * 0.8, .anchor = right ? Anchor::kEnd : Anchor::kStart, .cls = "study-label"});
  }
  internal::YAxis(&doc, sy, left, yt, "Influence on overall result", fs);
  const double y_end = internal::XAxis(&doc, sx, sy.r0, xt, "Contribution to overall heterogeneity", fs);
  doc.SetSize(std::max(left + o.plot_width_px + 24, 24 + 1.12 * TextWidth(title, fs * 1.3)), y_end + 10);
  return doc.Finish();
}

std::string RadialPlotSvg(const meta::RadialPlot& p, meta::Measure measure, const DiagnosticPlotOptions& o) {
  const double fs = o.font_size_px;
  const std::string title = o.title.empty() ? "Radial plot" : o.title;
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + p.level / 2);
  double x_max = 0, y_lo = -2 * z, y_hi = 2 * z, yi_lo = p.estimate, yi_hi = p.estimate;
  for (size_t i = 0; i < p.x.size(); ++i) {
    if (!std::isfinite(p.x[i]) || !std::isfinite(p.y[i])) continue;
    x_max = std::max(x_max, p.x[i]);
    y_lo = std::min(y_lo, p.y[i]);
    y_hi = std::max(y_hi, p.y[i]);
    yi_lo = std::min(yi_lo, p.yi[i]);
    yi_hi = std::max(yi_hi, p.yi[i]);
  }
  if (!(x_max > 0)) x_max = 1;
  const auto [xr, xt] = Range(0, 1.15 * x_max, 6);
  const double edge = xr.second;
  // The band and the line reach the right edge: the y range covers them there.
  y_lo = std::min(y_lo, p.estimate * edge - z);
  y_hi = std::max(y_hi, p.estimate * edge + z);
  const auto [yr, yt] = Range(y_lo, y_hi, 6);
  const double left = 12 + internal::YAxisWidth(yt, fs), top = 3.2 * fs;
  const LinearScale sx{0, edge, left, left + o.plot_width_px};
  const LinearScale sy{yr.first, yr.second, top + o.plot_height_px, top};
  SvgDocument doc(100, 100, title);
  doc.Text(12, fs * 1.5, title, {.size = fs * 1.3, .bold = true, .cls = "title"});
  if (std::isfinite(p.estimate)) {
    doc.Polygon({{sx(0), sy(z)}, {sx(edge), sy(p.estimate * edge + z)}, {sx(edge), sy(p.estimate * edge - z)}, {sx(0), sy(-z)}},
                {.cls = "band", .fill = "#e6e6e6"});
    doc.Line(sx(0), sy(0), sx(edge), sy(p.estimate * edge), {.cls = "pooled", .stroke = "#000", .stroke_width = 1});
  }
  doc.Line(sx(0), sy(0), sx(edge), sy(0), {.cls = "zero", .stroke = "#999", .stroke_width = 0.8, .dash = "4 3"});
  for (size_t i = 0; i < p.x.size(); ++i) {
    if (std::isfinite(p.x[i]) && std::isfinite(p.y[i])) Point(&doc, sx(p.x[i]), sy(p.y[i]), p.study[i]);
  }
  // The scale of yi on the right: the line of slope v meets the edge at v·edge.
  const double right = left + o.plot_width_px;
  doc.Line(right + 8, sy(std::clamp(yi_lo * edge, yr.first, yr.second)), right + 8,
           sy(std::clamp(yi_hi * edge, yr.first, yr.second)), {.cls = "yi-axis", .stroke = "#000", .stroke_width = 1});
  double label_w = 0;
  for (double v : NiceTicks(yi_lo, yi_hi, 5)) {
    const double at = v * edge;
    if (at < yr.first || at > yr.second) continue;
    doc.Line(right + 8, sy(at), right + 13, sy(at), {.cls = "tick", .stroke = "#000", .stroke_width = 1});
    doc.Text(right + 15, sy(at) + fs * 0.3, FormatNumber(v, 3), {.size = fs * 0.9, .cls = "yi-label"});
    label_w = std::max(label_w, TextWidth(FormatNumber(v, 3), fs * 0.9));
  }
  const std::string yi_label = o.y_label.empty() ? MeasureScaleLabel(measure) : o.y_label;
  doc.Text(right + 22 + label_w + fs, (sy.r0 + sy.r1) / 2, yi_label,
           {.size = fs, .anchor = Anchor::kMiddle, .cls = "axis-label", .rotate = 90});
  internal::YAxis(&doc, sy, left, yt, "y = yi / sqrt(vi + \u03c4\u00b2)", fs);
  const double y_end = internal::XAxis(&doc, sx, sy.r0, xt, "x = 1 / sqrt(vi + \u03c4\u00b2)", fs);
  doc.SetSize(std::max(right + 34 + label_w + fs, 24 + 1.12 * TextWidth(title, fs * 1.3)), y_end + 10);
  return doc.Finish();
}

}  // namespace carta::plot
