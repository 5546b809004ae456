#include "carta/biblio/write.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "carta/biblio/read.h"
#include "carta/core/csv.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

using testing::ReadFixture;

// Every Record field that RIS carries must survive RIS -> Record -> RIS -> Record.
void ExpectSameRisFields(const Record& a, const Record& b) {
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.authors, b.authors);
  EXPECT_EQ(a.journal, b.journal);
  EXPECT_EQ(a.year, b.year);
  EXPECT_EQ(a.month, b.month);
  EXPECT_EQ(a.day, b.day);
  EXPECT_EQ(a.volume, b.volume);
  EXPECT_EQ(a.issue, b.issue);
  EXPECT_EQ(a.pages, b.pages);
  EXPECT_EQ(a.doi, b.doi);
  EXPECT_EQ(a.abstract, b.abstract);
  EXPECT_EQ(a.keywords, b.keywords);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.publication_types, b.publication_types);
  EXPECT_EQ(a.pmid, b.pmid);
  EXPECT_EQ(a.cnki_id, b.cnki_id);
}

TEST(BiblioWrite, RisRoundTripPreservesEveryRisField) {
  for (const char* name : {"asreview_embase.ris", "asreview_pubmed_zotero.ris", "asreview_pubmed_endnote.txt"}) {
    ReadResult first = ReadText(ReadFixture(name), Format::kRis);
    ASSERT_EQ(first.records.size(), 6u) << name;
    std::string ris = WriteRecords(OutputFormat::kRis, first.records);
    ReadResult second = ReadText(ris, Format::kRis);
    ASSERT_TRUE(second.issues.empty()) << name << ": " << second.issues[0].message;
    ASSERT_EQ(second.records.size(), first.records.size()) << name;
    for (size_t i = 0; i < first.records.size(); ++i) {
      SCOPED_TRACE(std::string(name) + " record " + std::to_string(i));
      ExpectSameRisFields(first.records[i], second.records[i]);
      EXPECT_EQ(first.records[i].date_text, second.records[i].date_text);
    }
  }
}

TEST(BiblioWrite, RisRoundTripOfChineseAndStructuredRecords) {
  Record r;
  r.title = "嵌合抗原受体T细胞治疗";
  r.authors = {"张三", "李四"};
  r.abstract = "目的: 观察疗效。\n方法: 回顾性分析。";
  r.cnki_id = "ZGZL202301005";
  r.pmid = "31000001";
  r.year = 2023, r.month = 1, r.day = 5;
  r.pages = "1-9";
  r.language = "chi";
  ReadResult back = ReadText(WriteRecords(OutputFormat::kRis, {r}), Format::kRis);
  ASSERT_EQ(back.records.size(), 1u);
  ExpectSameRisFields(r, back.records[0]);
  EXPECT_EQ(back.records[0].source, Source::kCnki);  // no source written: the CNKI link says CNKI
  // The source is written as DB and read back; the CNKI id survives a record of another source.
  for (Source s : kAllSources) {
    if (s == Source::kOther) continue;
    r.source = s;
    back = ReadText(WriteRecords(OutputFormat::kRis, {r}), Format::kRis);
    ASSERT_EQ(back.records.size(), 1u);
    EXPECT_EQ(back.records[0].source, s) << SourceName(s);
    EXPECT_EQ(back.records[0].cnki_id, r.cnki_id) << SourceName(s);
    EXPECT_EQ(back.records[0].pmid, r.pmid) << SourceName(s);
  }
}

