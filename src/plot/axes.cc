#include "axes.h"

#include <algorithm>

namespace carta::plot::internal {

double TickLabelWidth(const std::vector<double>& ticks, double font_size_px) {
  double w = 0;
  for (double t : ticks) w = std::max(w, TextWidth(FormatNumber(t, 3), font_size_px * 0.9));
  return w;
}

double XAxis(SvgDocument* doc, const LinearScale& sx, double y_px, const std::vector<double>& ticks,
             const std::string& label, double font_size_px) {
  const double fs = font_size_px;
  doc->Line(sx.r0, y_px, sx.r1, y_px, {.cls = "axis", .stroke = "#000", .stroke_width = 1});
  for (double t : ticks) {
    doc->Line(sx(t), y_px, sx(t), y_px + 5, {.cls = "tick", .stroke = "#000", .stroke_width = 1});
    doc->Text(sx(t), y_px + 6 + fs, FormatNumber(t, 3), {.size = fs * 0.9, .anchor = Anchor::kMiddle, .cls = "tick-label"});
  }
  const double label_y = y_px + 10 + 2.2 * fs;
  doc->Text((sx.r0 + sx.r1) / 2, label_y, label, {.size = fs, .anchor = Anchor::kMiddle, .cls = "axis-label"});
  return label_y + 0.4 * fs;
}

double YAxisWidth(const std::vector<double>& ticks, double font_size_px) {
  return TickLabelWidth(ticks, font_size_px) + 8 + 1.6 * font_size_px;
}

void YAxis(SvgDocument* doc, const LinearScale& sy, double x_px, const std::vector<double>& ticks,
           const std::string& label, double font_size_px) {
  const double fs = font_size_px;
  doc->Line(x_px, sy.r0, x_px, sy.r1, {.cls = "axis", .stroke = "#000", .stroke_width = 1});
  for (double t : ticks) {
    doc->Line(x_px - 5, sy(t), x_px, sy(t), {.cls = "tick", .stroke = "#000", .stroke_width = 1});
    doc->Text(x_px - 7, sy(t) + fs * 0.3, FormatNumber(t, 3), {.size = fs * 0.9, .anchor = Anchor::kEnd, .cls = "tick-label"});
  }
  const double label_x = x_px - YAxisWidth(ticks, fs) + fs;
  doc->Text(label_x, (sy.r0 + sy.r1) / 2, label,
            {.size = fs, .anchor = Anchor::kMiddle, .cls = "axis-label", .rotate = -90});
}

double LegendWidth(const std::vector<std::string>& names, double font_size_px) {
  double w = 0;
  for (const auto& n : names) w = std::max(w, TextWidth(n, font_size_px));
  return w + 2.6 * font_size_px;
}

void Legend(SvgDocument* doc, double x_px, double y_px, const std::vector<std::string>& names, Swatch swatch,
            double font_size_px) {
  const double fs = font_size_px, row = fs * 1.5;
  doc->BeginGroup("legend");
  for (size_t i = 0; i < names.size(); ++i) {
    const double yc = y_px + row * (static_cast<double>(i) + 0.5);
    if (swatch == Swatch::kBox) {
      doc->Rect(x_px, yc - fs * 0.4, fs * 0.8, fs * 0.8, {.cls = "legend-key", .fill = SeriesColor(i)});
    } else {
      doc->Line(x_px, yc, x_px + fs * 1.2, yc, {.cls = "legend-key", .stroke = SeriesColor(i), .stroke_width = 2});
    }
    doc->Text(x_px + fs * 1.6, yc + fs * 0.35, names[i], {.size = fs, .cls = "legend-label"});
  }
  doc->EndGroup();
}

const char* SeriesColor(size_t i) { return kPalette[i % kPaletteSize]; }

}  // namespace carta::plot::internal
