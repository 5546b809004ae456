#include "carta/evidence/generation.h"

#include <gtest/gtest.h>

namespace carta::evidence {
namespace {

Construct WithCostim(std::vector<std::string> costim) {
  Construct c;
  c.costim = std::move(costim);
  c.costim_stated = true;
  c.signal = "CD3z";
  return c;
}

// Expected generations from the review's Table 1 and §2.1.2.
TEST(Generation, FromCostimulatoryDomains) {
  EXPECT_EQ(DeriveGeneration(WithCostim({})).generation, 1);
  EXPECT_EQ(DeriveGeneration(WithCostim({"4-1BB"})).generation, 2);
  EXPECT_EQ(DeriveGeneration(WithCostim({"CD28"})).generation, 2);
  EXPECT_EQ(DeriveGeneration(WithCostim({"CD28", "4-1BB"})).generation, 3);
  EXPECT_EQ(DeriveGeneration(WithCostim({"CD28", "4-1BB", "OX40"})).generation, 3);
}

TEST(Generation, PayloadOrSwitchMakesATruck) {
  Construct c = WithCostim({"4-1BB"});
  c.payload = {"IL-12"};
  EXPECT_EQ(DeriveGeneration(c).generation, 4);
  Construct s = WithCostim({"CD28"});
  s.safety_switch = {"iCasp9"};
  EXPECT_EQ(DeriveGeneration(s).generation, 4);
}

TEST(Generation, TrackingMarkerIsNotASafetySwitch) {
  Construct c = WithCostim({"4-1BB"});
  c.marker = {"EGFRt"};  // Breyanzi: still second generation, as the review says of every approved product
  EXPECT_EQ(DeriveGeneration(c).generation, 2);
}

TEST(Generation, GeneEditsOrAdaptorDesignMakeTheFifth) {
  Construct c = WithCostim({"4-1BB"});
  c.gene_edits = {"TRAC-KO", "B2M-KO"};
  c.payload = {"IL-15"};  // edits win over payloads
  EXPECT_EQ(DeriveGeneration(c).generation, 5);
  Construct a = WithCostim({"CD28"});
  a.design = "adaptor";
  EXPECT_EQ(DeriveGeneration(a).generation, 5);
}

TEST(Generation, UnknownWhenCostimulationIsNotRecorded) {
  Construct c;
  c.signal = "CD3z";
  EXPECT_EQ(DeriveGeneration(c).generation, 0);
}

TEST(Generation, TableHasFiveRowsInOrder) {
  const auto& t = GenerationTable();
  ASSERT_EQ(t.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(t[i].generation, i + 1);
}

}  // namespace
}  // namespace carta::evidence
