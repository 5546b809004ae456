// Risk scores computed from routine laboratory values before or after CAR-T
// infusion: CAR-HEMATOTOX (haematotoxicity), EASIX and m-EASIX (endothelial
// activation; CRS and ICANS risk). Inputs are in canonical units (see
// units.h); ParseMeasurement converts others.
#ifndef CARTA_CLINICAL_SCORES_H_
#define CARTA_CLINICAL_SCORES_H_

#include <string>
#include <vector>

#include "carta/core/status.h"

namespace carta::clinical {

// One scored item: the value, its unit, the points and the rule applied.
struct ScoreItem {
  std::string item;  // "platelets", "anc", ...
  double value = 0;  // in `unit`
  std::string unit;
  int points = 0;
  std::string rule;  // the cut-offs, in words
};

// Baseline values for CAR-HEMATOTOX, measured before lymphodepletion (day -5).
struct HematotoxInput {
  double anc_giga_l = 0;          // absolute neutrophil count, 10^9/L
  double hemoglobin_g_dl = 0;     // g/dL
  double platelets_giga_l = 0;    // 10^9/L
  double crp_mg_dl = 0;           // C-reactive protein, mg/dL
  double ferritin_ng_ml = 0;      // ng/mL (= µg/L)
};

struct HematotoxResult {
  int score = 0;                 // 0-7
  std::string risk;              // "low" (0-1) or "high" (≥ 2)
  std::vector<ScoreItem> items;  // platelets, anc, hemoglobin, crp, ferritin
  std::string source;            // the citation and the risk cut-off
};

// CAR-HEMATOTOX (Rejeski et al., Blood 2021;138:2499-2513, the model figure):
//   platelets   > 175 × 10^9/L 0, 75-175 1, < 75 2
//   ANC         > 1.2 × 10^9/L (1200/µL) 0, < 1.2 1
//   haemoglobin > 9.0 g/dL 0, < 9.0 1
//   CRP         < 3.0 mg/dL 0, > 3.0 1
//   ferritin    < 650 ng/mL 0, 650-2000 1, > 2000 2
// low risk 0-1, high risk ≥ 2. A value exactly at a strict cut-off (ANC 1.2,
// haemoglobin 9.0, CRP 3.0) scores the point, as the banded items' closed
// middle ranges do (platelets 75 and 175, ferritin 650 and 2000 score 1).
// Fails on an impossible value (units.h ranges).
Result<HematotoxResult> CarHematotox(const HematotoxInput& in);

struct EasixResult {
  std::string score;      // "EASIX" or "m-EASIX"
  double value = 0;       // unitless
  double log2_value = 0;  // log2(value), the scale the studies report
  std::vector<ScoreItem> items;
};

// EASIX = LDH (U/L) × creatinine (mg/dL) / platelets (10^9/L) (Luft et al.,
// Lancet Haematol 2017;4:e414-e423; after CAR-T: Pennisi et al., Blood Adv
// 2021;5:3397-3406; Korell et al., Front Immunol 2022;13:877477). Fails on an
// impossible value or zero platelets.
Result<EasixResult> Easix(double ldh_u_l, double creatinine_mg_dl, double platelets_giga_l);

// m-EASIX = LDH (U/L) × CRP (mg/dL) / platelets (10^9/L) (Pennisi et al.,
// Blood Adv 2021). Fails as Easix does, and on CRP 0 (give the assay's
// detection limit: log2 of 0 is undefined).
Result<EasixResult> ModifiedEasix(double ldh_u_l, double crp_mg_dl, double platelets_giga_l);

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_SCORES_H_
