#include "carta/meta/analysis.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <map>
#include <set>

#include "carta/core/binomial.h"
#include "carta/core/csv.h"
#include "carta/core/text.h"
#include "carta/evidence/filter.h"
#include "carta/evidence/generation.h"
#include "carta/meta/glmm.h"
#include "genq.h"

namespace carta::meta {

namespace {

using evidence::Cohort;
using evidence::CohortValue;
using evidence::Rate;

Result<double> ParseNumber(const std::string& s, const std::string& where, const std::string& column) {
  auto d = text::ParseDecimal(s);
  if (d) return d->value;
  // Also accept exponent notation from other programs (1e-3).
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (!s.empty() && end && *end == '\0' && std::isfinite(v)) return v;
  return Status::InvalidArgument(where + ": column '" + column + "': '" + s + "' is not a number");
}

Result<long> ParseWhole(const std::string& s, const std::string& where, const std::string& column) {
  auto n = text::ParseCount(s);
  if (!n) return Status::InvalidArgument(where + ": column '" + column + "': '" + s + "' is not a whole number >= 0");
  return *n;
}

std::string IndicationGroup(const std::vector<std::string>& indications) {
  std::set<std::string> groups;
  for (const auto& i : indications) groups.insert(evidence::IndicationWithin(i, "LBCL") ? "LBCL" : i);
  return text::Join(std::vector<std::string>(groups.begin(), groups.end()), "/");
}

Result<std::string> GroupOf(const evidence::EvidenceBase& eb, const Cohort& c, const std::string& by) {
  if (by.empty()) return std::string();
  if (by == "indication") return IndicationGroup(c.indications);
  if (by == "target") return text::Join(c.targets, "/");
  if (by == "product") {
    if (!c.product_id.empty()) return eb.FindProduct(c.product_id)->brand;
    return c.construct_as_printed.empty() ? std::string("unmarketed") : c.construct_as_printed;
  }
  const evidence::Construct* k = c.construct_id.empty() ? nullptr : eb.FindConstruct(c.construct_id);
  if (by == "costim") {
    if (!k || !k->costim_stated) return std::string("unknown");
    return k->costim.empty() ? std::string("none") : text::Join(k->costim, "+");
  }
  if (by == "generation") {
    int g = k ? evidence::DeriveGeneration(*k).generation : 0;
    return g == 0 ? std::string("unknown") : "generation " + std::to_string(g);
  }
  return Status::InvalidArgument("cannot group by '" + by + "' (expected indication, target, product, costim or generation)");
}

Proportions Back(Measure m, double est, double lb, double ub, double plb, double pub, double nhm) {
  return {ToProportion(m, est, nhm), ToProportion(m, lb, nhm), ToProportion(m, ub, nhm), ToProportion(m, plb, nhm),
          ToProportion(m, pub, nhm)};
}

struct Effects {
  std::vector<double> yi, vi;
  std::vector<bool> corrected;
  double harmonic_n = NAN;
};

Result<Effects> EffectsOf(const AnalysisInput& input, Measure measure) {
  Effects e;
  if (!input.counts) {
    for (const auto& s : input.studies) {
      e.yi.push_back(s.yi);
      e.vi.push_back(s.vi);
      e.corrected.push_back(false);
    }
    return e;
  }
  if (input.two_arm) {
    if (!IsTwoArm(measure)) return Status::InvalidArgument("two-arm studies need the measure RR, OR or RD").WithField("measure");
    std::vector<TwoArm> arms;
    for (const auto& s : input.studies) arms.push_back({s.study, s.events, s.n, s.events2, s.n2});
    auto es = ComputeTwoArmEffects(measure, arms, input.correction);
    if (!es.ok()) return es.status();
    e.yi = es->yi;
    e.vi = es->vi;
    e.corrected = es->corrected;
    return e;
  }
  if (IsTwoArm(measure)) return Status::InvalidArgument("RR, OR and RD need two arms: study,events1,n1,events2,n2").WithField("measure");
  if (measure == Measure::kGeneric) return Status::InvalidArgument("counts need a measure: PR, PLN, PLO, PAS or PFT");
  std::vector<Proportion> data;
  std::vector<long> ns;
  for (const auto& s : input.studies) {
    data.push_back({s.study, s.events, s.n});
    ns.push_back(s.n);
  }
  auto es = ComputeEffects(measure, data, input.correction);
  if (!es.ok()) return es.status();
  e.yi = es->yi;
  e.vi = es->vi;
  e.corrected = es->corrected;
  e.harmonic_n = HarmonicMean(ns);
  return e;
}

}  // namespace

Result<AnalysisInput> InputFromCsv(std::string_view text_in, const std::string& file, const std::string& mods) {
  auto t = ParseCsv(text_in, file);
  if (!t.ok()) return t.status();
  AnalysisInput in;
  const int study = t->Column("study");
  const int e1 = t->Column("events1"), n1 = t->Column("n1"), e2 = t->Column("events2"), n2 = t->Column("n2");
  const bool two_arm = e1 >= 0 && n1 >= 0 && e2 >= 0 && n2 >= 0;
  const int events = two_arm ? e1 : t->Column("events"), n = two_arm ? n1 : t->Column("n");
  const int yi = t->Column("yi"), vi = t->Column("vi"), group = t->Column("group");
  std::optional<ModeratorFormula> formula;
  std::vector<int> mods_columns;
  if (!mods.empty()) {
    auto f = ParseModerators(mods);
    if (!f.ok()) return f.status();
    for (const auto& variable : f->variables) {
      const int c = t->Column(text::ToLower(variable));
      if (c < 0) {
        return Status::InvalidArgument(file + ": no column '" + variable + "' for the moderator (columns: " +
                                       text::Join(t->header, ",") + ")")
            .WithField("mods");
      }
      mods_columns.push_back(c);
    }
    formula = std::move(*f);
  }
  in.counts = events >= 0 && n >= 0;
  in.two_arm = two_arm;
  if (!in.counts && (yi < 0 || vi < 0)) {
    return Status::InvalidArgument(file + ": expected the columns events and n, or yi and vi (found " +
                                   text::Join(t->header, ",") + ")");
  }
  for (size_t r = 0; r < t->rows.size(); ++r) {
    const auto& row = t->rows[r];
    const std::string where = file + ":" + std::to_string(t->lines[r]);
    StudyInput s;
    // Without a 'study' column (metafor users often have none) the studies are
    // numbered S1, S2, ... in file order, and the selection says so.
    s.study = study >= 0 ? row[study] : "S" + std::to_string(r + 1);
    s.source = where;
    if (group >= 0) s.group = row[group];
    for (int c : mods_columns) s.moderators.push_back(row[c]);
    if (s.study.empty()) return Status::InvalidArgument(where + ": column 'study' is empty");
    if (in.counts) {
      auto e = ParseWhole(row[events], where, "events");
      if (!e.ok()) return e.status();
      auto nn = ParseWhole(row[n], where, "n");
      if (!nn.ok()) return nn.status();
      if (*nn < 1) return Status::InvalidArgument(where + ": column 'n': a study needs at least 1 patient");
      if (*e > *nn) {
        return Status::InvalidArgument(where + ": column 'events': " + row[events] + " events is more than n = " + row[n]);
      }
      s.events = *e;
      s.n = *nn;
      if (two_arm) {
        auto ee = ParseWhole(row[e2], where, "events2");
        if (!ee.ok()) return ee.status();
        auto nn2 = ParseWhole(row[n2], where, "n2");
        if (!nn2.ok()) return nn2.status();
        if (*nn2 < 1) return Status::InvalidArgument(where + ": column 'n2': an arm needs at least 1 patient");
        if (*ee > *nn2) return Status::InvalidArgument(where + ": column 'events2': more events than n2");
        s.events2 = *ee;
        s.n2 = *nn2;
      }
    } else {
      auto y = ParseNumber(row[yi], where, "yi");
      if (!y.ok()) return y.status();
      auto v = ParseNumber(row[vi], where, "vi");
      if (!v.ok()) return v.status();
      if (*v < 0) return Status::InvalidArgument(where + ": column 'vi': a sampling variance cannot be negative");
      s.yi = *y;
      s.vi = *v;
    }
    in.studies.push_back(std::move(s));
  }
  in.description = std::to_string(in.studies.size()) + " studies from " + file;
  if (study < 0) in.description += " (no 'study' column: numbered S1 to S" + std::to_string(in.studies.size()) + ")";
  if (formula) {
    // The variables as the file spells them (the header's case).
    for (size_t v = 0; v < formula->variables.size(); ++v) formula->variables[v] = t->header[mods_columns[v]];
    in.moderator = mods;
    in.formula = std::move(formula);
  }
  return in;
}

namespace {

// A cohort's values of the moderator fields, with the reason to leave the
// cohort out ("" to keep it): followup in months, n, or a grouping field.
Result<std::pair<std::vector<std::string>, std::string>> ModeratorValues(const evidence::EvidenceBase& eb,
                                                                         const Cohort& c,
                                                                         const std::vector<std::string>& variables) {
  std::vector<std::string> values;
  for (const auto& variable : variables) {
    if (variable == "followup") {
      const double fu = c.FollowupMonths();
      if (std::isnan(fu)) return std::make_pair(values, std::string("no median follow-up for the moderator"));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.10g", fu);
      values.push_back(buf);
    } else if (variable == "n") {
      auto nn = c.N();
      values.push_back(nn ? std::to_string(*nn) : "");
    } else {
      auto m = GroupOf(eb, c, variable);
      if (!m.ok()) return m.status().WithField("mods");
      values.push_back(*m);
    }
  }
  return std::make_pair(values, std::string());
}

}  // namespace

Status AddExtraColumns(std::string_view text, const std::string& file, const std::vector<std::string>& columns,
                       AnalysisInput* input) {
  if (columns.empty()) return Status::Ok();
  auto t = ParseCsv(text, file);
  if (!t.ok()) return t.status();
  std::vector<int> at;
  for (const auto& c : columns) {
    at.push_back(t->Column(text::ToLower(c)));
    if (at.back() < 0) {
      return Status::InvalidArgument(file + ": no column '" + c + "' (columns: " + text::Join(t->header, ",") + ")")
          .WithField("columns");
    }
  }
  std::map<std::string, size_t> row_of;  // "file:line" -> row
  for (size_t r = 0; r < t->rows.size(); ++r) row_of[file + ":" + std::to_string(t->lines[r])] = r;
  for (auto& s : input->studies) {
    auto it = row_of.find(s.source);
    s.extra.clear();
    for (int c : at) s.extra.push_back(it == row_of.end() ? "" : t->rows[it->second][c]);
  }
  input->extra_columns = columns;
  return Status::Ok();
}

Status AddExtraColumns(const evidence::EvidenceBase& eb, const std::vector<std::string>& columns, AnalysisInput* input) {
  if (columns.empty()) return Status::Ok();
  for (auto& s : input->studies) {
    const Cohort* c = nullptr;
    for (const auto& cohort : eb.cohorts) {
      if (cohort.id == s.study) c = &cohort;
    }
    s.extra.assign(columns.size(), "");
    if (!c) continue;
    auto values = ModeratorValues(eb, *c, columns);
    if (!values.ok()) return values.status().WithField("columns");
    if (values->first.size() == columns.size()) s.extra = values->first;
  }
  input->extra_columns = columns;
  return Status::Ok();
}

Result<AnalysisInput> InputFromEvidence(const evidence::EvidenceBase& eb, const OutcomeQuery& q) {
  if (!evidence::IsRateOutcome(q.outcome)) {
    const std::vector<std::string>& names = evidence::RateOutcomes();
    std::string hint = text::ClosestMatch(q.outcome, names);
    return Status::InvalidArgument("'" + q.outcome + "' is not a rate outcome (" + text::Join(names, ", ") + ")" +
                                   (hint.empty() ? "" : "; did you mean '" + hint + "'?"))
        .WithField("outcome");
  }
  auto value_of = [&q](const evidence::Cohort& c) -> const CohortValue* {
    for (const CohortValue* cand : c.Values(q.outcome)) {
      if (q.location.empty() || cand->prov.location == q.location) return cand;
    }
    return nullptr;
  };
  AnalysisInput in;
  std::vector<std::string> variables;
  if (!q.mods.empty()) {
    auto f = ParseModerators(q.mods);
    if (!f.ok()) return f.status();
    variables = f->variables;
    in.formula = std::move(*f);
  }
  std::vector<const evidence::Cohort*> candidates;
  for (const auto& c : eb.cohorts) {
    const CohortValue* v = q.Matches(c) ? value_of(c) : nullptr;
    if (!v) continue;
    if (v->rate.form == Rate::Form::kPercent && !c.NFor(*v)) {
      in.excluded.emplace_back(c.id, q.outcome + " " + v->Display() + " has no n");
      continue;
    }
    candidates.push_back(&c);
  }
  auto selection = evidence::OnePerRegistration(candidates, q.registrations);
  if (!selection.ok()) return selection.status();
  in.set_aside = std::move(selection->set_aside);
  for (const evidence::Cohort* cp : selection->kept) {
    const evidence::Cohort& c = *cp;
    const CohortValue* v = value_of(c);
    StudyInput s;
    s.study = c.id;
    s.source = v->prov.Short();
    auto group = GroupOf(eb, c, q.by);
    if (!group.ok()) return group.status().WithField("by");
    s.group = *group;
    auto moderators = ModeratorValues(eb, c, variables);
    if (!moderators.ok()) return moderators.status();
    if (!moderators->second.empty()) {
      in.excluded.emplace_back(c.id, moderators->second);
      continue;
    }
    s.moderators = std::move(moderators->first);
    const Rate& r = v->rate;
    if (r.form == Rate::Form::kFraction) {
      s.events = r.count;
      s.n = r.denominator;
    } else if (r.form == Rate::Form::kCount) {
      s.events = r.count;
      s.n = r.denominator;
    } else {
      const long n = *c.NFor(*v);  // candidates have one
      s.n = n;
      s.events = std::lround(r.percent * static_cast<double>(n) / 100.0);
      s.note = "events derived: " + v->Display() + " of " + std::to_string(n);
    }
    in.studies.push_back(std::move(s));
  }
  std::vector<std::string> filters = q.Describe();
  if (!q.location.empty()) filters.push_back("printed in " + q.location);
  in.description = q.outcome + " of " + std::to_string(in.studies.size()) + " cohorts of the evidence base" +
                   (filters.empty() ? "" : " (" + text::Join(filters, ", ") + ")");
  in.moderator = q.mods;
  if (in.studies.size() < 2) {
    return Status::InvalidArgument("only " + std::to_string(in.studies.size()) + " cohort(s) report " + q.outcome +
                                   " with an n for this selection; pooling needs at least 2");
  }
  return in;
}

Result<ModeratorDesign> ModeratorDesignOf(const AnalysisInput& input) {
  if (!input.formula) return Status::InvalidArgument("no moderators were given").WithField("mods");
  std::vector<std::string> studies;
  std::vector<std::vector<std::string>> values;
  for (const auto& s : input.studies) {
    studies.push_back(s.study);
    values.push_back(s.moderators);
  }
  return DesignOf(*input.formula, studies, values);
}

namespace {

// Each study with its weight and, for counts, its effect and Wald interval
// back-transformed with its own n, as metafor's forest() shows them: after
// any continuity correction (28/28 -> 0.983).
std::vector<StudyResult> StudyResults(const AnalysisInput& input, Measure measure, const std::vector<double>& yi,
                                      const std::vector<double>& vi, const std::vector<bool>& corrected,
                                      const std::vector<double>& weights, double level) {
  const double z = boost::math::quantile(boost::math::normal(), 1 - (1 - level) / 2);
  std::vector<StudyResult> out;
  for (size_t i = 0; i < input.studies.size(); ++i) {
    StudyResult s;
    s.input = input.studies[i];
    s.yi = yi[i];
    s.vi = vi[i];
    s.weight = i < weights.size() ? weights[i] : NAN;
    s.corrected = corrected[i];
    s.added = s.corrected ? CorrectionAmount(measure, input.correction) : 0;
    if (input.counts) {
      const double n = static_cast<double>(s.input.n), se = std::sqrt(s.vi);
      s.prop = ToProportion(measure, s.yi, n);
      s.prop_ci_lb = ToProportion(measure, s.yi - z * se, n);
      s.prop_ci_ub = ToProportion(measure, s.yi + z * se, n);
    }
    out.push_back(std::move(s));
  }
  return out;
}

// The binomial-normal model in the shape of a FitResult: Q is its likelihood-
// ratio test of heterogeneity, the τ² interval is the profile-likelihood one.
Result<Analysis> AnalyzeGlmm(const AnalysisInput& input, const FitOptions& options, bool by_group) {
  if (!input.counts || input.two_arm) {
    return Status::InvalidArgument("the binomial-normal model (GLMM) needs single-arm counts: study,events,n");
  }
  if (by_group) {
    return Status::InvalidArgument("subgroups are not available with GLMM yet; use REML").WithField("method");
  }
  std::vector<Proportion> data;
  std::vector<long> ns;
  for (const auto& s : input.studies) {
    data.push_back({s.study, s.events, s.n});
    ns.push_back(s.n);
  }
  GlmmOptions go;
  go.level = options.level;
  auto g = FitGlmm(data, go);
  if (!g.ok()) return g.status();
  Analysis a;
  a.measure = Measure::kPLO;
  a.options = options;
  FitResult& f = a.fit;
  f.method = Method::kGLMM;
  f.k = g->k;
  f.p = 1;
  f.names = {"intrcpt"};
  f.estimate = g->estimate;
  f.estimate_se = g->se;
  f.estimate_zval = g->zval;
  f.estimate_pval = g->pval;
  f.estimate_ci_lb = g->ci_lb;
  f.estimate_ci_ub = g->ci_ub;
  f.beta = {g->estimate};
  f.se = {g->se};
  f.zval = {g->zval};
  f.pval = {g->pval};
  f.ci_lb = {g->ci_lb};
  f.ci_ub = {g->ci_ub};
  f.tau2 = g->tau2;
  f.se_tau2 = NAN;
  f.tau2_ci_lb = g->tau2_ci_lb;
  f.tau2_ci_ub = g->tau2_ci_ub;
  f.I2 = g->I2;
  f.H2 = g->H2;
  f.I2_ci_lb = f.I2_ci_ub = f.H2_ci_lb = f.H2_ci_ub = NAN;
  f.Q = g->lrt;
  f.Q_df = g->lrt_df;
  f.Q_pval = g->lrt_pval;
  const double crit = boost::math::quantile(boost::math::normal(), 1 - (1 - options.level) / 2);
  f.pi_lb = f.estimate - crit * std::sqrt(f.estimate_se * f.estimate_se + f.tau2);
  f.pi_ub = f.estimate + crit * std::sqrt(f.estimate_se * f.estimate_se + f.tau2);
  f.weights = g->weights;
  a.harmonic_n = HarmonicMean(ns);
  a.pooled = Back(Measure::kPLO, f.estimate, f.estimate_ci_lb, f.estimate_ci_ub, f.pi_lb, f.pi_ub, a.harmonic_n);
  auto es = ComputeEffects(Measure::kPLO, data, input.correction);
  if (!es.ok()) return es.status();
  a.studies = StudyResults(input, Measure::kPLO, es->yi, es->vi, es->corrected, f.weights, options.level);
  return a;
}

}  // namespace

namespace {
Result<Analysis> AnalyzeWith(const AnalysisInput& input, Measure measure, const FitOptions& options, bool by_group);
}  // namespace

namespace {

// Cochran's Q of the GLMM's data as meta reports it (rma.glmm's Wald-type
// test of the saturated model): studies with 0 or n events have an infinite
// logit and no weight there, the others their logit with variance
// 1/x + 1/(n − x), without continuity correction; the degrees of freedom stay
// k − 1. NaN when fewer than two studies have both outcomes.
double WaldTypeQ(const std::vector<StudyResult>& studies) {
  std::vector<double> yi, vi;
  for (const auto& s : studies) {
    const double x = static_cast<double>(s.input.events), n = static_cast<double>(s.input.n);
    if (x <= 0 || x >= n) continue;
    yi.push_back(std::log(x / (n - x)));
    vi.push_back(1 / x + 1 / (n - x));
  }
  if (yi.size() < 2) return NAN;
  double sw = 0, swy = 0;
  for (size_t i = 0; i < yi.size(); ++i) {
    sw += 1 / vi[i];
    swy += yi[i] / vi[i];
  }
  const double mean = swy / sw;
  double q = 0;
  for (size_t i = 0; i < yi.size(); ++i) q += (yi[i] - mean) * (yi[i] - mean) / vi[i];
  return q;
}

// What meta 8.2-1 computes differently from carta for this fit (see ConventionDeparture).
std::vector<ConventionDeparture> DeparturesFromMeta(const AnalysisInput& input, Measure measure, const FitResult& f) {
  std::vector<ConventionDeparture> out;
  if (input.two_arm) {
    out.push_back({{"estimate", "se", "ci_lb", "ci_ub", "zval", "pval", "tau2", "tau2_ci_lb", "tau2_ci_ub", "Q",
                    "Q_pval", "I2", "H2", "pi_lb", "pi_ub"},
                   "two arms: meta's metabin pools a Mantel-Haenszel common effect (not computed here), computes Q "
                   "from it and drops double-zero studies for RR and OR; carta pools metafor's escalc effect sizes "
                   "(double-zero studies kept with the continuity correction)"});
    return out;
  }
  bool extreme = false;
  for (const auto& s : input.studies) extreme = extreme || s.events == 0 || s.events == s.n;
  if (input.counts && extreme && (measure == Measure::kPLN || measure == Measure::kPR) && f.method != Method::kGLMM) {
    out.push_back({{"estimate", "se", "ci_lb", "ci_ub", "zval", "pval", "tau2", "tau2_ci_lb", "tau2_ci_ub", "Q",
                    "Q_pval", "I2", "H2", "pi_lb", "pi_ub"},
                   "studies with 0 or n events: their effect sizes follow metafor's escalc (0.5 added to events and "
                   "non-events); meta's metaprop uses log((x + 0.5)/(n + 0.5)) for PLN and the uncorrected x/n for PR"});
  }
  return out;
}

// I², H² and the prediction interval of one fit as meta reports them, from
// Cochran's Q with df = k − 1, and with DL Jackson's (2013) interval for τ²
// (meta's method.tau.ci = "J"); `yi`, `vi` are the fit's studies'. Fails only
// where that interval cannot be computed.
Status MetaSummary(double q, const std::vector<double>& yi, const std::vector<double>& vi, double level,
                   FitResult* fp) {
  FitResult& f = *fp;
  if (f.k < 3) {
    // meta 8.2-1 gives no τ² interval for two studies (checked with REML, DL
    // and PM; conv_meta_subgroups.json): neither does carta under its convention.
    f.tau2_ci_lb = f.tau2_ci_ub = NAN;
  } else if (f.method == Method::kDL) {
    std::vector<double> a;
    for (double v : vi) a.push_back(1 / std::sqrt(v));
    auto ci = internal::GeneralisedQInterval(yi, vi, a, level);
    if (!ci.ok()) return ci.status();
    f.tau2_ci_lb = ci->first;
    f.tau2_ci_ub = ci->second;
  }
  const int df = f.k - 1;
  f.I2 = q > 0 ? std::max(0.0, 100 * (q - df) / q) : 0;
  // meta reports H = sqrt(Q/df) floored at 1 (H² ≥ 1, as I² ≥ 0).
  f.H2 = df > 0 ? std::max(1.0, q / df) : NAN;
  f.I2_ci_lb = f.I2_ci_ub = f.H2_ci_lb = f.H2_ci_ub = NAN;
  if (f.k < 2) return Status::Ok();
  const double t = boost::math::quantile(boost::math::students_t(f.k - 1), 1 - (1 - level) / 2);
  // The prediction interval uses the classic standard error of the pooled
  // estimate also under Hartung-Knapp (meta's method.predict = "HTS").
  double se = f.estimate_se;
  if (f.knha && f.method != Method::kGLMM) {
    double sw = 0;
    for (double v : vi) sw += 1 / (v + f.tau2);
    se = 1 / std::sqrt(sw);
  }
  const double s = std::sqrt(se * se + f.tau2);
  f.pi_lb = f.estimate - t * s;
  f.pi_ub = f.estimate + t * s;
  return Status::Ok();
}

// R meta's way of reporting a fitted model (see Convention).
void ApplyMetaConvention(const AnalysisInput& input, Analysis* a) {
  a->convention = Convention::kMeta;
  FitResult& f = a->fit;
  a->departures = DeparturesFromMeta(input, a->measure, f);
  // Cochran's Q: the inverse-variance model's on the measure's scale; for the
  // GLMM meta reports rma.glmm's Wald-type Q (the likelihood-ratio test is
  // carta's Q under metafor's conventions).
  if (f.method == Method::kGLMM) {
    f.Q = WaldTypeQ(a->studies);
    f.Q_df = f.k - 1;
    f.Q_pval = std::isfinite(f.Q) && f.Q_df > 0
                   ? boost::math::cdf(boost::math::complement(boost::math::chi_squared(f.Q_df), f.Q))
                   : NAN;
  }
  std::vector<double> yi, vi;
  for (const auto& s : a->studies) {
    yi.push_back(s.yi);
    vi.push_back(s.vi);
  }
  // Where Jackson's interval cannot be computed the Q-profile one stays, and the output says so.
  auto departed = [&](const Status& st, const std::string& where) {
    if (st.ok()) return;
    a->departures.push_back({{"tau2_ci_lb", "tau2_ci_ub"},
                             where + "the tau^2 interval is the Q-profile one: meta's Jackson (2013) interval with DL "
                                     "could not be computed (" + st.message() + ")"});
  };
  departed(MetaSummary(f.Q, yi, vi, a->options.level, &f), "");
  if (input.counts) {
    a->pooled.pi_lb = ToProportion(a->measure, f.pi_lb, a->harmonic_n);
    a->pooled.pi_ub = ToProportion(a->measure, f.pi_ub, a->harmonic_n);
  }
  if (a->subgroups) {
    for (size_t g = 0; g < a->subgroups->separate.size(); ++g) {
      SubgroupFit& sf = a->subgroups->separate[g];
      std::vector<double> gyi, gvi;
      std::vector<long> ns;
      for (const auto& s : a->studies) {
        if ((s.input.group.empty() ? "(none)" : s.input.group) != sf.group) continue;
        gyi.push_back(s.yi);
        gvi.push_back(s.vi);
        ns.push_back(s.input.n);
      }
      departed(MetaSummary(sf.fit.Q, gyi, gvi, a->options.level, &sf.fit), "subgroup " + sf.group + ": ");
      if (input.counts && g < a->subgroup_props.size()) {
        const double nhm = HarmonicMean(ns);  // the PFT back-transformation's, per group as AnalyzeWith uses
        a->subgroup_props[g].pi_lb = ToProportion(a->measure, sf.fit.pi_lb, nhm);
        a->subgroup_props[g].pi_ub = ToProportion(a->measure, sf.fit.pi_ub, nhm);
      }
    }
  }
  if (input.counts) {
    for (auto& s : a->studies) {
      auto [lo, hi] = ClopperPearson(s.input.events, s.input.n, a->options.level);
      s.prop = static_cast<double>(s.input.events) / static_cast<double>(s.input.n);
      s.prop_ci_lb = lo;
      s.prop_ci_ub = hi;
    }
  }
}

}  // namespace

Result<Analysis> Analyze(const AnalysisInput& input, Measure measure, const FitOptions& options, bool by_group,
                         Convention convention) {
  if (options.method == Method::kGLMM) {
    auto g = AnalyzeGlmm(input, options, by_group);
    if (g.ok() && convention == Convention::kMeta) ApplyMetaConvention(input, &*g);
    return g;
  }
  auto result = AnalyzeWith(input, measure, options, by_group);
  if (result.ok() && convention == Convention::kMeta) ApplyMetaConvention(input, &*result);
  return result;
}

namespace {

Result<Analysis> AnalyzeWith(const AnalysisInput& input, Measure measure, const FitOptions& options, bool by_group) {
  Analysis a;
  a.measure = input.counts ? measure : Measure::kGeneric;
  a.options = options;
  auto e = EffectsOf(input, a.measure);
  if (!e.ok()) return e.status();
  a.harmonic_n = e->harmonic_n;
  auto fit = Fit(e->yi, e->vi, options);
  if (!fit.ok()) return fit.status();
  a.fit = std::move(*fit);
  const FitResult& f = a.fit;
  a.pooled = Back(a.measure, f.estimate, f.estimate_ci_lb, f.estimate_ci_ub, f.pi_lb, f.pi_ub, a.harmonic_n);
  a.studies = StudyResults(input, a.measure, e->yi, e->vi, e->corrected, f.weights, options.level);
  if (by_group) {
    std::vector<std::string> groups;
    for (const auto& s : input.studies) groups.push_back(s.group.empty() ? "(none)" : s.group);
    auto sub = FitSubgroups(e->yi, e->vi, groups, options);
    if (!sub.ok()) return sub.status();
    for (const auto& sf : sub->separate) {
      std::vector<long> ns;
      for (const auto& s : input.studies) {
        if ((s.group.empty() ? "(none)" : s.group) == sf.group) ns.push_back(s.n);
      }
      const double nhm = input.counts ? HarmonicMean(ns) : NAN;
      const FitResult& g = sf.fit;
      a.subgroup_props.push_back(Back(a.measure, g.estimate, g.estimate_ci_lb, g.estimate_ci_ub, g.pi_lb, g.pi_ub, nhm));
    }
    a.subgroups = std::move(*sub);
  }
  if (input.formula) {
    auto design = ModeratorDesignOf(input);
    if (!design.ok()) return design.status();
    a.moderator_numeric = std::all_of(design->numeric.begin(), design->numeric.end(), [](bool b) { return b; });
    auto reg = Fit(e->yi, e->vi, options, design->x, design->names);
    if (!reg.ok()) return reg.status().WithContext("meta-regression");
    a.regression = std::move(*reg);
  }
  return a;
}

}  // namespace

Proportions BackTransform(Measure measure, const FitResult& f, double harmonic_n) {
  return Back(measure, f.estimate, f.estimate_ci_lb, f.estimate_ci_ub, f.pi_lb, f.pi_ub, harmonic_n);
}

Status DropDoubleZeroStudies(AnalysisInput* input) {
  if (!input->correction.drop00) return Status::Ok();
  if (!input->counts || !input->two_arm) {
    return Status::InvalidArgument("drop00 applies to two-arm counts (events1,n1,events2,n2) only").WithField("drop00");
  }
  std::vector<StudyInput> kept;
  for (auto& s : input->studies) {
    if (DoubleZero({s.study, s.events, s.n, s.events2, s.n2})) {
      input->excluded.emplace_back(s.study, "no events (or only events) in both arms: dropped (drop00)");
    } else {
      kept.push_back(std::move(s));
    }
  }
  input->studies = std::move(kept);
  return Status::Ok();
}

Result<std::pair<std::vector<double>, std::vector<double>>> EffectSizesOf(const AnalysisInput& input, Measure measure) {
  auto e = EffectsOf(input, input.counts ? measure : Measure::kGeneric);
  if (!e.ok()) return e.status();
  return std::make_pair(e->yi, e->vi);
}

Result<std::vector<LeaveOneOutRow>> LeaveOneOut(const AnalysisInput& input, Measure measure, const FitOptions& options) {
  if (input.studies.size() < 3) return Status::InvalidArgument("leave-one-out needs at least 3 studies");
  auto e = EffectsOf(input, input.counts ? measure : Measure::kGeneric);
  if (!e.ok()) return e.status();
  std::vector<LeaveOneOutRow> rows;
  for (size_t skip = 0; skip < input.studies.size(); ++skip) {
    std::vector<double> y, v;
    std::vector<long> ns;
    for (size_t i = 0; i < input.studies.size(); ++i) {
      if (i == skip) continue;
      y.push_back(e->yi[i]);
      v.push_back(e->vi[i]);
      ns.push_back(input.studies[i].n);
    }
    auto f = Fit(y, v, Refit(options));
    if (!f.ok()) return f.status().WithContext("without " + input.studies[skip].study);
    LeaveOneOutRow row;
    row.omitted = input.studies[skip].study;
    const Measure m = input.counts ? measure : Measure::kGeneric;
    row.pooled = Back(m, f->estimate, f->estimate_ci_lb, f->estimate_ci_ub, f->pi_lb, f->pi_ub,
                      input.counts ? HarmonicMean(ns) : NAN);
    row.fit = std::move(*f);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace carta::meta
