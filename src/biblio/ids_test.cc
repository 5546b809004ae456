// Issue 13: identifiers kept for de-duplication where the DOI is missing,
// ISSNs, translated titles, record types, electronic dates, and MeSH through
// RIS. Inputs are written after each exporter's documented tags (doc/biblio.md).
#include <gtest/gtest.h>

#include "carta/biblio/read.h"
#include "carta/biblio/write.h"
#include "fields.h"

namespace carta::biblio {
namespace {

// The one record read (a copy: the ReadResult is a temporary of the caller's expression).
Record Only(const ReadResult& r) {
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.records.size(), 1u);
  return r.records.empty() ? Record() : r.records[0];
}

TEST(BiblioIds, RecordTypeFromExportWords) {
  EXPECT_EQ(RecordTypeFromText("JOUR"), "journal_article");
  EXPECT_EQ(RecordTypeFromText("Journal Article"), "journal_article");
  EXPECT_EQ(RecordTypeFromText("THES"), "thesis");
  EXPECT_EQ(RecordTypeFromText("Dissertation/Thesis"), "thesis");
  EXPECT_EQ(RecordTypeFromText("硕士学位论文"), "thesis");
  EXPECT_EQ(RecordTypeFromText("Newspaper Article"), "newspaper");
  EXPECT_EQ(RecordTypeFromText("STAND"), "standard");
  EXPECT_EQ(RecordTypeFromText("Conference Abstract"), "conference_abstract");
  EXPECT_EQ(RecordTypeFromText("Meeting Abstract"), "conference_abstract");
  EXPECT_EQ(RecordTypeFromText("Proceedings Paper"), "conference_paper");
  EXPECT_EQ(RecordTypeFromText("Book Section"), "book_chapter");
  EXPECT_EQ(RecordTypeFromText("P"), "patent");  // Web of Science PT P
  // Publication types that hold a type word by chance name no type.
  EXPECT_EQ(RecordTypeFromText("Hypothesis"), "");
  EXPECT_EQ(RecordTypeFromText("Case Reports"), "");
  EXPECT_EQ(RecordTypeFromText("Book Review"), "");
  EXPECT_EQ(RecordTypeFromText(""), "");
}

TEST(BiblioIds, EmbaseRisKeepsAccessionPmidIssnAndConferenceAbstract) {
  const Record& r = Only(ReadText(
      "TY  - JOUR\n"
      "M3  - Conference Abstract\n"
      "T1  - Duplication cysts\n"
      "SN  - 2226-7190\n"
      "SN  - 2226-7190\n"
      "UR  - http://www.embase.com/search/results?subaction=viewrecord&from=export&id=L373791783\n"
      "U2  - L373791783\n"
      "C5  - 15368318\n"
      "DB  - Embase\n"
      "ER  - \n",
      Format::kRis));
  EXPECT_EQ(r.source, Source::kEmbase);
  EXPECT_EQ(r.pmid, "15368318");
  EXPECT_EQ(DatabaseIdOf(r, "embase"), "L373791783");
  EXPECT_EQ(r.issns, std::vector<std::string>{"2226-7190"});
  EXPECT_EQ(r.record_type, "conference_abstract");
}

TEST(BiblioIds, C5IsAPmidOnlyInEmbaseExports) {
  const Record& r = Only(ReadText("TY  - JOUR\nTI  - T\nC5  - 15368318\nER  - \n", Format::kRis));
  EXPECT_EQ(r.pmid, "");
}

TEST(BiblioIds, ScopusEidFromItsRecordLink) {
  const Record& r = Only(ReadText(
      "TY  - JOUR\nTI  - T\n"
      "UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85012345678&partnerID=40&md5=abc\n"
      "ER  - \n",
      Format::kRis));
  EXPECT_EQ(r.source, Source::kScopus);
  EXPECT_EQ(DatabaseIdOf(r, "scopus"), "2-s2.0-85012345678");
}

TEST(BiblioIds, WebOfScienceAccessionIssnsEarlyAccessAndTypes) {
  const Record& r = Only(ReadText(
      "FN Clarivate Analytics Web of Science\nVR 1.0\n"
      "PT J\nAU Neelapu, SS\nTI Axicabtagene\nSO NEW ENGLAND JOURNAL OF MEDICINE\n"
      "DT Meeting Abstract\nSN 0028-4793\nEI 1533-4406\nEA DEC 2017\nPY 2018\n"
      "UT WOS:000423637300007\nER\n\nEF\n",
      Format::kWos));
  EXPECT_EQ(DatabaseIdOf(r, "wos"), "000423637300007");
  EXPECT_EQ(r.issns, (std::vector<std::string>{"0028-4793", "1533-4406"}));
  EXPECT_EQ(r.epub_year, 2017);
  EXPECT_EQ(r.epub_month, 12);
  EXPECT_EQ(r.year, 2018);
  EXPECT_EQ(r.record_type, "conference_abstract");  // PT J refined by DT
}

TEST(BiblioIds, WanfangAndCnkiLinksAndNoteExpressAccession) {
  ReadResult r = ReadText(
      "{Reference Type}: Thesis\n{Title}: 万方记录\n{ISBN/ISSN}: 1009-5896\n"
      "{URL}: https://d.wanfangdata.com.cn/thesis/Y3712345\n{Database Provider}: 万方数据\n\n"
      "{Reference Type}: Journal Article\n{Title}: 知网记录\n"
      "{URL}: http://www.cnki.com.cn/Article/CJFDTOTAL-ZGZL202301005.htm\n\n"
      "{Reference Type}: Newspaper Article\n{Title}: 报纸记录\n{Accession Number}: RMRB20230101001\n"
      "{Database Provider}: CNKI\n{Translated Title}: A newspaper record\n",
      Format::kNoteExpress);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(DatabaseIdOf(r.records[0], "wanfang"), "thesis/Y3712345");
  EXPECT_EQ(r.records[0].issns, std::vector<std::string>{"1009-5896"});
  EXPECT_EQ(r.records[0].record_type, "thesis");
  EXPECT_EQ(r.records[1].cnki_id, "ZGZL202301005");
  EXPECT_EQ(r.records[1].record_type, "journal_article");
  EXPECT_EQ(r.records[2].cnki_id, "RMRB20230101001");
  EXPECT_EQ(r.records[2].record_type, "newspaper");
  EXPECT_EQ(r.records[2].translated_title, "A newspaper record");
}

// A CNKI id comes only from a link on CNKI's host, the host that also makes
// the source CNKI, so the id and the source come back together from RIS.
TEST(BiblioIds, ACnkiIdComesOnlyFromALinkOnCnkisHost) {
  ReadResult r = ReadText(
      "%0 Journal Article\n%T 有效链接\n%U https://kns.cnki.net/kcms/detail/detail.aspx?dbcode=CJFD&FileName=ZHXY202202006\n\n"
      "%0 Journal Article\n%T 错误链接\n%U https::/kns.cnki.net/kcms/detail/detail.aspx?FileName=ZHXY202202007\n",
      Format::kEndNote);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].cnki_id, "ZHXY202202006");
  EXPECT_EQ(r.records[0].source, Source::kCnki);
  EXPECT_EQ(r.records[1].cnki_id, "");  // "https::/" names no host
  ReadResult accession = ReadText(
      "%0 Journal Article\n%T 编号\n%W CNKI\n%M ZGZL202301005\n\n%0 Journal Article\n%T 坏编号\n%W CNKI\n%M KNKI 8034\n",
      Format::kEndNote);
  ASSERT_EQ(accession.records.size(), 2u);
  EXPECT_EQ(accession.records[0].cnki_id, "ZGZL202301005");
  EXPECT_EQ(accession.records[1].cnki_id, "");  // not in CNKI's form: it would not come back from RIS's link
  for (Record& written : r.records) {
    written.origin.clear();
    ReadResult back = ReadText(WriteRecords(OutputFormat::kRis, {written}), Format::kRis);
    ASSERT_EQ(back.records.size(), 1u);
    EXPECT_EQ(back.records[0].cnki_id, written.cnki_id);
    EXPECT_EQ(back.records[0].source, written.source);
  }
}

