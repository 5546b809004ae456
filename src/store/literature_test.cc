#include "carta/biblio/write.h"
#include "carta/store/literature.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../evidence/test_util.h"
#include "carta/search/query.h"
#include "carta/store/store.h"

namespace carta::store {
namespace {

const char kMedline[] =
    "PMID- 100\nTI  - CAR-T cells in lymphoma.\nDP  - 2020 Mar\nFAU - Smith, John\nAU  - Smith J\nLA  - eng\n"
    "MH  - *Receptors, Chimeric Antigen/therapeutic use\nPT  - Journal Article\n\n"
    "PMID- 101\nTI  - Cytokine release syndrome after CAR-T.\nDP  - 2021\nAU  - Lee D\nAID - 10.1000/XYZ [doi]\n";

const char kGoodXml[] =
    "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>200</PMID><Article><ArticleTitle>Axicabtagene "
    "ciloleucel in large B-cell lymphoma</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
    "<DeleteCitation><PMID>100</PMID><PMID>999</PMID></DeleteCitation></PubmedArticleSet>\n";

// Two good articles, then the file breaks off in the middle of a third.
const char kBrokenXml[] =
    "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>300</PMID><Article><ArticleTitle>One</ArticleTitle>"
    "</Article></MedlineCitation></PubmedArticle><PubmedArticle><MedlineCitation><PMID>301</PMID><Article>"
    "<ArticleTitle>Two</ArticleTitle></Article></MedlineCitation></PubmedArticle><PubmedArticle><MedlineCit";

class LiteratureStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("carta_lit_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "carta.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  Literature OpenOrDie() {
    auto lit = Literature::Open(db_);
    EXPECT_TRUE(lit.ok()) << lit.status().ToString();
    return std::move(*lit);
  }
  long Count(Literature& lit) { return static_cast<long>(lit.Records(true)->size()); }
  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(LiteratureStore, RecordJsonReadsBackExactly) {
  biblio::Record r;
  r.pmid = "1";
  r.title = "Tïtle \"quoted\" 嵌合抗原受体";
  r.authors = {"Smith, John", "张三"};
  r.year = 2020;
  r.month = 3;
  r.mesh = {{"Lymphoma", true, {"therapy", "genetics"}}};
  r.publication_types = {"Review"};
  r.source = biblio::Source::kCnki;
  r.origin = "f.txt:3";
  auto back = biblio::RecordFromJson(biblio::RecordToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(biblio::RecordToJson(*back), biblio::RecordToJson(r));
  EXPECT_EQ(back->mesh[0].qualifiers[1], "genetics");
  EXPECT_EQ(back->source, biblio::Source::kCnki);
  EXPECT_FALSE(biblio::RecordFromJson("{\"pmid\": 1}").ok());
}

TEST_F(LiteratureStore, ImportAddsRecordsOnceAndCountsWhatWasPresent) {
  auto lit = OpenOrDie();
  const std::string f = Write("a.nbib", kMedline);
  auto s = lit.Import(f, biblio::Format::kAuto, biblio::Source::kPubMed, nullptr);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->format, biblio::Format::kMedline);
  EXPECT_EQ(s->read, 2);
  EXPECT_EQ(s->added, 2);
  auto again = lit.Import(f, biblio::Format::kAuto, biblio::Source::kPubMed, nullptr);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->present, 2);
  EXPECT_EQ(again->present_ids.front(), "pmid:100");
  // The same export said to come from another database is identified there too.
  auto other = lit.Import(f, biblio::Format::kMedline, biblio::Source::kEmbase, nullptr);
  EXPECT_EQ(other->added, 2);
  auto records = lit.Records();
  ASSERT_EQ(records->size(), 4u);
  EXPECT_EQ((*records)[0].id, 1);
  EXPECT_EQ((*records)[0].record.mesh[0].descriptor, "Receptors, Chimeric Antigen");
  EXPECT_EQ((*records)[1].record.doi, "10.1000/xyz");
  EXPECT_EQ(lit.Imports()->size(), 3u);
}

// What a running server compares to know that its screening queue is stale:
// records, duplicates and criteria change it; a decision does not.
TEST_F(LiteratureStore, ScreeningStampChangesWithRecordsDuplicatesAndCriteria) {
  auto lit = OpenOrDie();
  auto empty = lit.ScreeningStamp();
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  ASSERT_TRUE(lit.Import(Write("a.nbib", kMedline), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr).ok());
  const std::string imported = *lit.ScreeningStamp();
  EXPECT_NE(imported, *empty);
  screen::Decision d;
  d.record = 1;
  d.reviewer = "ann";
  d.verdict = screen::Verdict::kInclude;
  d.time_utc = "2026-12-05T08:00:00Z";
  auto decided = lit.AddDecisions({d});
  ASSERT_TRUE(decided.ok()) << decided.ToString();
  EXPECT_EQ(*lit.ScreeningStamp(), imported);
  StoredCluster c;
  c.cluster = 1;
  c.members = {1, 2};
  c.keep = 1;
  ASSERT_TRUE(lit.SaveClusters({c}).ok());
  const std::string deduplicated = *lit.ScreeningStamp();
  EXPECT_NE(deduplicated, imported);
  ASSERT_TRUE(lit.SaveClusters({c}).ok());  // the same generation, saved again (an override, say)
  const std::string again = *lit.ScreeningStamp();
  EXPECT_NE(again, deduplicated);
  ASSERT_TRUE(lit.SaveCriteria("criteria.txt", "include: adults\n").ok());
  EXPECT_NE(*lit.ScreeningStamp(), again);
}

TEST_F(LiteratureStore, FailedImportInTheMiddleLeavesTheProjectAsItWas) {
  auto lit = OpenOrDie();
  ASSERT_TRUE(lit.Import(Write("a.nbib", kMedline), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr).ok());
  const long generation = *lit.Generation();
  auto bad = lit.Import(Write("b.xml", kBrokenXml), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("b.xml"), std::string::npos) << bad.status().message();
  EXPECT_EQ(Count(lit), 2);
  EXPECT_EQ(lit.Imports()->size(), 1u);
  EXPECT_EQ(*lit.Generation(), generation);
  // The index was not touched either: it is current without a rebuild.
  auto index = lit.OpenIndex();
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->rebuilt_why, "");
  EXPECT_EQ(index->index.num_docs(), 2u);
  // A reopened database agrees.
  auto reopened = OpenOrDie();
  EXPECT_EQ(Count(reopened), 2);
}

TEST_F(LiteratureStore, DeleteCitationMarksThePubmedRecordDeleted) {
  auto lit = OpenOrDie();
  ASSERT_TRUE(lit.Import(Write("a.nbib", kMedline), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr).ok());
  auto s = lit.Import(Write("u.xml", kGoodXml), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->added, 1);
  EXPECT_EQ(s->deleted, 1);
  EXPECT_EQ(s->unknown_deletes, std::vector<std::string>{"999"});
  EXPECT_EQ(lit.Records(false)->size(), 2u);
  EXPECT_EQ(lit.Records(true)->size(), 3u);
  EXPECT_TRUE(lit.Find(1)->deleted);
  EXPECT_FALSE(lit.Find(7).ok());
}

TEST_F(LiteratureStore, IndexIsIncrementalAndRebuiltWhenMissingStaleOrCorrupt) {
  auto lit = OpenOrDie();
  ASSERT_TRUE(lit.Import(Write("a.nbib", kMedline), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr).ok());
  ASSERT_TRUE(lit.Import(Write("u.xml", kGoodXml), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr).ok());
  auto q = search::ParsePubmed("lymphoma[ti]");
  ASSERT_TRUE(q.ok());
  auto current = lit.OpenIndex();
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->rebuilt_why, "");
  EXPECT_EQ(current->index.num_segments(), 2u);
  EXPECT_EQ(current->index.Search(*q).docs, (std::vector<uint32_t>{0, 2}));
  // Corrupt: one byte flipped.
  {
    std::fstream f(lit.index_path(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(40);
    f.put('\x7f');
  }
  auto rebuilt = lit.OpenIndex();
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_NE(rebuilt->rebuilt_why, "");
  EXPECT_EQ(rebuilt->index.Search(*q).docs, (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(lit.OpenIndex()->rebuilt_why, "");  // the rebuilt file was saved
  std::filesystem::remove(lit.index_path());
  EXPECT_NE(lit.OpenIndex()->rebuilt_why.find("no index file"), std::string::npos);
  // Stale: an index written for another generation (a commit whose index update never happened).
  std::filesystem::copy_file(lit.index_path(), (dir_ / "old.index").string());
  ASSERT_TRUE(lit.Import(Write("c.nbib", "PMID- 500\nTI  - Lymphoma again.\n"), biblio::Format::kAuto,
                         biblio::Source::kPubMed, nullptr).ok());
  std::filesystem::copy_file((dir_ / "old.index").string(), lit.index_path(),
                             std::filesystem::copy_options::overwrite_existing);
  auto stale = lit.OpenIndex();
  EXPECT_NE(stale->rebuilt_why.find("stale"), std::string::npos) << stale->rebuilt_why;
  EXPECT_EQ(stale->index.Search(*q).docs, (std::vector<uint32_t>{0, 2, 3}));
}

TEST_F(LiteratureStore, HistoryNumbersSearchesAndClears) {
  auto lit = OpenOrDie();
  EXPECT_EQ(*lit.AddSearch("pubmed", "car t[tiab]", 3), 1);
  EXPECT_EQ(*lit.AddSearch("cnki", "SU='淋巴瘤'", 0), 2);
  auto h = lit.History();
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[1].syntax, "cnki");
  EXPECT_EQ((*h)[1].query, "SU='淋巴瘤'");
  ASSERT_TRUE(lit.ClearHistory().ok());
  EXPECT_TRUE(lit.History()->empty());
  EXPECT_EQ(*lit.AddSearch("pubmed", "x", 0), 1);
}

TEST_F(LiteratureStore, AddSearchesNumbersFromTheDatabaseInOneTransaction) {
  auto lit = OpenOrDie();
  ASSERT_TRUE(lit.AddSearch("pubmed", "a[tiab]", 1).ok());
  ASSERT_TRUE(lit.AddSearch("pubmed", "b[tiab]", 2).ok());
  long told = 0;
  size_t seen = 0;
  auto added = lit.AddSearches([&](const std::vector<SearchEntry>& history, long first) -> Result<std::vector<SearchEntry>> {
    told = first;
    seen = history.size();
    // The planner's own numbers are ignored: the database numbers the rows.
    return std::vector<SearchEntry>{{99, "pubmed", "#1 AND #2", 1, ""}, {99, "cnki", "SU='x'", 0, ""}};
  });
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(told, 3);
  EXPECT_EQ(seen, 2u);
  ASSERT_EQ(added->size(), 2u);
  EXPECT_EQ((*added)[0].number, 3);
  EXPECT_EQ((*added)[1].number, 4);
  EXPECT_FALSE((*added)[1].time_utc.empty());
  auto h = lit.History();
  ASSERT_EQ(h->size(), 4u);
  EXPECT_EQ((*h)[3].query, "SU='x'");
}

TEST_F(LiteratureStore, AddSearchesThatFailLeaveTheHistoryAsItWas) {
  auto lit = OpenOrDie();
  ASSERT_TRUE(lit.AddSearch("pubmed", "a[tiab]", 1).ok());
  // The plan fails on its third line.
  auto planned = lit.AddSearches([](const std::vector<SearchEntry>&, long) -> Result<std::vector<SearchEntry>> {
    return Status::InvalidArgument("strategy.txt:3: column 4: unbalanced parenthesis");
  });
  EXPECT_FALSE(planned.ok());
  // An insert fails half way: the first line was written in the transaction, then rolled back.
  auto half = lit.AddSearches([](const std::vector<SearchEntry>&, long) -> Result<std::vector<SearchEntry>> {
    return std::vector<SearchEntry>{{0, "pubmed", "b[tiab]", 1, ""}, {0, "embase", "c", 1, ""}};
  });
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.status().location().field, "syntax");
  auto h = lit.History();
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].query, "a[tiab]");
  EXPECT_EQ(*lit.AddSearch("pubmed", "d", 0), 2);
}

