// Calibration of the simulator to the evidence base: each product-by-
// indication pair's potency (the multiplier on the killing rate κ) is fitted
// with NLopt so that virtual trials reproduce the observed response and
// complete-response rates of its cohorts, each cohort weighted by its n; held-
// out cohorts are predicted, never fitted.
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
  long patients = 400;                // virtual patients per cohort trial
  uint64_t seed = 1;
  int threads = 0;
};

// One observed value of a cohort and its simulated counterpart.
struct CalibrationRow {
  std::string cohort, product, indication;
  std::string endpoint;  // "orr", "cr_rate"
  long n = 0;
  double observed = 0, lower = 0, upper = 0;  // fraction with its Clopper–Pearson 95% interval
  double simulated = 0;
  bool held_out = false;
  bool inside = false;  // simulated within [lower, upper]
};

struct FittedPotency {
  std::string product, indication;
  double potency = 1;
  long cohorts = 0;  // cohorts the fit saw
  long evaluations = 0;
};

struct CalibrateResult {
  std::vector<FittedPotency> fitted;
  std::vector<CalibrationRow> rows;  // fitted cohorts first, then held-out ones
  long patients = 0;
  uint64_t seed = 1;
};

// The cohorts of `eb` the simulator can stand for: a product of the catalogue,
// one modelled indication, an n and an ORR. Fits, then predicts. Fails on a
// held-out id that is no such cohort (field "hold_out") or on cancellation.
Result<CalibrateResult> Calibrate(const evidence::EvidenceBase& eb, const CalibrateRequest& request,
                                  Progress* progress = nullptr);

// The observed PFS, EFS and RFS landmarks ("pfs_12mo") and medians of the
// cohorts of `eb` that stand for `scenario`'s product and indication (paired
// as Calibrate pairs them), in cohort order; a median not reached is left
// out. Empty when none match.
std::vector<ObservedLandmark> ObservedLandmarks(const evidence::EvidenceBase& eb, const Scenario& scenario);

}  // namespace carta::sim

#endif  // CARTA_SIM_CALIBRATE_H_
