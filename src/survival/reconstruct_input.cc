#include "reconstruct_input.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "carta/core/csv.h"
#include "carta/core/text.h"

namespace carta::survival {

namespace {

// Digitiser noise tolerated around [0, 1]: beyond it a value is an error.
constexpr double kNoise = 0.02;
// The largest rise between successive points lowered as digitiser noise; a
// larger one (0.8 then 1.0) is a misread curve, not a blip.
constexpr double kBlip = 0.05;

std::string Where(const std::string& file, int line) { return file + ":" + std::to_string(line); }

// A number as a person writes it: 3, 0.25, 1.2e-05.
std::string Number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}

// "curve.csv:7" for a point read from a file, "point 3" for one built in code.
std::string At(const CurvePoint& p, size_t index) {
  return !p.where.empty() ? p.where : "point " + std::to_string(index + 1);
}

int FindColumn(const CsvTable& t, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (int c = t.Column(n); c >= 0) return c;
  }
  return -1;
}

}  // namespace

Result<std::vector<CurvePoint>> ParseCurveCsv(std::string_view text_in, const std::string& file) {
  auto t = ParseCsv(text_in, file);
  if (!t.ok()) return t.status();
  const int time = t->Column("time"), surv = FindColumn(*t, {"survival", "surv"});
  if (time < 0 || surv < 0) {
    return Status::InvalidArgument(file + ": expected the columns time,survival (found " + text::Join(t->header, ",") + ")");
  }
  if (t->rows.empty()) return Status::InvalidArgument(file + ": no points after the header");
  std::vector<CurvePoint> points;
  for (size_t r = 0; r < t->rows.size(); ++r) {
    const std::string where = Where(file, t->lines[r]);
    auto tv = ParseCell(t->rows[r][time], where, "time");
    if (!tv.ok()) return tv.status();
    auto sv = ParseCell(t->rows[r][surv], where, t->header[surv]);
    if (!sv.ok()) return sv.status();
    points.push_back({*tv, *sv, where});
  }
  return points;
}

Result<std::vector<RiskRow>> ParseRiskCsv(std::string_view text_in, const std::string& file) {
  auto t = ParseCsv(text_in, file);
  if (!t.ok()) return t.status();
  const int time = t->Column("time"), n = FindColumn(*t, {"nrisk", "n_risk", "n.risk"});
  if (time < 0 || n < 0) {
    return Status::InvalidArgument(file + ": expected the columns time,nrisk (found " + text::Join(t->header, ",") + ")");
  }
  if (t->rows.empty()) return Status::InvalidArgument(file + ": no rows after the header");
  std::vector<RiskRow> risk;
  for (size_t r = 0; r < t->rows.size(); ++r) {
    const std::string where = Where(file, t->lines[r]);
    auto tv = ParseCell(t->rows[r][time], where, "time");
    if (!tv.ok()) return tv.status();
    auto nv = text::ParseCount(t->rows[r][n]);
    if (!nv) {
      return Status::InvalidArgument(where + ": column '" + t->header[n] + "': '" + t->rows[r][n] +
                                     "' is not a whole number >= 0");
    }
    risk.push_back({*tv, *nv, where});
  }
  return risk;
}

