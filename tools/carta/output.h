// Listings printed as a table, JSON or CSV: one structure, three encoders.
#ifndef CARTA_TOOLS_OUTPUT_H_
#define CARTA_TOOLS_OUTPUT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace carta::cli {

enum class Format { kTable, kJson, kCsv };

struct Column {
  std::string key;     // JSON key and CSV header
  std::string header;  // table header
  int max_width = 0;   // table only: wrap longer cells (0: no limit)
};

class Listing {
 public:
  explicit Listing(std::vector<Column> columns) : columns_(std::move(columns)) {}
  // REQUIRES: row.size() == number of columns. Arrays print as "a, b" in
  // tables and CSV; null prints as "".
  void Add(std::vector<nlohmann::json> row);
  size_t size() const { return rows_.size(); }
  void Print(std::ostream& out, Format format) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<nlohmann::json>> rows_;
};

// A cell as plain text: strings unquoted, numbers as JSON writes them,
// arrays joined with ", ", null as "".
std::string CellText(const nlohmann::json& v);

// A number for JSON output: null when it is NaN or infinite.
nlohmann::json JsonNumber(double v);
// `v` with `decimals` decimals, or "NA" when it is not finite.
std::string Fixed(double v, int decimals);
// A p-value as metafor prints it: "<.0001" below 1e-4, else four decimals.
std::string PValue(double p);

class Listing;
// The JSON array a listing prints with --format json.
std::string DumpJsonOf(const Listing& l);

// JSON text of `j`, indented; invalid UTF-8 in strings becomes U+FFFD instead of an exception.
std::string DumpJson(const nlohmann::json& j);

// CSV field quoting (RFC 4180).
std::string CsvField(const std::string& s);

// Pads `s` with spaces to `width` terminal columns (CJK counts two).
std::string PadRight(const std::string& s, int width);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_OUTPUT_H_
