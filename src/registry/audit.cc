#include "carta/registry/audit.h"

#include <algorithm>
#include <map>

#include "carta/core/text.h"

namespace carta::registry {

namespace {

using evidence::Cohort;
using evidence::Finding;
using evidence::FindingValue;
using evidence::Severity;

std::vector<std::string> Digits(const std::string& phase) {
  std::vector<std::string> out;
  for (char c : phase) {
    if (c >= '1' && c <= '4' && std::find(out.begin(), out.end(), std::string(1, c)) == out.end()) {
      out.push_back(std::string(1, c));
    }
  }
  return out;
}

// The registration's side of a finding: its id, the value, and the file it was read from.
FindingValue RegValue(const Registration& r, const std::string& label, const std::string& value) {
  FindingValue v;
  v.label = r.id + " " + label;
  v.value = value;
  v.prov.citation = r.registry;
  v.pos.file = r.source;
  return v;
}

// The cohort's side: its id and the field, at the cohort's place in the data.
FindingValue CohortValue(const Cohort& c, const std::string& label, const std::string& value) {
  FindingValue v;
  v.label = c.id + " " + label;
  v.value = value;
  const evidence::CohortValue* first = c.values.empty() ? nullptr : &c.values.front();
  if (first != nullptr) v.prov = first->prov;
  v.pos = c.pos;
  return v;
}

void CheckPhase(const Cohort& c, const Registration& r, std::vector<Finding>* out) {
  const std::vector<std::string> cohort = Digits(c.phase), reg = PhaseNumbers(r);
  if (cohort.empty() || reg.empty()) return;
  for (const auto& d : cohort) {
    if (std::find(reg.begin(), reg.end(), d) != reg.end()) continue;
    out->push_back({Severity::kWarning, "registration-phase", "cohort " + c.id,
                    "phase " + c.phase + " of the cohort is not a phase of its registration " + r.id + " (" +
                        text::Join(r.phases, ", ") + ")",
                    {CohortValue(c, "phase", c.phase), RegValue(r, "phases", text::Join(r.phases, ", "))}});
    return;
  }
}

void CheckEnrollment(const Cohort& c, const Registration& r, std::vector<Finding>* out) {
  const auto n = c.N();
  if (!n || !r.enrollment || *n <= *r.enrollment) return;
  const std::string kind = r.enrollment_type.empty() ? "" : " (" + text::ToLower(r.enrollment_type) + ")";
  out->push_back({Severity::kWarning, "registration-enrollment", "cohort " + c.id,
                  "n " + std::to_string(*n) + " is above the enrollment of registration " + r.id + ": " +
                      std::to_string(*r.enrollment) + kind,
                  {CohortValue(c, "n", std::to_string(*n)), RegValue(r, "enrollment", std::to_string(*r.enrollment))}});
}

// True when `indication` is one the registration lists, or within or around one of them.
bool ListsIndication(const std::vector<std::string>& listed, const std::string& indication) {
  return std::any_of(listed.begin(), listed.end(), [&](const std::string& l) {
    return evidence::IndicationWithin(indication, l) || evidence::IndicationWithin(l, indication);
  });
}

// A cohort filed under an indication its registration's conditions do not
// name. Checked only where the conditions can be read (some name an
// indication, none is too broad to say: "Lymphoma" could cover any).
void CheckIndication(const Cohort& c, const Registration& r, std::vector<Finding>* out) {
  const std::vector<std::string> listed = IndicationsOf(r);
  if (listed.empty() || !UnreadConditions(r).empty()) return;
  for (const auto& i : c.indications) {
    if (ListsIndication(listed, i)) continue;
    out->push_back({Severity::kWarning, "registration-indication", "cohort " + c.id,
                    "indication " + i + " of the cohort is not among the conditions of its registration " + r.id +
                        " (" + text::Join(r.conditions, "; ") + ", read as " + text::Join(listed, ", ") + ")",
                    {CohortValue(c, "indication", text::Join(c.indications, ", ")),
                     RegValue(r, "conditions", text::Join(r.conditions, "; "))}});
    return;
  }
}

// True when one of the product's names appears in the registration's interventions or title.
bool Lists(const Registration& r, const evidence::Product& p) {
  std::string where = text::FoldForMatch(r.title);
  for (const auto& i : r.interventions) where += "\n" + text::FoldForMatch(i);
  for (const auto& name : p.AllNames()) {
    const std::string n = text::FoldForMatch(name);
    if (n.size() >= 3 && where.find(n) != std::string::npos) return true;
  }
  return false;
}

void CheckProducts(const evidence::EvidenceBase& eb, const Registration& r, std::vector<Finding>* out) {
  std::map<std::string, const Cohort*> by_product;  // first cohort of each product
  for (const Cohort* c : CohortsCiting(eb, r.id)) {
    if (!c->product_id.empty()) by_product.emplace(c->product_id, c);
  }
  if (by_product.size() < 2) return;
  for (const auto& [product_id, c] : by_product) {
    const evidence::Product* p = eb.FindProduct(product_id);
    if (p == nullptr || Lists(r, *p)) continue;
    std::vector<std::string> others;
    for (const auto& [other, oc] : by_product) {
      if (other != product_id) others.push_back(oc->id + " (" + other + ")");
    }
    out->push_back({Severity::kWarning, "registration-products", "cohort " + c->id,
                    "registration " + r.id + " is cited by cohorts of " + std::to_string(by_product.size()) +
                        " products, and its interventions do not name " + p->brand + " (" + product_id +
                        "); also cited by " + text::Join(others, ", "),
                    {CohortValue(*c, "product", p->brand),
                     RegValue(r, "interventions", text::Join(r.interventions, "; "))}});
  }
}

void CheckAcronym(const Cohort& c, const std::vector<Registration>& regs, std::vector<Finding>* out) {
  if (c.acronym.empty()) return;
  const std::string mine = text::FoldForMatch(c.acronym);
  for (const Registration& r : regs) {
    if (r.acronym.empty() || text::FoldForMatch(r.acronym) != mine) continue;
    if (std::find(c.registry.begin(), c.registry.end(), r.id) != c.registry.end()) return;  // its own
    out->push_back({Severity::kWarning, "registration-acronym", "cohort " + c.id,
                    "acronym " + c.acronym + " is that of registration " + r.id + ", which the cohort does not cite (" +
                        (c.registry.empty() ? std::string("none") : text::Join(c.registry, ", ")) + ")",
                    {CohortValue(c, "acronym", c.acronym), RegValue(r, "acronym", r.acronym)}});
    return;
  }
}

}  // namespace

const std::vector<evidence::AuditRule>& RegistrationAuditRules() {
  static const std::vector<evidence::AuditRule> rules = {
      {"registration-phase", Severity::kWarning, "a cohort's phase is not a phase of the registration it cites"},
      {"registration-enrollment", Severity::kWarning, "a cohort's n above its registration's enrollment"},
      {"registration-products", Severity::kWarning,
       "one registration cited under several products, one of which its interventions do not name"},
      {"registration-acronym", Severity::kWarning, "a cohort's acronym belongs to another registration"},
      {"registration-indication", Severity::kWarning,
       "a cohort's indication is not among the conditions of the registration it cites"},
  };
  return rules;
}

std::vector<Finding> AuditRegistrations(const evidence::EvidenceBase& eb, const std::vector<Registration>& regs) {
  std::vector<Finding> phase, enrollment, indication, products, acronym;
  for (const Registration& r : regs) {
    for (const Cohort* c : CohortsCiting(eb, r.id)) {
      CheckPhase(*c, r, &phase);
      CheckEnrollment(*c, r, &enrollment);
      CheckIndication(*c, r, &indication);
    }
    CheckProducts(eb, r, &products);
  }
  for (const auto& c : eb.cohorts) CheckAcronym(c, regs, &acronym);
  std::vector<Finding> out;
  for (auto* part : {&phase, &enrollment, &indication, &products, &acronym}) {
    out.insert(out.end(), std::make_move_iterator(part->begin()), std::make_move_iterator(part->end()));
  }
  return out;
}

}  // namespace carta::registry
