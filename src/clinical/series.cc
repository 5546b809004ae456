// Grading a cohort's daily records, per-patient courses and the cohort summary
// with exact binomial intervals.
#include "carta/clinical/series.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <utility>

#include <tuple>

#include "carta/core/binomial.h"

namespace carta::clinical {

namespace {

// A grading failure of one row: "file.csv:7: CRS: <message>", located at the
// row with the field the grading named.
Status RowError(const DailyRecord& rec, const char* toxicity, const Status& s) {
  return Status::InvalidArgument(rec.source + ": " + toxicity + ": " + s.message())
      .WithLocation(rec.location)
      .WithField(s.location().field);
}

// Keeps the worse of two gradings of one day.
void KeepWorst(std::optional<GradeResult>* day, Result<GradeResult> graded) {
  if (!*day || graded->grade > (*day)->grade) *day = std::move(*graded);
}

Course CourseOf(const std::vector<const std::optional<GradeResult>*>& days, const std::vector<int>& day_numbers) {
  Course c;
  for (size_t i = 0; i < days.size(); ++i) {
    if (!*days[i]) continue;
    c.assessed = true;
    const int grade = (*days[i])->grade;
    c.max_grade = std::max(c.max_grade, grade);
    if (grade >= 1) {
      if (!c.onset_day) c.onset_day = day_numbers[i];
      ++c.days_with_grade;
    }
  }
  return c;
}

std::optional<double> Median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

Result<ToxicitySummary> SummarizeOne(const std::vector<PatientCourse>& patients, Course PatientCourse::*which,
                                     double level) {
  ToxicitySummary t;
  t.patients_by_max_grade.assign(6, 0);
  long any = 0, severe = 0;
  std::vector<double> onsets, durations;
  for (const auto& p : patients) {
    const Course& c = p.*which;
    if (!c.assessed) continue;
    ++t.n;
    ++t.patients_by_max_grade[c.max_grade];
    if (c.max_grade >= 1) {
      ++any;
      onsets.push_back(*c.onset_day);
      durations.push_back(c.days_with_grade);
    }
    if (c.max_grade >= 3) ++severe;
  }
  t.median_onset_day = Median(onsets);
  t.median_days_with_grade = Median(durations);
  if (t.n == 0) {
    t.any_grade = t.grade3plus = {0, 0, NAN, NAN, NAN};
    return t;
  }
  auto a = ClopperPearson(any, t.n, level);
  if (!a.ok()) return a.status();
  auto g = ClopperPearson(severe, t.n, level);
  if (!g.ok()) return g.status();
  t.any_grade = *a;
  t.grade3plus = *g;
  return t;
}

}  // namespace

Result<SeriesResult> GradeSeries(const std::vector<DailyRecord>& records) {
  std::vector<std::string> order;
  std::map<std::pair<size_t, int>, DayGrade> by_day;  // (patient index, day)
  for (const auto& rec : records) {
    auto it = std::find(order.begin(), order.end(), rec.patient);
    const size_t index = it - order.begin();
    if (it == order.end()) order.push_back(rec.patient);
    DayGrade& day = by_day[{index, rec.day}];
    day.patient = rec.patient;
    day.day = rec.day;
    if (rec.crs) {
      auto g = GradeCrs(*rec.crs);
      if (!g.ok()) return RowError(rec, "CRS", g.status());
      KeepWorst(&day.crs, std::move(g));
    }
    if (rec.icans) {
      auto g = GradeIcans(*rec.icans);
      if (!g.ok()) return RowError(rec, "ICANS", g.status());
      KeepWorst(&day.icans, std::move(g));
    }
  }
  SeriesResult out;
  for (size_t p = 0; p < order.size(); ++p) {
    std::vector<const std::optional<GradeResult>*> crs, icans;
    std::vector<int> day_numbers;
    for (auto it = by_day.lower_bound({p, std::numeric_limits<int>::min()}); it != by_day.end() && it->first.first == p; ++it) {
      out.days.push_back(it->second);
      day_numbers.push_back(it->second.day);
    }
    const size_t first = out.days.size() - day_numbers.size();
    for (size_t i = first; i < out.days.size(); ++i) {
      crs.push_back(&out.days[i].crs);
      icans.push_back(&out.days[i].icans);
    }
    PatientCourse pc;
    pc.patient = order[p];
    pc.first_day = day_numbers.front();
    pc.last_day = day_numbers.back();
    pc.crs = CourseOf(crs, day_numbers);
    pc.icans = CourseOf(icans, day_numbers);
    out.patients.push_back(std::move(pc));
  }
  return out;
}

Result<Proportion> ClopperPearson(long events, long n, double level) {
  if (n < 1) return Status::InvalidArgument("a proportion needs n >= 1, got " + std::to_string(n));
  if (events < 0 || events > n) {
    return Status::InvalidArgument("events " + std::to_string(events) + " are outside 0-" + std::to_string(n));
  }
  if (!(level > 0 && level < 1)) return Status::InvalidArgument("confidence level must lie in (0, 1)");
  Proportion p{events, n, static_cast<double>(events) / n, 0, 1};
  std::tie(p.ci_lb, p.ci_ub) = carta::ClopperPearson(events, n, level);
  return p;
}

Result<CohortSummary> Summarize(const SeriesResult& series, double level) {
  if (!(level > 0 && level < 1)) return Status::InvalidArgument("confidence level must lie in (0, 1)");
  CohortSummary s;
  s.level = level;
  auto crs = SummarizeOne(series.patients, &PatientCourse::crs, level);
  if (!crs.ok()) return crs.status();
  auto icans = SummarizeOne(series.patients, &PatientCourse::icans, level);
  if (!icans.ok()) return icans.status();
  s.crs = *crs;
  s.icans = *icans;
  return s;
}

}  // namespace carta::clinical
