// Cytokine release syndrome graded by the ASTCT consensus (Lee et al., Biol
// Blood Marrow Transplant 2019;25:625-638, "ASTCT CRS Consensus Grading"
// table and its footnotes).
//
//   grade 1: fever ≥ 38 °C, no hypotension, no hypoxia
//   grade 2: fever with hypotension not requiring vasopressors and/or hypoxia
//            requiring low-flow nasal cannula (≤ 6 L/min) or blow-by
//   grade 3: fever with hypotension requiring one vasopressor with or without
//            vasopressin and/or hypoxia requiring high-flow nasal cannula
//            (> 6 L/min), facemask, non-rebreather mask or Venturi mask
//   grade 4: fever with hypotension requiring multiple vasopressors (excluding
//            vasopressin) and/or hypoxia requiring positive pressure (CPAP,
//            BiPAP, intubation and mechanical ventilation)
//   grade 5: death due to CRS in which another cause is not the principal factor
//
// The grade is set by the more severe of hypotension and hypoxia. Fever is
// not required once antipyretic or anti-cytokine therapy (tocilizumab,
// steroids) has been given; the grade is then driven by hypotension and
// hypoxia. Organ toxicities are graded by CTCAE v5.0 and do not change the
// CRS grade.
#ifndef CARTA_CLINICAL_CRS_H_
#define CARTA_CLINICAL_CRS_H_

#include <optional>
#include <string_view>

#include "carta/clinical/grade.h"
#include "carta/core/status.h"

namespace carta::clinical {

enum class Hypotension {
  kNone,                  // "none"
  kNoVasopressor,         // "no-vasopressor": hypotension not requiring vasopressors
  kOneVasopressor,        // "one-vasopressor": one vasopressor, with or without vasopressin
  kMultipleVasopressors,  // "multiple-vasopressors": several, vasopressin not counted
};

enum class OxygenSupport {
  kNone,              // "none"
  kLowFlow,           // "low-flow": nasal cannula ≤ 6 L/min or blow-by
  kHighFlow,          // "high-flow": nasal cannula > 6 L/min, facemask, non-rebreather, Venturi
  kPositivePressure,  // "positive-pressure": CPAP, BiPAP, intubation and mechanical ventilation
};

// The names above; "no_vasopressor" and any letter case are accepted too.
// Unknown names fail with the accepted ones and a "did you mean".
Result<Hypotension> ParseHypotension(std::string_view name);
Result<OxygenSupport> ParseOxygenSupport(std::string_view name);
const char* HypotensionName(Hypotension h);
const char* OxygenSupportName(OxygenSupport o);

// Low-flow nasal cannula carries at most 6 L/min (ASTCT 2019, CRS table footnote).
constexpr double kLowFlowMaxLMin = 6.0;

struct CrsInput {
  std::optional<double> temp_c;            // highest temperature of the assessment, °C
  bool after_anticytokine = false;         // antipyretic or anti-cytokine therapy (tocilizumab, steroids) given
  Hypotension hypotension = Hypotension::kNone;
  OxygenSupport oxygen = OxygenSupport::kNone;
  std::optional<double> oxygen_flow_l_min;  // nasal cannula flow, L/min, when known
  bool died_of_crs = false;                // death due to CRS, no other principal cause
};

// The ASTCT grade with the domains "fever", "hypotension", "hypoxia" (and
// "death" for grade 5). A nasal cannula flow given with `oxygen` none sets the
// support (≤ 6 L/min low-flow, else high-flow); with low-flow it must be
// ≤ 6 L/min. Without fever, and before antipyretic or anti-cytokine therapy,
// the grade is 0 whatever the blood pressure and oxygen (a note says why).
// Fails on a temperature outside 30-45 °C, a flow outside 0-60 L/min, a flow
// that contradicts `oxygen`, or a missing temperature when fever is required.
Result<GradeResult> GradeCrs(const CrsInput& in);

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_CRS_H_
