// Team screening: replay of events, blinding, Cohen's kappa, PRISMA from
// events, and the store's append-only events with retries and claims.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <thread>

#include "carta/api/team.h"
#include "carta/lit/team.h"
#include "carta/store/team.h"

namespace carta {
namespace {

using screen::Verdict;

store::TeamEvent Ev(const std::string& who, long record, const std::string& kind, const std::string& verdict,
                    const std::string& stage = "title_abstract", const std::string& reason = "") {
  store::TeamEvent e;
  e.reviewer = who;
  e.record = record;
  e.kind = kind;
  e.verdict = verdict;
  e.stage = stage;
  e.reason = reason;
  return e;
}

TEST(TeamKappa, TextbookTwoByTwo) {
  // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15: p_o = 0.7,
  // p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = (0.7 - 0.5) / 0.5 = 0.4.
  std::vector<Verdict> a, b;
  auto add = [&](int n, Verdict x, Verdict y) {
    for (int i = 0; i < n; ++i) a.push_back(x), b.push_back(y);
  };
  add(20, Verdict::kInclude, Verdict::kInclude);
  add(5, Verdict::kInclude, Verdict::kExclude);
  add(10, Verdict::kExclude, Verdict::kInclude);
  add(15, Verdict::kExclude, Verdict::kExclude);
  const lit::KappaRow k = lit::CohenKappa(a, b);
  EXPECT_EQ(k.records, 50);
  EXPECT_NEAR(k.observed, 0.7, 1e-12);
  EXPECT_NEAR(k.expected, 0.5, 1e-12);
  EXPECT_NEAR(k.kappa, 0.4, 1e-12);
}

TEST(TeamKappa, UndefinedWhenBothAlwaysGiveOneVerdict) {
  const lit::KappaRow k = lit::CohenKappa({Verdict::kExclude, Verdict::kExclude}, {Verdict::kExclude, Verdict::kExclude});
  EXPECT_TRUE(std::isnan(k.kappa));
  EXPECT_EQ(api::ToJson(std::vector<lit::KappaRow>{k})[0]["kappa"], api::Json());
}

TEST(TeamStage, DualBlindConflictResolvedAndUndone) {
  std::vector<store::TeamEvent> ev = {Ev("ann", 1, "decision", "include"), Ev("bob", 1, "decision", "exclude"),
                                      Ev("ann", 2, "decision", "include"), Ev("bob", 2, "decision", "include"),
                                      Ev("ann", 3, "decision", "exclude")};
  lit::TeamStage s = lit::DeriveTeamStage(ev, lit::TeamMode::kDual);
  EXPECT_EQ(s.records.at(1).state, lit::TeamRecordState::kConflict);
  EXPECT_EQ(s.records.at(2).state, lit::TeamRecordState::kAgreed);
  EXPECT_EQ(s.records.at(3).state, lit::TeamRecordState::kAwaitingSecond);
  ev.push_back(Ev("cat", 1, "resolve", "include"));
  s = lit::DeriveTeamStage(ev, lit::TeamMode::kDual);
  ASSERT_EQ(s.records.at(1).state, lit::TeamRecordState::kResolved);
  EXPECT_EQ(s.records.at(1).Final()->verdict, Verdict::kInclude);
  ev.push_back(Ev("cat", 1, "undo", ""));
  ev.push_back(Ev("bob", 2, "undo", ""));
  s = lit::DeriveTeamStage(ev, lit::TeamMode::kDual);
  EXPECT_EQ(s.records.at(1).state, lit::TeamRecordState::kConflict);
  EXPECT_EQ(s.records.at(2).state, lit::TeamRecordState::kAwaitingSecond);
}

TEST(TeamStage, FullTextReasonsThatDifferAreAConflict) {
  const std::vector<store::TeamEvent> ev = {Ev("ann", 1, "decision", "exclude", "full_text", "wrong population"),
                                            Ev("bob", 1, "decision", "exclude", "full_text", "Wrong population "),
                                            Ev("ann", 2, "decision", "exclude", "full_text", "wrong population"),
                                            Ev("bob", 2, "decision", "exclude", "full_text", "not a primary study")};
  const lit::TeamStage s = lit::DeriveTeamStage(ev, lit::TeamMode::kDual);
  EXPECT_EQ(s.records.at(1).state, lit::TeamRecordState::kAgreed);
  EXPECT_EQ(s.records.at(2).state, lit::TeamRecordState::kConflict);
}

TEST(TeamStage, ReviewerSeesOthersVoteOnlyOnceBothVoted) {
  const std::vector<store::TeamEvent> ev = {Ev("ann", 1, "decision", "include"), Ev("bob", 2, "decision", "exclude"),
                                            Ev("ann", 2, "decision", "include")};
  const lit::TeamStage s = lit::DeriveTeamStage(ev, lit::TeamMode::kDual);
  const lit::TeamStage bob = lit::VisibleTo(s, "bob", false);
  EXPECT_EQ(bob.records.count(1), 0u);  // ann's lone vote is hidden
  ASSERT_EQ(bob.records.at(2).votes.size(), 2u);  // both voted: the conflict is visible
  const lit::TeamStage ann = lit::VisibleTo(s, "ann", false);
  ASSERT_EQ(ann.records.at(1).votes.size(), 1u);
  EXPECT_EQ(ann.records.at(1).votes[0].reviewer, "ann");
  EXPECT_EQ(lit::VisibleTo(s, "cat", true).records.size(), 2u);
}

TEST(TeamPrisma, CountsFollowTheSettledRecords) {
  const std::vector<store::TeamEvent> ta = {Ev("ann", 1, "decision", "include"), Ev("bob", 1, "decision", "include"),
                                            Ev("ann", 2, "decision", "exclude"), Ev("bob", 2, "decision", "exclude"),
                                            Ev("ann", 3, "decision", "include"), Ev("bob", 3, "decision", "exclude")};
  const std::vector<store::TeamEvent> ft = {Ev("ann", 1, "decision", "exclude", "full_text", "wrong outcome"),
                                            Ev("bob", 1, "decision", "exclude", "full_text", "wrong outcome")};
  const auto ta_s = lit::DeriveTeamStage(ta, lit::TeamMode::kDual);
  const auto ft_s = lit::DeriveTeamStage(ft, lit::TeamMode::kDual);
  lit::TeamPrisma p = lit::CountTeamPrisma(ta_s, ft_s, 3, 1);
  EXPECT_EQ(p.screened, 2);
  EXPECT_EQ(p.excluded_screening, 1);
  EXPECT_EQ(p.assessed_full_text, 1);
  EXPECT_EQ(p.full_text_reasons.at("wrong outcome"), 1);
  EXPECT_EQ(p.included, 0);
  EXPECT_EQ(p.conflicts, 1);
  EXPECT_FALSE(p.final);
}

class TeamStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("carta_team_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Db() const { return (dir_ / "p.db").string(); }
  std::filesystem::path dir_;
};

TEST_F(TeamStoreTest, RetryIsStoredOnceAndCheckRunsInTheTransaction) {
  auto team = store::Team::Open(Db());
  ASSERT_TRUE(team.ok()) << team.status().ToString();
  auto e = Ev("ann", 7, "decision", "include");
  e.client_id = "c1";
  auto ok = [](const std::vector<store::TeamEvent>&) { return Status::Ok(); };
  auto first = team->Append(e, ok);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->duplicate);
  auto again = team->Append(e, ok);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->seq, first->seq);
  e.client_id = "c2";
  auto refused = team->Append(e, [](const std::vector<store::TeamEvent>& earlier) {
    return earlier.size() == 1 ? Status::InvalidArgument("no").WithField("state") : Status::Ok();
  });
  EXPECT_FALSE(refused.ok());
  auto all = team->Events("");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

// Appends from many threads at once share transactions (group commit): each
// is stored once, in order of arrival, a retry is found even in the same
// batch, a refused check undoes that event only, and each check sees every
// event stored before its own, those of its batch included.
TEST_F(TeamStoreTest, ConcurrentAppendsAreEachStoredOnceInOrder) {
  auto team = store::Team::Open(Db());
  ASSERT_TRUE(team.ok()) << team.status().ToString();
  constexpr int kThreads = 8, kEach = 150;
  struct Outcome {
    long record = 0;
    bool refused = false, retry = false;
    size_t earlier = 0;  // what the check saw
    Result<store::AppendResult> result = Status::Internal("not run");
  };
  std::vector<std::vector<Outcome>> outcomes(kThreads, std::vector<Outcome>(kEach));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Outcome& o = outcomes[t][i];
        o.retry = i > 0 && i % 7 == 0;  // the previous event sent again
        o.refused = i % 10 == 9;
        o.record = o.retry ? outcomes[t][i - 1].record : 1 + (t + i) % 3;  // three records every thread writes
        auto e = Ev("r" + std::to_string(t), o.record, "decision", "include");
        e.client_id = "c" + std::to_string(o.retry ? i - 1 : i);
        o.result = team->Append(e, [&o](const std::vector<store::TeamEvent>& earlier) {
          o.earlier = earlier.size();
          return o.refused ? Status::InvalidArgument("refused").WithField("state") : Status::Ok();
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  auto all = team->Events("");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  std::map<long, const store::TeamEvent*> by_seq;
  for (const auto& e : *all) by_seq[e.seq] = &e;
  size_t stored = 0;
  for (int t = 0; t < kThreads; ++t) {
    long last_seq = 0;
    for (int i = 0; i < kEach; ++i) {
      const Outcome& o = outcomes[t][i];
      const bool earlier_stored = i > 0 && !outcomes[t][i - 1].refused;
      if (o.retry && earlier_stored) {  // found before any check
        ASSERT_TRUE(o.result.ok()) << o.result.status().ToString();
        EXPECT_TRUE(o.result->duplicate);
        EXPECT_EQ(o.result->seq, outcomes[t][i - 1].result->seq);
        continue;
      }
      if (o.refused) {
        ASSERT_FALSE(o.result.ok());
        EXPECT_EQ(o.result.status().location().field, "state");
        continue;
      }
      ASSERT_TRUE(o.result.ok()) << o.result.status().ToString();
      EXPECT_FALSE(o.result->duplicate);
      EXPECT_GT(o.result->seq, last_seq);  // a thread's events in its order
      last_seq = o.result->seq;
      ++stored;
      auto it = by_seq.find(o.result->seq);
      ASSERT_NE(it, by_seq.end());
      EXPECT_EQ(it->second->reviewer, "r" + std::to_string(t));
      EXPECT_EQ(it->second->record, o.record);
      size_t before = 0;  // the record's events stored before this one
      for (const auto& e : *all) before += e.record == o.record && e.seq < o.result->seq;
      EXPECT_EQ(o.earlier, before) << "thread " << t << " event " << i;
    }
  }
  EXPECT_EQ(all->size(), stored);
}

// A check that throws fails its append (and whatever shared its
// transaction) with an error, and leaves the store usable.
TEST_F(TeamStoreTest, ACheckThatThrowsLeavesTheStoreUsable) {
  auto team = store::Team::Open(Db());
  ASSERT_TRUE(team.ok()) << team.status().ToString();
  auto e = Ev("ann", 7, "decision", "include");
  e.client_id = "c1";
  auto thrown = team->Append(e, [](const std::vector<store::TeamEvent>&) -> Status { throw std::runtime_error("x"); });
  ASSERT_FALSE(thrown.ok());
  EXPECT_EQ(thrown.status().code(), StatusCode::kInternal);
  e.client_id = "c2";
  auto next = team->Append(e, [](const std::vector<store::TeamEvent>&) { return Status::Ok(); });
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  auto all = team->Events("");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].client_id, "c2");
}

TEST_F(TeamStoreTest, ClaimIsExclusiveUntilItLapses) {
  auto team = store::Team::Open(Db());
  ASSERT_TRUE(team.ok());
  EXPECT_TRUE(*team->Claim("title_abstract", 3, "ann", 900));
  EXPECT_FALSE(*team->Claim("title_abstract", 3, "bob", 900));
  EXPECT_TRUE(*team->Claim("title_abstract", 3, "ann", 900));
  EXPECT_TRUE(*team->Claim("title_abstract", 3, "bob", -1));  // ann's claim is older than a TTL of -1 s
  auto held = team->ClaimedByOthers("title_abstract", "ann", 900);
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(*held, std::vector<long>{3});
}

TEST(TeamJson, DecisionRequestRefusesAReviewerInTheBody) {
  auto r = api::TeamDecisionRequestFromJson({{"client_id", "x"}, {"record", 1}, {"verdict", "include"}, {"reviewer", "eve"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "reviewer");
  auto bad_verdict = api::TeamDecisionRequestFromJson({{"client_id", "x"}, {"record", 1}, {"verdict", "yes"}});
  ASSERT_FALSE(bad_verdict.ok());
  EXPECT_EQ(bad_verdict.status().location().field, "verdict");
  auto undo = api::TeamDecisionRequestFromJson({{"client_id", "x"}, {"record", 2}, {"kind", "undo"}});
  ASSERT_TRUE(undo.ok());
  EXPECT_EQ(undo->record, 2);
}

// The text between UTF-16 offsets [start, end) of an ASCII or BMP-only text, as UTF-8.
std::string Cut(const std::u16string& text, const lit::HighlightSpan& s) {
  std::string out;
  for (char16_t c : text.substr(s.start, s.end - s.start)) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xc0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3f));
    } else {
      out += static_cast<char>(0xe0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (c & 0x3f));
    }
  }
  return out;
}

