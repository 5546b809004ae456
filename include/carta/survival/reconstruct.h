// Reconstruction of individual patient data from a published Kaplan–Meier
// curve: the algorithm of Guyot, Ades, Ouwens & Welton (2012, BMC Med Res
// Methodol 12:9) applied to digitised (time, survival) points, the
// numbers-at-risk table printed under the figure and, when reported, the
// total number of events. Digitiser noise is cleaned first and every change
// is reported; the result carries quality figures against the digitised curve.
#ifndef CARTA_SURVIVAL_RECONSTRUCT_H_
#define CARTA_SURVIVAL_RECONSTRUCT_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"
#include "carta/survival/data.h"

namespace carta::survival {

// A point read off the curve. `surv` is a proportion or a percent (detected
// for the whole curve). `where` is "file:line" for messages, "" when built in code.
struct CurvePoint {
  double time = 0;
  double surv = 1;
  std::string where;
};

// A column of the numbers-at-risk table: patients still at risk at `time`.
struct RiskRow {
  double time = 0;
  long n_risk = 0;
  std::string where;
};

// Reads `time,survival` (also `surv`; other columns ignored). Fails with
// file:line and the column on a value that is not a number or no rows.
// Range checks (negative times, survival above 1) come with Reconstruct,
// which knows whether the curve is in percent.
Result<std::vector<CurvePoint>> ParseCurveCsv(std::string_view text, const std::string& file);

// Reads `time,nrisk` (also `n_risk`, `n.risk`). Fails with file:line and the
// column on a bad number, a negative or non-whole count, or no rows.
Result<std::vector<RiskRow>> ParseRiskCsv(std::string_view text, const std::string& file);

// What cleaning did to the digitised points.
struct Preprocessing {
  bool percent = false;          // the survival column was in percent and was divided by 100
  int dropped_negative_time = 0; // points left of the axis, dropped
  bool sorted = false;           // the points were not in time order
  int lowered_blips = 0;         // points above an earlier point, lowered to it (S is non-increasing)
  int clamped = 0;               // values within 0.02 above 1 or below 0, set to 1 or 0
  int merged_same_time = 0;      // points at one time, the lowest kept
  bool origin_added = false;     // (0, 1) added, or S(0) set to 1
  int added_at_risk_times = 0;   // points added at risk-table times (the step's value there)
  int dropped_risk_rows = 0;     // risk-table times after the last digitised point
  std::vector<std::string> notes;  // one sentence per change above
};

// One interval of the risk table, [start, end).
struct IntervalQuality {
  double start = 0, end = 0;
  long n_risk_published = 0;
  long n_risk_reconstructed = 0;  // patients of the reconstruction with time >= start
  long events = 0, censored = 0;  // reconstructed in the interval
};

struct ReconstructionQuality {
  // The KM of the reconstruction against the cleaned digitised points.
  double rmse = 0, max_abs_diff = 0, max_abs_diff_time = 0;
  int points = 0;
  long events = 0, censored = 0;
  long total_events_reported = -1;  // -1 when not given
  std::vector<IntervalQuality> intervals;
};

struct Reconstruction {
  SurvData patients;                // time, event; one row per patient of the risk table's first count
  std::vector<CurvePoint> curve;    // the cleaned points the algorithm used
  Preprocessing preprocessing;
  ReconstructionQuality quality;
  // What the result does not say by itself: a reported total of events the
  // reconstruction could not reach.
  std::vector<std::string> warnings;
};

// Cleans the points (percent → proportion, negative times dropped, sorted,
// upward blips lowered, (0, 1) ensured, a point added at every risk time) and
// runs Guyot's algorithm. `total_events` < 0 means not reported.
// Fails, naming the line where there is one, on: a survival above 1.02 (after
// reading percent as proportion) or below −0.02; points on mixed scales (a
// proportion before a percent; field "survival"); a rise of more than 0.05
// (field "survival": smaller rises are lowered as digitiser noise); patients
// at risk after the curve reaches 0 (field "nrisk"); risk-table times that are not
// increasing or do not start at 0; numbers at risk that increase or are 0 at
// time 0; more events than patients; fewer than two points.
Result<Reconstruction> Reconstruct(std::vector<CurvePoint> points, std::vector<RiskRow> risk, long total_events = -1);

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_RECONSTRUCT_H_
