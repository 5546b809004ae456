#include "carta/plot/prisma.h"

#include <gtest/gtest.h>

#include "carta/plot/svg.h"
#include "svg_testing.h"

namespace carta::plot {
namespace {

using testing::ParsedSvg;
using testing::ParseSvg;

// The review's Fig. 2 counts (§1.1.7 and §1.4), with the stages it did not report.
PrismaSpec ReviewSpec() {
  PrismaSpec s;
  s.title = "Fig. 2 Literature screening flow";
  s.banner = "Identification of studies via databases and registers";
  s.identified = {"Records identified from:", {"PubMed (n = 2,904)", "CNKI and Wanfang (n = 522)", "Total (n = 3,426)"}};
  s.removed = {"Records removed before screening:", {"Duplicate records (not reported)"}};
  s.screened = {"Records screened", {"(n = 3,426)"}};
  s.excluded = {"Records excluded", {"(n = 3,295)"}};
  s.sought = {"Reports sought for retrieval", {"(not reported)"}};
  s.not_retrieved = {"Reports not retrieved", {"(not reported)"}};
  s.assessed = {"Reports assessed for eligibility", {"(not reported)"}};
  s.reports_excluded = {"Reasons for exclusion:", {"poor relevance", "outdated", "low quality", "duplicate studies"}};
  s.included = {"Studies included in review", {"(n = 131: 1 Chinese, 130 English)"}};
  return s;
}

TEST(PlotPrisma, DrawsEveryBoxArrowAndPhase) {
  const ParsedSvg p = ParseSvg(PrismaDiagram(ReviewSpec()));
  ASSERT_TRUE(p.well_formed) << p.error;
  EXPECT_TRUE(p.has_viewbox);
  EXPECT_EQ(p.Count("rect.box"), 9);
  EXPECT_EQ(p.Count("rect.phase"), 3);
  EXPECT_EQ(p.Count("rect.banner"), 1);
  EXPECT_EQ(p.Count("line.arrow"), 8);
  EXPECT_EQ(p.Count("g.box-identified"), 1);
  EXPECT_EQ(p.Count("g.box-reports-excluded"), 1);
  EXPECT_TRUE(p.HasText("PubMed (n = 2,904)"));
  EXPECT_TRUE(p.HasText("(n = 3,295)"));
  EXPECT_TRUE(p.HasText("Screening"));
}

TEST(PlotPrisma, LongChineseLinesWrapInsideTheBox) {
  PrismaSpec s = ReviewSpec();
  s.box_width_px = 160;
  s.excluded = {"根据入选标准，排除相关性差、文献陈旧、质量不高、重复研究等文献", {"(n = 3 295)"}};
  const ParsedSvg p = ParseSvg(PrismaDiagram(s));
  ASSERT_TRUE(p.well_formed) << p.error;
  int pieces = 0;
  for (const std::string& t : p.texts) {
    if (t == s.title || t == s.banner) continue;  // these span the figure, not a box
    if (t.find("排除") != std::string::npos || t.find("文献") != std::string::npos) ++pieces;
    EXPECT_LE(TextWidth(t, 12), 160 - 16 + 0.01) << t;
  }
  EXPECT_GE(pieces, 2);
}

TEST(PlotSvg, WrapTextBreaksAtSpacesAndBetweenCjkCharacters) {
  EXPECT_EQ(WrapText("alpha beta gamma", 6 * 0.56 * 10 * 1.0 + 1, 10),
            (std::vector<std::string>{"alpha", "beta", "gamma"}));
  EXPECT_EQ(WrapText("alpha beta", 1000, 10), (std::vector<std::string>{"alpha beta"}));
  EXPECT_EQ(WrapText("文献筛选流程", 4 * 0.56 * 10 + 0.1, 10), (std::vector<std::string>{"文献", "筛选", "流程"}));
  EXPECT_EQ(WrapText("one\ntwo", 1000, 10), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(WrapText("supercalifragilistic x", 20, 10), (std::vector<std::string>{"supercalifragilistic", "x"}));
}

}  // namespace
}  // namespace carta::plot
