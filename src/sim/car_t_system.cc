// The equations of doc/model.md and the events the endpoints come from.
#include "car_t_system.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "carta/clinical/crs.h"
#include "carta/clinical/icans.h"

namespace carta::sim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kDaysPerMonth = 365.25 / 12;
constexpr double kAcuteDays = 60;  // IL-6, infusion and drug states end this long after the last infusion
constexpr double kFirstAssessmentDay = 28;
constexpr double kHsctDeathWindowDays = 180;
constexpr double kProgressionFactor = 1.2;  // progression: tumour above 1.2 × nadir (and detectable)
constexpr double kLymphodepletedShare = 0.1;
// ICANS: the neurotoxicity signal, as a multiple of icans_ice_pg_ml, at which grades 1-4 begin.
constexpr double kIcansSteps[] = {1, 3, 10, 30};
// The ICE score (0-10) that stands for grades 0-3 (ASTCT 2019: 10, 7-9, 3-6, 0-2); grade 4 is "unarousable".
constexpr int kIceForGrade[] = {10, 8, 5, 1};

enum EventIndex {
  kEvPeak = 0,
  kEvIl6Peak,
  kEvCr,
  kEvPr,
  kEvProgression,
  kEvExtinctPos,
  kEvExtinctNeg,
  kEvExtinctLow,
  kEvFounder,
  kEvToci,
  kEvSteroid,
  kEvCrsStart,
  kEvNeuroPeak,
  kEvIcansStart,
  kEvAplasiaStart,
  kEvAplasiaEnd,
  kEvPersistence,
  kEventCount
};

// Logistic growth over `days` from `cells` (closed form).
double Grown(double cells, double rate, double capacity, double days) {
  return capacity / (1 + (capacity / cells - 1) * std::exp(-rate * days));
}

int CrsGradeAt(const Coupling& c, double il6) {
  clinical::CrsInput in;
  in.temp_c = il6 >= c.il6_fever_pg_ml ? 39.0 : 37.0;
  if (il6 >= c.il6_multi_vasopressor_pg_ml) {
    in.hypotension = clinical::Hypotension::kMultipleVasopressors;
    in.oxygen = clinical::OxygenSupport::kPositivePressure;
  } else if (il6 >= c.il6_vasopressor_pg_ml) {
    in.hypotension = clinical::Hypotension::kOneVasopressor;
    in.oxygen = clinical::OxygenSupport::kHighFlow;
  } else if (il6 >= c.il6_hypotension_pg_ml) {
    in.hypotension = clinical::Hypotension::kNoVasopressor;
    in.oxygen = clinical::OxygenSupport::kLowFlow;
  }
  auto r = clinical::GradeCrs(in);
  return r.ok() ? r->grade : 0;
}

int IcansGradeAt(const Coupling& c, double signal_pg_ml) {
  int level = 0;
  while (level < 4 && signal_pg_ml >= c.icans_ice_pg_ml * kIcansSteps[level]) ++level;
  clinical::IcansInput in;
  if (level == 4) {
    in.ice = 0;
    in.consciousness = clinical::Consciousness::kUnarousable;
  } else {
    in.ice = kIceForGrade[level];
  }
  auto r = clinical::GradeIcans(in);
  return r.ok() ? r->grade : 0;
}

// All tumour cells: antigen-positive (high and low density) and antigen-negative.
double Tumour(const StateVector& y) { return y[kTumourPos] + y[kTumourLow] + y[kTumourNeg]; }

}  // namespace

