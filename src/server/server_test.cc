// The HTTP API against a server on an ephemeral loopback port: every route
// with good and bad input, limits, tokens, Host and Origin checks, path
// traversal, blind dual screening, jobs, and concurrent writers.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "carta/api/json.h"
#include "carta/api/meta.h"
#include "carta/meta/run.h"
#include "carta/store/store.h"
#include "carta/server/server.h"
#include "carta/store/team.h"
#include "test_util.h"

namespace carta {
namespace {

namespace fs = std::filesystem;
using api::Json;
using test::Body;
using test::ExpectError;
using test::Running;
using test::Shared;
using test::WaitForJob;

Json Decision(const std::string& client_id, long record, const std::string& verdict) {
  return {{"client_id", client_id}, {"record", record}, {"verdict", verdict}};
}

TEST(ServeOptions, NonLoopbackNeedsTeamMode) {
  server::Options o;
  o.host = "0.0.0.0";
  auto r = server::App::Create(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "host");
  o.team = true;
  EXPECT_TRUE(server::App::Create(o).ok());
  EXPECT_TRUE(server::IsLoopback("127.0.0.2"));
  EXPECT_FALSE(server::IsLoopback("10.0.0.1"));
}

TEST(ServeToken, HashIsSha256) {
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(server::HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ServeToken, OnlyTheHashIsStored) {
  auto& s = Shared();
  auto team = store::Team::Open((s.dir / "p.db").string());
  ASSERT_TRUE(team.ok());
  auto found = team->FindToken(server::HashToken(s.tokens.at("ann")));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->reviewer, "ann");
  EXPECT_FALSE(team->FindToken(s.tokens.at("ann"))->has_value());
  EXPECT_EQ(s.tokens.at("ann").size(), 43u);
}

TEST(ServeToken, ExpiredAndRevokedTokensAreRefused) {
  auto& s = Shared();
  const std::string db = (s.dir / "p.db").string();
  auto c = s.Client();
  // A token that lasts 30 days works; its id names it in the list.
  auto fresh = server::AddToken(db, "fay", "reviewer", 30);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->id, server::HashToken(fresh->token).substr(0, 12));
  const long now_s = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_NEAR(fresh->expires_at_s, now_s + 30 * 86400, 5);
  const httplib::Headers fay = {{"Authorization", "Bearer " + fresh->token}};
  auto me = c.Get("/api/screen/me", fay);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  // One stored with an expiry in the past (the store takes any time) is refused with when it expired.
  auto team = store::Team::Open(db);
  ASSERT_TRUE(team.ok());
  const std::string old_token = "an-old-token-that-expired-long-ago";
  ASSERT_TRUE(team->AddToken(server::HashToken(old_token), "gus", "reviewer", 1000000000).ok());
  auto old = c.Get("/api/screen/me", {{"Authorization", "Bearer " + old_token}});
  ExpectError(old, 401, "authorization");
  EXPECT_NE(old->body.find("expired at 2001-09-09T01:46:40Z"), std::string::npos) << old->body;
  // Revoked by id: refused once the server re-reads it (token_recheck_ms, 200 ms here), and listed as revoked.
  auto n = server::RevokeTokens(db, fresh->id);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  auto after = c.Get("/api/screen/me", fay);
  ExpectError(after, 401, "authorization");
  EXPECT_NE(after->body.find("revoked"), std::string::npos) << after->body;
  auto listed = server::ListTokens(db);
  ASSERT_TRUE(listed.ok());
  bool seen = false;
  for (const auto& t : *listed) {
    if (t.id != fresh->id) continue;
    seen = true;
    EXPECT_EQ(t.reviewer, "fay");
    EXPECT_FALSE(t.revoked_utc.empty());
    EXPECT_FALSE(t.expires_utc.empty());
  }
  EXPECT_TRUE(seen);
  // Again: nothing valid matches any more; by name revokes every token of the reviewer.
  auto again = server::RevokeTokens(db, fresh->id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(again.status().location().field, "token");
  ASSERT_TRUE(server::AddToken(db, "hal", "reviewer").ok());
  ASSERT_TRUE(server::AddToken(db, "hal", "resolver").ok());
  EXPECT_EQ(*server::RevokeTokens(db, "hal"), 2);
  // Bad lifetimes are refused naming the field.
  for (int days : {-1, server::kMaxTokenDays + 1}) {
    auto bad = server::AddToken(db, "ivy", "reviewer", days);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().location().field, "expires");
  }
}

TEST(ServeErrors, PermissionAndConflictCodes) {
  EXPECT_STREQ(Status::PermissionDenied("x").code_name(), "permission_denied");
  EXPECT_STREQ(Status::Conflict("x").code_name(), "conflict");
  auto& s = Shared();
  auto c = s.Client();
  auto r = c.Get("/api/screen/kappa", s.Auth("ann"));
  ExpectError(r, 403, "role");
  EXPECT_EQ(Body(r)["error"]["code"], "permission_denied");
  auto undo = c.Post("/api/screen/decision", s.Auth("eve"),
                     Json{{"client_id", "nothing-to-undo"}, {"record", 20}, {"stage", "full_text"}, {"kind", "undo"}}.dump(), "application/json");
  ExpectError(undo, 409, "state");
  EXPECT_EQ(Body(undo)["error"]["code"], "conflict");
}

TEST(ServeRead, EvidenceRoutesAnswerTheCliKeys) {
  auto c = Shared().Client();
  Json products = Body(c.Get("/api/products"));
  ASSERT_TRUE(products.is_array());
  ASSERT_FALSE(products.empty());
  EXPECT_TRUE(products[0].contains("brand"));
  Json cd19 = Body(c.Get("/api/studies?target=CD19"));
  ASSERT_TRUE(cd19.is_array());
  Json all = Body(c.Get("/api/studies"));
  EXPECT_LT(cd19.size(), all.size());
  Json shown = Body(c.Get("/api/show/" + products[0]["id"].get<std::string>()));
  EXPECT_TRUE(shown.is_array());
  EXPECT_TRUE(Body(c.Get("/api/check")).contains("findings"));
  EXPECT_TRUE(Body(c.Get("/api/generations")).is_array());
  ExpectError(c.Get("/api/studies?target=CD999"), 400, "target");
  ExpectError(c.Get("/api/studies?colour=red"), 400, "colour");
  ExpectError(c.Get("/api/show/no-such-thing"), 404, "");
  ExpectError(c.Get("/api/check?severity=loud"), 400, "severity");
  ExpectError(c.Get("/api/nothing"), 404, "path");
}

TEST(ServeRead, MetaJsonSvgAndMethodChange) {
  auto c = Shared().Client();
  Json reml = Body(c.Get("/api/meta?outcome=orr"));
  EXPECT_EQ(reml["method"], "REML");
  EXPECT_GT(reml["k"].get<int>(), 2);
  Json dl = Body(c.Get("/api/meta?outcome=orr&method=DL"));
  EXPECT_EQ(dl["method"], "DL");
  EXPECT_NE(dl["tau2"], reml["tau2"]);
  Json posted = Body(c.Post("/api/meta", R"({"outcome":"orr","method":"DL"})", "application/json"));
  EXPECT_EQ(posted["tau2"], dl["tau2"]);
  auto svg = c.Get("/api/meta?outcome=orr&format=svg");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->status, 200);
  EXPECT_NE(svg->get_header_value("Content-Type").find("image/svg+xml"), std::string::npos);
  EXPECT_NE(svg->body.find("<svg"), std::string::npos);
  ExpectError(c.Get("/api/meta?outcome=orr&method=XYZ"), 400, "method");
  ExpectError(c.Get("/api/meta?outcome=orr&level=high"), 400, "level");
  ExpectError(c.Get("/api/meta?outcome=orr&analysis=gosh"), 400, "analysis");
  ExpectError(c.Get("/api/meta?outcome=orr&format=png"), 400, "format");
  ExpectError(c.Post("/api/meta", "{not json", "application/json"), 400, "body");
}

