// JSON of carta::clinical: key order as doc/cli.md lists it, and requests
// that name the key at fault.
#include "carta/api/clinical.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace carta::api {
namespace {

std::vector<std::string> Keys(const Json& j) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  return keys;
}

TEST(ApiClinical, CrsKeysInDocumentedOrder) {
  auto r = clinical::RunCrs(*CrsRequestFromJson(Json::parse(R"({"temp_c": 39.2, "hypotension": "no-vasopressor"})")));
  ASSERT_TRUE(r.ok());
  const Json j = ToJson(*r);
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"toxicity", "scale", "grade", "determined_by", "domains", "notes",
                                                "inputs", "source"}));
  EXPECT_EQ(j["grade"], 2);
  EXPECT_EQ(j["inputs"]["hypotension"], "no-vasopressor");
}

TEST(ApiClinical, IcansToolBeforeSource) {
  auto r = clinical::RunIcans(*IcansRequestFromJson(Json::parse(R"({"ice": 0})")));
  ASSERT_TRUE(r.ok());
  const Json j = ToJson(*r);
  EXPECT_EQ(Keys(j).back(), "source");
  EXPECT_EQ(j["tool"], "ICE");
}

TEST(ApiClinical, UnknownKeyAndWrongTypeNameTheKey) {
  auto unknown = CrsRequestFromJson(Json::parse(R"({"temp": 39})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().location().field, "temp");
  auto wrong = CrsRequestFromJson(Json::parse(R"({"temp_c": "39"})"));
  EXPECT_EQ(wrong.status().location().field, "temp_c");
  auto flag = IcansRequestFromJson(Json::parse(R"({"ice": 8, "died": "no"})"));
  EXPECT_EQ(flag.status().location().field, "died");
  auto fraction = IceRequestFromJson(Json::parse(
      R"({"orientation": 3.5, "naming": 3, "commands": 1, "writing": 1, "attention": 1})"));
  EXPECT_EQ(fraction.status().location().field, "orientation");
  EXPECT_FALSE(CresRequestFromJson(Json::array()).ok());
}

TEST(ApiClinical, NamesAreParsedByTheLibrary) {
  auto r = CrsRequestFromJson(Json::parse(R"({"temp_c": 39, "hypotension": "pressor"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "hypotension");
  EXPECT_NE(r.status().message().find("accepted"), std::string::npos);
  auto cres = CresRequestFromJson(Json::parse(R"({"cartox10": 5, "icp": "edema", "seizure": "partial"})"));
  ASSERT_TRUE(cres.ok());
  EXPECT_EQ(cres->icp, clinical::CresIcp::kCerebralEdema);
}

TEST(ApiClinical, MissingRequiredKey) {
  auto ice = IceRequestFromJson(Json::parse(R"({"orientation": 4, "naming": 3, "commands": 1, "writing": 1})"));
  EXPECT_EQ(ice.status().location().field, "attention");
  auto capd = CapdRequestFromJson(Json::parse(R"({"eye-contact": "never"})"));
  EXPECT_EQ(capd.status().location().field, "purposeful");
  auto series = SeriesRequestFromJson(Json::parse(R"({"level": 0.9})"));
  EXPECT_EQ(series.status().location().field, "csv");
}

TEST(ApiClinical, MeasurementsInThreeShapes) {
  auto q = HematotoxRequestFromJson(Json::parse(
      R"({"anc": "1100 /uL", "hemoglobin": {"value": 95, "unit": "g/L"}, "platelets": 150, "crp": "45 mg/L",
          "ferritin": 800})"));
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q->anc.unit, "/uL");
  EXPECT_EQ(q->hemoglobin.value, 95);
  auto r = clinical::RunHematotox(*q);
  ASSERT_TRUE(r.ok());
  const Json j = ToJson(*r);
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"score", "risk", "items", "source"}));
  EXPECT_EQ(j["score"], 4);
  auto bad = HematotoxRequestFromJson(Json::parse(
      R"({"anc": {"value": 1, "units": "G/L"}, "hemoglobin": 9, "platelets": 150, "crp": 1, "ferritin": 8})"));
  EXPECT_EQ(bad.status().location().field, "anc.units");
  auto easix = EasixRequestFromJson(Json::parse(R"({"ldh": 250, "platelets": 125, "crp": null})"));
  ASSERT_TRUE(easix.ok());
  EXPECT_FALSE(easix->crp.has_value());
}

TEST(ApiClinical, SeriesViewChoosesKeys) {
  auto q = SeriesRequestFromJson(
      Json::parse(R"({"csv": "patient,day,temp_c\nA,1,38.5\n", "file": "d.csv", "view": "patients"})"));
  ASSERT_TRUE(q.ok()) << q.status().message();
  auto r = clinical::RunSeries(*q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Keys(ToJson(*r)), (std::vector<std::string>{"level", "patients"}));
  EXPECT_EQ(SeriesRequestFromJson(Json::parse(R"({"csv": "", "view": "weeks"})")).status().location().field, "view");
}

TEST(ApiClinical, GuidanceAndScales) {
  auto q = GuidanceRequestFromJson(Json::parse(R"({"toxicity": "icans", "grade": 4})"));
  ASSERT_TRUE(q.ok());
  auto r = clinical::RunGuidance(*q);
  ASSERT_TRUE(r.ok());
  const Json j = ToJson(*r);
  ASSERT_EQ(j["entries"].size(), 1u);
  EXPECT_EQ(j["entries"][0]["toxicity"], "icans");
  EXPECT_EQ(GuidanceRequestFromJson(Json::parse(R"({"grade": "4"})")).status().location().field, "grade");
  const Json scales = ToJson(clinical::CrsScales());
  EXPECT_EQ(scales[0]["scale"], "ASTCT 2019");
  EXPECT_EQ(Keys(scales[0]), (std::vector<std::string>{"scale", "source", "hypoxia", "hypotension", "note"}));
}

}  // namespace
}  // namespace carta::api
