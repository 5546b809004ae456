#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <thread>
#include <chrono>
#include <type_traits>

#include "carta/lit/corpus.h"
#include "carta/lit/dedup.h"
#include "carta/lit/export.h"
#include "carta/lit/import.h"
#include "carta/lit/screening.h"
#include "carta/lit/search.h"

namespace carta::lit {
namespace {

// A record id and a corpus index cannot stand for each other.
static_assert(!std::is_convertible_v<RecordId, CorpusIndex>);
static_assert(!std::is_convertible_v<CorpusIndex, RecordId>);
static_assert(!std::is_convertible_v<long, RecordId>);
static_assert(!std::is_convertible_v<uint32_t, CorpusIndex>);

const char kMedline[] =
    "PMID- 100\nTI  - CAR-T cells in lymphoma.\nDP  - 2020 Mar\nFAU - Smith, John\nAU  - Smith J\nLA  - eng\n\n"
    "PMID- 101\nTI  - Cytokine release syndrome after CAR-T.\nDP  - 2021\nAU  - Lee D\nLA  - eng\n\n"
    "PMID- 102\nTI  - Asthma in children.\nDP  - 2019\nAU  - Wu X\nLA  - eng\n";

class StopAtOnce : public Progress {
 public:
  void Update(uint64_t, uint64_t) override {}
  void Finish() override {}
  bool Cancelled() const override { return true; }
};

class LitUseCases : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("carta_lit_uc_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto lit = OpenProject((dir_ / "carta.db").string(), /*create=*/true);
    ASSERT_TRUE(lit.ok()) << lit.status().ToString();
    lit_ = std::make_unique<store::Literature>(std::move(*lit));
    ImportRequest request;
    request.files = {Write("a.nbib", kMedline)};
    request.source = biblio::Source::kPubMed;
    const ImportResult r = Import(*lit_, request);
    ASSERT_TRUE(r.files.at(0).status.ok()) << r.files[0].status.ToString();
  }
  void TearDown() override {
    lit_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::filesystem::path dir_;
  std::unique_ptr<store::Literature> lit_;
};

TEST(LitProject, MissingDatabaseIsNotCreated) {
  const std::string path = (std::filesystem::temp_directory_path() / "carta_lit_no_such.db").string();
  auto lit = OpenProject(path);
  ASSERT_FALSE(lit.ok());
  EXPECT_EQ(lit.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(lit.status().location().field, "db");
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(LitUseCases, SearchIsNumberedAndShowsTheFirstRecords) {
  auto r = Search(*lit_, {"car-t[tiab]", false, 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->number, 1);
  EXPECT_EQ(r->run.records, (std::vector<RecordId>{{1}, {2}}));
  ASSERT_EQ(r->shown.size(), 1u);
  EXPECT_EQ(r->shown[0].first_author, "Smith, John");
  auto again = Search(*lit_, {"#1AND 2021[dp]", false, 10});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->number, 2);
  EXPECT_EQ(again->run.query, "#1 AND 2021[dp]");
  EXPECT_EQ(again->run.records, (std::vector<RecordId>{{2}}));
  ASSERT_EQ(again->notes.size(), 1u);  // the run-in operator read differently
}

// The index is decoded once per state of the project: the same object until
// an import changes the records, and a project made again at the same path
// never sees the old one's index.
TEST_F(LitUseCases, TheIndexIsSharedUntilTheRecordsChange) {
  std::vector<std::string> notes;
  auto a = LoadIndex(*lit_, &notes);
  auto b = LoadIndex(*lit_, &notes);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_EQ((*a)->num_docs(), 3u);

  ImportRequest request;
  request.files = {Write("more.nbib", "PMID- 300\nTI  - CAR-T in myeloma.\nDP  - 2022\n")};
  request.source = biblio::Source::kPubMed;
  ASSERT_TRUE(Import(*lit_, request).files.at(0).status.ok());
  auto c = LoadIndex(*lit_, &notes);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto generation_before = lit_->Generation();
  ASSERT_TRUE(generation_before.ok());
  EXPECT_NE(c->get(), a->get());
  EXPECT_EQ((*c)->num_docs(), 4u);
  EXPECT_EQ((*a)->num_docs(), 3u);  // whoever holds the old index keeps it whole
  auto found = Search(*lit_, {"myeloma[ti]", false, 10});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->run.records, (std::vector<RecordId>{{4}}));

  // The same path, a new project with other records at the same generation.
  const std::string path = lit_->path();
  lit_.reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + ".index");
  auto fresh = OpenProject(path, /*create=*/true);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  lit_ = std::make_unique<store::Literature>(std::move(*fresh));
  request.files = {Write("other.nbib", "PMID- 900\nTI  - Asthma and myeloma.\nDP  - 2020\n"
                                       "PMID- 901\nTI  - Asthma.\nDP  - 2020\n"
                                       "PMID- 902\nTI  - Asthma again.\nDP  - 2020\n")};
  ASSERT_TRUE(Import(*lit_, request).files.at(0).status.ok());
  request.files = {Write("other2.nbib", "PMID- 903\nTI  - Asthma once more.\nDP  - 2020\n")};
  ASSERT_TRUE(Import(*lit_, request).files.at(0).status.ok());
  auto generation = lit_->Generation();
  ASSERT_TRUE(generation.ok());
  EXPECT_EQ(*generation, *generation_before);  // the key's generation alone cannot tell them apart
  auto old_generation_index = LoadIndex(*lit_, &notes);
  ASSERT_TRUE(old_generation_index.ok());
  EXPECT_NE(old_generation_index->get(), c->get());
  auto other = Search(*lit_, {"asthma[ti]", false, 10});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(other->run.records, (std::vector<RecordId>{{1}, {2}, {3}, {4}}));
}

TEST_F(LitUseCases, AMalformedQueryCarriesItsColumnAsData) {
  std::string failed;
  auto r = Search(*lit_, {"car t[tiabx]", false, 10}, &failed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().column, 6);
  EXPECT_EQ(r.status().location().field, "query");
  EXPECT_EQ(failed, "car t[tiabx]");
  EXPECT_TRUE(lit_->History()->empty());
}

TEST_F(LitUseCases, AStrategyIsNumberedByTheDatabaseAndRenumbered) {
  ASSERT_TRUE(lit_->AddSearch("pubmed", "lymphoma[tiab]", 1).ok());
  auto r = RunStrategy(*lit_, {"s.txt", "# comment\n#1 car-t[tiab]\n#2 2021[dp]\n#3 #1 AND #2\n", false});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->lines.size(), 3u);
  EXPECT_EQ(r->lines[0].number, 2);
  EXPECT_EQ(r->lines[0].line, 2);
  EXPECT_EQ(r->lines[2].number, 4);
  EXPECT_EQ(r->lines[2].query, "#2 AND #3");
  EXPECT_EQ(r->lines[2].count, 1);
  auto h = lit_->History();
  ASSERT_EQ(h->size(), 4u);
  EXPECT_EQ((*h)[3].query, "#2 AND #3");
}

TEST_F(LitUseCases, AStrategyWithABadLineAddsNothing) {
  ASSERT_TRUE(lit_->AddSearch("pubmed", "lymphoma[tiab]", 1).ok());
  std::string failed;
  auto r = RunStrategy(*lit_, {"s.txt", "#1 car-t[tiab]\n#2 2021[dp]\n#3 #1 AND (#2\n", false}, &failed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().file, "s.txt");
  EXPECT_EQ(r.status().location().line, 3);
  EXPECT_GT(r.status().location().column, 0);
  EXPECT_EQ(failed, "#2 AND (#3");
  EXPECT_NE(r.status().message().find("nothing of the strategy was added"), std::string::npos);
  EXPECT_EQ(lit_->History()->size(), 1u);
  auto twice = RunStrategy(*lit_, {"s.txt", "#1 car-t[tiab]\n#1 2021[dp]\n", false});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().location().line, 2);
  EXPECT_EQ(lit_->History()->size(), 1u);
}