TEST(BiblioIds, TranslatedTitlesFromRisTtAndEbscoT2) {
  ReadResult r = ReadText(
      "TY  - JOUR\nTI  - Titre\nTT  - Title\nER  - \n"
      "TY  - JOUR\nTI  - Tytul\nT2  - Translated title\nJO  - Przeglad\nDP  - EBSCOhost\nER  - \n"
      "TY  - JOUR\nTI  - Zotero title\nT2  - Blood\nJO  - Blood Journal\nER  - \n",
      Format::kRis);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].translated_title, "Title");
  EXPECT_EQ(r.records[1].translated_title, "Translated title");
  EXPECT_EQ(r.records[1].journal, "Przeglad");
  EXPECT_EQ(r.records[2].translated_title, "");  // not EBSCO: T2 is a journal name
}

TEST(BiblioIds, MedlineIssnElectronicDateAndTransliteratedTitle) {
  const Record& r = Only(ReadText(
      "PMID- 31000001\nTI  - [Title in English].\nTT  - Titel auf Deutsch.\n"
      "IS  - 0008-543X (Print)\nIS  - 1097-0142 (Electronic)\nDP  - 2020 Mar\nDEP - 20191115\n",
      Format::kMedline));
  EXPECT_EQ(r.issns, (std::vector<std::string>{"0008-543X", "1097-0142"}));
  EXPECT_EQ(r.translated_title, "Titel auf Deutsch.");
  EXPECT_EQ(r.year, 2020);
  EXPECT_EQ(r.epub_year, 2019);
  EXPECT_EQ(r.epub_month, 11);
  EXPECT_EQ(r.epub_day, 15);
}

