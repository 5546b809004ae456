// Calibration of the simulator to the evidence base: each product-by-
// indication pair's potency (the multiplier on the killing rate κ) and, where
// its cohorts printed grade >= 3 CRS or ICANS, a CRS scale (a multiplier on
// both IL-6 drives) are fitted with NLopt so that virtual trials reproduce the
// cohorts' ORR, CR rate, grade >= 3 CRS and ICANS, PFS landmarks and medians
// (a median not reached as a bound at the median follow-up), by binomial
// deviance with each cohort's n; held-out cohorts are predicted, never fitted
// (alone in their pair: with the pooled fits of the other pairs).
#ifndef CARTA_SIM_CALIBRATE_H_
#define CARTA_SIM_CALIBRATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "carta/core/progress.h"
#include "carta/core/status.h"
#include "carta/evidence/model.h"
#include "carta/sim/figures.h"
#include "carta/sim/model.h"

namespace carta::sim {

struct CalibrateRequest {
  std::vector<std::string> hold_out;  // cohort ids predicted but not fitted
  bool leave_one_out = false;         // also predict each fitted cohort from a fit to the rest of its pair
  long patients = 400;                // virtual patients per cohort trial
  uint64_t seed = 1;
  int threads = 0;
  // "NAME=VALUE" changes applied to every pair's scenario before it is fitted
  // or predicted (a sensitivity analysis: e.g. {"fold_expansion_max=3900"}).
  std::vector<std::string> settings;
};

// One observed value of a cohort and its simulated counterpart.
struct CalibrationRow {
  std::string cohort, product, indication;
  // "orr", "cr_rate", "crs_grade3_rate", "icans_grade3_rate", "pfs_at_12_months"
  // (a landmark), "pfs_at_median_5.8_months" (S = 0.5 observed at the median),
  // "pfs_at_24_months_not_reached" (a bound: S >= 0.5 at the median follow-up)
  std::string endpoint;
  long n = 0;
  // Fraction with its Clopper–Pearson 95% interval (a landmark's ignores
  // censoring); a bound's upper end is 1.
  double observed = 0, lower = 0, upper = 0;
  double simulated = 0;
  bool held_out = false;  // held out by --hold-out, or left out by leave-one-out
  bool inside = false;    // simulated within [lower, upper]
};

struct FittedPotency {
  std::string product, indication;
  double potency = 1;
  double crs_scale = 1;  // 1 when no cohort of the pair printed grade >= 3 CRS or ICANS
  long cohorts = 0;      // cohorts the fit saw
  long evaluations = 0;
};

// Observed values a cohort printed that the calibration does not use,
// because they contradict each other (a CR rate above the ORR by more than
// one patient: one of the two is wrong, and which cannot be told).
struct CalibrationExclusion {
  std::string cohort;
  std::vector<std::string> endpoints;  // "orr", "cr_rate"
  std::string reason;
};

struct CalibrateResult {
  std::vector<FittedPotency> fitted;
  std::vector<CalibrationExclusion> excluded;
  std::vector<CalibrationRow> rows;  // fitted cohorts, then held-out ones, then leave-one-out predictions
  long patients = 0;
  uint64_t seed = 1;
  std::vector<std::string> settings;  // the request's "NAME=VALUE" changes
};

// The cohorts of `eb` the simulator can stand for: a product of the catalogue,
// one modelled indication, an n and an ORR. A cohort whose CR rate is above
// its ORR by more than one patient is kept for its other values, without
// those two (`excluded`). Fits, then predicts (each
// fitted cohort again from the rest of its pair with leave_one_out). A cohort
// with no other cohort of its pair to fit is predicted with a pooled prior: the
// geometric mean of the other pairs' fitted potency × dose (and CRS scales) of
// the same indication, else of the same lineage antigen, else of all, divided
// by the pair's dose. Fails on a setting that is not NAME=NUMBER (field "set")
// or that its parameter refuses (the parameter's name), on a held-out id that
// is no such cohort (field "hold_out"), or on cancellation.
Result<CalibrateResult> Calibrate(const evidence::EvidenceBase& eb, const CalibrateRequest& request,
                                  Progress* progress = nullptr);

// How many rows of one kind of endpoint landed inside the observed 95% CI,
// fitted and held out: the calibration's score.
struct CalibrationCount {
  std::string endpoint;  // "orr", "cr_rate", "crs_grade3_rate", "icans_grade3_rate" or "pfs" (every PFS row)
  long fitted_inside = 0, fitted = 0;
  long held_out_inside = 0, held_out = 0;
};

// The counts of `rows` per kind of endpoint, in the order above; a kind
// without rows is left out.
std::vector<CalibrationCount> CountInside(const std::vector<CalibrationRow>& rows);

// The observed PFS, EFS and RFS landmarks ("pfs_12mo") and medians of the
// cohorts of `eb` that stand for `scenario`'s product and indication (paired
// as Calibrate pairs them), in cohort order; a median not reached is left
// out. Empty when none match.
std::vector<ObservedLandmark> ObservedLandmarks(const evidence::EvidenceBase& eb, const Scenario& scenario);

}  // namespace carta::sim

#endif  // CARTA_SIM_CALIBRATE_H_
