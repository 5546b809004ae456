// CNKI and Wanfang exports. NoteExpress from CNKI has real fixtures; the other
// exports (CNKI EndNote, RefWorks, E-Study; Wanfang NoteExpress) are written
// here by hand in the shape those databases export.
#include <gtest/gtest.h>

#include "carta/biblio/read.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

using testing::ReadFixtureFile;

ReadResult ReadAs(std::string_view text, Format format, Source source = Source::kOther) {
  ReadOptions options;
  options.name = "t.txt";
  options.source = source;
  return ReadText(text, format, options);
}

TEST(CnkiNoteExpress, Classic5EnglishAndChineseRecords) {
  ReadResult r = ReadFixtureFile("CNKI_2_BibTeX_Classic5Test.net");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.issues.empty());
  ASSERT_EQ(r.records.size(), 5u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.title, "Share-option based compensation expense, shareholder returns and financial crisis");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Alaa Alhaj-Ismail", "Sami Adwan", "John Stittle"}));  // ";;"
  EXPECT_EQ(a.journal, "Journal of Contemporary Accounting & Economics");
  EXPECT_EQ(a.year, 2019);
  EXPECT_EQ(a.volume, "15");
  EXPECT_EQ(a.issue, "1");
  EXPECT_EQ(a.keywords.size(), 6u);
  EXPECT_EQ(a.keywords[5], "And large shareholders");
  EXPECT_TRUE(a.abstract.starts_with("This paper contributes"));  // "Abstract(#br)" heading dropped
  EXPECT_EQ(a.language, "");  // English title, no language in the export
  EXPECT_EQ(a.source, Source::kCnki);  // {Database Provider}: CNKI
  const Record& c = r.records[2];
  EXPECT_EQ(c.title, "高效产生任意矢量光场的一种方法");
  EXPECT_EQ(c.authors.size(), 7u);  // "a;b;...;g;" with a trailing ';'
  EXPECT_EQ(c.authors[0], "齐淑霞");
  EXPECT_EQ(c.keywords, (std::vector<std::string>{"偏振态", "空间光调制器", "矢量光场"}));
  EXPECT_EQ(c.journal, "物理学报");
  EXPECT_EQ(c.year, 0);  // no {Year}: nothing is guessed
  EXPECT_EQ(c.language, "chi");
  EXPECT_TRUE(r.records[4].abstract.starts_with("大气层外"));  // CNKI's "<正>" marker dropped
}

TEST(CnkiNoteExpress, MixedFileWrappedAddressesAndNewspaper) {
  ReadResult r = ReadFixtureFile("CNKI_2_BibTeX_mixed.net", Source::kCnki);
  ASSERT_TRUE(r.status.ok());
  EXPECT_TRUE(r.issues.empty());
  ASSERT_EQ(r.records.size(), 12u);
  const Record& paper = r.records[3];
  EXPECT_EQ(paper.title, "莫让“任性加塞”堵了回家过年路");
  EXPECT_EQ(paper.journal, "人民公安报·交通安全周刊");  // {Secondary Title}
  EXPECT_EQ(paper.year, 2019);
  EXPECT_EQ(paper.month, 1);
  EXPECT_EQ(paper.day, 29);
  const Record& old = r.records[9];
  EXPECT_EQ(old.title, "基于公共行政理念的政府公共关系发展历程探析");
  EXPECT_EQ(old.authors, (std::vector<std::string>{"谢昕", "王小增"}));  // comma-separated
  EXPECT_EQ(old.journal, "湖北社会科学");                              // after the wrapped address
  EXPECT_EQ(old.issue, "09");
  EXPECT_EQ(r.records[10].authors.size(), 3u);
  EXPECT_EQ(r.records[11].year, 2002);
}

TEST(CnkiNoteExpress, CrAndCrlfLineBreaks) {
  ReadResult r = ReadFixtureFile("CNKI_2_BibTeX_withLineBreakInAddress.net");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].pages, "14-16");
  EXPECT_EQ(r.records[0].keywords.size(), 4u);
  EXPECT_EQ(r.records[0].authors.size(), 2u);
}

TEST(WanfangNoteExpress, RepeatedAuthorDoiAndLanguage) {
  ReadResult r = ReadAs(
      "{Reference Type}: Journal Article\n"
      "{Title}: CD19 CAR-T细胞治疗复发/难治性B细胞急性淋巴细胞白血病的临床观察\n"
      "{Author}: 王明\n"
      "{Author}: 陈晓红\n"
      "{Author}: 刘洋\n"
      "{Author Address}: 河北燕达陆道培医院血液科,河北 廊坊 065201\n"
      "{Journal}: 中国实验血液学杂志\n"
      "{Year}: 2020\n"
      "{Volume}: 28\n"
      "{Issue}: 3\n"
      "{Pages}: 1000-1005\n"
      "{Keywords}: 嵌合抗原受体T细胞;急性淋巴细胞白血病;细胞因子释放综合征\n"
      "{Abstract}: 目的:观察CD19 CAR-T细胞治疗的疗效和安全性。\n"
      "{DOI}: 10.19746/j.cnki.issn.1009-2137.2020.03.045\n"
      "{Language}: chi\n"
      "{Database Provider}: 北京万方数据股份有限公司\n",
      Format::kNoteExpress, Source::kWanfang);
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.authors, (std::vector<std::string>{"王明", "陈晓红", "刘洋"}));
  EXPECT_EQ(a.doi, "10.19746/j.cnki.issn.1009-2137.2020.03.045");
  EXPECT_EQ(a.language, "chi");
  EXPECT_EQ(a.keywords.size(), 3u);
  EXPECT_EQ(a.source, Source::kWanfang);
  EXPECT_EQ(a.pages, "1000-1005");
}

