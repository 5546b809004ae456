// CAR-HEMATOTOX (Rejeski et al., Blood 2021;138:2499-2513), EASIX (Luft et
// al., Lancet Haematol 2017;4:e414-e423) and m-EASIX (Pennisi et al., Blood
// Adv 2021;5:3397-3406).
#include "carta/clinical/scores.h"

#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "carta/clinical/units.h"

namespace carta::clinical {

namespace {

// Rejeski 2021, the CAR-HEMATOTOX model: platelets > 175 G/L 0, 75-175 1, < 75 2.
int PlateletPoints(double platelets_giga_l) { return platelets_giga_l > 175 ? 0 : platelets_giga_l >= 75 ? 1 : 2; }
// ANC > 1200/µL 0, < 1200/µL 1 (1200/µL itself scores: see scores.h).
int AncPoints(double anc_giga_l) { return anc_giga_l > 1.2 ? 0 : 1; }
// Haemoglobin > 9.0 g/dL 0, < 9.0 1.
int HemoglobinPoints(double hemoglobin_g_dl) { return hemoglobin_g_dl > 9.0 ? 0 : 1; }
// CRP < 3.0 mg/dL 0, > 3.0 1.
int CrpPoints(double crp_mg_dl) { return crp_mg_dl < 3.0 ? 0 : 1; }
// Ferritin < 650 ng/mL 0, 650-2000 1, > 2000 2.
int FerritinPoints(double ferritin_ng_ml) { return ferritin_ng_ml < 650 ? 0 : ferritin_ng_ml <= 2000 ? 1 : 2; }

// Range-checks each value before it is scored.
Status CheckAll(std::initializer_list<std::pair<Quantity, double>> values) {
  for (const auto& [q, v] : values) {
    Status s = CheckRange(q, v);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

ScoreItem Item(const char* item, Quantity q, double value, int points, const char* rule) {
  return {item, value, CanonicalUnit(q), points, rule};
}

Result<EasixResult> EasixOf(const char* name, double ldh_u_l, Quantity middle, const char* middle_item,
                            double middle_value, double platelets_giga_l) {
  Status s = CheckAll({{Quantity::kLdh, ldh_u_l}, {middle, middle_value}, {Quantity::kPlatelets, platelets_giga_l}});
  if (!s.ok()) return s;
  if (platelets_giga_l <= 0) return Status::InvalidArgument(std::string(name) + " needs platelets > 0 (10^9/L)");
  if (middle_value <= 0) {
    return Status::InvalidArgument(std::string(name) + " needs " + middle_item +
                                   " > 0 (log2 of 0 is undefined; give the assay's detection limit)");
  }
  EasixResult r;
  r.score = name;
  r.value = ldh_u_l * middle_value / platelets_giga_l;
  r.log2_value = std::log2(r.value);
  r.items = {Item("ldh", Quantity::kLdh, ldh_u_l, 0, "multiplied"),
             Item(middle_item, middle, middle_value, 0, "multiplied"),
             Item("platelets", Quantity::kPlatelets, platelets_giga_l, 0, "divided by")};
  return r;
}

}  // namespace

Result<HematotoxResult> CarHematotox(const HematotoxInput& in) {
  Status s = CheckAll({{Quantity::kPlatelets, in.platelets_giga_l},
                       {Quantity::kAnc, in.anc_giga_l},
                       {Quantity::kHemoglobin, in.hemoglobin_g_dl},
                       {Quantity::kCrp, in.crp_mg_dl},
                       {Quantity::kFerritin, in.ferritin_ng_ml}});
  if (!s.ok()) return s;
  HematotoxResult r;
  r.source = "Rejeski et al., Blood 2021;138:2499-2513 (CAR-HEMATOTOX); low 0-1, high >= 2";
  r.items = {
      Item("platelets", Quantity::kPlatelets, in.platelets_giga_l, PlateletPoints(in.platelets_giga_l),
           "> 175: 0; 75-175: 1; < 75: 2"),
      Item("anc", Quantity::kAnc, in.anc_giga_l, AncPoints(in.anc_giga_l), "> 1.2 (1200/µL): 0; <= 1.2: 1"),
      Item("hemoglobin", Quantity::kHemoglobin, in.hemoglobin_g_dl, HemoglobinPoints(in.hemoglobin_g_dl),
           "> 9.0: 0; <= 9.0: 1"),
      Item("crp", Quantity::kCrp, in.crp_mg_dl, CrpPoints(in.crp_mg_dl), "< 3.0: 0; >= 3.0: 1"),
      Item("ferritin", Quantity::kFerritin, in.ferritin_ng_ml, FerritinPoints(in.ferritin_ng_ml),
           "< 650: 0; 650-2000: 1; > 2000: 2"),
  };
  for (const auto& item : r.items) r.score += item.points;
  r.risk = r.score >= 2 ? "high" : "low";  // Rejeski 2021: low 0-1, high >= 2
  return r;
}

Result<EasixResult> Easix(double ldh_u_l, double creatinine_mg_dl, double platelets_giga_l) {
  return EasixOf("EASIX", ldh_u_l, Quantity::kCreatinine, "creatinine", creatinine_mg_dl, platelets_giga_l);
}

Result<EasixResult> ModifiedEasix(double ldh_u_l, double crp_mg_dl, double platelets_giga_l) {
  return EasixOf("m-EASIX", ldh_u_l, Quantity::kCrp, "crp", crp_mg_dl, platelets_giga_l);
}

}  // namespace carta::clinical
