// De-duplication: each rule, the precision guards (conflicting identifiers,
// errata, replies, years), chaining, overrides, and a 100,000-record run.
#include "carta/screen/dedup.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "text_keys.h"

namespace carta::screen {
namespace {

using biblio::Record;
using biblio::Source;

Record Make(std::string title, std::string author, int year, Source source = Source::kOther) {
  Record r;
  r.title = std::move(title);
  if (!author.empty()) r.authors = {std::move(author)};
  r.year = year;
  r.source = source;
  return r;
}

DedupResult Dedup(const std::vector<Record>& records) {
  auto result = Deduplicate(records);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : DedupResult{};
}

const char kTitle[] = "Tisagenlecleucel in children and young adults with B-cell lymphoblastic leukemia";

TEST(DedupKeys, NormalisedTitleDropsPunctuationKeepsCjk) {
  EXPECT_EQ(internal::NormalizedTitle("CAR-T Cells: A Review."), U"cartcellsareview");
  EXPECT_EQ(internal::NormalizedTitle("ＣＡＲ－Ｔ细胞治疗，进展。"), U"cart细胞治疗进展");
  EXPECT_EQ(internal::NormalizedTitle("Müller’s  study"), U"mullersstudy");
}

TEST(DedupKeys, FirstAuthorSurnameReadsCommonForms) {
  EXPECT_EQ(internal::FirstAuthorSurname({"Maude, Shannon L"}), "maude");
  EXPECT_EQ(internal::FirstAuthorSurname({"Maude SL"}), "maude");
  EXPECT_EQ(internal::FirstAuthorSurname({"Adler D.G."}), "adler");   // Embase
  EXPECT_EQ(internal::FirstAuthorSurname({"Adler D. G."}), "adler");
  EXPECT_EQ(internal::FirstAuthorSurname({"Shannon Maude"}), "maude");
  EXPECT_EQ(internal::FirstAuthorSurname({"张三"}), "张三");
  EXPECT_EQ(internal::FirstAuthorSurname({}), "");
}

TEST(DedupRules, SameDoiMergesAndKeepsPubMed) {
  std::vector<Record> records = {Make(kTitle, "Maude, S", 2018, Source::kOther),
                                 Make("A different export title", "Maude SL", 2018, Source::kPubMed)};
  records[0].doi = records[1].doi = "10.1056/nejmoa1709866";
  const DedupResult r = Dedup(records);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].keep, 1u);
  ASSERT_EQ(r.clusters[0].links.size(), 1u);
  EXPECT_EQ(r.clusters[0].links[0].reason, DuplicateReason::kSameDoi);
  EXPECT_EQ(r.DuplicatesRemoved(), 1u);
  EXPECT_EQ(r.UniqueRecords(), std::vector<uint32_t>{1});
}

TEST(DedupRules, KeepsMostCompleteWithoutPubMed) {
  std::vector<Record> records = {Make(kTitle, "Maude, S", 2018, Source::kCnki),
                                 Make(kTitle, "Maude, S", 2018, Source::kWanfang)};
  records[1].abstract = "Background: ...";
  records[1].journal = "N Engl J Med";
  const DedupResult r = Dedup(records);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].keep, 1u);
  EXPECT_EQ(r.clusters[0].links[0].reason, DuplicateReason::kSameTitle);
}

TEST(DedupRules, ExactTitleIgnoresCaseAndPunctuation) {
  const DedupResult r = Dedup({Make("CAR-T cells: a review.", "Smith, J", 2020),
                             Make("CAR T Cells - A Review", "Smith J", 2021)});
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].links[0].reason, DuplicateReason::kSameTitle);
}

TEST(DedupRules, FuzzyTitleMergesChineseRecordsWithoutIds) {
  const DedupResult r = Dedup({Make("嵌合抗原受体T细胞治疗复发难治性B细胞急性淋巴细胞白血病的临床研究", "张三", 2021, Source::kCnki),
                             Make("嵌合抗原受体T细胞治疗复发/难治性B细胞急性淋巴细胞白血病临床研究", "张三", 2021, Source::kWanfang)});
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].links[0].reason, DuplicateReason::kFuzzyTitle);
  EXPECT_GE(r.clusters[0].links[0].title_similarity, 0.85);
}

