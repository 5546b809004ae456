#include "carta/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "../evidence/test_util.h"
#include "carta/store/extraction.h"

namespace carta::store {
namespace {

using evidence::BuildFromText;
using evidence::EvidenceBase;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("carta_store_test_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    std::filesystem::remove(path_);
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_;
};

const std::string kCohort =
    "[cohort c1]\nsource = ref 44; Table 3\nproduct = CTL019\nindication = B-ALL\nregistry = NCT02435849\n"
    "n = 79\norr = 81%\nnote orr = as printed\ncrr = 82%\nefs_median = 24 months\npfs_median = NR\n"
    "n = 80 @ ref 44; §2.2.1\n";

TEST_F(StoreTest, RoundTripKeepsEveryValueAndProvenance) {
  auto eb = BuildFromText(evidence::MiniProduct() + kCohort);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  ASSERT_TRUE(SaveEvidence(path_, *eb, "data", "test").ok());
  auto back = LoadEvidence(path_);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->records.size(), eb->records.size());
  for (size_t i = 0; i < eb->records.size(); ++i) {
    const auto& a = eb->records[i];
    const auto& b = back->records[i];
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.id, b.id);
    ASSERT_EQ(a.fields.size(), b.fields.size());
    for (size_t j = 0; j < a.fields.size(); ++j) {
      EXPECT_EQ(a.fields[j].key, b.fields[j].key);
      EXPECT_EQ(a.fields[j].raw, b.fields[j].raw);
      EXPECT_EQ(a.fields[j].prov, b.fields[j].prov);
      EXPECT_EQ(a.fields[j].note, b.fields[j].note);
      EXPECT_EQ(a.fields[j].pos.line, b.fields[j].pos.line);
    }
  }
  const auto* c = back->FindCohort("c1");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->product_id, "kym");
  EXPECT_TRUE(c->First("pfs_median")->median.not_reached);
  EXPECT_EQ(c->Values("n").size(), 2u);
}

TEST_F(StoreTest, InfoCountsRowsAndSchema) {
  auto eb = BuildFromText(evidence::MiniProduct() + kCohort);
  ASSERT_TRUE(SaveEvidence(path_, *eb, "data", "test").ok());
  auto info = Info(path_);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->schema_version, kSchemaVersion);
  EXPECT_EQ(info->data_dir, "data");
  for (const auto& [table, n] : info->counts) {
    if (table == "products") {
      EXPECT_EQ(n, 1);
    }
    if (table == "cohorts") {
      EXPECT_EQ(n, 1);
    }
    if (table == "cohort_values") {
      EXPECT_EQ(n, 6);
    }
  }
}

TEST_F(StoreTest, FailedWriteLeavesThePreviousDatabase) {
  auto good = BuildFromText(evidence::MiniProduct() + kCohort);
  ASSERT_TRUE(SaveEvidence(path_, *good, "data", "test").ok());
  // A base that breaks a PRIMARY KEY half-way through the writes.
  EvidenceBase bad = *good;
  bad.products.push_back(bad.products.front());
  Status s = SaveEvidence(path_, bad, "other", "test");
  ASSERT_FALSE(s.ok());
  auto back = LoadEvidence(path_);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->products.size(), 1u);
  EXPECT_EQ(back->cohorts.size(), 1u);
  EXPECT_EQ(Info(path_)->data_dir, "data");
}

TEST_F(StoreTest, RefusesADatabaseFromANewerCarta) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  auto eb = BuildFromText(evidence::MiniProduct());
  Status s = SaveEvidence(path_, *eb, "data", "test");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("newer carta"), std::string::npos);
  EXPECT_FALSE(LoadEvidence(path_).ok());
}

TEST_F(StoreTest, MissingDatabaseSaysHowToMakeOne) {
  auto r = LoadEvidence(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("carta db build"), std::string::npos);
}

TEST_F(StoreTest, NotADatabaseIsAnErrorNotACrash) {
  {
    FILE* f = std::fopen(path_.c_str(), "w");
    std::fputs("this is not sqlite", f);
    std::fclose(f);
  }
  EXPECT_FALSE(LoadEvidence(path_).ok());
  auto eb = BuildFromText(evidence::MiniProduct());
  EXPECT_FALSE(SaveEvidence(path_, *eb, "data", "test").ok());
}

}  // namespace
}  // namespace carta::store

