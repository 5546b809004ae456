#include "carta/evidence/listings.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"

namespace carta::evidence {
namespace {

const std::string kCohorts =
    "[cohort c1]\nsource = ref 44; Table 3\nproduct = CTL019\nindication = B-ALL\nregistry = NCT02435849\n"
    "n = 79\norr = 81%\ncrr = 60%\nefs_median = 24 months\npfs_median = NR\nefs_12mo = 50%\n"
    "n = 80 @ ref 44; §2.2.1\norr = 82% @ ref 44; §2.2.1\nefs_median = 25 months @ ref 44; §2.2.1\n"
    "[cohort c2]\nsource = ref 45; §2.2.2\nconstruct_as_printed = hu CAR\ntarget = CD19\nindication = DLBCL\n"
    "n_by_indication = DLBCL 10; FL 5\ncr_cri = 40%\n";

EvidenceBase Base() {
  auto eb = BuildFromText(MiniProduct() + kCohorts);
  EXPECT_TRUE(eb.ok()) << eb.status().ToString();
  return eb.ok() ? std::move(*eb) : EvidenceBase{};
}

TEST(ListProducts, FiltersByTargetAndAgencyInAnySpelling) {
  const EvidenceBase eb = Base();
  auto all = ListProducts(eb, {});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->products.size(), 1u);
  const ProductRow& p = all->products[0];
  EXPECT_EQ(p.brand, "Kymriah");
  EXPECT_EQ(p.structure, "FMC63, lentiviral, CD3ζ+4-1BB");
  EXPECT_EQ(p.generation, 2);
  ASSERT_EQ(p.approvals.size(), 1u);
  EXPECT_EQ(ApprovalSummary(p.approvals[0]), "FDA 2017-08 B-ALL (pediatric-young-adult)");
  EXPECT_EQ(ListProducts(eb, {"cd19", "fda"})->products.size(), 1u);
  EXPECT_TRUE(ListProducts(eb, {"BCMA", ""})->products.empty());
  EXPECT_TRUE(ListProducts(eb, {"", "NMPA"})->products.empty());
}

TEST(ListProducts, AnUnknownWordNamesItsField) {
  const EvidenceBase eb = Base();
  auto t = ListProducts(eb, {"CD99", ""});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().location().field, "target");
  auto a = ListProducts(eb, {"", "PMDA"});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().location().field, "agency");
  EXPECT_NE(a.status().message().find("FDA"), std::string::npos);  // says what is accepted
}

TEST(ListCohorts, FirstValuesSurvivalAndN) {
  const EvidenceBase eb = Base();
  auto r = ListCohorts(eb, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->cohorts.size(), 2u);
  const CohortRow& c1 = r->cohorts[0];
  EXPECT_EQ(c1.product_id, "kym");
  EXPECT_EQ(c1.product_label, "Kymriah (as CTL019)");
  EXPECT_EQ(c1.n, 79);
  EXPECT_FALSE(c1.n_summed);
  ASSERT_TRUE(c1.orr);
  EXPECT_EQ(c1.orr->Display(), "81%");  // the table's, printed first
  ASSERT_EQ(c1.survival.size(), 3u);    // efs_median once, pfs_median, efs_12mo
  EXPECT_EQ(c1.survival[0].Display(), "24 months");
  EXPECT_EQ(c1.survival_summary, "EFS median 24 months; PFS median NR; EFS 12 mo 50%; EFS median 25 months");
  EXPECT_EQ(c1.provenance, "[44] Table 3");
  const CohortRow& c2 = r->cohorts[1];
  EXPECT_EQ(c2.product_label, "hu CAR");
  EXPECT_EQ(c2.n, 15);
  EXPECT_TRUE(c2.n_summed);
  EXPECT_FALSE(c2.crr);
  ASSERT_TRUE(c2.cr_cri);
}

TEST(ListCohorts, UsesTheOneCohortFilterAndLocation) {
  const EvidenceBase eb = Base();
  EXPECT_EQ(ListCohorts(eb, {"", "lbcl", "", ""})->cohorts.size(), 1u);  // DLBCL is an LBCL
  EXPECT_EQ(ListCohorts(eb, {"", "", "Kymriah", ""})->cohorts.size(), 1u);
  EXPECT_EQ(ListCohorts(eb, {"", "", "", "Table 3"})->cohorts.size(), 1u);
  EXPECT_EQ(ListCohorts(eb, {"", "", "", "§2.2.2"})->cohorts.size(), 1u);
  auto bad = ListCohorts(eb, {"", "", "Kymria", ""});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(bad.status().location().field, "product");
}

