// A listing: rows of named cells, the shape of every tabular result (products,
// cohorts, findings, grades, records). One structure with two encodings here
// (JSON, an array of objects with the columns' keys in order; CSV, a header of
// the keys and one line per row); front ends add their own (the command's
// aligned text table).
#ifndef CARTA_API_LISTING_H_
#define CARTA_API_LISTING_H_

#include <string>
#include <vector>

#include "carta/api/json.h"

namespace carta::api {

struct Column {
  std::string key;     // JSON key and CSV header
  std::string header;  // a text table's header
  int max_width = 0;   // a text table's wrapping width (0: no limit)
  int significant = 0; // a text table shows fractional numbers with this many significant digits (0: all)
};

class Listing {
 public:
  explicit Listing(std::vector<Column> columns) : columns_(std::move(columns)) {}
  // REQUIRES: row.size() == columns().size(). Cells are strings, numbers,
  // null or arrays of these.
  void Add(std::vector<Json> row);

  size_t size() const { return rows_.size(); }
  const std::vector<Column>& columns() const { return columns_; }
  const std::vector<std::vector<Json>>& rows() const { return rows_; }

  // An array with one object per row, keys in column order.
  Json ToJson() const;
  // The header line and one line per row (arrays joined by ", ", null empty).
  std::string ToCsv() const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<Json>> rows_;
};

// A cell as plain text: strings unquoted, numbers as JSON writes them, arrays
// joined with ", ", null as "".
std::string CellText(const Json& v);

}  // namespace carta::api

#endif  // CARTA_API_LISTING_H_
