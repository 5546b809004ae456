#include "carta/plot/svg.h"

#include <algorithm>
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
  std::string s = text::Fixed(v, decimals);
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

namespace {

// The UTF-8 characters of `s`, each as a string.
std::vector<std::string> Characters(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.emplace_back(s.substr(i, std::min(n, s.size() - i)));
    i += n;
  }
  return out;
}

// True for a character that may end a line by itself: CJK ideographs and
// punctuation (three-byte UTF-8 at or above U+2E80).
bool BreaksAnywhere(const std::string& ch) {
  return ch.size() >= 3 && (static_cast<unsigned char>(ch[0]) > 0xE2 ||
                            (static_cast<unsigned char>(ch[0]) == 0xE2 && static_cast<unsigned char>(ch[1]) >= 0xBA));
}

// Splits one paragraph (no "\n") into break units: words with their trailing
// space, and single CJK characters.
std::vector<std::string> BreakUnits(std::string_view s) {
  std::vector<std::string> units;
  std::string word;
  for (const std::string& ch : Characters(s)) {
    if (BreaksAnywhere(ch)) {
      if (!word.empty()) units.push_back(std::move(word)), word.clear();
      units.push_back(ch);
    } else {
      word += ch;
      if (ch == " ") units.push_back(std::move(word)), word.clear();
    }
  }
  if (!word.empty()) units.push_back(std::move(word));
  return units;
}

}  // namespace

std::vector<std::string> WrapText(std::string_view s, double max_width_px, double font_size_px) {
  std::vector<std::string> lines;
  for (const std::string& paragraph : text::Split(s, '\n')) {
    std::string line;
    for (const std::string& unit : BreakUnits(paragraph)) {
      const std::string candidate = line + unit;
      if (!line.empty() && TextWidth(text::Trim(candidate), font_size_px) > max_width_px) {
        lines.emplace_back(text::Trim(line));
        line = unit == " " ? "" : unit;
      } else {
        line = candidate;
      }
    }
    lines.emplace_back(text::Trim(line));
  }
  return lines;
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
  if (style.rx > 0) a += " rx=\"" + FormatNumber(style.rx) + "\"";
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
