// Hostile input: every reader must return (ok or not) without crashing,
// hanging or growing without bound, and deliver only valid UTF-8.
#include <gtest/gtest.h>

#include <zlib.h>

#include <random>

#include "carta/biblio/read.h"
#include "carta/core/text.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

using testing::ReadFixture;

constexpr Format kAllFormats[] = {Format::kPubmedXml, Format::kMedline,  Format::kRis,   Format::kNoteExpress,
                                  Format::kEndNote,   Format::kRefWorks, Format::kEStudy, Format::kWos, Format::kBibtex};

void ExpectValidRecords(const ReadResult& r) {
  for (const Record& rec : r.records) {
    EXPECT_TRUE(text::IsValidUtf8(rec.title));
    EXPECT_TRUE(text::IsValidUtf8(rec.abstract));
    for (const std::string& a : rec.authors) EXPECT_TRUE(text::IsValidUtf8(a));
  }
}

std::string Gzip(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size())) + 32;
  std::string out(size, '\0');
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(BiblioHostile, EmptyInputEveryFormat) {
  for (Format f : kAllFormats) {
    ReadResult r = ReadText("", f);
    EXPECT_TRUE(r.records.empty()) << FormatName(f);
    if (f != Format::kPubmedXml) {
      EXPECT_TRUE(r.status.ok()) << FormatName(f);
    }
  }
  EXPECT_EQ(ReadText("", Format::kPubmedXml).status.code(), StatusCode::kCorruption);  // no root element
}

TEST(BiblioHostile, BinaryJunkEveryFormat) {
  std::mt19937 rng(20240601);
  for (int round = 0; round < 20; ++round) {
    std::string junk(20000, '\0');
    for (char& c : junk) c = static_cast<char>(rng() & 0xFF);
    for (Format f : kAllFormats) {
      ReadResult r = ReadText(junk, f);
      ExpectValidRecords(r);
      EXPECT_TRUE(r.records.empty()) << FormatName(f);
    }
  }
}

TEST(BiblioHostile, ShuffledFixtureLinesNeverCrash) {
  std::mt19937 rng(7);
  const std::string sources[] = {ReadFixture("biopython_pubmed_result2.txt"), ReadFixture("asreview_pubmed_endnote.txt"),
                                 ReadFixture("CNKI_2_BibTeX_mixed.net"), ReadFixture("biopython_pubmed5.xml")};
  for (const std::string& source : sources) {
    std::vector<std::string> lines = {""};
    for (char c : source) {
      if (c == '\n') lines.emplace_back();
      else lines.back().push_back(c);
    }
    for (int round = 0; round < 30; ++round) {
      std::shuffle(lines.begin(), lines.end(), rng);
      std::string text;
      for (const std::string& l : lines) text += l.substr(0, rng() % (l.size() + 1)) + "\n";
      for (Format f : kAllFormats) ExpectValidRecords(ReadText(text, f));
    }
  }
}

// PubMed XML: a field over 1 MiB is cut and its record skipped; a text node
// over 16 MiB (a decompression bomb's gigabyte title) stops the parse there,
// instead of being read to its end before the skip (issue 18).
TEST(BiblioHostile, HugeXmlFieldStopsTheParse) {
  auto article = [](const std::string& title) {
    return "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>" + title +
           "</ArticleTitle></Article></MedlineCitation></PubmedArticle>";
  };
  const std::string open = "<?xml version=\"1.0\"?><PubmedArticleSet>", close = "</PubmedArticleSet>\n";
  ReadResult cut = ReadText(open + article(std::string(2u << 20, 'a')) + article("Next") + close, Format::kPubmedXml);
  ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
  ASSERT_EQ(cut.records.size(), 1u);
  EXPECT_EQ(cut.records[0].title, "Next");
  ReadResult bomb = ReadText(open + article(std::string(40u << 20, 'a')) + article("Next") + close, Format::kPubmedXml);
  ASSERT_FALSE(bomb.status.ok());
  EXPECT_NE(bomb.status.message().find("longer than 16 MiB"), std::string::npos) << bomb.status.message();
  EXPECT_EQ(bomb.status.location().line, 1);
}

TEST(BiblioHostile, HugeLineIsCutNotHeld) {
  std::string ris = "TY  - JOUR\nTI  - Huge\nAB  - " + std::string(5u << 20, 'a') + "\nER  - \nTY  - JOUR\nTI  - Next\nER  - \n";
  ReadResult r = ReadText(ris, Format::kRis);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].title, "Next");
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_NE(r.issues[0].message.find("longer than 1 MiB"), std::string::npos);
  std::string no_newline(3u << 20, 'x');  // one 3 MB line and nothing else: no MEDLINE record in it
  ReadResult junk = ReadText(no_newline, Format::kMedline);
  EXPECT_EQ(junk.status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(junk.records.empty());
}

TEST(BiblioHostile, DeeplyNestedXmlStops) {
  std::string xml = "<PubmedArticleSet>";
  for (int i = 0; i < 100000; ++i) xml += "<a>";
  ReadResult r = ReadText(xml, Format::kPubmedXml);
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption);
  EXPECT_NE(r.status.message().find("nested deeper than 256"), std::string::npos) << r.status.message();
}

