// ASTCT ICANS grading, ICE and CAPD. Expected grades are read off the
// consensus tables (Lee et al., Biol Blood Marrow Transplant 2019;25:625-638,
// ICE tool and ICANS tables with footnotes); CAPD points off Traube et al., Crit Care Med
// 2014;42:656-663.
#include "carta/clinical/icans.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace carta::clinical {
namespace {

using C = Consciousness;
using S = Seizure;
using M = MotorFinding;
using I = IcpFinding;

struct IcansCase {
  const char* what;
  std::optional<int> ice, capd;
  std::optional<double> age;
  C consciousness;
  S seizure;
  M motor;
  I icp;
  int grade;
  std::vector<std::string> determined_by;
};

const IcansCase kAdult[] = {
    {"ICE 10, alert: no ICANS", 10, {}, {}, C::kAlert, S::kNone, M::kNone, I::kNone, 0, {}},
    {"ICE 9: grade 1", 9, {}, {}, C::kAlert, S::kNone, M::kNone, I::kNone, 1, {"ice"}},
    {"ICE 7: grade 1", 7, {}, {}, C::kAlert, S::kNone, M::kNone, I::kNone, 1, {"ice"}},
    {"ICE 6: grade 2", 6, {}, {}, C::kAlert, S::kNone, M::kNone, I::kNone, 2, {"ice"}},
    {"ICE 3: grade 2", 3, {}, {}, C::kAlert, S::kNone, M::kNone, I::kNone, 2, {"ice"}},
    {"ICE 2: grade 3", 2, {}, {}, C::kAlert, S::kNone, M::kNone, I::kNone, 3, {"ice"}},
    {"ICE 0 but awake (global aphasia): grade 3, not 4", 0, {}, {}, C::kAlert, S::kNone, M::kNone, I::kNone, 3,
     {"ice"}},
    {"ICE 0, awakens to voice: still grade 3", 0, {}, {}, C::kAwakensToVoice, S::kNone, M::kNone, I::kNone, 3,
     {"ice"}},
    {"unarousable: grade 4", {}, {}, {}, C::kUnarousable, S::kNone, M::kNone, I::kNone, 4, {"ice", "consciousness"}},
    {"unarousable with ICE 0: grade 4", 0, {}, {}, C::kUnarousable, S::kNone, M::kNone, I::kNone, 4,
     {"ice", "consciousness"}},
    {"awakens spontaneously: grade 1", 10, {}, {}, C::kAwakensSpontaneously, S::kNone, M::kNone, I::kNone, 1,
     {"consciousness"}},
    {"awakens to voice: grade 2", 10, {}, {}, C::kAwakensToVoice, S::kNone, M::kNone, I::kNone, 2,
     {"consciousness"}},
    {"awakens only to touch: grade 3", 8, {}, {}, C::kAwakensToTouch, S::kNone, M::kNone, I::kNone, 3,
     {"consciousness"}},
    {"rapidly resolving seizure: grade 3", 10, {}, {}, C::kAlert, S::kRapid, M::kNone, I::kNone, 3, {"seizure"}},
    {"consensus example: ICE 3 with a seizure is grade 3", 3, {}, {}, C::kAlert, S::kRapid, M::kNone, I::kNone, 3,
     {"seizure"}},
    {"prolonged seizure: grade 4", 9, {}, {}, C::kAlert, S::kProlonged, M::kNone, I::kNone, 4, {"seizure"}},
    {"deep focal motor weakness: grade 4", 10, {}, {}, C::kAlert, S::kNone, M::kWeakness, I::kNone, 4, {"motor"}},
    {"tremor is not counted", 10, {}, {}, C::kAlert, S::kNone, M::kTremor, I::kNone, 0, {}},
    {"myoclonus is not counted", 8, {}, {}, C::kAlert, S::kNone, M::kMyoclonus, I::kNone, 1, {"ice"}},
    {"focal oedema: grade 3", 10, {}, {}, C::kAlert, S::kNone, M::kNone, I::kFocalEdema, 3, {"icp"}},
    {"diffuse oedema: grade 4", 10, {}, {}, C::kAlert, S::kNone, M::kNone, I::kDiffuseEdema, 4, {"icp"}},
    {"worst domain: ICE 2 and focal oedema tie at 3", 2, {}, 40.0, C::kAwakensToVoice, S::kNone, M::kNone,
     I::kFocalEdema, 3, {"ice", "icp"}},
    {"age 12 takes ICE", 5, {}, 12.0, C::kAlert, S::kNone, M::kNone, I::kNone, 2, {"ice"}},
};

const IcansCase kChildren[] = {
    {"CAPD 0, alert: no ICANS", {}, 0, 8.0, C::kAlert, S::kNone, M::kNone, I::kNone, 0, {}},
    {"CAPD 1: grade 1", {}, 1, 8.0, C::kAlert, S::kNone, M::kNone, I::kNone, 1, {"capd"}},
    {"CAPD 8, awakens spontaneously: grade 1", {}, 8, 8.0, C::kAwakensSpontaneously, S::kNone, M::kNone, I::kNone,
     1, {"capd", "consciousness"}},
    {"CAPD 8, awakens to voice: grade 2", {}, 8, 8.0, C::kAwakensToVoice, S::kNone, M::kNone, I::kNone, 2,
     {"consciousness"}},
    {"CAPD 9: grade 3", {}, 9, 8.0, C::kAlert, S::kNone, M::kNone, I::kNone, 3, {"capd"}},
    {"CAPD 32: grade 3", {}, 32, 3.0, C::kAlert, S::kNone, M::kNone, I::kNone, 3, {"capd"}},
    {"unable to perform CAPD: grade 4", {}, {}, 5.0, C::kUnarousable, S::kNone, M::kNone, I::kNone, 4,
     {"capd", "consciousness"}},
    {"age 11.9 takes CAPD", {}, 10, 11.9, C::kAlert, S::kNone, M::kNone, I::kNone, 3, {"capd"}},
    {"CAPD without an age", {}, 4, {}, C::kAlert, S::kNone, M::kNone, I::kNone, 1, {"capd"}},
    {"child with a prolonged seizure", {}, 3, 6.0, C::kAlert, S::kProlonged, M::kNone, I::kNone, 4, {"seizure"}},
};

void RunCases(const IcansCase* cases, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const IcansCase& c = cases[i];
    IcansInput in;
    in.ice = c.ice;
    in.capd = c.capd;
    in.age_years = c.age;
    in.consciousness = c.consciousness;
    in.seizure = c.seizure;
    in.motor = c.motor;
    in.icp = c.icp;
    auto r = GradeIcans(in);
    ASSERT_TRUE(r.ok()) << c.what << ": " << r.status().ToString();
    EXPECT_EQ(r->grade, c.grade) << c.what;
    EXPECT_EQ(r->determined_by, c.determined_by) << c.what;
  }
}