TEST(DedupRules, FuzzyTitleMergesTypo) {
  const DedupResult r = Dedup({Make(kTitle, "Maude, S", 2018),
                             Make("Tisagenlecleucel in children and young adults with B-cell lymphoblastic leukaemia", "", 2018)});
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].links[0].reason, DuplicateReason::kFuzzyTitle);
}

TEST(DedupPrecision, DifferentDoisNeverMerge) {
  std::vector<Record> records = {Make(kTitle, "Maude, S", 2018), Make(kTitle, "Maude, S", 2018)};
  records[0].doi = "10.1/a";
  records[1].doi = "10.1/b";
  const DedupResult r = Dedup(records);
  EXPECT_TRUE(r.clusters.empty());
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_NE(r.rejected[0].why.find("different DOIs"), std::string::npos) << r.rejected[0].why;
}

TEST(DedupPrecision, SameDoiDifferentPmidsNeverMerge) {
  std::vector<Record> records = {Make(kTitle, "Maude, S", 2018), Make(kTitle, "Maude, S", 2018)};
  records[0].doi = records[1].doi = "10.1/a";
  records[0].pmid = "111";
  records[1].pmid = "222";
  EXPECT_TRUE(Dedup(records).clusters.empty());
}

TEST(DedupPrecision, YearsBeyondGapDoNotMerge) {
  const DedupResult r = Dedup({Make(kTitle, "Maude, S", 2016), Make(kTitle, "Maude, S", 2018)});
  EXPECT_TRUE(r.clusters.empty());
}

TEST(DedupPrecision, ErratumAndReplyDoNotMergeWithArticle) {
  const std::string t = kTitle;
  const DedupResult r = Dedup({Make(t, "Maude, S", 2018), Make("Erratum: " + t, "Maude, S", 2018),
                             Make("Correction to: " + t, "Maude, S", 2018), Make("Reply: " + t, "Maude, S", 2018)});
  // The erratum and the correction are one kind and may merge with each other only.
  for (const DuplicateCluster& c : r.clusters) {
    for (uint32_t m : c.members) EXPECT_NE(m, 0u);
    for (uint32_t m : c.members) EXPECT_NE(m, 3u);
  }
}

TEST(DedupPrecision, DifferentFirstAuthorsDoNotMerge) {
  EXPECT_TRUE(Dedup({Make(kTitle, "Maude, S", 2018), Make(kTitle, "Grupp, S", 2018)}).clusters.empty());
}

TEST(DedupPrecision, NoChainThroughFuzzyLinkIntoConflictingIds) {
  // 0 and 2 have different DOIs; 1 has none and is similar to both.
  std::vector<Record> records = {
      Make(kTitle, "Maude, S", 2018), Make("Tisagenlecleucel in children and young adults with B cell lymphoblastic leukaemia", "Maude, S", 2018),
      Make("Tisagenlecleucel in children and young adult with B-cell lymphoblastic leukaemia", "Maude, S", 2018)};
  records[0].doi = "10.1/a";
  records[2].doi = "10.1/b";
  const DedupResult r = Dedup(records);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].members.size(), 2u);
  EXPECT_FALSE(r.rejected.empty());
}

