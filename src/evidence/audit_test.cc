#include "carta/evidence/audit.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace carta::evidence {
namespace {

std::vector<Finding> AuditText(const std::string& text) {
  auto eb = BuildFromText(MiniProduct() + text);
  EXPECT_TRUE(eb.ok()) << eb.status().ToString();
  if (!eb.ok()) return {};
  return Audit(*eb);
}

int Count(const std::vector<Finding>& fs, const std::string& rule, Severity sev) {
  int n = 0;
  for (const auto& f : fs) n += f.rule == rule && f.severity == sev;
  return n;
}

const std::string kCohort = "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = B-ALL\n";

TEST(Audit, CompleteResponseAboveResponse) {
  EXPECT_EQ(Count(AuditText(kCohort + "n = 79\norr = 81%\ncrr = 82%\n"), "cr-above-orr", Severity::kError), 1);
  EXPECT_EQ(Count(AuditText(kCohort + "n = 79\norr = 82%\ncrr = 82%\n"), "cr-above-orr", Severity::kError), 0);
}

TEST(Audit, LiteratureCountsMustAddUp) {
  const std::string lit = "[literature s]\nsource = -; §1.4\ntext = search\nidentified = 3426\n"
                          "identified_chinese = 522\nidentified_english = 2904\nexcluded = 3295\nincluded = 131\n"
                          "included_chinese = 1\nincluded_english = 130\n";
  EXPECT_EQ(Count(AuditText(lit), "literature-flow", Severity::kError), 0);
  std::string bad = lit;
  bad.replace(bad.find("excluded = 3295"), 15, "excluded = 3290");  // 3426 - 3290 = 136, not 131
  bad.replace(bad.find("identified_english = 2904"), 25, "identified_english = 2900");
  const auto fs = AuditText(bad);
  EXPECT_EQ(Count(fs, "literature-flow", Severity::kError), 2);
}

TEST(Audit, PercentagesThatNoWholeCountGives) {
  // 83.2% of 90: 74/90 = 82.2%, 75/90 = 83.3%: impossible.
  EXPECT_EQ(Count(AuditText(kCohort + "n = 90\norr = 83.2%\n"), "rate-granularity", Severity::kWarning), 1);
  // 81% of 79 = 64/79 = 81.01%: fine.
  EXPECT_EQ(AuditText(kCohort + "n = 79\norr = 81%\n").size(), 0u);
  // 70.5% of 34: 24/34 = 70.59% rounds to 70.6, truncates to 70.5: a note, not a warning.
  EXPECT_EQ(Count(AuditText(kCohort + "n = 34\ncr_cri = 70.5%\n"), "rate-granularity", Severity::kInfo), 1);
  // Landmark survival is a Kaplan-Meier estimate, not a count: never checked.
  EXPECT_EQ(AuditText(kCohort + "n = 90\npfs_12mo = 83.2%\n").size(), 0u);
}

TEST(Audit, GranularityUsesTheNPrintedAtTheSamePlace) {
  // 73% is 197/270 in the table; the text's n of 269 must not be used for it.
  auto fs = AuditText(kCohort + "n = 270\norr = 73%\nn = 269 @ ref 1; §2.2.1\n");
  EXPECT_EQ(Count(fs, "rate-granularity", Severity::kWarning), 0);
  EXPECT_EQ(Count(fs, "value-conflict", Severity::kError), 1);
}

TEST(Audit, TableAndTextDisagree) {
  auto fs = AuditText(kCohort + "n = 128\norr = 73%\norr = 97% @ ref 1; §2.2.2\npfs_median = NR\n"
                                "pfs_median = 27 months @ -; §2.2.2\n");
  EXPECT_EQ(Count(fs, "value-conflict", Severity::kError), 2);
  // The same number printed with different precision is no conflict.
  auto same = AuditText(kCohort + "n = 10\nefs_median = 24 months\nefs_median = 2 years @ ref 1; §2.2.1\n");
  EXPECT_EQ(Count(same, "value-conflict", Severity::kError), 0);
}

TEST(Audit, MedianContradictsLandmark) {
  auto fs = AuditText(kCohort + "pfs_median = 27 months\npfs_27mo = 54.9%\n");
  EXPECT_EQ(Count(fs, "median-landmark", Severity::kWarning), 1);
  EXPECT_EQ(Count(AuditText(kCohort + "pfs_median = NR\npfs_12mo = 40%\n"), "median-landmark", Severity::kWarning), 1);
  EXPECT_EQ(Count(AuditText(kCohort + "pfs_median = NR\npfs_12mo = 74.6%\n"), "median-landmark", Severity::kWarning), 0);
}

TEST(Audit, RegistryUnderTwoProducts) {
  std::string second = "[construct k2]\nsource = -; Table 2\ntarget = CD19\ncostim = CD28\nsignal = CD3z\n"
                       "[product yes]\nsource = -; Table 2\nbrand = Yescarta\ntarget = CD19\nconstruct = k2\n"
                       "developer = Kite\n";
  auto fs = AuditText(second + kCohort + "registry = NCT03391466\nn = 180\n" +
                      "[cohort c2]\nsource = ref 2; Table 3\nproduct = Yescarta\nindication = LBCL\n"
                      "registry = NCT03391466\nn = 180\n");
  EXPECT_EQ(Count(fs, "registry-products", Severity::kError), 1);
}

TEST(Audit, SameRegistryAndIndicationWithDifferentN) {
  auto fs = AuditText(kCohort + "registry = NCT1\nn = 180\n" +
                      "[cohort c2]\nsource = ref 2; Table 3\nproduct = Kymriah\nindication = B-ALL\n"
                      "registry = NCT1\nn = 101\n");
  EXPECT_EQ(Count(fs, "registry-conflict", Severity::kWarning), 1);
}

TEST(Audit, TrialSeriesOfAnotherSponsor) {
  std::string family = "[trial-family zuma]\nsource = -; §2.2.1\nprefix = ZUMA\nsponsor = Kite\n";
  auto fs = AuditText(family + kCohort + "acronym = ZUMA-3\n");
  EXPECT_EQ(Count(fs, "trial-sponsor", Severity::kWarning), 1);
  // "ZUMAX" is not a ZUMA trial.
  EXPECT_EQ(Count(AuditText(family + kCohort + "acronym = ZUMAX\n"), "trial-sponsor", Severity::kWarning), 0);
}

TEST(Audit, SubgroupsMustAddUp) {
  auto fs = AuditText(kCohort + "n_by_indication = DLBCL 80; HGBL 6\nn = 90\n");
  EXPECT_EQ(Count(fs, "subgroup-sum", Severity::kError), 1);
}

TEST(Audit, ClaimsAreRecomputed) {
  std::string claims =
      "[claim fda]\nsource = -; §2.1.3\ntext = t\nkind = count-products\nwhere = agency FDA\nvalue = 1\n"
      "[claim nmpa]\nsource = -; §2.1.3\ntext = t\nkind = count-products\nwhere = agency NMPA\nvalue = 1\n"
      "[claim first]\nsource = -; Table 2\ntext = t\nkind = first\nwhere = agency FDA\nproduct = kym\n"
      "[claim gen]\nsource = -; §2.1.3\ntext = t\nkind = all-products\nproperty = generation 2\n"
      "[claim src]\nsource = -; §2.1.3\ntext = t\nkind = all-products\nproperty = cell_source allogeneic\n"
      "[claim range]\nsource = -; §2.2.1\ntext = t\nkind = range\nwhere = location Table 3\nfield = orr\n"
      "value = 53%-100%\n"
      "[claim many]\nsource = -; §2.2.1\ntext = t\nkind = count-cohorts\nwhere = target CD19\nvalue = 1\n";
  auto fs = AuditText(kCohort + "n = 100\norr = 53%\n" +
                      "[cohort c2]\nsource = ref 2; Table 3\nproduct = Kymriah\nindication = FL\nn = 20\norr = 100%\n" +
                      claims);
  std::vector<std::string> failed;
  for (const auto& f : fs) {
    if (f.rule == "claim") failed.push_back(f.subject);
  }
  EXPECT_EQ(failed, (std::vector<std::string>{"claim nmpa", "claim src", "claim many"}));
}

TEST(Audit, EveryRuleIsListed) {
  auto fs = AuditText(kCohort + "n = 90\norr = 83.2%\ncrr = 90%\n");
  for (const auto& f : fs) {
    bool listed = false;
    for (const auto& r : AuditRules()) listed = listed || r.id == f.rule;
    EXPECT_TRUE(listed) << f.rule;
  }
}

}  // namespace
}  // namespace carta::evidence

