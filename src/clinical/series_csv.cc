// The daily-record CSV of series.h: one row per patient and assessment.
#include "carta/clinical/series.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string>

#include "carta/clinical/units.h"
#include "carta/core/csv.h"
#include "carta/core/text.h"
#include "names.h"

namespace carta::clinical {

namespace {

// Filling any of these makes the row a CRS (ICANS) assessment.
constexpr std::array<const char*, 5> kCrsColumns = {"temp_c", "temp_f", "hypotension", "hypoxia", "oxygen_l_min"};
constexpr std::array<const char*, 6> kIcansColumns = {"ice", "capd", "consciousness", "seizure", "motor", "icp"};
constexpr std::array<const char*, 10> kOtherColumns = {
    "patient", "day", "after_anticytokine", "age", "developmental_delay", "death", "note", "notes", "comment", "comments"};

Status CheckHeader(const CsvTable& t, const std::string& file) {
  std::vector<std::string> known(kCrsColumns.begin(), kCrsColumns.end());
  known.insert(known.end(), kIcansColumns.begin(), kIcansColumns.end());
  known.insert(known.end(), kOtherColumns.begin(), kOtherColumns.end());
  for (const auto& h : t.header) {
    if (std::find(known.begin(), known.end(), h) != known.end()) continue;
    Status unknown = internal::UnknownName("column", h, known);
    return Status::InvalidArgument(file + ":1: " + unknown.message()).WithLocation({file, 1, 0, h});
  }
  for (const char* required : {"patient", "day"}) {
    if (t.Column(required) < 0) {
      return Status::InvalidArgument(file + ":1: missing column '" + std::string(required) + "'")
          .WithLocation({file, 1, 0, required});
    }
  }
  if (t.Column("temp_c") >= 0 && t.Column("temp_f") >= 0) {
    return Status::InvalidArgument(file + ":1: give temp_c or temp_f, not both").WithLocation({file, 1, 0, "temp_f"});
  }
  return Status::Ok();
}

// One row's cells by column name, and errors that say where.
class Row {
 public:
  Row(const CsvTable& t, size_t row, const std::string& file) : t_(t), row_(row), file_(file) {}

  std::string Cell(const char* column) const {
    const int c = t_.Column(column);
    return c < 0 ? "" : t_.rows[row_][c];
  }
  bool AnyFilled(std::span<const char* const> columns) const {
    for (const char* c : columns) {
      if (!Cell(c).empty()) return true;
    }
    return false;
  }
  std::string Where() const { return file_ + ":" + std::to_string(t_.lines[row_]); }
  SourceLocation Location() const { return {file_, t_.lines[row_], 0, ""}; }
  Status Error(const char* column, const std::string& msg) const {
    return Status::InvalidArgument(Where() + ": column '" + column + "': " + msg)
        .WithLocation({file_, t_.lines[row_], 0, column});
  }

  Result<double> Number(const char* column) const {
    const auto d = text::ParseDecimal(Cell(column));
    if (!d) return Error(column, "'" + Cell(column) + "' is not a number");
    return d->value;
  }
  Result<int> Whole(const char* column) const {
    const auto d = text::ParseDecimal(Cell(column));
    if (!d || d->decimals > 0 || std::abs(d->value) > 1e6) {
      return Error(column, "'" + Cell(column) + "' is not a whole number");
    }
    return static_cast<int>(d->value);
  }
  Result<bool> YesNo(const char* column) const {
    const std::string v = internal::NormalizeName(Cell(column));
    if (v.empty() || v == "no" || v == "n" || v == "false" || v == "0") return false;
    if (v == "yes" || v == "y" || v == "true" || v == "1") return true;
    return Error(column, "'" + Cell(column) + "' is not yes or no");
  }
  // An enumerated cell through its parser; empty cells keep `*out`.
  template <typename E>
  Status Name(const char* column, Result<E> (*parse)(std::string_view), E* out) const {
    if (Cell(column).empty()) return Status::Ok();
    auto r = parse(Cell(column));
    if (!r.ok()) return Error(column, r.status().message());
    *out = *r;
    return Status::Ok();
  }

