// One virtual patient: draws, simulation, endpoints.
#include "carta/sim/patient.h"

#include <cmath>
#include <numbers>

#include "car_t_system.h"

namespace carta::sim {

namespace {

// SplitMix64 (Steele, Lea & Flood 2014): a counter-based stream, so patient
// `index` of trial `seed` has its own stream whichever thread draws it.
class SplitMix64 {
 public:
  SplitMix64(uint64_t seed, uint64_t index)
      : state_(seed * 0x9E3779B97F4A7C15ULL ^ (index + 1) * 0xD1B54A32D192ED03ULL) {
    Next();
  }
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in (0, 1): 53 random bits, never 0 or 1.
  double Uniform() { return (static_cast<double>(Next() >> 11) + 0.5) * 0x1.0p-53; }
  // Standard normal by Box–Muller (the cosine branch).
  double Normal() {
    const double u1 = Uniform(), u2 = Uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
  }

 private:
  uint64_t state_;
};

}  // namespace

PatientDraw DrawPatient(uint64_t seed, uint64_t index) {
  SplitMix64 rng(seed, index);
  PatientDraw d;
  // The order is fixed: a new draw goes at the end, so the old ones keep their values.
  d.z_expansion = rng.Normal();
  d.z_effector_loss = rng.Normal();
  d.z_memory_loss = rng.Normal();
  d.z_potency = rng.Normal();
  d.z_burden = rng.Normal();
  d.z_crs = rng.Normal();
  d.z_icans = rng.Normal();
  d.u_antigen_loss = rng.Uniform();
  d.u_nonrelapse_death = rng.Uniform();
  d.u_post_progression = rng.Uniform();
  d.u_hsct_death = rng.Uniform();
  d.u_hsct_death_time = rng.Uniform();
  d.z_fold = rng.Normal();
  d.z_low_antigen = rng.Normal();
  return d;
}

PatientDraw TypicalPatient() { return PatientDraw{}; }

const char* ResponseName(Response r) {
  switch (r) {
    case Response::kNone:
      return "none";
    case Response::kPartial:
      return "PR";
    case Response::kComplete:
      return "CR";
  }
  return "?";
}

const char* RelapseName(Relapse r) {
  switch (r) {
    case Relapse::kNone:
      return "none";
    case Relapse::kAntigenPositive:
      return "antigen-positive";
    case Relapse::kAntigenNegative:
      return "antigen-negative";
  }
  return "?";
}

Result<PatientOutcome> SimulatePatient(const Scenario& scenario, const PatientDraw& draw,
                                       std::vector<TimePoint>* course, double sample_days) {
  CarTSystem system(scenario, draw, course, sample_days);
  StateVector y = system.Initial();
  // The first infusion is a time event at its day; start just before it so day 0 is one.
  const double t0 = -1e-6;
  if (course != nullptr) {
    TimePoint first;
    first.tumour_positive_cells = y[kTumourPos];
    first.tumour_negative_cells = y[kTumourNeg];
    first.tumour_low_antigen_cells = y[kTumourLow];
    first.normal_cells = y[kNormal];
    first.il6_pg_ml = y[kIl6];
    first.icans_signal_pg_ml = y[kNeuro];
    course->push_back(first);
  }
  SolverOptions options;
  auto stats = Integrate(system, t0, scenario.horizon_days, &y, options);
  if (!stats.ok()) return stats.status();
  PatientOutcome o = system.Finish(stats->end_time, y);
  o.solver_steps = stats->steps;
  return o;
}

}  // namespace carta::sim
