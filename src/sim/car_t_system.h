// The CAR-T ODE system of one patient (doc/model.md, "Equations"): the
// derivative, the tolerances, and the events that the endpoints are read
// from. Private to carta::sim; SimulatePatient drives it.
#ifndef CARTA_SRC_SIM_CAR_T_SYSTEM_H_
#define CARTA_SRC_SIM_CAR_T_SYSTEM_H_

#include <vector>

#include "carta/sim/model.h"
#include "carta/sim/patient.h"
#include "carta/sim/solver.h"

namespace carta::sim {

// State indices.
enum StateIndex {
  kInfused = 0,  // D, cells
  kEffector,     // E, cells
  kMemory,       // M, cells
  kTumourPos,    // T+, cells
  kTumourNeg,    // T-, cells
  kTumourLow,    // L: antigen-positive tumour cells of low antigen density, cells
  kNormal,       // N_B, cells
  kIl6,          // IL-6 signal, pg/mL
  kToci,         // tocilizumab amount, mg
  kMyeloid,      // Q: share of the myeloid (macrophage) pool activated by IL-6 signalling, 0-1
  kNeuro,        // neurotoxicity (ICANS) signal, pg/mL-equivalent: the cytokine drive tocilizumab does not block, lagged
  kProduced,     // P: CAR-T cells produced by proliferation so far
  kAuc,          // ∫ (E + M) dt, cell·days (quadrature, not error-controlled)
  kFounders,     // expected antigen-negative founders so far (quadrature)
  kStateCount
};

// The patient's parameters after random effects.
struct PatientParameters {
  double log_fold = 0;  // ln F of this patient
  double rho = 0, k_e = 0, k_em = 0, beta = 0, k_me = 0, kappa = 0, k_d = 0;
  double ec50_rho = 0, ec50_kappa = 0, normal_stimulation = 0;
  double growth = 0, capacity = 0, loss = 0, preexisting_negative = 0;
  double low_kill = 1, low_share = 0;  // this patient's λ (after a dual target), and φ
  double normal_source = 0, normal_lifetime = 0;
  double il6_base = 0, k_il6 = 0, il6_per_kill = 0, il6_per_activation = 0, icans_factor = 1, k_neuro = 0;
  double myeloid_on = 0, myeloid_off = 0, myeloid_ec50 = 0, myeloid_gain = 0;
  double toci_k = 0, toci_vmax = 0, toci_km = 0, toci_volume = 0, toci_ic50 = 0;
  double steroid_effect = 0;
  double burden_at_infusion = 0;
};

PatientParameters MakePatientParameters(const Scenario& s, const PatientDraw& d);

class CarTSystem : public OdeSystem {
 public:
  // Keeps a copy of `d` (a temporary is fine) and a reference to `s`, which
  // must outlive the system; `course` (may be null) receives the samples.
  CarTSystem(const Scenario& s, const PatientDraw& d, std::vector<TimePoint>* course, double sample_days);

  int Size() const override { return kStateCount; }
  void Derivative(double t, const StateVector& y, StateVector* dy) const override;
  double AbsTolerance(int i) const override;
  int EventCount() const override;
  double EventValue(int i, double t, const StateVector& y, const StateVector& dy) const override;
  double NextTimeEvent(double t) const override;
  bool OnEvent(int i, double t, StateVector* y) override;
  void OnStep(double t, const StateVector& y) override;

  // The state at day 0 (before the first infusion, which is a time event).
  StateVector Initial();
  // The endpoints once the integration ended at `t_end`.
  PatientOutcome Finish(double t_end, const StateVector& y) const;

 private:
  bool OnTimeEvent(double t, StateVector* y);
  void Record(double t, const StateVector& y);
  double CrsThreshold(int grade) const;    // IL-6 at which the signs reach `grade`
  double IcansThreshold(int grade) const;  // IL-6 at which ICANS reaches `grade`
  // Crosses zero when the IL-6 signal reaches the CRS grade or the
  // neurotoxicity signal the ICANS grade that starts steroids.
  double SteroidTrigger(const StateVector& y) const;
  // A tocilizumab dose at `t`: the next may follow the label's interval later.
  void GiveTocilizumab(double t, StateVector* y);
  bool TocilizumabAllowed(double t) const;

  const Scenario& s_;
  PatientParameters p_;
  const PatientDraw d_;  // a copy: callers pass temporaries (TypicalPatient())
  std::vector<TimePoint>* course_;
  double sample_days_;
  std::vector<double> times_;  // scheduled time events, increasing
  // What happened so far.
  bool acute_ = true, steroids_on_ = false, crs_started_ = false, icans_started_ = false;
  bool steroids_given_ = false, founder_born_ = false, hsct_done_ = false;
  bool progression_watch_ = false, progressed_ = false, persistence_lost_ = false;
  bool in_aplasia_ = false;
  double steroid_end_ = -1, aplasia_start_ = -1, aplasia_days_ = 0;
  double cmax_ = 0, tmax_ = 0, il6_peak_ = 0, auc28_ = 0, persistence_ = -1;
  double crs_onset_ = -1;    // day CRS began (IL-6 at the fever cut)
  double icans_onset_ = -1;  // day ICANS began (the neurotoxicity signal at the grade 1 cut)
  double neuro_peak_ = 0;
  double cr_time_ = -1, pr_time_ = -1, nadir_ = 0, progression_time_ = -1, death_time_ = -1;
  size_t next_fraction_ = 0;
  double infused_ = 0;  // cells infused so far
  int toci_doses_ = 0;
  double toci_next_ = 0;  // no dose before this day; a dose is re-checked on it
};

}  // namespace carta::sim

#endif  // CARTA_SRC_SIM_CAR_T_SYSTEM_H_
