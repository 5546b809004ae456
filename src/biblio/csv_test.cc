// Tabular exports (csv.cc): samples written after each exporter's column
// names (Scopus, Web of Science tab-delimited, Lens, Embase CSV, ASReview).
#include <gtest/gtest.h>

#include "carta/biblio/read.h"
#include "carta/biblio/write.h"

namespace carta::biblio {
namespace {

ReadResult ReadCsvText(std::string_view text, std::vector<std::pair<std::string, std::string>> columns = {},
                       Format format = Format::kAuto) {
  ReadOptions options;
  options.name = "t.csv";
  options.columns = std::move(columns);
  return ReadText(text, format, options);
}

TEST(Csv, ScopusExportWithBomQuotedNewlinesAndAuthorIds) {
  const std::string text =
      "\xEF\xBB\xBF\"Authors\",\"Author full names\",\"Author(s) ID\",\"Title\",\"Year\",\"Source title\","
      "\"Volume\",\"Issue\",\"Art. No.\",\"Page start\",\"Page end\",\"DOI\",\"Link\",\"Abstract\","
      "\"Author Keywords\",\"ISSN\",\"PubMed ID\",\"Language of Original Document\",\"Document Type\","
      "\"Source\",\"EID\"\r\n"
      "\"Moreau C.; Tanaka H.\",\"Moreau, Claire (57190000001); Tanaka, Hiroshi (57190000002)\",\"1;2\","
      "\"Tocilizumab for cytokine release syndrome, a cohort\",\"2019\",\"Blood Advances\",\"3\",\"5\",\"\","
      "\"701\",\"710\",\"10.1000/carta.six.a\",\"https://www.scopus.com/inward/record.uri?eid=2-s2.0-1\","
      "\"First paragraph.\r\nSecond \"\"quoted\"\" paragraph.\",\"CAR-T; CRS\",\"24739121\",\"31000001\","
      "\"English\",\"Article\",\"Scopus\",\"2-s2.0-85060000001\"\r\n";
  EXPECT_EQ(DetectFormat(text), Format::kCsv);
  ReadResult r = ReadCsvText(text);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.title, "Tocilizumab for cytokine release syndrome, a cohort");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Moreau, Claire", "Tanaka, Hiroshi"}));
  EXPECT_EQ(a.abstract, "First paragraph.\nSecond \"quoted\" paragraph.");
  EXPECT_EQ(a.journal, "Blood Advances");
  EXPECT_EQ(a.pages, "701-710");
  EXPECT_EQ(a.year, 2019);
  EXPECT_EQ(a.doi, "10.1000/carta.six.a");
  EXPECT_EQ(a.pmid, "31000001");
  EXPECT_EQ(a.language, "eng");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"CAR-T", "CRS"}));
  EXPECT_EQ(a.source, Source::kScopus);
  EXPECT_EQ(a.origin, "t.csv:2");
}

TEST(Csv, OlderScopusAuthorsSeparatedByCommas) {
  ReadResult r = ReadCsvText("Authors,Title,Year,EID\n\"Moreau C., Tanaka H.\",T,2019,2-s2.0-1\n");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].authors, (std::vector<std::string>{"Moreau C.", "Tanaka H."}));
}

TEST(Csv, WebOfScienceTabDelimited) {
  const std::string text =
      "PT\tAU\tAF\tTI\tSO\tLA\tDT\tDE\tAB\tSN\tPY\tVL\tIS\tBP\tEP\tDI\tPM\tUT\n"
      "J\tMoreau, C; Tanaka, H\tMoreau, Claire; Tanaka, Hiroshi\tTocilizumab for CRS\tBLOOD ADVANCES\tEnglish\t"
      "Article\tCAR-T; CRS\tAn abstract.\t2473-9529\t2019\t3\t5\t701\t710\t10.1000/carta.six.a\t31000001\t"
      "WOS:000460000000001\n";
  EXPECT_EQ(DetectFormat(text), Format::kCsv);
  ReadResult r = ReadCsvText(text);
  ASSERT_EQ(r.records.size(), 1u) << (r.issues.empty() ? "" : r.issues[0].message);
  const Record& a = r.records[0];
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Moreau, Claire", "Tanaka, Hiroshi"}));
  EXPECT_EQ(a.journal, "BLOOD ADVANCES");
  EXPECT_EQ(a.pages, "701-710");
  EXPECT_EQ(a.pmid, "31000001");
  EXPECT_EQ(a.source, Source::kWos);
}

TEST(Csv, LensExport) {
  ReadResult r = ReadCsvText(
      "Lens ID,Title,Date Published,Publication Year,Publication Type,Source Title,ISSNs,Author/s,Abstract,"
      "Volume,Issue Number,Start Page,End Page,Keywords,MeSH Terms,PMID,DOI\n"
      "010-000-000-000-001,Tocilizumab for CRS,2019-03-12,2019,journal article,Blood Advances,24739529,"
      "Claire Moreau; Hiroshi Tanaka,An abstract.,3,5,701,710,CAR-T,Cytokine Release Syndrome; Humans,,"
      "10.1000/CARTA.SIX.A\n");
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.year, 2019);
  EXPECT_EQ(a.month, 3);
  EXPECT_EQ(a.day, 12);
  EXPECT_EQ(a.doi, "10.1000/carta.six.a");
  ASSERT_EQ(a.mesh.size(), 2u);
  EXPECT_EQ(a.mesh[1].descriptor, "Humans");
  EXPECT_EQ(a.publication_types, (std::vector<std::string>{"journal article"}));
  EXPECT_EQ(a.source, Source::kLens);
}

