#include <gtest/gtest.h>

#include "carta/biblio/read.h"
#include "test_util.h"

namespace carta::biblio {
namespace {

using testing::ReadFixtureFile;

ReadResult ReadNbib(std::string_view text) {
  ReadOptions options;
  options.name = "t.nbib";
  return ReadText(text, Format::kMedline, options);
}

TEST(Medline, BiopythonResult2FourRecords) {
  ReadResult r = ReadFixtureFile("biopython_pubmed_result2.txt", Source::kPubMed);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.issues.empty());
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[0].pmid, "16403221");
  EXPECT_EQ(r.records[1].pmid, "16377612");
  EXPECT_EQ(r.records[2].pmid, "14871861");
  EXPECT_EQ(r.records[3].pmid, "14630660");
  const Record& a = r.records[0];
  EXPECT_EQ(a.title, "A high level interface to SCOP and ASTRAL implemented in python.");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Casbon, James A", "Crooks, Gavin E", "Saqi, Mansoor A S"}));
  EXPECT_EQ(a.journal, "BMC bioinformatics");  // JT over TA
  EXPECT_EQ(a.volume, "7");
  EXPECT_EQ(a.pages, "10");
  EXPECT_EQ(a.year, 2006);
  EXPECT_EQ(a.month, 0);
  EXPECT_EQ(a.language, "eng");
  EXPECT_EQ(a.doi, "10.1186/1471-2105-7-10");
  EXPECT_EQ(a.publication_types, (std::vector<std::string>{"Evaluation Studies", "Journal Article"}));
  EXPECT_TRUE(a.abstract.starts_with("BACKGROUND: Benchmarking algorithms in structural bioinformatics often "
                                     "involves the construction of datasets of proteins"));
  EXPECT_NE(a.abstract.find("The ASTRAL compendium provides"), std::string::npos);
  EXPECT_EQ(a.source, Source::kPubMed);
}

TEST(Medline, MeshStarsAndQualifiers) {
  ReadResult r = ReadFixtureFile("biopython_pubmed_result2.txt");
  ASSERT_EQ(r.records.size(), 4u);
  const std::vector<MeshHeading>& mesh = r.records[0].mesh;
  ASSERT_EQ(mesh.size(), 9u);
  EXPECT_EQ(mesh[0].descriptor, "Database Management Systems");
  EXPECT_TRUE(mesh[0].major);
  EXPECT_EQ(mesh[2].descriptor, "Information Storage and Retrieval");
  EXPECT_TRUE(mesh[2].major);
  EXPECT_EQ(mesh[2].qualifiers, std::vector<std::string>{"methods"});
  EXPECT_EQ(mesh[3].descriptor, "Programming Languages");
  EXPECT_FALSE(mesh[3].major);
  const MeshHeading& two = r.records[3].mesh[3];
  EXPECT_EQ(two.descriptor, "Information Storage and Retrieval");
  EXPECT_EQ(two.qualifiers, (std::vector<std::string>{"methods", "standards"}));
}

TEST(Medline, ContinuationLinesAndFullDate) {
  ReadResult r = ReadFixtureFile("biopython_pubmed_result2.txt");
  ASSERT_EQ(r.records.size(), 4u);
  const Record& b = r.records[1];
  EXPECT_EQ(b.title, "GenomeDiagram: a python package for the visualization of large-scale genomic data.");
  EXPECT_EQ(b.year, 2006);
  EXPECT_EQ(b.month, 3);
  EXPECT_EQ(b.day, 1);
  EXPECT_EQ(b.date_text, "2006 Mar 1");
  EXPECT_EQ(b.issue, "5");
  EXPECT_EQ(b.pages, "616-7");
  EXPECT_EQ(b.doi, "10.1093/bioinformatics/btk021");
  EXPECT_EQ(r.records[2].doi, "10.1093/bioinformatics/bth078");
  EXPECT_EQ(r.records[3].doi, "");  // no AID line
}

TEST(Medline, LidDoiAndWrappedMeshHeading) {
  ReadResult r = ReadFixtureFile("biopython_pubmed_result3.txt");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.pmid, "23039619");
  EXPECT_EQ(a.doi, "10.1118/1.4748329");
  EXPECT_EQ(a.year, 2012);
  EXPECT_EQ(a.month, 10);
  EXPECT_EQ(a.authors.size(), 4u);
  EXPECT_EQ(a.authors[0], "Qiao, Shan");
  EXPECT_TRUE(a.abstract.starts_with("PURPOSE: High-intensity focused ultrasound"));
  ASSERT_EQ(a.mesh.size(), 8u);
  EXPECT_EQ(a.mesh[1].descriptor, "High-Intensity Focused Ultrasound Ablation");
  EXPECT_EQ(a.mesh[1].qualifiers, (std::vector<std::string>{"adverse effects", "instrumentation", "methods"}));
  EXPECT_TRUE(a.mesh[1].major);
}

TEST(Medline, AuWhenNoFauAndCollectiveNameAndRangeDate) {
  ReadResult r = ReadNbib(
      "PMID- 31000001\n"
      "TI  - CAR T cells in lymphoma.\n"
      "DP  - 2019 Jan-Feb\n"
      "AU  - Neelapu SS\n"
      "CN  - ZUMA-1 Investigators\n"
      "OT  - CAR-T\n"
      "OT  - CRS\n"
      "MH  - Receptors, Chimeric Antigen/*therapeutic use\n"
      "TA  - Blood\n");
  ASSERT_EQ(r.records.size(), 1u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Neelapu SS", "ZUMA-1 Investigators"}));
  EXPECT_EQ(a.year, 2019);
  EXPECT_EQ(a.month, 1);
  EXPECT_EQ(a.date_text, "2019 Jan-Feb");
  EXPECT_EQ(a.journal, "Blood");
  EXPECT_EQ(a.keywords, (std::vector<std::string>{"CAR-T", "CRS"}));
  ASSERT_EQ(a.mesh.size(), 1u);
  EXPECT_EQ(a.mesh[0].descriptor, "Receptors, Chimeric Antigen");
  EXPECT_TRUE(a.mesh[0].major);
  EXPECT_EQ(a.mesh[0].qualifiers, std::vector<std::string>{"therapeutic use"});
  EXPECT_EQ(a.origin, "t.nbib:1");
}

TEST(Medline, LineThatDoesNotParseSkipsItsRecordOnly) {
  ReadResult r = ReadNbib(
      "PMID- 1\nTI  - First\nthis line is junk\n\n"
      "PMID- 2\nTI  - Second\n\n"
      "PMID- 3x\nTI  - Bad id\n\n"
      "PMID- 4\nDP  - 2019 Feb 30\nTI  - Bad date\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].pmid, "2");
  // An impossible date is a warning: the record is kept without a date.
  EXPECT_EQ(r.records[1].pmid, "4");
  EXPECT_EQ(r.records[1].year, 0);
  EXPECT_EQ(r.records[1].date_text, "2019 Feb 30");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].where, "t.nbib:11");
  EXPECT_NE(r.warnings[0].message.find("line 12: impossible date '2019 Feb 30'"), std::string::npos)
      << r.warnings[0].message;
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0].where, "t.nbib:1");
  EXPECT_NE(r.issues[0].message.find("line 3 does not parse"), std::string::npos) << r.issues[0].message;
  EXPECT_EQ(r.issues[1].where, "t.nbib:8");
  EXPECT_NE(r.issues[1].message.find("not a PubMed id"), std::string::npos);
}

}  // namespace
}  // namespace carta::biblio
