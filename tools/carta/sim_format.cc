// The figures of `carta sim`.
#include "sim_format.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "carta/plot/km_plot.h"
#include "carta/plot/svg.h"

namespace carta::cli {

namespace {

constexpr double kWidth = 640, kHeight = 360, kLeft = 60, kRight = 150, kTop = 30, kBottom = 40;

struct Series {
  const char* name;
  const char* colour;
  double (*value)(const sim::TimePoint&);
};

const Series kSeries[] = {
    {"CAR-T cells", "#1b9e77", [](const sim::TimePoint& p) { return p.effector_cells + p.memory_cells; }},
    {"tumour, antigen+", "#d95f02", [](const sim::TimePoint& p) { return p.tumour_positive_cells; }},
    {"tumour, antigen-", "#7570b3", [](const sim::TimePoint& p) { return p.tumour_negative_cells; }},
    {"normal B/plasma cells", "#666666", [](const sim::TimePoint& p) { return p.normal_cells; }},
    {"IL-6 (pg/mL)", "#e7298a", [](const sim::TimePoint& p) { return p.il6_pg_ml; }},
};

}  // namespace

std::string CourseFigure(const std::string& title, const std::vector<sim::TimePoint>& course) {
  const double t_max = course.empty() ? 1 : std::max(1.0, course.back().day);
  const double lo = 0, hi = 13;  // log10 of cells (and of pg/mL)
  const double pw = kWidth - kLeft - kRight, ph = kHeight - kTop - kBottom;
  auto x = [&](double day) { return kLeft + pw * day / t_max; };
  auto y = [&](double v) {
    return kTop + ph * (1 - (std::clamp(std::log10(std::max(v, 1.0)), lo, hi) - lo) / (hi - lo));
  };
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg << "<text x=\"" << kLeft << "\" y=\"18\">" << plot::EscapeXml(title) << "</text>\n";
  svg << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << pw << "\" height=\"" << ph
      << "\" fill=\"none\" stroke=\"#000\"/>\n";
  for (double e = lo; e <= hi; e += 2) {
    svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << y(std::pow(10, e)) + 4 << "\" text-anchor=\"end\">1e" << e
        << "</text>\n";
  }
  for (double t : plot::NiceTicks(0, t_max, 6)) {
    svg << "<text x=\"" << x(t) << "\" y=\"" << kTop + ph + 16 << "\" text-anchor=\"middle\">" << t << "</text>\n";
  }
  svg << "<text x=\"" << kLeft + pw / 2 << "\" y=\"" << kHeight - 6 << "\" text-anchor=\"middle\">Day</text>\n";
  int row = 0;
  for (const Series& s : kSeries) {
    svg << "<polyline class=\"course\" fill=\"none\" stroke=\"" << s.colour << "\" points=\"";
    for (const auto& p : course) svg << x(p.day) << "," << y(s.value(p)) << " ";
    svg << "\"/>\n";
    const double ly = kTop + 14 + 16 * row++;
    svg << "<line x1=\"" << kWidth - kRight + 10 << "\" x2=\"" << kWidth - kRight + 28 << "\" y1=\"" << ly - 4
        << "\" y2=\"" << ly - 4 << "\" stroke=\"" << s.colour << "\"/><text x=\"" << kWidth - kRight + 32 << "\" y=\""
        << ly << "\">" << plot::EscapeXml(s.name) << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

std::string TrialFigure(const std::string& title, const sim::TrialSummary& s) {
  plot::KaplanMeierSpec spec;
  spec.title = title;
  plot::KmCurve curve;
  curve.name = "simulated PFS (" + std::to_string(s.patients) + " virtual patients)";
  for (const auto& step : s.pfs_curve.steps) {
    if (step.n_event == 0) continue;
    curve.time.push_back(step.time);
    curve.survival.push_back(step.surv);
  }
  spec.curves.push_back(curve);
  spec.x_label = "Months";
  spec.y_label = "Progression-free survival";
  return plot::KaplanMeierPlot(spec);
}

}  // namespace carta::cli
