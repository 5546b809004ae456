// The text table of the multilevel model (print.rma.mv's layout); its JSON
// and CSV are meta_json.cc's ToJson and ToListing.
#include <cmath>
#include <cstdio>
#include <ostream>

#include "carta/api/meta.h"
#include "carta/api/meta_text.h"
#include "carta/api/text.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

std::string F4(double v) { return text::Fixed(v, 4); }

void PrintComponents(const meta::MultilevelFit& f, std::ostream& out) {
  Listing l({{"name", ""}, {"estim", "estim"}, {"sqrt", "sqrt"}, {"nlvls", "nlvls"}, {"factor", "factor"},
             {"ci", CiLabel(f.level) + " (profile)"}, {"I2", "I^2"}});
  for (size_t j = 0; j < f.components.size(); ++j) {
    const meta::VarianceComponent& c = f.components[j];
    const std::string ci = std::isfinite(c.ci_lb) ? F4(c.ci_lb) + " to " + (c.ci_ub_censored ? "> " : "") + F4(c.ci_ub)
                                                  : "";
    l.Add({"sigma^2." + std::to_string(j + 1), F4(c.sigma2), F4(std::sqrt(c.sigma2)), c.groups, c.name, ci,
           text::Fixed(c.I2, 2) + "%"});
  }
  Print(l, Format::kTable, out);
}

void PrintCoefficients(const meta::MultilevelFit& f, std::ostream& out) {
  Listing l({{"name", ""}, {"estimate", "estimate"}, {"se", "se"}, {"stat", f.t_test ? "tval" : "zval"},
             {"pval", "pval"}, {"ci_lb", "ci.lb"}, {"ci_ub", "ci.ub"}});
  for (int c = 0; c < f.p; ++c) {
    l.Add({f.names[c], F4(f.beta[c]), F4(f.se[c]), F4(f.zval[c]), PValue(f.pval[c]), F4(f.ci_lb[c]), F4(f.ci_ub[c])});
  }
  Print(l, Format::kTable, out);
  if (f.t_test) out << "(t-tests with df = " << f.df << ")\n";
}

}  // namespace

void PrintMultilevel(const meta::MultilevelResult& r, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << Dump(ToJson(r)) << "\n";
    return;
  }
  if (format == Format::kCsv) return Print(ToListing(r), Format::kCsv, out);
  const meta::MultilevelFit& f = r.fit;
  auto p_eq = [](double p) { return p < 1e-4 ? std::string("< .0001") : "= " + F4(p); };
  out << "Selection: " << r.input.description << "\n"
      << "Model: " << r.note << "\n"
      << "Measure: " << meta::MeasureName(r.measure) << "; " << MultilevelConventions(f) << "\n\n"
      << "Multilevel Random-Effects Model (k = " << f.k << "; method: " << meta::MethodName(f.method) << ")\n\n";
  char line[160];
  std::snprintf(line, sizeof line, "%10s %10s %10s %10s %10s\n%10s %10s %10s %10s %10s\n", "logLik", "deviance", "AIC",
                "BIC", "AICc", F4(f.logLik).c_str(), F4(f.deviance).c_str(), F4(f.AIC).c_str(), F4(f.BIC).c_str(),
                F4(f.AICc).c_str());
  out << line << "\nVariance Components:\n\n";
  PrintComponents(f, out);
  out << "\nI^2 (total heterogeneity / total variability): " << text::Fixed(f.I2, 2) << "%\n\n"
      << "Test for " << (f.p > 1 ? "Residual " : "") << "Heterogeneity:\nQE(df = " << f.QE_df << ") = " << F4(f.QE)
      << ", p-val " << p_eq(f.QE_pval) << "\n\n";
  if (f.p > 1) {
    out << "Test of Moderators (coefficients 2:" << f.p << "):\n"
        << (f.t_test ? "F(df1 = " + std::to_string(f.QM_df) + ", df2 = " + std::to_string(f.df) + ")"
                     : "QM(df = " + std::to_string(f.QM_df) + ")")
        << " = " << F4(f.QM) << ", p-val " << p_eq(f.QM_pval) << "\n\n";
  }
  out << "Model Results:\n\n";
  PrintCoefficients(f, out);
  if (f.p == 1) {
    out << "\nPrediction interval: " << F4(f.pi_lb) << " to " << F4(f.pi_ub) << "\n";
    if (r.input.counts) {
      out << "Pooled " << (r.input.two_arm ? "effect" : "proportion") << ": " << F4(r.pooled.prop) << " ("
          << CiLabel(f.level) << " " << F4(r.pooled.ci_lb) << " to " << F4(r.pooled.ci_ub) << "; prediction interval "
          << F4(r.pooled.pi_lb) << " to " << F4(r.pooled.pi_ub) << ")\n";
    }
  }
}

}  // namespace carta::api
