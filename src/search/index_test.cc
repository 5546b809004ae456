// Index storage: Save/Load round trips, segments and merging, and corrupt
// files (every truncation, flipped bytes) that must fail cleanly.
#include "carta/search/index.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "evaluate.h"
#include "segment.h"
#include "test_corpus.h"

namespace carta::search {
namespace {

const char* const kQueries[] = {"lymphoma[tiab]", "car t cell*[tiab]", "smith j[au]", "2010:2020[dp]",
                                "\"hip pain\"[tiab:~2]", "淋巴瘤", "lymph* OR review[pt] NOT blood[ta]"};

std::vector<std::vector<uint32_t>> Answers(const Index& index) {
  std::vector<std::vector<uint32_t>> out;
  for (const char* q : kQueries) out.push_back(index.Search(*ParsePubmed(q)).docs);
  return out;
}

TEST(IndexStore, SaveLoadRoundTrip) {
  const Index index = testing::CorpusIndex();
  const std::string path = ::testing::TempDir() + "/search_roundtrip.idx";
  ASSERT_TRUE(index.Save(path).ok());
  Result<Index> loaded = Index::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->num_docs(), index.num_docs());
  EXPECT_EQ(Answers(*loaded), Answers(index));
  EXPECT_EQ(loaded->Serialize(), index.Serialize());
  std::remove(path.c_str());
}

TEST(IndexStore, MissingFileIsIOError) {
  Result<Index> loaded = Index::Load(::testing::TempDir() + "/no_such_search.idx");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kIOError);
}

TEST(IndexStore, EmptyIndexSearchesAndRoundTrips) {
  IndexBuilder builder;
  const Index empty = builder.Finish();
  EXPECT_EQ(empty.num_docs(), 0u);
  EXPECT_TRUE(empty.Search(*ParsePubmed("lymphoma")).docs.empty());
  Result<Index> back = Index::Deserialize(empty.Serialize());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->num_docs(), 0u);
}

TEST(IndexStore, SegmentsSearchTogetherAndMerge) {
  const std::vector<biblio::Record> corpus = testing::Corpus();
  Index index;
  for (size_t start = 0; start < corpus.size(); start += 4) {  // segments of 4, 4 and 3 records
    IndexBuilder builder;
    for (size_t i = start; i < std::min(corpus.size(), start + 4); ++i) builder.Add(corpus[i]);
    index.Append(builder.Finish());
  }
  EXPECT_EQ(index.num_segments(), 3u);
  const Index whole = testing::CorpusIndex();
  EXPECT_EQ(Answers(index), Answers(whole));
  Result<Index> reloaded = Index::Deserialize(index.Serialize());
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  EXPECT_EQ(Answers(*reloaded), Answers(whole));
  index.Merge();
  EXPECT_EQ(index.num_segments(), 1u);
  EXPECT_EQ(Answers(index), Answers(whole));
  EXPECT_EQ(index.Serialize(), whole.Serialize());  // merging gives the same bytes as one build
}

TEST(IndexCorruption, EveryTruncationFails) {
  const std::string bytes = testing::CorpusIndex().Serialize();
  for (size_t n = 0; n < bytes.size(); ++n) {
    Result<Index> r = Index::Deserialize(bytes.substr(0, n));
    ASSERT_FALSE(r.ok()) << "truncated at " << n;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  }
}

TEST(IndexCorruption, FlippedBytesFailOrStaySafe) {
  const std::string bytes = testing::CorpusIndex().Serialize();
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ (1 + i % 255));
    Result<Index> r = Index::Deserialize(bad);
    ASSERT_FALSE(r.ok()) << "flipped byte " << i;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  }
}

// A segment altered past the checksum (as if the checksum had been
// recomputed) must still never crash: Open rejects bad shapes, and the
// posting readers bound every read.
TEST(IndexCorruption, AlteredSegmentsNeverCrash) {
  const std::string seg = testing::CorpusIndex().segments()[0]->bytes();
  std::vector<Query> queries;
  for (const char* q : kQueries) queries.push_back(std::move(ParsePubmed(q)).value());
  int opened = 0;
  for (size_t i = 0; i < seg.size(); ++i) {
    std::string bad = seg;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    Result<std::unique_ptr<internal::Segment>> s = internal::Segment::Open(bad);
    if (!s.ok()) {
      EXPECT_EQ(s.status().code(), StatusCode::kCorruption);
      continue;
    }
    ++opened;
    for (const Query& q : queries) {
      std::vector<uint32_t> docs;
      internal::Evaluate(**s, *q.root(), &docs);
      for (uint32_t d : docs) ASSERT_LT(d, (*s)->num_docs());
    }
  }
  EXPECT_GT(opened, 0);  // flips inside postings pass Open and reach the readers
}

// The same for a segment whose common terms fill 128-document posting blocks
// (bit-packed, skipped by header): altered bytes inside packed blocks, block
// headers and position streams must end walks early, never read past them.
TEST(IndexCorruption, AlteredBlockPostingsNeverCrash) {
  const std::vector<biblio::Record> corpus = testing::Corpus();
  IndexBuilder builder;
  for (int copy = 0; copy < 60; ++copy) {  // 660 documents: "lymphoma", "cell" ... reach full blocks
    for (const biblio::Record& r : corpus) builder.Add(r);
  }
  const Index index = builder.Finish();
  const std::string seg = index.segments()[0]->bytes();
  std::vector<Query> queries;
  for (const char* q : kQueries) queries.push_back(std::move(ParsePubmed(q)).value());
  queries.push_back(std::move(ParsePubmed("\"car t cell\"[tiab] AND lymphoma[tiab] NOT blood[ta]")).value());
  int opened = 0;
  for (size_t i = 0; i < seg.size(); i += 5) {
    std::string bad = seg;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    Result<std::unique_ptr<internal::Segment>> s = internal::Segment::Open(bad);
    if (!s.ok()) continue;
    ++opened;
    for (const Query& q : queries) {
      std::vector<uint32_t> docs;
      internal::Evaluate(**s, *q.root(), &docs);
      for (uint32_t d : docs) ASSERT_LT(d, (*s)->num_docs());
    }
  }
  EXPECT_GT(opened, 0);
}

}  // namespace
}  // namespace carta::search
