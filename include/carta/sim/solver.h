// The ODE solver of the simulator: an explicit embedded Runge–Kutta pair,
// Dormand & Prince 1980 (RK5(4)7FM, "DOPRI5"), with a PI step-size controller
// (Hairer & Wanner, Solving ODEs II, §IV.2), a cubic Hermite dense output for
// locating events, and a fixed-step classical RK4 as the reference it is
// tested against. Why an explicit pair and not a Rosenbrock method is argued
// in doc/model.md (the stiff IL-6 and infusion states are switched off after
// the acute phase, which leaves a non-stiff system for the long horizon).
#ifndef CARTA_SIM_SOLVER_H_
#define CARTA_SIM_SOLVER_H_

#include <array>
#include <limits>

#include "carta/core/status.h"

namespace carta::sim {

constexpr int kMaxStates = 14;
using StateVector = std::array<double, kMaxStates>;

// A system of ODEs with its events. Time is in days. The solver never calls
// it from two threads at once.
class OdeSystem {
 public:
  virtual ~OdeSystem() = default;
  // The number of states in use (the first `Size()` entries), <= kMaxStates.
  virtual int Size() const = 0;
  // dy/dt at (t, y).
  virtual void Derivative(double t, const StateVector& y, StateVector* dy) const = 0;
  // Absolute error tolerance of state i; 0 keeps the state out of error control
  // (a quadrature such as an AUC).
  virtual double AbsTolerance(int i) const = 0;
  // State events: the number of event functions. Event i fires where
  // EventValue(i, ...) crosses from negative to zero or positive; the solver
  // locates the crossing on the dense output to `event_time_tol` days.
  virtual int EventCount() const { return 0; }
  virtual double EventValue(int /*i*/, double /*t*/, const StateVector& /*y*/, const StateVector& /*dy*/) const {
    return -1;
  }
  // The next scheduled (time) event strictly after `t`, or +inf. The solver
  // stops exactly there and calls OnEvent with index -1.
  virtual double NextTimeEvent(double /*t*/) const { return std::numeric_limits<double>::infinity(); }
  // Handles event `i` (-1: the time event) at `t`; may change `y` and the
  // system itself. Returns false to end the integration at `t`.
  virtual bool OnEvent(int /*i*/, double /*t*/, StateVector* /*y*/) { return true; }
  // Called after every accepted step (and after events) with the new point.
  virtual void OnStep(double /*t*/, const StateVector& /*y*/) {}
};

struct SolverOptions {
  double rel_tol = 1e-5;
  double initial_step_days = 0.01;
  double max_step_days = 60;
  double event_time_tol = 1e-9;  // days
  long max_steps = 200000;
};

struct SolveStats {
  long steps = 0;        // accepted steps
  long rejected = 0;     // rejected steps
  long derivatives = 0;  // calls of Derivative
  long events = 0;       // events handled (time and state)
  double end_time = 0;   // where integration ended (t1, or an event that stopped it)
};

// Integrates `system` from `t0` to `t1` (t1 > t0) in place on `y` with
// DOPRI5. States are clipped at zero after every step (each state of the
// simulator is a cell number, a concentration or an amount). Fails with
// kNotConverged when the step size underflows or max_steps is reached.
Result<SolveStats> Integrate(OdeSystem& system, double t0, double t1, StateVector* y,
                             const SolverOptions& options = {});

// The classical fixed-step RK4 with `steps` equal steps from t0 to t1, no
// events and no clipping: the reference the adaptive solver is tested against.
void IntegrateRk4(const OdeSystem& system, double t0, double t1, long steps, StateVector* y);

}  // namespace carta::sim

#endif  // CARTA_SIM_SOLVER_H_