namespace carta::store {
namespace {

TEST_F(StoreTest, AViewInPlaceOfATableIsRefused) {
  auto eb = BuildFromText(evidence::MiniProduct());
  ASSERT_TRUE(SaveEvidence(path_, *eb, "data", "test").ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "ALTER TABLE records RENAME TO r0; CREATE VIEW records AS WITH RECURSIVE c(x) AS "
                         "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'product', 'p' || x, 'f', x, '' FROM c;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto r = LoadEvidence(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no 'records' table"), std::string::npos) << r.status().message();
}

TEST_F(StoreTest, ARecordTheFormatCannotHoldIsRefused) {
  auto eb = BuildFromText(evidence::MiniProduct());
  ASSERT_TRUE(SaveEvidence(path_, *eb, "data", "test").ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA foreign_keys = OFF; UPDATE records SET id = 'Bad Id,\"x\"' WHERE id = 'kym';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto r = LoadEvidence(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
}

TEST_F(StoreTest, PathsThatAreNotFilesAreRefused) {
  auto eb = BuildFromText(evidence::MiniProduct());
  EXPECT_FALSE(SaveEvidence("", *eb, "data", "test").ok());
  EXPECT_FALSE(SaveEvidence(":memory:", *eb, "data", "test").ok());
  EXPECT_FALSE(LoadEvidence(std::filesystem::temp_directory_path().string()).ok());  // a folder
}

TEST_F(StoreTest, SnapshotIsSharedUntilTheDatabaseIsRebuilt) {
  auto eb = BuildFromText(evidence::MiniProduct() + kCohort);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  ASSERT_TRUE(SaveEvidence(path_, *eb, "data", "test").ok());
  auto a = LoadEvidenceSnapshot(path_);
  auto b = LoadEvidenceSnapshot(path_);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->get(), b->get());  // one object, loaded once
  EXPECT_EQ((*a)->cohorts.size(), 1u);

  auto bigger = BuildFromText(evidence::MiniProduct());
  ASSERT_TRUE(bigger.ok());
  ASSERT_TRUE(SaveEvidence(path_, *bigger, "data", "test").ok());
  auto c = LoadEvidenceSnapshot(path_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_NE(c->get(), a->get());  // rebuilt: loaded again
  EXPECT_TRUE((*c)->cohorts.empty());
  EXPECT_EQ((*a)->cohorts.size(), 1u);  // the old snapshot stays valid for whoever holds it
  auto d = LoadEvidenceSnapshot(path_);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(c->get(), d->get());
}

// A consensus that another process saved and that still lives in the
// write-ahead log (no checkpoint yet: the database file itself is unchanged)
// must reach the next snapshot; the server would otherwise serve the old
// evidence.
TEST_F(StoreTest, SnapshotSeesAConsensusStillInTheWriteAheadLog) {
  auto eb = BuildFromText(evidence::MiniProduct() + kCohort);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  ASSERT_TRUE(SaveEvidence(path_, *eb, "data", "test").ok());
  // A reader in an open transaction keeps the log from being checkpointed
  // into the file when the writer closes, as a busy server's readers do.
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &reader), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(reader, "PRAGMA journal_mode = WAL; BEGIN; SELECT count(*) FROM records;", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  auto before = LoadEvidenceSnapshot(path_);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ((*before)->FindCohort("c2"), nullptr);
  const auto file_size = std::filesystem::file_size(path_);
  const auto file_time = std::filesystem::last_write_time(path_);
  extract::Consensus c{"c2", {}, {}};
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"product", "CTL019"}, {"indication", "B-ALL"}, {"n", "40"}}) {
    c.values.push_back({key, value, {"PMID:31801401", "45", "Table 2", ""}});
  }
  ASSERT_TRUE(SaveConsensus(path_, c).ok());
  // The commit is in the log only: the database file is as it was.
  EXPECT_EQ(std::filesystem::file_size(path_), file_size);
  EXPECT_EQ(std::filesystem::last_write_time(path_), file_time);
  EXPECT_GT(std::filesystem::file_size(path_ + "-wal"), 0u);
  auto after = LoadEvidenceSnapshot(path_);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_NE(after->get(), before->get());
  const auto* c2 = (*after)->FindCohort("c2");
  ASSERT_NE(c2, nullptr);
  ASSERT_TRUE(c2->N().has_value());
  EXPECT_EQ(*c2->N(), 40);
  sqlite3_exec(reader, "COMMIT;", nullptr, nullptr, nullptr);
  sqlite3_close(reader);
}

// Issue 14: a write to the project that is not evidence (a screening
// decision, an import, the review's state) keeps the snapshot, so that a team
// screening does not make the server reload the evidence and drop its cached
// meta-analyses at every decision.
TEST_F(StoreTest, SnapshotIsKeptAcrossWritesThatAreNotEvidence) {
  auto eb = BuildFromText(evidence::MiniProduct() + kCohort);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  ASSERT_TRUE(SaveEvidence(path_, *eb, "data", "test").ok());
  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "PRAGMA journal_mode = WAL;", nullptr, nullptr, nullptr), SQLITE_OK);
  auto before = LoadEvidenceSnapshot(path_);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  const auto wal_size = std::filesystem::file_size(path_ + "-wal");
  ASSERT_EQ(sqlite3_exec(writer, "CREATE TABLE decisions(x); INSERT INTO decisions VALUES(1);", nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_TRUE(SaveState(path_, "stage", "title-abstract").ok());
  EXPECT_GT(std::filesystem::file_size(path_ + "-wal"), wal_size);  // the file did change
  ASSERT_EQ(sqlite3_exec(writer, "PRAGMA wal_checkpoint(TRUNCATE);", nullptr, nullptr, nullptr), SQLITE_OK);
  auto after = LoadEvidenceSnapshot(path_);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->get(), before->get());
  sqlite3_close(writer);
}