TEST_F(LitUseCases, ACancelledImportAddsNothing) {
  ImportRequest request;
  request.files = {Write("b.nbib", "PMID- 200\nTI  - Another.\nDP  - 2022\n")};
  const ImportResult r = Import(*lit_, request, [](const std::string&) { return std::make_unique<StopAtOnce>(); });
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files[0].status.code(), StatusCode::kCancelled);
  EXPECT_EQ(r.Failed(), request.files);
  EXPECT_EQ(lit_->Records()->size(), 3u);
}

TEST_F(LitUseCases, ADamagedFileSaysWhereAsData) {
  ImportRequest request;
  request.files = {Write("bad.xml", "<PubmedArticleSet><PubmedArticle><MedlineCit")};
  request.format = biblio::Format::kPubmedXml;
  const ImportResult r = Import(*lit_, request);
  ASSERT_FALSE(r.files[0].status.ok());
  EXPECT_EQ(r.files[0].status.location().file, request.files[0]);
  EXPECT_GT(r.files[0].status.location().line, 0);
  EXPECT_EQ(lit_->Records()->size(), 3u);
}

TEST_F(LitUseCases, OverridesAreCheckedWithTheirField) {
  DedupRequest same;
  same.merge = {{RecordId{4}, RecordId{4}}};
  EXPECT_EQ(CheckOverrides(same).location().field, "merge");
  DedupRequest both;
  both.merge = {{RecordId{1}, RecordId{2}}};
  both.keep_apart = {{RecordId{2}, RecordId{1}}};
  EXPECT_FALSE(CheckOverrides(both).ok());
  DedupRequest unknown;
  unknown.merge = {{RecordId{1}, RecordId{99}}};
  EXPECT_EQ(Deduplicate(*lit_, unknown).status().code(), StatusCode::kNotFound);
  auto r = Deduplicate(*lit_, DedupRequest{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->records, 3);
  EXPECT_FALSE(r->applied);
}

TEST_F(LitUseCases, CriteriaErrorsSayFileAndLine) {
  auto bad = SetCriteria(*lit_, {"c.txt", "years 2020-\nexclude-query car t[tiabx]\n"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().file, "c.txt");
  EXPECT_EQ(bad.status().location().line, 2);
  EXPECT_EQ(bad.status().location().column, 6);
  auto good = SetCriteria(*lit_, {"c.txt", "years 2020-\n"});
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->excluded, 1);
  EXPECT_EQ(good->to_screen, 2);
}

TEST_F(LitUseCases, DecisionsConflictsAndStatus) {
  EXPECT_EQ(Decide(*lit_, {{RecordId{1}}, "  ", screen::Stage::kTitleAbstract, screen::Verdict::kInclude, ""})
                .status()
                .location()
                .field,
            "reviewer");
  ASSERT_TRUE(Decide(*lit_, {{RecordId{1}, RecordId{2}}, "ann", screen::Stage::kTitleAbstract,
                             screen::Verdict::kInclude, ""}).ok());
  ASSERT_TRUE(Decide(*lit_, {{RecordId{1}}, "bob", screen::Stage::kTitleAbstract, screen::Verdict::kExclude, "no"}).ok());
  EXPECT_EQ(Decide(*lit_, {{RecordId{9}}, "bob", screen::Stage::kTitleAbstract, screen::Verdict::kExclude, ""})
                .status()
                .code(),
            StatusCode::kNotFound);
  auto c = Conflicts(*lit_, screen::Stage::kTitleAbstract);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->conflicts.size(), 1u);
  EXPECT_EQ(c->conflicts[0].id, RecordId{1});
  EXPECT_EQ(c->conflicts[0].second, "exclude (no)");
  auto st = ScreeningStatus(*lit_);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->title_abstract.conflicts, 1);
  EXPECT_EQ(st->title_abstract.pending, 2);
  EXPECT_EQ(st->title_abstract.decided_by.at("ann"), 2);
  EXPECT_EQ(SetReviewers(*lit_, {{"ann", "ann"}, ""}).location().field, "reviewers");
  EXPECT_EQ(SetReviewers(*lit_, {{"ann", "bob"}, "ann"}).location().field, "resolver");
}