namespace carta::evidence {
namespace {

// Regression tests for problems found in review (2026-11-25).
TEST(Audit, AllProductsHonoursIndicationFilters) {
  std::string k2 = "[construct k2]\nsource = -; Table 2\ntarget = BCMA\ncostim = CD28, 4-1BB\nsignal = CD3z\n"
                   "[product b]\nsource = -; Table 2\nbrand = B\ntarget = BCMA\nconstruct = k2\n"
                   "[approval b-1]\nsource = -; Table 2\nproduct = b\nagency = NMPA\ndate = 2023-06\nindication = MM\n";
  // Only the MM product is third generation; Kymriah (B-ALL) must not be checked.
  auto fs = AuditText(k2 + "[claim g3]\nsource = -; §2.1.3\ntext = t\nkind = all-products\nwhere = indication MM\n"
                           "property = generation 3\n");
  EXPECT_EQ(Count(fs, "claim", Severity::kError), 0);
}

TEST(Audit, BestAllowsTies) {
  auto fs = AuditText(kCohort + "n = 10\norr = 90%\n" +
                      "[cohort c2]\nsource = ref 2; Table 3\nproduct = Kymriah\nindication = FL\nn = 10\norr = 90%\n"
                      "[claim best]\nsource = -; §2.2.1\ntext = t\nkind = best\nfield = orr\nproduct = kym\n");
  EXPECT_EQ(Count(fs, "claim", Severity::kError), 0);
}

TEST(Audit, ListKeysAreNotConflictsButIdentityKeysAre) {
  std::string extra = "[product p2]\nsource = -; Table 2\nbrand = P2\ntarget = CD19\ncode = AB-1\n"
                      "code = AB-2 @ ref 5; §2.1.3\n";
  EXPECT_EQ(Count(AuditText(extra), "value-conflict", Severity::kError), 0);
  auto fs = AuditText(kCohort + "phase = 1\nphase = 3 @ ref 2; §2.2.1\n");
  EXPECT_EQ(Count(fs, "value-conflict", Severity::kError), 1);
}

TEST(Audit, ComparatorsAndUnitsAreRespected) {
  EXPECT_EQ(Count(AuditText(kCohort + "followup_median = >= 24 months\nfollowup_median = 30 months @ ref 2; §2.2.1\n"),
                  "value-conflict", Severity::kError),
            0);
  EXPECT_EQ(Count(AuditText(kCohort + "followup_median = >= 24 months\nfollowup_median = 20 months @ ref 2; §2.2.1\n"),
                  "value-conflict", Severity::kError),
            1);
  EXPECT_EQ(Count(AuditText(kCohort + "followup_median = 1.5 years\nfollowup_median = 18.4 months @ ref 2; §2.2.1\n"),
                  "value-conflict", Severity::kError),
            0);
  EXPECT_EQ(Count(AuditText(kCohort + "pfs_median = >= 24 months\npfs_24mo = 60%\n"), "median-landmark",
                  Severity::kWarning),
            0);
}

TEST(Audit, CompleteResponseAgainstTheResponseOfTheSamePlace) {
  auto fs = AuditText(kCohort + "n = 100\norr = 55%\ncrr = 50%\ncrr = 60% @ ref 2; §2.2.1\n");
  EXPECT_EQ(Count(fs, "cr-above-orr", Severity::kError), 1);
}

}  // namespace
}  // namespace carta::evidence

