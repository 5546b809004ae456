#include "carta/report/update.h"

#include <gtest/gtest.h>

#include "carta/evidence/build.h"
#include "carta/evidence/record.h"

namespace carta::report {
namespace {

evidence::EvidenceBase Build(const std::string& cohorts) {
  auto recs = evidence::ParseRecords(
      "[product kym]\nsource = -; Table 2\nbrand = Kymriah\ntarget = CD19\n" + cohorts, "t.carta");
  EXPECT_TRUE(recs.ok()) << recs.status().ToString();
  auto eb = evidence::BuildEvidence(std::move(*recs));
  EXPECT_TRUE(eb.ok()) << eb.status().ToString();
  return eb.ok() ? std::move(*eb) : evidence::EvidenceBase{};
}

const std::string kTwo =
    "[cohort a]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = LBCL\nn = 100\norr = 80%\n"
    "[cohort b]\nsource = ref 2; Table 3\nproduct = Kymriah\nindication = LBCL\nn = 50\norr = 60%\n";

TEST(Update, SaysWhichCohortsAndPoolsChanged) {
  const Synthesis before = Synthesize(Build(kTwo));
  ASSERT_FALSE(before.pools.empty());
  EXPECT_TRUE(Compare(before, before).empty());
  const Synthesis after = Synthesize(Build(
      kTwo + "[cohort c]\nsource = ref 3; Table 3\nproduct = Kymriah\nindication = LBCL\nn = 40\norr = 20/40\n"));
  const Changes c = Compare(before, after);
  EXPECT_EQ(c.cohorts_added, (std::vector<std::string>{"c"}));
  EXPECT_TRUE(c.cohorts_changed.empty());
  const PoolChange* lbcl = nullptr;
  for (const auto& p : c.pools) {
    if (p.name == "orr CD19 LBCL") lbcl = &p;
  }
  ASSERT_NE(lbcl, nullptr);
  EXPECT_EQ(lbcl->before.k, 2);
  EXPECT_EQ(lbcl->after.k, 3);
  EXPECT_LT(lbcl->after.estimate, lbcl->before.estimate);  // a 50% cohort joins 80% and 60%
  // A changed value of a cohort is a changed cohort.
  std::string changed = kTwo;
  changed.replace(changed.find("orr = 60%"), 9, "orr = 65%");
  const Changes c2 = Compare(before, Synthesize(Build(changed)));
  EXPECT_EQ(c2.cohorts_changed, (std::vector<std::string>{"b"}));
}

}  // namespace
}  // namespace carta::report