TEST_F(LitUseCases, ExportSelectsBySearchOrIds) {
  auto all = Export(*lit_, {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->records.size(), 3u);
  auto hits = Export(*lit_, {"asthma[tiab]", false, {}});
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->records.size(), 1u);
  EXPECT_EQ(hits->records[0].pmid, "102");
  EXPECT_TRUE(lit_->History()->empty());  // an export's query is not added to the history
  EXPECT_EQ(Export(*lit_, {"", false, {RecordId{7}}}).status().location().field, "ids");
  EXPECT_EQ(ParseStage("abstract").status().location().field, "stage");
}

// Issue 18: a non-UTF-8 name was stored and then broke `lit screen --status`.
TEST_F(LitUseCases, ANameThatIsNotUtf8IsRefusedWithItsField) {
  auto d = Decide(*lit_, {{RecordId{1}}, "ann\xff", screen::Stage::kTitleAbstract, screen::Verdict::kInclude, ""});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().location().field, "reviewer");
  EXPECT_EQ(Decide(*lit_, {{RecordId{1}}, "ann", screen::Stage::kTitleAbstract, screen::Verdict::kExclude, "x\xc3"})
                .status()
                .location()
                .field,
            "reason");
  EXPECT_EQ(Next(*lit_, {"\xfe\xfe", 1}).status().location().field, "reviewer");
  EXPECT_EQ(SetReviewers(*lit_, {{"ann", "b\x80ob"}, ""}).location().field, "reviewers");
  EXPECT_EQ(SetReviewers(*lit_, {{"ann", "bob"}, "c\xe2\x82"}).location().field, "resolver");
  EXPECT_TRUE(lit_->Decisions()->empty());
  EXPECT_TRUE(Decide(*lit_, {{RecordId{1}}, "Zoë 张", screen::Stage::kTitleAbstract, screen::Verdict::kInclude, ""}).ok());
  EXPECT_TRUE(ScreeningStatus(*lit_).ok());
}

