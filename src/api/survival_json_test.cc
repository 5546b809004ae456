#include "carta/api/survival.h"

#include <gtest/gtest.h>

namespace carta::api {
namespace {

const char* kAml = "time,event,group\n9,1,a\n13,1,a\n13,0,a\n18,1,b\n23,1,b\n28,0,b\n31,1,a\n34,1,b\n";

TEST(SurvivalJson, KmRequestRoundTripsIntoTheAnalysis) {
  auto q = KmRequestFromJson({{"csv", kAml}, {"source", "aml"}, {"conf_type", "log-log"}, {"level", 0.9},
                              {"at", {10, 20}}, {"rmst", 30}, {"steps", true}});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->km.conf_type, survival::ConfType::kLogLog);
  EXPECT_DOUBLE_EQ(q->km.level, 0.9);
  auto r = survival::AnalyzeKaplanMeier(*q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Json j = ToJson(*r);
  EXPECT_EQ(j.begin().key(), "conf_type");
  EXPECT_EQ(j["conf_type"], "log-log");
  ASSERT_EQ(j["groups"].size(), 2u);
  EXPECT_EQ(j["groups"][0]["survival_at"].size(), 2u);
  EXPECT_TRUE(j["groups"][0].contains("rmst"));
  EXPECT_TRUE(j["groups"][0].contains("steps"));
  EXPECT_TRUE(j.contains("logrank"));
  EXPECT_EQ(KmStepsListing(*r).size(), r->groups[0].curve.steps.size() + r->groups[1].curve.steps.size());
}

TEST(SurvivalJson, UnknownKeysAndWrongTypesNameTheField) {
  auto unknown = KmRequestFromJson({{"csv", kAml}, {"conftype", "log"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().location().field, "conftype");
  auto wrong = KmRequestFromJson({{"csv", kAml}, {"at", "12"}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().location().field, "at");
  auto missing = KmRequestFromJson(Json::object());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().location().field, "csv");
  EXPECT_FALSE(KmRequestFromJson(Json::array()).ok());
  auto level = KmRequestFromJson({{"csv", kAml}, {"level", 95}});
  ASSERT_FALSE(level.ok());
  EXPECT_EQ(level.status().location().field, "level");
  auto name = FitRequestFromJson({{"csv", kAml}, {"dist", "weibul"}});
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.status().location().field, "dist");
  EXPECT_NE(name.status().message().find("gengamma or all"), std::string::npos);
  auto unit = FitRequestFromJson({{"csv", kAml}, {"time_unit", 3}});
  ASSERT_FALSE(unit.ok());
  EXPECT_EQ(unit.status().location().field, "time_unit");
  auto events = ReconstructRequestFromJson({{"points", "t,s\n"}, {"risk", "t,n\n"}, {"events", 1.5}});
  ASSERT_FALSE(events.ok());
  EXPECT_EQ(events.status().location().field, "events");
  auto method = LandmarkPoolRequestFromJson({{"method", "XX"}});
  ASSERT_FALSE(method.ok());
  EXPECT_EQ(method.status().location().field, "method");
  auto study = IpdPoolRequestFromJson({{"studies", {{{"name", "a"}, {"csv", kAml}, {"extra", 1}}}}});
  ASSERT_FALSE(study.ok());
  EXPECT_EQ(study.status().location().field, "studies[0].extra");
}

TEST(SurvivalJson, FitAndPoolRequests) {
  auto fit = FitRequestFromJson({{"csv", kAml}, {"dist", "all"}, {"cure", "mixture"}, {"link", "identity"},
                                 {"time_unit", "days"}, {"bhazard", 0.0}, {"at", {5}}});
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(fit->dists.size(), 6u);
  EXPECT_EQ(fit->cure, survival::Cure::kMixture);
  EXPECT_EQ(fit->link, survival::CureLink::kIdentity);
  EXPECT_EQ(fit->time_unit, survival::TimeUnit::kDays);
  auto pool = LandmarkPoolRequestFromJson({{"endpoint", "os"}, {"landmark_months", 24}, {"target", "CD19"},
                                           {"scale", "logit"}, {"method", "DL"}, {"knha", true}, {"level", 0.9}});
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  EXPECT_EQ(pool->landmark_months, 24);
  EXPECT_EQ(pool->scale, survival::PoolScale::kLogit);
  EXPECT_TRUE(pool->fit.knha);
  auto ipd = IpdPoolRequestFromJson({{"studies", {{{"name", "s1"}, {"csv", kAml}}, {{"name", "s2"}, {"csv", kAml}}}},
                                     {"at", {12}}, {"reference", "a"}});
  ASSERT_TRUE(ipd.ok()) << ipd.status().ToString();
  ASSERT_EQ(ipd->studies.size(), 2u);
  EXPECT_EQ(ipd->studies[1].name, "s2");
  auto pooled = survival::PoolPatientData(*ipd);
  ASSERT_TRUE(pooled.ok()) << pooled.status().ToString();
  const Json j = ToJson(*pooled);
  EXPECT_EQ(j["stratified_by"], "study");
  EXPECT_EQ(j["studies"][0]["name"], "s1");
}

}  // namespace
}  // namespace carta::api
