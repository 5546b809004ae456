#include <gtest/gtest.h>

#include "carta/biblio/read.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

using testing::ReadFixtureFile;

ReadResult ReadRisText(std::string_view text, Source source = Source::kOther) {
  ReadOptions options;
  options.name = "t.ris";
  options.source = source;
  return ReadText(text, Format::kRis, options);
}

TEST(Ris, EmbaseWithBomSixRecords) {
  ReadResult r = ReadFixtureFile("asreview_embase.ris");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.issues.empty()) << r.issues[0].where << " " << r.issues[0].message;
  ASSERT_EQ(r.records.size(), 6u);
  const Record& a = r.records[0];  // the record behind the BOM
  EXPECT_EQ(a.title, "Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Liu R.", "Adler D.G."}));
  EXPECT_EQ(a.journal, "Endoscopic Ultrasound");  // JF before JO
  EXPECT_EQ(a.year, 2014);
  EXPECT_EQ(a.volume, "3");
  EXPECT_EQ(a.issue, "3");
  EXPECT_EQ(a.pages, "152-160");
  EXPECT_EQ(a.doi, "10.4103/2303-9027.138783");
  EXPECT_EQ(a.language, "eng");  // "English"
  EXPECT_EQ(a.keywords.size(), 22u);
  EXPECT_EQ(a.keywords[0], "article");
  EXPECT_EQ(a.publication_types, std::vector<std::string>{"Article"});  // M3
  EXPECT_TRUE(a.abstract.starts_with("Gastrointestinal tract duplication cysts are rare"));
  EXPECT_EQ(a.pmid, "");
  EXPECT_EQ(r.records[1].authors.size(), 7u);
  EXPECT_EQ(r.records[2].journal, "International Journal of Surgery Case Reports");
  EXPECT_EQ(r.records[2].keywords.size(), 45u);
  EXPECT_EQ(r.records[5].doi, "10.1089/cren.2017.0016");
}

TEST(Ris, ZoteroDatesWithEmptyParts) {
  ReadResult r = ReadFixtureFile("asreview_pubmed_zotero.ris");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 6u);
  EXPECT_EQ(r.records[0].year, 2019);
  EXPECT_EQ(r.records[0].month, 0);
  EXPECT_EQ(r.records[0].date_text, "2019///");
  EXPECT_EQ(r.records[1].month, 10);
  EXPECT_EQ(r.records[1].date_text, "2019/10//undefined");
  EXPECT_EQ(r.records[3].month, 7);
  EXPECT_EQ(r.records[3].day, 24);
  EXPECT_EQ(r.records[0].journal, "Przeglad gastroenterologiczny");  // T2
  EXPECT_EQ(r.records[0].authors[2], "Basinska, Malgorzata A.");
  EXPECT_EQ(r.records[2].pages, "e16881");
  EXPECT_EQ(r.records[2].doi, "10.1097/md.0000000000016881");
  EXPECT_EQ(r.records[2].keywords[2], "Colitis, Ulcerative/*therapy");
}

TEST(Ris, EndNoteUntaggedContinuationsAndPmidFromAn) {
  ReadResult r = ReadFixtureFile("asreview_pubmed_endnote.txt");
  ASSERT_TRUE(r.status.ok());
  EXPECT_TRUE(r.issues.empty());
  ASSERT_EQ(r.records.size(), 6u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.pmid, "21553931");  // AN with "DP - NLM"
  EXPECT_EQ(a.title,
            "Boswellia serrata: an overall assessment of in vitro, preclinical, pharmacokinetic and clinical data");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Abdel-Tawab, M.", "Werz, O.", "Schubert-Zsilavecz, M."}));
  ASSERT_EQ(a.keywords.size(), 10u);  // one KW line and nine untagged lines
  EXPECT_EQ(a.keywords[0], "Animals");
  EXPECT_EQ(a.keywords[1], "Anti-Inflammatory Agents/adverse effects/pharmacokinetics/*pharmacology");
  EXPECT_EQ(a.keywords[9], "Plant Extracts/adverse effects/pharmacokinetics/*pharmacology");
  EXPECT_EQ(a.year, 2011);
  EXPECT_EQ(a.month, 6);  // "DA - Jun" with "PY - 2011"
  EXPECT_EQ(a.date_text, "2011 Jun");
  EXPECT_EQ(a.pages, "349-69");
  EXPECT_EQ(a.journal, "Clin Pharmacokinet");
  EXPECT_EQ(r.records[1].pmid, "29459515");
  EXPECT_EQ(r.records[1].month, 3);
  EXPECT_EQ(r.records[1].day, 1);
  EXPECT_EQ(r.records[5].authors.size(), 17u);
}

