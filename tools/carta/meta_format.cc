#include "meta_format.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "carta/core/text.h"

namespace carta::cli {

namespace {

using json = api::Json;

json Num(double v) { return JsonNumber(v); }
std::string F(double v, int d = 4) { return Fixed(v, d); }

// metafor's p-value style: "<.0001" below 1e-4, else four decimals.
std::string P(double p) { return PValue(p); }
std::string PEq(double p) { return p < 1e-4 ? "< .0001" : "= " + F(p, 4); }

std::string Stars(double p) { return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : ""; }

const char* MeasureWords(meta::Measure m) {
  switch (m) {
    case meta::Measure::kPR: return "raw proportion";
    case meta::Measure::kPLN: return "log proportion";
    case meta::Measure::kPLO: return "logit proportion";
    case meta::Measure::kPAS: return "arcsine square-root proportion";
    case meta::Measure::kPFT: return "Freeman-Tukey double arcsine proportion";
    case meta::Measure::kRR: return "log risk ratio";
    case meta::Measure::kOR: return "log odds ratio";
    case meta::Measure::kRD: return "risk difference";
    case meta::Measure::kGeneric: return "effect sizes as given";
  }
  return "";
}

json FitJson(const meta::FitResult& f, const meta::Proportions* p) {
  json j = {{"k", f.k},
            {"estimate", Num(f.estimate)},
            {"se", Num(f.estimate_se)},
            {f.knha ? "tval" : "zval", Num(f.estimate_zval)},
            {"pval", Num(f.estimate_pval)},
            {"ci_lb", Num(f.estimate_ci_lb)},
            {"ci_ub", Num(f.estimate_ci_ub)},
            {"tau2", Num(f.tau2)},
            {"tau2_ci_lb", Num(f.tau2_ci_lb)},
            {"tau2_ci_ub", Num(f.tau2_ci_ub)},
            {"I2", Num(f.I2)},
            {"H2", Num(f.H2)},
            {"Q", Num(f.Q)},
            {"Q_df", f.Q_df},
            {"Q_pval", Num(f.Q_pval)},
            {"pi_lb", Num(f.pi_lb)},
            {"pi_ub", Num(f.pi_ub)}};
  if (f.knha) j["df"] = f.df;
  if (p) {
    j["prop"] = Num(p->prop);
    j["prop_ci_lb"] = Num(p->ci_lb);
    j["prop_ci_ub"] = Num(p->ci_ub);
    j["prop_pi_lb"] = Num(p->pi_lb);
    j["prop_pi_ub"] = Num(p->pi_ub);
  }
  return j;
}

std::string Conventions(const meta::FitOptions& o, meta::Convention c = meta::Convention::kMetafor) {
  if (c == meta::Convention::kMeta) {
    return std::string("R meta conventions: ") + meta::MethodName(o.method) +
           ", I² and H² from Cochran's Q, prediction interval with t(k-1), Clopper-Pearson study CIs "
           "(as R's meta package; pass --convention metafor for metafor's)";
  }
  if (o.method == meta::Method::kGLMM) {
    return "binomial-normal model (metafor's rma.glmm, measure PLO): ML with 7-point adaptive Gauss-Hermite "
           "quadrature, z-tests, profile-likelihood CI for τ², likelihood-ratio test of heterogeneity";
  }
  return std::string("metafor conventions: ") + meta::MethodName(o.method) + " estimator, " +
         (o.knha ? "Hartung-Knapp t-tests" : "z-tests") + ", I² from τ², Q-profile CI for τ²";
}

void PrintSummary(const meta::FitResult& f, std::ostream& out) {
  const bool re = f.method != meta::Method::kEE;
  out << (re ? "Random-Effects Model" : "Equal-Effects Model") << " (k = " << f.k;
  if (re) out << "; tau^2 estimator: " << meta::MethodName(f.method);
  out << ")\n\n";
  if (re) {
    out << "tau^2 (estimated amount of total heterogeneity): " << F(f.tau2)
        << (std::isfinite(f.se_tau2) ? " (SE = " + F(f.se_tau2) + ")" : "") << "\n"
        << "tau (square root of estimated tau^2 value):      " << F(std::sqrt(f.tau2)) << "\n";
  }
  out << "I^2 (total heterogeneity / total variability):   " << F(f.I2, 2) << "%\n"
      << "H^2 (total variability / sampling variability):  " << F(f.H2, 2) << "\n";
  if (re) {
    if (f.method == meta::Method::kGLMM) {
      out << "95% CI for tau^2 (profile likelihood): " << F(f.tau2_ci_lb) << " to " << F(f.tau2_ci_ub) << "\n";
    } else {
      out << "95% CI for tau^2 (Q-profile): " << F(f.tau2_ci_lb) << " to " << F(f.tau2_ci_ub) << "; I^2: "
          << F(f.I2_ci_lb, 2) << "% to " << F(f.I2_ci_ub, 2) << "%\n";
    }
  }
  out << "\nTest for Heterogeneity:\n" << (f.method == meta::Method::kGLMM ? "LRT" : "Q") << "(df = " << f.Q_df
      << ") = " << F(f.Q) << ", p-val " << PEq(f.Q_pval) << "\n\n";
  out << "Model Results:\n\n";
  const char* stat = f.knha ? "tval" : "zval";
  char line[256];
  std::snprintf(line, sizeof line, "%9s %8s %8s %8s %8s %8s\n", "estimate", "se", stat, "pval", "ci.lb", "ci.ub");
  out << line;
  std::snprintf(line, sizeof line, "%9s %8s %8s %8s %8s %8s  %s\n", F(f.estimate).c_str(), F(f.estimate_se).c_str(),
                F(f.estimate_zval).c_str(), P(f.estimate_pval).c_str(), F(f.estimate_ci_lb).c_str(),
                F(f.estimate_ci_ub).c_str(), Stars(f.estimate_pval).c_str());
  out << line;
  if (f.knha) out << "(t-tests with df = " << f.df << ")\n";
}

json RegressionJson(const meta::FitResult& r) {
  json coefs = json::array();
  for (size_t c = 0; c < r.beta.size(); ++c) {
    coefs.push_back({{"name", r.names[c]}, {"estimate", Num(r.beta[c])}, {"se", Num(r.se[c])},
                     {r.knha ? "tval" : "zval", Num(r.zval[c])}, {"pval", Num(r.pval[c])}, {"ci_lb", Num(r.ci_lb[c])},
                     {"ci_ub", Num(r.ci_ub[c])}});
  }
  return {{"coefficients", coefs}, {"tau2", Num(r.tau2)}, {"I2", Num(r.I2)}, {"R2", Num(r.R2)}, {"QM", Num(r.QM)},
          {"QM_df", r.QM_df}, {"QM_pval", Num(r.QM_pval)}, {"QE", Num(r.Q)}, {"QE_df", r.Q_df}, {"QE_pval", Num(r.Q_pval)}};
}

void PrintRegression(const meta::FitResult& r, std::ostream& out) {
  out << "\nMixed-Effects Model (k = " << r.k << "; tau^2 estimator: " << meta::MethodName(r.method) << ")\n\n"
      << "tau^2 (estimated amount of residual heterogeneity):     " << F(r.tau2) << "\n"
      << "I^2 (residual heterogeneity / unaccounted variability): " << F(r.I2, 2) << "%\n"
      << "R^2 (amount of heterogeneity accounted for):            " << F(r.R2, 2) << "%\n\n"
      << "Test for Residual Heterogeneity:\nQE(df = " << r.Q_df << ") = " << F(r.Q) << ", p-val " << PEq(r.Q_pval) << "\n\n"
      << "Test of Moderators:\nQM(df = " << r.QM_df << ") = " << F(r.QM) << ", p-val " << PEq(r.QM_pval) << "\n\n";
  Listing l({{"name", ""}, {"estimate", "estimate"}, {"se", "se"}, {"z", r.knha ? "tval" : "zval"}, {"pval", "pval"},
             {"ci_lb", "ci.lb"}, {"ci_ub", "ci.ub"}, {"stars", ""}});
  for (size_t c = 0; c < r.beta.size(); ++c) {
    l.Add({r.names[c], F(r.beta[c]), F(r.se[c]), F(r.zval[c]), P(r.pval[c]), F(r.ci_lb[c]), F(r.ci_ub[c]), Stars(r.pval[c])});
  }
  Print(l, Format::kTable, out);
}

}  // namespace

void PrintAnalysis(const meta::AnalysisInput& input, const meta::Analysis& a, const std::string& outcome, Format format,
                   std::ostream& out) {
  const bool counts = input.counts;
  const meta::FitResult& f = a.fit;
  if (format == Format::kJson) {
    json j = FitJson(f, counts ? &a.pooled : nullptr);
    j["measure"] = meta::MeasureName(a.measure);
    j["method"] = meta::MethodName(f.method);
    j["knha"] = f.knha;
    j["level"] = a.options.level;
    j["conventions"] = Conventions(a.options, a.convention);
    if (!outcome.empty()) j["outcome"] = outcome;
    j["selection"] = input.description;
    json studies = json::array();
    for (const auto& s : a.studies) {
      json sj = {{"study", s.input.study}, {"yi", Num(s.yi)}, {"vi", Num(s.vi)}, {"weight", Num(s.weight)},
                 {"source", s.input.source}};
      if (counts) {
        sj["events"] = s.input.events;
        sj["n"] = s.input.n;
        sj["prop"] = Num(s.prop);
        sj["prop_ci_lb"] = Num(s.prop_ci_lb);
        sj["prop_ci_ub"] = Num(s.prop_ci_ub);
        sj["corrected"] = s.corrected;
      }
      if (!s.input.group.empty()) sj["group"] = s.input.group;
      if (!s.input.note.empty()) sj["note"] = s.input.note;
      studies.push_back(sj);
    }
    j["studies"] = studies;
    json excluded = json::array();
    for (const auto& [study, why] : input.excluded) excluded.push_back({{"study", study}, {"reason", why}});
    j["excluded"] = excluded;
    if (a.subgroups) {
      json subs = json::array();
      for (size_t i = 0; i < a.subgroups->separate.size(); ++i) {
        const auto& sf = a.subgroups->separate[i];
        json sj = FitJson(sf.fit, counts ? &a.subgroup_props[i] : nullptr);
        sj["group"] = sf.group;
        subs.push_back(sj);
      }
      j["subgroups"] = subs;
      j["test_between"] = {{"Q", Num(a.subgroups->Q_between)}, {"df", a.subgroups->Q_between_df},
                           {"pval", Num(a.subgroups->Q_between_pval)}};
      j["test_moderator_common_tau2"] = {{"QM", Num(a.subgroups->QM)}, {"df", a.subgroups->QM_df},
                                         {"pval", Num(a.subgroups->QM_pval)}, {"tau2", Num(a.subgroups->common.tau2)}};
    }
    if (a.regression) j["regression"] = RegressionJson(*a.regression);
    out << DumpJson(j) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    Listing l({{"study", "study"}, {"group", "group"}, {"events", "events"}, {"n", "n"}, {"yi", "yi"}, {"vi", "vi"},
               {"weight", "weight"}, {"prop", "prop"}, {"prop_ci_lb", "prop_ci_lb"}, {"prop_ci_ub", "prop_ci_ub"}});
    for (const auto& s : a.studies) {
      l.Add({s.input.study, s.input.group, counts ? json(s.input.events) : json(nullptr),
             counts ? json(s.input.n) : json(nullptr), Num(s.yi), Num(s.vi), Num(s.weight), Num(s.prop),
             Num(s.prop_ci_lb), Num(s.prop_ci_ub)});
    }
    l.Add({"pooled", "", nullptr, nullptr, Num(f.estimate), Num(f.estimate_se * f.estimate_se), 100.0, Num(a.pooled.prop),
           Num(a.pooled.ci_lb), Num(a.pooled.ci_ub)});
    Print(l, format, out);
    return;
  }
  out << "Selection: " << input.description << "\n";
  out << "Measure: " << meta::MeasureName(a.measure) << " (" << MeasureWords(a.measure) << "); "
      << Conventions(a.options, a.convention)
      << "\n\n";
  PrintSummary(f, out);
  if (counts) {
    const char* label = a.measure == meta::Measure::kRR   ? "Pooled risk ratio"
                        : a.measure == meta::Measure::kOR ? "Pooled odds ratio"
                        : a.measure == meta::Measure::kRD ? "Pooled risk difference"
                                                          : "Pooled proportion";
    out << "\n" << label << ": " << F(a.pooled.prop) << " (" << F(a.options.level * 100, 0) << "% CI " << F(a.pooled.ci_lb)
        << " to " << F(a.pooled.ci_ub) << "; prediction interval " << F(a.pooled.pi_lb) << " to " << F(a.pooled.pi_ub)
        << ")\n";
  }
  out << "\n";
  Listing l({{"study", "Study"}, {"group", "Group"}, {"data", counts ? "Events/n" : "yi (vi)"},
             {"prop", input.two_arm ? "Effect [95% CI]" : counts ? "Proportion [95% CI]" : "CI"}, {"weight", "Weight"}, {"source", "Source", 22}});
  for (const auto& s : a.studies) {
    std::string data = counts ? std::to_string(s.input.events) + "/" + std::to_string(s.input.n)
                              : F(s.yi) + " (" + F(s.vi) + ")";
    if (input.two_arm) data += " vs " + std::to_string(s.input.events2) + "/" + std::to_string(s.input.n2);
    if (s.corrected) data += " +0.5";
    std::string prop = counts ? F(s.prop, 3) + " [" + F(s.prop_ci_lb, 3) + ", " + F(s.prop_ci_ub, 3) + "]" : "";
    l.Add({s.input.study, s.input.group, data, prop, F(s.weight, 1) + "%", s.input.source});
  }
  Print(l, Format::kTable, out);
  for (const auto& [study, why] : input.excluded) out << "excluded: " << study << " (" << why << ")\n";
  if (a.subgroups) {
    out << "\nSubgroups (separate tau^2 per subgroup):\n";
    Listing g({{"group", "Group"}, {"k", "k"}, {"est", counts ? "Proportion [95% CI]" : "Estimate [95% CI]"},
               {"tau2", "tau^2"}, {"I2", "I^2"}});
    for (size_t i = 0; i < a.subgroups->separate.size(); ++i) {
      const auto& sf = a.subgroups->separate[i];
      const auto& pr = a.subgroup_props[i];
      std::string est = counts ? F(pr.prop, 3) + " [" + F(pr.ci_lb, 3) + ", " + F(pr.ci_ub, 3) + "]"
                               : F(sf.fit.estimate) + " [" + F(sf.fit.estimate_ci_lb) + ", " + F(sf.fit.estimate_ci_ub) + "]";
      g.Add({sf.group, sf.k, est, F(sf.fit.tau2), F(sf.fit.I2, 1) + "%"});
    }
    Print(g, Format::kTable, out);
    out << "Test for subgroup differences (separate tau^2): Q(df = " << a.subgroups->Q_between_df
        << ") = " << F(a.subgroups->Q_between) << ", p-val " << PEq(a.subgroups->Q_between_pval) << "\n";
    out << "Test of moderators (common tau^2 = " << F(a.subgroups->common.tau2) << "): QM(df = " << a.subgroups->QM_df
        << ") = " << F(a.subgroups->QM) << ", p-val " << PEq(a.subgroups->QM_pval) << "\n";
  }
  if (a.regression) PrintRegression(*a.regression, out);
}

void PrintLeaveOneOut(const meta::AnalysisInput& input, const std::vector<meta::LeaveOneOutRow>& rows,
                      meta::Measure measure, const meta::FitOptions& o, Format format, std::ostream& out) {
  const bool counts = input.counts;
  Listing l({{"omitted", "Omitted"}, {"estimate", "estimate"}, {"se", "se"}, {"pval", "pval"}, {"ci_lb", "ci.lb"},
             {"ci_ub", "ci.ub"}, {"Q", "Q"}, {"tau2", "tau2"}, {"I2", "I2"}, {"prop", "prop"}});
  for (const auto& r : rows) {
    if (format == Format::kTable) {
      l.Add({r.omitted, F(r.fit.estimate), F(r.fit.estimate_se), P(r.fit.estimate_pval), F(r.fit.estimate_ci_lb),
             F(r.fit.estimate_ci_ub), F(r.fit.Q), F(r.fit.tau2), F(r.fit.I2, 2), counts ? F(r.pooled.prop) : ""});
    } else {
      l.Add({r.omitted, Num(r.fit.estimate), Num(r.fit.estimate_se), Num(r.fit.estimate_pval), Num(r.fit.estimate_ci_lb),
             Num(r.fit.estimate_ci_ub), Num(r.fit.Q), Num(r.fit.tau2), Num(r.fit.I2), counts ? Num(r.pooled.prop) : json(nullptr)});
    }
  }
  if (format == Format::kTable) {
    out << "Leave-one-out: " << input.description << "; measure " << meta::MeasureName(measure) << "; "
        << Conventions(o) << "\n\n";
  }
  Print(l, format, out);
}

}  // namespace carta::cli
