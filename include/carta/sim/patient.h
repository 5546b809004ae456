// One virtual patient: the random draws that make the patient (fixed by the
// seed and the patient's index, whatever the product or regimen, so that two
// strategies meet the same patients), the time courses, and the endpoints.
#ifndef CARTA_SIM_PATIENT_H_
#define CARTA_SIM_PATIENT_H_

#include <cstdint>
#include <vector>

#include "carta/core/status.h"
#include "carta/sim/model.h"

namespace carta::sim {

// Standard normal (z_*) and uniform (u_*, in (0, 1)) draws of one patient.
struct PatientDraw {
  double z_expansion = 0, z_effector_loss = 0, z_memory_loss = 0, z_potency = 0, z_burden = 0, z_crs = 0, z_icans = 0;
  double u_antigen_loss = 0.5;  // the antigen-negative founder appears when the expected number reaches -ln(u)
  double u_nonrelapse_death = 0.5;
  double u_post_progression = 0.5;
  double u_hsct_death = 0.5, u_hsct_death_time = 0.5;
  double z_fold = 0;
  double z_low_antigen = 0;
};

// The draws of patient `index` of the trial seeded `seed`: one SplitMix64
// stream (Steele, Lea & Flood 2014) per (seed, index), normals by Box–Muller,
// so a patient is the same whichever thread simulates it.
PatientDraw DrawPatient(uint64_t seed, uint64_t index);

// A patient with every random effect at its median and median burden.
PatientDraw TypicalPatient();

enum class Response { kNone, kPartial, kComplete };
enum class Relapse { kNone, kAntigenPositive, kAntigenNegative };
const char* ResponseName(Response r);  // "none", "PR", "CR"
const char* RelapseName(Relapse r);    // "none", "antigen-positive", "antigen-negative"

// One row of the time courses. Cells are whole-body cell numbers.
struct TimePoint {
  double day = 0;
  double infused_cells = 0, effector_cells = 0, memory_cells = 0;
  double tumour_positive_cells = 0, tumour_negative_cells = 0, normal_cells = 0;
  double tumour_low_antigen_cells = 0;  // antigen-positive, low density (killed at the patient's λ of the rate)
  double il6_pg_ml = 0, tocilizumab_mg_l = 0;
  double icans_signal_pg_ml = 0;  // the neurotoxicity signal (pg/mL-equivalent of the cytokine drive)
  bool steroids = false;
};

struct PatientOutcome {
  double cmax_cells = 0, tmax_days = 0;  // peak of effector + memory CAR-T cells
  double auc28_cell_days = 0;            // ∫ CAR-T cells over days 0-28
  double persistence_days = 0;           // CAR-T above the LLOQ until (or the end of follow-up)
  Response best_response = Response::kNone;
  bool cr_by_day28 = false, cr_by_day90 = false;
  double pfs_days = 0;
  bool pfs_event = false;  // progression or death
  double efs_days = 0;
  bool efs_event = false;  // B-ALL: no CR by day 90 counts at day 0
  double os_days = 0;
  bool died = false;
  bool progressed = false;
  Relapse relapse = Relapse::kNone;    // set for responders that progressed
  int crs_grade = 0, icans_grade = 0;  // ASTCT 2019, graded by carta::clinical
  double il6_peak_pg_ml = 0;
  double icans_onset_days = -1;  // day the neurotoxicity signal first reached the ICANS grade 1 cut; -1: no ICANS
  double crs_onset_days = -1;  // day the IL-6 signal first reached the fever cut (CRS grade 1); -1: no CRS
  double aplasia_days = 0;  // normal cells below the aplasia threshold
  bool tocilizumab = false, steroids = false, hsct = false;
  int tocilizumab_doses = 0;  // 0 to the regimen's maximum (label: 4)
  long solver_steps = 0;
};

// Simulates the patient `draw` under `scenario` (assumed valid: Validate).
// With `course`, rows are added every `sample_days` days (and the solver stops
// at each of them). Fails when the solver does not converge.
Result<PatientOutcome> SimulatePatient(const Scenario& scenario, const PatientDraw& draw,
                                       std::vector<TimePoint>* course = nullptr, double sample_days = 1);

}  // namespace carta::sim

#endif  // CARTA_SIM_PATIENT_H_
