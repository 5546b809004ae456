// The unit of a survival time column, and conversions between units. A month
// is 365.25/12 days and a year 365.25 days (the convention of survival
// analyses and of the evidence base's durations).
#ifndef CARTA_SURVIVAL_TIME_UNIT_H_
#define CARTA_SURVIVAL_TIME_UNIT_H_

#include <string>
#include <vector>

#include "carta/core/status.h"

namespace carta::survival {

enum class TimeUnit { kDays, kWeeks, kMonths, kYears };

// "days", "weeks", "months" or "years"; InvalidArgument listing them (field
// "time_unit") otherwise.
Result<TimeUnit> ParseTimeUnit(const std::string& name);
const char* TimeUnitName(TimeUnit unit);
// The accepted names, in TimeUnit order.
const std::vector<std::string>& TimeUnitNames();

// Months in one `unit` (days: 12/365.25).
double MonthsPerUnit(TimeUnit unit);

// `years` expressed in `unit`.
double YearsIn(TimeUnit unit, double years);

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_TIME_UNIT_H_
