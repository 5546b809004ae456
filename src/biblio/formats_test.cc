// Web of Science plain text, BibTeX, ERIC's MEDLINE-style exports, NLM's
// MedlineCitationSet, GB18030 and UTF-16 exports, and forced formats that
// find nothing. The hand-written samples follow the formats' published
// descriptions (Clarivate's field-tag list, the BibTeX manual, NLM's MEDLINE
// DTD); the encoded files are re-encodings of public fixtures (SOURCES.md).
#include <gtest/gtest.h>

#include "carta/biblio/read.h"
#include "encoding.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

ReadOptions Named(const std::string& name) {
  ReadOptions options;
  options.name = name;
  return options;
}


using testing::ReadFixture;

constexpr char kWos[] =
    "FN Clarivate Analytics Web of Science\n"
    "VR 1.0\n"
    "PT J\n"
    "AU Maude, SL\n"
    "   Laetsch, TW\n"
    "AF Maude, Shannon L.\n"
    "   Laetsch, Theodore W.\n"
    "TI Tisagenlecleucel in Children and Young Adults with B-Cell\n"
    "   Lymphoblastic Leukemia\n"
    "SO NEW ENGLAND JOURNAL OF MEDICINE\n"
    "LA English\n"
    "DT Article\n"
    "DE CAR-T; CD19; acute lymphoblastic leukemia\n"
    "AB Background In a single-cohort, 25-center, global phase 2 study...\n"
    "PY 2018\n"
    "VL 378\n"
    "IS 5\n"
    "BP 439\n"
    "EP 448\n"
    "DI 10.1056/NEJMoa1709866\n"
    "PM 29385370\n"
    "UT WOS:000423637300007\n"
    "ER\n"
    "\n"
    "PT J\n"
    "AU Neelapu, SS\n"
    "TI Axicabtagene Ciloleucel CAR T-Cell Therapy in Refractory Large B-Cell Lymphoma\n"
    "SO NEW ENGLAND JOURNAL OF MEDICINE\n"
    "PY 2017\n"
    "DI 10.1056/NEJMoa1707447\n"
    "ER\n"
    "\n"
    "EF\n";

TEST(BiblioWos, ReadsRecordsAuthorsAndContinuations) {
  EXPECT_EQ(DetectFormat(kWos), Format::kWos);
  ReadResult r = ReadText(kWos, Format::kAuto, Named("savedrecs.txt"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.issues.empty()) << r.issues[0].where << " " << r.issues[0].message;
  ASSERT_EQ(r.records.size(), 2u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.title, "Tisagenlecleucel in Children and Young Adults with B-Cell Lymphoblastic Leukemia");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Maude, Shannon L.", "Laetsch, Theodore W."}));
  EXPECT_EQ(a.journal, "NEW ENGLAND JOURNAL OF MEDICINE");
  EXPECT_EQ(a.year, 2018);
  EXPECT_EQ(a.volume, "378");
  EXPECT_EQ(a.issue, "5");
  EXPECT_EQ(a.pages, "439-448");
  EXPECT_EQ(a.doi, "10.1056/nejmoa1709866");
  EXPECT_EQ(a.pmid, "29385370");
  EXPECT_EQ(a.language, "eng");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"CAR-T", "CD19", "acute lymphoblastic leukemia"}));
  EXPECT_EQ(a.origin, "savedrecs.txt:3");
  EXPECT_EQ(r.records[1].authors, std::vector<std::string>{"Neelapu, SS"});
}

