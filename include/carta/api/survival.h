// JSON of the survival use cases (carta/survival/analyze.h): the results as
// `carta surv ... --format json` prints them (keys in the order doc/cli.md
// lists), the requests as a server receives them, and the CSV listings.
#ifndef CARTA_API_SURVIVAL_H_
#define CARTA_API_SURVIVAL_H_

#include "carta/api/json.h"
#include "carta/api/listing.h"
#include "carta/core/status.h"
#include "carta/survival/analyze.h"

namespace carta::api {

// {"conf_type", "level", "groups": [{"group", "n", "events", "median",
// "median_ci_lb", "median_ci_ub", "survival_at", "rmst"?, "steps"?}],
// "logrank"?, "cox"?, "cox_note"?}; "steps" when the request asked for them.
Json ToJson(const survival::KmAnalysis& r);
// The Cox model: {"reference", "ties", "terms", "n", "events", "loglik_null", ...}.
Json ToJson(const survival::CoxResult& c);
// {"patients": [{"time", "event"}], "quality", "preprocessing"}.
Json ToJson(const survival::Reconstruction& r);
// One fit: {"dist", "cure", "link", "time_unit", ...}.
Json ToJson(const survival::ParametricFit& f, survival::TimeUnit unit);
// One fit as above; several as {"fits": [...]}.
Json ToJson(const survival::FitModelsResult& r);
// {"endpoint", "landmark_months", "scale", "selection", ..., "studies", "excluded"}.
Json ToJson(const survival::LandmarkPool& pool);
// {"studies", "landmarks", "landmark_notes", "cox", "stratified_by", "naive", "cox_note"?}.
Json ToJson(const survival::IpdPool& pool);

// CSV listings: every step of every group's curve; every parameter of every fit.
Listing KmStepsListing(const survival::KmAnalysis& r);
Listing FitParametersListing(const survival::FitModelsResult& r);

// Requests. Each is an object; a key it does not know, or a value of the wrong
// type or outside its range, fails with InvalidArgument and the key as the
// status's field. Levels are proportions (0.95), as the results print them.
//   km:    {"csv" (required), "source", "time_col", "event_col", "group_col",
//           "conf_type", "level", "at", "rmst", "reference", "steps"}
//   fit:   {"csv" (required), "source", "time_col", "event_col", "group_col",
//           "dist" (a name or "all"), "cure", "link", "level", "time_unit",
//           "bhazard", "at"}
//   reconstruct: {"points" (required), "risk" (required), "points_source",
//           "risk_source", "events"}
//   pool:  {"endpoint", "landmark_months", "target", "indication", "product",
//           "scale", "method", "knha", "level"}
//   ipd pool: {"studies" (required): [{"name", "csv"}], "time_col",
//           "event_col", "group_col", "at", "scale", "method", "knha",
//           "level", "reference"}
Result<survival::KmRequest> KmRequestFromJson(const Json& j);
Result<survival::FitRequest> FitRequestFromJson(const Json& j);
Result<survival::ReconstructRequest> ReconstructRequestFromJson(const Json& j);
Result<survival::LandmarkPoolRequest> LandmarkPoolRequestFromJson(const Json& j);
Result<survival::IpdPoolRequest> IpdPoolRequestFromJson(const Json& j);

}  // namespace carta::api

#endif  // CARTA_API_SURVIVAL_H_
