#include "carta/api/listing.h"

#include <cassert>

#include "carta/core/csv.h"
#include "carta/core/text.h"

namespace carta::api {

void Listing::Add(std::vector<Json> row) {
  assert(row.size() == columns_.size() && "a row needs one cell per column");
  rows_.push_back(std::move(row));
}

Json Listing::ToJson() const {
  Json arr = Json::array();
  for (const auto& row : rows_) {
    Json obj = Json::object();
    for (size_t i = 0; i < columns_.size(); ++i) obj[columns_[i].key] = row[i];
    arr.push_back(std::move(obj));
  }
  return arr;
}

std::string Listing::ToCsv() const {
  std::vector<std::string> fields;
  for (const Column& c : columns_) fields.push_back(c.key);
  std::string out = CsvLine(fields);
  for (const auto& row : rows_) {
    fields.clear();
    for (const Json& cell : row) fields.push_back(CellText(cell));
    out += CsvLine(fields);
  }
  return out;
}

std::string CellText(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::vector<std::string> parts;
    for (const auto& x : v) parts.push_back(CellText(x));
    return text::Join(parts, ", ");
  }
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace carta::api