constexpr char kBibtex[] =
    "% Scopus export\n"
    "@string{nejm = \"New England Journal of Medicine\"}\n"
    "@ARTICLE{Maude2018439,\n"
    "  author = {Maude, Shannon L. and Laetsch, Theodore W. and Buechner, Jochen},\n"
    "  title = {{Tisagenlecleucel} in children and young adults with {B}-cell lymphoblastic leukemia},\n"
    "  journal = nejm,\n"
    "  year = {2018},\n"
    "  month = feb,\n"
    "  volume = {378},\n"
    "  number = {5},\n"
    "  pages = {439--448},\n"
    "  doi = {10.1056/NEJMoa1709866},\n"
    "  author_keywords = {CAR-T; CD19},\n"
    "  pubmed_id = {29385370},\n"
    "  document_type = {Article},\n"
    "  source = {Scopus}\n"
    "}\n"
    "\n"
    "@article{broken,\n"
    "  title = {never closed,\n"
    "\n"
    "@inproceedings{Sch2020,\n"
    "  author = \"J{\\\"o}rg Sch{\\\"u}tz and Fran{\\c{c}}ois M\\'{e}nard and {World Health Organization}\",\n"
    "  title = \"Outcomes \" # \"of CAR-T\",\n"
    "  booktitle = {Proceedings of ASH},\n"
    "  year = 2020\n"
    "}\n"
    "@comment{ignored {entirely}}\n";

TEST(BiblioBibtex, ReadsEntriesMacrosAccentsAndSkipsABrokenOne) {
  EXPECT_EQ(DetectFormat(kBibtex), Format::kBibtex);
  ReadResult r = ReadText(kBibtex, Format::kAuto, Named("scopus.bib"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 2u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.title, "Tisagenlecleucel in children and young adults with B-cell lymphoblastic leukemia");
  EXPECT_EQ(a.authors,
            (std::vector<std::string>{"Maude, Shannon L.", "Laetsch, Theodore W.", "Buechner, Jochen"}));
  EXPECT_EQ(a.journal, "New England Journal of Medicine");
  EXPECT_EQ(a.year, 2018);
  EXPECT_EQ(a.month, 2);
  EXPECT_EQ(a.pages, "439-448");
  EXPECT_EQ(a.doi, "10.1056/nejmoa1709866");
  EXPECT_EQ(a.pmid, "29385370");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"CAR-T", "CD19"}));
  EXPECT_EQ(a.publication_types, std::vector<std::string>{"Article"});
  EXPECT_EQ(a.origin, "scopus.bib:3");
  const Record& b = r.records[1];
  EXPECT_EQ(b.authors,
            (std::vector<std::string>{"Schütz, Jörg", "Ménard, François", "World Health Organization"}));
  EXPECT_EQ(b.title, "Outcomes of CAR-T");
  EXPECT_EQ(b.journal, "Proceedings of ASH");
  EXPECT_EQ(b.year, 2020);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].where, "scopus.bib:19");
  EXPECT_NE(r.issues[0].message.find("never closed"), std::string::npos) << r.issues[0].message;
}

TEST(BiblioBibtex, HostileInputEndsCleanly) {
  for (const char* text : {"@", "@article", "@article{", "@article{k, title = {{{{", "@article{k, = }",
                           "@string{a = b # c # }", "@article{k, title = \"x}"}) {
    ReadResult r = ReadText(text, Format::kBibtex);
    EXPECT_TRUE(r.records.empty()) << text;
  }
  std::string deep = "@article{k, title = {" + std::string(100, '{') + "x" + std::string(100, '}') + "}}\n";
  ReadResult r = ReadText(deep, Format::kBibtex);
  EXPECT_TRUE(r.records.empty());
  ASSERT_EQ(r.issues.size(), 1u);
}

// ERIC's .nbib: MEDLINE tags, no PMID, records that open with "OWN - ERIC"
// and, here, no blank line between them.
constexpr char kEric[] =
    "OWN - ERIC\n"
    "TI  - How Trust Leads to Commitment\n"
    "AU  - Guo, Wenbo\n"
    "DP  - 2021\n"
    "OWN - ERIC\n"
    "TI  - A Second Record\n"
    "DP  - 2020\n"
    "OWN - ERIC\n"
    "TI  - A Third Record\n"
    "DP  - 2019\n";

TEST(BiblioMedline, EricRecordsWithoutPmidsStaySeparate) {
  EXPECT_EQ(DetectFormat(kEric), Format::kMedline);
  for (Format f : {Format::kAuto, Format::kMedline}) {
    ReadResult r = ReadText(kEric, f);
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_EQ(r.records[0].title, "How Trust Leads to Commitment");
    EXPECT_EQ(r.records[2].title, "A Third Record");
    EXPECT_EQ(r.records[2].year, 2019);
  }
}