// /api/meta with the multilevel model: the JSON the command prints
// (api::ToJson of meta::RunMultilevel on the same evidence), and the
// library's refusals of options the model does not take, with their field.
TEST(ServeRead, MetaMultilevelAsTheCommandAnswersIt) {
  auto& s = Shared();
  auto c = s.Client();
  auto eb = store::LoadEvidenceSnapshot((s.dir / "p.db").string());
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  meta::MetaRequest q;
  q.query.outcome = "orr";
  q.random = "trial/cohort";
  q.t_test = true;
  auto ml = meta::MultilevelRequestOf(q);
  ASSERT_TRUE(ml.ok()) << ml.status().ToString();
  auto expected = meta::RunMultilevel(*ml, eb->get());
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  Json got = Body(c.Get("/api/meta?outcome=orr&random=trial/cohort&test=t"));
  EXPECT_EQ(got["model"], "multilevel");
  EXPECT_EQ(got["test"], "t");
  EXPECT_EQ(got.dump(), api::ToJson(*expected).dump());
  Json posted = Body(c.Post("/api/meta", R"({"outcome":"orr","random":"trial/cohort","test":"t"})", "application/json"));
  EXPECT_EQ(posted.dump(), got.dump());
  const std::string csv = "trial,cohort,yi,vi\nT1,a,0.2,0.04\nT2,a,0.5,0.03\nT2,b,0.9,0.05\nT3,a,-0.1,0.02\nT3,b,0.4,0.06\n";
  Json clustered = Body(c.Post("/api/meta", Json{{"csv_text", csv}, {"cluster", "trial"}}.dump(), "application/json"));
  EXPECT_EQ(clustered["random"], "trial/study");
  EXPECT_EQ(clustered["k"], 5);
  ExpectError(c.Get("/api/meta?outcome=orr&random=trial/cohort&knha=true"), 400, "knha");
  ExpectError(c.Get("/api/meta?outcome=orr&random=trial/cohort&by=target"), 400, "by");
  ExpectError(c.Get("/api/meta?outcome=orr&random=trial/cohort&convention=meta"), 400, "convention");
  ExpectError(c.Get("/api/meta?outcome=orr&random=trial/cohort&analysis=leave1out"), 400, "analysis");
  ExpectError(c.Get("/api/meta?outcome=orr&random=trial/cohort&format=svg"), 400, "format");
  ExpectError(c.Get("/api/meta?outcome=orr&random=trial/cohort&method=DL"), 400, "method");
  ExpectError(c.Get("/api/meta?outcome=orr&random=site/trial"), 400, "random");
  ExpectError(c.Get("/api/meta?outcome=orr&cluster=trial"), 400, "cluster");
  ExpectError(c.Get("/api/meta?outcome=orr&test=t"), 400, "test");
  ExpectError(c.Get("/api/meta?outcome=orr&random=trial/cohort&test=f"), 400, "test");
}

