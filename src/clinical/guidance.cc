// CRS and ICANS management by grade, summarised from the ASCO guideline
// (Santomasso et al., J Clin Oncol 2021;39:3978-3992, Table 1 CRS and Table 2
// ICANS) and the review's section 2.3.1. Wording is carta's summary; doses are
// the guideline's. Reference information, not advice.
#include "carta/clinical/guidance.h"

#include <array>

#include "names.h"

namespace carta::clinical {

using internal::EnumName;

const char* const kGuidanceDisclaimer =
    "Reference information summarised from published guidance, for reading and comparing the evidence; "
    "not medical advice. Follow the full guideline, the product label and the treating team.";

namespace {

constexpr std::array<EnumName<Toxicity>, 2> kToxicityNames = {{{Toxicity::kCrs, "crs"}, {Toxicity::kIcans, "icans"}}};

constexpr const char* kAsco = "ASCO guideline, Santomasso et al., J Clin Oncol 2021;39:3978-3992";

std::vector<Guidance> BuildCrs() {
  const std::string src = std::string(kAsco) + ", Table 1";
  return {
      {Toxicity::kCrs, 1,
       {"supportive care: antipyretics, IV hydration, symptomatic management of organ toxicities",
        "work-up for infection; empiric broad-spectrum antibiotics if neutropenic (G-CSF per product; not GM-CSF)",
        "tocilizumab may be considered, e.g. for persistent fever or in frail or high-risk patients",
        "review 2.3.1: antipyretics for grade 1"},
       src + "; review section 2.3.1"},
      {Toxicity::kCrs, 2,
       {"supportive care as grade 1; IV fluid boluses and/or supplemental oxygen",
        "tocilizumab 8 mg/kg IV over 1 h (at most 800 mg per dose); repeat every 8 h if no improvement, "
        "at most 3 doses in 24 h and 4 in total",
        "dexamethasone 10 mg IV every 12-24 h may be added if there is no improvement within 24 h of tocilizumab",
        "review 2.3.1: low-flow nasal cannula oxygen, or tocilizumab and corticosteroids"},
       src + "; review section 2.3.1"},
      {Toxicity::kCrs, 3,
       {"supportive care as grade 2 with vasopressors as needed; transfer to the ICU; echocardiogram",
        "tocilizumab as for grade 2 if the maximum has not been reached in 24 h",
        "plus dexamethasone 10 mg IV every 6 h (or equivalent), tapered rapidly once symptoms improve",
        "if refractory, manage as grade 4", "review 2.3.1: ICU management for grade 3"},
       src + "; review section 2.3.1"},
      {Toxicity::kCrs, 4,
       {"supportive care as grade 3 with mechanical ventilation as needed",
        "tocilizumab as for grade 2 if the maximum has not been reached in 24 h",
        "high-dose methylprednisolone 500 mg IV every 12 h for 3 days, then 250 mg every 12 h for 2 days, "
        "125 mg every 12 h for 2 days, 60 mg every 12 h until CRS improves to grade 1",
        "if not improving, methylprednisolone 1000 mg IV twice daily or alternative therapy (e.g. anakinra, "
        "siltuximab)"},
       src},
  };
}

std::vector<Guidance> BuildIcans() {
  const std::string src = std::string(kAsco) + ", Table 2";
  return {
      {Toxicity::kIcans, 1,
       {"supportive care: aspiration precautions, IV hydration; neurology review, fundoscopy, brain MRI, EEG",
        "seizure prophylaxis with levetiracetam may be considered",
        "with concurrent CRS: tocilizumab as for CRS",
        "for products with more neurotoxicity (axicabtagene ciloleucel, brexucabtagene autoleucel) steroids may "
        "start at grade 1",
        "review 2.3.1: steroids are commonly used for grade 1"},
       src + "; review section 2.3.1"},
      {Toxicity::kIcans, 2,
       {"supportive care as grade 1",
        "without CRS: for high-risk products or patients dexamethasone 10 mg IV x 2 doses (or equivalent), "
        "repeated every 6-12 h if no improvement",
        "with CRS: tocilizumab; if refractory, dexamethasone 10 mg IV every 6-12 h or methylprednisolone "
        "1 mg/kg IV every 12 h; consider the ICU if CRS is grade >= 2",
        "review 2.3.1: corticosteroids for grades 2 and 3"},
       src + "; review section 2.3.1"},
      {Toxicity::kIcans, 3,
       {"transfer to the ICU",
        "dexamethasone 10 mg IV every 6-12 h or methylprednisolone 1 mg/kg IV every 12 h; with CRS, "
        "tocilizumab as well",
        "treat seizures (levetiracetam, benzodiazepines); focal oedema as for raised intracranial pressure",
        "review 2.3.1: corticosteroids for grades 2 and 3"},
       src + "; review section 2.3.1"},
      {Toxicity::kIcans, 4,
       {"ICU care; mechanical ventilation for airway protection as needed",
        "high-dose methylprednisolone (1000 mg IV per day), then tapered",
        "status epilepticus and cerebral oedema managed with neurology and neurosurgery (e.g. hyperosmolar "
        "therapy, hyperventilation)",
        "for persistent or worsening ICANS the guideline lists alternatives (anakinra, siltuximab, and others)"},
       src},
  };
}

}  // namespace

Result<Toxicity> ParseToxicity(std::string_view name) {
  return internal::ParseEnum<Toxicity>(name, kToxicityNames, "toxicity");
}
const char* ToxicityName(Toxicity t) { return internal::EnumToName<Toxicity>(t, kToxicityNames); }

const std::vector<Guidance>& AllGuidance() {
  static const std::vector<Guidance> all = [] {
    std::vector<Guidance> v = BuildCrs();
    for (auto& g : BuildIcans()) v.push_back(std::move(g));
    return v;
  }();
  return all;
}

Result<Guidance> GuidanceFor(Toxicity toxicity, int grade) {
  if (grade < 1 || grade > 4) {
    return Status::InvalidArgument("management is summarised for grades 1-4, not " + std::to_string(grade));
  }
  for (const auto& g : AllGuidance()) {
    if (g.toxicity == toxicity && g.grade == grade) return g;
  }
  return Status::Internal("no guidance entry for a grade in 1-4");
}

}  // namespace carta::clinical