TEST(BiblioIds, PubmedXmlArticleDateIssnAndVernacularTitle) {
  const Record& r = Only(ReadText(
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
      "<Journal><ISSN IssnType=\"Electronic\">1097-0142</ISSN><JournalIssue><PubDate><Year>2020</Year>"
      "<Month>Mar</Month></PubDate></JournalIssue><Title>Cancer</Title></Journal>"
      "<ArticleTitle>T</ArticleTitle><VernacularTitle>Titre</VernacularTitle>"
      "<ArticleDate DateType=\"Electronic\"><Year>2019</Year><Month>11</Month><Day>15</Day></ArticleDate>"
      "<PublicationTypeList><PublicationType>Journal Article</PublicationType></PublicationTypeList>"
      "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
      Format::kPubmedXml));
  EXPECT_EQ(r.issns, std::vector<std::string>{"1097-0142"});
  EXPECT_EQ(r.translated_title, "Titre");
  EXPECT_EQ(r.year, 2020);
  EXPECT_EQ(r.month, 3);
  EXPECT_EQ(r.epub_year, 2019);
  EXPECT_EQ(r.epub_month, 11);
  EXPECT_EQ(r.epub_day, 15);
  EXPECT_EQ(r.record_type, "journal_article");
}

TEST(BiblioIds, CsvExportersIdColumns) {
  ReadResult scopus = ReadText(
      "Authors,Title,Year,Source title,ISSN,EID\n"
      "\"Moreau C.\",\"A title\",2020,\"Blood\",00064971,2-s2.0-85000000001\n",
      Format::kCsv);
  ASSERT_EQ(scopus.records.size(), 1u);
  EXPECT_EQ(DatabaseIdOf(scopus.records[0], "scopus"), "2-s2.0-85000000001");
  EXPECT_EQ(scopus.records[0].issns, std::vector<std::string>{"0006-4971"});
  ReadResult wos = ReadText("PT\tAU\tTI\tPY\tUT\tEA\nJ\tSmith, J\tA title\t2020\tWOS:000460000000001\tJAN 2019\n",
                            Format::kCsv);
  ASSERT_EQ(wos.records.size(), 1u);
  EXPECT_EQ(DatabaseIdOf(wos.records[0], "wos"), "000460000000001");
  EXPECT_EQ(wos.records[0].record_type, "journal_article");
  EXPECT_EQ(wos.records[0].epub_year, 2019);
}