TEST(ServeRead, SurvivalKmAndPool) {
  auto c = Shared().Client();
  const std::string csv = "time,event\n1,1\n2,0\n3,1\n4,1\n5,0\n";
  Json km = Body(c.Post("/api/surv/km", Json{{"csv", csv}}.dump(), "application/json"));
  ASSERT_TRUE(km.contains("groups")) << km.dump();
  ExpectError(c.Post("/api/surv/km", R"({"csv": 3})", "application/json"), 400, "csv");
  ExpectError(c.Get("/api/surv/pool?endpoint=nonsense"), 400, "");
  ExpectError(c.Get("/api/surv/pool?landmark_months=soon"), 400, "landmark_months");
}

// The simulator's virtual trial: the command's keys, its figure with the
// observed landmarks of the matching cohorts, the same trial for the same
// query, and every bad input refused with its field.
TEST(ServeSim, TrialAsTheCommandRunsItAndBadInputRefused) {
  auto c = Shared().Client();
  Json t = Body(c.Get("/api/sim/trial?product=axi-cel&indication=LBCL&patients=60&seed=3"));
  EXPECT_EQ(t["product"], "yescarta");
  EXPECT_EQ(t["patients"], 60);
  EXPECT_EQ(t["seed"], 3);
  ASSERT_TRUE(t["trial"].contains("orr")) << t.dump();
  EXPECT_EQ(t["trial"]["patients"], 60);
  const std::string svg = t["svg"].get<std::string>();
  EXPECT_NE(svg.find("class=\"km-curve\""), std::string::npos);
  EXPECT_NE(svg.find("<title>zuma1: pfs</title>"), std::string::npos);  // the evidence's landmarks
  Json again = Body(c.Get("/api/sim/trial?product=yescarta&indication=LBCL&seed=3&patients=60"));
  EXPECT_EQ(again["trial"].dump(), t["trial"].dump());
  Json dual = Body(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&patients=20&strategy=dual,toci-grade1&set=potency%3D3"));
  EXPECT_EQ(dual["product"], "cd19-cd22");
  ExpectError(c.Get("/api/sim/trial?indication=LBCL"), 400, "product");
  ExpectError(c.Get("/api/sim/trial?product=nope&indication=LBCL"), 400, "product");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=AML"), 400, "indication");
  ExpectError(c.Get("/api/sim/trial?product=abecma&indication=LBCL"), 400, "product");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&patients=5001"), 400, "patients");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&patients=0"), 400, "patients");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&patients=many"), 400, "patients");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&seed=-1"), 400, "seed");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&strategy=halfdose"), 400, "strategy");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&set=potency"), 400, "set");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&set=kill_per_day%3D-1"), 400, "kill_per_day");
  ExpectError(c.Get("/api/sim/trial?product=kymriah&indication=B-ALL&threads=64"), 400, "threads");
}

