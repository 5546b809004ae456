// CSV input (RFC 4180): a header row, then records; quoted fields may hold
// commas, quotes ("") and line breaks. Parsed from a string so tests feed text.
#ifndef CARTA_CORE_CSV_H_
#define CARTA_CORE_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta {

struct CsvTable {
  std::vector<std::string> header;             // trimmed, lower-cased column names
  std::vector<std::vector<std::string>> rows;  // trimmed fields; every row as wide as the header
  std::vector<int> lines;                      // the 1-based line each row starts on

  // The index of column `name`, or -1.
  int Column(const std::string& name) const;
};

// Fails with "file:line: message" on an unterminated quote, a row with the
// wrong number of fields, an empty or duplicate column name, or no header.
// Blank lines are skipped; a UTF-8 BOM is ignored.
Result<CsvTable> ParseCsv(std::string_view text, const std::string& file);

// CSV output (RFC 4180), the one writer every module and front end uses: a
// field is quoted when it holds a comma, a quote, a line break, or leading or
// trailing spaces (which readers would trim); quotes inside are doubled.
std::string CsvField(std::string_view s);

// The fields joined by commas, each through CsvField, ending in "\n".
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace carta

#endif  // CARTA_CORE_CSV_H_