Record FullRecord() {
  Record r;
  r.pmid = "123";
  r.doi = "10.1/x";
  r.database_ids = {{"embase", "L1"}, {"scopus", "2-s2.0-1"}, {"wos", "000460000000001"},
                    {"wanfang", "periodical/zgzl202301005"}};
  r.issns = {"0008-543X", "1097-0142"};
  r.title = "A title";
  r.translated_title = "Un titre";
  r.record_type = "conference_abstract";
  r.year = 2020, r.month = 3;
  r.epub_year = 2019, r.epub_month = 11, r.epub_day = 15;
  r.keywords = {"car t"};
  r.mesh = {{"Lymphoma, Large B-Cell, Diffuse", true, {"therapy"}}, {"Humans", false, {}}};
  r.source = Source::kEmbase;
  return r;
}

TEST(BiblioIds, JsonCodecKeepsTheNewFieldsAndReadsOlderRecords) {
  const Record r = FullRecord();
  auto back = RecordFromJson(RecordToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->database_ids, r.database_ids);
  EXPECT_EQ(back->issns, r.issns);
  EXPECT_EQ(back->translated_title, "Un titre");
  EXPECT_EQ(back->record_type, "conference_abstract");
  EXPECT_EQ(back->epub_year, 2019);
  EXPECT_EQ(back->epub_day, 15);
  // A record stored before these keys existed.
  auto old = RecordFromJson(
      R"({"pmid":"1","doi":"","cnki_id":"","title":"T","abstract":"","authors":[],"journal":"","volume":"",)"
      R"("issue":"","pages":"","year":2019,"month":null,"day":null,"date_text":"2019","language":"",)"
      R"("keywords":[],"mesh":[],"publication_types":[],"source":"pubmed","origin":"f:1"})");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_TRUE(old->database_ids.empty());
  EXPECT_EQ(old->epub_year, 0);
  EXPECT_EQ(old->record_type, "");
}

TEST(BiblioIds, RisExportReadsBackIdsTypeAndMeshAsMesh) {
  const Record r = FullRecord();
  const std::string ris = WriteRecords(OutputFormat::kRis, {r});
  EXPECT_NE(ris.find("TY  - ABST\n"), std::string::npos);
  EXPECT_NE(ris.find("KW  - MeSH: *Lymphoma, Large B-Cell, Diffuse/therapy\n"), std::string::npos);
  const Record& back = Only(ReadText(ris, Format::kRis));
  EXPECT_EQ(back.keywords, r.keywords);  // MeSH did not become keywords
  ASSERT_EQ(back.mesh.size(), 2u);
  EXPECT_EQ(back.mesh[0].descriptor, "Lymphoma, Large B-Cell, Diffuse");
  EXPECT_TRUE(back.mesh[0].major);
  EXPECT_EQ(back.mesh[0].qualifiers, std::vector<std::string>{"therapy"});
  EXPECT_EQ(back.mesh[1].descriptor, "Humans");
  EXPECT_FALSE(back.mesh[1].major);
  EXPECT_EQ(back.database_ids, r.database_ids);
  EXPECT_EQ(back.issns, r.issns);
  EXPECT_EQ(back.translated_title, r.translated_title);
  EXPECT_EQ(back.record_type, r.record_type);
  EXPECT_EQ(back.pmid, "123");
}

TEST(BiblioIds, CsvExportReadsBack) {
  const Record r = FullRecord();
  const Record& back = Only(ReadText(WriteRecords(OutputFormat::kCsv, {r}), Format::kCsv));
  EXPECT_EQ(back.database_ids, r.database_ids);
  EXPECT_EQ(back.issns, r.issns);
  EXPECT_EQ(back.translated_title, r.translated_title);
  EXPECT_EQ(back.record_type, r.record_type);
  EXPECT_EQ(back.epub_year, 2019);
  EXPECT_EQ(back.epub_month, 11);
  EXPECT_EQ(back.epub_day, 15);
  EXPECT_EQ(back.mesh.size(), 2u);
}

}  // namespace
}  // namespace carta::biblio
