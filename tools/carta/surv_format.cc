#include "surv_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace carta::cli {

namespace {

using json = api::Json;

json Num(double v) { return JsonNumber(v); }

std::string F(double v, int d = 3) { return Fixed(v, d); }

// "NR" for a time not reached, else the number.
std::string T(double v, int d = 2) { return std::isfinite(v) ? F(v, d) : "NR"; }
std::string P(double p) { return !std::isfinite(p) ? "NA" : p < 1e-4 ? "<0.0001" : F(p, 4); }
std::string Interval(double lo, double hi, int d = 3) { return "[" + F(lo, d) + ", " + F(hi, d) + "]"; }
std::string Label(const std::string& group) { return group.empty() ? "(all)" : group; }

json KmGroupJson(const std::string& group, const survival::KaplanMeier& km, const KmReport& r) {
  const survival::QuantileEstimate m = survival::Median(km);
  json g = {{"group", group}, {"n", km.n}, {"events", km.events}, {"median", Num(m.time)},
            {"median_ci_lb", Num(m.lower)}, {"median_ci_ub", Num(m.upper)}};
  json at = json::array();
  for (double t : r.at_times) {
    const survival::SurvivalEstimate e = survival::SurvivalAt(km, t);
    at.push_back({{"time", t}, {"n_risk", e.n_risk}, {"surv", Num(e.surv)}, {"se", Num(e.se_surv)},
                  {"lower", Num(e.lower)}, {"upper", Num(e.upper)}, {"within_followup", e.within_followup}});
  }
  g["survival_at"] = at;
  if (r.rmst_horizon > 0) {
    auto rm = survival::Rmst(km, r.rmst_horizon);
    g["rmst"] = {{"horizon", rm->horizon}, {"rmst", rm->rmst}, {"se", rm->se}, {"lower", rm->lower}, {"upper", rm->upper}};
  }
  if (r.steps) {
    json steps = json::array();
    for (const auto& s : km.steps) {
      steps.push_back({{"time", s.time}, {"n_risk", s.n_risk}, {"n_event", s.n_event}, {"n_censor", s.n_censor},
                       {"surv", s.surv}, {"std_err", Num(s.se_log_surv)}, {"lower", Num(s.lower)}, {"upper", Num(s.upper)}});
    }
    g["steps"] = steps;
  }
  return g;
}

}  // namespace

api::Json CoxJson(const survival::CoxResult& c) {
  json terms = json::array();
  for (size_t i = 0; i < c.terms.size(); ++i) {
    terms.push_back({{"group", c.terms[i]}, {"coef", c.coef[i]}, {"se", c.se[i]}, {"hr", c.hr[i]},
                     {"hr_ci_lb", c.hr_lb[i]}, {"hr_ci_ub", c.hr_ub[i]}, {"z", c.z[i]}, {"pval", c.pval[i]}});
  }
  return {{"reference", c.reference}, {"ties", "efron"}, {"terms", terms}, {"n", c.n}, {"events", c.events},
          {"loglik_null", c.loglik_null}, {"loglik", c.loglik}, {"lr", c.lr}, {"lr_pval", c.lr_pval},
          {"wald", c.wald}, {"wald_pval", c.wald_pval}, {"score", c.score}, {"score_pval", c.score_pval},
          {"df", c.df}};
}

