// Dormand & Prince 1980 RK5(4)7FM with Hairer's PI step-size control and
// event location on a cubic Hermite interpolant (Illinois method).
#include "carta/sim/solver.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace carta::sim {

namespace {

// Dormand & Prince 1980, Table 2 (the tableau of RK5(4)7FM).
constexpr double kC2 = 1.0 / 5, kC3 = 3.0 / 10, kC4 = 4.0 / 5, kC5 = 8.0 / 9;
constexpr double kA21 = 1.0 / 5;
constexpr double kA31 = 3.0 / 40, kA32 = 9.0 / 40;
constexpr double kA41 = 44.0 / 45, kA42 = -56.0 / 15, kA43 = 32.0 / 9;
constexpr double kA51 = 19372.0 / 6561, kA52 = -25360.0 / 2187, kA53 = 64448.0 / 6561, kA54 = -212.0 / 729;
constexpr double kA61 = 9017.0 / 3168, kA62 = -355.0 / 33, kA63 = 46732.0 / 5247, kA64 = 49.0 / 176,
                 kA65 = -5103.0 / 18656;
constexpr double kA71 = 35.0 / 384, kA73 = 500.0 / 1113, kA74 = 125.0 / 192, kA75 = -2187.0 / 6784, kA76 = 11.0 / 84;
// The difference between the 5th- and 4th-order weights.
constexpr double kE1 = 71.0 / 57600, kE3 = -71.0 / 16695, kE4 = 71.0 / 1920, kE5 = -17253.0 / 339200, kE6 = 22.0 / 525,
                 kE7 = -1.0 / 40;

// Hairer & Wanner's PI controller constants (DOPRI5's defaults).
constexpr double kSafety = 0.9, kBeta = 0.04, kExpo = 0.2 - kBeta * 0.75;
constexpr double kMinShrink = 0.2, kMaxGrow = 10;

struct Step {
  double t = 0, h = 0;
  StateVector y0{}, f0{}, y1{}, f1{};
};

// y = Hermite cubic of the step at t (clipped at zero).
StateVector Interpolate(const Step& s, int n, double t) {
  const double th = (t - s.t) / s.h, th2 = th * th, th3 = th2 * th;
  const double h00 = 2 * th3 - 3 * th2 + 1, h10 = th3 - 2 * th2 + th, h01 = -2 * th3 + 3 * th2, h11 = th3 - th2;
  StateVector y{};
  for (int i = 0; i < n; ++i) {
    y[i] = std::max(0.0, h00 * s.y0[i] + h10 * s.h * s.f0[i] + h01 * s.y1[i] + h11 * s.h * s.f1[i]);
  }
  return y;
}

class Dopri {
 public:
  Dopri(OdeSystem& sys, const SolverOptions& o) : sys_(sys), o_(o), n_(sys.Size()) {}

  Result<SolveStats> Run(double t0, double t1, StateVector* y);

 private:
  void Eval(double t, const StateVector& y, StateVector* dy) {
    sys_.Derivative(t, y, dy);
    ++stats_.derivatives;
  }
  // One trial step from (t, y, f) with size h: y1, f1 and the error norm.
  double Attempt(double t, double h, const StateVector& y, const StateVector& f, StateVector* y1, StateVector* f1);
  double EventValue(int i, double t, const StateVector& y) {
    StateVector dy{};
    Eval(t, y, &dy);
    return sys_.EventValue(i, t, y, dy);
  }
  void RefreshEvents(double t, const StateVector& y, const StateVector& f);
  // The earliest state event in the step; returns its index or -1 and sets *t_event.
  int FirstEvent(const Step& s, const std::vector<double>& g1, double* t_event);
  double Locate(const Step& s, int i, double ga);