TEST(IcansGrading, AdultConsensusTable) { RunCases(kAdult, std::size(kAdult)); }
TEST(IcansGrading, ChildrenUnder12UseCapd) { RunCases(kChildren, std::size(kChildren)); }

TEST(IcansGrading, SpecialCasesAreNoted) {
  IcansInput awake;
  awake.ice = 0;
  auto r = GradeIcans(awake);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_NE(r->notes[0].find("grade 3, not 4"), std::string::npos);
  IcansInput tremor;
  tremor.ice = 10;
  tremor.motor = M::kTremor;
  r = GradeIcans(tremor);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_NE(r->notes[0].find("CTCAE"), std::string::npos);
}

TEST(IcansGrading, DeathIsGrade5) {
  IcansInput in;
  in.died_of_icans = true;
  auto r = GradeIcans(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->grade, 5);
  EXPECT_EQ(r->determined_by, std::vector<std::string>{"death"});
}

TEST(IcansGrading, DevelopmentalDelayAllowsCapdAbove12) {
  IcansInput in;
  in.age_years = 15;
  in.capd = 10;
  EXPECT_FALSE(GradeIcans(in).ok());
  in.developmental_delay = true;
  auto r = GradeIcans(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->grade, 3);
  EXPECT_EQ(r->determined_by, std::vector<std::string>{"capd"});
}

