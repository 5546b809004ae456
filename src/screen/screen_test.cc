// Screening criteria (automatic exclusions with their rule) and the decision
// log (latest decision, conflicts, final status with a third reviewer).
#include <gtest/gtest.h>

#include "carta/screen/criteria.h"
#include "carta/screen/decisions.h"

namespace carta::screen {
namespace {

using biblio::Record;

Record Rec(int year, std::string language, std::vector<std::string> types) {
  Record r;
  r.title = "t";
  r.year = year;
  r.language = std::move(language);
  r.publication_types = std::move(types);
  return r;
}

TEST(ScreenCriteria, EachRuleNamesItself) {
  const std::vector<Record> records = {Rec(2019, "eng", {"Journal Article"}), Rec(2009, "eng", {"Journal Article"}),
                                       Rec(2019, "fre", {"Journal Article"}), Rec(2019, "chi", {"Journal Article", "Review"}),
                                       Rec(2019, "eng", {"Journal Article"}), Rec(2019, "eng", {"Case Reports"}),
                                       Rec(0, "", {})};
  ScreeningCriteria c;
  c.year_min = 2012;
  c.languages = {"eng", "chi"};
  c.excluded_publication_types = {"review", "Case Reports", "Editorial"};
  c.queries = {{"CAR-T", QueryEffect::kRequire, {0, 1, 2, 3, 5, 6}}, {"animal", QueryEffect::kExclude, {5}}};
  auto got = EvaluateCriteria(records, {0, 1, 2, 3, 4, 5, 6}, c);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const std::vector<std::string> expected = {"", "year 2009 before 2012", "language fre", "publication type Review",
                                             "does not match query 'CAR-T'", "publication type Case Reports", ""};
  ASSERT_EQ(got->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*got)[i].rule, expected[i]) << i;
    EXPECT_EQ((*got)[i].excluded, !expected[i].empty()) << i;
  }
}

TEST(ScreenCriteria, UnknownYearAndLanguageExcludedOnlyWhenAsked) {
  ScreeningCriteria c;
  c.year_max = 2024;
  c.languages = {"eng"};
  c.exclude_unknown_year = true;
  c.exclude_unknown_language = true;
  auto got = EvaluateCriteria({Rec(0, "eng", {}), Rec(2020, "", {})}, {0, 1}, c);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)[0].rule, "year unknown");
  EXPECT_EQ((*got)[1].rule, "language unknown");
}

TEST(ScreenCriteria, RejectsUnsortedQueryAndEmptyYearRange) {
  ScreeningCriteria c;
  c.queries = {{"q", QueryEffect::kExclude, {2, 1}}};
  EXPECT_FALSE(EvaluateCriteria({Rec(2020, "", {}), Rec(2020, "", {}), Rec(2020, "", {})}, {0}, c).ok());
  ScreeningCriteria years;
  years.year_min = 2020;
  years.year_max = 2019;
  EXPECT_FALSE(EvaluateCriteria({Rec(2020, "", {})}, {0}, years).ok());
  EXPECT_FALSE(EvaluateCriteria({Rec(2020, "", {})}, {3}, {}).ok());
}

Decision D(uint32_t record, std::string reviewer, Verdict verdict, std::string time, Stage stage = Stage::kTitleAbstract,
           std::string reason = "") {
  return {record, std::move(reviewer), stage, verdict, std::move(reason), std::move(time)};
}

TEST(ScreenDecisions, ValidatesReviewerTimeAndFullTextReason) {
  DecisionLog log;
  EXPECT_TRUE(log.Add(D(0, "ana", Verdict::kInclude, "2024-03-01T12:00:00Z")).ok());
  EXPECT_TRUE(log.Add(D(0, "ana", Verdict::kInclude, "2024-03-01T12:00:00.125Z")).ok());
  EXPECT_FALSE(log.Add(D(0, "", Verdict::kInclude, "2024-03-01T12:00:00Z")).ok());
  EXPECT_FALSE(log.Add(D(0, "ana", Verdict::kInclude, "2024-03-01 12:00:00")).ok());
  EXPECT_FALSE(log.Add(D(0, "ana", Verdict::kInclude, "2024-03-01T12:00:00+01:00")).ok());
  const Status no_reason = log.Add(D(0, "ana", Verdict::kExclude, "2024-03-02T12:00:00Z", Stage::kFullText));
  EXPECT_FALSE(no_reason.ok());
  EXPECT_NE(no_reason.message().find("needs a reason"), std::string::npos);
  EXPECT_TRUE(log.Add(D(0, "ana", Verdict::kExclude, "2024-03-02T12:00:00Z", Stage::kFullText, "wrong population")).ok());
  EXPECT_EQ(log.all().size(), 3u);
}