TEST(ServeTox, CalculatorsGradeAndRefuse) {
  auto c = Shared().Client();
  Json crs = Body(c.Post("/api/tox/crs", R"({"temp_c": 39, "hypotension": "one-vasopressor"})", "application/json"));
  EXPECT_EQ(crs["grade"], 3);
  EXPECT_EQ(crs["determined_by"][0], "hypotension");
  ExpectError(c.Post("/api/tox/crs", R"({"hypotension": "lots"})", "application/json"), 400, "hypotension");
  Json easix = Body(c.Post("/api/tox/easix", R"({"ldh": 250, "creatinine": 1.0, "platelets": 150})", "application/json"));
  EXPECT_FALSE(easix.is_null());
  ExpectError(c.Post("/api/tox/easix", R"({"ldh": 250})", "application/json"), 400, "");
  ExpectError(c.Post("/api/tox/icans", "[]", "application/json"), 400, "body");
  Json hemato = Body(c.Post("/api/tox/hematotox",
                            R"({"anc": 1.1, "hemoglobin": 9.5, "platelets": 80, "crp": 2, "ferritin": 700})",
                            "application/json"));
  EXPECT_TRUE(hemato.is_object());
}

TEST(ServeLit, SearchHistoryPrisma) {
  auto c = Shared().Client();
  Json r = Body(c.Post("/api/lit/search", R"({"query": "cancer"})", "application/json"));
  ASSERT_TRUE(r.contains("count")) << r.dump();
  Json history = Body(c.Get("/api/lit/history"));
  ASSERT_TRUE(history.is_array());
  EXPECT_FALSE(history.empty());
  ExpectError(c.Get("/api/lit/search?query=((("), 400, "");
  auto prisma = c.Get("/api/lit/prisma");
  ASSERT_TRUE(prisma);
  EXPECT_TRUE(prisma->status == 200 || prisma->status == 404) << prisma->body;  // 404 before any single-reviewer decision
}

