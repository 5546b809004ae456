// Pooling patient-level data from several studies (reconstructed from
// published curves with Guyot's algorithm, or original), always stratified
// by study: a study's patients are compared only with each other, never
// thrown into one sample with another study's (which would confound study
// with arm and mix baseline hazards; Abo-Zaid et al. 2013, BMJ Open 3:e002574).
#ifndef CARTA_SURVIVAL_POOL_IPD_H_
#define CARTA_SURVIVAL_POOL_IPD_H_

#include <optional>
#include <string>
#include <vector>

#include "carta/meta/rma.h"
#include "carta/survival/compare.h"
#include "carta/survival/data.h"
#include "carta/survival/km.h"
#include "carta/survival/pool.h"

namespace carta::survival {

// One study's patients; data.group is its arm when there are arms.
struct IpdStudy {
  std::string name;
  SurvData data;
};

struct IpdPoolOptions {
  std::vector<double> landmarks;        // times (data units) at which S(t) is pooled across studies
  PoolScale scale = PoolScale::kLogLog; // the scale of the two-stage pooling
  meta::FitOptions fit;                 // estimator, Hartung–Knapp, level
  std::string reference;                // reference arm of the stratified Cox model; "" for the first in sorted order
};

// One study's own estimates.
struct IpdStudySummary {
  std::string name;
  long n = 0, events = 0;
  double max_time = 0;                  // last follow-up time
  QuantileEstimate median;              // time NaN when not reached
  std::vector<SurvivalEstimate> at;     // at each landmark
};

// S(t) pooled in two stages: each study's Kaplan–Meier S(t) with its
// Greenwood variance (delta method onto the pooling scale; a study with S = 0
// or 1 at t takes the binomial variance of half a patient in from the bound),
// then a random-effects model (meta::Fit). A study whose follow-up ends before
// t is left out and named.
struct IpdLandmark {
  double time = 0;
  int k = 0;
  double surv = 0, surv_lb = 0, surv_ub = 0, surv_pi_lb = 0, surv_pi_ub = 0;
  double tau2 = 0, I2 = 0;
  std::vector<std::string> studies;            // in the model
  std::vector<double> weights;                 // percent, same order
  std::vector<std::string> left_out;           // follow-up shorter than `time`
};

struct IpdPool {
  std::vector<IpdStudySummary> studies;
  std::vector<IpdLandmark> landmarks;          // one per options.landmarks (k >= 2 studies), in order
  std::vector<std::string> landmark_notes;     // a landmark that could not be pooled, and why
  // One stage: with arms, the Cox model of arm stratified by study.
  std::optional<CoxResult> cox;
  std::string cox_note;                        // why there is no Cox model
  // All patients as one sample, ignoring study: shown for comparison only.
  KaplanMeier naive;
};

// Fails on fewer than two studies, a study that is not valid survival data
// (ValidateSurvData) or has no patients, or two studies with one name.
Result<IpdPool> PoolIpd(const std::vector<IpdStudy>& studies, const IpdPoolOptions& options);

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_POOL_IPD_H_