TEST(BiblioWrite, CsvHeaderQuotingAndLists) {
  ReadResult in = ReadText(ReadFixture("biopython_pubmed2.xml"), Format::kPubmedXml);
  ASSERT_EQ(in.records.size(), 2u);
  std::string csv = WriteRecords(OutputFormat::kCsv, in.records);
  Result<CsvTable> table = ParseCsv(csv, "out.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, CsvColumns());
  ASSERT_EQ(table->rows.size(), 2u);
  const std::vector<std::string>& row = table->rows[0];
  EXPECT_EQ(row[table->Column("pmid")], "11748933");
  EXPECT_EQ(row[table->Column("title")], in.records[0].title);  // has commas: quoted
  EXPECT_EQ(row[table->Column("authors")].substr(0, 24), "Taddei, A R; Barbato, F;");
  EXPECT_EQ(row[table->Column("year")], "2001");
  EXPECT_EQ(row[table->Column("day")], "");
  EXPECT_EQ(row[table->Column("publication_types")], "Journal Article; Research Support, Non-U.S. Gov't");
  EXPECT_NE(row[table->Column("mesh")].find("*Sperm Motility"), std::string::npos);
  EXPECT_EQ(row[table->Column("source")], "pubmed");  // PubMed XML is PubMed's
  Record quoted;
  quoted.title = "He said \"CAR-T\"";
  EXPECT_NE(WriteRecords(OutputFormat::kCsv, {quoted}).find("\"He said \"\"CAR-T\"\"\""), std::string::npos);
}

// Reads what `format`'s writer wrote of `records` back, without origins.
std::vector<Record> WrittenAndReadBack(OutputFormat out, Format in, const std::vector<Record>& records) {
  ReadResult back = ReadText(WriteRecords(out, records), in);
  EXPECT_TRUE(back.status.ok()) << back.status.ToString();
  for (Record& r : back.records) r.origin.clear();
  return back.records;
}

TEST(BiblioWrite, CsvListItemsHoldingSeparatorsComeBackWhole) {
  Record r;
  r.title = "Separators in names";
  r.authors = {"Smith; Jones", "王，小明", "Li\xEF\xBC\x9BWei", "back\\slash", "Moreau C., Jr"};
  r.keywords = {"a;b", "c"};
  r.publication_types = {"Journal Article; Review"};
  Record lone;
  lone.title = "A lone author";
  lone.authors = {"Rossi, Giulia"};
  Record chinese;
  chinese.title = "唯一作者";
  chinese.authors = {"张，三"};
  const std::vector<Record> written = {r, lone, chinese};
  const std::vector<Record> back = WrittenAndReadBack(OutputFormat::kCsv, Format::kCsv, written);
  ASSERT_EQ(back.size(), 3u);
  for (size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].authors, written[i].authors) << i;
    EXPECT_EQ(back[i].keywords, written[i].keywords) << i;
    EXPECT_EQ(back[i].publication_types, written[i].publication_types) << i;
  }
  EXPECT_NE(WriteRecords(OutputFormat::kCsv, {r}).find("Smith\\; Jones; "), std::string::npos);
}

// MEDLINE OT and PubMed XML keep a keyword whole, but a RIS KW line is split
// at its separators (CNKI writes every keyword on one): the writer escapes them.
TEST(BiblioWrite, RisKeywordsHoldingASeparatorComeBackWhole) {
  Record r;
  r.title = "Separators in keywords";
  r.keywords = {"CAR-T; CD19", "淋巴瘤, 细胞因子", "甲，乙", "a\\;b", "Colitis, Ulcerative", "MeSH: not a heading", "plain"};
  const std::vector<Record> back = WrittenAndReadBack(OutputFormat::kRis, Format::kRis, {r});
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].keywords, r.keywords);
  const std::string ris = WriteRecords(OutputFormat::kRis, {r});
  EXPECT_NE(ris.find("KW  - CAR-T\\; CD19\n"), std::string::npos);
  EXPECT_NE(ris.find("KW  - Colitis, Ulcerative\n"), std::string::npos);
  // CNKI's one-line list still splits.
  ReadResult cnki = ReadText("TY  - JOUR\nTI  - t\nKW  - 淋巴瘤;CAR-T;\nER  - \n", Format::kRis);
  ASSERT_EQ(cnki.records.size(), 1u);
  EXPECT_EQ(cnki.records[0].keywords, (std::vector<std::string>{"淋巴瘤", "CAR-T"}));
}

// A CSV abstract with a run of blanks in a paragraph after the first: RIS
// writes that paragraph as a continuation line, which the RIS reader
// collapses, so the CSV reader collapses blanks too (keeping line breaks).
TEST(BiblioWrite, ACsvAbstractsBlanksAreCollapsedAsRisReadsThemBack) {
  ReadResult csv = ReadText("\"Title\",\"Abstract\"\n\"T\",\"First  line.\nIt  was   treated.\"\n", Format::kCsv);
  ASSERT_TRUE(csv.status.ok()) << csv.status.ToString();
  ASSERT_EQ(csv.records.size(), 1u);
  EXPECT_EQ(csv.records[0].abstract, "First line.\nIt was treated.");
  csv.records[0].origin.clear();
  const std::vector<Record> back = WrittenAndReadBack(OutputFormat::kRis, Format::kRis, csv.records);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].abstract, csv.records[0].abstract);
}

// A value holding a NUL byte (a UTF-16 line inside a UTF-8 file) skips its
// record: written to RIS, it made the whole file unreadable.
TEST(BiblioWrite, AValueHoldingANulByteSkipsItsRecord) {
  const std::string ris = std::string("TY  - JOUR\nTI  - Good\nER  - \n\nTY  - JOUR\nTI  - Bad\nJF  - J\0o\0u\0r\nER  - \n", 72);
  ReadResult r = ReadText(ris, Format::kRis);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].title, "Good");
  ASSERT_FALSE(r.issues.empty());
  EXPECT_NE(r.issues[0].message.find("JF holds a NUL byte"), std::string::npos) << r.issues[0].message;
  ReadResult csv = ReadText(std::string("title,journal\nGood,J\nBad,J\0x\n", 29), Format::kCsv);
  ASSERT_EQ(csv.records.size(), 1u);
  EXPECT_EQ(csv.records[0].title, "Good");
}

