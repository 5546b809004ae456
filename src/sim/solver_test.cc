// The DOPRI5 solver against closed forms, against fixed-step RK4, and its
// event location and non-negativity.
#include "carta/sim/solver.h"

#include <gtest/gtest.h>

#include <cmath>

#include "car_t_system.h"
#include "carta/sim/model.h"
#include "carta/sim/patient.h"

namespace carta::sim {
namespace {

// Stein et al. 2019 (tisagenlecleucel): E grows at ρ = ln(foldx)/Tmax until
// Tmax, then dE/dt = -αE, dM/dt = kE - βM with k = FB(α - β). The switch at
// Tmax is a time event.
class SteinKinetics : public OdeSystem {
 public:
  static constexpr double kFoldx = 3900, kTmax = 9.3, kAlpha = 0.16, kFb = 0.0079, kBeta = 0.0032;
  int Size() const override { return 2; }
  void Derivative(double t, const StateVector& y, StateVector* dy) const override {
    if (t < kTmax || !switched_) {
      (*dy)[0] = std::log(kFoldx) / kTmax * y[0];
      (*dy)[1] = 0;
    } else {
      (*dy)[0] = -kAlpha * y[0];
      (*dy)[1] = kFb * (kAlpha - kBeta) * y[0] - kBeta * y[1];
    }
  }
  double AbsTolerance(int) const override { return 1e-12; }
  double NextTimeEvent(double t) const override { return t < kTmax ? kTmax : INFINITY; }
  bool OnEvent(int, double, StateVector*) override {
    switched_ = true;
    return true;
  }
  // The closed form of E + M (derived in doc/model.md): E0·exp(ρt) before
  // Tmax; Cmax·((1 - FB)·exp(-α s) + FB·exp(-β s)) at s = t - Tmax after it.
  static double Total(double t, double e0) {
    const double cmax = e0 * kFoldx;
    if (t <= kTmax) return e0 * std::exp(std::log(kFoldx) / kTmax * t);
    const double s = t - kTmax;
    return cmax * ((1 - kFb) * std::exp(-kAlpha * s) + kFb * std::exp(-kBeta * s));
  }

 private:
  bool switched_ = false;
};

TEST(SimSolver, MatchesSteinClosedForm) {
  for (double t_end : {5.0, 9.3, 20.0, 100.0, 400.0, 1826.0}) {
    SteinKinetics stein;
    StateVector y{};
    y[0] = 1;
    SolverOptions o;
    o.rel_tol = 1e-9;
    auto r = Integrate(stein, 0, t_end, &y, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const double want = SteinKinetics::Total(t_end, 1);
    EXPECT_NEAR((y[0] + y[1]) / want, 1, 1e-7) << "day " << t_end;
  }
}

TEST(SimSolver, DefaultToleranceWithinAPercentOfSteinClosedForm) {
  SteinKinetics stein;
  StateVector y{};
  y[0] = 1;
  auto r = Integrate(stein, 0, 365, &y);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR((y[0] + y[1]) / SteinKinetics::Total(365, 1), 1, 1e-2);
  EXPECT_LT(r->steps, 200);  // an adaptive solver takes long steps in the slow phase
}

// y' = -y from 1: the event y = 0.5 is at ln 2.
class Decay : public OdeSystem {
 public:
  int Size() const override { return 1; }
  void Derivative(double, const StateVector& y, StateVector* dy) const override { (*dy)[0] = -y[0]; }
  double AbsTolerance(int) const override { return 1e-10; }
  int EventCount() const override { return 1; }
  double EventValue(int, double, const StateVector& y, const StateVector&) const override { return 0.5 - y[0]; }
  bool OnEvent(int, double t, StateVector*) override {
    at = t;
    return false;
  }
  double at = -1;
};

TEST(SimSolver, LocatesStateEventsExactly) {
  Decay decay;
  StateVector y{};
  y[0] = 1;
  SolverOptions o;
  o.rel_tol = 1e-10;
  o.max_step_days = 5;
  auto r = Integrate(decay, 0, 10, &y, o);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(decay.at, std::log(2.0), 1e-8);
  EXPECT_NEAR(r->end_time, std::log(2.0), 1e-8);
  EXPECT_NEAR(y[0], 0.5, 1e-8);
}

// The CAR-T equations without their events, for comparison with RK4.
class NoEvents : public OdeSystem {
 public:
  explicit NoEvents(const CarTSystem& inner) : inner_(inner) {}
  int Size() const override { return inner_.Size(); }
  void Derivative(double t, const StateVector& y, StateVector* dy) const override { inner_.Derivative(t, y, dy); }
  double AbsTolerance(int i) const override { return inner_.AbsTolerance(i); }

 private:
  const CarTSystem& inner_;
};

TEST(SimSolver, AgreesWithFixedStepRk4OnTheCarTModel) {
  for (const char* product : {"kymriah", "yescarta"}) {
    auto s = MakeScenario(product, "LBCL");
    ASSERT_TRUE(s.ok());
    CarTSystem system(*s, TypicalPatient(), nullptr, 1);
    StateVector y0 = system.Initial();
    y0[kInfused] = s->product.dose_cells;
    NoEvents plain(system);
    StateVector adaptive = y0, reference = y0;
    SolverOptions o;
    o.rel_tol = 1e-9;
    ASSERT_TRUE(Integrate(plain, 0, 45, &adaptive, o).ok());
    IntegrateRk4(plain, 0, 45, 45 * 2000, &reference);
    for (int i : {kEffector, kMemory, kTumourPos, kNormal, kIl6}) {
      EXPECT_NEAR(adaptive[i], reference[i], 1e-6 * std::fabs(reference[i]) + 1e-3) << product << " state " << i;
    }
  }
}

TEST(SimSolver, StatesStayNonNegative) {
  auto s = MakeScenario("yescarta", "LBCL");
  ASSERT_TRUE(s.ok());
  for (uint64_t i = 0; i < 20; ++i) {
    std::vector<TimePoint> course;
    auto o = SimulatePatient(*s, DrawPatient(7, i), &course, 3);
    ASSERT_TRUE(o.ok());
    for (const TimePoint& p : course) {
      for (double v : {p.infused_cells, p.effector_cells, p.memory_cells, p.tumour_positive_cells,
                       p.tumour_negative_cells, p.tumour_low_antigen_cells, p.normal_cells, p.il6_pg_ml,
                       p.icans_signal_pg_ml, p.tocilizumab_mg_l}) {
        ASSERT_GE(v, 0) << "patient " << i << " day " << p.day;
      }
    }
  }
}

}  // namespace
}  // namespace carta::sim
