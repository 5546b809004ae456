// The description of a virtual CAR-T treatment, kept apart from the state of
// one patient (patient.h) and from the solver (solver.h), as OpenMM keeps
// System, Context and State apart: a Product (the cells), a Disease (the
// tumour and its response criteria), a Regimen (how the cells and the drugs
// are given) and the Parameters that couple them, each number with its unit
// and its source. Every equation is in doc/model.md.
#ifndef CARTA_SIM_MODEL_H_
#define CARTA_SIM_MODEL_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::sim {

enum class Costim { k41BB, kCD28 };
enum class Antigen { kCD19, kCD20, kCD22, kBCMA };
enum class Indication { kBAll, kLbcl, kFl, kMcl, kCll, kMm };

// A CAR-T product: what it targets and how its cells behave. Rates are per day
// and cell numbers whole-body cells.
struct Product {
  std::string id;                // "kymriah", or a strategy variant "cd19-cd22"
  std::string label;             // "tisa-cel (Kymriah)"
  std::vector<Antigen> targets;  // the first is the primary antigen
  Costim costim = Costim::k41BB;
  double cd4_fraction = -1;             // CD4/(CD4+CD8) of a defined composition; < 0 when not defined
  double dose_cells = 1e8;              // CAR-T cells infused in total
  double vein_to_vein_days = 25;        // apheresis to infusion: the tumour grows meanwhile
  double expansion_per_day = 1.05;      // ρ: maximal expansion rate of effector cells
  double effector_loss_per_day = 0.16;  // k_E: contraction of effector cells
  double memory_per_day = 0.00124;      // k_EM: effector to memory transition
  double memory_loss_per_day = 0.0032;  // β: memory decay
  // Multiplier on the killing rate κ, fitted per product and indication by
  // `carta sim calibrate` (MakeScenario sets the fitted value); 2.2, the
  // median of those fits, for a pair without one (doc/model.md, "Calibration").
  double potency = 2.2;
  // Multiplier on both cytokine drives (c_IL6 and c_act), fitted where the
  // pair's cohorts printed grade >= 3 CRS or ICANS (liso-cel's low toxicity in
  // TRANSCEND, for one); 1 elsewhere.
  double crs_scale = 1.0;
  // F: the proliferative program of infused cells (Stein 2019's foldx, 3900,
  // the fold expansion to Cmax): proliferation slows as the cells produced
  // reach F × the cells infused so far, so the peak scales with the dose
  // given and does not follow a large tumour without end. 0: no limit.
  double fold_expansion_max = 3900;
};

// A disease: tumour growth, burden and the criteria that read the tumour.
struct Disease {
  Indication indication = Indication::kBAll;
  std::string name;                          // "B-ALL", "LBCL", ...
  Antigen antigen = Antigen::kCD19;          // the lineage antigen the normal compartment carries
  double growth_per_day = 0.033;             // r: logistic growth rate (MODEL.md: g)
  double capacity_cells = 2e12;              // K_max: logistic plateau
  double burden_median_cells = 3e11;         // tumour at apheresis, log-normal median
  double burden_sd_log = 1.0;                // its SD on the natural-log scale
  double cr_cells = 1e8;                     // complete response below this tumour (MRD 1e-4 in B-ALL)
  double detect_cells = 1e10;                // progression needs the tumour above this and 1.2 × nadir
  bool partial_response = true;              // false in B-ALL: response means CR (MRD-negative remission)
  double antigen_negative_fraction = 3e-13;  // f_neg: antigen-negative founders per tumour cell at infusion
  double antigen_loss_per_day = 3e-14;       // μ: antigen-negative founders per antigen-positive cell·day
  // φ: share of the antigen-positive tumour at infusion whose antigen density
  // is low: killed, and stimulating, at a patient's λ of the rate (Majzner
  // 2020; Coupling::low_antigen_kill). It makes partial responses and
  // antigen-positive relapses; off by default (0: doc/model.md says why).
  double low_antigen_fraction = 0;
  double normal_cells = 1e10;                // normal B (or plasma) cells at steady state
  double normal_lifetime_days = 60;          // τ_B
  double nonrelapse_death_per_year = 0.02;   // hazard of death without progression
  double post_progression_median_months = 6;
};