PatientParameters MakePatientParameters(const Scenario& s, const PatientDraw& d) {
  const Product& pr = s.product;
  const Disease& di = s.disease;
  const Coupling& c = s.coupling;
  const Variability& v = s.variability;
  const bool dual = pr.targets.size() >= 2;
  // A defined CD4:CD8 composition: half the between-patient variability of expansion (assumption).
  const double expansion_sd = v.expansion_sd * (pr.cd4_fraction >= 0 ? 0.5 : 1);
  PatientParameters p;
  p.rho = pr.expansion_per_day * std::exp(expansion_sd * d.z_expansion);
  p.log_fold = pr.fold_expansion_max > 0 ? std::max(std::log(pr.fold_expansion_max) + v.fold_sd * d.z_fold, 1e-3) : kInf;
  p.k_e = pr.effector_loss_per_day * std::exp(v.effector_loss_sd * d.z_effector_loss);
  p.k_em = pr.memory_per_day;
  p.beta = pr.memory_loss_per_day * std::exp(v.memory_loss_sd * d.z_memory_loss);
  p.k_me = c.memory_reactivation_per_day;
  p.kappa = c.kill_per_day * pr.potency * std::exp(v.potency_sd * d.z_potency);
  p.k_d = c.distribution_per_day;
  p.ec50_rho = c.stimulation_ec50_cells;
  p.ec50_kappa = c.kill_ec50_cells;
  p.normal_stimulation = c.normal_stimulation;
  p.growth = di.growth_per_day;
  p.capacity = di.capacity_cells;
  const double escape = dual ? c.dual_escape_fraction : 1;
  p.loss = di.antigen_loss_per_day * escape;
  p.normal_lifetime = di.normal_lifetime_days;
  p.normal_source = di.normal_cells / di.normal_lifetime_days;
  p.il6_base = c.il6_baseline_pg_ml;
  p.k_il6 = c.il6_elimination_per_day;
  p.il6_per_kill = c.il6_per_killed_cell * pr.crs_scale * std::exp(v.crs_sd * d.z_crs);
  p.il6_per_activation = c.il6_per_activated_cell * pr.crs_scale * std::exp(v.crs_sd * d.z_crs);
  p.icans_factor = std::exp(v.icans_sd * d.z_icans) * (pr.costim == Costim::kCD28 ? c.icans_scale_cd28 : 1);
  p.k_neuro = c.neuro_per_day;
  p.myeloid_on = c.myeloid_activation_per_day;
  p.myeloid_off = c.myeloid_recovery_per_day;
  p.myeloid_ec50 = c.myeloid_il6_ec50_pg_ml;
  p.myeloid_gain = c.myeloid_amplification;
  p.toci_volume = c.toci_volume_l;
  p.toci_k = c.toci_clearance_l_day / c.toci_volume_l;
  p.toci_vmax = c.toci_vmax_mg_day;
  p.toci_km = c.toci_km_mg_l;
  p.toci_ic50 = c.toci_ic50_mg_l;
  p.steroid_effect = c.steroid_effect;
  const double burden = std::min(0.9 * p.capacity, di.burden_median_cells * std::exp(di.burden_sd_log * d.z_burden));
  p.burden_at_infusion = Grown(burden, p.growth, p.capacity, pr.vein_to_vein_days);
  p.preexisting_negative = di.antigen_negative_fraction * escape * p.burden_at_infusion;
  // How well this patient's CAR-T cells kill the antigen-low share: log-normal
  // between patients, at most as well as the rest. A dual target kills those
  // cells through its second antigen, but for the dual escape share.
  const double low_kill = std::min(1.0, c.low_antigen_kill * std::exp(v.low_antigen_sd * d.z_low_antigen));
  p.low_kill = dual ? 1 - (1 - low_kill) * c.dual_escape_fraction : low_kill;
  p.low_share = di.low_antigen_fraction;
  return p;
}

CarTSystem::CarTSystem(const Scenario& s, const PatientDraw& d, std::vector<TimePoint>* course, double sample_days)
    : s_(s), p_(MakePatientParameters(s, d)), d_(d), course_(course), sample_days_(sample_days) {
  const Regimen& r = s.regimen;
  const double last_infusion = r.fraction_days.back();
  times_ = r.fraction_days;
  times_.push_back(kFirstAssessmentDay);
  times_.push_back(last_infusion + kAcuteDays);
  if (r.hsct) times_.push_back(r.hsct_day);
  const double hazard_per_day = s.disease.nonrelapse_death_per_year / 365.25;
  death_time_ = hazard_per_day > 0 ? -std::log(d.u_nonrelapse_death) / hazard_per_day : kInf;
  if (course_ != nullptr) {
    for (double t = sample_days_; t < s.horizon_days; t += sample_days_) times_.push_back(t);
  }
  std::sort(times_.begin(), times_.end());
  times_.erase(std::unique(times_.begin(), times_.end()), times_.end());
  nadir_ = p_.burden_at_infusion;
}

