#include "carta/plot/prisma.h"

#include <algorithm>
#include <array>

#include "carta/plot/svg.h"

namespace carta::plot {
namespace {

constexpr double kPad = 8;        // px inside a box
constexpr double kRowGap = 30;    // px between rows, where the arrows run
constexpr double kColumnGap = 56; // px between the main column and the side column

// A box's text as drawn: wrapped heading lines, then wrapped item lines.
struct BoxText {
  std::vector<std::string> heading, items;
  size_t Lines() const { return heading.size() + items.size(); }
};

BoxText Wrap(const FlowBox& box, double width_px, double fs) {
  BoxText t;
  const double inner = width_px - 2 * kPad;
  if (!box.heading.empty()) t.heading = WrapText(box.heading, inner, fs);
  for (const std::string& line : box.lines) {
    for (std::string& part : WrapText(line, inner - fs, fs)) t.items.push_back(std::move(part));
  }
  return t;
}

double Height(const BoxText& t, double fs) { return 2 * kPad + static_cast<double>(std::max<size_t>(t.Lines(), 1)) * 1.35 * fs; }

// The flattened text of a box, for its tooltip.
std::string Tooltip(const FlowBox& box) {
  std::string s = box.heading;
  for (const std::string& line : box.lines) s += (s.empty() ? "" : " ") + line;
  return s;
}

void DrawBox(SvgDocument* doc, const std::string& name, const FlowBox& box, const BoxText& t, double x, double y,
             double w, double fs) {
  doc->BeginGroup("box-" + name);
  doc->Title(Tooltip(box));
  doc->Rect(x, y, w, Height(t, fs), {.cls = "box", .fill = "#fff", .stroke = "#000", .stroke_width = 1});
  double ty = y + kPad + fs;
  for (const std::string& line : t.heading) {
    doc->Text(x + kPad, ty, line, {.size = fs, .cls = "box-heading"});
    ty += 1.35 * fs;
  }
  for (const std::string& line : t.items) {
    doc->Text(x + kPad + (t.heading.empty() ? 0 : fs), ty, line, {.size = fs, .cls = "box-line"});
    ty += 1.35 * fs;
  }
  doc->EndGroup();
}

// An arrow from (x1, y1) to (x2, y2), axis-parallel, with a filled head.
void Arrow(SvgDocument* doc, double x1, double y1, double x2, double y2) {
  const double head = 7;
  const double dx = x2 > x1 ? 1 : x2 < x1 ? -1 : 0, dy = y2 > y1 ? 1 : y2 < y1 ? -1 : 0;
  doc->Line(x1, y1, x2 - dx * head, y2 - dy * head, {.cls = "arrow", .stroke = "#000", .stroke_width = 1.2});
  doc->Polygon({{x2, y2},
                {x2 - dx * head - dy * head / 2, y2 - dy * head - dx * head / 2},
                {x2 - dx * head + dy * head / 2, y2 - dy * head + dx * head / 2}},
               {.cls = "arrowhead", .fill = "#000"});
}

void Phase(SvgDocument* doc, const std::string& label, double x, double y_top, double y_bottom, double w, double fs) {
  doc->Rect(x, y_top, w, y_bottom - y_top, {.cls = "phase", .fill = "#a4c2f4", .stroke = "#6d8fc7", .stroke_width = 1, .rx = 6});
  doc->Text(x + w / 2 + 0.35 * fs, (y_top + y_bottom) / 2, label,
            {.size = fs, .anchor = Anchor::kMiddle, .bold = true, .cls = "phase-label", .rotate = -90});
}

}  // namespace

std::string PrismaDiagram(const PrismaSpec& spec) {
  const double fs = spec.font_size_px, w = spec.box_width_px;
  const std::array<const FlowBox*, 5> main = {&spec.identified, &spec.screened, &spec.sought, &spec.assessed,
                                              &spec.included};
  const std::array<const FlowBox*, 4> side = {&spec.removed, &spec.excluded, &spec.not_retrieved,
                                              &spec.reports_excluded};
  static const std::array<const char*, 5> kMainNames = {"identified", "screened", "sought", "assessed", "included"};
  static const std::array<const char*, 4> kSideNames = {"removed", "excluded", "not-retrieved", "reports-excluded"};

  const double x_phase = 12, phase_w = 1.9 * fs + 8;
  const double x_main = x_phase + phase_w + 16, x_side = x_main + w + kColumnGap;
  double y = 12;
  SvgDocument doc(100, 100, spec.title.empty() ? spec.banner : spec.title);
  if (!spec.title.empty()) {
    doc.Text(x_phase, y + 1.3 * fs, spec.title, {.size = fs * 1.3, .bold = true, .cls = "title"});
    y += 2.4 * fs;
  }
  if (!spec.banner.empty()) {
    const double bh = 2.2 * fs;
    doc.Rect(x_main, y, x_side + w - x_main, bh, {.cls = "banner", .fill = "#ffd966", .stroke = "#bf9000", .stroke_width = 1, .rx = 6});
    doc.Text((x_main + x_side + w) / 2, y + bh / 2 + 0.35 * fs, spec.banner,
             {.size = fs, .anchor = Anchor::kMiddle, .bold = true, .cls = "banner-label"});
    y += bh + 14;
  }
  std::array<double, 5> row_top{}, row_bottom{};
  std::array<double, 5> main_top{}, main_bottom{};
  for (size_t r = 0; r < main.size(); ++r) {
    const BoxText mt = Wrap(*main[r], w, fs);
    const double mh = Height(mt, fs);
    double row_h = mh;
    // The rotated labels of the one-row phases need the row to be as tall as they are long.
    if (r == 0) row_h = std::max(row_h, 1.15 * TextWidth(spec.phase_identification, fs) + 16);
    if (r == 4) row_h = std::max(row_h, 1.15 * TextWidth(spec.phase_included, fs) + 16);
    BoxText st;
    if (r < side.size()) st = Wrap(*side[r], w, fs), row_h = std::max(row_h, Height(st, fs));
    const double yc = y + row_h / 2;
    row_top[r] = y, row_bottom[r] = y + row_h;
    main_top[r] = yc - mh / 2, main_bottom[r] = yc + mh / 2;
    DrawBox(&doc, kMainNames[r], *main[r], mt, x_main, main_top[r], w, fs);
    if (r < side.size()) {
      DrawBox(&doc, kSideNames[r], *side[r], st, x_side, yc - Height(st, fs) / 2, w, fs);
      Arrow(&doc, x_main + w, yc, x_side, yc);
    }
    if (r > 0) Arrow(&doc, x_main + w / 2, main_bottom[r - 1], x_main + w / 2, main_top[r]);
    y += row_h + kRowGap;
  }
  Phase(&doc, spec.phase_identification, x_phase, row_top[0], row_bottom[0], phase_w, fs);
  Phase(&doc, spec.phase_screening, x_phase, row_top[1], row_bottom[3], phase_w, fs);
  Phase(&doc, spec.phase_included, x_phase, row_top[4], row_bottom[4], phase_w, fs);
  const double title_w = spec.title.empty() ? 0 : x_phase + 1.12 * TextWidth(spec.title, fs * 1.3);
  doc.SetSize(std::max(x_side + w + 12, title_w + 12), y - kRowGap + 12);
  return doc.Finish();
}

}  // namespace carta::plot
