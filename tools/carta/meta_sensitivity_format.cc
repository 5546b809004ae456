// Printing GOSH, permutation tests and publication-bias tests.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "carta/core/text.h"
#include "meta_format.h"

namespace carta::cli {

namespace {

using json = api::Json;

json Num(double v) { return JsonNumber(v); }
std::string F(double v, int d = 4) { return Fixed(v, d); }

std::string P(double p) { return PValue(p); }

// Quantiles (type 7, as R's default) of the finite values, by selection.
json Summary(std::vector<double> v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return nullptr;
  auto q = [&](double p) {
    const double h = (v.size() - 1) * p;
    const size_t lo = static_cast<size_t>(std::floor(h));
    std::nth_element(v.begin(), v.begin() + lo, v.end());
    const double a = v[lo];
    if (lo + 1 >= v.size()) return a;
    const double b = *std::min_element(v.begin() + lo + 1, v.end());
    return a + (h - lo) * (b - a);
  };
  const double mn = *std::min_element(v.begin(), v.end()), mx = *std::max_element(v.begin(), v.end());
  return {{"min", mn}, {"q25", q(0.25)}, {"median", q(0.5)}, {"q75", q(0.75)}, {"max", mx}};
}

}  // namespace

void PrintGosh(const meta::AnalysisInput& input, const meta::GoshResult& g, Format format, std::ostream& out) {
  if (format == Format::kCsv) {
    out << "subset,k,estimate,tau2,I2,H2,Q\n";
    for (size_t i = 0; i < g.mask.size(); ++i) {
      std::string members;
      for (int j = 0; j < g.k; ++j) members += ((g.mask[i] >> j) & 1) ? '1' : '0';
      out << members << "," << __builtin_popcountll(g.mask[i]) << "," << F(g.estimate[i], 10) << ","
          << F(g.tau2[i], 10) << "," << F(g.I2[i], 10) << "," << F(g.H2[i], 10) << "," << F(g.Q[i], 10) << "\n";
    }
    return;
  }
  json j = {{"k", g.k},
            {"subsets", g.mask.size()},
            {"exact", g.exact},
            {"failed", g.failed},
            {"estimate", Summary(g.estimate)},
            {"tau2", Summary(g.tau2)},
            {"I2", Summary(g.I2)},
            {"Q", Summary(g.Q)}};
  if (format == Format::kJson) {
    out << DumpJson(j) << "\n";
    return;
  }
  out << "GOSH: " << input.description << "\n" << g.mask.size() << (g.exact ? " subsets (all)" : " random subsets")
      << " of k = " << g.k << " studies" << (g.failed ? ", " + std::to_string(g.failed) + " failed to fit" : "") << "\n\n";
  Listing l({{"what", ""}, {"min", "min"}, {"q25", "25%"}, {"median", "median"}, {"q75", "75%"}, {"max", "max"}});
  for (const char* key : {"estimate", "tau2", "I2", "Q"}) {
    const json& s = j[key];
    if (s.is_null()) continue;
    l.Add({key, F(s["min"]), F(s["q25"]), F(s["median"]), F(s["q75"]), F(s["max"])});
  }
  Print(l, Format::kTable, out);
  out << "Every subset's values: --format csv (subset is a 0/1 string, study 1 first).\n";
}

void PrintPermutation(const meta::AnalysisInput& input, const meta::FitResult& fit, const meta::PermutationTest& t,
                      Format format, std::ostream& out) {
  Listing l({{"coefficient", "coefficient"}, {"estimate", "estimate"}, {"se", "se"},
             {fit.knha ? "tval" : "zval", fit.knha ? "tval" : "zval"}, {"pval", "pval"}, {"pval_perm", "pval (perm)"}});
  for (size_t c = 0; c < fit.beta.size(); ++c) {
    if (format == Format::kTable) {
      l.Add({fit.names[c], F(fit.beta[c]), F(fit.se[c]), F(fit.zval[c]), P(fit.pval[c]), P(t.pval[c])});
    } else {
      l.Add({fit.names[c], Num(fit.beta[c]), Num(fit.se[c]), Num(fit.zval[c]), Num(fit.pval[c]), Num(t.pval[c])});
    }
  }
  if (format == Format::kJson) {
    json rows = l.ToJson();
    out << DumpJson({{"exact", t.exact}, {"iterations", t.iterations}, {"QM", Num(fit.QM)}, {"QM_df", fit.QM_df},
                     {"QM_pval", Num(fit.QM_pval)}, {"QM_pval_perm", Num(t.QM_pval)}, {"coefficients", rows}})
        << "\n";
    return;
  }
  if (format == Format::kTable) {
    out << "Permutation test: " << input.description << "\n" << t.iterations << (t.exact ? " permutations (exact test)" : " random permutations")
        << "\n\n";
  }
  Print(l, format, out);
  if (format == Format::kTable && fit.p > 1) {
    out << "Test of moderators: QM(df = " << fit.QM_df << ") = " << F(fit.QM) << ", p-val (perm) = " << P(t.QM_pval) << "\n";
  }
}

void PrintInfluence(const meta::AnalysisInput& input, const std::vector<meta::InfluenceRow>& rows, Format format,
                    std::ostream& out) {
  Listing l({{"study", "Study"}, {"rstudent", "rstudent"}, {"dffits", "dffits"}, {"cook_d", "cook.d"},
             {"cov_r", "cov.r"}, {"tau2_del", "tau2.del"}, {"QE_del", "QE.del"}, {"hat", "hat"}, {"weight", "weight"},
             {"influential", "inf"}});
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (format == Format::kTable) {
      l.Add({input.studies[i].study, F(r.rstudent), F(r.dffits), F(r.cook_d), F(r.cov_r), F(r.tau2_del), F(r.QE_del),
             F(r.hat), F(r.weight, 2), r.influential ? "*" : ""});
    } else {
      l.Add({input.studies[i].study, Num(r.rstudent), Num(r.dffits), Num(r.cook_d), Num(r.cov_r), Num(r.tau2_del),
             Num(r.QE_del), Num(r.hat), Num(r.weight), r.influential});
    }
  }
  if (format == Format::kTable) out << "Influence diagnostics: " << input.description << "\n\n";
  Print(l, format, out);
  if (format == Format::kTable) {
    out << "* influential by metafor's criteria (|dffits| > 3 sqrt(p/(k-p)), Cook's distance beyond the chi-square "
           "median, hat > 3p/k, or |dfbs| > 1)\n";
  }
}