StateVector CarTSystem::Initial() {
  StateVector y{};
  // Antigen-negative founders already present at infusion.
  if (p_.preexisting_negative + std::log(d_.u_antigen_loss) >= 0) {
    founder_born_ = true;
    y[kTumourNeg] = std::max(p_.preexisting_negative, 2 * s_.coupling.extinction_cells);
  }
  y[kTumourLow] = p_.low_share * p_.burden_at_infusion;
  if (y[kTumourLow] < 2 * s_.coupling.extinction_cells) y[kTumourLow] = 0;
  y[kTumourPos] = p_.burden_at_infusion - y[kTumourLow];
  y[kNormal] = s_.disease.normal_cells * (s_.regimen.lymphodepletion ? kLymphodepletedShare : 1);
  y[kIl6] = y[kNeuro] = p_.il6_base;
  return y;
}

void CarTSystem::Derivative(double /*t*/, const StateVector& y, StateVector* dyp) const {
  StateVector& dy = *dyp;
  auto c = [&y](int i) { return std::max(0.0, y[i]); };
  const double d = c(kInfused), e = c(kEffector), m = c(kMemory), tp = c(kTumourPos), tn = c(kTumourNeg),
               tl = c(kTumourLow), n = c(kNormal);
  const double tumour = tp + tn + tl;
  // Cells killed per unit of `kill` (antigen-low ones at λ), and the stimulus.
  const double antigen = tp + p_.low_kill * tl + n;
  const double stimulus = tp + p_.low_kill * tl + p_.normal_stimulation * n;
  const double phi = stimulus / (p_.ec50_rho + e + stimulus);
  const double kill = p_.kappa * e / (p_.ec50_kappa + e + tumour + n);
  const double steroid = steroids_on_ ? 1 - p_.steroid_effect : 1;
  const double growth = p_.growth * (1 - tumour / p_.capacity);
  const double inflow = acute_ ? p_.k_d * d : 0;
  // The proliferative program: spent as the cells produced reach F × the cells infused.
  const double program =
      infused_ > 0 && std::isfinite(p_.log_fold)
          ? std::max(0.0, 1 - std::log1p(std::max(0.0, y[kProduced]) / infused_) / p_.log_fold)
          : 1;
  const double dividing = p_.rho * phi * program * e;  // cells/day dividing on antigen contact
  const double proliferation = dividing * steroid;
  dy[kInfused] = -inflow;
  dy[kEffector] = inflow + proliferation - (p_.k_e + p_.k_em) * e + p_.k_me * phi * m;
  dy[kProduced] = proliferation;
  dy[kMemory] = p_.k_em * e - p_.beta * m - p_.k_me * phi * m;
  dy[kTumourPos] = growth * tp - kill * tp;
  dy[kTumourNeg] = growth * tn;
  dy[kTumourLow] = growth * tl - p_.low_kill * kill * tl;
  dy[kNormal] = p_.normal_source - n / p_.normal_lifetime - kill * n;
  if (acute_) {
    const double conc = c(kToci) / p_.toci_volume;
    const double blockade = conc / (conc + p_.toci_ic50);
    // Cytokine drive: targets killed, and CAR-T cells dividing on antigen contact
    // (as many as the dose infused so far and the expansion since make).
    const double drive = p_.il6_per_kill * kill * antigen + p_.il6_per_activation * dividing;
    // IL-6 signalling (blocked by tocilizumab) activates the myeloid pool, whose
    // cytokines amplify the drive and are not blocked once it is active.
    const double free = 1 - blockade, q = std::clamp(y[kMyeloid], 0.0, 1.0);
    const double il6_excess = std::max(0.0, y[kIl6] - p_.il6_base);
    dy[kMyeloid] = p_.myeloid_on * free * il6_excess / (il6_excess + p_.myeloid_ec50) * (1 - q) - p_.myeloid_off * q;
    dy[kIl6] = p_.k_il6 * (p_.il6_base - y[kIl6]) + p_.k_il6 * drive * steroid * (free + p_.myeloid_gain * q);
    // The neurotoxicity signal follows the whole drive, blocked or not
    // (tocilizumab does not reach the brain), with a lag of 1/k_neuro days;
    // steroids lower it as they lower the drive.
    dy[kNeuro] = p_.k_neuro * (p_.il6_base + drive * steroid * (1 + p_.myeloid_gain * q) - y[kNeuro]);
    dy[kToci] = -p_.toci_k * c(kToci) - p_.toci_vmax * conc / (p_.toci_km + conc);
    dy[kAuc] = e + m;
  } else {
    dy[kIl6] = dy[kToci] = dy[kMyeloid] = dy[kNeuro] = dy[kAuc] = 0;
  }
  dy[kFounders] = p_.loss * (tp + tl);
}