namespace {

json TestsJson(const KmReport& r) {
  json j = json::object();
  if (r.logrank) {
    const auto& l = *r.logrank;
    json groups = json::array();
    for (size_t i = 0; i < l.groups.size(); ++i) {
      groups.push_back({{"group", l.groups[i]}, {"n", l.n[i]}, {"observed", l.observed[i]}, {"expected", l.expected[i]}});
    }
    j["logrank"] = {{"chisq", l.chisq}, {"df", l.df}, {"pval", l.pval}, {"groups", groups}};
  }
  if (r.cox) j["cox"] = CoxJson(*r.cox);
  if (!r.cox_note.empty()) j["cox_note"] = r.cox_note;
  return j;
}

void PrintKmTable(const KmReport& r, std::ostream& out) {
  const auto& o = r.curves.front().options;
  out << "Kaplan-Meier (" << survival::ConfTypeName(o.conf_type) << " intervals, " << F(o.level * 100, 0)
      << "%; median interval by Brookmeyer-Crowley, as R's print.survfit)\n\n";
  Listing l({{"group", "Group"}, {"n", "n"}, {"events", "Events"}, {"median", "Median"}, {"ci", "CI"}});
  for (size_t i = 0; i < r.groups.size(); ++i) {
    const auto m = survival::Median(r.curves[i]);
    l.Add({Label(r.groups[i]), r.curves[i].n, r.curves[i].events, T(m.time), "[" + T(m.lower) + ", " + T(m.upper) + "]"});
  }
  Print(l, Format::kTable, out);
  if (!r.at_times.empty()) {
    out << "\nSurvival at landmarks:\n";
    Listing s({{"group", "Group"}, {"time", "Time"}, {"n_risk", "At risk"}, {"surv", "Survival"}, {"se", "SE"}, {"ci", "CI"}});
    for (size_t i = 0; i < r.groups.size(); ++i) {
      for (double t : r.at_times) {
        const auto e = survival::SurvivalAt(r.curves[i], t);
        s.Add({Label(r.groups[i]), F(t, 2), e.n_risk, e.within_followup ? F(e.surv) : "beyond follow-up", F(e.se_surv),
               Interval(e.lower, e.upper)});
      }
    }
    Print(s, Format::kTable, out);
  }
  if (r.rmst_horizon > 0) {
    out << "\nRestricted mean survival time to " << F(r.rmst_horizon, 2) << ":\n";
    Listing s({{"group", "Group"}, {"rmst", "RMST"}, {"se", "SE"}, {"ci", "CI"}});
    for (size_t i = 0; i < r.groups.size(); ++i) {
      auto rm = survival::Rmst(r.curves[i], r.rmst_horizon);
      s.Add({Label(r.groups[i]), F(rm->rmst), F(rm->se), Interval(rm->lower, rm->upper)});
    }
    Print(s, Format::kTable, out);
  }
}

void PrintTestsTable(const KmReport& r, std::ostream& out) {
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

void PrintKm(const KmReport& r, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    const auto& o = r.curves.front().options;
    json j = {{"conf_type", survival::ConfTypeName(o.conf_type)}, {"level", o.level}};
    json groups = json::array();
    for (size_t i = 0; i < r.groups.size(); ++i) groups.push_back(KmGroupJson(r.groups[i], r.curves[i], r));
    j["groups"] = groups;
    j.update(TestsJson(r));
    out << DumpJson(j) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    Listing l({{"group", ""}, {"time", ""}, {"n_risk", ""}, {"n_event", ""}, {"n_censor", ""}, {"surv", ""},
               {"std_err", ""}, {"lower", ""}, {"upper", ""}});
    for (size_t i = 0; i < r.groups.size(); ++i) {
      for (const auto& s : r.curves[i].steps) {
        l.Add({r.groups[i], s.time, s.n_risk, s.n_event, s.n_censor, s.surv, Num(s.se_log_surv), Num(s.lower), Num(s.upper)});
      }
    }
    Print(l, format, out);
    return;
  }
  PrintKmTable(r, out);
  PrintTestsTable(r, out);
}

namespace {

json PoolStudiesJson(const survival::LandmarkPool& pool) {
  json studies = json::array();
  for (const auto& s : pool.studies) {
    studies.push_back({{"cohort", s.cohort}, {"n", s.n}, {"kind", s.reported ? "reported" : "bounded"},
                       {"surv", s.reported ? json(s.surv_lower) : json(nullptr)}, {"surv_lower", s.surv_lower},
                       {"surv_upper", s.surv_upper}, {"yi", Num(s.yi)}, {"vi", Num(s.vi)}, {"weight", s.weight},
                       {"basis", s.basis}, {"source", s.source}, {"note", s.note}});
  }
  return studies;
}

json PoolJson(const survival::LandmarkPool& pool) {
  const auto& q = pool.query;
  json j = {{"endpoint", q.endpoint}, {"landmark_months", q.landmark_months}, {"scale", survival::PoolScaleName(q.scale)},
            {"selection", pool.description}, {"method", meta::MethodName(q.fit.method)}, {"knha", q.fit.knha},
            {"level", q.fit.level}, {"surv", Num(pool.surv)}, {"surv_ci_lb", Num(pool.surv_lb)},
            {"surv_ci_ub", Num(pool.surv_ub)}, {"surv_pi_lb", Num(pool.surv_pi_lb)}, {"surv_pi_ub", Num(pool.surv_pi_ub)}};
  if (pool.fit) {
    const auto& f = *pool.fit;
    j.update({{"k_reported", f.k}, {"estimate", f.estimate}, {"se", f.estimate_se}, {"tau2", f.tau2}, {"I2", Num(f.I2)},
              {"Q", f.Q}, {"Q_df", f.Q_df}, {"Q_pval", Num(f.Q_pval)}});
  } else {
    j.update({{"k_reported", nullptr}, {"estimate", nullptr}, {"se", nullptr}, {"tau2", nullptr}, {"I2", nullptr},
              {"Q", nullptr}, {"Q_df", nullptr}, {"Q_pval", nullptr}});
  }
  if (pool.censored) {
    const auto& c = *pool.censored;
    j["censored"] = {{"k_reported", c.k_reported}, {"k_bounded", c.k_bounded}, {"surv", c.surv},
                     {"surv_ci_lb", c.surv_lb}, {"surv_ci_ub", c.surv_ub}, {"mu", c.mu}, {"se_mu", c.se_mu},
                     {"tau2", c.tau2}, {"loglik", c.loglik}};
  } else {
    j["censored"] = nullptr;
  }
  j["studies"] = PoolStudiesJson(pool);
  json excluded = json::array();
  for (const auto& [cohort, why] : pool.excluded) excluded.push_back({{"cohort", cohort}, {"reason", why}});
  j["excluded"] = excluded;
  return j;
}

}  // namespace

void PrintPool(const survival::LandmarkPool& pool, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << DumpJson(PoolJson(pool)) << "\n";
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
}

}  // namespace carta::cli
