// Daily toxicity records of a cohort: one CSV row per patient and
// assessment, graded by the ASTCT consensus, summarised per patient (maximum
// grade, onset day, duration) and per cohort (any-grade and grade ≥ 3 rates
// with exact Clopper-Pearson intervals), to compare with the rates the
// evidence base reports.
//
// CSV columns (header names in any case; empty cell = not recorded):
//   patient             required; any text
//   day                 required; whole days relative to infusion (day 0), may be negative
//   temp_c | temp_f     highest temperature, °C or °F
//   hypotension         none | no-vasopressor | one-vasopressor | multiple-vasopressors
//   hypoxia             none | low-flow | high-flow | positive-pressure
//   oxygen_l_min        nasal cannula flow, L/min
//   after_anticytokine  yes | no (antipyretic or anti-cytokine therapy already given)
//   ice                 0-10;  capd 0-32 (children under 12)
//   age                 years; developmental_delay yes | no
//   consciousness       alert | spontaneous | voice | touch | unarousable
//   seizure             none | rapid | prolonged
//   motor               none | tremor | myoclonus | weakness
//   icp                 none | focal-edema | diffuse-edema
//   death               none | crs | icans (death due to it: grade 5)
//   note, notes, comment  ignored
// A row grades CRS when any CRS column is filled, ICANS when any ICANS column
// is. Several rows for one patient and day (e.g. every 8 hours) give the day
// its worst grade.
#ifndef CARTA_CLINICAL_SERIES_H_
#define CARTA_CLINICAL_SERIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/clinical/crs.h"
#include "carta/clinical/grade.h"
#include "carta/clinical/icans.h"
#include "carta/core/status.h"

namespace carta::clinical {

struct DailyRecord {
  std::string patient;
  int day = 0;
  std::string source;               // "file.csv:3"
  SourceLocation location;          // the same as data: file and line
  std::optional<CrsInput> crs;      // absent when no CRS column was filled
  std::optional<IcansInput> icans;  // absent when no ICANS column was filled
};

// Reads the CSV above. Fails with "file:line: column 'x': ..." on a missing
// patient or day, a value that is not a number or not one of the accepted
// names, or an unknown column (with a "did you mean"); the status's location
// holds the file, the line and the column's name as its field.
Result<std::vector<DailyRecord>> ParseDailyCsv(std::string_view text, const std::string& file);

// One patient-day: the worst grade of the day's rows for each toxicity.
struct DayGrade {
  std::string patient;
  int day = 0;
  std::optional<GradeResult> crs;    // absent when not assessed that day
  std::optional<GradeResult> icans;
};

// One toxicity over one patient's days.
struct Course {
  bool assessed = false;          // any day assessed
  int max_grade = 0;
  std::optional<int> onset_day;   // first day with grade ≥ 1
  int days_with_grade = 0;        // days with grade ≥ 1 (the duration, in days)
};

struct PatientCourse {
  std::string patient;
  int first_day = 0, last_day = 0;  // days recorded
  Course crs, icans;
};

struct SeriesResult {
  std::vector<DayGrade> days;           // by patient (first appearance), then day
  std::vector<PatientCourse> patients;  // in order of first appearance
};

// Grades every record. Fails, naming the row ("file.csv:7: ..."), on a record
// GradeCrs or GradeIcans rejects; the location holds the row's file and line
// and the field GradeCrs or GradeIcans named.
Result<SeriesResult> GradeSeries(const std::vector<DailyRecord>& records);

// An exact binomial (Clopper-Pearson 1934) interval for `events` of `n`:
// lower = Beta quantile (α/2; x, n-x+1), upper = Beta quantile (1-α/2; x+1,
// n-x), with 0 for x = 0 and 1 for x = n. Fails on n < 1, events outside
// 0..n, or a level outside (0, 1).
struct Proportion {
  long events = 0, n = 0;
  double rate = 0, ci_lb = 0, ci_ub = 0;
};
Result<Proportion> ClopperPearson(long events, long n, double level = 0.95);

// A cohort's summary of one toxicity among the patients assessed for it.
struct ToxicitySummary {
  long n = 0;                                 // patients assessed
  Proportion any_grade;                       // max grade ≥ 1
  Proportion grade3plus;                      // max grade ≥ 3
  std::vector<long> patients_by_max_grade;    // index 0-5
  std::optional<double> median_onset_day;     // among patients with grade ≥ 1
  std::optional<double> median_days_with_grade;
};
struct CohortSummary {
  ToxicitySummary crs, icans;
  double level = 0.95;
};
// Fails on a level outside (0, 1). A toxicity no patient was assessed for has
// n = 0, and NaN rates and limits.
Result<CohortSummary> Summarize(const SeriesResult& series, double level = 0.95);

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_SERIES_H_