TEST(BiblioMedline, PubmedRecordsKeepTheirOwnLine) {
  ReadResult r = ReadText(ReadFixture("biopython_pubmed_result2.txt"), Format::kMedline);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.records.size(), 4u);
}

TEST(BiblioPubmedXml, ReadsTheOldMedlineCitationSet) {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE MedlineCitationSet PUBLIC \"-//NLM//DTD Medline Citation, 1st "
      "January, 2016//EN\" \"http://www.nlm.nih.gov/databases/dtd/nlmmedlinecitationset_160101.dtd\">\n"
      "<MedlineCitationSet>\n"
      "<MedlineCitation Owner=\"NLM\" Status=\"MEDLINE\"><PMID Version=\"1\">11</PMID><Article>"
      "<Journal><JournalIssue><PubDate><Year>1999</Year></PubDate></JournalIssue><Title>Blood</Title></Journal>"
      "<ArticleTitle>First.</ArticleTitle></Article></MedlineCitation>\n"
      "<MedlineCitation Owner=\"NLM\" Status=\"MEDLINE\"><PMID Version=\"1\">12</PMID><Article>"
      "<ArticleTitle>Second.</ArticleTitle></Article></MedlineCitation>\n"
      "</MedlineCitationSet>\n";
  EXPECT_EQ(DetectFormat(xml), Format::kPubmedXml);
  ReadResult r = ReadText(xml, Format::kAuto);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].pmid, "11");
  EXPECT_EQ(r.records[0].journal, "Blood");
  EXPECT_EQ(r.records[1].title, "Second.");
}

void ExpectSameRecords(const ReadResult& a, const ReadResult& b) {
  ASSERT_TRUE(a.status.ok()) << a.status.ToString();
  ASSERT_TRUE(b.status.ok()) << b.status.ToString();
  ASSERT_EQ(a.records.size(), b.records.size());
  ASSERT_FALSE(a.records.empty());
  for (size_t i = 0; i < a.records.size(); ++i) {
    EXPECT_EQ(a.records[i].title, b.records[i].title);
    EXPECT_EQ(a.records[i].authors, b.records[i].authors);
    EXPECT_EQ(a.records[i].abstract, b.records[i].abstract);
    EXPECT_EQ(a.records[i].journal, b.records[i].journal);
  }
}

TEST(BiblioEncoding, Gb18030ExportReadsAsItsUtf8Original) {
  const std::string gb = ReadFixture("CNKI_2_BibTeX_mixed.gb18030.net");
  EXPECT_EQ(DetectEncoding(gb), TextEncoding::kGb18030);
  ExpectSameRecords(ReadText(gb, Format::kAuto), ReadText(ReadFixture("CNKI_2_BibTeX_mixed.net"), Format::kAuto));
  ExpectSameRecords(ReadText(gb, Format::kNoteExpress),
                    ReadText(ReadFixture("CNKI_2_BibTeX_mixed.net"), Format::kNoteExpress));
}

TEST(BiblioEncoding, Utf16ExportReadsAsItsUtf8Original) {
  const std::string utf16 = ReadFixture("asreview_embase.utf16le.ris");
  EXPECT_EQ(DetectEncoding(utf16), TextEncoding::kUtf16Le);
  ExpectSameRecords(ReadText(utf16, Format::kAuto), ReadText(ReadFixture("asreview_embase.ris"), Format::kAuto));
  // Without its byte-order mark, the NUL bytes give it away.
  EXPECT_EQ(DetectEncoding(utf16.substr(2)), TextEncoding::kUtf16Le);
  std::string big_endian = utf16.substr(2, 64);
  for (size_t i = 0; i + 1 < big_endian.size(); i += 2) std::swap(big_endian[i], big_endian[i + 1]);
  EXPECT_EQ(DetectEncoding(big_endian), TextEncoding::kUtf16Be);
}