// How the treatment is given. Fractions and days pair up: the dose is split.
struct Regimen {
  std::vector<double> fraction_days = {0};  // infusion days after day 0
  std::vector<double> fractions = {1.0};    // share of the dose per infusion, summing to 1
  bool withhold_on_crs = true;              // later fractions are not given once CRS (grade >= 1) began
  bool lymphodepletion = true;              // normal cells start at 10% of their steady state
  int tocilizumab_crs_grade = 2;            // tocilizumab at this CRS grade (0: never)
  double tocilizumab_mg = 560;              // 8 mg/kg at 70 kg (label: at most 800 mg)
  // Label (Actemra, CRS): without improvement, up to 3 more doses at least 8 h
  // apart. A further dose is given while the signal stays at or above the
  // trigger grade 8 h after the last one, or when it climbs back to it.
  double tocilizumab_max_doses = 4;
  double tocilizumab_interval_days = 1.0 / 3;
  int steroid_crs_grade = 3;                // steroids at this CRS grade ...
  int steroid_icans_grade = 2;              // ... or this ICANS grade (0: never)
  double steroid_days = 7;                  // length of a steroid course
  bool hsct = false;                        // allogeneic HSCT consolidation of patients in CR
  double hsct_day = 90;
  double hsct_log10_kill = 3;    // tumour log-kill by conditioning and graft
  double hsct_mortality = 0.15;  // transplant-related mortality within 180 days
};

// Coupling parameters shared by products and diseases (doc/model.md lists
// their sources; none is fitted except where Parameter::fitted says so).
struct Coupling {
  double distribution_per_day = 1.0;     // k_D: infused cells becoming active effectors
  double stimulation_ec50_cells = 1e10;  // EC50ρ
  double normal_stimulation = 0.1;  // w_N: a normal cell stimulates this much of a tumour cell (lower antigen density)
  double kill_per_day = 1.15;       // κ (Kimmel 2021)
  double kill_ec50_cells = 2e9;     // EC50κ (Kimmel 2021)
  double memory_reactivation_per_day = 0.02;  // k_ME
  double extinction_cells = 100;              // a clone below this is gone (Kimmel 2021: ~100)
  double il6_baseline_pg_ml = 2;
  double il6_elimination_per_day = 3.96;      // Hardiansyah & Ng 2019
  double il6_per_killed_cell = 1.5e-8;        // k_cy, pg/mL per cell killed per day ÷ k_IL6
  // c_act: cytokines of CAR-T cells dividing on antigen contact, pg/mL per
  // dividing cell per day ÷ k_IL6 (Hardiansyah & Ng 2019 drive the cytokines
  // by CAR-T/target encounters). Early on the dividing cells are as many as
  // the dose infused and the expansion since make, so CRS begins on day ~3
  // (median, kymriah in B-ALL: doc/model.md) and later after a smaller dose.
  double il6_per_activated_cell = 3e-8;
  // The myeloid amplification loop (Giavridis 2018, Norelli 2018: CRS is made
  // by macrophages and monocytes that CAR-T cells and IL-6 activate; their
  // IL-1 is not blocked by tocilizumab): Q is activated by unblocked IL-6
  // signalling and multiplies the drive by (1 − blockade + gain·Q). The gain
  // sets the share of grade >= 3 CRS under tocilizumab (the part it cannot
  // block): 1.0 gives the trials' rates for the catalogue's defaults (kymriah
  // B-ALL ~32%, yescarta LBCL ~12%: doc/model.md; it was 0.15 before the
  // proliferative program F came on and limited the CAR-T cells).
  double myeloid_activation_per_day = 1.0;
  double myeloid_recovery_per_day = 0.1;
  double myeloid_il6_ec50_pg_ml = 100;
  double myeloid_amplification = 1.0;
  double il6_fever_pg_ml = 40;                // ASTCT sign thresholds on the IL-6 signal
  double il6_hypotension_pg_ml = 150;         // grade 2
  double il6_vasopressor_pg_ml = 600;         // grade 3
  double il6_multi_vasopressor_pg_ml = 2500;  // grade 4
  // ICANS: grade >= 3 ~11% kymriah B-ALL (ELIANA 13%), ~31% yescarta LBCL (ZUMA-1 28%) by default (doc/model.md).
  double icans_scale_cd28 = 4.0;              // CD28 products: neurotoxicity signal × this
  double icans_ice_pg_ml = 700;               // neurotoxicity signal at ICE ≤ 9 (grade 1); ×3, ×10, ×30 for 2-4
  double neuro_per_day = 1.0;                 // the neurotoxicity signal follows the cytokine drive with this rate (lag 1 day)
  double toci_clearance_l_day = 0.725;        // Moes 2022
  double toci_volume_l = 4.34;                // Moes 2022
  double toci_vmax_mg_day = 4.19;             // Moes 2022
  double toci_km_mg_l = 0.22;                 // Moes 2022
  double toci_ic50_mg_l = 0.5;                // half-maximal IL-6 signal blockade (sIL-6R saturated above ~1 mg/L)
  double steroid_effect = 0.5;                // cytokine and expansion reduction while on steroids
  double car_lloq_cells = 1e6;                // persistence: CAR-T above this
  double aplasia_fraction = 0.05;             // B-cell aplasia: normal cells below this share of steady state
  double dual_escape_fraction = 0.1;          // dual target: share of primary-antigen losses that escape both
  // λ: the median share of the killing rate at which an antigen-low tumour
  // cell is killed, and stimulates (Majzner 2020: CAR-T activity falls with
  // antigen density); log-normal between patients (Variability::low_antigen_sd),
  // at most 1. A dual target kills it at full rate but for the dual escape share.
  double low_antigen_kill = 0.3;
};