TEST_F(LiteratureStore, RecordJsonOfOlderDatabasesStillReads) {
  // Before the one record codec, unknown date parts were stored as 0 and keys sorted.
  const char* old_shape =
      R"({"abstract":"","authors":["Lee D"],"cnki_id":"","date_text":"","day":0,"doi":"10.1/x","issue":"",)"
      R"("journal":"J","keywords":[],"language":"eng","mesh":[],"month":0,"origin":"a.nbib:1","pages":"",)"
      R"("pmid":"7","publication_types":[],"source":"pubmed","title":"T","volume":"","year":2021})";
  auto r = biblio::RecordFromJson(old_shape);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->year, 2021);
  EXPECT_EQ(r->month, 0);
  EXPECT_EQ(r->doi, "10.1/x");
  auto again = biblio::RecordFromJson(biblio::RecordToJson(*r));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(biblio::RecordToJson(*again), biblio::RecordToJson(*r));
  EXPECT_NE(biblio::RecordToJson(*r).find(R"("month":null)"), std::string::npos);
}

TEST_F(LiteratureStore, DecisionsOverridesClustersAndCriteriaRoundTrip) {
  auto lit = OpenOrDie();
  ASSERT_TRUE(lit.Import(Write("a.nbib", kMedline), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr).ok());
  screen::Decision d{2, "ann", screen::Stage::kFullText, screen::Verdict::kExclude, "wrong population",
                     "2024-01-01T00:00:00Z"};
  ASSERT_TRUE(lit.AddDecisions({d}).ok());
  d.record = 9;
  EXPECT_FALSE(lit.AddDecisions({d}).ok());
  auto ds = lit.Decisions();
  ASSERT_EQ(ds->size(), 1u);
  EXPECT_EQ((*ds)[0].reason, "wrong population");
  EXPECT_EQ((*ds)[0].stage, screen::Stage::kFullText);
  EXPECT_FALSE(lit.AddOverride(screen::OverrideKind::kMerge, 1, 1).ok());
  EXPECT_FALSE(lit.AddOverride(screen::OverrideKind::kMerge, 1, 5).ok());
  ASSERT_TRUE(lit.AddOverride(screen::OverrideKind::kKeepApart, 2, 1).ok());
  EXPECT_EQ(lit.Overrides()->at(0).a, 1);
  long gen = 0;
  EXPECT_TRUE(lit.Clusters(&gen)->empty());
  EXPECT_EQ(gen, -1);
  ASSERT_TRUE(lit.SaveClusters({{1, {1, 2}, 1, {{1, 2, "same title", 1.0}}}}).ok());
  auto cl = lit.Clusters(&gen);
  ASSERT_EQ(cl->size(), 1u);
  EXPECT_EQ(cl->at(0).keep, 1);
  EXPECT_EQ(cl->at(0).links.at(0).reason, "same title");
  EXPECT_EQ(gen, *lit.Generation());
  EXPECT_FALSE(lit.Criteria()->has_value());
  ASSERT_TRUE(lit.SaveCriteria("c.txt", "years 2010-2024\n").ok());
  EXPECT_EQ(lit.Criteria()->value().text, "years 2010-2024\n");
  std::string resolver;
  ASSERT_TRUE(lit.SetReviewers({"ann", "bob"}, "cat").ok());
  EXPECT_EQ(*lit.Reviewers(&resolver), (std::vector<std::string>{"ann", "bob"}));
  EXPECT_EQ(resolver, "cat");
}