TEST(Ris, CnkiSingleSpaceTagsAndCrlf) {
  ReadResult r = ReadRisText(
      "TY - JOUR\r\n"
      "AU - 张三\r\n"
      "AU - 李四\r\n"
      "T1 - 嵌合抗原受体T细胞治疗复发难治性弥漫大B细胞淋巴瘤的疗效分析\r\n"
      "JF - 中国实验血液学杂志\r\n"
      "PY - 2021\r\n"
      "KW - CAR-T;淋巴瘤;细胞因子释放综合征\r\n"
      "AB - 目的 探讨CAR-T细胞治疗的疗效。\r\n"
      "VL - 29\r\n"
      "IS - 03\r\n"
      "SP - 745\r\n"
      "EP - 750\r\n"
      "ER - \r\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.authors, (std::vector<std::string>{"张三", "李四"}));
  EXPECT_EQ(a.journal, "中国实验血液学杂志");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"CAR-T", "淋巴瘤", "细胞因子释放综合征"}));
  EXPECT_EQ(a.pages, "745-750");
  EXPECT_EQ(a.language, "chi");  // no LA: the title is mostly CJK
}

TEST(Ris, PmidOnlyWhenUnambiguous) {
  ReadResult r = ReadRisText(
      "TY  - JOUR\nTI  - Bare AN without a provider\nAN  - 12345\nER  - \n"
      "TY  - JOUR\nTI  - Tagged PMID\nID  - PMID: 678\nER  - \n"
      "TY  - JOUR\nTI  - Provider says PubMed\nDB  - PubMed\nAN  - 999\nER  - \n");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].pmid, "");  // could be CINAHL's accession number
  EXPECT_EQ(r.records[1].pmid, "678");
  EXPECT_EQ(r.records[2].pmid, "999");
  EXPECT_EQ(ReadRisText("TY  - JOUR\nTI  - x\nAN  - 12345\nER  -\n", Source::kPubMed).records[0].pmid, "12345");
}

TEST(Ris, MalformedRecordsAreSkippedAndReadingGoesOn) {
  ReadResult r = ReadRisText(
      "junk before\nmore junk\n"
      "TY  - JOUR\nAU  - Nobody\nER  - \n"
      "TY  - JOUR\nTI  - Bad \xff\xfe bytes\nER  - \n"
      "TY  - JOUR\nTI  - Bad date\nPY  - 2019/13/01\nER  - \n"
      "TY  - JOUR\nTI  - Good\nER  - \n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].title, "Bad date");
  EXPECT_EQ(r.records[0].year, 0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].where, "t.ris:9");
  EXPECT_NE(r.warnings[0].message.find("line 11: impossible date"), std::string::npos) << r.warnings[0].message;
  EXPECT_EQ(r.records[1].title, "Good");
  EXPECT_EQ(r.records[1].origin, "t.ris:13");
  ASSERT_EQ(r.issues.size(), 3u);
  EXPECT_EQ(r.issues[0].where, "t.ris:1");
  EXPECT_NE(r.issues[0].message.find("2 line(s) outside any record"), std::string::npos);
  EXPECT_EQ(r.issues[1].where, "t.ris:3");
  EXPECT_NE(r.issues[1].message.find("no title and no identifier"), std::string::npos);
  EXPECT_EQ(r.issues[2].where, "t.ris:6");
  EXPECT_NE(r.issues[2].message.find("not valid UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace carta::biblio
