#include "carta/evidence/build.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"

namespace carta::evidence {
namespace {

TEST(BuildEvidence, ResolvesProductsByCodeAndCountRates) {
  auto eb = BuildFromText(MiniProduct() +
                          "[cohort c1]\nsource = ref 1; Table 3\nproduct = CTL019\nindication = b-all\nn = 20\n"
                          "icans_g3plus = 3 patients\npfs_median = NR\npfs_12mo = 74.6%\n");
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  const Cohort* c = eb->FindCohort("c1");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->product_id, "kym");
  EXPECT_EQ(c->construct_id, "k19");
  EXPECT_EQ(c->targets, std::vector<std::string>{"CD19"});
  EXPECT_EQ(c->indications, std::vector<std::string>{"B-ALL"});  // canonical spelling
  EXPECT_DOUBLE_EQ(c->First("icans_g3plus")->rate.percent, 15.0);
  EXPECT_TRUE(c->First("pfs_median")->median.not_reached);
  EXPECT_EQ(*c->N(), 20);
}

TEST(BuildEvidence, NByIndicationGivesN) {
  auto eb = BuildFromText(MiniProduct() +
                          "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = DLBCL, PMBCL\n"
                          "n_by_indication = DLBCL 80; PMBCL 4\n");
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  EXPECT_EQ(*eb->FindCohort("c1")->N(), 84);
}

// Each bad input gets a message with file:line and what is accepted.
TEST(BuildEvidence, BadValuesFailWithFileLineAndReason) {
  const std::string head = MiniProduct() + "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = B-ALL\n";
  const int line = 1 + static_cast<int>(std::count(head.begin(), head.end(), '\n'));
  struct Case {
    std::string line;
    std::string expected;
  } cases[] = {
      {"orr = 130%", "orr: '130%' is outside 0-100%"},
      {"orr = lots", "orr: 'lots' is not a rate"},
      {"n = seventy", "n: 'seventy' is not a whole number"},
      {"followup_median = 39", "has no unit"},
      {"pfs_median = never", "or 'NR' for a median not reached"},
      {"indicaton = FL", "unknown key 'indicaton' in a cohort record; did you mean 'indication'?"},
      {"phase = II", "'II' is not a phase"},
      {"tox_scale = astct2019", "is not one of ASTCT"},
  };
  for (auto& c : cases) {
    auto eb = BuildFromText(head + c.line + "\n");
    ASSERT_FALSE(eb.ok()) << c.line;
    EXPECT_NE(eb.status().message().find("test.carta:" + std::to_string(line) + ": "), std::string::npos)
        << eb.status().message();
    EXPECT_NE(eb.status().message().find(c.expected), std::string::npos) << eb.status().message();
  }
}

TEST(BuildEvidence, CountRateNeedsNAndMustFit) {
  const std::string head = MiniProduct() + "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = B-ALL\n";
  auto no_n = BuildFromText(head + "crs_any = 3 patients\n");
  ASSERT_FALSE(no_n.ok());
  EXPECT_NE(no_n.status().message().find("needs the cohort's n"), std::string::npos);
  auto too_many = BuildFromText(head + "n = 2\ncrs_any = 3 patients\n");
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.status().message().find("more than the cohort's n of 2"), std::string::npos);
}

TEST(BuildEvidence, ReferencesMustExist) {
  auto unknown_product = BuildFromText(MiniProduct() +
                                       "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymria\nindication = B-ALL\n");
  ASSERT_FALSE(unknown_product.ok());
  EXPECT_NE(unknown_product.status().message().find("unknown product 'Kymria'; did you mean 'Kymriah'?"),
            std::string::npos)
      << unknown_product.status().message();
  auto bad_construct = BuildFromText("[product p]\nsource = -; Table 2\nbrand = X\ntarget = CD19\nconstruct = nope\n");
  ASSERT_FALSE(bad_construct.ok());
  EXPECT_NE(bad_construct.status().message().find("test.carta:5: construct: no construct record with id 'nope'"),
            std::string::npos)
      << bad_construct.status().message();
}

