#include "carta/evidence/time_unit.h"

namespace carta::evidence {

Result<TimeUnit> ParseTimeUnit(const std::string& name) {
  const auto& names = TimeUnitNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<TimeUnit>(i);
  }
  return Status::InvalidArgument("unknown time unit '" + name + "' (expected days, weeks, months, years or hours)")
      .WithField("time_unit");
}

const std::vector<std::string>& TimeUnitNames() {
  static const std::vector<std::string> kNames = {"days", "weeks", "months", "years", "hours"};
  return kNames;
}

const char* TimeUnitName(TimeUnit unit) { return TimeUnitNames()[static_cast<size_t>(unit)].c_str(); }

double MonthsPerUnit(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kDays: return 12 / 365.25;
    case TimeUnit::kWeeks: return 12 * 7 / 365.25;
    case TimeUnit::kYears: return 12;
    case TimeUnit::kHours: return 12 / 365.25 / 24;
    case TimeUnit::kMonths: break;
  }
  return 1;
}

// As years·12 months / (months per unit), the arithmetic the extrapolation
// horizons have always used (so that their times stay bit for bit the same).
double YearsIn(TimeUnit unit, double years) { return years * 12 / MonthsPerUnit(unit); }

}  // namespace carta::evidence