// Between-patient variability: SD of the log-normal random effects. The
// defaults stay within Stein 2019's ω (upper bounds, doc/model.md).
struct Variability {
  double expansion_sd = 0.5;       // on ρ (bound: √(0.38 + (1.55/8.3)²) ≈ 0.65, from Tmax and foldx)
  double effector_loss_sd = 0.45;  // on k_E (bound: √0.91, α)
  double memory_loss_sd = 0.45;    // on β (bound: √0.86, β)
  double potency_sd = 0.6;         // on κ (bound: √0.65, Cmax)
  double fold_sd = 1.0;            // on F (bound: √2.4, foldx)
  double low_antigen_sd = 2.0;     // on λ, the antigen-low cells' killing (assumption)
  double crs_sd = 0.8;             // susceptibility to the IL-6 signal
  double icans_sd = 0.8;           // susceptibility to neurotoxicity
};

// Everything a virtual patient or trial needs.
struct Scenario {
  Product product;
  Disease disease;
  Regimen regimen;
  Coupling coupling;
  Variability variability;
  double horizon_days = 5 * 365.25;
};

// Parses a product by id, brand or short name ("kymriah", "Kymriah",
// "tisa-cel"; any letter case), or a strategy variant ("cd19-cd22",
// "cd19-cd20", "bcma-cd19"). Unknown names fail naming field "product" with
// the accepted names.
Result<Product> FindProduct(std::string_view name);
// "B-ALL", "LBCL", "FL", "MCL", "CLL", "MM" (any case, "ball" too); unknown
// names fail naming field "indication".
Result<Disease> FindDisease(std::string_view name);
// The catalogue: product ids and indication names, in display order.
std::vector<std::string> ProductNames();
std::vector<std::string> IndicationNames();
const char* AntigenName(Antigen a);
const char* CostimName(Costim c);

// The scenario of `product` given in `indication` with the default regimen.
// Fails (field "product") when the product does not target the indication's
// antigen (a BCMA product in B-ALL).
Result<Scenario> MakeScenario(std::string_view product, std::string_view indication);

// Checks every number of `s`: rates, cell numbers and durations must be
// finite and non-negative (positive where a division needs it), fractions in
// [0, 1], fractions summing to 1. Fails with the field set to the parameter's
// name ("expansion_per_day", "fractions").
Status Validate(const Scenario& s);

// One parameter as doc/model.md and `carta sim run --parameters` list it.
struct ParameterInfo {
  std::string name;  // the field name: "kill_per_day"
  double value = 0;
  std::string unit;    // "1/day", "cells", "pg/mL"
  std::string source;  // "Kimmel 2021 (BIOMD0000001041)", "assumption", "fitted (calibrate)"
};
std::vector<ParameterInfo> DescribeParameters(const Scenario& s);

// Sets the parameter `name` of `s` (a name DescribeParameters lists) to
// `value`; fails with field `name` on an unknown name. Validate afterwards.
Status SetParameter(Scenario* s, std::string_view name, double value);

// Applies each "NAME=VALUE" of `assignments` to `s` by SetParameter, then
// Validate. Fails with field "set" on an assignment that is not NAME=NUMBER,
// else as SetParameter and Validate do.
Status ApplyAssignments(const std::vector<std::string>& assignments, Scenario* s);

// MakeScenario with `assignments` applied (ApplyAssignments): the scenario a
// front end's options or a request describe.
Result<Scenario> MakeScenario(std::string_view product, std::string_view indication,
                              const std::vector<std::string>& assignments);

}  // namespace carta::sim

#endif  // CARTA_SIM_MODEL_H_
