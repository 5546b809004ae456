#include "carta/meta/run.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

namespace carta::meta {
namespace {

const char kCounts[] = "study,events,n,group,dose\na,12,20,x,1\nb,30,40,x,2\nc,7,30,y,3\nd,4,15,y,4\ne,20,25,z,5\n";
const char kTwoArm[] = "study,events1,n1,events2,n2\na,4,123,11,139\nb,6,306,29,303\nc,3,231,11,220\nd,62,13598,248,12867\n";
const char kEffects[] =
    "study,yi,vi,ablat\na,-0.889,0.326,44\nb,-1.585,0.195,55\nc,-1.348,0.415,42\nd,-1.442,0.020,52\n"
    "e,-0.218,0.051,13\nf,-0.786,0.007,44\ng,-1.621,0.223,19\nh,0.012,0.004,13\n";

MetaRequest Csv(const char* text, AnalysisKind analysis = AnalysisKind::kPool) {
  MetaRequest r;
  r.csv_file = "in.csv";
  r.csv_text = text;
  r.analysis = analysis;
  return r;
}

// A Progress that asks the work to stop once `after` updates have been seen.
class StopAfter : public Progress {
 public:
  explicit StopAfter(int after) : after_(after) {}
  void Update(uint64_t, uint64_t) override { ++updates_; }
  void Finish() override {}
  bool Cancelled() const override { return updates_.load() >= after_; }

 private:
  int after_;
  std::atomic<int> updates_{0};
};

TEST(MetaRun, PoolsCountsWithTheDefaults) {
  auto r = meta::Run(Csv(kCounts), nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->pool.has_value());
  EXPECT_EQ(r->measure, Measure::kPLO);
  EXPECT_EQ(r->options.method, Method::kREML);
  EXPECT_EQ(r->pool->fit.k, 5);
  EXPECT_EQ(r->pool->studies.size(), 5u);
  EXPECT_FALSE(r->pool->subgroups.has_value());
}

// The binomial-normal model answers a pooled estimate of single-arm counts
// with z-tests; every other request is refused, naming the option (issue 17:
// knha fell back to z-tests, mods gave no regression, GOSH fitted tau2 = 0).
TEST(MetaRun, GlmmRefusesWhatItDoesNotFit) {
  auto refused = [](MetaRequest r) {
    r.method = Method::kGLMM;
    auto out = meta::Run(r, nullptr);
    return out.ok() ? std::string("ran") : out.status().location().field;
  };
  MetaRequest knha = Csv(kCounts);
  knha.knha = true;
  EXPECT_EQ(refused(knha), "knha");
  MetaRequest mods = Csv(kCounts);
  mods.query.mods = "dose";
  EXPECT_EQ(refused(mods), "mods");
  for (AnalysisKind kind : {AnalysisKind::kGosh, AnalysisKind::kLeaveOneOut, AnalysisKind::kInfluence,
                            AnalysisKind::kPermutation, AnalysisKind::kBias}) {
    EXPECT_EQ(refused(Csv(kCounts, kind)), "method") << AnalysisKindName(kind);
  }
  EXPECT_EQ(refused(Csv(kCounts)), "ran");
}

// Under R meta's convention GLMM is the default only where it answers the
// request; two-arm counts and sensitivity analyses get REML.
TEST(MetaRun, MetaConventionDefaultsToGlmmOnlyWhereItFits) {
  auto method = [](MetaRequest r) {
    r.convention = Convention::kMeta;
    auto out = meta::Run(r, nullptr);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->options.method : Method::kEE;
  };
  EXPECT_EQ(method(Csv(kCounts)), Method::kGLMM);
  EXPECT_EQ(method(Csv(kTwoArm)), Method::kREML);
  EXPECT_EQ(method(Csv(kCounts, AnalysisKind::kLeaveOneOut)), Method::kREML);
  MetaRequest knha = Csv(kCounts);
  knha.knha = true;
  EXPECT_EQ(method(knha), Method::kREML);
  // metaprop chooses the GLMM for sm = "PLOGIT" only: another measure keeps
  // its scale (it was silently replaced by the logit GLMM).
  MetaRequest pln = Csv(kCounts);
  pln.measure = Measure::kPLN;
  EXPECT_EQ(method(pln), Method::kREML);
  pln.convention = Convention::kMeta;
  auto out = meta::Run(pln, nullptr);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->pool->measure, Measure::kPLN);
  MetaRequest plo = Csv(kCounts);
  plo.measure = Measure::kPLO;
  EXPECT_EQ(method(plo), Method::kGLMM);
}

TEST(MetaRun, TwoArmDataDefaultToTheRiskRatio) {
  auto r = meta::Run(Csv(kTwoArm), nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->measure, Measure::kRR);
  EXPECT_EQ(r->pool->measure, Measure::kRR);
  MetaRequest odds = Csv(kTwoArm);
  odds.measure = Measure::kOR;
  auto o = meta::Run(odds, nullptr);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->pool->measure, Measure::kOR);
}

