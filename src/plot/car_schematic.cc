#include "carta/plot/car_schematic.h"

#include <algorithm>

#include "carta/plot/svg.h"

namespace carta::plot {
namespace {

// Vertical layout of every column, px from the top of the drawing area.
struct Rows {
  double heading, binder_top, hinge_top, membrane_top, membrane_bottom, inside_top;
};

constexpr double kBinderH = 34, kHingeH = 30, kMembraneH = 26, kDomainH = 24, kSignalH = 46;

// A fixed colour per domain family, so a domain looks the same in every column.
std::string DomainColour(const std::string& name) {
  if (name.find("CD28") != std::string::npos) return "#9fc5e8";
  if (name.find("4-1BB") != std::string::npos || name.find("41BB") != std::string::npos) return "#b6d7a8";
  if (name.find("OX40") != std::string::npos) return "#d5a6bd";
  if (name.find("ICOS") != std::string::npos) return "#ffe599";
  return "#cccccc";
}

void DrawBinder(SvgDocument* doc, const CarSketch& c, double cx, double top, double fs) {
  if (c.binder == "scFv") {
    doc->Rect(cx - 36, top, 34, kBinderH, {.cls = "binder", .fill = "#f4cccc", .stroke = "#990000", .stroke_width = 1, .rx = 12});
    doc->Rect(cx + 2, top, 34, kBinderH, {.cls = "binder", .fill = "#f4cccc", .stroke = "#990000", .stroke_width = 1, .rx = 12});
    doc->Text(cx - 19, top + kBinderH / 2 + 0.35 * fs * 0.85, "VH", {.size = fs * 0.85, .anchor = Anchor::kMiddle});
    doc->Text(cx + 19, top + kBinderH / 2 + 0.35 * fs * 0.85, "VL", {.size = fs * 0.85, .anchor = Anchor::kMiddle});
  } else {
    doc->Rect(cx - 24, top, 48, kBinderH, {.cls = "binder", .fill = "#f4cccc", .stroke = "#990000", .stroke_width = 1, .rx = 12});
  }
  doc->Text(cx + 42, top + kBinderH / 2 + 0.35 * fs, c.binder, {.size = fs, .cls = "domain-label"});
}

// Draws one receptor centred at cx; returns the y of its lowest mark.
double DrawConstruct(SvgDocument* doc, const CarSketch& c, double cx, double col, const Rows& r, double fs) {
  doc->BeginGroup("construct");
  doc->Title(c.heading);
  doc->Text(cx, r.heading, c.heading, {.size = fs * 1.05, .anchor = Anchor::kMiddle, .bold = true, .cls = "construct-heading"});
  DrawBinder(doc, c, cx, r.binder_top, fs);
  doc->Rect(cx - 3, r.hinge_top, 6, kHingeH, {.cls = "hinge", .fill = "#666", .rx = 2});
  if (!c.hinge.empty()) doc->Text(cx + 8, r.hinge_top + kHingeH / 2 + 0.35 * fs * 0.85, c.hinge, {.size = fs * 0.85, .cls = "domain-label"});
  doc->Rect(cx - 6, r.membrane_top - 2, 12, kMembraneH + 4, {.cls = "tm", .fill = "#444", .rx = 2});
  if (!c.transmembrane.empty()) {
    doc->Text(cx + 10, r.membrane_top + kMembraneH / 2 + 0.35 * fs * 0.85, c.transmembrane, {.size = fs * 0.85, .cls = "domain-label"});
  }
  double y = r.inside_top;
  for (const std::string& d : c.costim) {
    doc->Rect(cx - 34, y, 68, kDomainH, {.cls = "costim", .fill = DomainColour(d), .stroke = "#333", .stroke_width = 1, .rx = 5});
    doc->Text(cx, y + kDomainH / 2 + 0.35 * fs, d, {.size = fs, .anchor = Anchor::kMiddle, .cls = "domain-label"});
    y += kDomainH + 4;
  }
  doc->Rect(cx - 20, y, 40, kSignalH, {.cls = "signal", .fill = "#f9cb9c", .stroke = "#b45f06", .stroke_width = 1, .rx = 5});
  for (int i = 0; i < 3; ++i) {
    doc->Rect(cx - 14, y + 8 + i * 12, 28, 5, {.cls = "itam", .fill = "#b45f06"});
  }
  doc->Text(cx + 26, y + kSignalH / 2 + 0.35 * fs, c.signal, {.size = fs, .cls = "domain-label"});
  y += kSignalH + 6;
  // Secreted payloads: released dots left of the signalling domain, named below them.
  double py = y - kSignalH - 2;
  for (const std::string& p : c.payloads) {
    for (int i = 0; i < 3; ++i) {
      doc->Circle(cx - 58 + i * 10, py + 8 + (i % 2) * 7, 3.5, {.cls = "payload", .fill = "#6aa84f"});
    }
    doc->Text(cx - 48, py + 30, p, {.size = fs * 0.9, .anchor = Anchor::kMiddle, .bold = true, .fill = "#38761d", .cls = "payload-label"});
    py += 34;
  }
  for (const std::string& s : c.switches) {
    y += 1.3 * fs;
    doc->Text(cx, y, s, {.size = fs * 0.9, .anchor = Anchor::kMiddle, .fill = "#a61c00", .cls = "switch"});
  }
  for (const std::string& e : c.edits) {
    y += 1.3 * fs;
    doc->Text(cx, y, e, {.size = fs * 0.9, .anchor = Anchor::kMiddle, .bold = true, .fill = "#351c75", .cls = "edit"});
  }
  for (const std::string& line : WrapText(c.caption, col - 12, fs * 0.85)) {
    if (line.empty()) continue;
    y += 1.25 * fs;
    doc->Text(cx, y, line, {.size = fs * 0.85, .anchor = Anchor::kMiddle, .italic = true, .cls = "construct-caption"});
  }
  doc->EndGroup();
  return y;
}

}  // namespace

std::string CarSchematic(const CarSchematicSpec& spec) {
  const double fs = spec.font_size_px, col = spec.column_width_px;
  // The region labels take a margin left of the first column.
  const double label_w = 24 + std::max({TextWidth(spec.outside_label, fs * 0.9), TextWidth(spec.membrane_label, fs * 0.85),
                                        TextWidth(spec.inside_label, fs * 0.9)});
  double top = 12;
  SvgDocument doc(100, 100, spec.title.empty() ? "CAR generations" : spec.title);
  if (!spec.title.empty()) {
    doc.Text(12, top + 1.3 * fs, spec.title, {.size = fs * 1.3, .bold = true, .cls = "title"});
    top += 2.4 * fs;
  }
  Rows r{};
  r.heading = top + 1.8 * fs;
  r.binder_top = r.heading + 0.9 * fs + 2.2 * fs;
  r.hinge_top = r.binder_top + kBinderH;
  r.membrane_top = r.hinge_top + kHingeH;
  r.membrane_bottom = r.membrane_top + kMembraneH;
  r.inside_top = r.membrane_bottom + 4;
  const double n = static_cast<double>(std::max<size_t>(spec.constructs.size(), 1));
  const double x0 = label_w, width = x0 + col * n + 12;
  doc.Text(12, r.heading + 1.3 * fs, spec.outside_label, {.size = fs * 0.9, .italic = true, .fill = "#555", .cls = "region-label"});
  doc.Rect(12, r.membrane_top, x0 - 12 + col * n, kMembraneH,
           {.cls = "membrane", .fill = "#fce5cd", .stroke = "#e69138", .stroke_width = 1});
  doc.Text(18, r.membrane_top + kMembraneH / 2 + 0.35 * fs * 0.85, spec.membrane_label,
           {.size = fs * 0.85, .fill = "#7f3f00", .cls = "region-label"});
  double bottom = r.membrane_bottom;
  for (size_t i = 0; i < spec.constructs.size(); ++i) {
    const double cx = x0 + col * (static_cast<double>(i) + 0.5);
    bottom = std::max(bottom, DrawConstruct(&doc, spec.constructs[i], cx, col, r, fs));
  }
  doc.Text(12, r.inside_top + 1.3 * fs, spec.inside_label, {.size = fs * 0.9, .italic = true, .fill = "#555", .cls = "region-label"});
  const double title_w = spec.title.empty() ? 0 : 24 + 1.12 * TextWidth(spec.title, fs * 1.3);
  doc.SetSize(std::max(width, title_w), bottom + 16);
  return doc.Finish();
}

}  // namespace carta::plot
