// A small SVG document builder for carta's figures: shapes, text and groups
// written as SVG 1.1 with every text XML-escaped, numbers written compactly
// and a font stack that falls back to CJK fonts. No renderer is needed; the
// output is a self-contained string.
#ifndef CARTA_PLOT_SVG_H_
#define CARTA_PLOT_SVG_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carta::plot {

// Latin fonts first, then CJK fonts so Chinese study names render.
inline constexpr const char* kFontStack =
    "Helvetica, Arial, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Zen Hei', sans-serif";

// The Okabe-Ito colour-blind-safe palette; series i uses kPalette[i % size].
inline constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                           "#CC79A7", "#56B4E9", "#F0E442", "#000000"};
inline constexpr int kPaletteSize = 8;

// `s` with &, <, >, " and ' replaced by their XML entities.
std::string EscapeXml(std::string_view s);

// `v` with at most `decimals` digits after the point, trailing zeros and a
// trailing point dropped, and "-0" written as "0" (1.50 -> "1.5", 2.0 -> "2").
std::string FormatNumber(double v, int decimals = 2);

// `v` with exactly `decimals` digits after the point ("0.50"), for labels.
std::string FormatFixed(double v, int decimals);

// The estimated width of `s` in px at `font_size_px`: an average Latin glyph
// is 0.56 em; wide (CJK) characters count double (text::DisplayWidth).
double TextWidth(std::string_view s, double font_size_px);

// About `target` round tick values (steps of 1, 2 or 5 x 10^k) covering
// [lo, hi]. REQUIRES: lo < hi, both finite.
std::vector<double> NiceTicks(double lo, double hi, int target = 5);

// `s` broken into lines no wider than max_width_px at font_size_px (by
// TextWidth): at spaces, and between any two CJK characters. A word longer
// than a line is kept whole on its own line. "\n" in `s` forces a break.
std::vector<std::string> WrapText(std::string_view s, double max_width_px, double font_size_px);

enum class Anchor { kStart, kMiddle, kEnd };

// How a shape is drawn; empty strings leave the attribute out (SVG defaults).
struct Style {
  std::string cls = {};           // class attribute, for tests and CSS
  std::string fill = {};          // "none", "#000", ...
  std::string stroke = {};
  double stroke_width = 0;   // px; 0 leaves it out
  std::string dash = {};          // stroke-dasharray, e.g. "4 3"
  double rx = 0;             // corner radius of a rect, px; 0 leaves it out
};

struct TextStyle {
  double size = 12;          // font size, px
  Anchor anchor = Anchor::kStart;
  bool bold = false;
  bool italic = false;
  std::string fill = {};          // "" for black
  std::string cls = {};
  double rotate = 0;         // degrees about (x, y); -90 for a vertical axis label
};

// Builds one SVG document. Coordinates are px in the viewBox, y down.
class SvgDocument {
 public:
  // REQUIRES: width_px > 0, height_px > 0. `title` becomes the document's
  // <title> (accessible name), escaped.
  SvgDocument(double width_px, double height_px, std::string title);

  // Changes the size once the layout is known (viewBox follows).
  void SetSize(double width_px, double height_px);
  double width() const { return width_px_; }
  double height() const { return height_px_; }

  void Rect(double x, double y, double w, double h, const Style& style);
  void Line(double x1, double y1, double x2, double y2, const Style& style);
  void Polyline(const std::vector<std::pair<double, double>>& points, const Style& style);
  void Polygon(const std::vector<std::pair<double, double>>& points, const Style& style);
  // `d` is path data built by the caller from FormatNumber'ed numbers.
  void Path(const std::string& d, const Style& style);
  void Circle(double cx, double cy, double r, const Style& style);
  void Text(double x, double y, std::string_view text, const TextStyle& style);

  // A <g>, closed by EndGroup; groups nest. `cls` may be "".
  void BeginGroup(std::string_view cls);
  void EndGroup();
  // A <title> for the group just opened (a tooltip); call right after BeginGroup.
  void Title(std::string_view text);

  // The finished document. REQUIRES: every group closed.
  std::string Finish() const;

 private:
  static std::string StyleAttributes(const Style& style);
  static std::string Points(const std::vector<std::pair<double, double>>& points);

  double width_px_, height_px_;
  std::string title_;
  std::string body_;
  int open_groups_ = 0;
};

}  // namespace carta::plot

#endif  // CARTA_PLOT_SVG_H_
