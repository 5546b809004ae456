// Landmark survival pooled across the cohorts of the evidence base (e.g.
// 12-month PFS of CD19 products in LBCL). Cohorts that print S(L) are pooled
// on the logit or log(−log) scale with carta::meta's random-effects model.
// Cohorts that print only a median ("NR" or reached) or another landmark
// still say something about S(L) — the survival function does not increase —
// and count as censored observations (S(L) >= 1/2, <= 1/2, >= S(L') for L' > L,
// <= S(L') for L' < L) in a second, censored-likelihood model; never as
// missing, never as zero. Formulas and sources in doc/formulas.md.
#ifndef CARTA_SURVIVAL_POOL_H_
#define CARTA_SURVIVAL_POOL_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"
#include "carta/evidence/registrations.h"
#include "carta/meta/rma.h"

namespace carta::survival {

enum class PoolScale {
  kLogit,   // y = log(S/(1 − S)), var ≈ 1/(n S (1 − S))
  kLogLog,  // y = log(−log S), var ≈ (1 − S)/(n S (log S)²) (the scale of survfit's log-log intervals)
};
Result<PoolScale> ParsePoolScale(const std::string& name);  // "logit", "loglog" ("log-log", "cloglog")
const char* PoolScaleName(PoolScale scale);

struct LandmarkQuery {
  std::string endpoint = "pfs";  // os, pfs, efs or rfs
  int landmark_months = 12;      // the evidence keys are <endpoint>_<N>mo, N whole months
  std::string target;            // "" for any; canonical antigen
  std::string indication;        // "" for any; sub-types included (LBCL includes DLBCL)
  std::string product_id;        // "" for any
  PoolScale scale = PoolScale::kLogLog;
  meta::FitOptions fit;          // estimator, Hartung–Knapp, level: for the reported values
  evidence::RegistrationRule registrations;  // cohorts of one registration and indication: once by default
};

// What one cohort says about S(L), as an interval of survival (a point when reported).
struct LandmarkStudy {
  std::string cohort;
  std::string source;            // provenance of the value used ("[53] Table 3")
  long n = 0;
  bool reported = false;         // S(L) printed; otherwise bounded
  double surv_lower = 0, surv_upper = 1;  // proportions; equal when reported
  double yi = 0, vi = 0;         // on the pooling scale; bounded: yi NaN, vi at the lower bound (else the upper)
  double weight = 0;             // percent, in the model of reported values (0 for bounds)
  std::string basis;             // "pfs_12mo = 74.6%", "pfs_median = NR (follow-up 15.9 months)"
  std::string note;              // e.g. a continuity correction
};

// The censored-likelihood random-effects model: reported values y_i ~
// N(μ, τ² + v_i); a bounded cohort contributes P(y_i in its interval) under the
// same distribution, with v_i at its bound (Tobin 1958). Maximum likelihood;
// SE of μ given τ̂, as rma() gives it.
struct CensoredPool {
  int k_reported = 0, k_bounded = 0;
  double mu = 0, se_mu = 0, tau2 = 0, loglik = 0;
  double surv = 0, surv_lb = 0, surv_ub = 0;  // μ and its Wald interval, back-transformed
};

struct LandmarkPool {
  LandmarkQuery query;
  std::string description;       // the selection in words
  std::vector<LandmarkStudy> studies;  // reported first, then bounded, each in evidence order
  std::vector<std::pair<std::string, std::string>> excluded;  // cohort, why
  std::vector<evidence::SetAside> set_aside;  // another cohort of the registration is pooled
  // The random-effects model of the reported values (k >= 2), with the pooled
  // survival and its confidence and prediction intervals (NaN without it).
  std::optional<meta::FitResult> fit;
  double surv = 0, surv_lb = 0, surv_ub = 0, surv_pi_lb = 0, surv_pi_ub = 0;
  // With bounded cohorts too (>= 1 reported and >= 2 cohorts in all).
  std::optional<CensoredPool> censored;
};

// Fails on an unknown endpoint, a landmark outside 1..999 months, or when
// neither model can be fitted (fewer than 2 cohorts with a value or a bound,
// or none that reports S(L)); the message counts what was found.
Result<LandmarkPool> PoolLandmark(const evidence::EvidenceBase& eb, const LandmarkQuery& query);

// Reported values only: y and v on `scale` for S of n patients (0 and 1 moved
// in by half a patient), and back. Exposed for tests.
std::pair<double, double> LandmarkEffect(PoolScale scale, double surv, long n);
double LandmarkSurvival(PoolScale scale, double y);

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_POOL_H_