TEST_F(LiteratureStore, DbBuildKeepsTheLiteratureAndVersionOneIsMigrated) {
  auto eb = evidence::BuildFromText(evidence::MiniProduct());
  ASSERT_TRUE(eb.ok());
  ASSERT_TRUE(SaveEvidence(db_, *eb, "data", "test").ok());
  {  // A database as carta 0.1 wrote it: schema 1, evidence only.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version = 1", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  ASSERT_TRUE(LoadEvidence(db_).ok());
  {
    auto lit = OpenOrDie();
    ASSERT_TRUE(lit.Import(Write("a.nbib", kMedline), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr).ok());
  }
  EXPECT_EQ(Info(db_)->schema_version, kSchemaVersion);
  auto back = LoadEvidence(db_);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->products.size(), 1u);
  ASSERT_TRUE(SaveEvidence(db_, *eb, "data", "test").ok());  // carta db build again
  auto lit = OpenOrDie();
  EXPECT_EQ(Count(lit), 2);
  EXPECT_EQ(lit.OpenIndex()->rebuilt_why, "");
}

TEST_F(LiteratureStore, LiteratureFirstThenDbBuild) {
  {
    auto lit = OpenOrDie();
    ASSERT_TRUE(lit.Import(Write("a.nbib", kMedline), biblio::Format::kAuto, biblio::Source::kPubMed, nullptr).ok());
  }
  auto none = LoadEvidence(db_);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("carta db build"), std::string::npos);
  auto eb = evidence::BuildFromText(evidence::MiniProduct());
  ASSERT_TRUE(SaveEvidence(db_, *eb, "data", "test").ok());
  EXPECT_TRUE(LoadEvidence(db_).ok());
  auto lit = OpenOrDie();
  EXPECT_EQ(Count(lit), 2);
}

