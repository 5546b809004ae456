#include "carta/plot/svg.h"

#include <gtest/gtest.h>

#include "svg_testing.h"

namespace carta::plot {
namespace {

using testing::ParseSvg;

TEST(Svg, EscapesEveryXmlSpecialCharacter) {
  EXPECT_EQ(EscapeXml("A&B <x> \"q\" 'a'"), "A&amp;B &lt;x&gt; &quot;q&quot; &apos;a&apos;");
}

TEST(Svg, FormatsNumbersCompactly) {
  EXPECT_EQ(FormatNumber(1.5), "1.5");
  EXPECT_EQ(FormatNumber(2.0), "2");
  EXPECT_EQ(FormatNumber(-0.001), "0");
  EXPECT_EQ(FormatNumber(12.345678), "12.35");
  EXPECT_EQ(FormatFixed(0.5, 2), "0.50");
}

TEST(Svg, CjkTextIsWiderThanLatin) {
  EXPECT_GT(TextWidth("中文研究", 12), TextWidth("abcd", 12) * 1.5);
  EXPECT_DOUBLE_EQ(TextWidth("", 12), 0);
}

TEST(Svg, NiceTicksAreRoundAndCoverTheRange) {
  std::vector<double> t = NiceTicks(0, 1, 5);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_DOUBLE_EQ(t.front(), 0);
  EXPECT_NEAR(t.back(), 1, 1e-12);
  EXPECT_NEAR(t[1], 0.2, 1e-12);
}

TEST(Svg, DocumentIsWellFormedWithTitleAndViewBox) {
  SvgDocument doc(200, 100, "A&B <x>");
  doc.BeginGroup("marks");
  doc.Title("tip 'quoted'");
  doc.Rect(1, 2, 3, 4, {.cls = "bar", .fill = "#000"});
  doc.Line(0, 0, 10, 10, {.cls = "axis", .stroke = "#000", .stroke_width = 1});
  doc.Polyline({{0, 0}, {1, 1}}, {.cls = "curve", .stroke = "#00f"});
  doc.Polygon({{0, 0}, {1, 1}, {2, 0}}, {.cls = "pooled"});
  doc.Path("M0,0 L1,1", {.cls = "arrow"});
  doc.Circle(5, 5, 2, {.cls = "point"});
  doc.Text(10, 10, "Smith & Jones <2020>", {.cls = "label"});
  doc.Text(10, 20, "中文", {.anchor = Anchor::kEnd, .bold = true, .rotate = -90});
  doc.EndGroup();
  auto p = ParseSvg(doc.Finish());
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_EQ(p.root, "svg");
  EXPECT_TRUE(p.has_viewbox);
  ASSERT_EQ(p.titles.size(), 2u);
  EXPECT_EQ(p.titles[0], "A&B <x>");
  EXPECT_EQ(p.Count("rect.bar"), 1);
  EXPECT_EQ(p.Count("polygon.pooled"), 1);
  EXPECT_EQ(p.Count("g.marks"), 1);
  EXPECT_TRUE(p.HasText("Smith & Jones <2020>"));
  EXPECT_TRUE(p.HasText("中文"));
}

}  // namespace
}  // namespace carta::plot