TEST(Csv, EmbaseExport) {
  ReadResult r = ReadCsvText(
      "Title,Author Names,Source title,Publication Year,Volume,Issue,First Page,Last Page,ISSN,Abstract,"
      "Embase Accession ID,Medline PMID,DOI,Language of Article,Publication Type\n"
      "Long-term outcomes of axicabtagene ciloleucel,Rossi G.,Haematologica,2021,106,,1200,1209,0390-6078,"
      "Abstract.,L627000003,,10.1000/carta.six.c,English,Article\n");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].authors, (std::vector<std::string>{"Rossi G."}));
  EXPECT_EQ(r.records[0].pages, "1200-1209");
  EXPECT_EQ(r.records[0].source, Source::kEmbase);
}

TEST(Csv, AsreviewExportIsAGenericTable) {
  ReadResult r = ReadCsvText(
      "record_id,title,abstract,authors,doi,keywords,year,included,asreview_ranking\n"
      "0,Tocilizumab for CRS,An abstract.,Moreau C; Tanaka H,10.1000/carta.six.a,CAR-T,2019,1,1\n"
      "1,Another,,,,,2020,0,2\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].authors, (std::vector<std::string>{"Moreau C", "Tanaka H"}));
  EXPECT_EQ(r.records[1].year, 2020);
  EXPECT_EQ(r.records[1].source, Source::kOther);
}

TEST(Csv, CartasOwnCsvReadsBack) {
  Record a;
  a.pmid = "31000001";
  a.doi = "10.1000/x";
  a.title = "Title, with comma and \"quotes\"";
  a.abstract = "Line one.\nLine two.";
  a.authors = {"Moreau, Claire", "张三"};
  a.journal = "Blood Advances";
  a.year = 2019;
  a.month = 3;
  a.mesh = {{"Cytokine Release Syndrome", true, {"drug therapy"}}};
  a.source = Source::kEmbase;
  const std::string csv = WriteRecords(OutputFormat::kCsv, {a});
  ASSERT_EQ(DetectFormat(csv), Format::kCsv);
  ReadResult r = ReadCsvText(csv);
  ASSERT_EQ(r.records.size(), 1u);
  const Record& b = r.records[0];
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.abstract, a.abstract);
  EXPECT_EQ(b.authors, a.authors);
  EXPECT_EQ(b.year, 2019);
  EXPECT_EQ(b.month, 3);
  ASSERT_EQ(b.mesh.size(), 1u);
  EXPECT_TRUE(b.mesh[0].major);
  EXPECT_EQ(b.mesh[0].qualifiers, (std::vector<std::string>{"drug therapy"}));
  EXPECT_EQ(b.source, Source::kEmbase);
}

TEST(Csv, ColumnMapNamesTheColumns) {
  const std::string text = "Article Title;Publication Year,Year,Digital Object\nA study,2018,10.1/abc\n";
  EXPECT_EQ(DetectFormat(text), Format::kUnknown);  // nothing says it is bibliographic
  ReadResult r = ReadCsvText(text, {{"title", "article title;publication year"}, {"doi", "Digital Object"}},
                             Format::kCsv);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].title, "A study");
  EXPECT_EQ(r.records[0].doi, "10.1/abc");
  EXPECT_EQ(r.records[0].year, 2018);  // "Year" is a known column all the same

  r = ReadCsvText(text, {{"titel", "Article Title"}}, Format::kCsv);
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.location().field, "columns");
  EXPECT_NE(r.status.message().find("unknown record field 'titel'"), std::string::npos) << r.status.message();
  r = ReadCsvText(text, {{"title", "Headline"}}, Format::kCsv);
  EXPECT_NE(r.status.message().find("t.csv:1: the header row has no column 'Headline'"), std::string::npos)
      << r.status.message();
  r = ReadCsvText(text, {}, Format::kCsv);
  EXPECT_NE(r.status.message().find("no title, DOI or PMID column"), std::string::npos) << r.status.message();
}

TEST(Csv, BadRowsAreSkippedWithTheirLine) {
  ReadResult r = ReadCsvText(
      "title,year\n"
      "Good,2019\n"
      "Too,many,fields,here\n"
      "Odd year,20199\n"
      "\"Never closed,2020\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].title, "Odd year");
  EXPECT_EQ(r.records[1].year, 0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].where, "t.csv:4");
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0].where, "t.csv:3");
  EXPECT_NE(r.issues[0].message.find("4 fields, the header 2"), std::string::npos);
  EXPECT_EQ(r.issues[1].where, "t.csv:5");
  EXPECT_NE(r.issues[1].message.find("never closed"), std::string::npos);
}

TEST(Csv, OtherFormatsAreNotTakenForTables) {
  EXPECT_EQ(DetectFormat("TY  - JOUR\nTI  - x, y\nER  - \n"), Format::kRis);
  EXPECT_EQ(DetectFormat("@article{k, title = {T}, year = {2019}}\n"), Format::kBibtex);
  EXPECT_EQ(DetectFormat("PMID- 1\nTI  - title, year\n"), Format::kMedline);
  EXPECT_EQ(DetectFormat("name,age\nann,3\n"), Format::kUnknown);
}

}  // namespace
}  // namespace carta::biblio