// Issue 18: `lit export --out` renamed over whatever was there (a symlink, a
// FIFO, a device) through a predictable temporary name.
TEST_F(LitUseCases, ExportFileRefusesWhatIsNotARegularFile) {
  const std::string fifo = (dir_ / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Status s = WriteExportFile(fifo, "TY  - JOUR\nER  - \n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_EQ(s.location().field, "out");
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));

  const std::string target = Write("target.txt", "keep me");
  const std::string link = (dir_ / "link.ris").string();
  std::filesystem::create_symlink(target, link);
  EXPECT_EQ(WriteExportFile(link, "new").location().field, "out");
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  std::ifstream in(target);
  std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, "keep me");
  EXPECT_FALSE(WriteExportFile(dir_.string(), "new").ok());  // a folder

  // A regular file is replaced; a new one is created; no temporary file stays.
  const std::string out = Write("out.ris", "old");
  ::chmod(out.c_str(), 0640);
  ASSERT_TRUE(WriteExportFile(out, "new text").ok());
  std::ifstream o(out);
  std::string got((std::istreambuf_iterator<char>(o)), std::istreambuf_iterator<char>());
  EXPECT_EQ(got, "new text");
  EXPECT_EQ(std::filesystem::status(out).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                std::filesystem::perms::group_read);
  ASSERT_TRUE(WriteExportFile((dir_ / "fresh.ris").string(), "").ok());
  EXPECT_TRUE(std::filesystem::is_regular_file(dir_ / "fresh.ris"));
  for (const auto& e : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().filename().string().find("carta-tmp"), std::string::npos) << e.path();
  }
}

// Runs `body` in `n` child processes started together; true when every child exited 0.
bool InChildren(int n, const std::function<int(int)>& body) {
  int go[2];
  if (::pipe(go) != 0) return false;
  std::vector<pid_t> kids;
  for (int k = 0; k < n; ++k) {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(go[1]);
      char c;
      (void)!::read(go[0], &c, 1);  // wait for the start (EOF)
      ::_exit(body(k));
    }
    kids.push_back(pid);
  }
  ::close(go[0]);
  ::close(go[1]);  // all children start now
  bool ok = true;
  for (pid_t pid : kids) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  return ok;
}

