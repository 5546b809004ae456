// Right-censored survival data: one row per patient, read from CSV text so
// tests feed strings. Every estimator of carta::survival takes this shape.
#ifndef CARTA_SURVIVAL_DATA_H_
#define CARTA_SURVIVAL_DATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::survival {

// Follow-up of n patients. Times are in one unit throughout (the caller's:
// months unless a command says otherwise) and never negative.
struct SurvData {
  std::vector<double> time;         // follow-up time, >= 0
  std::vector<int> event;           // 1 event (death, progression), 0 censored
  std::vector<std::string> group;   // one label per patient, or empty for one group
  std::vector<double> bhazard;      // background (expected) hazard per time unit, or empty

  size_t size() const { return time.size(); }
  long Events() const;
};

// Which CSV columns hold what; header names are matched lower-cased.
struct SurvColumns {
  std::string time = "time";
  std::string event = "event";
  std::string group = "group";      // optional: used when present
  std::string bhazard = "bhazard";  // optional: used when present
};

// Reads `time,event[,group][,bhazard]` (other columns ignored). Fails with
// "file:line: column 'x': ..." on a missing column, a value that is not a
// number, a negative or infinite time, an event other than 0 or 1, a negative
// background hazard, or no rows.
Result<SurvData> ParseSurvCsv(std::string_view text, const std::string& file, const SurvColumns& columns = {});

// Checks the invariants above on data built in code (sizes agree, times >= 0
// and finite, events 0/1, at least one row). The message names the first bad row.
Status ValidateSurvData(const SurvData& data);

// The distinct group labels in sorted (byte) order; {""} when `data` has no groups.
std::vector<std::string> GroupLevels(const SurvData& data);

// The rows of group `level` (all rows when `data` has no groups).
SurvData SelectGroup(const SurvData& data, const std::string& level);

// A number as written in a CSV cell: a decimal or exponent notation
// ("12", "-0.5", "1e-3"); NaN, infinities and trailing text fail with
// "<where>: column '<column>': '<cell>' is not a number".
Result<double> ParseCell(const std::string& cell, const std::string& where, const std::string& column);

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_DATA_H_