TEST(IcansValidation, ClearMessages) {
  struct Bad {
    std::optional<int> ice, capd;
    std::optional<double> age;
    C consciousness;
    const char* message;
  };
  const Bad bad[] = {
      {11, {}, {}, C::kAlert, "ICE score 11 is outside 0-10"},
      {-1, {}, {}, C::kAlert, "ICE score -1 is outside 0-10"},
      {{}, 33, 5.0, C::kAlert, "CAPD score 33 is outside 0-32"},
      {7, {}, 8.0, C::kAlert, "ICE is for ages 12 and over; a child of 8 years is assessed with CAPD"},
      {{}, 4, 30.0, C::kAlert, "CAPD is for children under 12"},
      {7, 4, {}, C::kAlert, "not both"},
      {{}, {}, {}, C::kAlert, "missing ICE score (0-10)"},
      {{}, {}, 6.0, C::kAwakensToVoice, "missing CAPD score (0-32) for a child under 12"},
      {5, {}, {}, C::kUnarousable, "needs an awake patient, but the patient is unarousable"},
      {10, {}, 130.0, C::kAlert, "age 130 years is outside 0-120"},
  };
  for (const auto& b : bad) {
    IcansInput in;
    in.ice = b.ice;
    in.capd = b.capd;
    in.age_years = b.age;
    in.consciousness = b.consciousness;
    auto r = GradeIcans(in);
    ASSERT_FALSE(r.ok()) << b.message;
    EXPECT_NE(r.status().message().find(b.message), std::string::npos) << r.status().message();
  }
}

TEST(IcansIce, ItemByItem) {
  EXPECT_EQ(*IceScore({4, 3, 1, 1, 1}), 10);
  EXPECT_EQ(*IceScore({0, 0, 0, 0, 0}), 0);
  EXPECT_EQ(*IceScore({3, 2, 1, 0, 1}), 7);
  auto bad = IceScore({5, 3, 1, 1, 1});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "ICE orientation 5 is outside 0-4");
  EXPECT_FALSE(IceScore({4, 4, 1, 1, 1}).ok());
  EXPECT_FALSE(IceScore({4, 3, 2, 1, 1}).ok());
}

TEST(IcansCapd, ItemsOneToFourAreReverseScored) {
  using F = Frequency;
  // A well child: always eye contact, purposeful, aware, communicating; never restless ...: 0.
  EXPECT_EQ(ScoreCapd({F::kAlways, F::kAlways, F::kAlways, F::kAlways, F::kNever, F::kNever, F::kNever, F::kNever})
                .total,
            0);
  // The opposite: 4 points on every item.
  EXPECT_EQ(ScoreCapd({F::kNever, F::kNever, F::kNever, F::kNever, F::kAlways, F::kAlways, F::kAlways, F::kAlways})
                .total,
            32);
  // "Never" everywhere: items 1-4 give 4 each, items 5-8 give 0.
  const auto never = ScoreCapd({F::kNever, F::kNever, F::kNever, F::kNever, F::kNever, F::kNever, F::kNever,
                                F::kNever});
  EXPECT_EQ(never.total, 16);
  EXPECT_EQ(never.points, (std::array<int, 8>{4, 4, 4, 4, 0, 0, 0, 0}));
  // Eye contact "rarely" scores 3; restless "often" scores 3; the rest normal: 6.
  const auto mixed = ScoreCapd({F::kRarely, F::kAlways, F::kAlways, F::kOften, F::kOften, F::kNever, F::kSometimes,
                                F::kNever});
  EXPECT_EQ(mixed.points, (std::array<int, 8>{3, 0, 0, 1, 3, 0, 2, 0}));
  EXPECT_EQ(mixed.total, 9);  // the delirium cut-off
}

TEST(IcansCapd, AnswersParse) {
  EXPECT_EQ(*ParseFrequency("Often"), Frequency::kOften);
  auto bad = ParseFrequency("sometime");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("did you mean 'sometimes'?"), std::string::npos);
  EXPECT_EQ(*ParseConsciousness("unarousable"), C::kUnarousable);
  EXPECT_EQ(*ParseIcpFinding("focal_edema"), I::kFocalEdema);
  EXPECT_EQ(*ParseMotorFinding("weakness"), M::kWeakness);
  EXPECT_EQ(*ParseSeizure("prolonged"), S::kProlonged);
  EXPECT_FALSE(ParseSeizure("status").ok());
}

}  // namespace
}  // namespace carta::clinical