TEST(BiblioEncoding, Utf8AndJunkAreNotDecoded) {
  EXPECT_EQ(DetectEncoding("TY  - JOUR\nT1  - 标题\n"), TextEncoding::kUtf8);
  EXPECT_EQ(DetectEncoding("TY  - JOUR\nT1  - x\xff\xff\xff\xff y\n"), TextEncoding::kUtf8);
  // A Chinese character cut at the end of the detection window is still UTF-8.
  EXPECT_EQ(DetectEncoding(std::string("TY  - JOUR\nT1  - ") + "\xe6\xa0"), TextEncoding::kUtf8);
}

TEST(BiblioEncoding, AGbkFileWithABadByteSaysWhere) {
  std::string gb = ReadFixture("CNKI_2_BibTeX_mixed.gb18030.net");
  gb += "{Title}: \x81\x20 broken\n";  // 0x81 needs a trail byte of 0x30-0x39 or 0x40-0xfe
  ReadResult r = ReadText(gb, Format::kAuto, Named("wanfang.net"));
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("wanfang.net: byte"), std::string::npos) << r.status.message();
  EXPECT_NE(r.status.message().find("GB18030"), std::string::npos);
}

TEST(BiblioForcedFormat, NothingReadFromAFileWithContentIsAnError) {
  const std::string ris = ReadFixture("asreview_embase.ris");
  ReadResult r = ReadText(ris, Format::kMedline, Named("embase.ris"));
  ASSERT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.message(),
            "embase.ris: read as medline, the file holds no record of that format; it looks like ris");
  EXPECT_EQ(r.status.location().field, "format");
  // Forcing the right format, or an empty file, is fine.
  EXPECT_TRUE(ReadText(ris, Format::kRis).status.ok());
  EXPECT_TRUE(ReadText("\n\n", Format::kRis).status.ok());
}

}  // namespace
}  // namespace carta::biblio

namespace carta::biblio {
namespace {

TEST(CnkiFixes, RefWorksValueJoinedToItsTag) {
  ReadResult r = ReadText("RT Journal Article\nA1林行众;王五\nT1 CAR-T细胞治疗\nDS CNKI\n", Format::kRefWorks);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].authors, (std::vector<std::string>{"林行众", "王五"}));
  EXPECT_EQ(r.records[0].title, "CAR-T细胞治疗");
}

TEST(CnkiFixes, NoteExpressFullWidthColon) {
  ReadResult r = ReadText(
      "{Reference Type}: Journal Article\n{Title}: 标题\n{Abstract}：摘要的内容\n{Author}: 张三\n",
      Format::kNoteExpress);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].abstract, "摘要的内容");
}

TEST(CnkiFixes, EStudyPageRangeVolumeAndLink) {
  ReadResult r = ReadText(
      "DataType: 1\nTitle-题名: 标题\nAuthor-作者: 张三;\nRoll-卷: 41\nPeriod-期: 3\nPageCount-页数: 5\n"
      "Page-页码: 201-205\nLink-链接: https://kns.cnki.net/KCMS/detail/detail.aspx?dbname=CJFD&FileName=ZGZL202301005\n",
      Format::kEStudy);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].volume, "41");
  EXPECT_EQ(r.records[0].pages, "201-205");
  EXPECT_EQ(r.records[0].cnki_id, "ZGZL202301005");
}

TEST(RisFixes, ShortTitleJournalOrderAndHtml) {
  ReadResult r = ReadText(
      "TY  - JOUR\nST  - Only a short title\nER  - \n"
      "TY  - JOUR\nTI  - Main\nT2  - Titre traduit\nJO  - Blood\nER  - \n"
      "TY  - JOUR\nTI  - CD19 <i>in vivo</i> and IL-6 <10 pg/mL<sup>a</sup>\nER  - \n",
      Format::kRis);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].title, "Only a short title");
  EXPECT_EQ(r.records[1].journal, "Blood");
  EXPECT_EQ(r.records[2].title, "CD19 in vivo and IL-6 <10 pg/mLa");
}

}  // namespace
}  // namespace carta::biblio