// Issue 18: the next record id was read before BEGIN IMMEDIATE, so two
// imports at once could take the same ids (UNIQUE constraint failed).
TEST_F(LitUseCases, TwoImportsAtOnceBothSucceed) {
  std::string big[2];
  for (int f = 0; f < 2; ++f) {
    std::string text;
    for (int i = 0; i < 300; ++i) {
      text += "PMID- " + std::to_string(1000 + f * 1000 + i) + "\nTI  - Record " + std::to_string(i) +
              " of file " + std::to_string(f) + ".\nDP  - 2020\nAU  - Smith J\nLA  - eng\n\n";
    }
    big[f] = Write("big" + std::to_string(f) + ".nbib", text);
  }
  const std::string db = (dir_ / "carta.db").string();
  lit_.reset();
  // A third process holds the write lock while both children start
  // importing, so both reach the next id (readable under that lock) before
  // either can write. (No connection is open in this process across fork.)
  for (int round = 0; round < 3; ++round) {
    int locked[2];
    ASSERT_EQ(::pipe(locked), 0);
    const pid_t holder = ::fork();
    if (holder == 0) {
      sqlite3* h = nullptr;
      sqlite3_open(db.c_str(), &h);
      sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      (void)!::write(locked[1], "x", 1);
      ::usleep(400000);
      sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close(h);
      ::_exit(0);
    }
    char c;
    ASSERT_EQ(::read(locked[0], &c, 1), 1);
    ::close(locked[0]);
    ::close(locked[1]);
    EXPECT_TRUE(InChildren(2, [&](int k) {
      auto lit = OpenProject(db, false);
      if (!lit.ok()) return 3;
      ImportRequest request;
      request.files = {big[k]};
      request.source = biblio::Source::kPubMed;
      const ImportResult r = Import(*lit, request);
      if (!r.files.at(0).status.ok()) {
        std::fprintf(stderr, "child %d: %s\n", k, r.files[0].status.ToString().c_str());
        return 1;
      }
      return 0;
    }));
    ::waitpid(holder, nullptr, 0);
  }
  auto lit = OpenProject(db, false);
  ASSERT_TRUE(lit.ok());
  auto records = lit->Records(false);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), 603u);  // 3 + 2 × 300, each once
}

// Issue 18: two reviewers deciding at once must not see "database is locked",
// and every decision is stored exactly once.
TEST_F(LitUseCases, TwoReviewersDecidingAtOnceLoseNothing) {
  const std::string db = (dir_ / "carta.db").string();
  lit_.reset();
  const char* names[] = {"ann", "bob"};
  constexpr int kDecisions = 200;
  EXPECT_TRUE(InChildren(2, [&](int k) {
    auto lit = OpenProject(db, false);
    if (!lit.ok()) return 3;
    for (int i = 0; i < kDecisions; ++i) {
      const screen::Verdict v = i % 2 ? screen::Verdict::kInclude : screen::Verdict::kExclude;
      auto d = Decide(*lit, {{RecordId{1 + i % 3}}, names[k], screen::Stage::kTitleAbstract, v, std::to_string(i)});
      if (!d.ok()) {
        std::fprintf(stderr, "%s, decision %d: %s\n", names[k], i, d.status().ToString().c_str());
        return 1;
      }
    }
    return 0;
  }));
  auto lit = OpenProject(db, false);
  ASSERT_TRUE(lit.ok());
  auto decisions = lit->Decisions();
  ASSERT_TRUE(decisions.ok());
  std::map<std::string, std::set<std::string>> seen;
  size_t stored = 0;
  for (const auto& d : *decisions) {
    ++stored;
    EXPECT_TRUE(seen[d.reviewer].insert(d.reason).second) << d.reviewer << " " << d.reason << " twice";
  }
  EXPECT_EQ(stored, 2u * kDecisions);
  EXPECT_EQ(seen["ann"].size(), static_cast<size_t>(kDecisions));
  EXPECT_EQ(seen["bob"].size(), static_cast<size_t>(kDecisions));
}

}  // namespace
}  // namespace carta::lit
