#include "carta/api/meta_text.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "carta/api/meta.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

std::string F(double v, int d = 4) { return text::Fixed(v, d); }

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

// `tau2_interval`: how the τ² interval was computed ("Q-profile", "Jackson").
void PrintSummary(const meta::FitResult& f, double level, std::ostream& out, const std::string& tau2_interval) {
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
      out << CiLabel(level) << " for tau^2 (profile likelihood): " << F(f.tau2_ci_lb) << " to " << F(f.tau2_ci_ub) << "\n";
    } else {
      out << CiLabel(level) << " for tau^2 (" << tau2_interval << "): " << F(f.tau2_ci_lb) << " to " << F(f.tau2_ci_ub) << "; I^2: "
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

void PrintRegression(const meta::FitResult& r, std::ostream& out) {
  out << "\nMixed-Effects Model (k = " << r.k << "; tau^2 estimator: " << meta::MethodName(r.method) << ")\n\n"
      << "tau^2 (estimated amount of residual heterogeneity):     " << F(r.tau2) << "\n"
      << "I^2 (residual heterogeneity / unaccounted variability): " << F(r.I2, 2) << "%\n"
      << "R^2 (amount of heterogeneity accounted for):            " << F(r.R2, 2) << "%\n\n"
      << "Test for Residual Heterogeneity:\nQE(df = " << r.Q_df << ") = " << F(r.Q) << ", p-val " << PEq(r.Q_pval) << "\n\n"
      << "Test of Moderators:\n"
      << (r.knha ? "F(df1 = " + std::to_string(r.QM_df) + ", df2 = " + std::to_string(r.k - r.p) + ")"
                 : "QM(df = " + std::to_string(r.QM_df) + ")")
      << " = " << F(r.QM) << ", p-val " << PEq(r.QM_pval) << "\n\n";
  Listing l({{"name", ""}, {"estimate", "estimate"}, {"se", "se"}, {"z", r.knha ? "tval" : "zval"}, {"pval", "pval"},
             {"ci_lb", "ci.lb"}, {"ci_ub", "ci.ub"}, {"stars", ""}});
  for (size_t c = 0; c < r.beta.size(); ++c) {
    l.Add({r.names[c], F(r.beta[c]), F(r.se[c]), F(r.zval[c]), P(r.pval[c]), F(r.ci_lb[c]), F(r.ci_ub[c]), Stars(r.pval[c])});
  }
  Print(l, Format::kTable, out);
}

}  // namespace

std::string CiLabel(double level) { return text::Compact(level * 100, 2) + "% CI"; }

void PrintMeta(const meta::MetaResult& r, Format format, std::ostream& out) {
  using meta::AnalysisKind;
  const bool bias_or_gosh = r.analysis == AnalysisKind::kBias || r.analysis == AnalysisKind::kGosh;
  if (format == Format::kJson || (format == Format::kCsv && r.analysis == AnalysisKind::kBias)) {
    out << api::Dump(api::ToJson(r)) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    if (r.analysis == AnalysisKind::kGosh) {
      out << api::GoshCsv(*r.gosh);
    } else if (!bias_or_gosh) {
      Print(api::ToListing(r), Format::kCsv, out);
    }
    return;
  }
  switch (r.analysis) {
    case AnalysisKind::kPool: return PrintAnalysisText(r, out);
    case AnalysisKind::kLeaveOneOut: return PrintLeaveOneOutText(r, out);
    case AnalysisKind::kInfluence: return PrintInfluenceText(r, out);
    case AnalysisKind::kGosh: return PrintGoshText(r, out);
    case AnalysisKind::kPermutation: return PrintPermutationText(r, out);
    case AnalysisKind::kBias: return PrintBiasText(r, out);
    case AnalysisKind::kCumulative: return PrintCumulativeText(r, out);
    case AnalysisKind::kBaujat:
    case AnalysisKind::kRadial: return PrintDiagnosticPlotText(r, out);
  }
}

// The τ² interval's method: Jackson's (2013) under R meta's convention with
// DL (unless a departure says it could not be computed), else the Q-profile.
std::string Tau2IntervalName(const meta::Analysis& a) {
  if (a.convention != meta::Convention::kMeta || a.fit.method != meta::Method::kDL) return "Q-profile";
  for (const auto& d : a.departures) {
    const bool whole_model = d.what.rfind("subgroup ", 0) != 0;
    if (whole_model && d.what.find("Jackson") != std::string::npos) return "Q-profile";
  }
  return "Jackson";
}

