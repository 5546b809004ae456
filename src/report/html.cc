// The report page: inline CSS and SVG, no scripts, nothing fetched.
#include <string>

#include "document.h"
#include "strings.h"

namespace carta::report::internal {
namespace {

// Print-friendly, journal-like: serif body, sans-serif tables, figures centred.
constexpr const char* kCss = R"(
body { font-family: "Noto Serif", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, Georgia, serif;
       max-width: 1100px; margin: 2em auto; padding: 0 1.5em; color: #111; line-height: 1.5; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #999; padding-bottom: 0.2em; margin-top: 2.2em; }
nav ol { columns: 2; font-size: 0.95em; }
.summary { color: #333; }
table { border-collapse: collapse; margin: 0.8em 0; font-family: "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC",
        "PingFang SC", "Microsoft YaHei", Arial, sans-serif; font-size: 0.85em; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.4em; font-size: 1.05em; }
thead th { border-top: 2px solid #000; border-bottom: 1px solid #000; text-align: left; padding: 0.3em 0.6em; }
tbody td { padding: 0.25em 0.6em; vertical-align: top; }
tbody tr:last-child td { border-bottom: 2px solid #000; }
figure { margin: 1.5em 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
.note { font-size: 0.85em; color: #444; }
.command { font-size: 0.85em; color: #333; }
.command code { background: #f3f3f3; padding: 0.1em 0.35em; border-radius: 3px; }
.files { font-size: 0.85em; }
)";

std::string CommandHtml(Language lang, const std::string& command, const std::string& file) {
  std::string out;
  if (!command.empty()) {
    out += "<p class=\"command\">" + EscapeHtml(Tr(lang, "reproduce")) + " <code>" + EscapeHtml(command) + "</code></p>\n";
  }
  if (!file.empty()) {
    out += "<p class=\"files\">" + EscapeHtml(Tr(lang, "file")) + " <a href=\"" + EscapeHtml(file) + "\">" +
           EscapeHtml(file) + "</a></p>\n";
  }
  return out;
}

std::string TableHtml(const Table& t, Language lang) {
  std::string out = "<div class=\"table\" id=\"" + EscapeHtml(t.id) + "\">\n<table data-rows=\"" +
                    std::to_string(t.rows.size()) + "\">\n<caption>" + EscapeHtml(t.caption) + "</caption>\n<thead><tr>";
  for (const auto& h : t.header) out += "<th>" + EscapeHtml(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + EscapeHtml(cell) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (!t.note.empty()) out += "<p class=\"note\">" + EscapeHtml(t.note) + "</p>\n";
  return out + CommandHtml(lang, t.command, t.file) + "</div>\n";
}

std::string FigureHtml(const Figure& f, Language lang) {
  // The SVG carries the caption as its own title (each figure is also a file of
  // its own), so the page names the figure for screen readers only.
  std::string out = "<figure id=\"" + EscapeHtml(f.id) + "\" aria-label=\"" + EscapeHtml(f.caption) + "\">\n";
  out += InlineSvg(f.svg);
  if (!f.note.empty()) out += "<p class=\"note\">" + EscapeHtml(f.note) + "</p>\n";
  return out + CommandHtml(lang, f.command, f.file) + "</figure>\n";
}

}  // namespace

// Like plot::EscapeXml but leaves apostrophes as they are: the page's
// attributes are double-quoted, and commands such as --location 'Table 3'
// stay readable in the source.
std::string EscapeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

std::string InlineSvg(const std::string& svg) {
  const size_t start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

std::string CsvOf(const Table& t) {
  auto cell = [](const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cell(cells[i]);
    return out + "\r\n";
  };
  std::string out = line(t.header);
  for (const auto& row : t.rows) out += line(row);
  return out;
}

std::string PageOf(const std::vector<Section>& sections, Language lang, const std::string& summary) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang == Language::kChinese ? "zh-CN" : "en") +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" + EscapeHtml(Tr(lang, "page.title")) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
  out += "<h1>" + EscapeHtml(Tr(lang, "page.title")) + "</h1>\n<p class=\"summary\">" + EscapeHtml(summary) + "</p>\n";
  out += "<nav><h2>" + EscapeHtml(Tr(lang, "contents")) + "</h2>\n<ol>\n";
  for (const auto& s : sections) out += "<li><a href=\"#" + EscapeHtml(s.id) + "\">" + EscapeHtml(s.heading) + "</a></li>\n";
  out += "</ol></nav>\n";
  for (const auto& s : sections) {
    out += "<section id=\"" + EscapeHtml(s.id) + "\">\n<h2>" + EscapeHtml(s.heading) + "</h2>\n";
    for (const auto& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::kText: out += "<p>" + EscapeHtml(b.text) + "</p>\n"; break;
        case Block::Kind::kTable: out += TableHtml(b.table, lang); break;
        case Block::Kind::kFigure: out += FigureHtml(b.figure, lang); break;
      }
    }
    out += "</section>\n";
  }
  out += "<footer class=\"note\"><p>" + EscapeHtml(Tr(lang, "footer")) + "</p></footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace carta::report::internal