TEST_F(LiteratureStore, RefusesNewerSchemaAndNonFiles) {
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  auto lit = Literature::Open(db_);
  ASSERT_FALSE(lit.ok());
  EXPECT_NE(lit.status().message().find("newer carta"), std::string::npos);
  EXPECT_FALSE(Literature::Open(dir_.string()).ok());
  EXPECT_FALSE(Literature::Open(":memory:").ok());
}

// tests/fixtures/lit/lit_schema1.db was written by the carta of commit 1c49111
// (lit_schema 1, four sources): `carta lit import wos.txt pubmed.nbib` of
// tests/fixtures/lit/sixdb, every record then "other".
TEST_F(LiteratureStore, OpensAndMigratesAVersion1File) {
  const std::string sixdb = std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/lit/sixdb/";
  std::filesystem::copy_file(std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/lit/lit_schema1.db", db_);
  auto lit = OpenOrDie();
  auto records = lit.Records();
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 5u);
  for (const LitRecord& r : *records) {
    const bool from_wos = r.record.origin.starts_with("wos.txt");
    EXPECT_EQ(r.record.source, from_wos ? biblio::Source::kWos : biblio::Source::kPubMed) << r.record.origin;
  }
  auto imports = lit.Imports();
  ASSERT_TRUE(imports.ok());
  EXPECT_EQ((*imports)[0].source, biblio::Source::kWos);
  EXPECT_EQ((*imports)[1].source, biblio::Source::kPubMed);
  // Re-importing the same exports finds them present under their new sources.
  auto again = lit.Import(sixdb + "pubmed.nbib", biblio::Format::kAuto, biblio::Source::kOther, nullptr);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->source, biblio::Source::kPubMed);
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->present, 3);
  // The index cache was of the old generation: it is rebuilt, and finds records by the migrated data.
  auto index = lit.OpenIndex();
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  // Opening a migrated file again changes nothing.
  auto gen = lit.Generation();
  auto reopened = OpenOrDie();
  EXPECT_EQ(*reopened.Generation(), *gen);
}