TEST(MetaRun, MetaConventionChoosesTheGlmmForCountsUnlessMethodOrSubgroups) {
  MetaRequest r = Csv(kCounts);
  r.convention = Convention::kMeta;
  auto glmm = meta::Run(r, nullptr);
  ASSERT_TRUE(glmm.ok()) << glmm.status().ToString();
  EXPECT_EQ(glmm->options.method, Method::kGLMM);
  EXPECT_EQ(glmm->pool->fit.method, Method::kGLMM);

  r.method = Method::kDL;
  auto given = meta::Run(r, nullptr);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->options.method, Method::kDL);

  r.method.reset();
  r.query.by = "group";
  auto by = meta::Run(r, nullptr);
  ASSERT_TRUE(by.ok()) << by.status().ToString();
  EXPECT_EQ(by->options.method, Method::kREML);
  EXPECT_TRUE(by->pool->subgroups.has_value());

  MetaRequest effects = Csv(kEffects);
  effects.convention = Convention::kMeta;
  auto yi = meta::Run(effects, nullptr);
  ASSERT_TRUE(yi.ok());
  EXPECT_EQ(yi->options.method, Method::kREML);
  EXPECT_EQ(yi->measure, Measure::kGeneric);
}

TEST(MetaRun, LevelReachesTheIntervals) {
  MetaRequest r = Csv(kEffects);
  auto wide = meta::Run(r, nullptr);
  r.level = 0.9;
  auto narrow = meta::Run(r, nullptr);
  ASSERT_TRUE(wide.ok() && narrow.ok());
  EXPECT_DOUBLE_EQ(narrow->options.level, 0.9);
  EXPECT_LT(narrow->pool->fit.estimate_ci_ub - narrow->pool->fit.estimate_ci_lb,
            wide->pool->fit.estimate_ci_ub - wide->pool->fit.estimate_ci_lb);
  r.level = 95;
  auto bad = meta::Run(r, nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "level");
}

TEST(MetaRun, EachAnalysisFillsItsResult) {
  auto loo = meta::Run(Csv(kEffects, AnalysisKind::kLeaveOneOut), nullptr);
  ASSERT_TRUE(loo.ok()) << loo.status().ToString();
  EXPECT_EQ(loo->leave_one_out.size(), 8u);
  auto inf = meta::Run(Csv(kEffects, AnalysisKind::kInfluence), nullptr);
  ASSERT_TRUE(inf.ok());
  EXPECT_EQ(inf->influence.size(), 8u);
  auto gosh = meta::Run(Csv(kEffects, AnalysisKind::kGosh), nullptr);
  ASSERT_TRUE(gosh.ok());
  EXPECT_EQ(gosh->gosh->mask.size(), 255u);
  ASSERT_TRUE(gosh->gosh_summary->estimate.has_value());
  EXPECT_LE(gosh->gosh_summary->estimate->min, gosh->gosh_summary->estimate->median);
  auto bias = meta::Run(Csv(kCounts, AnalysisKind::kBias), nullptr);
  ASSERT_TRUE(bias.ok()) << bias.status().ToString();
  EXPECT_TRUE(std::isfinite(bias->bias->trimfill_prop));
  auto bias_yi = meta::Run(Csv(kEffects, AnalysisKind::kBias), nullptr);
  ASSERT_TRUE(bias_yi.ok());
  EXPECT_TRUE(std::isnan(bias_yi->bias->trimfill_prop));
}

TEST(MetaRun, PermutationTestUsesTheModeratorDesign) {
  MetaRequest r = Csv(kEffects, AnalysisKind::kPermutation);
  r.query.mods = "ablat";
  r.iterations = 50;
  r.threads = 1;
  auto p = meta::Run(r, nullptr);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->permutation->fit.names, (std::vector<std::string>{"intrcpt", "ablat"}));
  EXPECT_EQ(p->permutation->test.pval.size(), 2u);
  EXPECT_EQ(p->permutation->test.iterations, 50u);
  // Threads change nothing.
  r.threads = 3;
  auto p3 = meta::Run(r, nullptr);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(p3->permutation->test.pval, p->permutation->test.pval);
}

