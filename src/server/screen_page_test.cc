// What the screening page shows beside the record: the project's criteria,
// the record's duplicates grouped with it (after `dedup --apply`).
#include <gtest/gtest.h>

#include "carta/lit/dedup.h"
#include "carta/lit/import.h"
#include "carta/lit/screening.h"
#include "test_util.h"

namespace carta {
namespace {

using api::Json;
using test::Body;
using test::ExpectError;
using test::Running;

TEST(ServeScreenPage, CriteriaAndDuplicatesBesideTheRecord) {
  Running s("screen_page");
  auto c = s.Client();
  // No criteria yet: nulls. Then a criteria file, as `carta lit criteria` stores it.
  auto r = c.Get("/api/screen/criteria", s.Auth("ann"));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(Body(r)["text"].is_null());
  const std::string db = (s.dir / "p.db").string();
  {
    auto lit = store::Literature::Open(db);
    ASSERT_TRUE(lit.ok());
    auto set = lit::SetCriteria(*lit, {"criteria.txt", "years 2000-2024\nexclude-type Review\n"});
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    // Embase's export of Taddei 2001 (record 1, PubMed) with the same DOI, among others.
    lit::ImportRequest q;
    q.files = {std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/lit/embase_duplicates.ris"};
    auto imported = lit::Import(*lit, q);
    ASSERT_TRUE(imported.Failed().empty());
    lit::DedupRequest d;
    d.apply = true;
    ASSERT_TRUE(lit::Deduplicate(*lit, d).ok());
  }
  r = c.Get("/api/screen/criteria", s.Auth("ann"));
  EXPECT_EQ(Body(r)["file"], "criteria.txt");
  EXPECT_NE(Body(r)["text"].get<std::string>().find("exclude-type Review"), std::string::npos);
  r = c.Get("/api/screen/duplicates/1", s.Auth("ann"));
  ASSERT_EQ(r->status, 200) << r->body;
  const Json g = Body(r);
  ASSERT_FALSE(g["cluster"].is_null()) << g.dump();
  ASSERT_EQ(g["members"].size(), 2u) << g.dump();
  EXPECT_EQ(g["members"][0]["id"], 1);
  EXPECT_EQ(g["members"][1]["year"], 2001);
  EXPECT_NE(g["members"][1]["title"].get<std::string>().find("Diplodus puntazzo"), std::string::npos);
  EXPECT_NE(g["members"][0]["source"], g["members"][1]["source"]);
  EXPECT_FALSE(g["links"].empty());
  ExpectError(c.Get("/api/screen/duplicates/999999", s.Auth("ann")), 404, "record");
  ExpectError(c.Get("/api/screen/duplicates/1"), 401, "authorization");
  ExpectError(c.Get("/api/screen/criteria"), 401, "authorization");
}

}  // namespace
}  // namespace carta
