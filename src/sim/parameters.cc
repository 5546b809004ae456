// The parameter table: one row per number of a Scenario, with its unit, its
// source and its allowed range. DescribeParameters, SetParameter and
// Validate all read it, so a parameter is declared once.
#include <cmath>
#include <numeric>

#include "carta/sim/model.h"

namespace carta::sim {

namespace {

enum class Range { kNonNegative, kPositive, kFraction };

struct Row {
  const char* name;
  const char* unit;
  const char* source;
  Range range;
  double& (*ref)(Scenario&);
};

// Sources: "V" values were checked against published model files
// (/work/shared/MODEL.md); "prior" values are starting points for calibration.
const Row kRows[] = {
    {"dose_cells", "cells", "product label (median dose)", Range::kPositive,
     [](Scenario& s) -> double& { return s.product.dose_cells; }},
    {"vein_to_vein_days", "day", "product label / trials (prior)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.product.vein_to_vein_days; }},
    {"expansion_per_day", "1/day", "MODEL.md backbone (rho ~ 1.05; Stein 2019)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.product.expansion_per_day; }},
    {"effector_loss_per_day", "1/day", "Stein 2019 alpha (both costimulatory domains)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.product.effector_loss_per_day; }},
    {"memory_per_day", "1/day", "Stein 2019 FB x alpha", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.product.memory_per_day; }},
    {"memory_loss_per_day", "1/day", "Stein 2019 beta; Ogasawara 2021 (liso-cel); Kimmel 2021 (CD28)",
     Range::kNonNegative, [](Scenario& s) -> double& { return s.product.memory_loss_per_day; }},
    {"potency", "1", "fitted here per product and indication (carta sim calibrate); else 2.2, their median", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.product.potency; }},
    {"crs_scale", "1", "fitted here where the pair's cohorts printed grade>=3 CRS or ICANS; else 1",
     Range::kNonNegative, [](Scenario& s) -> double& { return s.product.crs_scale; }},
    {"fold_expansion_max", "1", "Stein 2019 foldx 3900 (V); 0 = no program limit",
     Range::kNonNegative,
     [](Scenario& s) -> double& { return s.product.fold_expansion_max; }},
    {"growth_per_day", "1/day", "MODEL.md prior per disease", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.disease.growth_per_day; }},
    {"capacity_cells", "cells", "assumption (Gompertz plateau)", Range::kPositive,
     [](Scenario& s) -> double& { return s.disease.capacity_cells; }},
    {"burden_median_cells", "cells", "assumption per disease (prior)", Range::kPositive,
     [](Scenario& s) -> double& { return s.disease.burden_median_cells; }},
    {"burden_sd_log", "log", "assumption", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.disease.burden_sd_log; }},
    {"cr_cells", "cells", "response criteria (MRD 1e-4 of 1e12 marrow cells; PET ~1e9)", Range::kPositive,
     [](Scenario& s) -> double& { return s.disease.cr_cells; }},
    {"detect_cells", "cells", "assumption (clinical detection)", Range::kPositive,
     [](Scenario& s) -> double& { return s.disease.detect_cells; }},
    {"antigen_negative_fraction", "1", "prior (antigen-negative relapse 10-30%)", Range::kFraction,
     [](Scenario& s) -> double& { return s.disease.antigen_negative_fraction; }},
    {"antigen_loss_per_day", "1/day", "prior (antigen-negative relapse 10-30%)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.disease.antigen_loss_per_day; }},
    {"low_antigen_fraction", "1", "assumption (antigen density: PR without CR); 0 = off (default)", Range::kFraction,
     [](Scenario& s) -> double& { return s.disease.low_antigen_fraction; }},
    {"normal_cells", "cells", "assumption (B-cell or plasma-cell pool)", Range::kPositive,
     [](Scenario& s) -> double& { return s.disease.normal_cells; }},
    {"normal_lifetime_days", "day", "Leon-Triana 2021 (B cells, 60 d)", Range::kPositive,
     [](Scenario& s) -> double& { return s.disease.normal_lifetime_days; }},
    {"nonrelapse_death_per_year", "1/year", "assumption", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.disease.nonrelapse_death_per_year; }},
    {"post_progression_median_months", "month", "assumption per disease", Range::kPositive,
     [](Scenario& s) -> double& { return s.disease.post_progression_median_months; }},
    {"tocilizumab_mg", "mg", "label: 8 mg/kg at 70 kg", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.regimen.tocilizumab_mg; }},
    {"tocilizumab_max_doses", "doses", "label: at most 4 doses for CRS", Range::kPositive,
     [](Scenario& s) -> double& { return s.regimen.tocilizumab_max_doses; }},
    {"tocilizumab_interval_days", "day", "label: at least 8 h between doses", Range::kPositive,
     [](Scenario& s) -> double& { return s.regimen.tocilizumab_interval_days; }},
    {"steroid_days", "day", "assumption", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.regimen.steroid_days; }},
    {"hsct_day", "day", "assumption (explicit input)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.regimen.hsct_day; }},
    {"hsct_log10_kill", "log10", "assumption (explicit input)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.regimen.hsct_log10_kill; }},
    {"hsct_mortality", "1", "assumption (explicit input)", Range::kFraction,
     [](Scenario& s) -> double& { return s.regimen.hsct_mortality; }},
    {"distribution_per_day", "1/day", "assumption (lag before expansion)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.distribution_per_day; }},
    {"stimulation_ec50_cells", "cells", "assumption (Chaudhury 2020 form)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.stimulation_ec50_cells; }},
    {"normal_stimulation", "1", "assumption (normal cells carry less antigen; Leon-Triana 2021 treat them as a sink)",
     Range::kFraction, [](Scenario& s) -> double& { return s.coupling.normal_stimulation; }},
    {"kill_per_day", "1/day", "Kimmel 2021 (BIOMD0000001041)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.coupling.kill_per_day; }},
    {"kill_ec50_cells", "cells", "Kimmel 2021 (BIOMD0000001041)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.kill_ec50_cells; }},
    {"memory_reactivation_per_day", "1/day", "assumption", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.coupling.memory_reactivation_per_day; }},
    {"extinction_cells", "cells", "Kimmel 2021 (~100 cells)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.extinction_cells; }},
    {"il6_baseline_pg_ml", "pg/mL", "assumption (healthy ~2)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.coupling.il6_baseline_pg_ml; }},
    {"il6_elimination_per_day", "1/day", "Hardiansyah & Ng 2019", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.il6_elimination_per_day; }},
    {"il6_per_killed_cell", "pg/mL per cell/day", "prior (the calibration's CRS scale multiplies it)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.coupling.il6_per_killed_cell; }},
    {"il6_per_activated_cell", "pg/mL per dividing cell/day",
     "prior (Hardiansyah & Ng 2019: cytokines from CAR-T/target encounters; median CRS onset day 2-3)",
     Range::kNonNegative, [](Scenario& s) -> double& { return s.coupling.il6_per_activated_cell; }},
    {"myeloid_activation_per_day", "1/day", "assumption (Giavridis 2018; Norelli 2018: myeloid cells make CRS)",
     Range::kNonNegative, [](Scenario& s) -> double& { return s.coupling.myeloid_activation_per_day; }},
    {"myeloid_recovery_per_day", "1/day", "assumption", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.coupling.myeloid_recovery_per_day; }},
    {"myeloid_il6_ec50_pg_ml", "pg/mL", "assumption", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.myeloid_il6_ec50_pg_ml; }},
    {"myeloid_amplification", "1",
     "prior (IL-1 etc., not blocked by tocilizumab; chosen for grade>=3 CRS ~32% kymriah B-ALL, ~12% yescarta LBCL)",
     Range::kNonNegative, [](Scenario& s) -> double& { return s.coupling.myeloid_amplification; }},
    {"il6_fever_pg_ml", "pg/mL", "prior (ordinal cut-point)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.il6_fever_pg_ml; }},
    {"il6_hypotension_pg_ml", "pg/mL", "prior (ordinal cut-point)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.il6_hypotension_pg_ml; }},
    {"il6_vasopressor_pg_ml", "pg/mL", "prior (ordinal cut-point)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.il6_vasopressor_pg_ml; }},
    {"il6_multi_vasopressor_pg_ml", "pg/mL", "prior (ordinal cut-point)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.il6_multi_vasopressor_pg_ml; }},
    {"icans_scale_cd28", "1",
     "prior (CD28 > 4-1BB for ICANS; chosen with icans_ice_pg_ml for grade>=3 ICANS ~11% kymriah B-ALL, ~31% "
     "yescarta LBCL)",
     Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.icans_scale_cd28; }},
    {"icans_ice_pg_ml", "pg/mL", "prior (ordinal cut-point)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.icans_ice_pg_ml; }},
    {"neuro_per_day", "1/day",
     "assumption (a lag of about a day behind the cytokine drive; ICANS begins after CRS: median onset 5 vs 2 "
     "days in ZUMA-1, Neelapu 2017)",
     Range::kPositive, [](Scenario& s) -> double& { return s.coupling.neuro_per_day; }},
    {"toci_clearance_l_day", "L/day", "Moes 2022", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.coupling.toci_clearance_l_day; }},
    {"toci_volume_l", "L", "Moes 2022", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.toci_volume_l; }},
    {"toci_vmax_mg_day", "mg/day", "Moes 2022", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.coupling.toci_vmax_mg_day; }},
    {"toci_km_mg_l", "mg/L", "Moes 2022", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.toci_km_mg_l; }},
    {"toci_ic50_mg_l", "mg/L", "assumption (receptor saturation above ~1 mg/L trough)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.toci_ic50_mg_l; }},
    {"steroid_effect", "1", "assumption", Range::kFraction,
     [](Scenario& s) -> double& { return s.coupling.steroid_effect; }},
    {"car_lloq_cells", "cells", "assumption (qPCR LLOQ, whole body)", Range::kPositive,
     [](Scenario& s) -> double& { return s.coupling.car_lloq_cells; }},
    {"aplasia_fraction", "1", "assumption", Range::kFraction,
     [](Scenario& s) -> double& { return s.coupling.aplasia_fraction; }},
    {"dual_escape_fraction", "1", "assumption (dual targeting)", Range::kFraction,
     [](Scenario& s) -> double& { return s.coupling.dual_escape_fraction; }},
    {"low_antigen_kill", "1", "prior, median over patients (Majzner 2020: activity falls with antigen density)", Range::kFraction,
     [](Scenario& s) -> double& { return s.coupling.low_antigen_kill; }},
    {"expansion_sd", "log", "prior, bound sqrt(0.38) (Stein 2019)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.variability.expansion_sd; }},
    {"effector_loss_sd", "log", "prior, bound sqrt(0.91) (Stein 2019)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.variability.effector_loss_sd; }},
    {"memory_loss_sd", "log", "prior, bound sqrt(0.86) (Stein 2019)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.variability.memory_loss_sd; }},
    {"potency_sd", "log", "prior, bound sqrt(0.65) (Stein 2019)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.variability.potency_sd; }},
    {"fold_sd", "log", "prior, bound sqrt(2.4) (Stein 2019)", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.variability.fold_sd; }},
    {"low_antigen_sd", "log", "assumption", Range::kNonNegative,
     [](Scenario& s) -> double& { return s.variability.low_antigen_sd; }},
    {"crs_sd", "log", "prior", Range::kNonNegative, [](Scenario& s) -> double& { return s.variability.crs_sd; }},
    {"icans_sd", "log", "prior", Range::kNonNegative, [](Scenario& s) -> double& { return s.variability.icans_sd; }},
    {"horizon_days", "day", "5 years", Range::kPositive, [](Scenario& s) -> double& { return s.horizon_days; }},
};

Status Check(const Row& row, double v) {
  const std::string name = row.name;
  if (!std::isfinite(v)) return Status::InvalidArgument(name + " must be a finite number").WithField(name);
  if (v < 0)
    return Status::InvalidArgument(name + " must not be negative (got " + std::to_string(v) + ")").WithField(name);
  if (row.range == Range::kPositive && v == 0)
    return Status::InvalidArgument(name + " must be positive").WithField(name);
  if (row.range == Range::kFraction && v > 1) {
    return Status::InvalidArgument(name + " must be a fraction in [0, 1] (got " + std::to_string(v) + ")")
        .WithField(name);
  }
  return Status::Ok();
}

Status CheckRegimen(const Regimen& r) {
  if (r.fractions.empty() || r.fractions.size() != r.fraction_days.size()) {
    return Status::InvalidArgument("fractions and fraction_days must pair up, one share per infusion day")
        .WithField("fractions");
  }
  for (size_t i = 0; i < r.fractions.size(); ++i) {
    if (!(r.fractions[i] > 0 && r.fractions[i] <= 1)) {
      return Status::InvalidArgument("each fraction must be in (0, 1]").WithField("fractions");
    }
    if (!(r.fraction_days[i] >= 0 && r.fraction_days[i] <= 60)) {
      return Status::InvalidArgument("infusion days must be within 0-60").WithField("fraction_days");
    }
    if (i > 0 && r.fraction_days[i] <= r.fraction_days[i - 1]) {
      return Status::InvalidArgument("infusion days must increase").WithField("fraction_days");
    }
  }
  const double total = std::accumulate(r.fractions.begin(), r.fractions.end(), 0.0);
  if (std::fabs(total - 1) > 1e-9) return Status::InvalidArgument("fractions must sum to 1").WithField("fractions");
  if (r.tocilizumab_crs_grade < 0 || r.tocilizumab_crs_grade > 4) {
    return Status::InvalidArgument("the tocilizumab CRS grade must be 0 (never) to 4")
        .WithField("tocilizumab_crs_grade");
  }
  if (r.tocilizumab_max_doses != std::floor(r.tocilizumab_max_doses) || r.tocilizumab_max_doses > 8) {
    return Status::InvalidArgument("tocilizumab_max_doses must be a whole number of doses, at most 8")
        .WithField("tocilizumab_max_doses");
  }
  if (r.steroid_crs_grade < 0 || r.steroid_crs_grade > 4 || r.steroid_icans_grade < 0 || r.steroid_icans_grade > 4) {
    return Status::InvalidArgument("steroid grades must be 0 (never) to 4").WithField("steroid_crs_grade");
  }
  return Status::Ok();
}

}  // namespace

std::vector<ParameterInfo> DescribeParameters(const Scenario& s) {
  Scenario copy = s;
  std::vector<ParameterInfo> out;
  for (const Row& row : kRows) out.push_back({row.name, row.ref(copy), row.unit, row.source});
  return out;
}

Status SetParameter(Scenario* s, std::string_view name, double value) {
  for (const Row& row : kRows) {
    if (name == row.name) {
      row.ref(*s) = value;
      return Status::Ok();
    }
  }
  return Status::InvalidArgument("unknown parameter '" + std::string(name) + "'").WithField(std::string(name));
}

Status Validate(const Scenario& s) {
  Scenario copy = s;
  for (const Row& row : kRows) {
    if (Status st = Check(row, row.ref(copy)); !st.ok()) return st;
  }
  if (s.product.targets.empty()) return Status::InvalidArgument("a product needs a target").WithField("product");
  return CheckRegimen(s.regimen);
}

}  // namespace carta::sim