namespace carta::evidence {
namespace {

// Issue 17: the audit's blind spots.
const std::string kKite =
    "[construct k28]\nsource = -; Table 2\ntarget = CD19\ncostim = CD28\nsignal = CD3z\n"
    "[product tec]\nsource = -; Table 2\nbrand = Tecartus\ntarget = CD19\nconstruct = k28\ndeveloper = Kite\n"
    "[approval tec-1]\nsource = -; Table 2\nproduct = tec\nagency = FDA\ndate = 2021-10\nindication = B-ALL\n"
    "[product bre]\nsource = -; Table 2\nbrand = Breyanzi\ntarget = CD19\nconstruct = k28\ndeveloper = BMS\n"
    "[approval bre-1]\nsource = -; Table 2\nproduct = bre\nagency = FDA\ndate = 2021-02\nindication = LBCL\n"
    "[trial-family zuma]\nsource = -; §2.2.1\nprefix = ZUMA\nsponsor = Kite\n";

std::vector<std::string> ClaimMessages(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) {
    if (f.rule == "claim") out.push_back(f.message);
  }
  return out;
}

TEST(AuditBlindSpots, AMisfiledRowDoesNotConfirmAProductCount) {
  const std::string rows = kCohort + "n = 79\norr = 81%\n" +
                           "[cohort z3]\nsource = ref 2; Table 3\nproduct = Breyanzi\nacronym = ZUMA-3\n"
                           "indication = B-ALL\nn = 55\norr = 71%\n";
  const std::string claim = "[claim ball]\nsource = -; §2.2.1\ntext = t\nkind = count-cohort-products\n"
                            "where = indication B-ALL, location Table 3\nvalue = ";
  // As filed, the rows are of two products (Kymriah, Breyanzi); ZUMA-3 is Tecartus's, so Kymriah and
  // Tecartus: still two, and the count holds.
  EXPECT_TRUE(ClaimMessages(AuditText(kKite + rows + claim + "2\n")).empty());
  // With a Tecartus row as well, the rows as filed give three products but corrected two.
  const std::string tec = "[cohort z4]\nsource = ref 3; Table 3\nproduct = Tecartus\nacronym = ZUMA-4\n"
                          "indication = B-ALL\nn = 24\norr = 67%\n";
  auto msgs = ClaimMessages(AuditText(kKite + rows + tec + claim + "3\n"));
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_NE(msgs[0].find("belongs to Tecartus"), std::string::npos) << msgs[0];
  EXPECT_NE(msgs[0].find("the approvals give 2"), std::string::npos) << msgs[0];
}

TEST(AuditBlindSpots, OneRegistrationWithConflictingValues) {
  const std::string two = kCohort + "registry = NCT1\nn = 180\ncrr = 54%\nfollowup_median = 24.9 months\n" +
                          "[cohort c2]\nsource = ref 2; Table 3\nproduct = Kymriah\nindication = B-ALL\n"
                          "registry = NCT1\nn = 180\ncrr = 65%\nfollowup_median = 47.2 months\n";
  auto fs = AuditText(two);
  ASSERT_EQ(Count(fs, "registry-conflict", Severity::kWarning), 2);  // crr and follow-up; n agrees
  for (const auto& f : fs) {
    if (f.rule != "registry-conflict") continue;
    EXPECT_NE(f.message.find("cohort c1"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("cohort c2"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("either two analyses"), std::string::npos) << f.message;  // both explanations
  }
  // Rows of other indications under one registration are different patients: not compared.
  std::string other = two;
  other.replace(other.rfind("indication = B-ALL"), 18, "indication = FL");
  EXPECT_EQ(Count(AuditText(other), "registry-conflict", Severity::kWarning), 0);
}

TEST(AuditBlindSpots, CitedTrialsOfAnotherIndication) {
  const std::string rows = kCohort + "acronym = ELIANA\nn = 79\n" +
                           "[cohort j]\nsource = ref 2; Table 3\nproduct = Kymriah\nacronym = JULIET\n"
                           "indication = LBCL\nn = 115\n";
  const std::string claim = "[claim c]\nsource = ref 1; §2.2.1\ntext = t\nkind = cited-indication\n"
                            "where = indication B-ALL\ncites = ";
  EXPECT_TRUE(ClaimMessages(AuditText(rows + claim + "ELIANA\n")).empty());
  auto msgs = ClaimMessages(AuditText(rows + claim + "ELIANA, JULIET\n"));
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_NE(msgs[0].find("JULIET"), std::string::npos);
  EXPECT_EQ(msgs[0].find("ELIANA"), std::string::npos);
}

TEST(AuditBlindSpots, RankingClaimsAgainstTheTables) {
  const std::string k2 = "[product b]\nsource = -; Table 2\nbrand = B\ntarget = CD19\nconstruct = k19\n"
                         "[approval b-1]\nsource = -; Table 2\nproduct = b\nagency = FDA\ndate = 2020-01\n"
                         "indication = LBCL, FL, MCL\n"
                         "[product c]\nsource = -; Table 2\nbrand = C\ntarget = CD19\nconstruct = k19\n";
  const std::string rows = kCohort + "n = 10\norr = 73%\n" +
                           "[cohort b1]\nsource = ref 2; Table 3\nproduct = B\nindication = LBCL\nn = 10\norr = 90%\n"
                           "[cohort c1x]\nsource = ref 3; Table 3\nproduct = C\nindication = LBCL\nn = 10\norr = 100%\n";
  const std::string top = "[claim t]\nsource = -; §2.2.2\ntext = t\nkind = top\nwhere = location Table 3\n"
                          "field = orr\nproducts = ";
  EXPECT_TRUE(ClaimMessages(AuditText(k2 + rows + top + "c, b\n")).empty());
  auto msgs = ClaimMessages(AuditText(k2 + rows + top + "kym, b\n"));
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_NE(msgs[0].find("C is not named"), std::string::npos) << msgs[0];
  EXPECT_NE(msgs[0].find("Kymriah, named, is the lowest"), std::string::npos) << msgs[0];
  // Most indications: Kymriah has one approved indication, B three.
  const std::string most = "[claim m]\nsource = -; §2.1.3\ntext = t\nkind = most\nproperty = indications\nproduct = ";
  EXPECT_EQ(ClaimMessages(AuditText(k2 + rows + most + "kym\n")).size(), 1u);
  EXPECT_TRUE(ClaimMessages(AuditText(k2 + rows + most + "b\n")).empty());
  // Most cohorts: a tie is no contradiction; one more row of B is.
  const std::string trials = "[claim n]\nsource = -; §2.1.3\ntext = t\nkind = most\nwhere = location Table 3\n"
                             "property = cohorts\nproduct = kym\n";
  EXPECT_TRUE(ClaimMessages(AuditText(k2 + rows + trials)).empty());
  EXPECT_EQ(ClaimMessages(AuditText(k2 + rows + trials + "[cohort b2]\nsource = ref 4; Table 3\nproduct = B\n"
                                                         "indication = FL\nn = 10\norr = 95%\n"))
                .size(),
            1u);
}

TEST(AuditBlindSpots, BelowClaims) {
  const std::string claim = "[claim b]\nsource = -; §2.3.2\ntext = t\nkind = below\nwhere = location Table 3\n"
                            "field = rfs_median\nvalue = 24 months\n";
  EXPECT_TRUE(ClaimMessages(AuditText(kCohort + "rfs_median = 5.2 months\n" + claim)).empty());
  EXPECT_EQ(ClaimMessages(AuditText(kCohort + "rfs_median = 30 months\n" + claim)).size(), 1u);
  EXPECT_EQ(ClaimMessages(AuditText(kCohort + "rfs_median = NR\n" + claim)).size(), 1u);
  // No value to check against: said, as a warning.
  EXPECT_EQ(Count(AuditText(kCohort + "n = 10\n" + claim), "claim", Severity::kWarning), 1);
}

TEST(AuditBlindSpots, TruncationAcrossSourcesIsANote) {
  // 78.8% truncated is 78%: a note, as rate-granularity treats truncation, naming both explanations.
  auto fs = AuditText(kCohort + "pfs_12mo = 78%\npfs_12mo = 78.8% @ ref 2; §2.2.2\n");
  EXPECT_EQ(Count(fs, "value-conflict", Severity::kError), 0);
  ASSERT_EQ(Count(fs, "value-conflict", Severity::kInfo), 1);
  EXPECT_NE(fs[0].message.find("two analyses"), std::string::npos) << fs[0].message;
  // 78.4% rounds and truncates to 78%: no finding; 79.2% is neither: an error.
  EXPECT_EQ(AuditText(kCohort + "pfs_12mo = 78%\npfs_12mo = 78.4% @ ref 2; §2.2.2\n").size(), 0u);
  EXPECT_EQ(Count(AuditText(kCohort + "pfs_12mo = 78%\npfs_12mo = 79.2% @ ref 2; §2.2.2\n"), "value-conflict",
                  Severity::kError),
            1);
}

TEST(AuditBlindSpots, ACountOfApprovalsSaysTheTableMayOmitOne) {
  const std::string claim = "[claim fl]\nsource = -; §2.1.3\ntext = t\nkind = count-products\n"
                            "where = target CD19, indication FL\nvalue = 1\n";
  const std::string fl = "[cohort f]\nsource = ref 2; Table 3\nproduct = Kymriah\nindication = FL\nn = 20\n";
  auto msgs = ClaimMessages(AuditText(fl + claim));
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_NE(msgs[0].find("or the approvals omit one: Kymriah has FL cohorts (f)"), std::string::npos) << msgs[0];
}

TEST(AuditBlindSpots, ADefinitionPrintedTwoWaysIsAConflict) {
  const std::string def = "[definition g2]\nsource = ref 15; §2.1.2\ntext = t\nterm = second generation\n"
                          "costim_domains = 1 or more\ncostim_domains = 1 @ ref 16; §2.1.2\n";
  EXPECT_EQ(Count(AuditText(def), "value-conflict", Severity::kError), 1);
}

TEST(AuditBlindSpots, StatementsWithDatesDurationsAndCounts) {
  const std::string base = "[statement s]\nsource = ref 1; §2.3.1\ntext = t\nmeasure = m\n";
  EXPECT_TRUE(BuildFromText(base + "duration = 4-5 days\n").ok());
  EXPECT_TRUE(BuildFromText(base + "date = 2022-01\n").ok());
  EXPECT_TRUE(BuildFromText(base + "year = 2017\n").ok());
  EXPECT_TRUE(BuildFromText(base + "count = > 1000\n").ok());
  auto none = BuildFromText(base);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("needs one of"), std::string::npos);
}

}  // namespace
}  // namespace carta::evidence