double CarTSystem::AbsTolerance(int i) const {
  switch (i) {
    case kInfused:
      return acute_ ? 1 : 0;
    case kIl6:
    case kNeuro:
      return acute_ ? 1e-2 : 0;
    case kToci:
      return acute_ ? 1e-2 : 0;
    case kMyeloid:
      return acute_ ? 1e-4 : 0;
    case kAuc:
    case kFounders:
      return 0;
    default:
      return 1;  // one cell
  }
}

int CarTSystem::EventCount() const { return kEventCount; }

double CarTSystem::CrsThreshold(int grade) const {
  const Coupling& c = s_.coupling;
  const double cut[] = {c.il6_fever_pg_ml, c.il6_hypotension_pg_ml, c.il6_vasopressor_pg_ml,
                        c.il6_multi_vasopressor_pg_ml};
  return grade >= 1 && grade <= 4 ? cut[grade - 1] : kInf;
}

double CarTSystem::IcansThreshold(int grade) const {
  return grade >= 1 && grade <= 4 ? s_.coupling.icans_ice_pg_ml * kIcansSteps[grade - 1] / p_.icans_factor : kInf;
}

double CarTSystem::SteroidTrigger(const StateVector& y) const {
  // Zero when the first of the two signals reaches its grade (an infinite cut: never).
  return std::max(y[kIl6] / CrsThreshold(s_.regimen.steroid_crs_grade),
                  y[kNeuro] / IcansThreshold(s_.regimen.steroid_icans_grade)) -
         1;
}

double CarTSystem::EventValue(int i, double t, const StateVector& y, const StateVector& dy) const {
  const double tumour = Tumour(y);
  const double car = y[kEffector] + y[kMemory];
  const Disease& di = s_.disease;
  switch (i) {
    case kEvPeak:
      return -(dy[kEffector] + dy[kMemory]);
    case kEvIl6Peak:
      return acute_ ? -dy[kIl6] : -1;
    case kEvCr:
      return cr_time_ < 0 ? di.cr_cells - tumour : -1;
    case kEvPr:
      return di.partial_response && pr_time_ < 0 ? 0.5 * p_.burden_at_infusion - tumour : -1;
    case kEvProgression:
      return progression_watch_ ? tumour - std::max(kProgressionFactor * nadir_, di.detect_cells) : -1;
    case kEvExtinctPos:
      return y[kTumourPos] > 0 ? s_.coupling.extinction_cells - y[kTumourPos] : -1;
    case kEvExtinctNeg:
      return y[kTumourNeg] > 0 ? s_.coupling.extinction_cells - y[kTumourNeg] : -1;
    case kEvExtinctLow:
      return y[kTumourLow] > 0 ? s_.coupling.extinction_cells - y[kTumourLow] : -1;
    case kEvFounder:
      return founder_born_ ? -1 : y[kFounders] + p_.preexisting_negative + std::log(d_.u_antigen_loss);
    case kEvToci:
      return TocilizumabAllowed(t) ? y[kIl6] - CrsThreshold(s_.regimen.tocilizumab_crs_grade) : -1;
    case kEvSteroid:
      return acute_ && !steroids_given_ ? SteroidTrigger(y) : -1;
    case kEvCrsStart:
      return acute_ && !crs_started_ ? y[kIl6] - s_.coupling.il6_fever_pg_ml : -1;
    case kEvNeuroPeak:
      return acute_ ? -dy[kNeuro] : -1;
    case kEvIcansStart:
      return acute_ && !icans_started_ ? y[kNeuro] - IcansThreshold(1) : -1;
    case kEvAplasiaStart:
      return aplasia_start_ < 0 ? s_.coupling.aplasia_fraction * di.normal_cells - y[kNormal] : -1;
    case kEvAplasiaEnd:
      return in_aplasia_ ? y[kNormal] - s_.coupling.aplasia_fraction * di.normal_cells : -1;
    case kEvPersistence:
      return cmax_ > s_.coupling.car_lloq_cells && !persistence_lost_ ? s_.coupling.car_lloq_cells - car : -1;
    default:
      return -1;
  }
}

bool CarTSystem::TocilizumabAllowed(double t) const {
  const Regimen& r = s_.regimen;
  return acute_ && r.tocilizumab_crs_grade > 0 && toci_doses_ < r.tocilizumab_max_doses && t >= toci_next_ - 1e-9;
}