TEST_F(LiteratureStore, RefusesNewerLiteratureSchema) {
  { auto lit = OpenOrDie(); }
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "UPDATE lit_meta SET value = '9' WHERE key = 'lit_schema'", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  auto lit = Literature::Open(db_);
  ASSERT_FALSE(lit.ok());
  EXPECT_NE(lit.status().message().find("lit_schema 9"), std::string::npos);
}

}  // namespace
}  // namespace carta::store

namespace carta::store {
namespace {

// tests/fixtures/lit/lit_schema2.db: written by carta before issue 13 (see
// the README there); its Embase records are keyed by DOI.
TEST_F(LiteratureStore, OpensAVersion2FileAndReimportFindsItsRecordsPresent) {
  const std::string sixdb = std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/lit/sixdb/";
  std::filesystem::copy_file(std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/lit/lit_schema2.db", db_);
  auto lit = OpenOrDie();
  auto records = lit.Records();
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 5u);
  EXPECT_TRUE((*records)[0].record.database_ids.empty());  // stored before carta read them
  EXPECT_EQ((*records)[0].record.record_type, "");
  // Now the Embase export gives a PMID (C5) and an Embase id (U2): still the same records.
  auto again = lit.Import(sixdb + "embase.ris", biblio::Format::kAuto, biblio::Source::kOther, nullptr);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->present, 2);
  EXPECT_EQ(again->present_ids[0], "pmid:31000001");
}

TEST_F(LiteratureStore, ADatabaseIdAloneMakesARecordPresent) {
  const std::string ris = Write("scopus.ris",
                                "TY  - JOUR\nTI  - No DOI here\nPY  - 2020\n"
                                "UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000009&partnerID=40\n"
                                "ER  - \n");
  auto lit = OpenOrDie();
  auto first = lit.Import(ris, biblio::Format::kAuto, biblio::Source::kOther, nullptr);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->added, 1);
  auto second = lit.Import(ris, biblio::Format::kAuto, biblio::Source::kOther, nullptr);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->added, 0);
  EXPECT_EQ(second->present_ids, std::vector<std::string>{"scopus:2-s2.0-85000000009"});
  auto stored = lit.Find(1);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->record.database_ids, (std::vector<biblio::DatabaseId>{{"scopus", "2-s2.0-85000000009"}}));
}

