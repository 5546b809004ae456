// Virtual trials: a population of virtual patients simulated in parallel,
// deterministic by seed whatever the number of threads, summarised as a trial
// reports itself (rates with exact intervals, Kaplan–Meier PFS, grade
// tables), and strategy comparisons on common random numbers.
#ifndef CARTA_SIM_TRIAL_H_
#define CARTA_SIM_TRIAL_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "carta/core/progress.h"
#include "carta/core/status.h"
#include "carta/sim/model.h"
#include "carta/sim/patient.h"
#include "carta/survival/km.h"

namespace carta::sim {

struct TrialRequest {
  Scenario scenario;
  long patients = 1000;
  uint64_t seed = 1;
  int threads = 0;  // 0: the process budget (core's ThreadsFor)
};

// A proportion with its Clopper–Pearson 95% interval.
struct Rate {
  long events = 0, n = 0;
  double rate = 0, lower = 0, upper = 0;
};

struct TrialSummary {
  long patients = 0;
  Rate orr, cr_rate, cr_by_day28, cr_by_day90, crs_grade3, icans_grade3;
  double pfs_median_months = 0;  // NaN when not reached within the horizon
  double pfs_at_12_months = 0;   // Kaplan–Meier
  double efs_at_12_months = 0;
  double os_at_12_months = 0;
  double antigen_negative_relapse_share = 0;  // of relapses after a response; NaN without relapses
  long relapses = 0;
  double cmax_median_cells = 0, tmax_median_days = 0, auc28_median_cell_days = 0;
  double persistence_median_days = 0, aplasia_median_days = 0, il6_peak_median_pg_ml = 0;
  std::array<long, 6> crs_grades{}, icans_grades{};  // patients by maximum grade 0-5
  survival::KaplanMeier pfs_curve;                   // time in months
  long solver_steps = 0;
};

struct TrialResult {
  std::vector<PatientOutcome> patients;  // in patient index order
  TrialSummary summary;
};

// Simulates `request.patients` patients (1 to 10,000,000) of a validated
// scenario on ThreadsFor(request.threads) threads. Patient i always uses
// DrawPatient(seed, i), so the result does not depend on the thread count.
// Reports to `progress` and stops with kCancelled when it asks. Fails on an
// invalid scenario (the parameter named in the field) or a patient count out
// of range (field "patients").
Result<TrialResult> RunTrial(const TrialRequest& request, Progress* progress = nullptr);

// The summary of outcomes (exposed for comparisons and tests).
Result<TrialSummary> Summarise(const std::vector<PatientOutcome>& patients);

// A strategy: one change to a scenario ("dual", "fractionated", "toci-grade1",
// "toci-grade2", "hsct", "no-hsct", "4-1bb", "cd28", "single", "one-dose").
Status ApplyStrategy(std::string_view strategy, Scenario* scenario);
// The accepted strategy names, in display order.
std::vector<std::string> StrategyNames();

struct CompareRequest {
  Scenario scenario;  // the base both strategies change
  std::string strategy_a, strategy_b;
  long patients = 1000;
  uint64_t seed = 1;
  int threads = 0;
};

// One endpoint of a comparison: A, B and B - A with its 95% interval from the
// paired differences (the same virtual patients under both strategies).
struct Difference {
  std::string endpoint;  // "orr", "cr_rate", "pfs_at_12_months", ...
  double a = 0, b = 0, difference = 0, lower = 0, upper = 0;
};

struct CompareResult {
  std::string strategy_a, strategy_b;
  long patients = 0;
  TrialSummary a, b;
  std::vector<Difference> differences;
};

// Runs both strategies on the same draws (common random numbers). Fails on an
// unknown strategy (field "strategies") or an invalid scenario.
Result<CompareResult> CompareStrategies(const CompareRequest& request, Progress* progress = nullptr);

}  // namespace carta::sim

#endif  // CARTA_SIM_TRIAL_H_
