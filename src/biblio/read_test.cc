#include <gtest/gtest.h>

#include <sstream>

#include "carta/biblio/read.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

using testing::ReadFixture;

TEST(BiblioDetect, EveryFixtureAndHandWrittenHead) {
  EXPECT_EQ(DetectFormat(ReadFixture("biopython_pubmed2.xml")), Format::kPubmedXml);
  EXPECT_EQ(DetectFormat(ReadFixture("biopython_pubmed_result2.txt")), Format::kMedline);
  EXPECT_EQ(DetectFormat(ReadFixture("asreview_embase.ris")), Format::kRis);  // behind a BOM
  EXPECT_EQ(DetectFormat(ReadFixture("asreview_pubmed_endnote.txt")), Format::kRis);
  EXPECT_EQ(DetectFormat(ReadFixture("CNKI_2_BibTeX_mixed.net")), Format::kNoteExpress);
  EXPECT_EQ(DetectFormat("TY - JOUR\r\nT1 - 标题\r\n"), Format::kRis);
  EXPECT_EQ(DetectFormat("\n%0 Journal Article\n%A 张三\n"), Format::kEndNote);
  EXPECT_EQ(DetectFormat("RT Journal Article\nSR 1\n"), Format::kRefWorks);
  EXPECT_EQ(DetectFormat("DataType: 1\nTitle-题名: x\n"), Format::kEStudy);
  EXPECT_EQ(DetectFormat("<html><body>not pubmed</body></html>"), Format::kUnknown);
  EXPECT_EQ(DetectFormat(""), Format::kUnknown);
  EXPECT_EQ(DetectFormat("\x1f\x8b\x08"), Format::kUnknown);
}

TEST(BiblioDetect, FormatNamesRoundTrip) {
  for (Format f : {Format::kAuto, Format::kPubmedXml, Format::kMedline, Format::kRis, Format::kNoteExpress,
                   Format::kEndNote, Format::kRefWorks, Format::kEStudy, Format::kWos, Format::kBibtex,
                   Format::kEndNoteXml, Format::kCsv}) {
    Format parsed = Format::kUnknown;
    ASSERT_TRUE(ParseFormat(FormatName(f), &parsed)) << FormatName(f);
    EXPECT_EQ(parsed, f);
  }
  Format f;
  EXPECT_FALSE(ParseFormat("endnote-json", &f));
}

TEST(BiblioRead, AutoDetectionFromAStringAndAnIstream) {
  ReadResult r = ReadText(ReadFixture("biopython_pubmed_result3.txt"), Format::kAuto);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].pmid, "23039619");
  EXPECT_EQ(r.records[0].origin, "<input>:2");

  std::istringstream in(ReadFixture("biopython_pubmed2.xml"));
  std::unique_ptr<InputStream> stream = NewIstreamInput(&in);
  int count = 0;
  RecordSink sink;
  sink.on_record = [&](Record&&) { ++count; };
  ReadOptions options;
  options.name = "stdin";
  EXPECT_TRUE(ReadStream(stream.get(), Format::kAuto, options, sink).ok());
  EXPECT_EQ(count, 2);
}

TEST(BiblioRead, MissingFileAndUnknownFormat) {
  Status s = ReadFile("/nonexistent/biblio.ris", Format::kAuto, Source::kOther, {});
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_NE(s.message().find("/nonexistent/biblio.ris"), std::string::npos);
  ReadResult r = ReadText("{\"records\": [{\"title\": \"JSON is not read\"}]}", Format::kAuto);
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status.message().find("not a format carta reads"), std::string::npos);
  EXPECT_EQ(ReadText("", Format::kAuto).status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadText("x", Format::kUnknown).status.code(), StatusCode::kInvalidArgument);
}

TEST(BiblioRead, EmptyCallbacksAreAllowed) {
  ReadOptions options;
  std::string xml = ReadFixture("biopython_pubmed2.xml");  // the input views it: keep it alive
  std::unique_ptr<InputStream> in = NewStringInput(xml);
  EXPECT_TRUE(ReadPubmedXml(in.get(), options, RecordSink{}).ok());
  std::string ris = "junk\nTY  - JOUR\nER  - \n";
  in = NewStringInput(ris);
  EXPECT_TRUE(ReadRis(in.get(), options, RecordSink{}).ok());
}

}  // namespace
}  // namespace carta::biblio
