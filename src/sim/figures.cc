// The simulator's figures, drawn with carta::plot's SVG helpers.
#include "carta/sim/figures.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "carta/plot/svg.h"

namespace carta::sim {

namespace {

constexpr double kWidth = 640, kHeight = 360, kLeft = 60, kRight = 150, kTop = 30, kBottom = 40;
constexpr double kPlotWidth = kWidth - kLeft - kRight, kPlotHeight = kHeight - kTop - kBottom;

struct Series {
  const char* name;
  const char* colour;
  double (*value)(const TimePoint&);
  bool optional = false;  // drawn only when some value is above zero
};

const Series kSeries[] = {
    {"CAR-T cells", "#1b9e77", [](const TimePoint& p) { return p.effector_cells + p.memory_cells; }},
    {"tumour, antigen+", "#d95f02", [](const TimePoint& p) { return p.tumour_positive_cells; }},
    {"tumour, antigen-", "#7570b3", [](const TimePoint& p) { return p.tumour_negative_cells; }},
    {"tumour, antigen-low", "#a6761d", [](const TimePoint& p) { return p.tumour_low_antigen_cells; }, true},
    {"normal B/plasma cells", "#666666", [](const TimePoint& p) { return p.normal_cells; }},
    {"IL-6 (pg/mL)", "#e7298a", [](const TimePoint& p) { return p.il6_pg_ml; }},
    {"ICANS signal", "#e6ab02", [](const TimePoint& p) { return p.icans_signal_pg_ml; }},
};

// The frame, the title and the x axis of both figures.
void Frame(std::ostringstream& svg, const std::string& title, double x_max, const std::string& x_label) {
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg << "<text x=\"" << kLeft << "\" y=\"18\">" << plot::EscapeXml(title) << "</text>\n";
  svg << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << kPlotWidth << "\" height=\"" << kPlotHeight
      << "\" fill=\"none\" stroke=\"#000\"/>\n";
  for (double t : plot::NiceTicks(0, x_max, 6)) {
    if (t > x_max) continue;
    svg << "<text x=\"" << kLeft + kPlotWidth * t / x_max << "\" y=\"" << kTop + kPlotHeight + 16
        << "\" text-anchor=\"middle\">" << t << "</text>\n";
  }
  svg << "<text x=\"" << kLeft + kPlotWidth / 2 << "\" y=\"" << kHeight - 6 << "\" text-anchor=\"middle\">"
      << plot::EscapeXml(x_label) << "</text>\n";
}

void LegendEntry(std::ostringstream& svg, int row, const char* colour, const std::string& name) {
  const double ly = kTop + 14 + 16 * row;
  svg << "<line x1=\"" << kWidth - kRight + 10 << "\" x2=\"" << kWidth - kRight + 28 << "\" y1=\"" << ly - 4
      << "\" y2=\"" << ly - 4 << "\" stroke=\"" << colour << "\"/><text x=\"" << kWidth - kRight + 32 << "\" y=\"" << ly
      << "\">" << plot::EscapeXml(name) << "</text>\n";
}

}  // namespace

std::string CourseFigure(const std::string& title, const std::vector<TimePoint>& course) {
  const double t_max = course.empty() ? 1 : std::max(1.0, course.back().day);
  const double lo = 0, hi = 13;  // log10 of cells (and of pg/mL)
  auto x = [&](double day) { return kLeft + kPlotWidth * day / t_max; };
  auto y = [&](double v) {
    return kTop + kPlotHeight * (1 - (std::clamp(std::log10(std::max(v, 1.0)), lo, hi) - lo) / (hi - lo));
  };
  std::ostringstream svg;
  Frame(svg, title, t_max, "Day");
  for (double e = lo; e <= hi; e += 2) {
    svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << y(std::pow(10, e)) + 4 << "\" text-anchor=\"end\">1e" << e
        << "</text>\n";
  }
  int row = 0;
  for (const Series& s : kSeries) {
    if (s.optional && std::none_of(course.begin(), course.end(), [&s](const TimePoint& p) { return s.value(p) > 0; })) {
      continue;  // an antigen-low clone the scenario does not have
    }
    svg << "<polyline class=\"course\" fill=\"none\" stroke=\"" << s.colour << "\" points=\"";
    for (const auto& p : course) svg << x(p.day) << "," << y(s.value(p)) << " ";
    svg << "\"/>\n";
    LegendEntry(svg, row++, s.colour, s.name);
  }
  svg << "</svg>\n";
  return svg.str();
}

std::string TrialFigureTitle(const Scenario& scenario) {
  return "Virtual trial: " + scenario.product.label + " in " + scenario.disease.name;
}

std::string TrialFigure(const std::string& title, const TrialSummary& summary,
                        const std::vector<ObservedLandmark>& observed) {
  double t_max = 12;
  for (const auto& step : summary.pfs_curve.steps) t_max = std::max(t_max, step.time);
  for (const auto& o : observed) t_max = std::max(t_max, o.months);
  auto x = [&](double months) { return kLeft + kPlotWidth * std::clamp(months / t_max, 0.0, 1.0); };
  auto y = [&](double s) { return kTop + kPlotHeight * (1 - std::clamp(s, 0.0, 1.0)); };
  std::ostringstream svg;
  Frame(svg, title, t_max, "Months");
  for (double s = 0; s <= 1.0001; s += 0.25) {
    svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << y(s) + 4 << "\" text-anchor=\"end\">" << s << "</text>\n";
  }
  // The step curve: S = 1 from 0, then down at each event time.
  svg << "<polyline class=\"km-curve\" fill=\"none\" stroke=\"#1b9e77\" points=\"" << x(0) << "," << y(1) << " ";
  double s_prev = 1;
  for (const auto& step : summary.pfs_curve.steps) {
    if (step.n_event == 0) continue;
    svg << x(step.time) << "," << y(s_prev) << " " << x(step.time) << "," << y(step.surv) << " ";
    s_prev = step.surv;
  }
  svg << x(t_max) << "," << y(s_prev) << "\"/>\n";
  LegendEntry(svg, 0, "#1b9e77", "simulated PFS (" + std::to_string(summary.patients) + ")");
  for (const auto& o : observed) {
    svg << "<line class=\"landmark-ci\" x1=\"" << x(o.months) << "\" x2=\"" << x(o.months) << "\" y1=\""
        << y(o.lower) << "\" y2=\"" << y(o.upper) << "\" stroke=\"#d95f02\"/>\n";
    svg << "<circle class=\"landmark\" cx=\"" << x(o.months) << "\" cy=\"" << y(o.survival)
        << "\" r=\"4\" fill=\"#d95f02\"><title>" << plot::EscapeXml(o.cohort + ": " + o.endpoint) << "</title></circle>\n";
    svg << "<text x=\"" << x(o.months) + 6 << "\" y=\"" << y(o.survival) - 4 << "\" font-size=\"10\">"
        << plot::EscapeXml(o.cohort) << "</text>\n";
  }
  if (!observed.empty()) {
    svg << "<circle cx=\"" << kWidth - kRight + 19 << "\" cy=\"" << kTop + 26 << "\" r=\"4\" fill=\"#d95f02\"/><text x=\""
        << kWidth - kRight + 32 << "\" y=\"" << kTop + 30 << "\">observed (95% CI)</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace carta::sim