void PrintAnalysisText(const meta::MetaResult& r, std::ostream& out) {
  const meta::AnalysisInput& input = r.input;
  const meta::Analysis& a = *r.pool;
  const bool counts = input.counts;
  const meta::FitResult& f = a.fit;
  const std::string ci = CiLabel(a.options.level);
  out << "Selection: " << input.description << "\n";
  out << "Measure: " << meta::MeasureName(a.measure) << " (" << MeasureWords(a.measure) << "); "
      << meta::DescribeConventions(a.options, a.convention) << "\n\n";
  PrintSummary(f, a.options.level, out, Tau2IntervalName(a));
  if (counts) {
    const char* label = a.measure == meta::Measure::kRR   ? "Pooled risk ratio"
                        : a.measure == meta::Measure::kOR ? "Pooled odds ratio"
                        : a.measure == meta::Measure::kRD ? "Pooled risk difference"
                                                          : "Pooled proportion";
    out << "\n" << label << ": " << F(a.pooled.prop) << " (" << ci << " " << F(a.pooled.ci_lb) << " to "
        << F(a.pooled.ci_ub) << "; prediction interval " << F(a.pooled.pi_lb) << " to " << F(a.pooled.pi_ub) << ")\n";
  }
  out << "\n";
  Listing l({{"study", "Study"}, {"group", "Group"}, {"data", counts ? "Events/n" : "yi (vi)"},
             {"prop", input.two_arm ? "Effect [" + ci + "]" : counts ? "Proportion [" + ci + "]" : "CI"},
             {"weight", "Weight"}, {"source", "Source", 22}});
  for (const auto& s : a.studies) {
    std::string data = counts ? std::to_string(s.input.events) + "/" + std::to_string(s.input.n)
                              : F(s.yi) + " (" + F(s.vi) + ")";
    if (input.two_arm) data += " vs " + std::to_string(s.input.events2) + "/" + std::to_string(s.input.n2);
    if (s.corrected) data += " +" + text::Compact(s.added, 4);
    std::string prop = counts ? F(s.prop, 3) + " [" + F(s.prop_ci_lb, 3) + ", " + F(s.prop_ci_ub, 3) + "]" : "";
    l.Add({s.input.study, s.input.group, data, prop, F(s.weight, 1) + "%", s.input.source});
  }
  Print(l, Format::kTable, out);
  for (const auto& [study, why] : input.excluded) out << "excluded: " << study << " (" << why << ")\n";
  for (const auto& s : input.set_aside) out << "set aside: " << s.cohort << " (" << s.reason << ")\n";
  if (a.subgroups) {
    out << "\nSubgroups (separate tau^2 per subgroup):\n";
    Listing g({{"group", "Group"}, {"k", "k"}, {"est", (counts ? "Proportion [" : "Estimate [") + ci + "]"},
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

void PrintDiagnosticPlotText(const meta::MetaResult& r, std::ostream& out) {
  const Listing all = api::ToListing(r);
  Listing l(all.columns());
  if (r.analysis == meta::AnalysisKind::kBaujat) {
    for (const auto& p : r.baujat) l.Add({p.study, F(p.x), F(p.y)});
    out << "Baujat plot: " << r.input.description << "; measure " << meta::MeasureName(r.measure) << "; "
        << meta::DescribeConventions(r.options) << "\n\n";
  } else {
    const meta::RadialPlot& p = *r.radial;
    for (size_t i = 0; i < p.study.size(); ++i) l.Add({p.study[i], F(p.x[i]), F(p.y[i]), F(p.yi[i])});
    out << "Radial plot: " << r.input.description << "; measure " << meta::MeasureName(r.measure) << "; slope (estimate) "
        << F(p.estimate) << " [" << F(p.ci_lb) << ", " << F(p.ci_ub) << "], tau^2 " << F(p.tau2) << "\n\n";
  }
  Print(l, Format::kTable, out);
}

void PrintCumulativeText(const meta::MetaResult& r, std::ostream& out) {
  const bool counts = r.input.counts;
  Listing l({{"study", "Added"}, {"order", r.order.empty() ? "Order" : r.order}, {"k", "k"}, {"estimate", "estimate"},
             {"se", "se"}, {"pval", "pval"}, {"ci", CiLabel(r.options.level)}, {"Q", "Q"}, {"tau2", "tau2"},
             {"I2", "I2"}, {"prop", counts ? "Proportion [" + CiLabel(r.options.level) + "]" : ""}});
  for (const auto& row : r.cumulative) {
    const meta::FitResult& f = row.fit;
    const std::string prop = counts ? F(row.pooled.prop, 3) + " [" + F(row.pooled.ci_lb, 3) + ", " + F(row.pooled.ci_ub, 3) + "]" : "";
    l.Add({row.study, row.order, f.k, F(f.estimate), F(f.estimate_se), P(f.estimate_pval),
           "[" + F(f.estimate_ci_lb) + ", " + F(f.estimate_ci_ub) + "]", F(f.Q), F(f.tau2), F(f.I2, 2), prop});
  }
  out << "Cumulative meta-analysis: " << r.input.description << "; "
      << (r.order.empty() ? std::string("in input order") : "ordered by " + r.order) << "; measure "
      << meta::MeasureName(r.measure) << "; " << meta::DescribeConventions(r.options) << "\n\n";
  Print(l, Format::kTable, out);
}

void PrintLeaveOneOutText(const meta::MetaResult& r, std::ostream& out) {
  Listing l(api::ToListing(r).columns());
  for (const auto& row : r.leave_one_out) {
    const meta::FitResult& f = row.fit;
    l.Add({row.omitted, F(f.estimate), F(f.estimate_se), P(f.estimate_pval), F(f.estimate_ci_lb), F(f.estimate_ci_ub),
           F(f.Q), F(f.tau2), F(f.I2, 2), r.input.counts ? F(row.pooled.prop) : ""});
  }
  out << "Leave-one-out: " << r.input.description << "; measure " << meta::MeasureName(r.measure) << "; "
      << meta::DescribeConventions(r.options) << "\n\n";
  Print(l, Format::kTable, out);
}

}  // namespace carta::api