TEST(DedupOverrides, KeepApartSplitsAndMergeJoins) {
  std::vector<Record> records = {Make(kTitle, "Maude, S", 2018), Make(kTitle, "Maude, S", 2018),
                                 Make("Unrelated title about cytokine release syndrome", "Lee, D", 2019)};
  const DedupResult r = Dedup(records);
  ASSERT_EQ(r.clusters.size(), 1u);
  auto apart = ApplyOverrides(records, r, {{OverrideKind::kKeepApart, 0, 1}});
  ASSERT_TRUE(apart.ok()) << apart.status().ToString();
  EXPECT_TRUE(apart->clusters.empty());
  ASSERT_EQ(apart->rejected.size(), 1u);
  EXPECT_EQ(apart->rejected[0].why, "kept apart by the user");
  auto merged = ApplyOverrides(records, r, {{OverrideKind::kMerge, 1, 2}});
  ASSERT_TRUE(merged.ok());
  ASSERT_EQ(merged->clusters.size(), 1u);
  EXPECT_EQ(merged->clusters[0].members, (std::vector<uint32_t>{0, 1, 2}));
  auto both = ApplyOverrides(records, r, {{OverrideKind::kMerge, 0, 2}, {OverrideKind::kMerge, 2, 1},
                                          {OverrideKind::kKeepApart, 0, 1}});
  EXPECT_FALSE(both.ok());
  EXPECT_FALSE(ApplyOverrides(records, r, {{OverrideKind::kMerge, 0, 7}}).ok());
}

// 100,000 records: 90,000 distinct articles, and 10,000 copies made the ways
// databases differ (same DOI in another database; a CNKI/Wanfang-style copy
// with no DOI, changed punctuation and one changed letter).
TEST(DedupScale, HundredThousandRecords) {
  std::mt19937_64 rng(7);
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) words.push_back("w" + std::to_string(rng() % 1000000));
  std::vector<Record> records;
  for (int i = 0; i < 90000; ++i) {
    std::string title;
    for (int w = 0, n = 8 + static_cast<int>(rng() % 8); w < n; ++w) title += words[rng() % words.size()] + " ";
    Record r = Make(title, "Author" + std::to_string(rng() % 20000) + ", A", 2000 + static_cast<int>(rng() % 24),
                    Source::kPubMed);
    r.doi = "10.1000/" + std::to_string(i);
    r.pmid = std::to_string(30000000 + i);
    records.push_back(std::move(r));
  }
  for (int i = 0; i < 10000; ++i) {
    Record copy = records[static_cast<size_t>(i) * 9];
    copy.pmid.clear();
    copy.source = Source::kWanfang;
    if (i % 2 == 1) {
      copy.doi.clear();
      copy.title[copy.title.size() / 2] = 'q';
      copy.title = "\"" + copy.title + ".\"";
    }
    records.push_back(std::move(copy));
  }
  const auto start = std::chrono::steady_clock::now();
  const DedupResult r = Dedup(records);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ timing   ] Deduplicate 100,000 records: %.2f s, %zu clusters\n", seconds, r.clusters.size());
  EXPECT_EQ(r.clusters.size(), 10000u);
  EXPECT_EQ(r.DuplicatesRemoved(), 10000u);
  for (const DuplicateCluster& c : r.clusters) {
    ASSERT_EQ(c.members.size(), 2u);
    EXPECT_EQ(c.members[1], 90000 + c.members[0] / 9);
    EXPECT_EQ(c.keep, c.members[0]);
  }
}

// Found in review: thousands of records sharing a few titles were compared
// pairwise (quadratic time and memory). A title that common identifies nothing.
TEST(Dedup, TitleSharedByManyRecordsIsNotEvidence) {
  std::vector<biblio::Record> records;
  for (int i = 0; i < 4000; ++i) {
    biblio::Record r;
    r.pmid = std::to_string(100000 + i);
    r.title = "Abstracts of the annual meeting of the society, session " + std::to_string(i % 4);
    r.authors = {"Smith, John"};
    r.year = 2020;
    records.push_back(std::move(r));
  }
  auto result = Deduplicate(records, DedupOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->clusters.empty());
  // Two records with one title are still linked by it.
  std::vector<biblio::Record> pair(records.begin(), records.begin() + 2);
  pair[1].title = pair[0].title;
  pair[0].pmid.clear();
  pair[1].pmid.clear();
  auto two = Deduplicate(pair, DedupOptions{});
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->clusters.size(), 1u);
}

