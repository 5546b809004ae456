// The evidence base checked against the trial registrations it cites: each
// finding names the cohort (file:line, provenance) and the registration (its
// file) it compares.
#ifndef CARTA_REGISTRY_AUDIT_H_
#define CARTA_REGISTRY_AUDIT_H_

#include <string>
#include <vector>

#include "carta/evidence/audit.h"
#include "carta/evidence/model.h"
#include "carta/registry/citations.h"
#include "carta/registry/registration.h"

namespace carta::registry {

// The rules AuditRegistrations runs, in order: registration-phase,
// registration-enrollment, registration-products, registration-acronym.
const std::vector<evidence::AuditRule>& RegistrationAuditRules();

// Every cohort that cites a registration in `regs`, checked against it:
//  - registration-phase (warning): the cohort's phase (its digits: "1/2") is
//    not among the registration's phases;
//  - registration-enrollment (warning): the cohort's n is above the
//    registration's enrollment;
//  - registration-products (warning): cohorts of two or more products cite
//    the registration, and a product is not named (brand, INN, code, short or
//    Chinese name) in its interventions or title;
//  - registration-acronym (warning): the cohort's acronym is the acronym of
//    another registration in `regs`, not of one it cites.
// Findings in the order of the rules, then of the data.
std::vector<evidence::Finding> AuditRegistrations(const evidence::EvidenceBase& eb,
                                                  const std::vector<Registration>& regs);

}  // namespace carta::registry

#endif  // CARTA_REGISTRY_AUDIT_H_
