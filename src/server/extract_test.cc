// The extraction routes: two extractors (the tokens' reviewers) fill a form
// blind to each other, the diff and the consensus once both have finished,
// the resolver's reconciliation becoming evidence, and bad input refused
// with the field named and nothing stored.
#include <gtest/gtest.h>

#include "test_util.h"

namespace carta {
namespace {

using api::Json;
using test::Body;
using test::ExpectError;
using test::Running;

const char* kJson = "application/json";

httplib::Result Post(const Running& s, const std::string& who, const std::string& path, const Json& body) {
  return s.Client().Post(path, s.Auth(who), api::DumpCompact(body), kJson);
}

httplib::Result Get(const Running& s, const std::string& who, const std::string& path) {
  return s.Client().Get(path, s.Auth(who));
}

Json Value(const std::string& key, const std::string& value, const std::string& location = "Table 2") {
  return {{"cohort", "web-lbcl"}, {"key", key},           {"value", value},
          {"record", "PMID:11748933"}, {"page", "3"}, {"location", location}, {"quote", "as printed"}};
}

// ann and bob fill web-lbcl alike except the ORR (ann 50%, bob 20/40).
void FillTwoForms(const Running& s) {
  for (const std::string who : {"ann", "bob"}) {
    auto r = Post(s, who, "/api/extract/start", {{"cohort", "web-lbcl"}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    EXPECT_EQ(Body(r)["extractor"], who);
    for (auto [k, v] : {std::pair{"product", "Kymriah"}, {"indication", "LBCL"}, {"n", "40"}, {"n_kind", "infused"},
                        {"tox_scale", "ASTCT"}, {"crs_g3plus", "10%"}}) {
      r = Post(s, who, "/api/extract/set", Value(k, v));
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << k << ": " << r->body;
    }
  }
  auto r = Post(s, "ann", "/api/extract/set", Value("orr", "50%"));
  ASSERT_EQ(r->status, 200) << r->body;
  r = Post(s, "bob", "/api/extract/set", Value("orr", "20/40", "Fig 2"));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["values"].back()["location"], "Fig 2");
}

TEST(ServeExtract, BlindFormsDiffAndConsensusBecomesEvidence) {
  Running s("extract");
  FillTwoForms(s);
  // Blind: bob sees his own form only, and no diff or consensus while a form is open.
  auto r = Get(s, "bob", "/api/extract/show?cohort=web-lbcl");
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(Body(r).size(), 1u);
  EXPECT_EQ(Body(r)[0]["extractor"], "bob");
  EXPECT_EQ(r->get_header_value("X-Carta-Hidden-Forms"), "1");
  ExpectError(Get(s, "bob", "/api/extract/diff?cohort=web-lbcl"), 403, "");
  ExpectError(Post(s, "cat", "/api/extract/reconcile", {{"cohort", "web-lbcl"}, {"take", {{"orr", "bob"}}}}), 403, "");
  for (const std::string who : {"ann", "bob"}) {
    r = Post(s, who, "/api/extract/set", {{"cohort", "web-lbcl"}, {"finished", true}});
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_TRUE(Body(r)["finished"].get<bool>());
  }
  ExpectError(Post(s, "bob", "/api/extract/set", Value("crr", "20%")), 400, "");  // a closed form
  r = Get(s, "bob", "/api/extract/show?cohort=web-lbcl");
  EXPECT_EQ(Body(r).size(), 2u);
  r = Get(s, "dan", "/api/extract/diff?cohort=web-lbcl");
  ASSERT_EQ(r->status, 200) << r->body;
  const Json diff = Body(r);
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0]["key"], "orr");
  EXPECT_EQ(diff[0]["a"]["extractor"], "ann");
  EXPECT_EQ(diff[0]["a"]["value"], "50%");
  EXPECT_EQ(diff[0]["b"]["value"], "20/40");
  EXPECT_EQ(diff[0]["b"]["location"], "Fig 2");
  // Reconciling: a resolver's token; every disagreement decided; the resolver is who decided.
  ExpectError(Post(s, "ann", "/api/extract/reconcile", {{"cohort", "web-lbcl"}, {"take", {{"orr", "bob"}}}}), 403,
              "role");
  ExpectError(Post(s, "cat", "/api/extract/reconcile", {{"cohort", "web-lbcl"}}), 400, "orr");
  ExpectError(Post(s, "cat", "/api/extract/reconcile", {{"cohort", "web-lbcl"}, {"take", {{"orr", "zed"}}}}), 400,
              "orr");
  ExpectError(Post(s, "cat", "/api/extract/reconcile", {{"cohort", "web-lbcl"}, {"take", {{"orr", "bob"}}},
                                                         {"by", "mallory"}}),
              400, "by");
  r = Get(s, "cat", "/api/extract/export");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body.find("[cohort web-lbcl]"), std::string::npos) << r->body;  // nothing stored yet
  r = Post(s, "cat", "/api/extract/reconcile", {{"cohort", "web-lbcl"}, {"take", {{"orr", "bob"}}}});
  ASSERT_EQ(r->status, 201) << r->body;
  const Json c = Body(r);
  ASSERT_EQ(c["decisions"].size(), 1u);
  EXPECT_EQ(c["decisions"][0]["decided_by"], "cat");
  EXPECT_EQ(c["decisions"][0]["value"], "20/40");
  // The consensus is evidence: the cohort is shown, and exported as data/ text with its provenance.
  r = s.Client().Get("/api/show/web-lbcl");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->body.find("Kymriah"), std::string::npos) << r->body;
  r = Get(s, "dan", "/api/extract/export");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->body.find("[cohort web-lbcl]"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("Consensus on orr by cat"), std::string::npos) << r->body;
}

