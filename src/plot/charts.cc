#include "carta/plot/charts.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "carta/plot/svg.h"
#include "axes.h"

namespace carta::plot {
namespace {

using internal::LinearScale;

// The text above bar (s, c): its label, else its value when show_values.
std::string BarText(const BarChartSpec& spec, const BarSeries& s, size_t c) {
  if (c < s.labels.size() && !s.labels[c].empty()) return s.labels[c];
  if (c < s.values.size() && std::isfinite(s.values[c]) && spec.show_values) return FormatFixed(s.values[c], spec.decimals);
  return "";
}

double ValueAt(const BarSeries& s, size_t c) { return c < s.values.size() ? s.values[c] : NAN; }

// The y range [lo, hi] rounded out to ticks, 0 included.
std::pair<double, double> BarRange(const BarChartSpec& spec) {
  double lo = 0, hi = 0;
  for (const auto& s : spec.series) {
    for (double v : s.values) {
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v * 1.08);
    }
  }
  if (std::isfinite(spec.y_max)) hi = spec.y_max;
  if (hi <= lo) hi = lo + 1;
  const std::vector<double> t = NiceTicks(lo, hi, 5);
  const double step = t.size() > 1 ? t[1] - t[0] : hi - lo;
  return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step};
}

}  // namespace

std::string BarChart(const BarChartSpec& spec) {
  const double fs = spec.font_size_px;
  const std::string title = spec.title.empty() ? "Bar chart" : spec.title;
  const auto [lo, hi] = BarRange(spec);
  const std::vector<double> ticks = NiceTicks(lo, hi, 5);
  const size_t n_series = std::max<size_t>(spec.series.size(), 1);

  // Bars wide enough for their labels, groups wide enough for their category names.
  double bar_w = 22, cat_w = 0;
  for (size_t si = 0; si < spec.series.size(); ++si) {
    for (size_t c = 0; c < spec.categories.size(); ++c) {
      bar_w = std::max(bar_w, TextWidth(BarText(spec, spec.series[si], c), fs * 0.85) + 4);
    }
  }
  const bool turned = spec.label_angle_deg != 0;
  double label_drop = 1.4 * fs;  // vertical room the category labels take under the axis
  for (const auto& c : spec.categories) cat_w = std::max(cat_w, TextWidth(c, fs));
  double overhang = 0;  // how far the first turned label reaches left of its group's centre
  if (turned) {
    const double a = std::fabs(spec.label_angle_deg) * M_PI / 180;
    label_drop = cat_w * std::sin(a) + fs * std::cos(a) + 6;
    overhang = cat_w * std::cos(a);
    cat_w = fs * 1.6;  // turned labels need only a line's height across
  }
  const double group_w = std::max(bar_w * static_cast<double>(n_series) + 18, cat_w + 12);
  const double left = std::max(12 + internal::YAxisWidth(ticks, fs), 12 + overhang - group_w / 2);
  const double plot_w = std::max(120.0, group_w * static_cast<double>(spec.categories.size()));
  const double top = 3.2 * fs, bottom = top + spec.plot_height_px;
  std::vector<std::string> names;
  for (const auto& s : spec.series) names.push_back(s.name);
  const bool legend = spec.series.size() >= 2;
  const double legend_w = legend ? internal::LegendWidth(names, fs) + 16 : 0;

  SvgDocument doc(100, 100, title);
  doc.Text(12, fs * 1.5, title, {.size = fs * 1.3, .bold = true, .cls = "title"});
  const LinearScale sy{lo, hi, bottom, top};
  internal::YAxis(&doc, sy, left, ticks, spec.y_label, fs);
  doc.Line(left, sy(0), left + plot_w, sy(0), {.cls = "baseline", .stroke = "#000", .stroke_width = 1});
  for (size_t c = 0; c < spec.categories.size(); ++c) {
    const double gx = left + group_w * static_cast<double>(c);
    const double bars_x = gx + (group_w - bar_w * static_cast<double>(n_series)) / 2;
    for (size_t si = 0; si < spec.series.size(); ++si) {
      const BarSeries& s = spec.series[si];
      const double x = bars_x + bar_w * static_cast<double>(si), v = ValueAt(s, c);
      const std::string text = BarText(spec, s, c);
      if (std::isfinite(v)) {
        doc.Rect(x + 1, std::min(sy(v), sy(0)), bar_w - 2, std::fabs(sy(v) - sy(0)),
                 {.cls = "bar", .fill = internal::SeriesColor(si)});
        if (!text.empty()) {
          doc.Text(x + bar_w / 2, std::min(sy(v), sy(0)) - 4, text,
                   {.size = fs * 0.85, .anchor = Anchor::kMiddle, .cls = "value-label"});
        }
      } else if (!text.empty()) {
        doc.Text(x + bar_w / 2, sy(0) - 4, text,
                 {.size = fs * 0.85, .anchor = Anchor::kMiddle, .bold = true, .fill = internal::SeriesColor(si),
                  .cls = "not-reached"});
      }
    }
    if (turned) {
      doc.Text(gx + group_w / 2 + 0.35 * fs, bottom + 8, spec.categories[c],
               {.size = fs, .anchor = Anchor::kEnd, .cls = "category-label", .rotate = spec.label_angle_deg});
    } else {
      doc.Text(gx + group_w / 2, bottom + 6 + fs, spec.categories[c],
               {.size = fs, .anchor = Anchor::kMiddle, .cls = "category-label"});
    }
  }
  double y_end = bottom + 6 + label_drop;
  if (!spec.category_groups.empty()) {
    // Brackets under the labels naming runs of categories.
    int first = 0;
    const double yb = y_end + 4;
    for (const auto& [name, count] : spec.category_groups) {
      const double x1 = left + group_w * first + 4, x2 = left + group_w * (first + std::max(count, 1)) - 4;
      doc.Polyline({{x1, yb}, {x1, yb + 5}, {x2, yb + 5}, {x2, yb}}, {.cls = "group-bracket", .stroke = "#000", .stroke_width = 1});
      doc.Text((x1 + x2) / 2, yb + 7 + fs, name, {.size = fs, .anchor = Anchor::kMiddle, .bold = true, .cls = "group-label"});
      first += std::max(count, 1);
    }
    y_end = yb + 9 + 1.2 * fs;
  }
  if (!spec.x_label.empty()) {
    doc.Text(left + plot_w / 2, y_end + 1.4 * fs, spec.x_label, {.size = fs, .anchor = Anchor::kMiddle, .cls = "axis-label"});
    y_end += 1.8 * fs;
  }
  if (legend) internal::Legend(&doc, left + plot_w + 16, top, names, internal::Swatch::kBox, fs);
  // Titles are bold: about 12% wider than the regular-weight estimate.
  const double width = std::max(left + plot_w + legend_w + 12, 24 + 1.12 * TextWidth(title, fs * 1.3));
  doc.SetSize(width, y_end + 10);
  return doc.Finish();
}

