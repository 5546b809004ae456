// TF-IDF features, the two classifiers, cold start, certainty-based ranking,
// WSS/RRF arithmetic on hand-made rankings, and simulations.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include "carta/screen/ranker.h"
#include "carta/screen/simulate.h"
#include "classifiers.h"
#include "text_keys.h"

namespace carta::screen {
namespace {

TEST(RankerFeatures, TokensSplitWordsAndCjkBigrams) {
  EXPECT_EQ(internal::Tokens("CAR-T 细胞治疗, Müller"),
            (std::vector<std::string>{"car", "t", "细胞", "胞治", "治疗", "muller"}));
  EXPECT_EQ(internal::Tokens("疗 x"), (std::vector<std::string>{"疗", "x"}));
}

TEST(RankerFeatures, TfidfMatchesHandComputation) {
  const FeatureMatrix m = BuildTfidf({"car T cells", "CAR car", ""});
  ASSERT_EQ(m.vocabulary, (std::vector<std::string>{"car", "cells", "t"}));
  // n = 3; idf(car) = ln(4/3) + 1, idf(cells) = idf(t) = ln(4/2) + 1.
  const double car = std::log(4.0 / 3) + 1, rare = std::log(2.0) + 1;
  const double norm = std::sqrt(car * car + 2 * rare * rare);
  ASSERT_EQ(m.row_start, (std::vector<size_t>{0, 3, 4, 4}));
  EXPECT_NEAR(m.value[0], car / norm, 1e-12);
  EXPECT_NEAR(m.value[1], rare / norm, 1e-12);
  EXPECT_NEAR(m.value[2], rare / norm, 1e-12);
  EXPECT_NEAR(m.value[3], 1.0, 1e-12);
}

FeatureMatrix Dense(const std::vector<std::vector<double>>& rows) {
  FeatureMatrix m;
  m.n_rows = rows.size();
  m.n_cols = rows[0].size();
  m.row_start.push_back(0);
  for (const auto& r : rows) {
    for (uint32_t j = 0; j < r.size(); ++j) {
      if (r[j] != 0) m.col.push_back(j), m.value.push_back(r[j]);
    }
    m.row_start.push_back(m.col.size());
  }
  return m;
}

TEST(RankerNaiveBayes, LogOddsMatchHandComputation) {
  // θ1 = (1 + 1) / 3, (0 + 1) / 3; θ0 = 1/3, 2/3: coefficients ±ln 2, equal priors.
  const FeatureMatrix m = Dense({{1, 0}, {0, 1}});
  const internal::LinearModel nb = internal::FitNaiveBayes(m, {{0, 1}, {1, 0}, {1, 1}}, 1.0);
  EXPECT_NEAR(nb.coef[0], std::log(2.0), 1e-12);
  EXPECT_NEAR(nb.coef[1], -std::log(2.0), 1e-12);
  EXPECT_NEAR(nb.bias, 0, 1e-12);
}

TEST(RankerLogistic, MatchesOneDimensionalOptimum) {
  // f(w) = w²/2 + 2·ln(1 + e^−w) by symmetry (bias 0); f'(w) = w − 2/(1 + e^w) = 0, by bisection.
  const FeatureMatrix m = Dense({{1}, {-1}});
  const internal::LinearModel lr = internal::FitLogistic(m, {{0, 1}, {1, 0}, {1, 1}}, 1.0, {});
  double lo = 0, hi = 2;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (mid - 2 / (1 + std::exp(mid)) > 0 ? hi : lo) = mid;
  }
  EXPECT_NEAR(lr.coef[0], lo, 1e-5);
  EXPECT_NEAR(lr.bias, 0, 1e-5);
}

TEST(RankerNext, ColdStartIsDeterministicAndSaysWhy) {
  const FeatureMatrix m = BuildTfidf({"a", "b", "c", "d", "e", "f"});
  Ranker r1(&m), r2(&m);
  ASSERT_TRUE(r1.Label(2, true).ok());
  ASSERT_TRUE(r2.Label(2, true).ok());
  ASSERT_TRUE(r1.Remove(4).ok());
  ASSERT_TRUE(r2.Remove(4).ok());
  const Proposal p1 = r1.Next(10), p2 = r2.Next(10);
  EXPECT_TRUE(p1.cold_start);
  EXPECT_NE(p1.why.find("cold start: 1 relevant and 0 irrelevant"), std::string::npos) << p1.why;
  EXPECT_EQ(p1.records, p2.records);
  EXPECT_EQ(p1.records.size(), 4u);
  for (uint32_t i : p1.records) EXPECT_TRUE(i != 2 && i != 4);
  EXPECT_FALSE(r1.Scores().ok());
  EXPECT_FALSE(r1.Label(6, true).ok());
}

TEST(RankerNext, RanksSharedVocabularyFirstWithBothClassifiers) {
  const FeatureMatrix m = BuildTfidf({"CAR-T cell therapy lymphoma", "insulin diabetes trial",
                                      "diabetes insulin pump", "CAR-T cytokine release lymphoma",
                                      "insulin glucose", "lymphoma CAR-T cell response"});
  for (ClassifierKind kind : {ClassifierKind::kNaiveBayes, ClassifierKind::kLogistic}) {
    RankerOptions options;
    options.classifier = kind;
    Ranker ranker(&m, options);
    ASSERT_TRUE(ranker.Label(0, true).ok());
    ASSERT_TRUE(ranker.Label(1, false).ok());
    const Proposal p = ranker.Next(4);
    EXPECT_FALSE(p.cold_start);
    ASSERT_EQ(p.records.size(), 4u);
    EXPECT_TRUE((p.records[0] == 3 || p.records[0] == 5) && (p.records[1] == 3 || p.records[1] == 5)) << p.why;
    EXPECT_GE(p.relevance[0], p.relevance[1]);
    EXPECT_GT(p.relevance[1], p.relevance[2]);
  }
}

TEST(RankerMetrics, WssAndRrfOnHandMadeRanking) {
  // N = 10, 3 relevant at positions 1, 3, 10.
  const std::vector<uint8_t> a = {1, 0, 1, 0, 0, 0, 0, 0, 0, 1};
  // asreview-insights: k = 2 (2/3 <= 0.95 < 3/3); found at index 2; random:
  // round(3i/9) = 0,0,1,1,1,2,... reaches 2 at i = 5: (5 − 2) / 10.
  EXPECT_NEAR(WorkSavedOverSampling(a, 0.95, WssDefinition::kAsreview), 0.3, 1e-12);
  // Cohen: 95% recall needs all 3, found after 10 records: (10 − 10)/10 − 0.05.
  EXPECT_NEAR(WorkSavedOverSampling(a, 0.95, WssDefinition::kCohen), -0.05, 1e-12);
  EXPECT_NEAR(RelevantRecordsFound(a, 0.10), 1.0 / 3, 1e-12);  // first 1 record
  // N = 20, both relevant first. asreview: k = 1, random reaches 1 at
  // round(2i/19) >= 1, i = 5: 5/20. Cohen: (20 − 2)/20 − 0.05.
  std::vector<uint8_t> b(20, 0);
  b[0] = b[1] = 1;
  EXPECT_NEAR(WorkSavedOverSampling(b, 0.95, WssDefinition::kAsreview), 0.25, 1e-12);
  EXPECT_NEAR(WorkSavedOverSampling(b, 0.95, WssDefinition::kCohen), 0.85, 1e-12);
  EXPECT_NEAR(RelevantRecordsFound(b, 0.10), 1.0, 1e-12);
  EXPECT_TRUE(std::isnan(RelevantRecordsFound(std::vector<uint8_t>(5, 0), 0.1)));
}

// Relevant records (5%) share a topic vocabulary: `topic_words` of 40 topic
// words each; every record has 30 generic words, and one irrelevant record
// in `noise` has a stray topic word.
std::vector<std::string> SyntheticTexts(size_t n, std::vector<uint8_t>* labels, uint64_t seed, int topic_words = 6,
                                        int noise = 3) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  labels->clear();
  for (size_t i = 0; i < n; ++i) {
    const bool relevant = rng() % 20 == 0;
    std::string text;
    for (int w = 0; w < 30; ++w) text += "g" + std::to_string(rng() % 3000) + " ";
    const int k = relevant ? topic_words : (rng() % static_cast<uint64_t>(noise) == 0 ? 1 : 0);
    for (int w = 0; w < k; ++w) text += "topic" + std::to_string(rng() % 40) + " ";
    texts.push_back(text);
    labels->push_back(relevant ? 1 : 0);
  }
  return texts;
}

