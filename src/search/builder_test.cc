// IndexBuilder's batches and threads, the parallel merge and the builder's
// slice pool: whatever the options, the index bytes are those of one
// single-threaded build of one segment.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "build_memory.h"
#include "carta/search/index.h"
#include "segment.h"
#include "test_corpus.h"

namespace carta::search {
namespace {

// Records over a small vocabulary, so that common words fill 128-document
// posting blocks within a few hundred records; every field is used.
std::vector<biblio::Record> Records(size_t n, uint32_t seed) {
  static const char* const kWords[] = {"car",  "t",       "cell",   "lymphoma", "cd19",    "relapse", "remission",
                                       "bcma", "myeloma", "crs",    "icans",    "therapy", "durable", "response",
                                       "淋巴瘤", "嵌合抗原受体", "of",     "the",      "survival"};
  std::mt19937 rng(seed);
  auto words = [&](int lo, int hi) {
    std::string s;
    for (int k = lo + static_cast<int>(rng() % static_cast<uint32_t>(hi - lo + 1)); k > 0; --k) {
      if (!s.empty()) s += ' ';
      s += kWords[rng() % (sizeof(kWords) / sizeof(kWords[0]))];
    }
    return s;
  };
  std::vector<biblio::Record> out;
  for (size_t i = 0; i < n; ++i) {
    biblio::Record r;
    r.title = words(1, 10);
    r.abstract = words(0, 60);
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) r.authors.push_back("Author" + std::to_string(rng() % 40) + ", Ann B");
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) r.keywords.push_back(words(1, 2));
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) r.mesh.push_back({words(1, 2), rng() % 2 == 0, {"therapy"}});
    r.publication_types = {rng() % 2 ? "Journal Article" : "Review"};
    r.journal = rng() % 2 ? "Blood" : "Lancet Oncology";
    r.language = rng() % 3 ? "eng" : "chi";
    r.year = 2000 + static_cast<int>(rng() % 25);
    r.pmid = std::to_string(100000 + i);
    r.doi = "10.1000/x." + std::to_string(i);
    out.push_back(std::move(r));
  }
  return out;
}

std::string Build(const std::vector<biblio::Record>& records, int threads, uint32_t batch) {
  BuildOptions options;
  options.threads = threads;
  options.batch_records = batch;
  IndexBuilder builder(options);
  for (const biblio::Record& r : records) builder.Add(r);
  const Index index = builder.Finish();
  EXPECT_LE(index.num_segments(), 1u);
  return index.Serialize();
}

TEST(IndexBuilderOptions, BatchesAndThreadsGiveTheSameBytes) {
  const std::vector<biblio::Record> records = Records(700, 7);
  const std::string one = Build(records, 1, 1u << 30);
  for (int threads : {1, 2, 3}) {
    for (uint32_t batch : {1u, 5u, 64u, 129u, 1000u}) {
      EXPECT_EQ(Build(records, threads, batch), one) << threads << " threads, batches of " << batch;
    }
  }
}

TEST(IndexBuilderOptions, RecordsMovedInAreIndexedAsCopied) {
  std::vector<biblio::Record> records = Records(300, 11);
  const std::string copied = Build(records, 2, 50);
  BuildOptions options;
  options.threads = 2;
  options.batch_records = 50;
  IndexBuilder builder(options);
  for (biblio::Record& r : records) builder.Add(std::move(r));
  EXPECT_EQ(builder.Finish().Serialize(), copied);
}

TEST(IndexBuilderOptions, BuilderIsReusableAfterFinish) {
  const std::vector<biblio::Record> a = Records(120, 1), b = Records(90, 2);
  BuildOptions options;
  options.threads = 2;
  options.batch_records = 16;
  IndexBuilder builder(options);
  for (const biblio::Record& r : a) builder.Add(r);
  EXPECT_EQ(builder.num_docs(), 120u);
  EXPECT_EQ(builder.Finish().Serialize(), Build(a, 1, 1000));
  EXPECT_EQ(builder.num_docs(), 0u);
  for (const biblio::Record& r : b) EXPECT_LT(builder.Add(r), 90u);
  EXPECT_EQ(builder.Finish().Serialize(), Build(b, 1, 1000));
  EXPECT_EQ(builder.Finish().num_docs(), 0u);  // nothing added since
}

