#include "carta/store/registry.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace carta::store {
namespace {

registry::Registration Reg(const std::string& id, std::optional<long> enrollment) {
  registry::Registration r;
  r.id = id;
  r.registry = "ClinicalTrials.gov";
  r.title = "A trial";
  r.phases = {"PHASE1", "PHASE2"};
  r.enrollment = enrollment;
  r.conditions = {"LBCL", "with \"quotes\""};
  r.has_results = true;
  r.source = "x.json";
  return r;
}

std::string TempDb(const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / ("carta_registry_" + name + "_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  return path.string();
}

TEST(Registrations, RoundTripAndReplaceById) {
  const std::string db = TempDb("roundtrip");
  auto first = SaveRegistrations(db, {Reg("NCT00000002", 10), Reg("NCT00000001", std::nullopt)});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->added, 2);
  auto again = SaveRegistrations(db, {Reg("NCT00000002", 12)});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->updated, 1);
  auto back = LoadRegistrations(db);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].id, "NCT00000001");  // by id
  EXPECT_FALSE((*back)[0].enrollment.has_value());
  EXPECT_EQ(*(*back)[1].enrollment, 12);
  EXPECT_EQ((*back)[1].conditions, (std::vector<std::string>{"LBCL", "with \"quotes\""}));
  EXPECT_EQ((*back)[1].phases.size(), 2u);
  EXPECT_TRUE((*back)[1].has_results);
  std::filesystem::remove(db);
}

TEST(Registrations, MissingDatabaseAndNoTable) {
  const std::string db = TempDb("missing");
  EXPECT_EQ(LoadRegistrations(db).status().code(), StatusCode::kNotFound);
  // A database without the table (e.g. only the evidence) holds no registrations.
  ASSERT_TRUE(SaveRegistrations(db, {}).ok());
  auto none = LoadRegistrations(db);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  std::filesystem::remove(db);
}

}  // namespace
}  // namespace carta::store
