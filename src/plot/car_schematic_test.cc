#include "carta/plot/car_schematic.h"

#include <gtest/gtest.h>

#include "svg_testing.h"

namespace carta::plot {
namespace {

using testing::ParseSvg;

CarSchematicSpec FiveGenerations() {
  CarSchematicSpec s;
  s.title = "CAR generations";
  s.constructs = {
      {.heading = "1st", .hinge = "CD8α", .transmembrane = "CD8α"},
      {.heading = "2nd", .hinge = "CD8α", .transmembrane = "CD8α", .costim = {"4-1BB"}},
      {.heading = "3rd", .hinge = "CD28", .transmembrane = "CD28", .costim = {"CD28", "4-1BB"}},
      {.heading = "4th", .costim = {"CD28"}, .payloads = {"IL-12"}, .switches = {"iCasp9"}},
      {.heading = "5th", .binder = "VHH", .costim = {"4-1BB"}, .edits = {"TRAC knock-out", "B2M knock-out"},
       .caption = "universal, allogeneic"},
  };
  return s;
}

TEST(PlotCarSchematic, DrawsEachDomainOfEachGeneration) {
  const auto p = ParseSvg(CarSchematic(FiveGenerations()));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("g.construct"), 5);
  EXPECT_EQ(p.Count("rect.binder"), 2 * 4 + 1);  // four scFv pairs and one VHH
  EXPECT_EQ(p.Count("rect.hinge"), 5);
  EXPECT_EQ(p.Count("rect.tm"), 5);
  EXPECT_EQ(p.Count("rect.costim"), 0 + 1 + 2 + 1 + 1);
  EXPECT_EQ(p.Count("rect.signal"), 5);
  EXPECT_EQ(p.Count("rect.itam"), 15);
  EXPECT_EQ(p.Count("circle.payload"), 3);
  EXPECT_EQ(p.Count("rect.membrane"), 1);
  EXPECT_EQ(p.Count("text.edit"), 2);
  EXPECT_EQ(p.Count("text.switch"), 1);
  EXPECT_TRUE(p.HasText("IL-12"));
  EXPECT_TRUE(p.HasText("universal, allogeneic"));
}

TEST(PlotCarSchematic, EmptySpecIsWellFormed) {
  const auto p = ParseSvg(CarSchematic({}));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.Count("g.construct"), 0);
}

}  // namespace
}  // namespace carta::plot