TEST(BuildEvidence, DuplicatesAndMissingRequiredKeys) {
  auto dup = BuildFromText(MiniProduct() + "[product kym]\nsource = -; Table 2\nbrand = Y\ntarget = CD19\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("duplicate product id 'kym'"), std::string::npos);
  auto missing = BuildFromText("[product p]\nsource = -; Table 2\ntarget = CD19\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("test.carta:1: product 'p' has no 'brand' (required)"), std::string::npos)
      << missing.status().message();
  auto kind = BuildFromText("[prodcut p]\nsource = -; Table 2\nbrand = X\n");
  ASSERT_FALSE(kind.ok());
  EXPECT_NE(kind.status().message().find("did you mean 'product'?"), std::string::npos);
}

TEST(BuildEvidence, RepeatedValueNeedsItsOwnProvenance) {
  const std::string head = MiniProduct() + "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = B-ALL\n";
  EXPECT_FALSE(BuildFromText(head + "n = 20\nn = 21\n").ok());
  EXPECT_TRUE(BuildFromText(head + "n = 20\nn = 21 @ ref 1; §2.2.1\n").ok());
}

TEST(LoadEvidenceDir, MissingFolderIsNotFound) {
  auto eb = LoadEvidenceDir("/nonexistent/carta/data");
  ASSERT_FALSE(eb.ok());
  EXPECT_EQ(eb.status().code(), StatusCode::kNotFound);
}

// The project's own data/ must always load: a regression guard for edits to data/.
TEST(LoadEvidenceDir, ProjectDataLoads) {
  auto eb = LoadEvidenceDir(std::string(CARTA_SOURCE_DIR) + "/data");
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  EXPECT_EQ(eb->products.size(), 11u);
}

}  // namespace
}  // namespace carta::evidence

namespace carta::evidence {
namespace {

// Regression tests for problems found in review (2026-11-25).
TEST(BuildEvidence, ClaimFiltersAreCheckedWhenBuilt) {
  const std::string head = MiniProduct() + "[claim c]\nsource = -; §2.1.3\ntext = t\n";
  struct Case {
    std::string lines, expected;
  } cases[] = {
      {"kind = all-products\nproperty = generation 2\nwhere = target CD91\n", "'CD91' is not one of"},
      {"kind = count-cohorts\nvalue = 2\nwhere = agency FDA\n", "not a filter of a count-cohorts claim"},
      {"kind = count-cohorts\nvalue = 2\nwhere = marketed Yes\n", "'Yes' is not yes or no"},
      {"kind = range\nvalue = 1%-2%\nfield = orrr\n", "field: 'orrr' is not a cohort value"},
      {"kind = count-products\nvalue = 1\nwhere = product nope\n", "no product record with id 'nope'"},
      {"kind = count-cohorts\nvalue = 1\nwhere = location Tabel 3\n", "bad location"},
  };
  for (const auto& c : cases) {
    auto eb = BuildFromText(head + c.lines);
    ASSERT_FALSE(eb.ok()) << c.lines;
    EXPECT_NE(eb.status().message().find(c.expected), std::string::npos) << eb.status().message();
  }
  auto ok = BuildFromText(head + "kind = count-cohorts\nvalue = 0\nwhere = indication lbcl\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->claims[0].where[0].second, "LBCL");  // canonical spelling
}

TEST(BuildEvidence, ListsAndSubgroupsUseTheVocabulary) {
  const std::string head = MiniProduct() + "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\n";
  auto dup = BuildFromText(head + "indication = FL, FL\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("'FL' is listed twice"), std::string::npos);
  auto sub = BuildFromText(head + "indication = LBCL\nn_by_indication = FOO 10\n");
  ASSERT_FALSE(sub.ok());
  EXPECT_NE(sub.status().message().find("n_by_indication: 'FOO' is not one of"), std::string::npos);
  auto zero = BuildFromText(head + "indication = FL\nn = 0\norr = 0 patients\n");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("needs the cohort's n (at least 1)"), std::string::npos);
}

TEST(BuildEvidence, AProductNameMustIdentifyOneProduct) {
  auto eb = BuildFromText(MiniProduct() + "[product other]\nsource = -; Table 2\nbrand = Other\ntarget = CD19\ncode = CTL019\n");
  ASSERT_FALSE(eb.ok());
  EXPECT_NE(eb.status().message().find("the name 'CTL019' of product 'other' is also a name of product 'kym'"),
            std::string::npos)
      << eb.status().message();
}

TEST(BuildEvidence, ProvenanceAfterATabOrWithoutASpaceAfterTheAt) {
  auto eb = BuildFromText(MiniProduct() + "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = FL\n"
                                          "acronym = X @ref 3; Table 3\nphase = 2\t@\tref 2; Table 4\n");
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  const RawRecord* r = eb->FindRecord("cohort", "c1");
  EXPECT_EQ(r->First("acronym")->raw, "X");
  EXPECT_EQ(r->First("acronym")->prov.refs, std::vector<int>{3});
  EXPECT_EQ(r->First("phase")->raw, "2");
  EXPECT_EQ(r->First("phase")->prov.location, "Table 4");
}

TEST(BuildEvidence, SignedRatesAndComparatorRangesAreRejected) {
  const std::string head = MiniProduct() + "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = FL\n";
  EXPECT_FALSE(BuildFromText(head + "orr = +81%\n").ok());
  EXPECT_FALSE(BuildFromText(head + "orr = -0%\n").ok());
  EXPECT_FALSE(BuildFromText(head + "followup_median = >= 43-113 months\n").ok());
}

}  // namespace
}  // namespace carta::evidence
