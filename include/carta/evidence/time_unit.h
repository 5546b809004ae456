// The one time unit of carta: of the evidence base's durations (follow-up,
// medians) and of survival time columns, with conversions between units. A
// month is 365.25/12 days and a year 365.25 days (the convention of survival
// analyses).
#ifndef CARTA_EVIDENCE_TIME_UNIT_H_
#define CARTA_EVIDENCE_TIME_UNIT_H_

#include <string>
#include <vector>

#include "carta/core/status.h"

namespace carta::evidence {

enum class TimeUnit { kDays, kWeeks, kMonths, kYears, kHours };

// "days", "weeks", "months", "years" or "hours"; InvalidArgument listing them
// (field "time_unit") otherwise.
Result<TimeUnit> ParseTimeUnit(const std::string& name);
const char* TimeUnitName(TimeUnit unit);
// The accepted names, in TimeUnit order.
const std::vector<std::string>& TimeUnitNames();

// Months in one `unit` (days: 12/365.25; hours: 12/(365.25·24)).
double MonthsPerUnit(TimeUnit unit);

// `years` expressed in `unit`.
double YearsIn(TimeUnit unit, double years);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_TIME_UNIT_H_
