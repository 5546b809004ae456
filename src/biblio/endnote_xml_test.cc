// EndNote XML (tests/fixtures/biblio/endnote_sample.xml, written after RSXML.dtd).
#include <gtest/gtest.h>

#include "carta/biblio/read.h"
#include "fields.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

TEST(BiblioEndNoteXml, DetectedAndEveryFieldRead) {
  EXPECT_EQ(DetectFormat(testing::ReadFixture("endnote_sample.xml")), Format::kEndNoteXml);
  ReadResult r = testing::ReadFixtureFile("endnote_sample.xml");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.records.size(), 3u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.title, "Axicabtagene Ciloleucel CAR T-Cell Therapy in Refractory Large B-Cell Lymphoma");
  EXPECT_EQ(a.translated_title, "Axicabtagen-Ciloleucel beim refraktären großzelligen B-Zell-Lymphom");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Neelapu, Sattva S.", "Locke, Frederick L."}));
  EXPECT_EQ(a.journal, "New England Journal of Medicine");  // periodical/full-title over secondary-title
  EXPECT_EQ(a.pages, "2531-2544");
  EXPECT_EQ(a.volume, "377");
  EXPECT_EQ(a.issue, "26");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"CAR T cells", "lymphoma"}));
  EXPECT_EQ(a.year, 2017);
  EXPECT_EQ(a.month, 12);
  EXPECT_EQ(a.day, 28);
  EXPECT_EQ(a.issns, (std::vector<std::string>{"0028-4793", "1533-4406"}));
  EXPECT_EQ(a.pmid, "29226797");  // accession-num of a PubMed record
  EXPECT_EQ(a.doi, "10.1056/nejmoa1707447");
  EXPECT_EQ(a.abstract,
            "BACKGROUND: In a phase 1 trial, axicabtagene ciloleucel showed efficacy.\n"
            "METHODS: We conducted a multicenter, phase 2 trial.");
  EXPECT_EQ(a.source, Source::kPubMed);
  EXPECT_EQ(a.language, "eng");
  EXPECT_EQ(a.publication_types, std::vector<std::string>{"Clinical Trial, Phase II"});
  EXPECT_EQ(a.record_type, "journal_article");
  EXPECT_EQ(a.origin, testing::FixturePath("endnote_sample.xml") + ":1");

  const Record& b = r.records[1];
  EXPECT_EQ(b.record_type, "thesis");
  EXPECT_EQ(b.source, Source::kEmbase);
  EXPECT_EQ(DatabaseIdOf(b, "embase"), "L2011234567");
  EXPECT_EQ(b.pmid, "");
  EXPECT_EQ(b.language, "eng");

  const Record& c = r.records[2];
  EXPECT_EQ(c.record_type, "conference_paper");
  EXPECT_EQ(c.journal, "Blood");  // secondary-title when there is no periodical
  EXPECT_EQ(c.source, Source::kScopus);
  EXPECT_EQ(DatabaseIdOf(c, "scopus"), "2-s2.0-85077000001");
  EXPECT_EQ(c.year, 2019);
  EXPECT_EQ(c.month, 11);
  EXPECT_EQ(c.day, 13);

  ASSERT_EQ(r.issues.size(), 1u);  // record 4: no title, no id
  EXPECT_NE(r.issues[0].message.find("no title"), std::string::npos);
}

TEST(BiblioEndNoteXml, BrokenXmlSaysWhereAndKeepsWhatWasRead) {
  ReadResult r = ReadText(
      "<xml><records><record><titles><title>One</title></titles></record>\n<record><titles><title>Two</tit",
      Format::kEndNoteXml);
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find(":2: XML is not well formed"), std::string::npos) << r.status.ToString();
  EXPECT_NE(r.status.message().find("1 record(s) before it"), std::string::npos);
  EXPECT_EQ(r.records.size(), 1u);
}

TEST(BiblioEndNoteXml, DeepNestingIsRefused) {
  std::string deep = "<xml><records>";
  for (int i = 0; i < 300; ++i) deep += "<a>";
  ReadResult r = ReadText(deep, Format::kEndNoteXml);
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("nested deeper"), std::string::npos) << r.status.ToString();
}

}  // namespace
}  // namespace carta::biblio
