#include "carta/core/text.h"

#include <gtest/gtest.h>

namespace carta::text {
namespace {

TEST(Text, TrimAndSplit) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(Split("a, b ,,c", ','), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(Join({"x", "y"}, "; "), "x; y");
}

TEST(Text, ParseDecimalKeepsPrintedDecimals) {
  auto d = ParseDecimal("64.10");
  ASSERT_TRUE(d.has_value());
  EXPECT_DOUBLE_EQ(d->value, 64.1);
  EXPECT_EQ(d->decimals, 2);
  EXPECT_EQ(ParseDecimal("81")->decimals, 0);
  EXPECT_FALSE(ParseDecimal("12x").has_value());
  EXPECT_FALSE(ParseDecimal("12.").has_value());
  EXPECT_FALSE(ParseDecimal(".5").has_value());
  EXPECT_FALSE(ParseDecimal("").has_value());
  EXPECT_FALSE(ParseDecimal("1e3").has_value());
}

TEST(Text, ParseCountRejectsSignsAndOverflow) {
  EXPECT_EQ(ParseCount("79"), 79);
  EXPECT_FALSE(ParseCount("-1").has_value());
  EXPECT_FALSE(ParseCount("1234567890").has_value());
  EXPECT_FALSE(ParseCount("7 9").has_value());
}

TEST(Text, ClosestMatchForDidYouMean) {
  std::vector<std::string> cmds = {"products", "studies", "show", "check"};
  EXPECT_EQ(ClosestMatch("prodcts", cmds), "products");
  EXPECT_EQ(ClosestMatch("chek", cmds), "check");
  EXPECT_EQ(ClosestMatch("zzzzzzzz", cmds), "");
}

TEST(Text, DisplayWidthCountsCjkAsTwoColumns) {
  EXPECT_EQ(DisplayWidth("Kymriah"), 7);
  EXPECT_EQ(DisplayWidth("源瑞达"), 6);
  EXPECT_EQ(DisplayWidth("CD3ζ"), 4);
  EXPECT_TRUE(IsValidUtf8("福可苏"));
  EXPECT_FALSE(IsValidUtf8("\xff\xfe"));
}

TEST(Text, FirstInvalidUtf8GivesTheByteOffset) {
  EXPECT_EQ(FirstInvalidUtf8("福可苏 ok"), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("py\xff\xfethon"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("源\xe7"), 3u);  // a truncated sequence at the end
}

TEST(Text, WithThousandsGroupsDigits) {
  EXPECT_EQ(WithThousands(0), "0");
  EXPECT_EQ(WithThousands(999), "999");
  EXPECT_EQ(WithThousands(3426), "3,426");
  EXPECT_EQ(WithThousands(-1234567), "-1,234,567");
}

TEST(Text, FoldForMatchNormalisesWidthCaseAndMarks) {
  EXPECT_EQ(FoldForMatch("CAR-T Cells"), "car-t cells");
  EXPECT_EQ(FoldForMatch("Müller"), "muller");
  EXPECT_EQ(FoldForMatch("ＣＡＲ－Ｔ１９"), "car-t19");
  EXPECT_EQ(FoldForMatch("嵌合抗原受体"), "嵌合抗原受体");
  EXPECT_EQ(FoldForMatch(std::string("a\xff" "B")), "ab");
}

}  // namespace
}  // namespace carta::text
