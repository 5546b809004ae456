#include "carta/core/text.h"
#include "carta/api/survival_text.h"

#include <cmath>
#include <ostream>

#include "carta/api/survival.h"

namespace carta::api {

namespace {

using json = api::Json;

std::string F(double v, int d = 3) { return text::Fixed(v, d); }

// "NR" for a time not reached, else the number.
std::string T(double v, int d = 2) { return std::isfinite(v) ? F(v, d) : "NR"; }
std::string P(double p) { return !std::isfinite(p) ? "NA" : p < 1e-4 ? "<0.0001" : F(p, 4); }
std::string Interval(double lo, double hi, int d = 3) { return "[" + F(lo, d) + ", " + F(hi, d) + "]"; }
std::string Label(const std::string& group) { return group.empty() ? "(all)" : group; }

void PrintKmTable(const survival::KmAnalysis& r, std::ostream& out) {
  const auto& o = r.options;
  out << "Kaplan-Meier (" << survival::ConfTypeName(o.conf_type) << " intervals, " << F(o.level * 100, 0)
      << "%; median interval by Brookmeyer-Crowley, as R's print.survfit)\n\n";
  Listing l({{"group", "Group"}, {"n", "n"}, {"events", "Events"}, {"median", "Median"}, {"ci", "CI"}});
  for (const auto& g : r.groups) {
    const auto& m = g.median;
    l.Add({Label(g.group), g.curve.n, g.curve.events, T(m.time), "[" + T(m.lower) + ", " + T(m.upper) + "]"});
  }
  Print(l, Format::kTable, out);
  if (!r.at.empty()) {
    out << "\nSurvival at landmarks:\n";
    Listing s({{"group", "Group"}, {"time", "Time"}, {"n_risk", "At risk"}, {"surv", "Survival"}, {"se", "SE"}, {"ci", "CI"}});
    for (const auto& g : r.groups) {
      for (size_t k = 0; k < r.at.size(); ++k) {
        const auto& e = g.at[k];
        s.Add({Label(g.group), F(r.at[k], 2), e.n_risk, e.within_followup ? F(e.surv) : "beyond follow-up", F(e.se_surv),
               Interval(e.lower, e.upper)});
      }
    }
    Print(s, Format::kTable, out);
  }
  if (r.rmst_horizon > 0) {
    out << "\nRestricted mean survival time to " << F(r.rmst_horizon, 2) << ":\n";
    Listing s({{"group", "Group"}, {"rmst", "RMST"}, {"se", "SE"}, {"ci", "CI"}});
    for (const auto& g : r.groups) {
      const auto& rm = g.rmst;
      s.Add({Label(g.group), F(rm->rmst), F(rm->se), Interval(rm->lower, rm->upper)});
    }
    Print(s, Format::kTable, out);
  }
}

void PrintTestsTable(const survival::KmAnalysis& r, std::ostream& out) {
  if (r.logrank) {
    out << "\nLog-rank test: chi-squared = " << F(r.logrank->chisq) << " on " << r.logrank->df
        << " df, p = " << P(r.logrank->pval) << "\n";
  }
  if (r.cox) {
    const auto& c = *r.cox;
    out << "\nCox model (Efron ties), reference group '" << c.reference << "':\n";
    Listing t({{"group", "Group"}, {"hr", "HR"}, {"ci", "CI"}, {"coef", "coef"}, {"se", "se"}, {"z", "z"}, {"p", "p"}});
    for (size_t i = 0; i < c.terms.size(); ++i) {
      t.Add({c.terms[i], F(c.hr[i]), Interval(c.hr_lb[i], c.hr_ub[i]), F(c.coef[i], 4), F(c.se[i], 4), F(c.z[i]), P(c.pval[i])});
    }
    Print(t, Format::kTable, out);
    out << "Likelihood ratio test = " << F(c.lr) << ", Wald = " << F(c.wald) << ", Score (log-rank) = " << F(c.score)
        << " on " << c.df << " df; p = " << P(c.lr_pval) << ", " << P(c.wald_pval) << ", " << P(c.score_pval) << "\n";
  }
  if (!r.cox_note.empty()) out << "\nNo Cox model: " << r.cox_note << "\n";
}

}  // namespace

void PrintKm(const survival::KmAnalysis& r, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << api::Dump(api::ToJson(r)) << "\n";
    return;
  }
  if (format == Format::kCsv) return Print(api::KmStepsListing(r), format, out);
  PrintKmTable(r, out);
  PrintTestsTable(r, out);
  for (const auto& w : r.warnings) out << "\nwarning: " << w << "\n";
}

void PrintPool(const survival::LandmarkPool& pool, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << api::Dump(api::ToJson(pool)) << "\n";
    return;
  }
  const auto& q = pool.query;
  Listing l({{"cohort", "Cohort"}, {"n", "n"}, {"kind", "Kind"}, {"surv", "S(" + std::to_string(q.landmark_months) + ")"},
             {"weight", "Weight"}, {"basis", "From", 40}, {"source", "Source", 22}});
  for (const auto& s : pool.studies) {
    const std::string value = s.reported ? F(s.surv_lower) : "in " + Interval(s.surv_lower, s.surv_upper, 2);
    if (format == Format::kCsv) {
      l.Add({s.cohort, s.n, s.reported ? "reported" : "bounded", s.reported ? json(s.surv_lower) : json(value),
             s.weight, s.basis, s.source});
    } else {
      const std::string weight = s.reported && pool.fit ? F(s.weight, 1) + "%" : "";
      l.Add({s.cohort, s.n, s.reported ? "reported" : "bounded", value, weight, s.basis, s.source});
    }
  }
  if (format == Format::kCsv) return Print(l, format, out);
  const std::string level = F(q.fit.level * 100, 0) + "%";
  out << "Pooled " << q.endpoint << " at " << q.landmark_months << " months: " << pool.description << "; "
      << survival::PoolScaleName(q.scale) << " scale\n\n";
  if (pool.fit) {
    out << "Cohorts reporting it (random effects, " << meta::MethodName(q.fit.method) << ", k = " << pool.fit->k
        << "): " << F(pool.surv) << " (" << level << " CI " << F(pool.surv_lb) << " to " << F(pool.surv_ub)
        << "; prediction interval " << F(pool.surv_pi_lb) << " to " << F(pool.surv_pi_ub) << "); tau^2 = "
        << F(pool.fit->tau2, 4) << ", I^2 = " << F(pool.fit->I2, 1) << "%\n";
  } else {
    out << "Fewer than two cohorts report it: no random-effects model of reported values.\n";
  }
  if (pool.censored) {
    const auto& c = *pool.censored;
    out << "With the cohorts that bound it (censored likelihood, ML; " << c.k_reported << " reported, " << c.k_bounded
        << " bounded): " << F(c.surv) << " (" << level << " CI " << F(c.surv_lb) << " to " << F(c.surv_ub)
        << "); tau^2 = " << F(c.tau2, 4) << "\n";
  }
  out << "\n";
  Print(l, Format::kTable, out);
  for (const auto& [cohort, why] : pool.excluded) out << "not used: " << cohort << " (" << why << ")\n";
  for (const auto& s : pool.set_aside) out << "set aside: " << s.cohort << " (" << s.reason << ")\n";
}

}  // namespace carta::api