void PrintBias(const meta::AnalysisInput& input, const meta::EggerTest& egger, const meta::RankTest& rank,
               const meta::TrimAndFill& tf, meta::Measure measure, Format format, std::ostream& out) {
  std::vector<long> ns;
  for (const auto& s : input.studies) ns.push_back(s.n);
  const double hm = input.counts ? meta::HarmonicMean(ns) : NAN;
  const double adj_prop = input.counts ? meta::ToProportion(measure, tf.fit.estimate, hm) : NAN;
  json j = {{"egger", {{egger.df ? "tval" : "zval", Num(egger.zval)}, {"pval", Num(egger.pval)}, {"limit", Num(egger.limit)},
                       {"limit_ci_lb", Num(egger.limit_ci_lb)}, {"limit_ci_ub", Num(egger.limit_ci_ub)}}},
            {"rank", {{"tau", Num(rank.tau)}, {"pval", Num(rank.pval)}, {"exact", rank.exact}}},
            {"trimfill", {{"k0", tf.k0}, {"se_k0", Num(tf.se_k0)}, {"side", tf.side}, {"estimate", Num(tf.fit.estimate)},
                          {"ci_lb", Num(tf.fit.estimate_ci_lb)}, {"ci_ub", Num(tf.fit.estimate_ci_ub)},
                          {"tau2", Num(tf.fit.tau2)}, {"prop", Num(adj_prop)}, {"filled_yi", tf.filled_yi}}}};
  if (format != Format::kTable) {
    out << DumpJson(j) << "\n";
    return;
  }
  out << "Small-study effects: " << input.description << "\n\n"
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
  if (input.counts) out << (input.two_arm ? "; back-transformed: " : "; as a proportion: ") << F(adj_prop);
  out << "\n";
}

}  // namespace carta::cli