TEST(TeamHighlight, KeywordsMatchAsTheSearchTokenizerMatches) {
  lit::HighlightRequest q;
  const std::string en = "Anti-CD19 CAR-T cells in relapsed lymphomas; a mouse model. Not a CAR T-cell review.";
  const std::string zh = "嵌合抗原受体T细胞治疗淋巴瘤的小鼠研究";
  q.texts = {en, zh, ""};
  q.include = {"car-t", "lymphomas", "抗原受体", "CD19"};
  q.exclude = {"Mouse", "review", "小鼠"};
  auto r = lit::Highlight(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);
  const std::u16string en16(en.begin(), en.end());  // ASCII
  std::vector<std::string> got;
  for (const auto& s : (*r)[0]) got.push_back((s.exclude ? "-" : "+") + Cut(en16, s));
  // "CAR-T" and "CAR T" are the same two tokens; "T-cell" starts with the token "t".
  EXPECT_EQ(got, (std::vector<std::string>{"+CD19", "+CAR-T", "+lymphomas", "-mouse", "+CAR T", "-review"}));
  const std::u16string zh16 = u"嵌合抗原受体T细胞治疗淋巴瘤的小鼠研究";
  got.clear();
  for (const auto& s : (*r)[1]) got.push_back((s.exclude ? "-" : "+") + Cut(zh16, s));
  EXPECT_EQ(got, (std::vector<std::string>{"+抗原受体", "-小鼠"}));
  EXPECT_TRUE((*r)[2].empty());
  q.include = {"--"};
  auto bad = lit::Highlight(q);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "include");
}

}  // namespace
}  // namespace carta