TEST(MetaRun, GoshAndPermutationsStopWhenCancelled) {
  StopAfter stop(0);
  MetaRequest g = Csv(kEffects, AnalysisKind::kGosh);
  auto gosh = meta::Run(g, nullptr, &stop);
  ASSERT_FALSE(gosh.ok());
  EXPECT_EQ(gosh.status().code(), StatusCode::kCancelled);
  MetaRequest p = Csv(kEffects, AnalysisKind::kPermutation);
  auto perm = meta::Run(p, nullptr, &stop);
  ASSERT_FALSE(perm.ok());
  EXPECT_EQ(perm.status().code(), StatusCode::kCancelled);
  p.query.mods = "ablat";
  auto rows = meta::Run(p, nullptr, &stop);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kCancelled);
  // Not cancelled: the same work completes.
  StopAfter never(1 << 30);
  EXPECT_TRUE(meta::Run(g, nullptr, &never).ok());
}

TEST(MetaRun, BadRequestsNameTheirField) {
  auto none = meta::Run(MetaRequest{}, nullptr);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().location().field, "outcome");
  MetaRequest by = Csv(kCounts);
  by.query.by = "indication";
  auto b = meta::Run(by, nullptr);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().location().field, "by");
  EXPECT_EQ(b.status().message().find("--"), std::string::npos);
  MetaRequest mods = Csv(kCounts);
  mods.query.mods = "nope";
  EXPECT_FALSE(meta::Run(mods, nullptr).ok());
}

TEST(MetaRun, NamesParseInOnePlace) {
  EXPECT_EQ(*ParseAnalysisKind("permtest"), AnalysisKind::kPermutation);
  for (const auto& name : AnalysisKindNames()) EXPECT_EQ(AnalysisKindName(*ParseAnalysisKind(name)), name);
  auto bad = ParseAnalysisKind("funnel");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("pool, leave1out"), std::string::npos);
  EXPECT_EQ(*ParseConvention("meta"), Convention::kMeta);
  EXPECT_FALSE(ParseConvention("cochrane").ok());
  for (const auto& name : MeasureNames()) EXPECT_EQ(MeasureName(*ParseMeasure(name)), name);
  for (const auto& name : MethodNames()) EXPECT_TRUE(ParseMethod(name).ok()) << name;
  EXPECT_EQ(ParseMethod("XX").status().location().field, "method");
}

TEST(MetaRun, SummarizeTakesType7Quantiles) {
  auto s = Summarize({4, 1, NAN, 3, 2});
  ASSERT_TRUE(s.has_value());
  EXPECT_DOUBLE_EQ(s->min, 1);
  EXPECT_DOUBLE_EQ(s->q25, 1.75);
  EXPECT_DOUBLE_EQ(s->median, 2.5);
  EXPECT_DOUBLE_EQ(s->q75, 3.25);
  EXPECT_DOUBLE_EQ(s->max, 4);
  EXPECT_FALSE(Summarize({NAN}).has_value());
}

}  // namespace
}  // namespace carta::meta

namespace carta::meta {
namespace {

// metafor users often have yi,vi without study names (issue 17).
TEST(MetaRun, CsvWithoutStudyColumnIsNumbered) {
  MetaRequest r;
  r.csv_file = "plain.csv";
  r.csv_text = "yi,vi\n-0.889,0.326\n-1.585,0.195\n-1.348,0.415\n";
  auto p = meta::Run(r, nullptr);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->input.studies.size(), 3u);
  EXPECT_EQ(p->input.studies[0].study, "S1");
  EXPECT_EQ(p->input.studies[2].study, "S3");
  EXPECT_NE(p->input.description.find("no 'study' column: numbered S1 to S3"), std::string::npos);
}

TEST(MetaRun, NumericModeratorIsNamedAfterItsColumn) {
  MetaRequest r = Csv(kEffects);
  r.query.mods = "ablat";
  r.knha = true;
  auto p = meta::Run(r, nullptr);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_TRUE(p->pool->regression.has_value());
  EXPECT_EQ(p->pool->regression->names, (std::vector<std::string>{"intrcpt", "ablat"}));
}

}  // namespace
}  // namespace carta::meta
