#include "carta/registry/citations.h"

#include <algorithm>

namespace carta::registry {

std::vector<const evidence::Cohort*> CohortsCiting(const evidence::EvidenceBase& eb, const std::string& id) {
  std::vector<const evidence::Cohort*> out;
  for (const auto& c : eb.cohorts) {
    if (std::find(c.registry.begin(), c.registry.end(), id) != c.registry.end()) out.push_back(&c);
  }
  return out;
}

std::vector<RegistrationRow> WithCitingCohorts(const std::vector<Registration>& regs,
                                               const evidence::EvidenceBase* eb) {
  std::vector<RegistrationRow> out;
  for (const auto& r : regs) {
    RegistrationRow row{r, {}};
    if (eb != nullptr) {
      for (const evidence::Cohort* c : CohortsCiting(*eb, r.id)) row.cohorts.push_back(c->id);
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace carta::registry
