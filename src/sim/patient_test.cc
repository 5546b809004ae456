// Virtual patients: draws, endpoints.
#include "carta/sim/patient.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "carta/sim/trial.h"

namespace carta::sim {
namespace {

TEST(SimPatient, Explore) {
  for (const char* pi : {"kymriah/B-ALL", "yescarta/LBCL", "kymriah/LBCL", "breyanzi/LBCL", "abecma/MM", "carvykti/MM", "yescarta/FL", "tecartus/MCL", "breyanzi/CLL"}) {
    std::string s(pi);
    auto sc = MakeScenario(s.substr(0, s.find('/')), s.substr(s.find('/') + 1));
    ASSERT_TRUE(sc.ok()) << sc.status().ToString();
    TrialRequest q;
    q.scenario = *sc;
    q.patients = 2000;
    auto r = RunTrial(q);
    ASSERT_TRUE(r.ok());
    const auto& m = r->summary;
    std::printf("%-14s orr %.2f cr %.2f pfsmed %.1f pfs12 %.2f crs3 %.2f icans3 %.2f neg %.2f rel %ld cmax %.3g pers %.0f il6 %.0f steps %.0f\n", pi,
                m.orr.rate, m.cr_rate.rate, m.pfs_median_months, m.pfs_at_12_months, m.crs_grade3.rate, m.icans_grade3.rate,
                m.antigen_negative_relapse_share, m.relapses, m.cmax_median_cells, m.persistence_median_days, m.il6_peak_median_pg_ml, double(m.solver_steps)/m.patients);
  }
}

}  // namespace
}  // namespace carta::sim
