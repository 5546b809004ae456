// The survival use cases, one per `carta surv` subcommand, for every front end
// (the command, the HTTP server): Kaplan–Meier analysis of patient rows,
// parametric and cure models extrapolated to long-term horizons, patient rows
// reconstructed from a published curve, landmark survival pooled across the
// evidence base, and patient data of several studies pooled by study. Each
// takes a request of text and values (never a file path) and returns a
// result the api module encodes (carta/api/survival.h). The analysis policy
// (which distributions "all" fits, the extrapolation horizons, when the Cox
// model is reported) lives here, with its reasons.
#ifndef CARTA_SURVIVAL_ANALYZE_H_
#define CARTA_SURVIVAL_ANALYZE_H_

#include <optional>
#include <string>
#include <vector>

#include "carta/core/progress.h"
#include "carta/core/status.h"
#include "carta/evidence/model.h"
#include "carta/survival/compare.h"
#include "carta/survival/data.h"
#include "carta/survival/km.h"
#include "carta/survival/parametric.h"
#include "carta/survival/pool.h"
#include "carta/survival/pool_ipd.h"
#include "carta/survival/reconstruct.h"
#include "carta/evidence/time_unit.h"

namespace carta::survival {

// Survival times are in the evidence base's one time unit type.
using evidence::MonthsPerUnit;
using evidence::ParseTimeUnit;
using evidence::TimeUnit;
using evidence::TimeUnitName;
using evidence::TimeUnitNames;
using evidence::YearsIn;


// Patient rows as CSV text (time,event[,group][,bhazard]; ParseSurvCsv), with
// the name that messages give it ("aml.csv": a file name, a request field).
struct SurvInput {
  std::string csv;
  std::string source;
  SurvColumns columns;
};

// ---- Kaplan–Meier ----------------------------------------------------------

struct KmRequest {
  SurvInput input;
  KmOptions km;                // interval scale; level in (0, 1)
  std::vector<double> at;      // landmark times (data units); S(t) per group at each
  double rmst_horizon = 0;     // restricted mean up to this time; 0 for none
  std::string reference;       // reference group of the Cox model; "" for the first in sorted order
  bool steps = false;          // the front end shows every step of each curve (the result always has them)
};

// One group's curve and what is read off it.
struct KmGroup {
  std::string group;                     // "" for data without groups
  KaplanMeier curve;
  QuantileEstimate median;               // Brookmeyer–Crowley interval; NaN when not reached
  std::vector<SurvivalEstimate> at;      // one per KmRequest::at, same order
  std::optional<RestrictedMean> rmst;    // when rmst_horizon > 0
};

struct KmAnalysis {
  KmOptions options;
  std::vector<double> at;
  double rmst_horizon = 0;
  bool steps = false;
  std::vector<KmGroup> groups;           // GroupLevels order
  // With two or more groups: the log-rank test and the Cox model of group.
  std::optional<LogRankResult> logrank;
  std::optional<CoxResult> cox;
  std::string cox_note;                  // why there is no Cox model, when there are groups
  // What the numbers do not say by themselves: an RMST horizon past a group's
  // last follow-up (the curve is carried flat to it, as survmean() does).
  std::vector<std::string> warnings;
};

// Parses the rows and fits one Kaplan–Meier curve per group. With two or more
// groups it adds the log-rank test and the Cox model (Efron ties). A Cox model
// that cannot be fitted (e.g. a group without events) is not a failure: the
// result says why in cox_note, because the curves and the log-rank test still
// stand. Fails on rows ParseSurvCsv rejects (message "source:line: ..."), an
// estimator failure (prefixed with the source), an RMST horizon the curves
// cannot give (field "rmst"), or a `reference` that is not one of the groups
// (field "reference": asking for a group that is not there is an error, not a
// note), or a landmark time that is not a finite time >= 0 (field "at").
Result<KmAnalysis> AnalyzeKaplanMeier(const KmRequest& request, Progress* progress = nullptr);

// ---- Parametric and cure models ---------------------------------------------

// The horizons, in years, at which every fit also gives S(t): 5 and 10 years,
// the horizons of health-technology appraisals of long-term survival (NICE DSU
// TSD 14; cure models of CAR-T therapy). They follow the request's own times,
// in this order, so that a front end finds them as the last predictions.
inline constexpr double kExtrapolationYears[] = {5.0, 10.0};

// "all" for every distribution (exponential to the generalised gamma, in
// Dist order: the order of the model-comparison table), or one name ParseDist
// accepts. InvalidArgument listing the names otherwise.
Result<std::vector<Dist>> ParseDists(const std::string& name);

struct FitRequest {
  SurvInput input;
  std::vector<Dist> dists = {Dist::kWeibull};  // fitted in this order
  Cure cure = Cure::kNone;
  CureLink link = CureLink::kLogistic;
  double level = 0.95;               // of every interval, in (0, 1)
  TimeUnit time_unit = TimeUnit::kMonths;  // of the time column
  double bhazard = -1;               // background hazard per time unit for every patient; < 0: the data's own column, if any
  std::vector<double> at;            // more times (data units) for S(t), before the extrapolation horizons
};

struct FitModelsResult {
  TimeUnit time_unit = TimeUnit::kMonths;
  std::vector<ParametricFit> fits;   // one per requested distribution, in request order
  SurvData data;                     // the rows fitted (a figure draws their Kaplan–Meier curve)
  // The time up to which a figure draws the fitted curves: the longest
  // extrapolation horizon, or the last follow-up time when that is later.
  double plot_until = 0;
};

// Fits each distribution (with the cure model and background hazard asked
// for) by maximum likelihood. Data with several groups are refused: a
// parametric model pools them into one survival curve, which is rarely what is
// meant (fit one group at a time). Fails on invalid rows, several groups, or
// the first fit that fails (prefixed with the source).
Result<FitModelsResult> FitModels(const FitRequest& request, Progress* progress = nullptr);

// ---- Reconstruction from a published curve ---------------------------------

struct ReconstructRequest {
  std::string points_csv, points_source;  // time,survival read off the curve
  std::string risk_csv, risk_source;      // time,nrisk: the numbers-at-risk table
  long total_events = -1;                 // when the publication gives it; -1 otherwise
};

// Guyot et al. (2012). The result's patients are sorted by time, events
// before censorings at one time (the order every front end prints). Fails on
// CSV errors ("source:line: ..."), more events than patients at risk at the
// start (field "events"), or what Reconstruct rejects.
Result<Reconstruction> ReconstructPatients(const ReconstructRequest& request, Progress* progress = nullptr);

// ---- Landmark survival pooled from the evidence base -------------------------

struct LandmarkPoolRequest {
  std::string endpoint = "pfs";      // os, pfs, efs or rfs
  int landmark_months = 12;          // whole months, 1..999
  // The cohort filter as a user names it (evidence::ResolveCohortFilter):
  // any antigen or indication spelling, a product's brand, INN or code; "" for any.
  std::string target, indication, product;
  PoolScale scale = PoolScale::kLogLog;
  meta::FitOptions fit;              // estimator, Hartung–Knapp, level
  evidence::RegistrationRule registrations;  // one cohort per registration and indication by default
};

// The endpoint names PoolLandmark accepts, for a front end's choices.
const std::vector<std::string>& PoolEndpoints();

// Resolves the filter and pools (PoolLandmark). Fails as ResolveCohortFilter
// does (field "target", "indication" or "product") or as PoolLandmark does.
Result<LandmarkPool> PoolEvidenceLandmark(const evidence::EvidenceBase& eb, const LandmarkPoolRequest& request,
                                          Progress* progress = nullptr);

// ---- Patient data of several studies ---------------------------------------

struct IpdStudyInput {
  std::string name;                  // the study's name in the result; unique
  SurvInput input;
};

struct IpdPoolRequest {
  std::vector<IpdStudyInput> studies;
  IpdPoolOptions options;
};

// The name a study read from a file takes: the file name without folders and
// extension ("runs/adeno.csv" -> "adeno").
std::string StudyName(const std::string& source);

// Parses each study's rows and pools them stratified by study (PoolIpd).
// Fails on the first study whose rows do not parse, or as PoolIpd does.
Result<IpdPool> PoolPatientData(const IpdPoolRequest& request, Progress* progress = nullptr);

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_ANALYZE_H_
