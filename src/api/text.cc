#include "carta/api/text.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>

#include "carta/core/text.h"

namespace carta::api {

namespace {

// Splits `s` into lines of at most `width` columns at spaces where possible.
std::vector<std::string> Wrap(const std::string& s, int width) {
  if (width <= 0 || text::DisplayWidth(s) <= width) return {s};
  std::vector<std::string> lines;
  std::string line;
  for (const auto& word : text::Split(s, ' ')) {
    std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && text::DisplayWidth(candidate) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// A cell as a text table shows it: fractional numbers rounded to the column's
// significant digits when it asks for that (JSON and CSV keep every digit).
std::string TableText(const Json& cell, const Column& column) {
  if (column.significant <= 0 || !cell.is_number_float()) return CellText(cell);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", column.significant, cell.get<double>());
  return buf;
}

}  // namespace

std::string PadRight(const std::string& s, int width) {
  int w = text::DisplayWidth(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

void Print(const Listing& l, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << Dump(l.ToJson()) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    out << l.ToCsv();
    return;
  }
  const std::vector<Column>& columns_ = l.columns();
  // Table: each cell wrapped to its column's limit; widths from the content.
  std::vector<std::vector<std::vector<std::string>>> cells;
  std::vector<int> widths(columns_.size());
  for (size_t i = 0; i < columns_.size(); ++i) widths[i] = text::DisplayWidth(columns_[i].header);
  for (const auto& row : l.rows()) {
    std::vector<std::vector<std::string>> wrapped;
    for (size_t i = 0; i < row.size(); ++i) {
      auto lines = Wrap(TableText(row[i], columns_[i]), columns_[i].max_width);
      for (const auto& l : lines) widths[i] = std::max(widths[i], text::DisplayWidth(l));
      wrapped.push_back(std::move(lines));
    }
    cells.push_back(std::move(wrapped));
  }
  auto print_line = [&](const std::vector<std::string>& parts) {
    std::string line;
    for (size_t i = 0; i < parts.size(); ++i) {
      line += i + 1 < parts.size() ? PadRight(parts[i], widths[i]) + "  " : parts[i];
    }
    out << line << "\n";
  };
  std::vector<std::string> header, rule;
  for (size_t i = 0; i < columns_.size(); ++i) {
    header.push_back(columns_[i].header);
    rule.push_back(std::string(widths[i], '-'));
  }
  print_line(header);
  print_line(rule);
  for (const auto& row : cells) {
    size_t height = 1;
    for (const auto& c : row) height = std::max(height, c.size());
    for (size_t l = 0; l < height; ++l) {
      std::vector<std::string> parts;
      for (const auto& c : row) parts.push_back(l < c.size() ? c[l] : "");
      print_line(parts);
    }
  }
}

std::string PValue(double p) { return !std::isfinite(p) ? "NA" : p < 1e-4 ? "<.0001" : text::Fixed(p, 4); }

}  // namespace carta::api
