// A living review: the synthesis as a few numbers that can be kept (cohorts,
// pooled estimates, audit findings), and what changed between two of them,
// for `carta update`.
#ifndef CARTA_REPORT_UPDATE_H_
#define CARTA_REPORT_UPDATE_H_

#include <string>
#include <utility>
#include <vector>

#include "carta/evidence/model.h"

namespace carta::report {

// One pooled estimate of the synthesis, on the proportion scale (0..1).
struct PooledFigure {
  std::string name;  // "orr CD19 LBCL"
  int k = 0;
  double estimate = 0, ci_lb = 0, ci_ub = 0, tau2 = 0;  // tau2 on the logit scale
};

struct Synthesis {
  std::vector<std::pair<std::string, std::string>> cohorts;  // id, its record as data/ text (what changed in it)
  std::vector<PooledFigure> pools;
  std::vector<std::string> findings;  // "rule: subject: message"
  std::string kept_at;  // when it was kept (UTC, "2026-12-04T23:10:00Z"); "" when not kept
};

// The synthesis of `eb`: every cohort, the pooled ORR and CR rate (random
// effects, REML, logit scale, one cohort per registration and indication)
// of all cohorts, of CD19 and of BCMA products, and of CD19 in LBCL (a pool
// with fewer than 2 cohorts is left out), and the audit's findings.
Synthesis Synthesize(const evidence::EvidenceBase& eb);

struct PoolChange {
  std::string name;
  bool before_present = false, after_present = false;
  PooledFigure before, after;
};

struct Changes {
  std::vector<std::string> cohorts_added, cohorts_removed, cohorts_changed;
  std::vector<PoolChange> pools;  // every pool that changed (k, estimate, CI or tau2 beyond 1e-9)
  std::vector<std::string> findings_appeared, findings_disappeared;

  bool empty() const;
};

// What differs from `before` to `after`.
Changes Compare(const Synthesis& before, const Synthesis& after);

}  // namespace carta::report

#endif  // CARTA_REPORT_UPDATE_H_