 private:
  const CsvTable& t_;
  size_t row_;
  const std::string& file_;
};

Result<CrsInput> ReadCrs(const Row& row) {
  CrsInput in;
  for (const char* col : {"temp_c", "temp_f"}) {
    if (row.Cell(col).empty()) continue;
    auto t = row.Number(col);
    if (!t.ok()) return t.status();
    in.temp_c = std::string(col) == "temp_f" ? FahrenheitToCelsius(*t) : *t;
  }
  if (!row.Cell("oxygen_l_min").empty()) {
    auto flow = row.Number("oxygen_l_min");
    if (!flow.ok()) return flow.status();
    in.oxygen_flow_l_min = *flow;
  }
  auto after = row.YesNo("after_anticytokine");
  if (!after.ok()) return after.status();
  in.after_anticytokine = *after;
  Status s = row.Name("hypotension", ParseHypotension, &in.hypotension);
  if (s.ok()) s = row.Name("hypoxia", ParseOxygenSupport, &in.oxygen);
  if (!s.ok()) return s;
  return in;
}

Result<IcansInput> ReadIcans(const Row& row) {
  IcansInput in;
  for (const char* col : {"ice", "capd"}) {
    if (row.Cell(col).empty()) continue;
    auto v = row.Whole(col);
    if (!v.ok()) return v.status();
    (std::string(col) == "ice" ? in.ice : in.capd) = *v;
  }
  if (!row.Cell("age").empty()) {
    auto age = row.Number("age");
    if (!age.ok()) return age.status();
    in.age_years = *age;
  }
  auto delay = row.YesNo("developmental_delay");
  if (!delay.ok()) return delay.status();
  in.developmental_delay = *delay;
  Status s = row.Name("consciousness", ParseConsciousness, &in.consciousness);
  if (s.ok()) s = row.Name("seizure", ParseSeizure, &in.seizure);
  if (s.ok()) s = row.Name("motor", ParseMotorFinding, &in.motor);
  if (s.ok()) s = row.Name("icp", ParseIcpFinding, &in.icp);
  if (!s.ok()) return s;
  return in;
}

Result<DailyRecord> ReadRecord(const Row& row) {
  DailyRecord rec;
  rec.source = row.Where();
  rec.location = row.Location();
  rec.patient = row.Cell("patient");
  if (rec.patient.empty()) return row.Error("patient", "is empty");
  if (row.Cell("day").empty()) return row.Error("day", "is empty");
  auto day = row.Whole("day");
  if (!day.ok()) return day.status();
  rec.day = *day;
  const std::string death = internal::NormalizeName(row.Cell("death"));
  if (!death.empty() && death != "none" && death != "crs" && death != "icans") {
    return row.Error("death", "'" + row.Cell("death") + "' is not none, crs or icans");
  }
  if (row.AnyFilled(kCrsColumns) || death == "crs") {
    auto crs = ReadCrs(row);
    if (!crs.ok()) return crs.status();
    rec.crs = *crs;
    rec.crs->died_of_crs = death == "crs";
  }
  if (row.AnyFilled(kIcansColumns) || death == "icans") {
    auto icans = ReadIcans(row);
    if (!icans.ok()) return icans.status();
    rec.icans = *icans;
    rec.icans->died_of_icans = death == "icans";
  }
  return rec;
}

}  // namespace

Result<std::vector<DailyRecord>> ParseDailyCsv(std::string_view text, const std::string& file) {
  auto table = ParseCsv(text, file);
  if (!table.ok()) return table.status();
  Status s = CheckHeader(*table, file);
  if (!s.ok()) return s;
  std::vector<DailyRecord> records;
  for (size_t i = 0; i < table->rows.size(); ++i) {
    auto rec = ReadRecord(Row(*table, i, file));
    if (!rec.ok()) return rec.status();
    records.push_back(std::move(*rec));
  }
  if (records.empty()) return Status::InvalidArgument(file + ": no records after the header").WithLocation({file, 0, 0, ""});
  return records;
}

}  // namespace carta::clinical