TEST(BiblioHostile, EntityExpansionIsRefused) {
  std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE PubmedArticleSet [<!ENTITY a \"aaaaaaaaaa\">";
  std::string prev = "a";
  for (int i = 0; i < 9; ++i) {
    std::string name = "e" + std::to_string(i);
    xml += "<!ENTITY " + name + " \"" + std::string() + "&" + prev + ";&" + prev + ";&" + prev + ";&" + prev + ";&" +
           prev + ";&" + prev + ";&" + prev + ";&" + prev + ";&" + prev + ";&" + prev + ";\">";
    prev = name;
  }
  xml += "]><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&" + prev +
         ";</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>";
  ReadResult r = ReadText(xml, Format::kPubmedXml);
  EXPECT_FALSE(r.status.ok());  // expat's amplification limit (expat >= 2.4) or our field cap
  for (const Record& rec : r.records) EXPECT_LE(rec.title.size(), 1u << 20);
}

TEST(BiblioHostile, TruncatedAndCorruptGzip) {
  std::string gz = Gzip(ReadFixture("biopython_pubmed5.xml"));
  std::string cut = gz.substr(0, gz.size() / 2);
  std::string path = ::testing::TempDir() + "/biblio_truncated.xml.gz";
  for (const std::string& bytes : {cut, gz.substr(0, 10), std::string(gz.substr(0, 20)) + std::string(500, '\x55')}) {
    FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    Status s = ReadFile(path, Format::kPubmedXml, Source::kPubMed, {});
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << s.ToString();
    EXPECT_NE(s.message().find("gzip"), std::string::npos) << s.message();
  }
  std::remove(path.c_str());
}

TEST(BiblioHostile, ConcatenatedGzipMembersReadAsOne) {
  std::string xml = ReadFixture("biopython_pubmed2.xml");
  std::string gz = Gzip(xml.substr(0, 3000)) + Gzip(xml.substr(3000));
  std::unique_ptr<InputStream> in = NewGzipInput(NewStringInput(gz));
  int count = 0;
  RecordSink sink;
  sink.on_record = [&](Record&&) { ++count; };
  EXPECT_TRUE(ReadPubmedXml(in.get(), ReadOptions{}, sink).ok());
  EXPECT_EQ(count, 2);
}

}  // namespace
}  // namespace carta::biblio

namespace carta::biblio {
namespace {

// A PMID field that is not digits refuses its record, with the file, the line
// and the field, in every reader that reads one; the good record beside it
// is read.
TEST(BiblioHostile, APmidThatIsNotDigitsRefusesItsRecord) {
  struct Case {
    Format format;
    std::string text;
    std::string where;  // the skipped record's "file:line"
    std::string field;  // named in the message
  };
  const std::vector<Case> cases = {
      {Format::kPubmedXml,
       "<PubmedArticleSet>\n<PubmedArticle><MedlineCitation>\n<PMID>39000,01</PMID><Article><ArticleTitle>Bad"
       "</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n<PubmedArticle><MedlineCitation><PMID>7</PMID>"
       "<Article><ArticleTitle>Good</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n</PubmedArticleSet>\n",
       "in.xml:2", "line 3: MedlineCitation/PMID '39000,01'"},
      {Format::kMedline, "PMID- 12a\nTI  - Bad\n\nPMID- 7\nTI  - Good\n", "in.xml:1", "line 1: PMID '12a'"},
      {Format::kWos, "FN x\nPT J\nTI Bad\nPM 1 2\nER\nPT J\nTI Good\nPM 7\nER\nEF\n", "in.xml:2", "line 4: PM '1 2'"},
      {Format::kRis, "TY  - JOUR\nTI  - Bad\nAN  - PMID: 39000,01\nER  - \nTY  - JOUR\nTI  - Good\nAN  - PMID: 7\nER  - \n",
       "in.xml:1", "line 3: AN '39000,01'"},
      {Format::kCsv, "title,pmid\nBad,39000.01\nGood,7\n", "in.xml:2", "column 2: PMID '39000.01'"},
      {Format::kBibtex, "@article{a,\n title = {Bad},\n pmid = {PMC123}\n}\n@article{b,\n title = {Good},\n pmid = {7}\n}\n",
       "in.xml:1", "pmid 'PMC123'"},
  };
  for (const Case& c : cases) {
    ReadOptions options;
    options.name = "in.xml";
    ReadResult r = ReadText(c.text, c.format, options);
    ASSERT_TRUE(r.status.ok()) << c.where << ": " << r.status.ToString();
    ASSERT_EQ(r.records.size(), 1u) << c.field;
    EXPECT_EQ(r.records[0].title, "Good");
    EXPECT_EQ(r.records[0].pmid, "7");
    ASSERT_EQ(r.issues.size(), 1u) << c.field;
    EXPECT_EQ(r.issues[0].where, c.where) << c.field;
    EXPECT_NE(r.issues[0].message.find(c.field + " is not a PubMed id"), std::string::npos) << r.issues[0].message;
  }
}

}  // namespace
}  // namespace carta::biblio

namespace carta::biblio {
namespace {

// A file whose only record a bound skips fails naming that bound, not only
// "no record of that format" (the format is given, as `lit import` gives it).
TEST(BiblioHostile, AFileWhoseOnlyRecordABoundSkipsNamesTheBound) {
  ReadOptions options;
  options.name = "only.txt";
  const std::string medline = "PMID- 1\nTI  - " + std::string(2 << 20, 'x') + "\n\n";
  ReadResult r = ReadText(medline, Format::kMedline, options);
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("every record (1) was skipped; the first, at only.txt:1: line 2 is longer than 1 MiB"),
            std::string::npos)
      << r.status.message();
  const std::string bibtex = "@article{a,\n title = {" + std::string(100, '{') + "x" + std::string(100, '}') + "}\n}\n";
  r = ReadText(bibtex, Format::kBibtex, options);
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("only.txt:1: braces nested deeper than 64"), std::string::npos)
      << r.status.message();
  EXPECT_EQ(r.status.location().field, "format");
}

}  // namespace
}  // namespace carta::biblio
