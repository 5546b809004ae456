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

// Checks that every cohort `rule.prefer` names exists in `eb`: NotFound
// (field "prefer") naming the first unknown id otherwise.
Status CheckRegistrationRule(const EvidenceBase& eb, const RegistrationRule& rule);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_REGISTRATIONS_H_