namespace internal {

namespace {

// Survival in percent when any value exceeds 1.5 (a curve starts at 1 or 100).
// Mixed scales are refused: a value that reads as a proportion (<= 1.5, not 0)
// at a time before one that reads as percent, more than 5 times larger, cannot
// both be on one non-increasing curve (dividing all by 100 would make the
// first ~0, a fall and a rise no digitiser makes).
Status NormaliseScale(std::vector<CurvePoint>* points, Preprocessing* prep) {
  double largest = 0;
  for (const auto& p : *points) largest = std::max(largest, p.surv);
  if (largest <= 1.5) return Status::Ok();
  for (size_t i = 0; i < points->size(); ++i) {
    const CurvePoint& a = (*points)[i];
    if (!(a.surv > 0 && a.surv <= 1.5)) continue;
    for (size_t j = 0; j < points->size(); ++j) {
      const CurvePoint& b = (*points)[j];
      if (b.surv > 1.5 && b.time > a.time && b.surv > 5 * a.surv) {
        return Status::InvalidArgument(At(a, i) + ": column 'survival': " + Number(a.surv) + " reads as a proportion but " +
                                       At(b, j) + " (" + Number(b.surv) +
                                       ", later) as percent: the points mix scales; give them all in one")
            .WithField("survival");
      }
    }
  }
  prep->percent = true;
  for (auto& p : *points) p.surv /= 100;
  prep->notes.push_back("survival read as percent (largest value " + Number(largest) + ") and divided by 100");
  return Status::Ok();
}

Status CheckRange(std::vector<CurvePoint>* points, Preprocessing* prep) {
  for (size_t i = 0; i < points->size(); ++i) {
    CurvePoint& p = (*points)[i];
    const std::string value = prep->percent ? Number(p.surv * 100) + "%" : Number(p.surv);
    const std::string scale = prep->percent ? "the column was read as percent"
                                            : "the column was read as a proportion; percent is detected when a value exceeds 1.5";
    if (p.surv > 1 + kNoise) {
      return Status::InvalidArgument(At(p, i) + ": column 'survival': " + value + " is above " +
                                     (prep->percent ? "100%" : "1") + " (" + scale + ")");
    }
    if (p.surv < -kNoise) {
      return Status::InvalidArgument(At(p, i) + ": column 'survival': " + value + " is below 0 (" + scale + ")");
    }
    if (p.surv > 1 || p.surv < 0) {
      p.surv = std::clamp(p.surv, 0.0, 1.0);
      prep->clamped++;
    }
  }
  if (prep->clamped) prep->notes.push_back(std::to_string(prep->clamped) + " values just outside [0, 1] set to 0 or 1");
  return Status::Ok();
}

Status SortAndMonotone(std::vector<CurvePoint>* points, Preprocessing* prep) {
  auto before = [](const CurvePoint& a, const CurvePoint& b) { return a.time < b.time || (a.time == b.time && a.surv > b.surv); };
  if (!std::is_sorted(points->begin(), points->end(), before)) {
    std::stable_sort(points->begin(), points->end(), before);
    prep->sorted = true;
    prep->notes.push_back("points sorted by time");
  }
  for (size_t i = 1; i < points->size(); ++i) {
    const CurvePoint &p = (*points)[i], &before_p = (*points)[i - 1];
    if (p.surv > before_p.surv + kBlip) {
      return Status::InvalidArgument(At(p, i) + ": column 'survival': the curve rises from " + Number(before_p.surv) +
                                     " to " + Number(p.surv) + "; a survival curve never rises, and a rise above " +
                                     Number(kBlip) + " is not digitiser noise (check the points)")
          .WithField("survival");
    }
    if ((*points)[i].surv > (*points)[i - 1].surv) {
      (*points)[i].surv = (*points)[i - 1].surv;
      prep->lowered_blips++;
    }
  }
  if (prep->lowered_blips) {
    prep->notes.push_back(std::to_string(prep->lowered_blips) + " upward blips lowered to the point before them");
  }
  std::vector<CurvePoint> merged;
  for (const auto& p : *points) {
    if (!merged.empty() && merged.back().time == p.time) {
      merged.back() = p;  // sorted by decreasing survival within a time: the lowest comes last
      prep->merged_same_time++;
    } else {
      merged.push_back(p);
    }
  }
  if (prep->merged_same_time) {
    prep->notes.push_back(std::to_string(prep->merged_same_time) + " points at a time already read merged (lowest kept)");
  }
  *points = std::move(merged);
  return Status::Ok();
}

}  // namespace

Result<std::vector<CurvePoint>> CleanCurve(std::vector<CurvePoint> points, Preprocessing* prep) {
  if (Status s = NormaliseScale(&points, prep); !s.ok()) return s;
  const size_t before = points.size();
  points.erase(std::remove_if(points.begin(), points.end(), [](const CurvePoint& p) { return p.time < 0; }), points.end());
  prep->dropped_negative_time = static_cast<int>(before - points.size());
  if (prep->dropped_negative_time) {
    prep->notes.push_back(std::to_string(prep->dropped_negative_time) + " points with a negative time dropped");
  }
  if (Status s = CheckRange(&points, prep); !s.ok()) return s;
  if (Status s = SortAndMonotone(&points, prep); !s.ok()) return s;
  if (points.empty() || points.front().time > 0) {
    points.insert(points.begin(), CurvePoint{0, 1, ""});
    prep->origin_added = true;
    prep->notes.push_back("the point (0, 1) added");
  } else if (points.front().surv < 1) {
    prep->notes.push_back("S(0) = " + Number(points.front().surv) + " set to 1");
    points.front().surv = 1;
    prep->origin_added = true;
  }
  if (points.size() < 2) return Status::InvalidArgument("the curve needs at least one point after time 0");
  return points;
}

Status CheckRiskTable(std::vector<RiskRow>* risk, double last_time, long total_events, Preprocessing* prep) {
  auto at = [](const RiskRow& r, size_t i) {
    return !r.where.empty() ? r.where : "risk row " + std::to_string(i + 1);
  };
  if (risk->empty()) return Status::InvalidArgument("the numbers-at-risk table is empty");
  if ((*risk)[0].time != 0) {
    return Status::InvalidArgument(at((*risk)[0], 0) + ": column 'time': the numbers-at-risk table must start at time 0 (found " +
                                   Number((*risk)[0].time) + ")");
  }
  if ((*risk)[0].n_risk <= 0) {
    return Status::InvalidArgument(at((*risk)[0], 0) + ": column 'nrisk': no patients at risk at time 0");
  }
  for (size_t i = 1; i < risk->size(); ++i) {
    const RiskRow &r = (*risk)[i], &p = (*risk)[i - 1];
    if (!(r.time > p.time)) {
      return Status::InvalidArgument(at(r, i) + ": column 'time': risk-table times must increase (" + Number(r.time) +
                                     " after " + Number(p.time) + ")");
    }
    if (r.n_risk > p.n_risk) {
      return Status::InvalidArgument(at(r, i) + ": column 'nrisk': the number at risk cannot increase (" +
                                     std::to_string(r.n_risk) + " after " + std::to_string(p.n_risk) + ")");
    }
  }
  if (total_events > (*risk)[0].n_risk) {
    return Status::InvalidArgument("more events (" + std::to_string(total_events) + ") than patients (" +
                                   std::to_string((*risk)[0].n_risk) + " at risk at time 0)");
  }
  while (risk->size() > 1 && risk->back().time > last_time) {
    risk->pop_back();
    prep->dropped_risk_rows++;
  }
  if (prep->dropped_risk_rows) {
    prep->notes.push_back(std::to_string(prep->dropped_risk_rows) + " risk-table times after the last point dropped");
  }
  return Status::Ok();
}

Status CheckRiskAgainstCurve(const std::vector<RiskRow>& risk, const std::vector<CurvePoint>& points) {
  for (size_t i = 0; i < risk.size(); ++i) {
    if (risk[i].n_risk == 0) continue;
    for (const auto& p : points) {
      if (p.time >= risk[i].time) break;
      if (p.surv <= 0) {
        const std::string where = !risk[i].where.empty() ? risk[i].where : "risk row " + std::to_string(i + 1);
        return Status::InvalidArgument(where + ": column 'nrisk': " + std::to_string(risk[i].n_risk) + " at risk at " +
                                       Number(risk[i].time) + ", but the curve reaches 0 at " + Number(p.time) +
                                       ", which leaves nobody at risk: the table and the curve contradict each other")
            .WithField("nrisk");
      }
    }
  }
  return Status::Ok();
}

void AddPointsAtRiskTimes(const std::vector<RiskRow>& risk, std::vector<CurvePoint>* points, Preprocessing* prep) {
  for (const auto& r : risk) {
    auto it = std::lower_bound(points->begin(), points->end(), r.time,
                               [](const CurvePoint& p, double t) { return p.time < t; });
    if (it != points->end() && it->time == r.time) continue;
    const double surv = std::prev(it)->surv;  // it > begin: points start at 0 and so does the table
    points->insert(it, CurvePoint{r.time, surv, ""});
    prep->added_at_risk_times++;
  }
  if (prep->added_at_risk_times) {
    prep->notes.push_back(std::to_string(prep->added_at_risk_times) + " points added at risk-table times (the step's value)");
  }
}

}  // namespace internal
}  // namespace carta::survival