TEST(ServeSecurity, HeadersOnEveryResponse) {
  auto c = Shared().Client();
  for (const char* path : {"/", "/api/products", "/api/nothing"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r);
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(r->get_header_value("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
  }
  auto page = c.Get("/");
  EXPECT_NE(page->body.find("<title>carta</title>"), std::string::npos);
  EXPECT_EQ(page->body.find("<script>"), std::string::npos);  // no inline script
}

TEST(ServeSecurity, HostAllowList) {
  auto c = Shared().Client();
  ExpectError(c.Get("/api/products", {{"Host", "evil.example:" + std::to_string(Shared().port)}}), 421, "host");
  ExpectError(c.Get("/api/products", {{"Host", "localhost:1"}}), 421, "host");
  EXPECT_EQ(c.Get("/api/products", {{"Host", "localhost:" + std::to_string(Shared().port)}})->status, 200);
}

TEST(ServeSecurity, LimitsOnBodyAndQuery) {
  auto c = Shared().Client();
  const std::string big(100 * 1024, 'x');
  auto r = c.Post("/api/tox/crs", big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  ExpectError(c.Get(("/api/products?target=" + std::string(5000, 'a')).c_str()), 414, "query");
}

TEST(ServeSecurity, PathTraversalNeverReachesFiles) {
  auto c = Shared().Client();
  for (const char* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                           "/web/../CMakeLists.txt", "/CMakeLists.txt", "/%2e%2e%2fREADME.md"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 404 || r->status == 400) << path << " -> " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos);
    EXPECT_EQ(r->body.find("cmake_minimum_required"), std::string::npos);
  }
}

TEST(ServeSecurity, WritesNeedATokenAndSameOrigin) {
  auto& s = Shared();
  auto c = s.Client();
  const std::string body = Decision("o1", 1, "include").dump();
  ExpectError(c.Post("/api/screen/decision", body, "application/json"), 401, "authorization");
  ExpectError(c.Post("/api/screen/decision", {{"Authorization", "Bearer nope"}}, body, "application/json"), 401,
              "authorization");
  auto h = s.Auth("ann");
  h.emplace("Origin", "http://evil.example");
  ExpectError(c.Post("/api/screen/decision", h, body, "application/json"), 403, "origin");
  auto cross = s.Auth("ann");
  cross.emplace("Sec-Fetch-Site", "cross-site");
  ExpectError(c.Post("/api/screen/decision", cross, body, "application/json"), 403, "origin");
  ExpectError(c.Post("/api/tox/crs", {{"Origin", "http://evil.example"}}, "{}", "application/json"), 403, "origin");
  auto same = s.Auth("ann");
  same.emplace("Origin", "http://127.0.0.1:" + std::to_string(s.port));
  // At full text, so that the title/abstract screening of the next test starts clean.
  Json same_origin = Decision("o-same", 20, "maybe");
  same_origin["stage"] = "full_text";
  auto ok = c.Post("/api/screen/decision", same, same_origin.dump(), "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
  ExpectError(c.Post("/api/screen/decision", s.Auth("ann"),
                     Json{{"client_id", "x"}, {"record", 1}, {"verdict", "include"}, {"reviewer", "bob"}}.dump(),
                     "application/json"),
              400, "reviewer");
  ExpectError(c.Post("/api/screen/resolve", s.Auth("ann"), Decision("r1", 1, "include").dump(), "application/json"),
              403, "role");
  ExpectError(c.Get("/api/screen/kappa", s.Auth("ann")), 403, "role");
}

TEST(ServeScreen, DualBlindConflictResolvedKappaPrisma) {
  auto& s = Shared();
  auto c = s.Client();
  auto post = [&](const std::string& who, const Json& body, const char* path = "/api/screen/decision") {
    return c.Post(path, s.Auth(who), body.dump(), "application/json");
  };
  Json next = Body(c.Get("/api/screen/next?count=3", s.Auth("dan")));
  ASSERT_EQ(next["records"].size(), 3u) << next.dump();
  EXPECT_FALSE(next["records"][0]["title"].get<std::string>().empty());
  const long r1 = next["records"][0]["id"], r2 = next["records"][1]["id"];
  ASSERT_EQ(post("dan", Decision("d1", r1, "include"))->status, 201);
  ASSERT_EQ(post("dan", Decision("d2", r2, "include"))->status, 201);
  // Blind: eve sees nothing of dan's votes before voting.
  Json eve_state = Body(c.Get("/api/screen/state", s.Auth("eve")));
  for (const auto& r : eve_state["records"]) EXPECT_NE(r["record"], r1);
  Json eve_history = Body(c.Get("/api/screen/history/" + std::to_string(r1), s.Auth("eve")));
  EXPECT_TRUE(eve_history["title_abstract"]["records"].empty()) << eve_history.dump();
  // A retry is not counted twice.
  auto first = post("eve", Decision("e1", r1, "exclude"));
  auto retry = post("eve", Decision("e1", r1, "exclude"));
  ASSERT_EQ(first->status, 201);
  ASSERT_EQ(retry->status, 200);
  EXPECT_EQ(Body(retry)["duplicate"], true);
  EXPECT_EQ(Body(retry)["seq"], Body(first)["seq"]);
  ASSERT_EQ(post("eve", Decision("e2", r2, "include"))->status, 201);
  // A third reviewer may not vote on a record with its two decisions.
  ExpectError(post("ann", Decision("a-third", r1, "include")), 409, "state");
  // Now both voted on r1: each sees the other's vote.
  Json eve_after = Body(c.Get("/api/screen/history/" + std::to_string(r1), s.Auth("eve")));
  EXPECT_EQ(eve_after["title_abstract"]["records"][0]["votes"].size(), 2u);
  // The resolver sees who voted, not how, and settles it.
  Json conflicts = Body(c.Get("/api/screen/conflicts", s.Auth("cat")));
  bool found = false;
  for (const auto& k : conflicts) {
    if (k["record"] == r1) {
      found = true;
      EXPECT_EQ(k["voters"], Json::array({"dan", "eve"}));
      EXPECT_FALSE(k.contains("votes"));
    }
  }
  EXPECT_TRUE(found) << conflicts.dump();
  ExpectError(post("cat", Decision("c0", r2, "include"), "/api/screen/resolve"), 409, "state");
  ASSERT_EQ(post("cat", Decision("c1", r1, "include"), "/api/screen/resolve")->status, 201);
  Json kappa = Body(c.Get("/api/screen/kappa", s.Auth("cat")));
  bool pair = false;
  for (const auto& k : kappa) {
    if (k["first"] == "dan" && k["second"] == "eve") {
      pair = true;
      EXPECT_EQ(k["records"], 2);
      EXPECT_DOUBLE_EQ(k["observed"].get<double>(), 0.5);
    }
  }
  EXPECT_TRUE(pair) << kappa.dump();
  Json prisma = Body(c.Get("/api/screen/prisma", s.Auth("ann")));
  EXPECT_GE(prisma["screened"].get<long>(), 2);
  EXPECT_FALSE(prisma["final"].get<bool>());
  auto csv = c.Get("/api/screen/export.csv", s.Auth("cat"));
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->body.find("record,state,reviewer1"), std::string::npos);
  // Undo: dan takes back his vote on r2; the record awaits its second decision again.
  Json undo = {{"client_id", "d-undo"}, {"record", r2}, {"kind", "undo"}};
  ASSERT_EQ(post("dan", undo)->status, 201);
  ExpectError(post("dan", {{"client_id", "d-undo2"}, {"record", 999999}, {"kind", "undo"}}), 404, "record");
  Json dan_state = Body(c.Get("/api/screen/history/" + std::to_string(r2), s.Auth("cat")));
  EXPECT_EQ(dan_state["title_abstract"]["records"][0]["state"], "awaiting_second");
  ExpectError(c.Get("/api/screen/next?stage=abstract", s.Auth("dan")), 400, "stage");
  ExpectError(c.Get("/api/screen/next?count=0", s.Auth("dan")), 400, "count");
}

// Polls the job until it leaves the queue (at most 30 s).
TEST(ServeJobs, MetaJobRunsFailsAndUnknownJobIs404) {
  auto c = Shared().Client();
  auto r = c.Post("/api/jobs/meta", R"({"outcome":"orr","analysis":"gosh","subsets":200})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  Json job = WaitForJob(c, Body(r)["id"]);
  EXPECT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["result"]["subsets"], 200) << job.dump().substr(0, 300);
  EXPECT_EQ(job["done"], 200);
  auto bad = c.Post("/api/jobs/meta", R"({"outcome":"nope","analysis":"gosh"})", "application/json");
  ASSERT_EQ(bad->status, 202);
  Json failed = WaitForJob(c, Body(bad)["id"]);
  EXPECT_EQ(failed["state"], "failed");
  EXPECT_EQ(failed["error"]["field"], "outcome") << failed.dump();
  ExpectError(c.Get("/api/jobs/0123456789abcdef0123456789abcdef"), 404, "id");
  ExpectError(c.Post("/api/jobs/meta", R"({"outcome":"orr","method":"XYZ"})", "application/json"), 400, "method");
}

TEST(ServeScreen, CrowdModeHandsOutEachRecordOnce) {
  Running s("crowd");
  auto c = s.Client();
  ExpectError(c.Post("/api/screen/mode", s.Auth("ann"), R"({"stage":"title_abstract","mode":"crowd"})", "application/json"),
              403, "role");
  ExpectError(c.Post("/api/screen/mode", s.Auth("root"), R"({"stage":"title_abstract","mode":"mob"})", "application/json"),
              400, "mode");
  ASSERT_EQ(c.Post("/api/screen/mode", s.Auth("root"), R"({"stage":"title_abstract","mode":"crowd"})", "application/json")
                ->status,
            200);
  Json a = Body(c.Get("/api/screen/next?count=10", s.Auth("ann")));
  Json b = Body(c.Get("/api/screen/next?count=10", s.Auth("bob")));
  EXPECT_EQ(a["mode"], "crowd");
  std::set<long> seen;
  for (const auto& r : a["records"]) seen.insert(r["id"].get<long>());
  for (const auto& r : b["records"]) EXPECT_TRUE(seen.insert(r["id"].get<long>()).second) << "handed out twice: " << r["id"];
  EXPECT_EQ(seen.size(), 20u);
  const long first = a["records"][0]["id"];
  ASSERT_EQ(c.Post("/api/screen/decision", s.Auth("ann"), Decision("a1", first, "include").dump(), "application/json")
                ->status,
            201);
  ExpectError(c.Post("/api/screen/decision", s.Auth("bob"), Decision("b1", first, "exclude").dump(), "application/json"),
              409, "state");
  Json state = Body(c.Get("/api/screen/state", s.Auth("cat")));
  EXPECT_EQ(state["records"][0]["state"], "agreed");
}

TEST(ServeScreen, ExclusionReasonsComeFromTheProjectList) {
  Running s("reasons");
  auto c = s.Client();
  auto post = [&](const std::string& who, const Json& body, const char* path) {
    return c.Post(path, s.Auth(who), body.dump(), "application/json");
  };
  EXPECT_EQ(Body(c.Get("/api/screen/reasons", s.Auth("ann")))["reasons"], Json::array());
  const Json list = {{"reasons", {"wrong population", " not a primary study "}}};
  auto refused = post("ann", list, "/api/screen/reasons");
  ExpectError(refused, 403, "role");
  EXPECT_EQ(Body(refused)["error"]["code"], "permission_denied");
  ExpectError(post("root", {{"reasons", "wrong population"}}, "/api/screen/reasons"), 400, "body");
  ExpectError(post("root", {{"reasons", {"a", "a"}}}, "/api/screen/reasons"), 400, "reasons");
  ExpectError(post("root", {{"reasons", {"a", "  "}}}, "/api/screen/reasons"), 400, "reasons");
  ExpectError(post("root", {{"reasons", Json(std::vector<std::string>(31, "x"))}}, "/api/screen/reasons"), 400,
              "reasons");
  auto set = post("root", list, "/api/screen/reasons");
  ASSERT_EQ(set->status, 200) << set->body;
  EXPECT_EQ(Body(set)["reasons"], Json({"wrong population", "not a primary study"}));
  const long record = Body(c.Get("/api/screen/next?count=1", s.Auth("ann")))["records"][0]["id"];
  Json exclude = Decision("a1", record, "exclude");
  exclude["stage"] = "full_text";
  exclude["reason"] = "too expensive";
  auto off_list = post("ann", exclude, "/api/screen/decision");
  ExpectError(off_list, 400, "reason");
  EXPECT_NE(off_list->body.find("wrong population; not a primary study"), std::string::npos) << off_list->body;
  exclude["reason"] = "wrong population";
  ASSERT_EQ(post("ann", exclude, "/api/screen/decision")->status, 201);
  exclude["client_id"] = "b1";
  exclude["reason"] = "not a primary study";
  ASSERT_EQ(post("bob", exclude, "/api/screen/decision")->status, 201);
  // Two reasons from the list that differ are a conflict for the resolver.
  Json conflicts = Body(c.Get("/api/screen/conflicts?stage=full_text", s.Auth("cat")));
  ASSERT_EQ(conflicts.size(), 1u) << conflicts.dump();
  EXPECT_EQ(conflicts[0]["record"], record);
  // A title/abstract exclusion needs no reason.
  ASSERT_EQ(post("ann", Decision("a2", record, "exclude"), "/api/screen/decision")->status, 201);
}

TEST(ServeScreen, StoppingAidFromTheRankersScores) {
  Running s("stopping");
  auto c = s.Client();
  auto next = [&] { return Body(c.Get("/api/screen/next?count=1", s.Auth("ann"))); };
  Json first = next();
  EXPECT_EQ(first["stopping"]["found"], 0);
  EXPECT_TRUE(first["stopping"]["expected_remaining"].is_null());  // a cold start has no model
  EXPECT_FALSE(first["stopping"]["stop_suggested"].get<bool>());
  EXPECT_EQ(first["stopping"]["streak_needed"], 20);  // max(20, 5% of 20 records)
  long seen = 0;
  for (Json q = first; !q["records"].empty(); q = next()) {
    const long id = q["records"][0]["id"];
    const char* verdict = seen == 0 ? "include" : "exclude";
    ASSERT_EQ(c.Post("/api/screen/decision", s.Auth("ann"), Decision("s" + std::to_string(seen), id, verdict).dump(),
                     "application/json")->status, 201);
    ++seen;
    if (seen == 2) {
      const Json mid = next()["stopping"];
      ASSERT_FALSE(mid["expected_remaining"].is_null()) << mid.dump();
      const double expected = mid["expected_remaining"];
      EXPECT_GE(expected, 0);
      EXPECT_LE(expected, 18);  // probabilities over the 18 open records
      EXPECT_NEAR(mid["estimated_recall"].get<double>(), 1 / (1 + expected), 1e-9);
      EXPECT_EQ(mid["found"], 1);
      EXPECT_EQ(mid["streak"], 1);
      EXPECT_FALSE(mid["stop_suggested"].get<bool>());
    }
  }
  EXPECT_EQ(seen, 20);
  const Json done = next();
  EXPECT_EQ(done["remaining"], 0);
  EXPECT_EQ(done["stopping"]["streak"], 19);
  EXPECT_EQ(done["stopping"]["estimated_recall"], 1.0);
  EXPECT_TRUE(done["stopping"]["stop_suggested"].get<bool>());
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ServeScreen, ExportsRisKappaAndPrisma) {
  Running s("exports");
  auto c = s.Client();
  auto post = [&](const std::string& who, const Json& body, const char* path = "/api/screen/decision") {
    return c.Post(path, s.Auth(who), body.dump(), "application/json");
  };
  Json next = Body(c.Get("/api/screen/next?count=2", s.Auth("ann")));
  ASSERT_EQ(next["records"].size(), 2u);
  const long r1 = next["records"][0]["id"], r2 = next["records"][1]["id"];
  ASSERT_EQ(post("ann", Decision("a1", r1, "include"))->status, 201);
  ASSERT_EQ(post("bob", Decision("b1", r1, "exclude"))->status, 201);
  ASSERT_EQ(post("cat", Decision("c1", r1, "include"), "/api/screen/resolve")->status, 201);
  ASSERT_EQ(post("ann", Decision("a2", r2, "exclude"))->status, 201);
  ASSERT_EQ(post("bob", Decision("b2", r2, "exclude"))->status, 201);

  ExpectError(c.Get("/api/screen/export.ris", s.Auth("ann")), 403, "role");
  auto ris = c.Get("/api/screen/export.ris", s.Auth("cat"));
  ASSERT_TRUE(ris);
  ASSERT_EQ(ris->status, 200) << ris->body;
  EXPECT_EQ(Count(ris->body, "TY  - "), 2u);
  EXPECT_EQ(Count(ris->body, "ER  - "), 2u);
  EXPECT_NE(ris->body.find("N1  - title_abstract: resolved; ann include; bob exclude; resolved by cat include\n"),
            std::string::npos)
      << ris->body;
  EXPECT_NE(ris->body.find("N1  - title_abstract: agreed; ann exclude; bob exclude\nER  - "), std::string::npos)
      << ris->body;
  EXPECT_NE(ris->get_header_value("Content-Disposition").find("screening.ris"), std::string::npos);

  // Two records rated by both: p_o = 1/2; ann's marginals 1/2, 1/2 and bob's all exclude: p_e = 1/2, kappa 0.
  ExpectError(c.Get("/api/screen/kappa.csv", s.Auth("bob")), 403, "role");
  ExpectError(c.Get("/api/screen/kappa.csv?stage=abstract", s.Auth("cat")), 400, "stage");
  auto kappa = c.Get("/api/screen/kappa.csv", s.Auth("cat"));
  ASSERT_EQ(kappa->status, 200) << kappa->body;
  const std::string header = "first,second,records,observed,expected,kappa\n", row = "ann,bob,2,0.5,0.5,";
  ASSERT_EQ(kappa->body.rfind(header + row, 0), 0u) << kappa->body;
  EXPECT_EQ(std::stod(kappa->body.substr(header.size() + row.size())), 0.0) << kappa->body;

  auto prisma = c.Get("/api/screen/prisma.csv", s.Auth("ann"));
  ASSERT_EQ(prisma->status, 200) << prisma->body;
  EXPECT_NE(prisma->body.find("box,n\nto_screen,20\nscreened,2\nexcluded_screening,1\n"), std::string::npos)
      << prisma->body;
  EXPECT_NE(prisma->body.find("final,0"), std::string::npos);
  auto svg = c.Get("/api/screen/prisma.svg", s.Auth("ann"));
  ASSERT_EQ(svg->status, 200) << svg->body;
  EXPECT_EQ(svg->get_header_value("Content-Type").rfind("image/svg+xml", 0), 0u);
  EXPECT_EQ(Count(svg->body, "class=\"box\""), 9u);
  EXPECT_NE(svg->body.find("Records screened"), std::string::npos);
  ExpectError(c.Get("/api/screen/prisma.svg"), 401, "authorization");
}

TEST(ServeConcurrency, FourReviewersFiveHundredDecisionsEachStoredOnce) {
  Running s("concurrency");
  constexpr int kPerReviewer = 500;
  const std::vector<std::string> who = {"ann", "bob", "dan", "eve"};
  std::atomic<int> created{0}, refused{0}, duplicates{0}, failed{0};
  std::mutex mu;
  std::set<long> seqs;
  std::vector<std::thread> threads;
  for (const auto& name : who) {
    threads.emplace_back([&, name] {
      auto c = s.Client();
      for (int i = 0; i < kPerReviewer; ++i) {
        const long record = 1 + (i % 20);
        const Json body = Decision(name + "-" + std::to_string(i), record, i % 3 == 0 ? "exclude" : "include");
        auto r = c.Post("/api/screen/decision", s.Auth(name), body.dump(), "application/json");
        if (!r || (r->status != 201 && r->status != 409)) {
          ++failed;
          continue;
        }
        if (r->status == 409) {
          ++refused;  // a third reviewer on a record with its two decisions
          continue;
        }
        ++created;
        const long seq = Body(r)["seq"].get<long>();
        {
          std::lock_guard lock(mu);
          EXPECT_TRUE(seqs.insert(seq).second);
        }
        // Every tenth stored decision is sent again, as a client retrying after a lost answer.
        if (i % 10 == 0) {
          auto again = c.Post("/api/screen/decision", s.Auth(name), body.dump(), "application/json");
          if (again && again->status == 200 && Body(again)["seq"] == seq) ++duplicates;
          else ++failed;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created + refused, 4 * kPerReviewer);
  EXPECT_GT(created.load(), 40);  // at least two votes on each of the 20 records
  EXPECT_GT(duplicates.load(), 0);
  auto team = store::Team::Open((s.dir / "p.db").string());
  ASSERT_TRUE(team.ok());
  auto events = team->Events("");
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(static_cast<int>(events->size()), created.load());
  std::set<std::pair<std::string, std::string>> ids;
  for (const auto& e : *events) EXPECT_TRUE(ids.insert({e.reviewer, e.client_id}).second);
}

}  // namespace
}  // namespace carta
