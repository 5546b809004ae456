// The option-compatibility policy (CheckRequest, MultilevelRequestOf, Run):
// each refused combination fails with its field and a message naming no flag.
#include <gtest/gtest.h>

#include <functional>

#include "carta/meta/run.h"

namespace carta::meta {
namespace {

const char kNested[] =
    "trial,cohort,yi,vi\nT1,a,0.10,0.04\nT1,b,0.30,0.05\nT2,a,-0.20,0.03\nT2,b,0.05,0.06\nT3,a,0.40,0.05\n"
    "T3,b,0.25,0.04\nT4,a,0.00,0.05\n";

MetaRequest Multilevel() {
  MetaRequest r;
  r.csv_file = "nested.csv";
  r.csv_text = kNested;
  r.random = "trial/cohort";
  return r;
}

// Expects `r` refused by CheckRequest, MultilevelRequestOf (for a multilevel
// request) and Run alike, with `field` and a message without "--".
void ExpectRefused(const MetaRequest& r, const std::string& field, const std::string& says) {
  const Status s = CheckRequest(r);
  ASSERT_FALSE(s.ok()) << field;
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.location().field, field);
  EXPECT_NE(s.message().find(says), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("--"), std::string::npos) << "names a flag: " << s.message();
  if (IsMultilevel(r)) {
    auto m = MultilevelRequestOf(r);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().location().field, field);
    EXPECT_EQ(m.status().message(), s.message());
  }
  auto run = meta::Run(r, nullptr);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().location().field, field);
  EXPECT_EQ(run.status().message(), s.message());
}

MetaRequest With(std::function<void(MetaRequest&)> change) {
  MetaRequest r = Multilevel();
  change(r);
  return r;
}

TEST(MetaPolicy, AcceptsAPlainMultilevelRequestAndRunsIt) {
  MetaRequest r = Multilevel();
  r.t_test = true;
  r.level = 0.9;
  r.method = Method::kML;
  ASSERT_TRUE(CheckRequest(r).ok());
  auto m = MultilevelRequestOf(r);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->random, "trial/cohort");
  EXPECT_TRUE(m->options.t_test);
  EXPECT_EQ(m->options.method, Method::kML);
  EXPECT_DOUBLE_EQ(m->options.level, 0.9);
  auto fit = RunMultilevel(*m, nullptr);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(fit->fit.k, 7);
  EXPECT_EQ(fit->fit.components.size(), 2u);
}

TEST(MetaPolicy, ClusterIsTheRandomColumnOfACsvFile) {
  MetaRequest r = Multilevel();
  r.random.clear();
  r.cluster = "trial";
  auto m = MultilevelRequestOf(r);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->random, "trial");
}

TEST(MetaPolicy, APlainRequestIsNotMultilevel) {
  MetaRequest r = Multilevel();
  r.random.clear();
  EXPECT_FALSE(IsMultilevel(r));
  EXPECT_TRUE(CheckRequest(r).ok());
  EXPECT_EQ(MultilevelRequestOf(r).status().location().field, "random");
}

TEST(MetaPolicy, RunRefusesAMultilevelRequest) {
  auto run = meta::Run(Multilevel(), nullptr);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().location().field, "random");
}

