// ASTCT ICANS grading (Lee et al., Biol Blood Marrow Transplant
// 2019;25:625-638, ICE tool and ICANS tables with their footnotes) and the CAPD (Traube et al.,
// Crit Care Med 2014;42:656-663).
#include "carta/clinical/icans.h"

#include <string>

#include "names.h"

namespace carta::clinical {

using internal::CheckInt;
using internal::EnumName;
using internal::Num;

namespace {

constexpr std::array<EnumName<Frequency>, 5> kFrequencyNames = {{
    {Frequency::kNever, "never"},
    {Frequency::kRarely, "rarely"},
    {Frequency::kSometimes, "sometimes"},
    {Frequency::kOften, "often"},
    {Frequency::kAlways, "always"},
}};
constexpr std::array<EnumName<Consciousness>, 5> kConsciousnessNames = {{
    {Consciousness::kAlert, "alert"},
    {Consciousness::kAwakensSpontaneously, "spontaneous"},
    {Consciousness::kAwakensToVoice, "voice"},
    {Consciousness::kAwakensToTouch, "touch"},
    {Consciousness::kUnarousable, "unarousable"},
}};
constexpr std::array<EnumName<Seizure>, 3> kSeizureNames = {{
    {Seizure::kNone, "none"},
    {Seizure::kRapid, "rapid"},
    {Seizure::kProlonged, "prolonged"},
}};
constexpr std::array<EnumName<MotorFinding>, 4> kMotorNames = {{
    {MotorFinding::kNone, "none"},
    {MotorFinding::kTremor, "tremor"},
    {MotorFinding::kMyoclonus, "myoclonus"},
    {MotorFinding::kWeakness, "weakness"},
}};
constexpr std::array<EnumName<IcpFinding>, 3> kIcpNames = {{
    {IcpFinding::kNone, "none"},
    {IcpFinding::kFocalEdema, "focal-edema"},
    {IcpFinding::kDiffuseEdema, "diffuse-edema"},
}};

// Adult ICANS table, ICE row: 7-9 grade 1, 3-6 grade 2, 0-2 grade 3 (ICE 0 while awake,
// e.g. global aphasia, stays grade 3; grade 4 needs an unarousable patient).
int IceGrade(int ice) { return ice >= 10 ? 0 : ice >= 7 ? 1 : ice >= 3 ? 2 : 3; }

// Children's ICANS table, CAPD row: 1-8 grades 1 and 2 (consciousness tells them apart),
// >= 9 grade 3.
int CapdGrade(int capd) { return capd == 0 ? 0 : capd < kCapdDeliriumCutoff ? 1 : 3; }

DomainGrade ConsciousnessDomain(Consciousness c) {
  static constexpr std::array<const char*, 5> kFinding = {
      "alert", "awakens spontaneously", "awakens to voice", "awakens only to tactile stimulus",
      "unarousable, or needs vigorous or repetitive tactile stimuli (stupor, coma)"};
  const auto i = static_cast<size_t>(c);
  return {"consciousness", static_cast<int>(i), kFinding[i]};  // ICANS table: the level is the grade
}

DomainGrade SeizureDomain(Seizure s) {
  static constexpr std::array<int, 3> kGrade = {0, 3, 4};
  static constexpr std::array<const char*, 3> kFinding = {
      "none", "clinical seizure resolving rapidly, or EEG seizures resolving with intervention",
      "life-threatening prolonged seizure (> 5 min), or repetitive seizures without return to baseline"};
  const auto i = static_cast<size_t>(s);
  return {"seizure", kGrade[i], kFinding[i]};
}

DomainGrade MotorDomain(MotorFinding m, std::vector<std::string>* notes) {
  if (m == MotorFinding::kTremor || m == MotorFinding::kMyoclonus) {
    notes->push_back("tremor and myoclonus are graded by CTCAE v5.0 and do not change the ICANS grade");
    return {"motor", 0, std::string(MotorFindingName(m)) + " (not counted)"};
  }
  if (m == MotorFinding::kWeakness) return {"motor", 4, "deep focal motor weakness (hemiparesis, paraparesis)"};
  return {"motor", 0, "none"};
}

DomainGrade IcpDomain(IcpFinding f) {
  static constexpr std::array<int, 3> kGrade = {0, 3, 4};
  static constexpr std::array<const char*, 3> kFinding = {
      "none", "focal/local oedema on neuroimaging",
      "diffuse cerebral oedema, posturing, cranial nerve VI palsy, papilloedema or Cushing's triad"};
  const auto i = static_cast<size_t>(f);
  return {"icp", kGrade[i], kFinding[i]};
}

// Which tool applies (ICE from age 12, CAPD below; CAPD above 12 with
// developmental delay) and whether the input agrees with it.
Status CheckTool(const IcansInput& in, bool* use_capd) {
  if (in.ice && in.capd) return Status::InvalidArgument("give an ICE score or a CAPD score, not both").WithField("capd");
  const bool child = in.age_years && *in.age_years < kCapdBelowAgeYears;
  const std::string age = in.age_years ? Num(*in.age_years, 1) : "";
  if (child && in.ice) {
    return Status::InvalidArgument("ICE is for ages 12 and over; a child of " + age +
                                   " years is assessed with CAPD (0-32)")
        .WithField("ice");
  }
  if (in.age_years && !child && in.capd && !in.developmental_delay) {
    return Status::InvalidArgument("CAPD is for children under 12 (or older patients with developmental delay); at " +
                                   age + " years give the ICE score (0-10)")
        .WithField("capd");
  }
  *use_capd = child || in.capd.has_value();
  if (in.consciousness == Consciousness::kUnarousable) {
    if (in.ice && *in.ice > 0) {
      return Status::InvalidArgument("an ICE score of " + std::to_string(*in.ice) +
                                     " needs an awake patient, but the patient is unarousable (ICE is 0)")
          .WithField("ice");
    }
    return Status::Ok();
  }
  if (!in.ice && !in.capd) {
    return Status::InvalidArgument(*use_capd ? "missing CAPD score (0-32) for a child under 12"
                                             : "missing ICE score (0-10); a child under 12 takes CAPD (and an age)")
        .WithField(*use_capd ? "capd" : "ice");
  }
  return Status::Ok();
}

// The ICE or CAPD domain.
DomainGrade EncephalopathyDomain(const IcansInput& in, bool use_capd, std::vector<std::string>* notes) {
  const char* key = use_capd ? "capd" : "ice";
  if (in.consciousness == Consciousness::kUnarousable) {
    return {key, 4, use_capd ? "unable to perform CAPD (unarousable)" : "0: unarousable, unable to perform ICE"};
  }
  if (use_capd) {
    return {key, CapdGrade(*in.capd), std::to_string(*in.capd) + "/32"};
  }
  if (*in.ice == 0) notes->push_back("ICE 0 in a patient who is awake (e.g. global aphasia) is grade 3, not 4");
  return {key, IceGrade(*in.ice), std::to_string(*in.ice) + "/10"};
}

}  // namespace

Result<int> IceScore(const IceItems& items) {
  Status s = CheckInt("ICE orientation", items.orientation, 0, 4).WithField("orientation");
  if (s.ok()) s = CheckInt("ICE naming", items.naming, 0, 3).WithField("naming");
  if (s.ok()) s = CheckInt("ICE following commands", items.follows_commands, 0, 1).WithField("commands");
  if (s.ok()) s = CheckInt("ICE writing", items.writes_sentence, 0, 1).WithField("writing");
  if (s.ok()) s = CheckInt("ICE attention", items.counts_backwards, 0, 1).WithField("attention");
  if (!s.ok()) return s;
  return items.orientation + items.naming + items.follows_commands + items.writes_sentence + items.counts_backwards;
}

Result<Frequency> ParseFrequency(std::string_view name) {
  return internal::ParseEnum<Frequency>(name, kFrequencyNames, "CAPD answer");
}

CapdScore ScoreCapd(const std::array<Frequency, 8>& answers) {
  CapdScore score;
  for (size_t i = 0; i < answers.size(); ++i) {
    const int f = static_cast<int>(answers[i]);
    score.points[i] = i < 4 ? 4 - f : f;  // items 1-4 reverse-scored (Traube 2014)
    score.total += score.points[i];
  }
  return score;
}

Result<Consciousness> ParseConsciousness(std::string_view name) {
  return internal::ParseEnum<Consciousness>(name, kConsciousnessNames, "level of consciousness");
}
Result<Seizure> ParseSeizure(std::string_view name) {
  return internal::ParseEnum<Seizure>(name, kSeizureNames, "seizure");
}
Result<MotorFinding> ParseMotorFinding(std::string_view name) {
  return internal::ParseEnum<MotorFinding>(name, kMotorNames, "motor finding");
}
Result<IcpFinding> ParseIcpFinding(std::string_view name) {
  return internal::ParseEnum<IcpFinding>(name, kIcpNames, "raised ICP / cerebral oedema finding");
}
const char* ConsciousnessName(Consciousness c) { return internal::EnumToName<Consciousness>(c, kConsciousnessNames); }
const char* SeizureName(Seizure s) { return internal::EnumToName<Seizure>(s, kSeizureNames); }
const char* MotorFindingName(MotorFinding m) { return internal::EnumToName<MotorFinding>(m, kMotorNames); }
const char* IcpFindingName(IcpFinding i) { return internal::EnumToName<IcpFinding>(i, kIcpNames); }

Result<GradeResult> GradeIcans(const IcansInput& in) {
  Status s = in.ice ? CheckInt("ICE score", *in.ice, 0, 10).WithField("ice") : Status::Ok();
  if (s.ok() && in.capd) s = CheckInt("CAPD score", *in.capd, 0, 32).WithField("capd");
  if (s.ok() && in.age_years && !(*in.age_years >= 0 && *in.age_years <= 120)) {
    s = Status::InvalidArgument("age " + Num(*in.age_years, 1) + " years is outside 0-120").WithField("age");
  }
  bool use_capd = false;
  if (s.ok() && !in.died_of_icans) s = CheckTool(in, &use_capd);
  if (!s.ok()) return s;
  GradeResult r;
  r.toxicity = "ICANS";
  r.scale = "ASTCT 2019 ICANS";
  r.source = std::string(kAstct2019Citation) + " (ICANS grading)";
  if (in.died_of_icans) {  // Lee 2019: grade 5 is death due to ICANS, another cause not the principal factor
    r.domains.push_back({"death", 5, "death due to ICANS"});
    SettleGrade(&r);
    return r;
  }
  r.domains.push_back(EncephalopathyDomain(in, use_capd, &r.notes));
  r.domains.push_back(ConsciousnessDomain(in.consciousness));
  r.domains.push_back(SeizureDomain(in.seizure));
  r.domains.push_back(MotorDomain(in.motor, &r.notes));
  r.domains.push_back(IcpDomain(in.icp));
  SettleGrade(&r);
  return r;
}

}  // namespace carta::clinical
