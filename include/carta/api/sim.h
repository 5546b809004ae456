// JSON and CSV of carta::sim's results (`carta sim run|trial|compare`), keys
// in the order doc/cli.md lists them.
#ifndef CARTA_API_SIM_H_
#define CARTA_API_SIM_H_

#include <vector>

#include "carta/api/json.h"
#include "carta/api/listing.h"
#include "carta/sim/calibrate.h"
#include "carta/sim/model.h"
#include "carta/sim/patient.h"
#include "carta/sim/trial.h"

namespace carta::api {

// {patients, orr, cr_rate, orr_ci, cr_rate_ci, pfs_median_months,
// pfs_at_12_months, crs_grade3_rate, icans_grade3_rate,
// antigen_negative_relapse_share, cmax_median}: rates as fractions, *_ci as
// [lower, upper] (Clopper–Pearson 95%), a median not reached and a share
// without relapses as null, cmax_median in CAR-T cells.
Json ToJson(const sim::TrialSummary& s);
// The same keys as one CSV row.
Listing TrialListing(const sim::TrialSummary& s);

// {strategy_a, strategy_b, patients, a: {trial keys}, b: {trial keys},
// differences: [{endpoint, a, b, difference, lower, upper}]}.
Json ToJson(const sim::CompareResult& r);
// endpoint, a, b, difference, lower, upper.
Listing DifferenceListing(const std::vector<sim::Difference>& d);

// The time courses of one patient: day, infused_cells, effector_cells,
// memory_cells, car_t_cells, tumour_positive_cells, tumour_negative_cells,
// tumour_low_antigen_cells, normal_cells, il6_pg_ml, icans_signal_pg_ml,
// tocilizumab_mg_l, steroids.
Listing CourseListing(const std::vector<sim::TimePoint>& course);

// {product, indication, best_response, cr_by_day28, cr_by_day90, cmax_cells,
// tmax_days, auc28_cell_days, persistence_days, pfs_days, pfs_event, os_days,
// died, relapse, crs_grade, icans_grade, il6_peak_pg_ml, aplasia_days,
// tocilizumab, steroids, hsct}.
Json ToJson(const sim::Scenario& s, const sim::PatientOutcome& o);

// {patients, seed, settings, fitted: [{product, indication, potency,
// crs_scale, cohorts, evaluations}], excluded: [{cohort, endpoints, reason}],
// rows: [calibration rows], inside: [the score, CalibrationCountListing]}:
// the fitted set with the data it saw.
Json ToJson(const sim::CalibrateResult& r);
// cohort, product, indication, endpoint, n, observed, lower, upper,
// simulated, inside, held_out.
Listing CalibrationListing(const std::vector<sim::CalibrationRow>& rows);
// endpoint, fitted_inside, fitted, held_out_inside, held_out (sim::CountInside).
Listing CalibrationCountListing(const std::vector<sim::CalibrationCount>& counts);

// The most virtual patients a front end may ask for in one trial (the
// command has no bound; 5,000 take about a second on one core).
inline constexpr long kMaxServedPatients = 5000;

// The virtual trial a front end asks for: {product, indication, patients
// (1 to kMaxServedPatients, default 400), seed (default 1), strategy, set},
// strategy and set as arrays of text or one comma-separated text, as the
// command's --strategy and --set. Refused with the field at fault: a missing
// or unknown product or indication, an unknown strategy, an assignment that
// is not NAME=NUMBER ("set") or a value its parameter refuses (the
// parameter's name), a patient count out of bounds, an unknown key.
Result<sim::TrialRequest> SimTrialRequestFromJson(const Json& j);
// {product, indication, patients, seed, trial: {trial keys}, svg}: a trial
// with its Kaplan–Meier figure (sim::TrialFigure) as SVG text.
Json SimTrialJson(const sim::TrialRequest& q, const sim::TrialSummary& s, const std::string& svg);

// name, value, unit, source: the parameters of a scenario.
Listing ParameterListing(const std::vector<sim::ParameterInfo>& parameters);

}  // namespace carta::api

#endif  // CARTA_API_SIM_H_
