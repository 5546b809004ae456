#include "carta/survival/data.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "carta/core/csv.h"
#include "carta/core/text.h"

namespace carta::survival {

long SurvData::Events() const {
  long d = 0;
  for (int e : event) d += e;
  return d;
}

Result<double> ParseCell(const std::string& cell, const std::string& where, const std::string& column) {
  // Strict form: [sign] digits [. digits] [e [sign] digits], or [sign] . digits; then strtod, which
  // rounds correctly ("0.1364" is the double nearest 0.1364). strtod alone would also take
  // "nan", "inf", hex and leading blanks, which are refused.
  size_t i = 0, digits = 0;
  auto run = [&]() {
    size_t n = 0;
    while (i < cell.size() && cell[i] >= '0' && cell[i] <= '9') ++i, ++n;
    return n;
  };
  if (i < cell.size() && (cell[i] == '+' || cell[i] == '-')) ++i;
  digits += run();
  if (i < cell.size() && cell[i] == '.') ++i, digits += run();
  bool ok = digits > 0;
  if (ok && i < cell.size() && (cell[i] == 'e' || cell[i] == 'E')) {
    ++i;
    if (i < cell.size() && (cell[i] == '+' || cell[i] == '-')) ++i;
    ok = run() > 0;
  }
  const double v = ok && i == cell.size() ? std::strtod(cell.c_str(), nullptr) : NAN;
  if (!std::isfinite(v)) return Status::InvalidArgument(where + ": column '" + column + "': '" + cell + "' is not a number");
  return v;
}

namespace {

Status CheckRow(const SurvData& d, size_t i, const std::string& where) {
  if (!std::isfinite(d.time[i]) || d.time[i] < 0) {
    return Status::InvalidArgument(where + ": column 'time': a follow-up time must be a finite number >= 0");
  }
  if (d.event[i] != 0 && d.event[i] != 1) {
    return Status::InvalidArgument(where + ": column 'event': expected 1 (event) or 0 (censored)");
  }
  if (!d.bhazard.empty() && (!std::isfinite(d.bhazard[i]) || d.bhazard[i] < 0)) {
    return Status::InvalidArgument(where + ": column 'bhazard': a background hazard must be a finite number >= 0");
  }
  return Status::Ok();
}

}  // namespace

Result<SurvData> ParseSurvCsv(std::string_view text_in, const std::string& file, const SurvColumns& columns) {
  auto t = ParseCsv(text_in, file);
  if (!t.ok()) return t.status();
  const int time = t->Column(columns.time), event = t->Column(columns.event);
  const int group = t->Column(columns.group), bhazard = t->Column(columns.bhazard);
  if (time < 0 || event < 0) {
    return Status::InvalidArgument(file + ": expected the columns " + columns.time + "," + columns.event + "[," +
                                   columns.group + "] (found " + text::Join(t->header, ",") + ")");
  }
  if (t->rows.empty()) return Status::InvalidArgument(file + ": no patient rows after the header");
  SurvData d;
  for (size_t r = 0; r < t->rows.size(); ++r) {
    const auto& row = t->rows[r];
    const std::string where = file + ":" + std::to_string(t->lines[r]);
    auto tv = ParseCell(row[time], where, columns.time);
    if (!tv.ok()) return tv.status();
    auto ev = ParseCell(row[event], where, columns.event);
    if (!ev.ok()) return ev.status();
    d.time.push_back(*tv);
    d.event.push_back(*ev == 0 ? 0 : *ev == 1 ? 1 : -1);
    if (group >= 0) {
      // A blank label would become a group named "": refused, not guessed.
      if (row[group].find_first_not_of(" \t\r") == std::string::npos) {
        return Status::InvalidArgument(where + ": a blank " + columns.group +
                                       " label; give every patient a group (or drop the column)")
            .WithField(columns.group);
      }
      d.group.push_back(row[group]);
    }
    if (bhazard >= 0) {
      auto bv = ParseCell(row[bhazard], where, columns.bhazard);
      if (!bv.ok()) return bv.status();
      d.bhazard.push_back(*bv);
    }
    if (Status s = CheckRow(d, r, where); !s.ok()) return s;
  }
  return d;
}

Status ValidateSurvData(const SurvData& data) {
  if (data.time.empty()) return Status::InvalidArgument("no patients");
  if (data.event.size() != data.time.size()) return Status::InvalidArgument("time and event differ in length");
  if (!data.group.empty() && data.group.size() != data.time.size()) {
    return Status::InvalidArgument("time and group differ in length");
  }
  if (!data.bhazard.empty() && data.bhazard.size() != data.time.size()) {
    return Status::InvalidArgument("time and bhazard differ in length");
  }
  for (size_t i = 0; i < data.time.size(); ++i) {
    if (Status s = CheckRow(data, i, "row " + std::to_string(i + 1)); !s.ok()) return s;
  }
  return Status::Ok();
}

std::vector<std::string> GroupLevels(const SurvData& data) {
  if (data.group.empty()) return {""};
  std::set<std::string> levels(data.group.begin(), data.group.end());
  return {levels.begin(), levels.end()};
}

SurvData SelectGroup(const SurvData& data, const std::string& level) {
  if (data.group.empty()) return data;
  SurvData out;
  for (size_t i = 0; i < data.size(); ++i) {
    if (data.group[i] != level) continue;
    out.time.push_back(data.time[i]);
    out.event.push_back(data.event[i]);
    out.group.push_back(data.group[i]);
    if (!data.bhazard.empty()) out.bhazard.push_back(data.bhazard[i]);
  }
  return out;
}

}  // namespace carta::survival