TEST(RankerSimulation, SharedVocabularyBeatsRandomOrder) {
  std::vector<uint8_t> labels;
  const FeatureMatrix m = BuildTfidf(SyntheticTexts(1500, &labels, 3));
  for (ClassifierKind kind : {ClassifierKind::kNaiveBayes, ClassifierKind::kLogistic}) {
    SimulationOptions options;
    options.ranker.classifier = kind;
    options.batch = kind == ClassifierKind::kNaiveBayes ? 1 : 5;
    auto sim = Simulate(m, labels, options);
    ASSERT_TRUE(sim.ok()) << sim.status().ToString();
    EXPECT_EQ(sim->prior.size(), 2u);
    EXPECT_EQ(sim->ranked_labels.size(), sim->n_records);
    EXPECT_EQ(sim->found.back(), sim->n_relevant);
    // Random order finds about half the relevant records in half the records.
    EXPECT_GT(RelevantRecordsFound(sim->ranked_labels, 0.5), 0.95);
    EXPECT_GT(sim->wss95, 0.3);
    EXPECT_GT(sim->wss95_cohen, 0.3);
    EXPECT_GT(sim->rrf10, 0.5);
  }
}

TEST(RankerSimulation, RejectsBadInput) {
  std::vector<uint8_t> labels;
  const FeatureMatrix m = BuildTfidf(SyntheticTexts(50, &labels, 4));
  SimulationOptions options;
  options.batch = 0;
  EXPECT_FALSE(Simulate(m, labels, options).ok());
  labels.pop_back();
  EXPECT_FALSE(Simulate(m, labels, {}).ok());
  EXPECT_FALSE(Simulate(m, std::vector<uint8_t>(50, 0), {}).ok());  // no relevant record for the prior
}

// 5,000 records, naive Bayes, batch 1, a harder set (3 topic words per
// relevant record, a stray one in every third irrelevant record): the timing
// reported in doc/screen.md.
TEST(RankerSimulation, FiveThousandRecordsBatchOne) {
  std::vector<uint8_t> labels;
  const std::vector<std::string> texts = SyntheticTexts(5000, &labels, 5, 3, 3);
  const auto start = std::chrono::steady_clock::now();
  const FeatureMatrix m = BuildTfidf(texts);
  auto sim = Simulate(m, labels, {});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(sim.ok());
  std::printf("[ timing   ] Simulate 5,000 records (%zu relevant, %zu screened): %.2f s, WSS@95 %.3f, RRF@10 %.3f\n",
              sim->n_relevant, sim->order.size(), seconds, sim->wss95, sim->rrf10);
  EXPECT_GT(sim->wss95, 0.0);
}

}  // namespace
}  // namespace carta::screen
