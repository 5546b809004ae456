#include "carta/core/csv.h"

#include <algorithm>

#include "carta/core/text.h"

namespace carta {

int CsvTable::Column(const std::string& name) const {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

namespace {

// The most data rows one CSV input may hold (the inputs of meta, surv,
// series, reconstruct, the registry's ChiCTR export): beyond it the file is
// refused at the first row over, before more is held (doc/reliability.md).
constexpr size_t kMaxCsvRows = 1'000'000;

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text, const std::string& file) {
  if (text::StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTable t;
  std::vector<std::string> fields;
  std::string field;
  bool in_quotes = false, field_quoted = false, row_has_content = false;
  int line = 1, row_line = 1;
  auto fail = [&](int at, const std::string& msg) { return Status::InvalidArgument(file + ":" + std::to_string(at) + ": " + msg); };
  auto end_field = [&]() {
    fields.push_back(field_quoted ? field : std::string(text::Trim(field)));
    field.clear();
    field_quoted = false;
  };
  auto end_row = [&]() -> Status {
    end_field();
    bool blank = !row_has_content;
    if (!blank) {
      if (t.header.empty()) {
        for (auto& h : fields) {
          std::string name = text::ToLower(text::Trim(h));
          if (name.empty()) return fail(row_line, "an empty column name in the header");
          if (std::find(t.header.begin(), t.header.end(), name) != t.header.end()) {
            return fail(row_line, "column '" + name + "' appears twice in the header");
          }
          t.header.push_back(name);
        }
      } else {
        if (fields.size() != t.header.size()) {
          return fail(row_line, "expected " + std::to_string(t.header.size()) + " fields (" + text::Join(t.header, ",") +
                                    "), found " + std::to_string(fields.size()));
        }
        if (t.rows.size() == kMaxCsvRows) {
          return fail(row_line, "more than " + std::to_string(kMaxCsvRows) +
                                    " data rows; carta reads at most that many from one CSV file (split it)");
        }
        t.rows.push_back(fields);
        t.lines.push_back(row_line);
      }
    }
    fields.clear();
    row_has_content = false;
    return Status::Ok();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && text::Trim(field).empty()) {
      in_quotes = true;
      field_quoted = true;
      field.clear();
      row_has_content = true;
    } else if (c == ',') {
      end_field();
      row_has_content = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (Status s = end_row(); !s.ok()) return s;
      ++line;
      row_line = line;
    } else {
      if (c != ' ' && c != '\t') row_has_content = true;
      field += c;
    }
  }
  if (in_quotes) return fail(row_line, "a quoted field is not closed");
  if (Status s = end_row(); !s.ok()) return s;
  if (t.header.empty()) return Status::InvalidArgument(file + ": no header row");
  return t;
}

std::string CsvField(std::string_view s) {
  const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += CsvField(fields[i]);
  }
  return line + "\n";
}

}  // namespace carta