std::string MeasureScaleLabel(meta::Measure m) {
  switch (m) {
    case meta::Measure::kPR: return "Proportion";
    case meta::Measure::kPLN: return "Log proportion";
    case meta::Measure::kPLO: return "Logit proportion";
    case meta::Measure::kPAS: return "Arcsine square-root proportion";
    case meta::Measure::kPFT: return "Freeman-Tukey double arcsine proportion";
    case meta::Measure::kRR: return "Log risk ratio";
    case meta::Measure::kOR: return "Log odds ratio";
    case meta::Measure::kRD: return "Risk difference";
    case meta::Measure::kGeneric: return "Effect size";
  }
  return "Effect size";
}

std::string FunnelPlot(const meta::Analysis& a, const FunnelOptions& o) {
  const double fs = o.font_size_px;
  const std::string title = o.title.empty() ? "Funnel plot" : o.title;
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + a.options.level / 2);
  const double est = a.fit.estimate;
  double se_max = 0, x_lo = est, x_hi = est;
  for (const auto& s : a.studies) {
    if (std::isfinite(s.vi) && s.vi >= 0) se_max = std::max(se_max, std::sqrt(s.vi));
    if (std::isfinite(s.yi)) x_lo = std::min(x_lo, s.yi), x_hi = std::max(x_hi, s.yi);
  }
  if (se_max <= 0) se_max = 1;
  const std::vector<double> y_ticks0 = NiceTicks(0, se_max, 4);
  const double y_step = y_ticks0.size() > 1 ? y_ticks0[1] - y_ticks0[0] : se_max;
  se_max = std::ceil(se_max / y_step - 1e-9) * y_step;
  x_lo = std::min(x_lo, est - z * se_max), x_hi = std::max(x_hi, est + z * se_max);
  if (!std::isfinite(x_lo) || !std::isfinite(x_hi) || x_hi <= x_lo) x_lo = est - 1, x_hi = est + 1;
  const std::vector<double> x_ticks = NiceTicks(x_lo, x_hi, 6), y_ticks = NiceTicks(0, se_max, 4);

  const double left = 12 + internal::YAxisWidth(y_ticks, fs), top = 3.2 * fs;
  const LinearScale sx{x_lo, x_hi, left, left + o.plot_width_px};
  const LinearScale sy{0, se_max, top, top + o.plot_height_px};
  SvgDocument doc(100, 100, title);
  doc.Text(12, fs * 1.5, title, {.size = fs * 1.3, .bold = true, .cls = "title"});
  doc.Polyline({{sx(est - z * se_max), sy(se_max)}, {sx(est), sy(0)}, {sx(est + z * se_max), sy(se_max)}},
               {.cls = "region", .stroke = "#555", .stroke_width = 1, .dash = "4 3"});
  doc.Line(sx(est), sy(0), sx(est), sy(se_max), {.cls = "pooled", .stroke = "#000", .stroke_width = 1});
  for (const auto& s : a.studies) {
    if (!std::isfinite(s.yi) || !std::isfinite(s.vi) || s.vi < 0) continue;
    doc.BeginGroup("");
    doc.Title(s.input.study);
    doc.Circle(sx(s.yi), sy(std::sqrt(s.vi)), 3.5, {.cls = "study", .fill = "#000"});
    doc.EndGroup();
  }
  internal::YAxis(&doc, sy, left, y_ticks, "Standard error", fs);
  const std::string x_label = o.x_label.empty() ? MeasureScaleLabel(a.measure) : o.x_label;
  const double y_end = internal::XAxis(&doc, sx, sy(se_max), x_ticks, x_label, fs);
  doc.SetSize(std::max(left + o.plot_width_px + 24, 24 + 1.12 * TextWidth(title, fs * 1.3)), y_end + 10);
  return doc.Finish();
}

}  // namespace carta::plot