void CarTSystem::GiveTocilizumab(double t, StateVector* y) {
  (*y)[kToci] += s_.regimen.tocilizumab_mg;
  ++toci_doses_;
  toci_next_ = t + s_.regimen.tocilizumab_interval_days;
}

double CarTSystem::NextTimeEvent(double t) const {
  double next = kInf;
  auto it = std::upper_bound(times_.begin(), times_.end(), t);
  if (it != times_.end()) next = *it;
  // The label's re-check: 8 h after a dose, is CRS still at the trigger grade?
  if (toci_doses_ > 0 && toci_next_ > t && TocilizumabAllowed(toci_next_)) next = std::min(next, toci_next_);
  if (steroids_on_ && steroid_end_ > t) next = std::min(next, steroid_end_);
  if (death_time_ > t) next = std::min(next, death_time_);
  return next;
}

void CarTSystem::OnStep(double t, const StateVector& y) {
  nadir_ = std::min(nadir_, Tumour(y));
  il6_peak_ = std::max(il6_peak_, y[kIl6]);
  neuro_peak_ = std::max(neuro_peak_, y[kNeuro]);
  const double car = y[kEffector] + y[kMemory];
  if (car > cmax_) {
    cmax_ = car;
    tmax_ = t;
  }
}

bool CarTSystem::OnEvent(int i, double t, StateVector* yp) {
  StateVector& y = *yp;
  switch (i) {
    case -1:
      return OnTimeEvent(t, yp);
    case kEvCr:
      cr_time_ = t;
      if (pr_time_ < 0) pr_time_ = t;
      break;
    case kEvPr:
      pr_time_ = t;
      break;
    case kEvProgression:
      progressed_ = true;
      progression_time_ = t;
      return false;
    case kEvExtinctPos:
      y[kTumourPos] = 0;
      break;
    case kEvExtinctNeg:
      y[kTumourNeg] = 0;
      break;
    case kEvExtinctLow:
      y[kTumourLow] = 0;
      break;
    case kEvFounder:
      founder_born_ = true;
      y[kTumourNeg] += 2 * s_.coupling.extinction_cells;
      break;
    case kEvToci:
      GiveTocilizumab(t, &y);
      break;
    case kEvSteroid:
      steroids_given_ = steroids_on_ = true;
      steroid_end_ = t + s_.regimen.steroid_days;
      break;
    case kEvCrsStart:
      crs_started_ = true;
      crs_onset_ = t;
      break;
    case kEvIcansStart:
      icans_started_ = true;
      icans_onset_ = t;
      break;
    case kEvAplasiaStart:
      in_aplasia_ = true;
      aplasia_start_ = t;
      break;
    case kEvAplasiaEnd:
      in_aplasia_ = false;
      aplasia_days_ = t - aplasia_start_;
      break;
    case kEvPersistence:
      persistence_lost_ = true;
      persistence_ = t;
      break;
    default:
      break;  // the peaks: OnStep has recorded the point
  }
  return true;
}

bool CarTSystem::OnTimeEvent(double t, StateVector* yp) {
  StateVector& y = *yp;
  const Regimen& r = s_.regimen;
  constexpr double kSame = 1e-9;
  if (std::fabs(t - death_time_) < kSame) return false;
  if (steroids_on_ && std::fabs(t - steroid_end_) < kSame) steroids_on_ = false;
  if (toci_doses_ > 0 && std::fabs(t - toci_next_) < kSame && TocilizumabAllowed(t) &&
      y[kIl6] >= CrsThreshold(r.tocilizumab_crs_grade)) {
    GiveTocilizumab(t, &y);  // no improvement 8 h after the last dose
  }
  if (next_fraction_ < r.fractions.size() && std::fabs(t - r.fraction_days[next_fraction_]) < kSame) {
    // Later fractions are withheld once CRS has begun (the fractionation protocols' rule).
    if (next_fraction_ == 0 || !(r.withhold_on_crs && crs_started_)) {
      y[kInfused] += s_.product.dose_cells * r.fractions[next_fraction_];
      infused_ += s_.product.dose_cells * r.fractions[next_fraction_];
    }
    ++next_fraction_;
  }
  if (std::fabs(t - kFirstAssessmentDay) < kSame) {
    auc28_ = y[kAuc];
    progression_watch_ = true;
    if (Tumour(y) >= std::max(kProgressionFactor * nadir_, s_.disease.detect_cells)) {
      progressed_ = true;
      progression_time_ = t;
      return false;
    }
  }
  if (acute_ && std::fabs(t - (r.fraction_days.back() + kAcuteDays)) < kSame) {
    acute_ = false;
    y[kInfused] = y[kMyeloid] = 0;
  }
  if (r.hsct && !hsct_done_ && std::fabs(t - r.hsct_day) < kSame &&
      Tumour(y) < s_.disease.cr_cells) {
    hsct_done_ = true;
    const double survive = std::pow(10.0, -r.hsct_log10_kill);
    y[kTumourPos] *= survive;
    y[kTumourNeg] *= survive;
    y[kTumourLow] *= survive;
    y[kEffector] = y[kMemory] = 0;  // conditioning ends the CAR-T cells
    if (d_.u_hsct_death < r.hsct_mortality) {
      death_time_ = std::min(death_time_, t + kHsctDeathWindowDays * d_.u_hsct_death_time);
    }
  }
  if (course_ != nullptr) Record(t, y);
  return true;
}

