// CARTOX-10, CRES and the scale table. Expected grades are read off Neelapu et
// al., Nat Rev Clin Oncol 2018;15:47-62 (CARTOX-10 tool and CRES grading).
#include "carta/clinical/legacy.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace carta::clinical {
namespace {

TEST(ClinicalCres, Cartox10ItemByItem) {
  EXPECT_EQ(*Cartox10Score({5, 3, 1, 1}), 10);
  EXPECT_EQ(*Cartox10Score({4, 2, 0, 1}), 7);
  auto bad = Cartox10Score({6, 3, 1, 1});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "CARTOX-10 orientation 6 is outside 0-5");
}

TEST(ClinicalCres, ConsensusTable) {
  struct Case {
    const char* what;
    std::optional<int> cartox10;
    bool obtunded;
    CresIcp icp;
    CresSeizure seizure;
    bool weakness;
    int grade;
    std::vector<std::string> determined_by;
  };
  const Case cases[] = {
      {"10: none", 10, false, CresIcp::kNone, CresSeizure::kNone, false, 0, {}},
      {"9: mild, grade 1", 9, false, CresIcp::kNone, CresSeizure::kNone, false, 1, {"cartox10"}},
      {"7: grade 1", 7, false, CresIcp::kNone, CresSeizure::kNone, false, 1, {"cartox10"}},
      {"6: moderate, grade 2", 6, false, CresIcp::kNone, CresSeizure::kNone, false, 2, {"cartox10"}},
      {"3: grade 2", 3, false, CresIcp::kNone, CresSeizure::kNone, false, 2, {"cartox10"}},
      {"2: severe, grade 3", 2, false, CresIcp::kNone, CresSeizure::kNone, false, 3, {"cartox10"}},
      {"obtunded: grade 4", {}, true, CresIcp::kNone, CresSeizure::kNone, false, 4, {"cartox10"}},
      {"papilloedema 1-2: grade 3", 9, false, CresIcp::kPapilledemaStage12, CresSeizure::kNone, false, 3, {"icp"}},
      {"papilloedema 3-5: grade 4", 9, false, CresIcp::kPapilledemaStage35, CresSeizure::kNone, false, 4, {"icp"}},
      {"cerebral oedema: grade 4", 10, false, CresIcp::kCerebralEdema, CresSeizure::kNone, false, 4, {"icp"}},
      {"partial seizure: grade 3", 8, false, CresIcp::kNone, CresSeizure::kPartial, false, 3, {"seizure"}},
      {"status epilepticus: grade 4", 8, false, CresIcp::kNone, CresSeizure::kGeneralized, false, 4, {"seizure"}},
      {"new motor weakness: grade 4", 10, false, CresIcp::kNone, CresSeizure::kNone, true, 4, {"motor"}},
  };
  for (const auto& c : cases) {
    CresInput in;
    in.cartox10 = c.cartox10;
    in.obtunded = c.obtunded;
    in.icp = c.icp;
    in.seizure = c.seizure;
    in.motor_weakness = c.weakness;
    auto r = GradeCres(in);
    ASSERT_TRUE(r.ok()) << c.what << ": " << r.status().ToString();
    EXPECT_EQ(r->grade, c.grade) << c.what;
    EXPECT_EQ(r->determined_by, c.determined_by) << c.what;
  }
}

TEST(ClinicalCres, Validation) {
  CresInput missing;
  auto r = GradeCres(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("missing CARTOX-10 score"), std::string::npos);
  CresInput high;
  high.cartox10 = 11;
  EXPECT_EQ(GradeCres(high).status().message(), "CARTOX-10 score 11 is outside 0-10");
  EXPECT_EQ(*ParseCresIcp("papilledema-3-5"), CresIcp::kPapilledemaStage35);
  EXPECT_FALSE(ParseCresSeizure("focal").ok());
}

TEST(ClinicalCrsScales, AstctFirstAndEveryScaleSourced) {
  const auto& scales = CrsScales();
  ASSERT_GE(scales.size(), 5u);
  EXPECT_EQ(scales.front().scale, "ASTCT 2019");
  for (const auto& s : scales) {
    EXPECT_FALSE(s.source.empty()) << s.scale;
    EXPECT_FALSE(s.note.empty()) << s.scale;
  }
}

}  // namespace
}  // namespace carta::clinical
