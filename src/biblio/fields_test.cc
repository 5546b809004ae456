#include "fields.h"

#include <gtest/gtest.h>

namespace carta::biblio {
namespace {

DateParts Date(std::string_view s) {
  DateParts d;
  std::string problem;
  EXPECT_TRUE(ParseDate(s, &d, &problem)) << s << ": " << problem;
  return d;
}

TEST(BiblioFields, DatesInEveryExportShape) {
  struct Case { std::string_view text; int year, month, day; };
  for (const Case& c : std::vector<Case>{{"2019", 2019, 0, 0},           {"2019 Jan 15", 2019, 1, 15},
                                         {"2019 Jan-Feb", 2019, 1, 0},    {"2019 Spring", 2019, 0, 0},
                                         {"2019/05/02", 2019, 5, 2},      {"2019///", 2019, 0, 0},
                                         {"2019/10//undefined", 2019, 10, 0}, {"2019-01-29", 2019, 1, 29},
                                         {"2019年5月", 2019, 5, 0},       {"Jun", 0, 6, 0},
                                         {"20190115", 2019, 1, 15},       {"2020 Feb 29", 2020, 2, 29},
                                         {"", 0, 0, 0}}) {
    DateParts d = Date(c.text);
    EXPECT_EQ(d.year, c.year) << c.text;
    EXPECT_EQ(d.month, c.month) << c.text;
    EXPECT_EQ(d.day, c.day) << c.text;
  }
}

TEST(BiblioFields, ImpossibleDatesAreRejected) {
  for (std::string_view bad : {"2019/13/01", "2019 Apr 31", "2019 Feb 29", "0042", "3019", "19"}) {
    DateParts d;
    std::string problem;
    EXPECT_FALSE(ParseDate(bad, &d, &problem)) << bad;
    EXPECT_NE(problem.find("impossible date"), std::string::npos) << bad;
  }
}

TEST(BiblioFields, DoiNormalised) {
  EXPECT_EQ(NormalizeDoi("https://doi.org/10.1056/NEJMoa1715274"), "10.1056/nejmoa1715274");
  EXPECT_EQ(NormalizeDoi("doi: 10.1000/XYZ"), "10.1000/xyz");
  EXPECT_EQ(NormalizeDoi("http://dx.doi.org/10.4103/2303-9027.138783"), "10.4103/2303-9027.138783");
  EXPECT_EQ(NormalizeDoi("not a doi"), "");
}

TEST(BiblioFields, LanguageCodes) {
  EXPECT_EQ(LanguageCode("English"), "eng");
  EXPECT_EQ(LanguageCode("eng"), "eng");
  EXPECT_EQ(LanguageCode("中文;"), "chi");
  EXPECT_EQ(LanguageCode("Chinese"), "chi");
  EXPECT_EQ(LanguageCode("GER"), "ger");
  EXPECT_EQ(LanguageCode("Klingon language"), "");
}

TEST(BiblioFields, CjkRuleAndListSplitting) {
  EXPECT_TRUE(MostlyCjk("嵌合抗原受体T细胞治疗"));
  EXPECT_FALSE(MostlyCjk("CAR-T cells in 淋巴瘤 patients"));
  EXPECT_EQ(SplitList("a;;b;c;", true), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(SplitList("谢昕,王小增", true), (std::vector<std::string>{"谢昕", "王小增"}));
  EXPECT_EQ(SplitList("Smith, John", true), std::vector<std::string>{"Smith, John"});
  EXPECT_EQ(SplitList("甲；乙", true), (std::vector<std::string>{"甲", "乙"}));
}

TEST(BiblioFields, AKeywordListSplitsWhereSplitListDoesAndKeepsWhatABackslashEscapes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(SplitKeywordList("a;;b;c;"), (V{"a", "b", "c"}));
  EXPECT_EQ(SplitKeywordList("淋巴瘤，CAR-T"), (V{"淋巴瘤", "CAR-T"}));
  EXPECT_EQ(SplitKeywordList("Colitis, Ulcerative"), V{"Colitis, Ulcerative"});
  EXPECT_EQ(SplitKeywordList("a\\;b; c"), (V{"a;b", "c"}));
  EXPECT_EQ(SplitKeywordList("淋巴瘤\\, CAR-T"), V{"淋巴瘤, CAR-T"});
  EXPECT_EQ(SplitKeywordList("C:\\temp"), V{"C:\\temp"});  // a backslash before no separator is kept
  EXPECT_EQ(SplitKeywordList("a\\\\;b"), (V{"a\\", "b"}));
}

TEST(BiblioFields, AnEscapedKeywordSplitsBackToItself) {
  for (std::string keyword : {"a;b", "a；b", "淋巴瘤, CAR-T", "甲，乙", "Colitis, Ulcerative", "a\\;", "\\\\", "x\\",
                              "C:\\temp", "a\\,b", "CAR-T", "MeSH: x", "\\MeSH: x", "\\\\MeSH: x;y"}) {
    EXPECT_EQ(SplitKeywordList(EscapeKeyword(keyword)), std::vector<std::string>{keyword}) << keyword;
  }
  EXPECT_EQ(EscapeKeyword("Colitis, Ulcerative"), "Colitis, Ulcerative");  // a comma separates only beside CJK
  EXPECT_EQ(EscapeKeyword("甲，乙"), "甲\\，乙");
  EXPECT_EQ(EscapeKeyword("C:\\temp"), "C:\\temp");
  EXPECT_EQ(EscapeKeyword("MeSH: x"), "\\MeSH: x");  // else the RIS reader reads a heading
}

TEST(BiblioFields, WrappedLinesJoinWithoutSpaceNextToCjk) {
  std::string v = "genomic";
  AppendWrapped(&v, "  data.");
  EXPECT_EQ(v, "genomic data.");
  std::string c = "重庆邮电大学";
  AppendWrapped(&c, "通信学院");
  EXPECT_EQ(c, "重庆邮电大学通信学院");
}

TEST(BiblioFields, MeshNotationRoundTrip) {
  MeshHeading m = MeshFromText("Receptors, Chimeric Antigen/*therapeutic use/immunology");
  EXPECT_EQ(m.descriptor, "Receptors, Chimeric Antigen");
  EXPECT_TRUE(m.major);
  EXPECT_EQ(m.qualifiers, (std::vector<std::string>{"therapeutic use", "immunology"}));
  EXPECT_EQ(MeshToText(m), "*Receptors, Chimeric Antigen/therapeutic use/immunology");
}

}  // namespace
}  // namespace carta::biblio
