// PRISMA 2020 counts from a small pipeline, the invariants, and the review's
// own partially reported counts.
#include <gtest/gtest.h>

#include "carta/screen/prisma.h"

namespace carta::screen {
namespace {

using biblio::Record;
using biblio::Source;

// 8 records: 0/1 duplicates (same DOI), 2 a review excluded automatically,
// 3..7 screened; 3 and 4 excluded at title/abstract; 5 not retrieved;
// 6 excluded at full text; 7 included.
struct Pipeline {
  std::vector<Record> records;
  DedupResult dedup;
  DecisionLog log;
  PrismaInput input;
};

void Build(Pipeline* p) {
  for (int i = 0; i < 8; ++i) {
    Record r;
    r.title = "Distinct title number " + std::to_string(i) + " about CAR-T";
    r.year = 2020;
    r.source = i < 5 ? Source::kPubMed : (i < 7 ? Source::kCnki : Source::kWanfang);
    p->records.push_back(r);
  }
  p->records[0].doi = p->records[1].doi = "10.1/x";
  p->records[2].publication_types = {"Review"};
  p->dedup = *Deduplicate(p->records);
  ScreeningCriteria criteria;
  criteria.excluded_publication_types = {"Review"};
  p->input.records = &p->records;
  p->input.dedup = &p->dedup;
  p->input.automatic = *EvaluateCriteria(p->records, p->dedup.UniqueRecords(), criteria);
  const char* t = "2024-01-01T00:00:00Z";
  for (uint32_t id : {3u, 4u}) ASSERT_TRUE(p->log.Add({id, "ana", Stage::kTitleAbstract, Verdict::kExclude, "", t}).ok());
  for (uint32_t id : {0u, 5u, 6u, 7u}) ASSERT_TRUE(p->log.Add({id, "ana", Stage::kTitleAbstract, Verdict::kInclude, "", t}).ok());
  ASSERT_TRUE(p->log.Add({0, "ana", Stage::kFullText, Verdict::kExclude, "no outcome of interest", t}).ok());
  ASSERT_TRUE(p->log.Add({6, "ana", Stage::kFullText, Verdict::kExclude, "wrong population", t}).ok());
  ASSERT_TRUE(p->log.Add({7, "ana", Stage::kFullText, Verdict::kInclude, "", t}).ok());
  const std::vector<uint32_t> all = {0, 1, 2, 3, 4, 5, 6, 7};
  p->input.title_abstract = p->log.Final(Stage::kTitleAbstract, all, {"ana"}, "");
  p->input.full_text = p->log.Final(Stage::kFullText, all, {"ana"}, "");
  p->input.not_retrieved = {5};
}

// Every source with records, in vocabulary order with PRISMA's labels; a
// trial register's records (ChiCTR) count as identified from registers.
TEST(Prisma, EachDatabaseAndTheRegisters) {
  Pipeline p;
  Build(&p);
  p.records[3].source = Source::kWos;
  p.records[4].source = Source::kChictr;
  p.records[5].source = Source::kEmbase;
  auto c = ComputePrisma(p.input);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  std::vector<std::string> shown;
  for (const SourceCount& s : c->databases) shown.push_back(s.label + "=" + std::to_string(*s.records));
  EXPECT_EQ(shown, (std::vector<std::string>{"PubMed=3", "Embase=1", "Web of Science=1", "CNKI=1", "Wanfang=1"}));
  EXPECT_EQ(c->records_from_databases, 7);
  EXPECT_EQ(c->records_from_registers, 1);
  EXPECT_TRUE(CheckPrisma(*c).ok()) << CheckPrisma(*c).ToString();
}

TEST(Prisma, CountsFromPipeline) {
  Pipeline p;
  Build(&p);
  auto c = ComputePrisma(p.input);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->records_from_databases, 8);
  EXPECT_EQ(c->databases[0].records, 5);  // PubMed
  EXPECT_EQ(c->databases[1].records, 2);  // CNKI
  EXPECT_EQ(c->databases[2].records, 1);  // Wanfang
  EXPECT_EQ(c->databases.size(), 3u);  // only sources with records
  EXPECT_EQ(c->duplicates_removed, 1);
  EXPECT_EQ(c->removed_by_automation, 1);
  EXPECT_EQ(c->removed_other_reasons, 0);
  EXPECT_EQ(c->records_screened, 6);   // 0, 3, 4, 5, 6, 7
  EXPECT_EQ(c->records_excluded, 2);
  EXPECT_EQ(c->reports_sought, 4);
  EXPECT_EQ(c->reports_not_retrieved, 1);
  EXPECT_EQ(c->reports_assessed, 3);
  EXPECT_EQ(c->reports_excluded, 2);
  ASSERT_EQ(c->reports_excluded_by_reason.size(), 2u);
  EXPECT_EQ(c->reports_excluded_by_reason[0].reason, "no outcome of interest");
  EXPECT_EQ(c->reports_of_included_studies, 1);
  EXPECT_EQ(c->studies_included, 1);
  EXPECT_TRUE(CheckPrisma(*c).ok()) << CheckPrisma(*c).ToString();
  EXPECT_EQ(UnreportedBoxes(*c), std::vector<std::string>{});
}

TEST(Prisma, MissingDecisionIsAnError) {
  Pipeline p;
  Build(&p);
  p.input.full_text.clear();
  auto c = ComputePrisma(p.input);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("3 records have no agreed or resolved full-text decision"), std::string::npos)
      << c.status().message();
}