TEST(ServeExtract, BadInputNamesTheFieldAndStoresNothing) {
  auto& s = test::Shared();
  ExpectError(s.Client().Post("/api/extract/start", api::DumpCompact(Json{{"cohort", "x-bad"}}), kJson), 401,
              "authorization");
  ExpectError(Post(s, "eve", "/api/extract/start", Json::object()), 400, "cohort");
  ExpectError(Post(s, "eve", "/api/extract/set", Value("n", "40")), 404, "");  // no form started
  auto r = Post(s, "eve", "/api/extract/start", {{"cohort", "x-bad"}});
  ASSERT_EQ(r->status, 201) << r->body;
  ExpectError(Post(s, "eve", "/api/extract/start", {{"cohort", "x-bad"}}), 409, "");
  // The extractor is the token's reviewer: a body that names one is refused.
  Json forged = Value("n", "40");
  forged["cohort"] = "x-bad";
  forged["extractor"] = "ann";
  ExpectError(Post(s, "eve", "/api/extract/set", forged), 400, "extractor");
  Json v = Value("crr", "120%");
  v["cohort"] = "x-bad";
  ExpectError(Post(s, "eve", "/api/extract/set", v), 400, "crr");
  v = Value("tox_scale", "Lee");
  v["cohort"] = "x-bad";
  ExpectError(Post(s, "eve", "/api/extract/set", v), 400, "tox_scale");
  v = Value("n", "40");
  v["cohort"] = "x-bad";
  v["record"] = "Smith 2019";
  ExpectError(Post(s, "eve", "/api/extract/set", v), 400, "record");
  ExpectError(Post(s, "eve", "/api/extract/set", {{"cohort", "x-bad"}, {"key", "n"}}), 400, "value");
  ExpectError(Post(s, "eve", "/api/extract/set", {{"cohort", "x-bad"}}), 400, "key");
  ExpectError(Post(s, "eve", "/api/extract/set", {{"cohort", "x-bad"}, {"finished", "yes"}}), 400, "finished");
  ExpectError(s.Client().Post("/api/extract/set", s.Auth("eve"), "{not json", kJson), 400, "body");
  ExpectError(Post(s, "cat", "/api/extract/reconcile", {{"cohort", "x-bad"}, {"take", "orr=bob"}}), 400, "take");
  ExpectError(Post(s, "cat", "/api/extract/reconcile", {{"cohort", "x-bad"}}), 400, "cohort");  // one form only
  ExpectError(Get(s, "eve", "/api/extract/show?cohort=x-bad&who=ann"), 400, "who");
  // Nothing of the refused requests was stored.
  r = Get(s, "eve", "/api/extract/show?cohort=x-bad");
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(Body(r).size(), 1u);
  EXPECT_TRUE(Body(r)[0]["values"].empty()) << r->body;
  r = s.Client().Get("/api/extract/fields");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(Body(r)["fields"].dump().find("\"orr\""), std::string::npos);
}

}  // namespace
}  // namespace carta
