#include "carta/evidence/registrations.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace carta::evidence {
namespace {

// Two rows of one trial (NCT1, LBCL) at different follow-ups, one cohort of the
// same trial in another indication, and one cohort without a registration.
const std::string kCohorts =
    "[cohort short]\nsource = ref 1; Table 3\nproduct = CTL019\nindication = LBCL\nregistry = NCT1\n"
    "n = 100\nfollowup_median = 12 months\norr = 80%\n"
    "[cohort long]\nsource = ref 2; Table 3\nproduct = CTL019\nindication = DLBCL\nregistry = NCT1\n"
    "n = 100\nfollowup_median = 40 months\norr = 80%\n"
    "[cohort fl]\nsource = ref 2; Table 3\nproduct = CTL019\nindication = FL\nregistry = NCT1\n"
    "n = 30\norr = 90%\n"
    "[cohort unregistered]\nsource = ref 3; Table 3\nproduct = CTL019\nindication = LBCL\n"
    "n = 20\norr = 50%\n";

EvidenceBase Base() {
  auto eb = BuildFromText(MiniProduct() + kCohorts);
  EXPECT_TRUE(eb.ok()) << eb.status().ToString();
  return eb.ok() ? std::move(*eb) : EvidenceBase{};
}

std::vector<const Cohort*> All(const EvidenceBase& eb) {
  std::vector<const Cohort*> out;
  for (const auto& c : eb.cohorts) out.push_back(&c);
  return out;
}

std::vector<std::string> Ids(const std::vector<const Cohort*>& cs) {
  std::vector<std::string> out;
  for (const Cohort* c : cs) out.push_back(c->id);
  return out;
}

TEST(TimePointsOf, ATrialReportedTwiceIsOneCohortWithTwoTimePoints) {
  const EvidenceBase eb = Base();
  const auto points = TimePointsOf(eb, *eb.FindCohort("long"));
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].cohort, "short");  // by follow-up
  EXPECT_DOUBLE_EQ(points[0].followup_months, 12);
  EXPECT_EQ(points[1].cohort, "long");
  EXPECT_DOUBLE_EQ(points[1].followup_months, 40);
  EXPECT_EQ(TimePointsOf(eb, *eb.FindCohort("short")).size(), 2u);
  EXPECT_TRUE(TimePointsOf(eb, *eb.FindCohort("fl")).empty());            // same trial, another indication
  EXPECT_TRUE(TimePointsOf(eb, *eb.FindCohort("unregistered")).empty());  // no registration
}

TEST(OnePerRegistration, KeepsTheLongestFollowupOfOneRegistrationAndIndication) {
  const EvidenceBase eb = Base();
  auto sel = OnePerRegistration(All(eb), {});
  ASSERT_TRUE(sel.ok()) << sel.status().ToString();
  EXPECT_EQ(Ids(sel->kept), (std::vector<std::string>{"long", "fl", "unregistered"}));
  ASSERT_EQ(sel->set_aside.size(), 1u);
  const SetAside& s = sel->set_aside[0];
  EXPECT_EQ(s.cohort, "short");
  EXPECT_EQ(s.kept, "long");
  EXPECT_EQ(s.registration, "NCT1");
  EXPECT_EQ(s.indication, "LBCL");  // DLBCL is within LBCL: the wider one names the group
  EXPECT_NE(s.reason.find("40 months against 12 months"), std::string::npos) << s.reason;
}

TEST(OnePerRegistration, PreferAndKeepDuplicatesOverrideTheRule) {
  const EvidenceBase eb = Base();
  auto preferred = OnePerRegistration(All(eb), {false, {"short"}});
  ASSERT_TRUE(preferred.ok());
  EXPECT_EQ(Ids(preferred->kept), (std::vector<std::string>{"short", "fl", "unregistered"}));
  ASSERT_EQ(preferred->set_aside.size(), 1u);
  EXPECT_EQ(preferred->set_aside[0].cohort, "long");
  EXPECT_NE(preferred->set_aside[0].reason.find("as chosen"), std::string::npos);

  auto all = OnePerRegistration(All(eb), {true, {}});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->kept.size(), 4u);
  EXPECT_TRUE(all->set_aside.empty());
}

TEST(OnePerRegistration, RejectsTwoPreferredCohortsOfOneGroupAndUnknownIds) {
  const EvidenceBase eb = Base();
  auto both = OnePerRegistration(All(eb), {false, {"short", "long"}});
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.status().location().field, "prefer");
  Status unknown = CheckRegistrationRule(eb, {false, {"nope"}});
  EXPECT_FALSE(unknown.ok());
  EXPECT_NE(unknown.message().find("nope"), std::string::npos);
  EXPECT_TRUE(CheckRegistrationRule(eb, {false, {"fl"}}).ok());
}

}  // namespace
}  // namespace carta::evidence