TEST(MetaPolicy, MultilevelRefusesAnotherAnalysis) {
  ExpectRefused(With([](MetaRequest& r) { r.analysis = AnalysisKind::kLeaveOneOut; }), "analysis", "leave1out");
}
TEST(MetaPolicy, MultilevelRefusesAnotherEstimator) {
  ExpectRefused(With([](MetaRequest& r) { r.method = Method::kDL; }), "method", "REML or ML");
}
TEST(MetaPolicy, MultilevelRefusesSubgroups) {
  ExpectRefused(With([](MetaRequest& r) { r.query.by = "group"; }), "by", "moderators");
}
TEST(MetaPolicy, MultilevelRefusesHartungKnapp) {
  ExpectRefused(With([](MetaRequest& r) { r.knha = true; }), "knha", "test t");
}
TEST(MetaPolicy, MultilevelRefusesMetaConvention) {
  ExpectRefused(With([](MetaRequest& r) { r.convention = Convention::kMeta; }), "convention", "rma.mv");
}
TEST(MetaPolicy, MultilevelRefusesPrefer) {
  ExpectRefused(With([](MetaRequest& r) { r.query.registrations.prefer = {"c1"}; }), "prefer", "every cohort");
}
TEST(MetaPolicy, MultilevelRefusesForestAndFunnelPlots) {
  ExpectRefused(With([](MetaRequest& r) { r.figures.forest = true; }), "svg", "forest plot");
  ExpectRefused(With([](MetaRequest& r) { r.figures.funnel = true; }), "funnel", "funnel plot");
}
TEST(MetaPolicy, MultilevelRefusesAContinuityCorrection) {
  ExpectRefused(With([](MetaRequest& r) { r.correction.add = 0.25; }), "cc", "escalc");
  ExpectRefused(With([](MetaRequest& r) { r.correction.to = CorrectTo::kAll; }), "cc_to", "escalc");
  ExpectRefused(With([](MetaRequest& r) { r.correction.drop00 = true; }), "drop00", "escalc");
}
TEST(MetaPolicy, MultilevelRefusesAnOrder) {
  ExpectRefused(With([](MetaRequest& r) { r.order = "year"; }), "order", "cumulative");
}
TEST(MetaPolicy, MultilevelRefusesTheForestPlotsOptions) {
  ExpectRefused(With([](MetaRequest& r) { r.figures.sort = "effect"; }), "sort", "forest plot");
  ExpectRefused(With([](MetaRequest& r) { r.figures.xlim = true; }), "xlim", "forest plot");
  ExpectRefused(With([](MetaRequest& r) { r.columns = {"n"}; }), "columns", "forest plot");
}
TEST(MetaPolicy, MultilevelRefusesRandomAndClusterTogether) {
  ExpectRefused(With([](MetaRequest& r) { r.cluster = "trial"; }), "cluster", "not both");
}
TEST(MetaPolicy, ClusterNeedsACsvFile) {
  ExpectRefused(With([](MetaRequest& r) {
                  r.random.clear();
                  r.cluster = "trial";
                  r.csv_file.clear();
                  r.csv_text.clear();
                  r.query.outcome = "orr";
                }),
                "cluster", "trial/cohort");
}
TEST(MetaPolicy, PlainModelRefusesTTests) {
  ExpectRefused(With([](MetaRequest& r) {
                  r.random.clear();
                  r.t_test = true;
                }),
                "test", "knha");
}

TEST(MetaPolicy, PlainModelRefusesPlotsOfAnalysesThatDrawNone) {
  for (AnalysisKind a : {AnalysisKind::kLeaveOneOut, AnalysisKind::kInfluence, AnalysisKind::kGosh,
                         AnalysisKind::kPermutation, AnalysisKind::kBias}) {
    ExpectRefused(With([a](MetaRequest& r) {
                    r.random.clear();
                    r.analysis = a;
                    r.figures.forest = true;
                  }),
                  "svg", "draws no plot");
  }
  ExpectRefused(With([](MetaRequest& r) {
                  r.random.clear();
                  r.analysis = AnalysisKind::kCumulative;
                  r.figures.funnel = true;
                }),
                "funnel", "cumulative");
  for (AnalysisKind a : {AnalysisKind::kPool, AnalysisKind::kCumulative, AnalysisKind::kBaujat, AnalysisKind::kRadial}) {
    MetaRequest r = Multilevel();
    r.random.clear();
    r.analysis = a;
    r.figures.forest = true;
    EXPECT_TRUE(CheckRequest(r).ok()) << AnalysisKindName(a);
  }
}

TEST(MetaPolicy, RunCarriesTheSortColumnAndBlamesTheSortKey) {
  MetaRequest r = Multilevel();
  r.random.clear();
  r.figures.sort = "trial";
  auto ok = meta::Run(r, nullptr);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_FALSE(ok->input.extra_columns.empty());
  r.figures.sort = "latitude";
  auto missing = meta::Run(r, nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().location().field, "sort");
  EXPECT_NE(missing.status().message().find("latitude"), std::string::npos);
  r.columns = {"latitude"};  // shown as well: the column's fault
  EXPECT_EQ(meta::Run(r, nullptr).status().location().field, "columns");
}

}  // namespace
}  // namespace carta::meta