TEST(Prisma, InvariantFailureNamesInvariantAndNumbers) {
  Pipeline p;
  Build(&p);
  PrismaCounts c = *ComputePrisma(p.input);
  c.records_excluded = 3;
  Status s = CheckPrisma(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "PRISMA counts break 'screened - excluded = sought for retrieval': 6 - 3 = 3, not 4");
  c = *ComputePrisma(p.input);
  c.reports_not_retrieved = -1;
  EXPECT_NE(CheckPrisma(c).message().find("reports not retrieved >= 0"), std::string::npos);
  c = *ComputePrisma(p.input);
  c.duplicates_removed = 2;
  EXPECT_NE(CheckPrisma(c).message().find("identified - removed before screening = screened"), std::string::npos);
}

// The review's own numbers: 3,426 identified (2,904 English records from
// PubMed, 522 Chinese from CNKI and Wanfang together), 3,295 excluded, 131
// included. Duplicates and the full-text stage were not reported separately:
// those boxes are std::nullopt, not 0, and the one exclusion total goes in
// excluded_any_stage.
TEST(Prisma, ReviewsOwnPartialCounts) {
  PrismaCounts c;
  c.databases = {{"PubMed", {Source::kPubMed}, 2904}, {"CNKI + Wanfang", {Source::kCnki, Source::kWanfang}, 522}};
  c.records_from_databases = 3426;
  c.records_from_registers = 0;
  c.excluded_any_stage = 3295;
  c.studies_included = 131;
  EXPECT_TRUE(CheckPrisma(c).ok()) << CheckPrisma(c).ToString();
  const std::vector<std::string> unreported = UnreportedBoxes(c);
  EXPECT_EQ(unreported, (std::vector<std::string>{
                            "duplicates removed", "removed by automation tools", "removed for other reasons",
                            "records screened", "records excluded", "reports sought for retrieval",
                            "reports not retrieved", "reports assessed for eligibility", "reports excluded",
                            "reports of included studies"}));
  c.excluded_any_stage = 3259;  // a transposed digit
  EXPECT_EQ(CheckPrisma(c).message(),
            "PRISMA counts break 'identified - removed - excluded at any stage = studies included': "
            "3426 - 3259 = 167, not 131");
  c.excluded_any_stage = 3295;
  c.databases[1].records = 520;
  EXPECT_FALSE(CheckPrisma(c).ok());
}

}  // namespace
}  // namespace carta::screen