void CarTSystem::Record(double t, const StateVector& y) {
  if (course_ == nullptr) return;
  TimePoint row;
  row.day = t;
  row.infused_cells = y[kInfused];
  row.effector_cells = y[kEffector];
  row.memory_cells = y[kMemory];
  row.tumour_positive_cells = y[kTumourPos];
  row.tumour_negative_cells = y[kTumourNeg];
  row.tumour_low_antigen_cells = y[kTumourLow];
  row.normal_cells = y[kNormal];
  row.il6_pg_ml = y[kIl6];
  row.icans_signal_pg_ml = y[kNeuro];
  row.tocilizumab_mg_l = y[kToci] / p_.toci_volume;
  row.steroids = steroids_on_;
  course_->push_back(row);
}

PatientOutcome CarTSystem::Finish(double t_end, const StateVector& y) const {
  PatientOutcome o;
  const double horizon = s_.horizon_days;
  o.cmax_cells = cmax_;
  o.tmax_days = tmax_;
  o.auc28_cell_days = t_end >= kFirstAssessmentDay ? auc28_ : y[kAuc];
  o.persistence_days = persistence_lost_ ? persistence_ : t_end;
  o.best_response = cr_time_ >= 0                                    ? Response::kComplete
                    : (s_.disease.partial_response && pr_time_ >= 0) ? Response::kPartial
                                                                     : Response::kNone;
  o.cr_by_day28 = cr_time_ >= 0 && cr_time_ <= 28 + 1e-9;
  o.cr_by_day90 = cr_time_ >= 0 && cr_time_ <= 90 + 1e-9;
  o.progressed = progressed_;
  const double death = death_time_ <= t_end + 1e-9 ? death_time_ : kInf;
  if (progressed_) {
    o.pfs_days = progression_time_;
    o.pfs_event = true;
    const double median_days = s_.disease.post_progression_median_months * kDaysPerMonth;
    const double after = progression_time_ - std::log(d_.u_post_progression) * median_days / std::log(2.0);
    o.os_days = std::min(after, death_time_);
    if (o.best_response != Response::kNone) {
      // Antigen-low cells still carry the antigen (CD19-dim relapse counts as positive).
      o.relapse = y[kTumourNeg] > y[kTumourPos] + y[kTumourLow] ? Relapse::kAntigenNegative : Relapse::kAntigenPositive;
    }
  } else if (std::isfinite(death)) {
    o.pfs_days = o.os_days = death;
    o.pfs_event = true;
  } else {
    o.pfs_days = o.os_days = horizon;
  }
  o.died = o.os_days < horizon;
  o.os_days = std::min(o.os_days, horizon);
  const bool failure = !s_.disease.partial_response && !o.cr_by_day90;
  o.efs_days = failure ? 0 : o.pfs_days;
  o.efs_event = failure || o.pfs_event;
  o.il6_peak_pg_ml = il6_peak_;
  o.crs_onset_days = crs_onset_;
  o.crs_grade = CrsGradeAt(s_.coupling, il6_peak_);
  o.icans_grade = IcansGradeAt(s_.coupling, neuro_peak_ * p_.icans_factor);
  o.icans_onset_days = icans_onset_;
  o.aplasia_days = in_aplasia_ ? t_end - aplasia_start_ : aplasia_days_;
  o.tocilizumab = toci_doses_ > 0;
  o.tocilizumab_doses = toci_doses_;
  o.steroids = steroids_given_;
  o.hsct = hsct_done_;
  return o;
}

}  // namespace carta::sim
