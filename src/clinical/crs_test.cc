// ASTCT CRS grading. Every expected grade below is read off the consensus
// table (Lee et al., Biol Blood Marrow Transplant 2019;25:625-638, CRS grading table and
// its footnotes), not computed by the code under test.
#include "carta/clinical/crs.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace carta::clinical {
namespace {

using H = Hypotension;
using O = OxygenSupport;

struct CrsCase {
  const char* what;
  std::optional<double> temp_c;
  bool after_anticytokine;
  H hypotension;
  O oxygen;
  std::optional<double> flow_l_min;
  int grade;
  std::vector<std::string> determined_by;
};

const CrsCase kCases[] = {
    // Fever alone: grade 1 from 38.0 °C exactly.
    {"afebrile, nothing else", 37.5, false, H::kNone, O::kNone, {}, 0, {}},
    {"37.9 °C is not fever", 37.9, false, H::kNone, O::kNone, {}, 0, {}},
    {"38.0 °C is fever: grade 1", 38.0, false, H::kNone, O::kNone, {}, 1, {"fever"}},
    {"fever 39.2 °C alone", 39.2, false, H::kNone, O::kNone, {}, 1, {"fever"}},
    // Grade 2: hypotension without vasopressors and/or low-flow oxygen.
    {"hypotension, no vasopressor", 39.2, false, H::kNoVasopressor, O::kNone, {}, 2, {"hypotension"}},
    {"low-flow nasal cannula", 39.2, false, H::kNone, O::kLowFlow, {}, 2, {"hypoxia"}},
    {"both grade-2 findings tie", 39.2, false, H::kNoVasopressor, O::kLowFlow, {}, 2, {"hypotension", "hypoxia"}},
    // Grade 3: one vasopressor and/or high-flow, facemask, non-rebreather, Venturi.
    {"one vasopressor", 39.0, false, H::kOneVasopressor, O::kNone, {}, 3, {"hypotension"}},
    {"high-flow oxygen", 39.0, false, H::kNone, O::kHighFlow, {}, 3, {"hypoxia"}},
    {"worst domain sets it: hypoxia 3 over hypotension 2", 39.0, false, H::kNoVasopressor, O::kHighFlow, {}, 3,
     {"hypoxia"}},
    // Grade 4: multiple vasopressors and/or positive pressure.
    {"multiple vasopressors with low-flow", 39.0, false, H::kMultipleVasopressors, O::kLowFlow, {}, 4,
     {"hypotension"}},
    {"positive pressure", 39.0, false, H::kNone, O::kPositivePressure, {}, 4, {"hypoxia"}},
    {"positive pressure over one vasopressor", 39.0, false, H::kOneVasopressor, O::kPositivePressure, {}, 4,
     {"hypoxia"}},
    {"both grade-4 findings tie", 38.0, false, H::kMultipleVasopressors, O::kPositivePressure, {}, 4,
     {"hypotension", "hypoxia"}},
    // Fever is required before antipyretic or anti-cytokine therapy ...
    {"no fever, no anti-cytokine: not CRS", 37.0, false, H::kOneVasopressor, O::kHighFlow, {}, 0, {}},
    // ... and not after it: the grade is driven by hypotension and hypoxia.
    {"afebrile after tocilizumab, one vasopressor", 37.0, true, H::kOneVasopressor, O::kNone, {}, 3,
     {"hypotension"}},
    {"no temperature after tocilizumab, low-flow", std::nullopt, true, H::kNone, O::kLowFlow, {}, 2, {"hypoxia"}},
    {"afebrile after tocilizumab, nothing else", 37.0, true, H::kNone, O::kNone, {}, 0, {}},
    {"febrile after tocilizumab", 38.5, true, H::kNone, O::kNone, {}, 1, {"fever"}},
    // A nasal cannula flow sets the support: <= 6 L/min low-flow, more high-flow.
    {"6 L/min is low-flow", 38.5, false, H::kNone, O::kNone, 6.0, 2, {"hypoxia"}},
    {"6.5 L/min is high-flow", 38.5, false, H::kNone, O::kNone, 6.5, 3, {"hypoxia"}},
    {"0 L/min is no oxygen", 38.5, false, H::kNone, O::kNone, 0.0, 1, {"fever"}},
};

TEST(CrsGrading, ConsensusTable) {
  for (const auto& c : kCases) {
    CrsInput in;
    in.temp_c = c.temp_c;
    in.after_anticytokine = c.after_anticytokine;
    in.hypotension = c.hypotension;
    in.oxygen = c.oxygen;
    in.oxygen_flow_l_min = c.flow_l_min;
    auto r = GradeCrs(in);
    ASSERT_TRUE(r.ok()) << c.what << ": " << r.status().ToString();
    EXPECT_EQ(r->grade, c.grade) << c.what;
    EXPECT_EQ(r->determined_by, c.determined_by) << c.what;
    EXPECT_EQ(r->domains.size(), 3u) << c.what;
  }
}

TEST(CrsGrading, DeathIsGrade5) {
  CrsInput in;
  in.temp_c = 39.0;
  in.hypotension = H::kMultipleVasopressors;
  in.died_of_crs = true;
  auto r = GradeCrs(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->grade, 5);
  EXPECT_EQ(r->determined_by, std::vector<std::string>{"death"});
}

TEST(CrsGrading, NotesSayWhyNoFeverMeansNoCrs) {
  CrsInput in;
  in.temp_c = 37.0;
  in.hypotension = H::kOneVasopressor;
  auto r = GradeCrs(in);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_NE(r->notes[0].find("without fever"), std::string::npos);
}

TEST(CrsValidation, ImpossibleValuesAndMissingFields) {
  struct Bad {
    std::optional<double> temp_c;
    bool after;
    O oxygen;
    std::optional<double> flow;
    const char* message;
  };
  const Bad bad[] = {
      {55.0, false, O::kNone, {}, "temperature 55 °C is impossible (accepted: 30-45 °C)"},
      {29.9, false, O::kNone, {}, "temperature 29.9 °C is impossible"},
      {101.3, false, O::kNone, {}, "is it in °F?"},
      {39.0, false, O::kNone, 80.0, "oxygen flow 80 L/min is impossible (accepted: 0-60 L/min)"},
      {39.0, false, O::kNone, -1.0, "oxygen flow -1 L/min is impossible"},
      {39.0, false, O::kLowFlow, 8.0, "low-flow nasal cannula carries at most 6 L/min; 8 L/min is high-flow"},
      {std::nullopt, false, O::kNone, {}, "missing temperature"},
  };
  for (const auto& b : bad) {
    CrsInput in;
    in.temp_c = b.temp_c;
    in.after_anticytokine = b.after;
    in.oxygen = b.oxygen;
    in.oxygen_flow_l_min = b.flow;
    auto r = GradeCrs(in);
    ASSERT_FALSE(r.ok()) << b.message;
    EXPECT_NE(r.status().message().find(b.message), std::string::npos) << r.status().message();
  }
  CrsInput edge;
  edge.temp_c = 45.0;
  edge.oxygen_flow_l_min = 60.0;
  EXPECT_TRUE(GradeCrs(edge).ok());
  edge.temp_c = 30.0;
  EXPECT_TRUE(GradeCrs(edge).ok());
}

TEST(CrsValidation, NamesParseAndSuggest) {
  EXPECT_EQ(*ParseHypotension("one-vasopressor"), H::kOneVasopressor);
  EXPECT_EQ(*ParseHypotension("Multiple_Vasopressors"), H::kMultipleVasopressors);
  EXPECT_EQ(*ParseOxygenSupport("positive pressure"), O::kPositivePressure);
  auto bad = ParseHypotension("one-vasopresor");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("did you mean 'one-vasopressor'?"), std::string::npos);
  EXPECT_NE(bad.status().message().find("none, no-vasopressor, one-vasopressor or multiple-vasopressors"),
            std::string::npos);
  EXPECT_FALSE(ParseOxygenSupport("cpap").ok());
  for (O o : {O::kNone, O::kLowFlow, O::kHighFlow, O::kPositivePressure}) {
    EXPECT_EQ(*ParseOxygenSupport(OxygenSupportName(o)), o);
  }
  for (H h : {H::kNone, H::kNoVasopressor, H::kOneVasopressor, H::kMultipleVasopressors}) {
    EXPECT_EQ(*ParseHypotension(HypotensionName(h)), h);
  }
}

}  // namespace
}  // namespace carta::clinical
