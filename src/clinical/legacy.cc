// CARTOX-10 and CRES (Neelapu et al., Nat Rev Clin Oncol 2018;15:47-62, Box 2
// CARTOX-10 tool and CRES grading), and how the CRS scales differ.
#include "carta/clinical/legacy.h"

#include <array>

#include "names.h"

namespace carta::clinical {

using internal::CheckInt;
using internal::EnumName;

namespace {

constexpr std::array<EnumName<CresIcp>, 4> kCresIcpNames = {{
    {CresIcp::kNone, "none"},
    {CresIcp::kPapilledemaStage12, "papilledema-1-2"},
    {CresIcp::kPapilledemaStage35, "papilledema-3-5"},
    {CresIcp::kCerebralEdema, "edema"},
}};
constexpr std::array<EnumName<CresSeizure>, 3> kCresSeizureNames = {{
    {CresSeizure::kNone, "none"},
    {CresSeizure::kPartial, "partial"},
    {CresSeizure::kGeneralized, "generalized"},
}};

// CRES grading, neurological assessment score row: 7-9 mild (1), 3-6 moderate (2),
// 0-2 severe (3); obtunded, cannot perform the tasks (4).
DomainGrade Cartox10Domain(const CresInput& in) {
  if (in.obtunded) return {"cartox10", 4, "critical condition or obtunded, cannot perform the assessment"};
  const int score = *in.cartox10;
  const int grade = score >= 10 ? 0 : score >= 7 ? 1 : score >= 3 ? 2 : 3;
  return {"cartox10", grade, std::to_string(score) + "/10"};
}

DomainGrade CresIcpDomain(CresIcp icp) {
  static constexpr std::array<int, 4> kGrade = {0, 3, 4, 4};
  static constexpr std::array<const char*, 4> kFinding = {
      "none", "stage 1-2 papilloedema, or CSF opening pressure < 20 mmHg",
      "stage 3-5 papilloedema, or CSF opening pressure >= 20 mmHg", "cerebral oedema"};
  const auto i = static_cast<size_t>(icp);
  return {"icp", kGrade[i], kFinding[i]};
}

DomainGrade CresSeizureDomain(CresSeizure s) {
  static constexpr std::array<int, 3> kGrade = {0, 3, 4};
  static constexpr std::array<const char*, 3> kFinding = {
      "none", "partial seizure, or nonconvulsive seizures on EEG responding to benzodiazepine",
      "generalized seizure, or convulsive or nonconvulsive status epilepticus"};
  const auto i = static_cast<size_t>(s);
  return {"seizure", kGrade[i], kFinding[i]};
}

}  // namespace

Result<int> Cartox10Score(const Cartox10Items& items) {
  Status s = CheckInt("CARTOX-10 orientation", items.orientation, 0, 5);
  if (s.ok()) s = CheckInt("CARTOX-10 naming", items.naming, 0, 3);
  if (s.ok()) s = CheckInt("CARTOX-10 writing", items.writes_sentence, 0, 1);
  if (s.ok()) s = CheckInt("CARTOX-10 attention", items.counts_backwards, 0, 1);
  if (!s.ok()) return s;
  return items.orientation + items.naming + items.writes_sentence + items.counts_backwards;
}

Result<CresIcp> ParseCresIcp(std::string_view name) {
  return internal::ParseEnum<CresIcp>(name, kCresIcpNames, "CRES raised ICP finding");
}
Result<CresSeizure> ParseCresSeizure(std::string_view name) {
  return internal::ParseEnum<CresSeizure>(name, kCresSeizureNames, "CRES seizure");
}

Result<GradeResult> GradeCres(const CresInput& in) {
  if (in.cartox10) {
    Status s = CheckInt("CARTOX-10 score", *in.cartox10, 0, 10);
    if (!s.ok()) return s.WithField("cartox10");
  } else if (!in.obtunded) {
    return Status::InvalidArgument("missing CARTOX-10 score (0-10); it may be left out only for an obtunded patient")
        .WithField("cartox10");
  }
  GradeResult r;
  r.toxicity = "CRES";
  r.scale = "CRES (CARTOX) 2018";
  r.source = "Neelapu et al., Nat Rev Clin Oncol 2018;15:47-62 (CRES grading)";
  r.domains.push_back(Cartox10Domain(in));
  r.domains.push_back(CresIcpDomain(in.icp));
  r.domains.push_back(CresSeizureDomain(in.seizure));
  r.domains.push_back(in.motor_weakness ? DomainGrade{"motor", 4, "new motor weakness"}
                                        : DomainGrade{"motor", 0, "none"});
  SettleGrade(&r);
  return r;
}

const std::vector<CrsScale>& CrsScales() {
  static const std::vector<CrsScale> scales = {
      {"ASTCT 2019", "Lee et al., Biol Blood Marrow Transplant 2019;25:625-638",
       "by device: low-flow <= 6 L/min grade 2; high-flow, facemask grade 3; positive pressure grade 4",
       "no vasopressor grade 2; one vasopressor grade 3; several grade 4",
       "fever >= 38 °C required (not after anti-cytokine therapy); organ toxicity does not count"},
      {"Lee 2014", "Lee et al., Blood 2014;124:188-195",
       "FiO2 < 40% grade 2; FiO2 >= 40% grade 3; ventilator grade 4",
       "fluids or a low dose of one vasopressor grade 2; high-dose or multiple vasopressors grade 3",
       "organ toxicity grades CRS (grade 4 transaminitis is grade 3); FiO2 thresholds, not devices"},
      {"Penn", "Porter et al., J Hematol Oncol 2018;11:35",
       "any supplemental oxygen grade 3; mechanical ventilation grade 4",
       "IV fluids or low-dose vasopressors grade 3; high-dose vasopressors grade 4",
       "grades run higher than ASTCT: low-flow oxygen is Penn 3 but ASTCT 2; hospitalisation alone is grade 2"},
      {"CTCAE v4.03", "NCI CTCAE v4.03 (2010)", "ventilatory support indicated grade 4",
       "pressor support indicated grade 4",
       "CRS defined for antibody infusion reactions; grades of early CAR-T trials are not comparable"},
      {"CTCAE v5.0", "NCI CTCAE v5.0 (2017)", "< 40% O2 grade 2; >= 40% O2 grade 3",
       "responds to fluids grade 2; one vasopressor grade 3",
       "fever and constitutional symptoms grade 1; life-threatening consequences grade 4"},
      {"CARTOX 2018", "Neelapu et al., Nat Rev Clin Oncol 2018;15:47-62",
       "FiO2 < 40% grade 2; FiO2 >= 40% grade 3; ventilation grade 4",
       "fluids or low-dose vasopressor grade 2; high-dose or several grade 3; life-threatening grade 4",
       "organ toxicity graded by CTCAE counts toward the CRS grade"},
  };
  return scales;
}

}  // namespace carta::clinical
