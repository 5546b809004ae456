// Private: the report's building blocks (sections of text, tables and
// figures) and how they are written as HTML and CSV.
#ifndef CARTA_SRC_REPORT_DOCUMENT_H_
#define CARTA_SRC_REPORT_DOCUMENT_H_

#include <string>
#include <vector>

#include "carta/report/report.h"

namespace carta::report::internal {

// A table: a header row and body rows of plain text (escaped when written).
struct Table {
  std::string id;       // "table3": also the CSV's file stem with `file`
  std::string file;     // "table3_cd19.csv"
  std::string caption;  // "Table 3 | ..."
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string note;     // under the table
  std::string command;  // the carta command that prints it
};

struct Figure {
  std::string id;       // "fig4"
  std::string file;     // "fig4_cd19_response.svg"
  std::string caption;
  std::string svg;      // a standalone SVG document
  std::string note;
  std::string command;
};

struct Block {
  enum class Kind { kText, kTable, kFigure };
  Kind kind = Kind::kText;
  std::string text;
  Table table;
  Figure figure;
};

struct Section {
  std::string id;       // anchor
  std::string heading;
  std::vector<Block> blocks;

  void Text(std::string paragraph) { blocks.push_back({Block::Kind::kText, std::move(paragraph), {}, {}}); }
  void Add(Table t) { blocks.push_back({Block::Kind::kTable, "", std::move(t), {}}); }
  void Add(Figure f) { blocks.push_back({Block::Kind::kFigure, "", {}, std::move(f)}); }
};

// RFC 4180 CSV with a header row, "\r\n" line ends as the RFC has them.
std::string CsvOf(const Table& t);

// The page: title, summary, a contents list, every section; inline CSS and
// inline SVG, nothing fetched.
std::string PageOf(const std::vector<Section>& sections, Language lang, const std::string& summary);

// `svg` without its XML declaration, for inlining in HTML.
std::string InlineSvg(const std::string& svg);

std::string EscapeHtml(std::string_view s);

}  // namespace carta::report::internal

#endif  // CARTA_SRC_REPORT_DOCUMENT_H_
