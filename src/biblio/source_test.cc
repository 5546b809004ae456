// The source vocabulary and per-record source detection (issue 13).
#include <gtest/gtest.h>

#include <set>

#include "carta/biblio/read.h"
#include "carta/biblio/record.h"

namespace carta::biblio {
namespace {

ReadResult Read(std::string_view text, Format format, Source given = Source::kOther) {
  ReadOptions options;
  options.name = "t";
  options.source = given;
  return ReadText(text, format, options);
}

TEST(Source, EveryNameParsesBackAndIsDistinct) {
  std::set<std::string_view> names, labels;
  for (Source s : kAllSources) {
    Source back = Source::kOther;
    ASSERT_TRUE(ParseSource(SourceName(s), &back)) << SourceName(s);
    EXPECT_EQ(back, s);
    names.insert(SourceName(s));
    labels.insert(SourceLabel(s));
  }
  EXPECT_EQ(names.size(), std::size(kAllSources));
  EXPECT_EQ(labels.size(), std::size(kAllSources));
  Source s = Source::kPubMed;
  EXPECT_FALSE(ParseSource("Scopus", &s));  // names are lower case
  EXPECT_FALSE(ParseSource("medline", &s));
  EXPECT_EQ(s, Source::kPubMed);
}

TEST(Source, FromProviderAndLinkText) {
  EXPECT_EQ(SourceFromText("Scopus"), Source::kScopus);
  EXPECT_EQ(SourceFromText("Embase;Medline;"), Source::kEmbase);  // the first database named
  EXPECT_EQ(SourceFromText("Medline;Embase;"), Source::kPubMed);
  EXPECT_EQ(SourceFromText("Embase"), Source::kEmbase);
  EXPECT_EQ(SourceFromText("Ovid Technologies;Ovid MEDLINE(R);"), Source::kPubMed);
  EXPECT_EQ(SourceFromText("Ovid Technologies"), Source::kOvid);
  EXPECT_EQ(SourceFromText("EBSCOhost;CINAHL Complete"), Source::kEbsco);
  EXPECT_EQ(SourceFromText("https://www.scopus.com/inward/record.uri?eid=2-s2.0-1"), Source::kScopus);
  EXPECT_EQ(SourceFromText("https://lens.org/010-000"), Source::kLens);
  EXPECT_EQ(SourceFromText("https://app.dimensions.ai/details/publication/pub.1"), Source::kDimensions);
  EXPECT_EQ(SourceFromText("WOS:000460000000001"), Source::kWos);
  EXPECT_EQ(SourceFromText("Cochrane Central Register of Controlled Trials"), Source::kCochrane);
  EXPECT_EQ(SourceFromText("北京万方数据股份有限公司"), Source::kWanfang);
  EXPECT_EQ(SourceFromText("维普"), Source::kVip);
  EXPECT_EQ(SourceFromText("SinoMed"), Source::kCbm);
  EXPECT_EQ(SourceFromText("ChiCTR2000029308"), Source::kChictr);
  // Short names are whole words only: "lens" in "lenses", "vip" in "vipers" name nothing.
  EXPECT_EQ(SourceFromText("Contact lenses;vipers"), Source::kOther);
  EXPECT_EQ(SourceFromText(""), Source::kOther);
}

TEST(Source, DetectedPerRecordFromTheExport) {
  ReadResult r = Read(
      "TY  - JOUR\nTI  - One\nDB  - Scopus\nER  - \n"
      "TY  - JOUR\nTI  - Two\nUR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-2\nER  - \n"
      "TY  - JOUR\nTI  - Three\nUR  - https://lens.org/010-000-000-000-003\nER  - \n"
      "TY  - JOUR\nTI  - Four\nDB  - Embase\nU2  - L627000001\nER  - \n"
      "TY  - JOUR\nTI  - Five\nER  - \n",
      Format::kRis);
  ASSERT_EQ(r.records.size(), 5u);
  EXPECT_EQ(r.records[0].source, Source::kScopus);
  EXPECT_EQ(r.records[1].source, Source::kScopus);
  EXPECT_EQ(r.records[2].source, Source::kLens);
  EXPECT_EQ(r.records[3].source, Source::kEmbase);
  EXPECT_EQ(r.records[4].source, Source::kOther);
}

TEST(Source, GivenSourceWins) {
  ReadResult r = Read("TY  - JOUR\nTI  - One\nDB  - Scopus\nER  - \n", Format::kRis, Source::kOvid);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].source, Source::kOvid);
  r = Read("PT J\nTI Two\nER\n", Format::kWos, Source::kEbsco);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].source, Source::kEbsco);
}

TEST(Source, ImpliedByTheFormat) {
  EXPECT_EQ(Read("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI Two\nER\nEF\n", Format::kAuto)
                .records.at(0).source,
            Source::kWos);
  EXPECT_EQ(Read("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>4</PMID><Article><ArticleTitle>T"
                 "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
                 Format::kAuto)
                .records.at(0).source,
            Source::kPubMed);
  EXPECT_EQ(Read("PMID- 1\nTI  - T\n", Format::kAuto).records.at(0).source, Source::kPubMed);
  // ERIC writes MEDLINE-style records without a PMID: not PubMed.
  EXPECT_EQ(Read("OWN - ERIC\nTI  - T\nAID - EJ1\n", Format::kMedline).records.at(0).source, Source::kOther);
  EXPECT_EQ(Read("@article{k, title = {T}, source = {Scopus}}\n", Format::kAuto).records.at(0).source,
            Source::kScopus);
  EXPECT_EQ(Read("@article{k, title = {T}, unique-id = {WOS:000001}}\n", Format::kAuto).records.at(0).source,
            Source::kWos);
  EXPECT_EQ(Read("@article{k, title = {T}}\n", Format::kAuto).records.at(0).source, Source::kOther);
}

TEST(Source, OvidRecordNumbersAreNotSkippedRecords) {
  ReadResult r = Read("<1>\nTY  - JOUR\nTI  - One\nER  - \n\n2.\nTY  - JOUR\nTI  - Two\nER  - \n3 of 3\n"
                      "TY  - JOUR\nTI  - Three\nER  - \n",
                      Format::kRis);
  EXPECT_EQ(r.records.size(), 3u);
  EXPECT_TRUE(r.issues.empty()) << r.issues[0].message;
  r = Read("junk\nTY  - JOUR\nTI  - One\nER  - \n", Format::kRis);
  ASSERT_EQ(r.issues.size(), 1u);  // other stray lines still are
}

}  // namespace
}  // namespace carta::biblio