TEST(IndexBuilderOptions, BuilderDroppedWithoutFinishStopsItsThreads) {
  const std::vector<biblio::Record> records = Records(500, 4);
  auto builder = std::make_unique<IndexBuilder>(BuildOptions{2, 10});
  for (const biblio::Record& r : records) builder->Add(r);
  EXPECT_EQ(builder->num_docs(), 500u);
  builder.reset();  // joins the workers (a hang or a crash here fails the test)
  EXPECT_EQ(builder, nullptr);
}

TEST(IndexBuilderOptions, ParallelMergeGivesTheSameBytes) {
  const std::vector<biblio::Record> records = Records(600, 3);
  std::vector<std::unique_ptr<internal::Segment>> segments;
  for (size_t start = 0; start < records.size(); start += 45) {
    IndexBuilder builder(BuildOptions{1, 1000});
    for (size_t i = start; i < std::min(records.size(), start + 45); ++i) builder.Add(records[i]);
    Result<std::unique_ptr<internal::Segment>> s = internal::Segment::Open(builder.Finish().segments()[0]->bytes());
    ASSERT_TRUE(s.ok());
    segments.push_back(std::move(s).value());
  }
  const std::string serial = internal::MergeSegments(segments, 1);
  for (int threads : {2, 3, 8, 64}) EXPECT_EQ(internal::MergeSegments(segments, threads), serial) << threads;
}

TEST(IndexBuilderLimits, TextBeyondTheRecordCapIsNotIndexed) {
  biblio::Record big;
  big.title = "alpha";
  big.abstract.reserve(34u << 20);
  while (big.abstract.size() < (33u << 20)) big.abstract += "filler ";
  big.abstract += "omega";
  biblio::Record next;
  next.title = "omega";
  IndexBuilder builder(BuildOptions{1, 1000});
  builder.Add(big);
  builder.Add(next);
  const Index index = builder.Finish();
  EXPECT_EQ(index.Search(*ParsePubmed("alpha[ti]")).docs, std::vector<uint32_t>{0});
  EXPECT_EQ(index.Search(*ParsePubmed("omega")).docs, std::vector<uint32_t>{1});  // the cap is per record
  EXPECT_TRUE(index.Search(*ParsePubmed("filler[ab]")).docs.empty());  // the abstract alone is over the cap
}

TEST(SlicePool, StreamsReadBackAsWritten) {
  std::mt19937 rng(5);
  internal::SlicePool pool;
  std::vector<internal::Stream> streams(300);
  std::vector<std::string> expected(300);
  for (int k = 0; k < 200000; ++k) {
    // Skewed: a few streams grow past the largest slice size, most stay small.
    const size_t s = rng() % 4 == 0 ? rng() % 3 : rng() % streams.size();
    const auto byte = static_cast<uint8_t>(rng() % 4 == 0 ? 0 : rng());  // zero bytes too
    pool.Put(&streams[s], byte);
    expected[s].push_back(static_cast<char>(byte));
  }
  std::string got;
  for (size_t s = 0; s < streams.size(); ++s) {
    pool.Read(streams[s], &got);
    ASSERT_EQ(got, expected[s]) << "stream " << s;
  }
  internal::Stream empty;
  pool.Read(empty, &got);
  EXPECT_TRUE(got.empty());
}

TEST(SlicePool, VarintsMatchTheFileCoding) {
  internal::SlicePool pool;
  internal::Stream s;
  std::string expected;
  for (uint32_t v : {0u, 1u, 127u, 128u, 300u, 16383u, 16384u, 0xffffffffu}) {
    pool.PutVarint(&s, v);
    coding::PutVarint32(&expected, v);
  }
  std::string got;
  pool.Read(s, &got);
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace carta::search