TEST(ScreenDecisions, LatestDecisionCountsByTimeNotInsertion) {
  DecisionLog log;
  ASSERT_TRUE(log.Add(D(4, "ana", Verdict::kExclude, "2024-03-01T12:00:00.5Z")).ok());
  ASSERT_TRUE(log.Add(D(4, "ana", Verdict::kInclude, "2024-03-01T12:00:00.25Z")).ok());  // earlier, added later
  ASSERT_TRUE(log.Add(D(4, "ana", Verdict::kMaybe, "2024-03-01T12:00:00Z", Stage::kFullText)).ok());
  const std::vector<Decision> current = log.Current(Stage::kTitleAbstract);
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0].verdict, Verdict::kExclude);
}

TEST(ScreenDecisions, ConflictsAndFinalStatusWithResolver) {
  DecisionLog log;
  const char* t = "2024-03-01T12:00:00Z";
  ASSERT_TRUE(log.Add(D(0, "ana", Verdict::kInclude, t)).ok());
  ASSERT_TRUE(log.Add(D(0, "ben", Verdict::kInclude, t)).ok());
  ASSERT_TRUE(log.Add(D(1, "ana", Verdict::kInclude, t)).ok());
  ASSERT_TRUE(log.Add(D(1, "ben", Verdict::kExclude, t)).ok());
  ASSERT_TRUE(log.Add(D(2, "ana", Verdict::kMaybe, t)).ok());
  ASSERT_TRUE(log.Add(D(2, "ben", Verdict::kExclude, t)).ok());
  ASSERT_TRUE(log.Add(D(2, "cho", Verdict::kExclude, "2024-03-02T09:00:00Z", Stage::kTitleAbstract, "not CAR-T")).ok());
  ASSERT_TRUE(log.Add(D(3, "ana", Verdict::kExclude, t)).ok());
  const std::vector<Conflict> conflicts = log.Conflicts(Stage::kTitleAbstract, "ana", "ben");
  ASSERT_EQ(conflicts.size(), 2u);
  EXPECT_EQ(conflicts[0].record, 1u);
  EXPECT_EQ(conflicts[0].first.verdict, Verdict::kInclude);
  EXPECT_EQ(conflicts[0].second.verdict, Verdict::kExclude);
  EXPECT_EQ(conflicts[1].record, 2u);
  const std::vector<FinalStatus> final = log.Final(Stage::kTitleAbstract, {0, 1, 2, 3, 9}, {"ana", "ben"}, "cho");
  ASSERT_EQ(final.size(), 5u);
  EXPECT_EQ(final[0].state, FinalState::kAgreed);
  EXPECT_EQ(final[0].verdict, Verdict::kInclude);
  EXPECT_EQ(final[1].state, FinalState::kConflict);
  EXPECT_EQ(final[2].state, FinalState::kResolved);
  EXPECT_EQ(final[2].verdict, Verdict::kExclude);
  EXPECT_EQ(final[2].reason, "not CAR-T");
  EXPECT_EQ(final[3].state, FinalState::kPending);
  EXPECT_EQ(final[4].state, FinalState::kPending);
  const std::vector<FinalStatus> single = log.Final(Stage::kTitleAbstract, {3}, {"ana"}, "");
  EXPECT_EQ(single[0].state, FinalState::kAgreed);
  EXPECT_EQ(single[0].verdict, Verdict::kExclude);
}

// Found in review: two full-text exclusions for different reasons counted as
// agreement, and PRISMA kept the first reviewer's reason.
TEST(ScreenDecisions, FullTextExclusionsWithDifferentReasonsConflict) {
  DecisionLog log;
  const char* t = "2024-03-01T12:00:00Z";
  const Stage ft = Stage::kFullText;
  ASSERT_TRUE(log.Add(D(4, "ana", Verdict::kExclude, t, ft, "wrong population")).ok());
  ASSERT_TRUE(log.Add(D(4, "ben", Verdict::kExclude, t, ft, "wrong outcome")).ok());
  ASSERT_TRUE(log.Add(D(5, "ana", Verdict::kExclude, t, ft, "Wrong population ")).ok());
  ASSERT_TRUE(log.Add(D(5, "ben", Verdict::kExclude, t, ft, "wrong population")).ok());
  const auto conflicts = log.Conflicts(ft, "ana", "ben");
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].record, 4u);
  const auto final = log.Final(ft, {4, 5}, {"ana", "ben"}, "");
  EXPECT_EQ(final[0].state, FinalState::kConflict);
  EXPECT_EQ(final[1].state, FinalState::kAgreed);  // case and spaces aside, the same reason
}

}  // namespace
}  // namespace carta::screen
