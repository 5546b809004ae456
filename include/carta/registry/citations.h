// Which cohorts of the evidence base cite each registration.
#ifndef CARTA_REGISTRY_CITATIONS_H_
#define CARTA_REGISTRY_CITATIONS_H_

#include <string>
#include <vector>

#include "carta/evidence/model.h"
#include "carta/registry/registration.h"

namespace carta::registry {

// The cohorts of `eb` that cite registration `id` in their registry field, in file order.
std::vector<const evidence::Cohort*> CohortsCiting(const evidence::EvidenceBase& eb, const std::string& id);

// A registration with the ids of the cohorts citing it.
struct RegistrationRow {
  Registration registration;
  std::vector<std::string> cohorts;  // cohort ids, in file order; empty without an evidence base
};

// `regs` in their order, each with its citing cohorts (none when `eb` is null).
std::vector<RegistrationRow> WithCitingCohorts(const std::vector<Registration>& regs,
                                               const evidence::EvidenceBase* eb);

}  // namespace carta::registry

#endif  // CARTA_REGISTRY_CITATIONS_H_
