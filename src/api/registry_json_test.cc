#include "carta/api/registry.h"

#include <gtest/gtest.h>

namespace carta::api {
namespace {

TEST(RegistryJson, KeysOfShowInOrder) {
  registry::RegistrationRow row;
  row.registration.id = "NCT03391466";
  row.registration.registry = "ClinicalTrials.gov";
  row.registration.phases = {"PHASE3"};
  row.registration.enrollment = 359;
  row.cohorts = {"zuma7", "zuma7-yikaida"};
  const Json j = ToJson(row);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"nct_id", "registry", "title", "acronym", "phases", "enrollment",
                                            "enrollment_type", "status", "conditions", "indications", "interventions", "sponsor",
                                            "start_date", "completion_date", "has_results", "source", "cohorts"}));
  EXPECT_EQ(j["enrollment"], 359);
  EXPECT_EQ(j["cohorts"].size(), 2u);
  row.registration.enrollment.reset();
  EXPECT_TRUE(ToJson(row)["enrollment"].is_null());
  EXPECT_EQ(RegistrationsListing({row}).size(), 1u);
}

}  // namespace
}  // namespace carta::api