// Equally complete copies from two databases: the one kept is the same
// whichever was imported first (vocabulary order, then origin), never the
// lower index.
TEST(Dedup, KeptCopyDoesNotDependOnImportOrder) {
  Record scopus = Make("Tocilizumab for cytokine release syndrome", "Moreau, Claire", 2019, Source::kScopus);
  Record lens = Make("Tocilizumab for cytokine release syndrome", "Moreau, Claire", 2019, Source::kLens);
  scopus.doi = lens.doi = "10.1000/carta.six.a";
  scopus.origin = "scopus.ris:1";
  lens.origin = "lens.ris:1";
  const DedupResult forward = Dedup({scopus, lens}), reverse = Dedup({lens, scopus});
  ASSERT_EQ(forward.clusters.size(), 1u);
  ASSERT_EQ(reverse.clusters.size(), 1u);
  EXPECT_EQ(forward.clusters[0].keep, 0u);  // scopus first
  EXPECT_EQ(reverse.clusters[0].keep, 1u);  // scopus second
  Record other_file = scopus;
  other_file.origin = "a_scopus.ris:9";  // the same database twice: the first origin
  EXPECT_EQ(Dedup({scopus, other_file}).clusters[0].keep, 1u);
}

}  // namespace
}  // namespace carta::screen

namespace carta::screen {
namespace {

TEST(DedupDatabaseIds, TheSameIdOfOneDatabaseLinksRecordsWithoutDoi) {
  // Web of Science's own record and the same record from a WoS CSV export, titles differing.
  std::vector<Record> records = {Make("Axicabtagene ciloleucel in lymphoma", "Neelapu", 2017, Source::kWos),
                                 Make("AXICABTAGENE CILOLEUCEL CAR T-CELL THERAPY", "", 0, Source::kWos),
                                 Make("Something else entirely", "Neelapu", 2017, Source::kScopus)};
  records[0].database_ids = {{"wos", "000423637300007"}};
  records[1].database_ids = {{"wos", "000423637300007"}};
  records[2].database_ids = {{"scopus", "000423637300007"}};  // same digits, another database: no link
  DedupResult r = Dedup(records);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].members, (std::vector<uint32_t>{0, 1}));
  ASSERT_EQ(r.clusters[0].links.size(), 1u);
  EXPECT_EQ(r.clusters[0].links[0].reason, DuplicateReason::kSameDatabaseId);
  EXPECT_EQ(DuplicateReasonName(DuplicateReason::kSameDatabaseId), "same database id");
}

TEST(DedupDatabaseIds, DifferentIdsOfOneDatabaseKeepRecordsApart) {
  std::vector<Record> records = {Make(kTitle, "Maude", 2018, Source::kEmbase), Make(kTitle, "Maude", 2018, Source::kEmbase)};
  records[0].database_ids = {{"embase", "L620000001"}};
  records[1].database_ids = {{"embase", "L620000002"}};
  DedupResult r = Dedup(records);
  EXPECT_TRUE(r.clusters.empty());
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_NE(r.rejected[0].why.find("different embase ids"), std::string::npos) << r.rejected[0].why;
}

TEST(DedupTranslatedTitles, ATranslatedTitleIsASecondTitleKey) {
  // CNKI gives the Chinese title and its English translation; PubMed the English title.
  std::vector<Record> records = {Make("CAR-T细胞治疗弥漫大B细胞淋巴瘤的疗效分析", "张三", 2021, Source::kCnki),
                                 Make("Efficacy of CAR-T cell therapy in diffuse large B-cell lymphoma.", "Zhang S", 2021,
                                      Source::kPubMed)};
  records[0].translated_title = "Efficacy of CAR-T cell therapy in diffuse large B-cell lymphoma";
  DedupResult r = Dedup(records);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].links[0].reason, DuplicateReason::kSameTitle);
  // Without the translation they stay apart.
  records[0].translated_title.clear();
  EXPECT_TRUE(Dedup(records).clusters.empty());
}

}  // namespace
}  // namespace carta::screen
