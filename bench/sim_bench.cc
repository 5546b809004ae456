// Time per virtual patient of carta::sim over a 5-year horizon, on one
// thread, and a 100,000-patient trial on 2 threads (doc/benchmarks.md). Prints
// one line per measurement; bench/sim.sh runs it beside R deSolve.
//   sim_bench [PATIENTS]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "carta/sim/trial.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace carta::sim;
  const long patients = argc > 1 ? std::atol(argv[1]) : 20000;
  for (const char* pi : {"yescarta/LBCL", "kymriah/B-ALL", "abecma/MM"}) {
    const std::string s(pi);
    auto scenario = MakeScenario(s.substr(0, s.find('/')), s.substr(s.find('/') + 1));
    if (!scenario.ok()) return 1;
    TrialRequest q;
    q.scenario = *scenario;
    q.patients = patients;
    q.threads = 1;
    auto start = std::chrono::steady_clock::now();
    auto r = RunTrial(q);
    const double one = Seconds(start);
    if (!r.ok()) return 1;
    std::printf("carta %-14s 1 thread: %.4f ms per patient (%ld patients, %.0f steps per patient)\n", pi,
                1e3 * one / static_cast<double>(patients), patients,
                static_cast<double>(r->summary.solver_steps) / static_cast<double>(patients));
  }
  auto scenario = MakeScenario("yescarta", "LBCL");
  TrialRequest q;
  q.scenario = *scenario;
  q.patients = 100000;
  q.threads = 2;
  auto start = std::chrono::steady_clock::now();
  auto r = RunTrial(q);
  if (!r.ok()) return 1;
  std::printf("carta yescarta/LBCL 100000 patients, 2 threads: %.2f s\n", Seconds(start));
  return 0;
}
