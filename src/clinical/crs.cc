// ASTCT CRS grading (Lee et al., Biol Blood Marrow Transplant 2019;25:625-638,
// CRS consensus grading table and its footnotes).
#include "carta/clinical/crs.h"

#include <array>

#include "carta/clinical/units.h"
#include "names.h"

namespace carta::clinical {

using internal::EnumName;
using internal::Num;

namespace {

constexpr std::array<EnumName<Hypotension>, 4> kHypotensionNames = {{
    {Hypotension::kNone, "none"},
    {Hypotension::kNoVasopressor, "no-vasopressor"},
    {Hypotension::kOneVasopressor, "one-vasopressor"},
    {Hypotension::kMultipleVasopressors, "multiple-vasopressors"},
}};
constexpr std::array<EnumName<OxygenSupport>, 4> kOxygenNames = {{
    {OxygenSupport::kNone, "none"},
    {OxygenSupport::kLowFlow, "low-flow"},
    {OxygenSupport::kHighFlow, "high-flow"},
    {OxygenSupport::kPositivePressure, "positive-pressure"},
}};

constexpr double kFeverC = 38.0;         // ASTCT 2019, CRS table footnote: fever is >= 38 °C
constexpr double kMaxOxygenLMin = 60.0;  // no nasal cannula or mask delivers more

// CRS table, hypotension row: none 0; not requiring vasopressors 2; one
// vasopressor with or without vasopressin 3; multiple vasopressors (excluding
// vasopressin) 4.
DomainGrade HypotensionDomain(Hypotension h) {
  static constexpr std::array<int, 4> kGrade = {0, 2, 3, 4};
  static constexpr std::array<const char*, 4> kFinding = {
      "none", "not requiring vasopressors", "one vasopressor (with or without vasopressin)",
      "multiple vasopressors (excluding vasopressin)"};
  const auto i = static_cast<size_t>(h);
  return {"hypotension", kGrade[i], kFinding[i]};
}

// CRS table, hypoxia row: low-flow nasal cannula (≤ 6 L/min) or blow-by 2;
// high-flow nasal cannula (> 6 L/min), facemask, non-rebreather or Venturi 3;
// positive pressure (CPAP, BiPAP, intubation, mechanical ventilation) 4.
DomainGrade HypoxiaDomain(OxygenSupport o, std::optional<double> flow_l_min) {
  static constexpr std::array<int, 4> kGrade = {0, 2, 3, 4};
  static constexpr std::array<const char*, 4> kFinding = {
      "none", "low-flow nasal cannula (<= 6 L/min) or blow-by",
      "high-flow nasal cannula (> 6 L/min), facemask, non-rebreather or Venturi mask",
      "positive pressure (CPAP, BiPAP, mechanical ventilation)"};
  const auto i = static_cast<size_t>(o);
  std::string finding = kFinding[i];
  if (flow_l_min && o != OxygenSupport::kNone) finding += "; " + Num(*flow_l_min) + " L/min";
  return {"hypoxia", kGrade[i], finding};
}

// Checks the flow and derives the support from it when none was named.
Status ResolveOxygen(const CrsInput& in, OxygenSupport* oxygen) {
  *oxygen = in.oxygen;
  if (!in.oxygen_flow_l_min) return Status::Ok();
  const double flow = *in.oxygen_flow_l_min;
  if (!(flow >= 0 && flow <= kMaxOxygenLMin)) {
    return Status::InvalidArgument("oxygen flow " + Num(flow) + " L/min is impossible (accepted: 0-" +
                                   Num(kMaxOxygenLMin) + " L/min)")
        .WithField("oxygen_l_min");
  }
  if (in.oxygen == OxygenSupport::kNone && flow > 0) {
    *oxygen = flow <= kLowFlowMaxLMin ? OxygenSupport::kLowFlow : OxygenSupport::kHighFlow;
  } else if (in.oxygen == OxygenSupport::kLowFlow && flow > kLowFlowMaxLMin) {
    return Status::InvalidArgument("low-flow nasal cannula carries at most 6 L/min; " + Num(flow) +
                                   " L/min is high-flow (ASTCT 2019)")
        .WithField("oxygen_l_min");
  }
  return Status::Ok();
}

}  // namespace

Result<Hypotension> ParseHypotension(std::string_view name) {
  return internal::ParseEnum<Hypotension>(name, kHypotensionNames, "hypotension");
}
Result<OxygenSupport> ParseOxygenSupport(std::string_view name) {
  return internal::ParseEnum<OxygenSupport>(name, kOxygenNames, "hypoxia (oxygen support)");
}
const char* HypotensionName(Hypotension h) { return internal::EnumToName<Hypotension>(h, kHypotensionNames); }
const char* OxygenSupportName(OxygenSupport o) { return internal::EnumToName<OxygenSupport>(o, kOxygenNames); }

Result<GradeResult> GradeCrs(const CrsInput& in) {
  GradeResult r;
  r.toxicity = "CRS";
  r.scale = "ASTCT 2019 CRS";
  r.source = std::string(kAstct2019Citation) + " (CRS grading)";
  if (in.temp_c) {
    Status s = CheckRange(Quantity::kTemperature, *in.temp_c);
    if (!s.ok()) return s.WithField("temp_c");
  }
  OxygenSupport oxygen;
  Status s = ResolveOxygen(in, &oxygen);
  if (!s.ok()) return s;
  if (in.died_of_crs) {  // Lee 2019: grade 5 is death due to CRS, another cause not the principal factor
    r.domains.push_back({"death", 5, "death due to CRS"});
    SettleGrade(&r);
    return r;
  }
  if (!in.temp_c && !in.after_anticytokine) {
    return Status::InvalidArgument(
        "missing temperature: fever (>= 38 °C) is required to grade CRS unless antipyretic or anti-cytokine "
        "therapy was given")
        .WithField("temp_c");
  }
  const bool fever = in.temp_c && *in.temp_c >= kFeverC;
  std::string fever_finding = in.temp_c ? Num(*in.temp_c, 1) + " °C" : "not recorded";
  if (!fever && in.after_anticytokine) fever_finding += "; not required after antipyretic or anti-cytokine therapy";
  r.domains.push_back({"fever", fever ? 1 : 0, fever_finding});
  r.domains.push_back(HypotensionDomain(in.hypotension));
  r.domains.push_back(HypoxiaDomain(oxygen, in.oxygen_flow_l_min));
  if (!fever && !in.after_anticytokine) {
    // CRS table: every grade needs fever >= 38 °C not attributable to another cause.
    if (in.hypotension != Hypotension::kNone || oxygen != OxygenSupport::kNone) {
      r.notes.push_back("hypotension or hypoxia without fever (>= 38 °C) is not graded as CRS unless fever was "
                        "masked by antipyretic or anti-cytokine therapy");
    }
    for (auto& d : r.domains) d.grade = 0;
  } else if (!fever) {
    r.notes.push_back("fever is no longer required after antipyretic or anti-cytokine therapy: the grade is driven "
                      "by hypotension and hypoxia");
  }
  SettleGrade(&r);
  return r;
}

}  // namespace carta::clinical
