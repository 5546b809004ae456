// Counting each registration once: the rule every pooled analysis (meta,
// survival pooling, the report) applies to the cohorts it selected, so that one
// trial's patients, printed in two rows (two products, two reports), enter a
// pool once.
#ifndef CARTA_EVIDENCE_REGISTRATIONS_H_
#define CARTA_EVIDENCE_REGISTRATIONS_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"

namespace carta::evidence {

// How cohorts that share a registration are counted.
struct RegistrationRule {
  // Count every cohort, as printed (the override of the rule).
  bool keep_duplicates = false;
  // Cohort ids to count in place of the default pick of their group.
  std::vector<std::string> prefer;
};

// A cohort the rule did not count, and the one counted in its place.
struct SetAside {
  std::string cohort;        // the cohort set aside
  std::string kept;          // the cohort of the same registration and indication counted instead
  std::string registration;  // the shared registry id ("NCT03391466")
  std::string indication;    // the shared indication ("LBCL")
  std::string reason;        // in words: why `kept` was chosen
};

struct RegistrationSelection {
  std::vector<const Cohort*> kept;  // in the order of the candidates
  std::vector<SetAside> set_aside;  // in the order of the candidates
};

// The rule: cohorts that share a registry id and an indication (one within the
// other: DLBCL within LBCL) are one group, and of each group one cohort is
// counted: the one named in `rule.prefer`, else the one with the longest
// median follow-up (Cohort::FollowupMonths; a cohort without one comes last),
// else the first in the candidates' order. Cohorts without a registry id are
// always counted. With rule.keep_duplicates every candidate is kept.
// Fails with InvalidArgument (field "prefer") when `rule.prefer` names two
// cohorts of one group.
Result<RegistrationSelection> OnePerRegistration(const std::vector<const Cohort*>& candidates,
                                                 const RegistrationRule& rule);

// One report of a trial: a cohort and its median follow-up.
struct TimePoint {
  std::string cohort;
  double followup_months = 0;  // NaN when the cohort gives none
};

// A trial reported more than once (a primary and a long-term report, or one
// trial printed in two rows) is one cohort with several time points: the
// cohorts sharing a registry id and an indication with `c` (one within the
// other, as OnePerRegistration groups them, linked through each other), `c`
// included, by median follow-up (none given first), then in data order.
// Empty when no other cohort shares a registration and indication with `c`.
// A pooled analysis counts the group once: for its outcome, the latest time
// point reporting it (OnePerRegistration over the cohorts with the outcome).
std::vector<TimePoint> TimePointsOf(const EvidenceBase& eb, const Cohort& c);

// Checks that every cohort `rule.prefer` names exists in `eb`: NotFound
// (field "prefer") naming the first unknown id otherwise.
Status CheckRegistrationRule(const EvidenceBase& eb, const RegistrationRule& rule);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_REGISTRATIONS_H_