TEST_F(LiteratureStore, MeshImportReplacesTheTreeAndAFailureChangesNothing) {
  const std::string sample = std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/mesh/mesh_sample.xml";
  auto lit = OpenOrDie();
  auto none = lit.LoadMeshTree();
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto sum = lit.ImportMesh(sample, nullptr);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->descriptors, 15);
  EXPECT_EQ(sum->tree_numbers, 19);
  auto tree = lit.LoadMeshTree();
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(tree->size(), 15u);
  EXPECT_EQ(tree->Narrower("lymphoma b cell"),
            (std::vector<std::string>{"burkitt lymphoma", "lymphoma large b cell diffuse"}));
  // A broken file in the middle of its records: the tree stays as it was.
  const std::string broken = Write("desc.xml",
                                   "<DescriptorRecordSet><DescriptorRecord><DescriptorUI>D1</DescriptorUI>"
                                   "<DescriptorName><String>Only</String></DescriptorName></DescriptorRecord>"
                                   "<DescriptorRecord><DescriptorUI>D2</Descr");
  auto failed = lit.ImportMesh(broken, nullptr);
  EXPECT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("desc.xml:1: XML is not well formed"), std::string::npos)
      << failed.status().ToString();
  EXPECT_EQ(lit.LoadMeshTree()->size(), 15u);
}

}  // namespace
}  // namespace carta::store
