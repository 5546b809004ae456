#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <type_traits>

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

}  // namespace
}  // namespace carta::lit
