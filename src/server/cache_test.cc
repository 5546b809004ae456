// The server's caches (caches.h): a verified token is re-read after its
// bound (a revoked token is refused within it), a meta-analysis response is
// served again only for the evidence snapshot it came from, and the bounds
// on both hold.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "caches.h"
#include "carta/server/server.h"
#include "carta/store/store.h"
#include "test_util.h"

namespace carta {
namespace {

using namespace std::chrono_literals;
using server::Clock;
using test::Body;
using test::ExpectError;
using test::Running;

store::TeamToken TokenOf(const std::string& reviewer) {
  store::TeamToken t;
  t.reviewer = reviewer;
  t.role = "reviewer";
  return t;
}

TEST(ServeTokenCache, ATokenIsServedFromMemoryOnlyWithinItsBound) {
  server::TokenCache cache(1000ms, 4);
  const auto t0 = Clock::now();
  EXPECT_FALSE(cache.Find("h1", t0));
  cache.Put("h1", TokenOf("ann"), t0);
  ASSERT_TRUE(cache.Find("h1", t0 + 999ms));
  EXPECT_EQ(cache.Find("h1", t0 + 999ms)->reviewer, "ann");
  EXPECT_FALSE(cache.Find("h1", t0 + 1000ms)) << "a token read 1 s ago must be read again";
  EXPECT_FALSE(cache.Find("h2", t0));
}

TEST(ServeTokenCache, ABoundOfZeroCachesNothingAndCapacityHolds) {
  server::TokenCache none(0ms, 4);
  const auto t0 = Clock::now();
  none.Put("h", TokenOf("ann"), t0);
  EXPECT_FALSE(none.Find("h", t0));
  server::TokenCache small(1000ms, 2);
  small.Put("a", TokenOf("a"), t0);
  small.Put("b", TokenOf("b"), t0);
  small.Put("b", TokenOf("b2"), t0);  // a refresh of a held token does not count against the capacity
  EXPECT_TRUE(small.Find("a", t0));
  EXPECT_EQ(small.Find("b", t0)->reviewer, "b2");
  small.Put("c", TokenOf("c"), t0);  // a third: the others are forgotten
  EXPECT_FALSE(small.Find("a", t0));
  EXPECT_TRUE(small.Find("c", t0));
}

// A server whose token bound is `recheck_ms`: a token is used, revoked from
// outside (as `carta serve token revoke` does), and used again after `wait`:
// refused, saying it was revoked.
void ExpectRevokedAfter(const std::string& name, int recheck_ms, std::chrono::milliseconds wait) {
  Running s(name, false, [recheck_ms](server::Options& o) { o.token_recheck_ms = recheck_ms; });
  const std::string db = (s.dir / "p.db").string();
  auto c = s.Client();
  auto fresh = server::AddToken(db, "kim", "reviewer");
  ASSERT_TRUE(fresh.ok());
  const httplib::Headers kim = {{"Authorization", "Bearer " + fresh->token}};
  auto before = c.Get("/api/screen/me", kim);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200) << before->body;
  ASSERT_TRUE(server::RevokeTokens(db, "kim").ok());
  std::this_thread::sleep_for(wait);
  auto after = c.Get("/api/screen/me", kim);
  ExpectError(after, 401, "authorization");
  EXPECT_NE(after->body.find("revoked"), std::string::npos) << after->body;
}

// The server read the token before the revocation; once the bound has passed it reads it again.
TEST(ServeTokenCache, ARevokedTokenIsRefusedWithinTheBound) { ExpectRevokedAfter("tokencache", 300, 350ms); }

TEST(ServeTokenCache, WithoutTheCacheARevocationIsImmediate) { ExpectRevokedAfter("tokennocache", 0, 0ms); }

TEST(ServeResponseCache, HitsOnlyForTheSnapshotItWasMadeFrom) {
  server::ResponseCache cache(8, 1 << 20);
  auto one = std::make_shared<const int>(1);
  auto two = std::make_shared<const int>(2);
  cache.Put("k", one, {"body-1", "application/json"});
  ASSERT_TRUE(cache.Find("k", one));
  EXPECT_EQ(cache.Find("k", one)->body, "body-1");
  EXPECT_EQ(cache.Find("k", one)->content_type, "application/json");
  EXPECT_FALSE(cache.Find("k", two)) << "a new snapshot must not see the old one's answers";
  EXPECT_FALSE(cache.Find("other", one));
  cache.Put("k", two, {"body-2", "application/json"});
  EXPECT_EQ(cache.Find("k", two)->body, "body-2");
  EXPECT_FALSE(cache.Find("k", one)) << "storing for a new snapshot forgets the old one";
}

TEST(ServeResponseCache, EvictsTheOldestPastItsCountOrBytes) {
  auto snap = std::make_shared<const int>(1);
  server::ResponseCache by_count(2, 1 << 20);
  by_count.Put("a", snap, {"1", ""});
  by_count.Put("b", snap, {"2", ""});
  by_count.Put("c", snap, {"3", ""});
  EXPECT_FALSE(by_count.Find("a", snap));
  EXPECT_TRUE(by_count.Find("b", snap));
  EXPECT_TRUE(by_count.Find("c", snap));
  server::ResponseCache by_bytes(100, 13);  // keys and bodies count
  by_bytes.Put("a", snap, {"12345", ""});
  by_bytes.Put("b", snap, {"789", ""});
  by_bytes.Put("c", snap, {"x", ""});  // 6 + 4 + 2 = 12: all kept
  EXPECT_TRUE(by_bytes.Find("a", snap));
  by_bytes.Put("d", snap, {"y", ""});  // 12 + 2 > 13: "a" goes
  EXPECT_FALSE(by_bytes.Find("a", snap));
  EXPECT_TRUE(by_bytes.Find("b", snap));
  EXPECT_TRUE(by_bytes.Find("d", snap));
  by_bytes.Put("huge", snap, {std::string(10, 'z'), ""});  // larger than the whole cache: not kept
  EXPECT_FALSE(by_bytes.Find("huge", snap));
  EXPECT_TRUE(by_bytes.Find("c", snap));
}

TEST(ServeResponseCache, TheKeyIgnoresTheOrderOfParametersOnly) {
  const api::Json ab = {{"outcome", "orr"}, {"method", "REML"}};
  const api::Json ba = {{"method", "REML"}, {"outcome", "orr"}};
  const api::Json other = {{"outcome", "orr"}, {"method", "DL"}};
  using server::ResponseCache;
  EXPECT_EQ(ResponseCache::KeyOf(ab, ""), ResponseCache::KeyOf(ba, ""));
  EXPECT_NE(ResponseCache::KeyOf(ab, ""), ResponseCache::KeyOf(other, ""));
  EXPECT_NE(ResponseCache::KeyOf(ab, ""), ResponseCache::KeyOf(ab, "svg"));
  // A value that looks like a separator cannot make two requests share a key.
  const api::Json tricky = {{"a", "1\"],[\"b"}};
  const api::Json split = {{"a", "1"}, {"b", ""}};
  EXPECT_NE(ResponseCache::KeyOf(tricky, ""), ResponseCache::KeyOf(split, ""));
}

// A rebuilt database is a new evidence snapshot: /api/meta answers from it,
// not from the cached answer of the old one.
TEST(ServeResponseCache, ANewEvidenceSnapshotInvalidatesTheMetaAnswers) {
  Running s("metacache");
  auto c = s.Client();
  auto first = c.Get("/api/meta?outcome=orr&method=REML");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  auto again = c.Get("/api/meta?method=REML&outcome=orr");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, first->body);
  // A job is always a job: a kept answer of the same request does not stand in for it.
  auto job = c.Post("/api/jobs/meta", R"({"outcome":"orr","method":"REML"})", "application/json");
  ASSERT_TRUE(job);
  EXPECT_EQ(job->status, 202) << job->body;
  EXPECT_TRUE(Body(job).contains("id")) << job->body;
  test::WaitForJob(c, Body(job)["id"].get<std::string>());
  const long k_before = Body(first)["k"].get<long>();
  // The same data without the BCMA cohorts: fewer studies report a response rate.
  namespace fs = std::filesystem;
  const fs::path data = s.dir / "data";
  fs::copy(fs::path(CARTA_SOURCE_DIR) / "data", data, fs::copy_options::recursive);
  fs::remove(data / "cohorts_bcma.carta");
  const std::string db = (s.dir / "p.db").string();
  auto rebuilt = store::BuildDatabase(db, data.string(), "test");
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  std::this_thread::sleep_for(1100ms);  // the server asks whether the database changed at most once a second
  auto after = c.Get("/api/meta?outcome=orr&method=REML");
  ASSERT_TRUE(after);
  ASSERT_EQ(after->status, 200) << after->body;
  EXPECT_LT(Body(after)["k"].get<long>(), k_before) << after->body;
}

}  // namespace
}  // namespace carta
