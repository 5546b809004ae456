#include <gtest/gtest.h>

#include "carta/api/lit.h"

namespace carta::api {
namespace {

TEST(LitJson, UnknownKeysAndWrongTypesNameTheirField) {
  auto unknown = SearchRequestFromJson(Json{{"query", "x"}, {"qeury", "y"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().location().field, "qeury");
  auto wrong = SearchRequestFromJson(Json{{"query", 3}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().location().field, "query");
  EXPECT_EQ(SearchRequestFromJson(Json{{"show", -1}}).status().location().field, "show");
  EXPECT_FALSE(SearchRequestFromJson(Json::array()).ok());
  EXPECT_EQ(DecideRequestFromJson(Json{{"records", Json::array({1, "2"})}}).status().location().field, "records[1]");
  EXPECT_EQ(DecideRequestFromJson(Json{{"records", Json::array({1})}, {"verdict", "yes"}}).status().location().field, "verdict");
  EXPECT_EQ(DecideRequestFromJson(Json{{"verdict", "include"}, {"stage", "x"}}).status().location().field, "stage");
  EXPECT_EQ(DedupRequestFromJson(Json{{"merge", Json::array({Json::array({1, 2, 3})})}}).status().location().field, "merge[0]");
  EXPECT_EQ(DedupRequestFromJson(Json{{"merge", Json::array({Json::array({4, 4})})}}).status().location().field, "merge");
  EXPECT_EQ(ImportRequestFromJson(Json{{"files", Json::array({"a.ris"})}, {"source", "embaze"}}).status().location().field, "source");
  EXPECT_EQ(ImportRequestFromJson(Json::object()).status().location().field, "files");
  EXPECT_EQ(ExportRequestFromJson(Json{{"cnki", "yes"}}).status().location().field, "cnki");
}

TEST(LitJson, RequestsDecode) {
  auto s = SearchRequestFromJson(Json{{"query", "car t[tiab]"}, {"cnki", false}, {"show", 3}});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->query, "car t[tiab]");
  EXPECT_EQ(s->show, 3u);
  auto d = DecideRequestFromJson(
      Json{{"records", Json::array({3, 5})}, {"reviewer", "ann"}, {"stage", "full_text"}, {"verdict", "exclude"}, {"reason", "r"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->records, (std::vector<lit::RecordId>{{3}, {5}}));
  EXPECT_EQ(d->stage, screen::Stage::kFullText);
  EXPECT_EQ(d->verdict, screen::Verdict::kExclude);
  auto m = DedupRequestFromJson(Json{{"keep_apart", Json::array({Json::array({4, 22})})}, {"apply", true}});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->keep_apart.at(0).b, lit::RecordId{22});
  EXPECT_TRUE(m->apply);
  auto i = ImportRequestFromJson(Json{{"files", Json::array({"a.xml"})}, {"format", "pubmed-xml"}, {"source", "pubmed"}});
  ASSERT_TRUE(i.ok()) << i.status().ToString();
  EXPECT_EQ(i->source, biblio::Source::kPubMed);
}

TEST(LitJson, KeysInTheDocumentedOrder) {
  lit::StatusResult st;
  st.title_abstract.decided_by = {{"bob", 2}, {"ann", 1}};
  const Json j = ToJson(st);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"records", "dedup_applied", "dedup_stale", "duplicates_removed", "criteria",
                                            "excluded_by_criteria", "to_screen", "reviewers", "resolver",
                                            "title_abstract", "full_text"}));
  EXPECT_EQ(j["title_abstract"]["decided_by"].begin().key(), "ann");
  lit::SearchResult sr;
  sr.number = 2;
  sr.run.syntax = "pubmed";
  sr.run.records = {lit::RecordId{4}};
  sr.shown = {lit::RecordBrief{lit::RecordId{4}, biblio::Source::kPubMed, "9", "", "", 0, "", "T"}};
  const Json s = ToJson(sr);
  EXPECT_EQ(s.begin().key(), "number");
  EXPECT_EQ(s["count"], 1);
  EXPECT_TRUE(s["records"][0]["year"].is_null());
}

}  // namespace
}  // namespace carta::api

namespace carta::api {
namespace {

TEST(LitJson, ImportRequestTakesAColumnMapAsTheCommandDoes) {
  const std::vector<std::pair<std::string, std::string>> expected = {{"title", "Article Title"}, {"doi", "DOI"}};
  auto text = ImportRequestFromJson(Json{{"files", Json::array({"a.csv"})}, {"columns", "title=Article Title, doi=DOI"}});
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(text->columns, expected);
  auto object = ImportRequestFromJson(
      Json{{"files", Json::array({"a.csv"})}, {"columns", Json{{"title", "Article Title"}, {"doi", "DOI"}}}});
  ASSERT_TRUE(object.ok()) << object.status().ToString();
  EXPECT_EQ(object->columns, expected);
  auto bad = ImportRequestFromJson(Json{{"files", Json::array({"a.csv"})}, {"columns", "title"}});
  EXPECT_EQ(bad.status().location().field, "columns");
  EXPECT_NE(bad.status().message().find("is not FIELD=Header"), std::string::npos) << bad.status().ToString();
  auto empty_header = ImportRequestFromJson(Json{{"files", Json::array({"a.csv"})}, {"columns", Json{{"title", ""}}}});
  EXPECT_EQ(empty_header.status().location().field, "columns.title");
  auto wrong_type = ImportRequestFromJson(Json{{"files", Json::array({"a.csv"})}, {"columns", 3}});
  EXPECT_EQ(wrong_type.status().location().field, "columns");
}

}  // namespace
}  // namespace carta::api