// An abstract paragraph that reads like a RIS tag line stays abstract text.
TEST(BiblioWrite, AnAbstractParagraphLikeATagLineStaysInTheAbstract) {
  Record r;
  r.title = "Tag-like paragraphs";
  r.abstract = "First.\nUR - https://www.scopus.com/x\nER -\nA1 - last";
  const std::vector<Record> back = WrittenAndReadBack(OutputFormat::kRis, Format::kRis, {r});
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].abstract, r.abstract);
  EXPECT_TRUE(back[0].database_ids.empty());
}

TEST(BiblioWrite, CsvKeepsTheDateTextAsWritten) {
  Record r;
  r.title = "Dated";
  r.year = 2019, r.month = 3, r.date_text = "2019 Mar";
  Record bad;
  bad.title = "Undated";
  bad.date_text = "20222";  // not a date: kept as text without a year
  const std::vector<Record> back = WrittenAndReadBack(OutputFormat::kCsv, Format::kCsv, {r, bad});
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].date_text, "2019 Mar");
  EXPECT_EQ(back[0].year, 2019);
  EXPECT_EQ(back[0].month, 3);
  EXPECT_EQ(back[1].date_text, "20222");
  EXPECT_EQ(back[1].year, 0);
}

TEST(BiblioWrite, RisPagesThatDoNotSplitAtTheirDashComeBackWhole) {
  for (const std::string pages : {"701-710", "VL - 701-710", "5-", "-3", "e12", "S1-S2-S3"}) {
    Record r;
    r.title = "Paged";
    r.pages = pages;
    const std::vector<Record> back = WrittenAndReadBack(OutputFormat::kRis, Format::kRis, {r});
    ASSERT_EQ(back.size(), 1u) << pages;
    EXPECT_EQ(back[0].pages, pages);
  }
}

// Database ids are kept only in their database's form, and RIS writes each
// so that it reads back as the same id (fuzz findings: "3-s2.0-..." and a
// Wanfang id of the older _type= link were written and lost).
TEST(BiblioWrite, DatabaseIdsInTheirFormRoundTripThroughRis) {
  const std::string csv =
      "title,database_ids\nIds,scopus:3-s2.0-85060000001; embase:l373791783; wos:000123; wanfang:perio/zgzl2023\n"
      "More ids,scopus:2-s2.0-85060000001; wanfang:periodical/zgzl2023; wos:Scopus id\n";
  ReadResult in = ReadText(csv, Format::kCsv);
  ASSERT_EQ(in.records.size(), 2u);
  auto ids = [](const Record& r) {
    std::string out;
    for (const DatabaseId& id : r.database_ids) out += id.kind + ":" + id.value + " ";
    return out;
  };
  EXPECT_EQ(ids(in.records[0]), "embase:L373791783 wos:000123 wanfang:perio/zgzl2023 ");
  EXPECT_EQ(ids(in.records[1]), "scopus:2-s2.0-85060000001 wanfang:periodical/zgzl2023 ");
  for (Record& r : in.records) r.source = Source::kEmbase;  // named, so that the ids do not name it
  const std::vector<Record> back = WrittenAndReadBack(OutputFormat::kRis, Format::kRis, in.records);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(ids(back[0]), ids(in.records[0]));
  EXPECT_EQ(ids(back[1]), ids(in.records[1]));
}

TEST(BiblioWrite, JsonKeysAreTheDocumentedOnes) {
  ReadResult in = ReadText(ReadFixture("biopython_pubmed2.xml"), Format::kPubmedXml);
  nlohmann::json j = nlohmann::json::parse(WriteRecords(OutputFormat::kJson, in.records));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  std::vector<std::string> keys;
  for (auto it = j[0].begin(); it != j[0].end(); ++it) keys.push_back(it.key());
  // The CSV's one epub_date column is three keys in JSON, as year/month/day are.
  std::vector<std::string> expected;
  for (const std::string& c : CsvColumns()) {
    if (c != "epub_date") expected.push_back(c);
  }
  for (const char* k : {"epub_year", "epub_month", "epub_day"}) expected.emplace_back(k);
  std::sort(expected.begin(), expected.end());
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(j[0]["pmid"], "11748933");
  EXPECT_EQ(j[0]["year"], 2001);
  EXPECT_TRUE(j[0]["day"].is_null());
  EXPECT_EQ(j[0]["authors"].size(), 8u);
  EXPECT_EQ(j[0]["mesh"][9]["descriptor"], "Sperm Motility");
  EXPECT_EQ(j[0]["mesh"][9]["major"], true);
  EXPECT_EQ(j[0]["mesh"][7]["qualifiers"][0], "anatomy & histology");
  EXPECT_EQ(WriteRecords(OutputFormat::kJson, {}), "[]\n");
}

TEST(BiblioWrite, OutputFormatNames) {
  OutputFormat f;
  ASSERT_TRUE(ParseOutputFormat("csv", &f));
  EXPECT_EQ(f, OutputFormat::kCsv);
  EXPECT_EQ(OutputFormatName(OutputFormat::kRis), "ris");
  EXPECT_FALSE(ParseOutputFormat("xml", &f));
}

}  // namespace
}  // namespace carta::biblio