TEST(NFor, TheNPrintedAtTheSamePlaceElseTheFirst) {
  const EvidenceBase eb = Base();
  const Cohort& c1 = eb.cohorts[0];
  auto orrs = c1.Values("orr");
  ASSERT_EQ(orrs.size(), 2u);
  EXPECT_EQ(c1.NFor(*orrs[0]), 79);  // Table 3
  EXPECT_EQ(c1.NFor(*orrs[1]), 80);  // §2.2.1
  EXPECT_EQ(c1.NFor(*c1.First("efs_12mo")), 79);
  const Cohort& c2 = eb.cohorts[1];
  EXPECT_EQ(c2.NFor(*c2.First("cr_cri")), 15);  // no n printed: the subgroups' sum
}

TEST(RateOutcomes, TheSchemaRatesOverTheWholeCohort) {
  const auto& rates = RateOutcomes();
  EXPECT_TRUE(std::is_sorted(rates.begin(), rates.end()));
  EXPECT_EQ(rates.size(), 13u);
  EXPECT_TRUE(IsRateOutcome("orr"));
  EXPECT_TRUE(IsRateOutcome("crs_g3plus"));
  EXPECT_TRUE(IsRateOutcome("car_persistence_6mo"));
  EXPECT_FALSE(IsRateOutcome("durable_remission"));
  EXPECT_FALSE(IsRateOutcome("pfs_median"));
  EXPECT_TRUE(IsSurvivalKey("pfs_12mo"));
  EXPECT_FALSE(IsSurvivalKey("orr"));
}

TEST(ShowRecord, AProductBringsItsConstructApprovalsAndCohorts) {
  const EvidenceBase eb = Base();
  auto r = ShowRecord(eb, {"CTL019"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->records.size(), 3u);
  EXPECT_EQ(r->records[0].record.id, "kym");
  EXPECT_FALSE(r->records[0].related);
  EXPECT_EQ(r->records[0].cohorts, std::vector<std::string>{"c1"});
  EXPECT_EQ(r->records[1].record.kind, "construct");
  EXPECT_TRUE(r->records[1].related);
  ASSERT_TRUE(r->records[1].generation);
  EXPECT_EQ(r->records[1].generation->generation, 2);
  EXPECT_EQ(r->records[2].record.kind, "approval");
  auto k = ShowRecord(eb, {"k19"});
  ASSERT_TRUE(k.ok());
  ASSERT_EQ(k->records.size(), 1u);
  EXPECT_TRUE(k->records[0].generation);
}

TEST(ShowRecord, NotFoundSuggestsTheClosestId) {
  auto r = ShowRecord(Base(), {"c11"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().location().field, "id");
  EXPECT_NE(r.status().message().find("did you mean 'c1'?"), std::string::npos);
}

TEST(RunAudit, FiltersBySeverityAndCountsEverything) {
  const EvidenceBase eb = Base();
  auto all = RunAudit(eb, {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(static_cast<int>(all->findings.size()), all->errors + all->warnings + all->infos);
  auto errors = RunAudit(eb, {"error", {}});
  ASSERT_TRUE(errors.ok());
  EXPECT_EQ(static_cast<int>(errors->findings.size()), errors->errors);
  EXPECT_EQ(errors->infos, all->infos);
  auto bad = RunAudit(eb, {"fatal", {}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "severity");
  EXPECT_NE(bad.status().message().find("error, warning, info"), std::string::npos);
  EXPECT_EQ(SeverityNames(), (std::vector<std::string>{"error", "warning", "info"}));
  EXPECT_EQ(*ParseSeverity("warning"), Severity::kWarning);
}

TEST(ListGenerations, ExamplesByBrandAndWithoutEvidence) {
  const EvidenceBase eb = Base();
  auto r = ListGenerations(&eb);
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.rows[1].row.generation, 2);
  EXPECT_EQ(r.rows[1].examples, std::vector<std::string>{"Kymriah"});
  EXPECT_TRUE(r.unknown.empty());
  auto none = ListGenerations(nullptr);
  ASSERT_EQ(none.rows.size(), 5u);
  EXPECT_TRUE(none.rows[1].examples.empty());
}

}  // namespace
}  // namespace carta::evidence
