// Printing GOSH, permutation tests, influence diagnostics and publication-bias
// tests as text.
#include <cmath>
#include <ostream>

#include "carta/core/text.h"
#include "carta/api/meta.h"
#include "carta/api/meta_text.h"

namespace carta::api {

namespace {

std::string F(double v, int d = 4) { return text::Fixed(v, d); }

std::string P(double p) { return PValue(p); }

}  // namespace

void PrintGoshText(const meta::MetaResult& r, std::ostream& out) {
  const meta::GoshResult& g = *r.gosh;
  const meta::GoshSummary& s = *r.gosh_summary;
  out << "GOSH: " << r.input.description << "\n" << g.mask.size() << (g.exact ? " subsets (all)" : " random subsets")
      << " of k = " << g.k << " studies" << (g.failed ? ", " + std::to_string(g.failed) + " failed to fit" : "") << "\n\n";
  Listing l({{"what", ""}, {"min", "min"}, {"q25", "25%"}, {"median", "median"}, {"q75", "75%"}, {"max", "max"}});
  for (const auto& [key, q] : {std::pair{"estimate", &s.estimate}, std::pair{"tau2", &s.tau2}, std::pair{"I2", &s.I2},
                               std::pair{"Q", &s.Q}}) {
    if (!*q) continue;
    const meta::FiveNumbers& v = **q;
    l.Add({key, F(v.min), F(v.q25), F(v.median), F(v.q75), F(v.max)});
  }
  Print(l, Format::kTable, out);
  out << "Every subset's values: --format csv (subset is a 0/1 string, study 1 first).\n";
}

void PrintPermutationText(const meta::MetaResult& r, std::ostream& out) {
  const meta::FitResult& fit = r.permutation->fit;
  const meta::PermutationTest& t = r.permutation->test;
  Listing l(api::ToListing(r).columns());
  for (size_t c = 0; c < fit.beta.size(); ++c) {
    l.Add({fit.names[c], F(fit.beta[c]), F(fit.se[c]), F(fit.zval[c]), P(fit.pval[c]), P(t.pval[c])});
  }
  out << "Permutation test: " << r.input.description << "\n" << t.iterations
      << (t.exact ? " permutations (exact test)" : " random permutations") << "\n\n";
  Print(l, Format::kTable, out);
  if (fit.p > 1) {
    out << "Test of moderators: QM(df = " << fit.QM_df << ") = " << F(fit.QM) << ", p-val (perm) = " << P(t.QM_pval) << "\n";
  }
}

void PrintInfluenceText(const meta::MetaResult& r, std::ostream& out) {
  Listing l(api::ToListing(r).columns());
  for (size_t i = 0; i < r.influence.size(); ++i) {
    const auto& row = r.influence[i];
    l.Add({r.input.studies[i].study, F(row.rstudent), F(row.dffits), F(row.cook_d), F(row.cov_r), F(row.tau2_del),
           F(row.QE_del), F(row.hat), F(row.weight, 2), row.influential ? "*" : ""});
  }
  out << "Influence diagnostics: " << r.input.description << "\n\n";
  Print(l, Format::kTable, out);
  out << "* influential by metafor's criteria (|dffits| > 3 sqrt(p/(k-p)), Cook's distance beyond the chi-square "
         "median, hat > 3p/k, or |dfbs| > 1)\n";
}

void PrintBiasText(const meta::MetaResult& r, std::ostream& out) {
  const meta::EggerTest& egger = r.bias->egger;
  const meta::RankTest& rank = r.bias->rank;
  const meta::TrimAndFill& tf = r.bias->trimfill;
  out << "Small-study effects: " << r.input.description << "\n\n"
      << "Regression test for funnel plot asymmetry (Egger; predictor: standard error)\n"
      << "  test for asymmetry: " << (egger.df ? "t" : "z") << " = " << F(egger.zval) << ", p = " << P(egger.pval) << "\n"
      << "  limit estimate (as sei -> 0): " << F(egger.limit) << " (CI: " << F(egger.limit_ci_lb) << ", "
      << F(egger.limit_ci_ub) << ")\n\n"
      << "Rank correlation test for funnel plot asymmetry (Begg & Mazumdar)\n"
      << "  Kendall's tau = " << F(rank.tau) << ", p = " << P(rank.pval) << (rank.exact ? " (exact)" : " (normal approximation)")
      << "\n\n"
      << "Trim-and-fill (Duval & Tweedie, estimator L0)\n"
      << "  estimated number of missing studies on the " << tf.side << " side: " << tf.k0 << " (SE = " << F(tf.se_k0) << ")\n"
      << "  adjusted estimate: " << F(tf.fit.estimate) << " (CI: " << F(tf.fit.estimate_ci_lb) << ", "
      << F(tf.fit.estimate_ci_ub) << ")";
  if (r.input.counts) out << (r.input.two_arm ? "; back-transformed: " : "; as a proportion: ") << F(r.bias->trimfill_prop);
  out << "\n";
}

}  // namespace carta::api
