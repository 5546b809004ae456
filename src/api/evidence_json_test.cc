#include "carta/api/evidence.h"

#include <gtest/gtest.h>

#include "../evidence/test_util.h"

namespace carta::api {
namespace {

const std::string kCohort =
    "[cohort c1]\nsource = ref 44; Table 3\nproduct = Kymriah\nindication = B-ALL\nregistry = NCT02435849\n"
    "n = 79\norr = 81%\npfs_median = NR\nfollowup_median = 13 months\n";

evidence::EvidenceBase Base() {
  auto eb = evidence::BuildFromText(evidence::MiniProduct() + kCohort);
  EXPECT_TRUE(eb.ok()) << eb.status().ToString();
  return eb.ok() ? std::move(*eb) : evidence::EvidenceBase{};
}

std::vector<std::string> Keys(const Json& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

TEST(EvidenceJson, ProductKeysInTheDocumentedOrder) {
  auto r = evidence::ListProducts(Base(), {});
  ASSERT_TRUE(r.ok());
  Json j = ToJson(*r);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(Keys(j[0]), (std::vector<std::string>{"id", "targets", "brand", "inn", "codes", "developer", "structure",
                                                  "generation", "approvals"}));
  EXPECT_EQ(Keys(j[0]["approvals"][0]),
            (std::vector<std::string>{"agency", "date", "indications", "population", "line"}));
  EXPECT_EQ(j[0]["generation"], 2);
  Listing l = ProductsListing(*r);
  EXPECT_EQ(l.rows()[0][1], "CD19");
}

TEST(EvidenceJson, CohortValuesAndNotReached) {
  auto r = evidence::ListCohorts(Base(), {});
  ASSERT_TRUE(r.ok());
  Json j = ToJson(*r);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(Keys(j[0]), (std::vector<std::string>{"id", "product", "acronym", "registry", "phase", "indications", "n",
                                                  "followup", "orr", "crr", "survival", "provenance"}));
  EXPECT_EQ(j[0]["n"], 79);
  EXPECT_EQ(j[0]["followup"], 13.0);
  EXPECT_EQ(j[0]["orr"]["value"], 81.0);
  EXPECT_TRUE(j[0]["crr"].is_null());
  EXPECT_EQ(j[0]["survival"]["pfs_median"]["not_reached"], true);
  EXPECT_FALSE(j[0]["survival"]["pfs_median"].contains("value"));
  // The table names the product as printed; CSV gives its id.
  EXPECT_EQ(CohortsListing(*r, TextStyle::kTable).rows()[0][1], "Kymriah");
  EXPECT_EQ(CohortsListing(*r, TextStyle::kCsv).rows()[0][1], "kym");
}

TEST(EvidenceJson, AuditCountsAndShow) {
  const auto eb = Base();
  auto a = evidence::RunAudit(eb, {});
  ASSERT_TRUE(a.ok());
  Json j = ToJson(*a);
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"findings", "counts"}));
  EXPECT_EQ(Keys(j["counts"]), (std::vector<std::string>{"error", "warning", "info"}));
  auto s = evidence::ShowRecord(eb, {"k19"});
  ASSERT_TRUE(s.ok());
  Json sj = ToJson(*s);
  EXPECT_EQ(Keys(sj[0]), (std::vector<std::string>{"kind", "id", "file", "line", "note", "fields", "generation",
                                                   "generation_reason"}));
}

TEST(EvidenceJson, DbInfoWithoutCountsHasNoCountsKey) {
  store::DbInfo info;
  info.path = "x.db";
  EXPECT_FALSE(ToJson(info).contains("counts"));
  info.counts = {{"products", 3}};
  EXPECT_EQ(ToJson(info)["counts"]["products"], 3);
}

TEST(EvidenceRequestFromJson, ReadsTheFields) {
  auto c = CohortsRequestFromJson(Json{{"target", "cd19"}, {"location", "Table 3"}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->target, "cd19");
  EXPECT_EQ(c->location, "Table 3");
  EXPECT_TRUE(c->product.empty());
  auto p = ProductsRequestFromJson(Json::object());
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->target.empty());
  auto s = ShowRequestFromJson(Json{{"id", "eliana"}});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->id, "eliana");
  auto a = AuditRequestFromJson(Json{{"severity", "warning"}});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->severity, "warning");
}

TEST(EvidenceRequestFromJson, UnknownKeysAndWrongTypesNameTheirField) {
  auto unknown = CohortsRequestFromJson(Json{{"target", "CD19"}, {"antigen", "CD19"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().location().field, "antigen");
  auto wrong = ProductsRequestFromJson(Json{{"agency", 3}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().location().field, "agency");
  auto not_object = ProductsRequestFromJson(Json::array());
  EXPECT_FALSE(not_object.ok());
  auto no_id = ShowRequestFromJson(Json::object());
  ASSERT_FALSE(no_id.ok());
  EXPECT_EQ(no_id.status().location().field, "id");
  auto bad_severity = AuditRequestFromJson(Json{{"severity", "fatal"}});
  ASSERT_FALSE(bad_severity.ok());
  EXPECT_EQ(bad_severity.status().location().field, "severity");
}

}  // namespace
}  // namespace carta::api