TEST(CnkiEndNote, TaggedExportSetsCnkiSource) {
  ReadResult r = ReadAs(
      "%0 Journal Article\n"
      "%A 张三\n"
      "%A 李四\n"
      "%+ 北京大学人民医院血液科;\n"
      "%T 嵌合抗原受体T细胞治疗后细胞因子释放综合征的危险因素分析\n"
      "%J 中华血液学杂志\n"
      "%D 2022\n"
      "%V 43\n"
      "%N 02\n"
      "%K CAR-T;细胞因子释放综合征;危险因素\n"
      "%X 目的 分析CAR-T细胞治疗后CRS的危险因素。\n"
      "%P 120-126\n"
      "%@ 0253-2727\n"
      "%U https://kns.cnki.net/kcms/detail/detail.aspx?dbcode=CJFD&FileName=ZHXY202202006&DbName=CJFDLAST2022\n"
      "%R 10.3760/cma.j.issn.0253-2727.2022.02.006\n"
      "%W CNKI\n"
      "\n"
      "%0 Journal Article\n"
      "%T 第二篇\n"
      "%A 王五;赵六\n"
      "%W CNKI\n",
      Format::kEndNote);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 2u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.authors, (std::vector<std::string>{"张三", "李四"}));
  EXPECT_EQ(a.title, "嵌合抗原受体T细胞治疗后细胞因子释放综合征的危险因素分析");
  EXPECT_EQ(a.journal, "中华血液学杂志");
  EXPECT_EQ(a.year, 2022);
  EXPECT_EQ(a.volume, "43");
  EXPECT_EQ(a.issue, "02");
  EXPECT_EQ(a.pages, "120-126");
  EXPECT_EQ(a.keywords.size(), 3u);
  EXPECT_EQ(a.doi, "10.3760/cma.j.issn.0253-2727.2022.02.006");
  EXPECT_EQ(a.cnki_id, "ZHXY202202006");
  EXPECT_EQ(a.source, Source::kCnki);  // "%W CNKI" with Source::kOther
  EXPECT_EQ(a.language, "chi");
  EXPECT_EQ(r.records[1].authors, (std::vector<std::string>{"王五", "赵六"}));
}

TEST(CnkiRefWorks, TaggedExport) {
  ReadResult r = ReadAs(
      "RT Journal Article\n"
      "SR 1\n"
      "A1 孙七;周八;\n"
      "AD 中国医学科学院血液病医院;\n"
      "T1 CAR-T细胞治疗多发性骨髓瘤的研究进展\n"
      "JF 中国肿瘤临床\n"
      "YR 2021\n"
      "IS 05\n"
      "vo 48\n"
      "OP 225-230\n"
      "K1 多发性骨髓瘤;BCMA;CAR-T\n"
      "AB 多发性骨髓瘤是一种浆细胞恶性肿瘤。\n"
      "SN 1000-8179\n"
      "CN 12-1099/R\n"
      "LA 中文;\n"
      "DS CNKI\n"
      "LK https://kns.cnki.net/kcms/detail/detail.aspx?FileName=ZGZL202105003&DbName=CJFDLAST2021\n",
      Format::kRefWorks, Source::kCnki);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.authors, (std::vector<std::string>{"孙七", "周八"}));
  EXPECT_EQ(a.title, "CAR-T细胞治疗多发性骨髓瘤的研究进展");
  EXPECT_EQ(a.journal, "中国肿瘤临床");
  EXPECT_EQ(a.year, 2021);
  EXPECT_EQ(a.volume, "48");  // CNKI writes "vo" in lower case
  EXPECT_EQ(a.issue, "05");
  EXPECT_EQ(a.pages, "225-230");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"多发性骨髓瘤", "BCMA", "CAR-T"}));
  EXPECT_EQ(a.language, "chi");  // "中文;"
  EXPECT_EQ(a.cnki_id, "ZGZL202105003");
}

TEST(CnkiEStudy, TaggedExport) {
  ReadResult r = ReadAs(
      "DataType: 1\n"
      "Title-题名: 靶向CD19嵌合抗原受体T细胞治疗的不良反应及处理\n"
      "Author-作者: 吴九;郑十;\n"
      "Organ-单位: 浙江大学医学院附属第一医院;\n"
      "Source-刊名: 中华内科杂志\n"
      "Keyword-关键词: 嵌合抗原受体;不良反应;神经毒性;\n"
      "Summary-摘要: CAR-T细胞治疗的主要不良反应包括细胞因子释放综合征和神经毒性。\n"
      "PubTime-发表时间: 2020-06-01\n"
      "Year-年: 2020\n"
      "Volumn-卷: 59\n"
      "Period-期: 06\n"
      "PageCount-页码: 480-484\n"
      "\n"
      "DataType: 1\n"
      "Title-题名: \n"
      "Author-作者: 无名;\n",
      Format::kEStudy);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.authors, (std::vector<std::string>{"吴九", "郑十"}));
  EXPECT_EQ(a.journal, "中华内科杂志");
  EXPECT_EQ(a.year, 2020);
  EXPECT_EQ(a.month, 6);
  EXPECT_EQ(a.day, 1);
  EXPECT_EQ(a.volume, "59");
  EXPECT_EQ(a.issue, "06");
  EXPECT_EQ(a.pages, "480-484");
  EXPECT_EQ(a.keywords.size(), 3u);
  EXPECT_TRUE(a.abstract.starts_with("CAR-T细胞治疗"));
  EXPECT_EQ(a.language, "chi");
  ASSERT_EQ(r.issues.size(), 1u);  // the record with an empty title and no id
  EXPECT_EQ(r.issues[0].where, "t.txt:14");
}

}  // namespace
}  // namespace carta::biblio
