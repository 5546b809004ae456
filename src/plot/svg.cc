#include "carta/plot/svg.h"

#include <cassert>
#include <cmath>
#include <cstdio>

#include "carta/core/text.h"

namespace carta::plot {

std::string EscapeXml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string FormatFixed(double v, int decimals) {
  if (!std::isfinite(v)) return "NA";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);
  return s;
}

std::string FormatNumber(double v, int decimals) {
  std::string s = FormatFixed(v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

double TextWidth(std::string_view s, double font_size_px) {
  return 0.56 * font_size_px * text::DisplayWidth(s);
}

std::vector<double> NiceTicks(double lo, double hi, int target) {
  assert(lo < hi && std::isfinite(lo) && std::isfinite(hi) && "NiceTicks needs a finite, non-empty range");
  const double raw = (hi - lo) / std::max(target, 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * mag;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  const double first = std::ceil(lo / step - 1e-9) * step;
  for (double t = first; t <= hi + step * 1e-9; t += step) ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

SvgDocument::SvgDocument(double width_px, double height_px, std::string title)
    : width_px_(width_px), height_px_(height_px), title_(std::move(title)) {
  assert(width_px > 0 && height_px > 0 && "an SVG needs a positive size");
}

void SvgDocument::SetSize(double width_px, double height_px) {
  assert(width_px > 0 && height_px > 0 && "an SVG needs a positive size");
  width_px_ = width_px;
  height_px_ = height_px;
}

std::string SvgDocument::StyleAttributes(const Style& style) {
  std::string a;
  if (!style.cls.empty()) a += " class=\"" + EscapeXml(style.cls) + "\"";
  if (!style.fill.empty()) a += " fill=\"" + EscapeXml(style.fill) + "\"";
  if (!style.stroke.empty()) a += " stroke=\"" + EscapeXml(style.stroke) + "\"";
  if (style.stroke_width > 0) a += " stroke-width=\"" + FormatNumber(style.stroke_width) + "\"";
  if (!style.dash.empty()) a += " stroke-dasharray=\"" + EscapeXml(style.dash) + "\"";
  return a;
}

std::string SvgDocument::Points(const std::vector<std::pair<double, double>>& points) {
  std::string p;
  for (const auto& [x, y] : points) {
    if (!p.empty()) p += ' ';
    p += FormatNumber(x) + "," + FormatNumber(y);
  }
  return p;
}

void SvgDocument::Rect(double x, double y, double w, double h, const Style& style) {
  body_ += "<rect x=\"" + FormatNumber(x) + "\" y=\"" + FormatNumber(y) + "\" width=\"" + FormatNumber(w) +
           "\" height=\"" + FormatNumber(h) + "\"" + StyleAttributes(style) + "/>\n";
}

void SvgDocument::Line(double x1, double y1, double x2, double y2, const Style& style) {
  body_ += "<line x1=\"" + FormatNumber(x1) + "\" y1=\"" + FormatNumber(y1) + "\" x2=\"" + FormatNumber(x2) +
           "\" y2=\"" + FormatNumber(y2) + "\"" + StyleAttributes(style) + "/>\n";
}

void SvgDocument::Polyline(const std::vector<std::pair<double, double>>& points, const Style& style) {
  Style s = style;
  if (s.fill.empty()) s.fill = "none";
  body_ += "<polyline points=\"" + Points(points) + "\"" + StyleAttributes(s) + "/>\n";
}

void SvgDocument::Polygon(const std::vector<std::pair<double, double>>& points, const Style& style) {
  body_ += "<polygon points=\"" + Points(points) + "\"" + StyleAttributes(style) + "/>\n";
}

void SvgDocument::Path(const std::string& d, const Style& style) {
  body_ += "<path d=\"" + EscapeXml(d) + "\"" + StyleAttributes(style) + "/>\n";
}

void SvgDocument::Circle(double cx, double cy, double r, const Style& style) {
  body_ += "<circle cx=\"" + FormatNumber(cx) + "\" cy=\"" + FormatNumber(cy) + "\" r=\"" + FormatNumber(r) + "\"" +
           StyleAttributes(style) + "/>\n";
}

void SvgDocument::Text(double x, double y, std::string_view text, const TextStyle& style) {
  static const char* kAnchors[] = {"start", "middle", "end"};
  std::string a = "<text x=\"" + FormatNumber(x) + "\" y=\"" + FormatNumber(y) + "\" font-size=\"" +
                  FormatNumber(style.size) + "\"";
  if (style.anchor != Anchor::kStart) a += std::string(" text-anchor=\"") + kAnchors[static_cast<int>(style.anchor)] + "\"";
  if (style.bold) a += " font-weight=\"bold\"";
  if (style.italic) a += " font-style=\"italic\"";
  if (!style.fill.empty()) a += " fill=\"" + EscapeXml(style.fill) + "\"";
  if (!style.cls.empty()) a += " class=\"" + EscapeXml(style.cls) + "\"";
  if (style.rotate != 0) {
    a += " transform=\"rotate(" + FormatNumber(style.rotate) + " " + FormatNumber(x) + " " + FormatNumber(y) + ")\"";
  }
  body_ += a + ">" + EscapeXml(text) + "</text>\n";
}

void SvgDocument::BeginGroup(std::string_view cls) {
  body_ += cls.empty() ? std::string("<g>\n") : "<g class=\"" + EscapeXml(cls) + "\">\n";
  ++open_groups_;
}

void SvgDocument::EndGroup() {
  assert(open_groups_ > 0 && "EndGroup without BeginGroup");
  body_ += "</g>\n";
  --open_groups_;
}

void SvgDocument::Title(std::string_view text) { body_ += "<title>" + EscapeXml(text) + "</title>\n"; }

std::string SvgDocument::Finish() const {
  assert(open_groups_ == 0 && "every group must be closed before Finish");
  const std::string w = FormatNumber(width_px_), h = FormatNumber(height_px_);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + w + "\" height=\"" + h +
         "\" viewBox=\"0 0 " + w + " " + h + "\" font-family=\"" + EscapeXml(kFontStack) + "\">\n";
  out += "<title>" + EscapeXml(title_) + "</title>\n";
  out += "<rect x=\"0\" y=\"0\" width=\"" + w + "\" height=\"" + h + "\" fill=\"#fff\"/>\n";
  out += body_;
  out += "</svg>\n";
  return out;
}

}  // namespace carta::plot
