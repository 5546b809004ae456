#include "carta/survival/reconstruct.h"

#include <algorithm>
#include <cmath>

#include "carta/survival/km.h"
#include "guyot.h"
#include "reconstruct_input.h"

namespace carta::survival {

namespace {

// Patient rows as Guyot's code writes them: each event at its point's time,
// each censoring at the midpoint to the next point, and everyone left
// censored at the last point.
SurvData Patients(const internal::GuyotResult& g, const std::vector<double>& t, long n0) {
  SurvData d;
  for (size_t k = 0; k < t.size(); ++k) {
    for (long j = 0; j < g.events[k]; ++j) {
      d.time.push_back(t[k]);
      d.event.push_back(1);
    }
  }
  for (size_t k = 0; k + 1 < t.size(); ++k) {
    for (long j = 0; j < g.censored[k]; ++j) {
      d.time.push_back((t[k] + t[k + 1]) / 2);
      d.event.push_back(0);
    }
  }
  while (static_cast<long>(d.size()) < n0) {
    d.time.push_back(t.back());
    d.event.push_back(0);
  }
  return d;
}

ReconstructionQuality Quality(const Reconstruction& r, const std::vector<RiskRow>& risk) {
  ReconstructionQuality q;
  auto km = FitKaplanMeier(r.patients.time, r.patients.event);
  double sum_sq = 0;
  for (const auto& p : r.curve) {
    // Past the last reconstructed time the curve is carried forward at its last value.
    const SurvivalEstimate e = SurvivalAt(*km, p.time);
    const double diff = std::fabs((e.within_followup ? e.surv : km->steps.back().surv) - p.surv);
    sum_sq += diff * diff;
    if (diff > q.max_abs_diff) {
      q.max_abs_diff = diff;
      q.max_abs_diff_time = p.time;
    }
  }
  q.points = static_cast<int>(r.curve.size());
  q.rmse = std::sqrt(sum_sq / q.points);
  q.events = r.patients.Events();
  q.censored = static_cast<long>(r.patients.size()) - q.events;
  for (size_t i = 0; i < risk.size(); ++i) {
    IntervalQuality iq;
    iq.start = risk[i].time;
    iq.end = i + 1 < risk.size() ? risk[i + 1].time : r.curve.back().time;
    iq.n_risk_published = risk[i].n_risk;
    for (size_t k = 0; k < r.patients.size(); ++k) {
      const double t = r.patients.time[k];
      if (t >= iq.start) iq.n_risk_reconstructed++;
      const bool inside = t >= iq.start && (t < iq.end || (i + 1 == risk.size() && t <= iq.end));
      if (inside) (r.patients.event[k] ? iq.events : iq.censored)++;
    }
    q.intervals.push_back(iq);
  }
  return q;
}

}  // namespace

Result<Reconstruction> Reconstruct(std::vector<CurvePoint> points, std::vector<RiskRow> risk, long total_events) {
  Reconstruction r;
  auto curve = internal::CleanCurve(std::move(points), &r.preprocessing);
  if (!curve.ok()) return curve.status();
  if (Status s = internal::CheckRiskTable(&risk, curve->back().time, total_events, &r.preprocessing); !s.ok()) return s;
  if (Status s = internal::CheckRiskAgainstCurve(risk, *curve); !s.ok()) return s;
  internal::AddPointsAtRiskTimes(risk, &*curve, &r.preprocessing);
  r.curve = std::move(*curve);
  std::vector<double> t, s, risk_time;
  std::vector<long> n_risk;
  for (const auto& p : r.curve) {
    t.push_back(p.time);
    s.push_back(p.surv);
  }
  for (const auto& row : risk) {
    risk_time.push_back(row.time);
    n_risk.push_back(row.n_risk);
  }
  const internal::GuyotResult g = internal::Guyot(t, s, risk_time, n_risk, total_events);
  if (g.capped) r.preprocessing.notes.push_back("an adjustment loop of the algorithm stopped after 1000 rounds");
  r.patients = Patients(g, t, risk[0].n_risk);
  if (static_cast<long>(r.patients.size()) > risk[0].n_risk) {
    r.preprocessing.notes.push_back("the reconstruction has more rows than patients at time 0");
  }
  r.quality = Quality(r, risk);
  r.quality.total_events_reported = total_events;
  if (total_events >= 0 && r.quality.events != total_events) {
    r.warnings.push_back("the reconstruction has " + std::to_string(r.quality.events) + " events, not the " +
                         std::to_string(total_events) +
                         " reported: the curve and the risk table do not allow that many (or that few); check them");
  }
  return r;
}

}  // namespace carta::survival
