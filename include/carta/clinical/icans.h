// Immune effector cell-associated neurotoxicity syndrome (ICANS): the ICE
// score, the Cornell Assessment of Pediatric Delirium (CAPD) and the ASTCT
// consensus grade (Lee et al., Biol Blood Marrow Transplant
// 2019;25:625-638: the ICE tool and the ICANS grading tables for adults and
// for children).
//
//   domain          grade 1         grade 2          grade 3                    grade 4
//   ICE (age ≥ 12)  7-9             3-6              0-2                        0, unarousable, unable to do ICE
//   CAPD (age < 12) 1-8             1-8              ≥ 9                        unable to perform CAPD
//   consciousness   awakens         awakens to       awakens only to tactile    unarousable, or needs vigorous or
//                   spontaneously   voice            stimulus                   repetitive tactile stimuli; stupor, coma
//   seizure         -               -                any clinical seizure that  life-threatening prolonged seizure
//                                                    resolves rapidly, or       (> 5 min), or repetitive seizures
//                                                    nonconvulsive seizures on  without return to baseline between
//                                                    EEG that resolve with
//                                                    intervention
//   motor           -               -                -                          deep focal motor weakness
//                                                                               (hemiparesis, paraparesis)
//   raised ICP /    -               -                focal/local oedema on      diffuse cerebral oedema; decerebrate
//   cerebral oedema                                  neuroimaging               or decorticate posturing; cranial
//                                                                               nerve VI palsy; papilloedema;
//                                                                               Cushing's triad
//
// The grade is set by the most severe domain not attributable to another
// cause. ICE 0 in a patient who is awake (e.g. with global aphasia) is grade
// 3; ICE 0 is grade 4 only when the patient is unarousable. Tremor and
// myoclonus are graded by CTCAE v5.0 and do not change the ICANS grade.
// Children under 12 are assessed with CAPD instead of ICE (CAPD may also be
// used above 12 with developmental delay; ASCO 2021, Santomasso et al.).
#ifndef CARTA_CLINICAL_ICANS_H_
#define CARTA_CLINICAL_ICANS_H_

#include <array>
#include <optional>
#include <string_view>

#include "carta/clinical/grade.h"
#include "carta/core/status.h"

namespace carta::clinical {

// ICE (Immune effector Cell-associated Encephalopathy) score, 0-10 points
// (ASTCT 2019, ICE tool): orientation to year, month, city, hospital (4);
// naming 3 objects (3); following simple commands (1); writing a standard
// sentence (1); counting backwards from 100 by 10 (1).
struct IceItems {
  int orientation = 0;          // 0-4
  int naming = 0;               // 0-3
  int follows_commands = 0;     // 0-1
  int writes_sentence = 0;      // 0-1
  int counts_backwards = 0;     // 0-1
};
// The sum; fails naming the item that is outside its range.
Result<int> IceScore(const IceItems& items);

// CAPD answers: how often the behaviour was seen during the shift.
enum class Frequency { kNever = 0, kRarely = 1, kSometimes = 2, kOften = 3, kAlways = 4 };
Result<Frequency> ParseFrequency(std::string_view name);  // "never", "rarely", "sometimes", "often", "always"

// The eight CAPD items in order (Traube et al., Crit Care Med 2014;42:656-663):
// 1 eye contact with the caregiver, 2 purposeful actions, 3 aware of
// surroundings, 4 communicates needs and wants, 5 restless, 6 inconsolable,
// 7 underactive, 8 slow to respond to interactions.
constexpr std::array<const char*, 8> kCapdItems = {"eye-contact", "purposeful", "aware",        "communicates",
                                                   "restless",    "inconsolable", "underactive", "slow-response"};
constexpr int kCapdDeliriumCutoff = 9;  // a total ≥ 9 screens positive for delirium (Traube 2014)

struct CapdScore {
  std::array<int, 8> points{};  // 0-4 per item
  int total = 0;                // 0-32
};
// Items 1-4 describe normal behaviour and are reverse-scored (never 4 ...
// always 0); items 5-8 describe symptoms (never 0 ... always 4).
CapdScore ScoreCapd(const std::array<Frequency, 8>& answers);

enum class Consciousness {
  kAlert,                  // "alert": not depressed
  kAwakensSpontaneously,   // "spontaneous"
  kAwakensToVoice,         // "voice"
  kAwakensToTouch,         // "touch": only to tactile stimulus
  kUnarousable,            // "unarousable": or needs vigorous or repetitive tactile stimuli; stupor, coma
};
enum class Seizure {
  kNone,       // "none"
  kRapid,      // "rapid": clinical seizure resolving rapidly, or EEG seizures resolving with intervention
  kProlonged,  // "prolonged": > 5 min, or repetitive without return to baseline
};
enum class MotorFinding {
  kNone,       // "none"
  kTremor,     // "tremor": not counted
  kMyoclonus,  // "myoclonus": not counted
  kWeakness,   // "weakness": deep focal motor weakness (hemiparesis, paraparesis)
};
enum class IcpFinding {
  kNone,          // "none"
  kFocalEdema,    // "focal-edema": focal/local oedema on neuroimaging
  kDiffuseEdema,  // "diffuse-edema": diffuse oedema, posturing, CN VI palsy, papilloedema or Cushing's triad
};
Result<Consciousness> ParseConsciousness(std::string_view name);
Result<Seizure> ParseSeizure(std::string_view name);
Result<MotorFinding> ParseMotorFinding(std::string_view name);
Result<IcpFinding> ParseIcpFinding(std::string_view name);
const char* ConsciousnessName(Consciousness c);
const char* SeizureName(Seizure s);
const char* MotorFindingName(MotorFinding m);
const char* IcpFindingName(IcpFinding i);

constexpr double kCapdBelowAgeYears = 12;  // ICE from age 12, CAPD below (ASTCT 2019, ICANS grading for children)

struct IcansInput {
  std::optional<int> ice;             // 0-10
  std::optional<int> capd;            // 0-32
  std::optional<double> age_years;    // unknown: the tool given decides
  bool developmental_delay = false;   // allows CAPD at age ≥ 12
  Consciousness consciousness = Consciousness::kAlert;
  Seizure seizure = Seizure::kNone;
  MotorFinding motor = MotorFinding::kNone;
  IcpFinding icp = IcpFinding::kNone;
  bool died_of_icans = false;         // death due to ICANS, no other principal cause: grade 5
};

// The ASTCT grade with the domains "ice" or "capd", "consciousness",
// "seizure", "motor", "icp" (and "death" for grade 5). Fails on ICE outside
// 0-10, CAPD outside 0-32, an age outside 0-120 years, ICE given for a child
// under 12 (or CAPD at 12 or over without developmental delay), both ICE and
// CAPD, neither when the patient is arousable, or ICE above 0 in a patient
// recorded as unarousable.
Result<GradeResult> GradeIcans(const IcansInput& in);

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_ICANS_H_