TEST_F(StoreTest, SnapshotOfAMissingDatabaseFails) {
  auto s = LoadEvidenceSnapshot(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, BuildDatabaseLoadsTheDataFolder) {
  auto summary = BuildDatabase(path_, CARTA_SOURCE_DIR "/data", "test");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->products, 11);
  EXPECT_GT(summary->cohorts, 0);
  auto eb = LoadEvidenceSnapshot(path_);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  EXPECT_EQ(static_cast<long>((*eb)->cohorts.size()), summary->cohorts);
  auto missing = BuildDatabase(path_, CARTA_SOURCE_DIR "/no-such-folder", "test");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nothing was written to " + path_), std::string::npos);
}

// Issue 18: a citation or note holding " @" was accepted by db build, and
// then every load failed (FormatRecords/ParseRecords split at the last " @").
TEST_F(StoreTest, ProvenanceHoldingAtSurvivesTheReload) {
  const std::string cohort =
      "[cohort c1]\nsource = \"Smith @ ASH 2020\"; Table 3; mail a @ b \\ c\nproduct = CTL019\nindication = B-ALL\n"
      "n = 79\nnote n = counted @ cutoff\norr = 81% @ ref 44; Table 2\n";
  auto eb = BuildFromText(evidence::MiniProduct() + cohort);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  ASSERT_TRUE(SaveEvidence(path_, *eb, "data", "test").ok());
  auto back = LoadEvidence(path_);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const auto* c = back->FindCohort("c1");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->First("n")->prov.citation, "Smith @ ASH 2020");
  EXPECT_EQ(c->First("n")->prov.extra, "mail a @ b \\ c");
  EXPECT_EQ(c->First("n")->note, "counted @ cutoff");
  EXPECT_EQ(*c->N(), 79);
}

long ScalarOf(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  long out = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    out = static_cast<long>(sqlite3_column_int64(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

const char kHasIndex[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'observations_by_record'";

// Issue 18: without an index on observations(kind, record_id) loading is
// quadratic; a database of schema 2 gets it on its next load.
TEST_F(StoreTest, SchemaTwoIsMigratedToTheObservationsIndex) {
  ASSERT_TRUE(BuildDatabase(path_, CARTA_SOURCE_DIR "/data", "test").ok());
  EXPECT_EQ(ScalarOf(path_, kHasIndex), 1);
  EXPECT_EQ(ScalarOf(path_, "PRAGMA user_version"), kSchemaVersion);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "DROP INDEX observations_by_record; PRAGMA user_version = 2", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto eb = LoadEvidence(path_);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  EXPECT_EQ(ScalarOf(path_, kHasIndex), 1);
  EXPECT_EQ(ScalarOf(path_, "PRAGMA user_version"), 3);
  // The query plan uses it.
  sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw,
                               "EXPLAIN QUERY PLAN SELECT key FROM observations WHERE kind = 'cohort' AND "
                               "record_id = 'x' ORDER BY seq",
                               -1, &st, nullptr),
            SQLITE_OK);
  std::string plan;
  while (sqlite3_step(st) == SQLITE_ROW) plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
  sqlite3_finalize(st);
  sqlite3_close(raw);
  EXPECT_NE(plan.find("observations_by_record"), std::string::npos) << plan;
}

// Issue 18: a writer killed inside its transaction leaves a hot journal; the
// evidence commands, which open read-only, failed with "attempt to write a
// readonly database" until some writer opened the file.
TEST_F(StoreTest, AHotJournalLeftByAKilledWriterIsRolledBack) {
  ASSERT_TRUE(BuildDatabase(path_, CARTA_SOURCE_DIR "/data", "test").ok());
  const long observations = ScalarOf(path_, "SELECT count(*) FROM observations");
  ASSERT_GT(observations, 100);
  pid_t pid = ::fork();
  if (pid == 0) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    // A small cache spills the change into the database file before COMMIT.
    sqlite3_exec(db, "PRAGMA cache_size = 2; BEGIN IMMEDIATE; DELETE FROM observations; DELETE FROM records;",
                 nullptr, nullptr, nullptr);
    ::kill(::getpid(), SIGKILL);
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_TRUE(std::filesystem::exists(path_ + "-journal"));
  ASSERT_GT(std::filesystem::file_size(path_ + "-journal"), 0u);
  auto eb = LoadEvidence(path_);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  EXPECT_GT(eb->cohorts.size(), 0u);
  EXPECT_EQ(ScalarOf(path_, "SELECT count(*) FROM observations"), observations);  // the old state
  EXPECT_EQ(ScalarOf(path_, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
  auto info = Info(path_);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  std::filesystem::remove(path_ + "-journal");
}

}  // namespace
}  // namespace carta::store