  OdeSystem& sys_;
  SolverOptions o_;
  int n_;
  SolveStats stats_;
  std::vector<double> g_;  // event values at the current point
};

double Dopri::Attempt(double t, double h, const StateVector& y, const StateVector& k1, StateVector* y1,
                      StateVector* k7) {
  StateVector k2{}, k3{}, k4{}, k5{}, k6{}, tmp{};
  for (int i = 0; i < n_; ++i) tmp[i] = y[i] + h * kA21 * k1[i];
  Eval(t + kC2 * h, tmp, &k2);
  for (int i = 0; i < n_; ++i) tmp[i] = y[i] + h * (kA31 * k1[i] + kA32 * k2[i]);
  Eval(t + kC3 * h, tmp, &k3);
  for (int i = 0; i < n_; ++i) tmp[i] = y[i] + h * (kA41 * k1[i] + kA42 * k2[i] + kA43 * k3[i]);
  Eval(t + kC4 * h, tmp, &k4);
  for (int i = 0; i < n_; ++i) tmp[i] = y[i] + h * (kA51 * k1[i] + kA52 * k2[i] + kA53 * k3[i] + kA54 * k4[i]);
  Eval(t + kC5 * h, tmp, &k5);
  for (int i = 0; i < n_; ++i) {
    tmp[i] = y[i] + h * (kA61 * k1[i] + kA62 * k2[i] + kA63 * k3[i] + kA64 * k4[i] + kA65 * k5[i]);
  }
  Eval(t + h, tmp, &k6);
  for (int i = 0; i < n_; ++i) {
    (*y1)[i] = y[i] + h * (kA71 * k1[i] + kA73 * k3[i] + kA74 * k4[i] + kA75 * k5[i] + kA76 * k6[i]);
  }
  Eval(t + h, *y1, k7);
  double sum = 0;
  int counted = 0;
  for (int i = 0; i < n_; ++i) {
    const double atol = sys_.AbsTolerance(i);
    if (atol <= 0) continue;
    const double err = h * (kE1 * k1[i] + kE3 * k3[i] + kE4 * k4[i] + kE5 * k5[i] + kE6 * k6[i] + kE7 * (*k7)[i]);
    const double scale = atol + o_.rel_tol * std::max(std::fabs(y[i]), std::fabs((*y1)[i]));
    sum += (err / scale) * (err / scale);
    ++counted;
  }
  return counted == 0 ? 0 : std::sqrt(sum / counted);
}

void Dopri::RefreshEvents(double t, const StateVector& y, const StateVector& f) {
  for (size_t i = 0; i < g_.size(); ++i) g_[i] = sys_.EventValue(static_cast<int>(i), t, y, f);
}

// Illinois (modified regula falsi) on [s.t, s.t + s.h] where event i goes
// from ga < 0 to >= 0; returns the first time at which it is >= 0.
double Dopri::Locate(const Step& s, int i, double ga) {
  double a = s.t, b = s.t + s.h;
  double gb = sys_.EventValue(i, b, s.y1, s.f1);
  int side = 0;
  for (int iter = 0; iter < 200 && b - a > o_.event_time_tol; ++iter) {
    double m = (a * gb - b * ga) / (gb - ga);
    if (!(m > a && m < b) || iter % 8 == 7) m = 0.5 * (a + b);  // bisection now and then bounds the work
    const double gm = EventValue(i, m, Interpolate(s, n_, m));
    if (gm >= 0) {
      b = m;
      gb = gm;
      if (side == -1) ga *= 0.5;
      side = -1;
    } else {
      a = m;
      ga = gm;
      if (side == 1) gb *= 0.5;
      side = 1;
    }
  }
  return b;
}

int Dopri::FirstEvent(const Step& s, const std::vector<double>& g1, double* t_event) {
  int first = -1;
  for (size_t i = 0; i < g_.size(); ++i) {
    if (!(g_[i] < 0 && g1[i] >= 0)) continue;
    const double te = Locate(s, static_cast<int>(i), g_[i]);
    if (first < 0 || te < *t_event) {
      first = static_cast<int>(i);
      *t_event = te;
    }
  }
  return first;
}

Result<SolveStats> Dopri::Run(double t0, double t1, StateVector* yp) {
  StateVector& y = *yp;
  double t = t0, h = std::min(o_.initial_step_days, t1 - t0), err_old = 1e-4;
  StateVector f{};
  Eval(t, y, &f);
  g_.assign(sys_.EventCount(), 0);
  RefreshEvents(t, y, f);
  std::vector<double> g1(g_.size());
  while (t < t1) {
    if (stats_.steps + stats_.rejected >= o_.max_steps) {
      return Status::NotConverged("the ODE solver took more than " + std::to_string(o_.max_steps) + " steps");
    }
    const double t_stop = std::min(t1, sys_.NextTimeEvent(t));
    const bool hits_stop = t + h >= t_stop - 1e-12 * std::max(1.0, std::fabs(t_stop));
    if (hits_stop) h = t_stop - t;
    Step s;
    s.t = t;
    s.h = h;
    s.y0 = y;
    s.f0 = f;
    const double err = Attempt(t, h, y, f, &s.y1, &s.f1);
    if (!(err <= 1)) {
      const double shrink = std::isfinite(err) ? std::min(1 / kMinShrink, std::pow(err, kExpo) / kSafety) : 10;
      h /= shrink;
      ++stats_.rejected;
      if (h < 1e-12 * std::max(1.0, std::fabs(t)))
        return Status::NotConverged("the ODE solver's step size underflowed");
      continue;
    }
    ++stats_.steps;
    bool clipped = false;
    for (int i = 0; i < n_; ++i) {
      if (s.y1[i] < 0) {
        s.y1[i] = 0;
        clipped = true;
      }
    }
    if (clipped) Eval(t + h, s.y1, &s.f1);
    const double tn = hits_stop ? t_stop : t + h;
    // The next step size (PI control), computed before events may shorten this one.
    double fac = std::pow(err, kExpo) / std::pow(err_old, kBeta) / kSafety;
    fac = std::clamp(fac, 1 / kMaxGrow, 1 / kMinShrink);
    const double h_next = std::min(o_.max_step_days, h / fac);
    err_old = std::max(err, 1e-4);
    for (size_t i = 0; i < g_.size(); ++i) g1[i] = sys_.EventValue(static_cast<int>(i), tn, s.y1, s.f1);
    double te = tn;
    const int ev = FirstEvent(s, g1, &te);
    if (ev >= 0) {
      y = Interpolate(s, n_, te);
      t = te;
      sys_.OnStep(t, y);
      ++stats_.events;
      bool go_on = sys_.OnEvent(ev, t, &y);
      // Events that crossed in the same interval fire at the same time.
      for (size_t i = 0; i < g_.size(); ++i) {
        if (static_cast<int>(i) == ev || !(g_[i] < 0)) continue;
        if (EventValue(static_cast<int>(i), t, y) >= 0) {
          ++stats_.events;
          go_on = sys_.OnEvent(static_cast<int>(i), t, &y) && go_on;
        }
      }
      if (go_on && hits_stop && t >= t_stop && t < t1) {
        ++stats_.events;
        go_on = sys_.OnEvent(-1, t, &y);
      }
      Eval(t, y, &f);
      RefreshEvents(t, y, f);
      if (!go_on) break;
      h = std::max(h_next, 1e-6);
      continue;
    }
    t = tn;
    y = s.y1;
    f = s.f1;
    g_ = g1;
    sys_.OnStep(t, y);
    if (hits_stop && t < t1) {
      ++stats_.events;
      const bool go_on = sys_.OnEvent(-1, t, &y);
      Eval(t, y, &f);
      RefreshEvents(t, y, f);
      if (!go_on) break;
    }
    h = h_next;
  }
  stats_.end_time = t;
  return stats_;
}

}  // namespace

Result<SolveStats> Integrate(OdeSystem& system, double t0, double t1, StateVector* y, const SolverOptions& options) {
  if (!(t1 > t0)) return Status::InvalidArgument("the end time must follow the start time");
  Dopri dopri(system, options);
  return dopri.Run(t0, t1, y);
}

void IntegrateRk4(const OdeSystem& system, double t0, double t1, long steps, StateVector* yp) {
  StateVector& y = *yp;
  const int n = system.Size();
  const double h = (t1 - t0) / static_cast<double>(steps);
  StateVector k1{}, k2{}, k3{}, k4{}, tmp{};
  for (long s = 0; s < steps; ++s) {
    const double t = t0 + static_cast<double>(s) * h;
    system.Derivative(t, y, &k1);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k1[i];
    system.Derivative(t + 0.5 * h, tmp, &k2);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + 0.5 * h * k2[i];
    system.Derivative(t + 0.5 * h, tmp, &k3);
    for (int i = 0; i < n; ++i) tmp[i] = y[i] + h * k3[i];
    system.Derivative(t + h, tmp, &k4);
    for (int i = 0; i < n; ++i) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
}

}  // namespace carta::sim
