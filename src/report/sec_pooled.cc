// The analyses the review did not do: response and complete-response rates
// pooled by target, indication and costimulatory domain (random effects on
// the logit scale, REML, as metafor's rma(measure = "PLO")), each with its
// forest plot; and 12-month PFS pooled across CD19 cohorts in LBCL.
#include "carta/core/text.h"
#include "carta/meta/analysis.h"
#include "carta/plot/forest.h"
#include "carta/plot/svg.h"
#include "carta/survival/pool.h"
#include "sections.h"
#include "strings.h"

namespace carta::report::internal {
namespace {

struct PooledSpec {
  std::string id;       // "pooled_orr_target"
  std::string outcome;  // "orr", "crr"
  std::string by;       // "target", "indication", "costim"
  std::string target;   // "" for all
};

const std::vector<PooledSpec>& PooledSpecs() {
  static const std::vector<PooledSpec> specs = {
      {"pooled_orr_target", "orr", "target", ""},    {"pooled_crr_target", "crr", "target", ""},
      {"pooled_orr_indication", "orr", "indication", "CD19"}, {"pooled_crr_indication", "crr", "indication", "CD19"},
      {"pooled_orr_costim", "orr", "costim", "CD19"}, {"pooled_crr_costim", "crr", "costim", "CD19"},
  };
  return specs;
}

std::string Interval(double est, double lb, double ub) {
  return plot::FormatFixed(100 * est, 1) + "% [" + plot::FormatFixed(100 * lb, 1) + ", " + plot::FormatFixed(100 * ub, 1) + "]";
}

plot::ForestLabels ForestWords(Language lang) {
  plot::ForestLabels l;
  l.study = Tr(lang, "forest.study");
  l.events_n = Tr(lang, "forest.events_n");
  l.weight = Tr(lang, "forest.weight");
  l.proportion = Tr(lang, "forest.proportion");
  l.estimate = Tr(lang, "forest.estimate");
  l.re_model = Tr(lang, "forest.re_model");
  l.ee_model = Tr(lang, "forest.ee_model");
  l.for_subgroup = Tr(lang, "forest.for_subgroup");
  l.heterogeneity = Tr(lang, "forest.heterogeneity");
  l.subgroup_test = Tr(lang, "forest.subgroup_test");
  return l;
}

// The cohorts a pool set aside because another cohort of their registration is counted, as a note.
std::string SetAsideNote(Language lang, const std::vector<evidence::SetAside>& set_aside) {
  std::string note;
  for (const auto& a : set_aside) note += TrF(lang, "pooled.set_aside", {a.cohort, a.kept, a.registration});
  return note;
}

std::string Command(const PooledSpec& p) {
  return "carta meta --outcome " + p.outcome + " --by " + p.by + (p.target.empty() ? "" : " --target " + p.target) +
         " --svg " + p.id + ".svg";
}

// One analysis: its rows in the summary table and its forest plot; a note instead when it cannot be fitted.
void AddAnalysis(const Context& ctx, const PooledSpec& p, Table* summary, Section* s) {
  const Language lang = ctx.lang;
  meta::OutcomeQuery q;
  q.outcome = p.outcome;
  q.target = p.target;
  q.by = p.by;
  auto in = meta::InputFromEvidence(ctx.eb, q);
  if (in.ok()) {
    // Forest rows named as the figures name cohorts ("Kymriah (ELIANA)"), not by record id.
    for (auto& st : in->studies) {
      if (const auto* c = ctx.eb.FindCohort(st.study)) st.study = CohortLabel(*c);
      if (st.group == "unknown") st.group = Tr(ctx.lang, "pooled.unknown_group");
    }
  }
  Result<meta::Analysis> a = in.ok() ? meta::Analyze(*in, meta::Measure::kPLO, meta::FitOptions{}, true) : in.status();
  if (!a.ok()) {
    ctx.notes->push_back(p.id + ": " + a.status().message());
    return;
  }
  const std::string outcome = Tr(lang, "outcome." + p.outcome), by = Tr(lang, "by." + p.by);
  const std::string scope = p.target.empty() ? Tr(lang, "scope.all") : p.target;
  if (a->subgroups) {
    for (size_t g = 0; g < a->subgroups->separate.size(); ++g) {
      const auto& sg = a->subgroups->separate[g];
      const meta::Proportions pr = g < a->subgroup_props.size() ? a->subgroup_props[g] : meta::Proportions{};
      summary->rows.push_back({outcome, scope, by, sg.group, std::to_string(sg.k), Interval(pr.prop, pr.ci_lb, pr.ci_ub),
                               sg.k > 1 ? plot::FormatFixed(sg.fit.I2, 1) + "%" : ""});
    }
  }
  summary->rows.push_back({outcome, scope, by, Tr(lang, "pooled.all_groups"), std::to_string(a->fit.k),
                           Interval(a->pooled.prop, a->pooled.ci_lb, a->pooled.ci_ub), plot::FormatFixed(a->fit.I2, 1) + "%"});
  if (!ctx.Want(p.id)) return;
  plot::ForestOptions fo;
  fo.title = TrF(lang, "pooled.forest_title", {outcome, scope, by});
  fo.labels = ForestWords(lang);
  fo.x_min = 0;
  fo.x_max = 1;
  std::string note = TrF(lang, "pooled.forest_note", {std::to_string(in->excluded.size())}) +
                     SetAsideNote(lang, in->set_aside);
  s->Add(Figure{p.id, p.id + ".svg", fo.title, plot::ForestPlot(*a, *in, fo), note, Command(p)});
}

// 12-month PFS of CD19 products in LBCL: reported values pooled, NR medians as censored information.
void AddLandmark(const Context& ctx, Section* s) {
  const Language lang = ctx.lang;
  survival::LandmarkQuery q;
  q.endpoint = "pfs";
  q.landmark_months = 12;
  q.target = "CD19";
  q.indication = "LBCL";
  auto pool = survival::PoolLandmark(ctx.eb, q);
  if (!pool.ok()) {
    ctx.notes->push_back("pooled_pfs12: " + pool.status().message());
    return;
  }
  Table t{"pooled_pfs12", "pooled_pfs12_cd19_lbcl.csv", Tr(lang, "pfs12.caption"),
          {Tr(lang, "pfs12.cohort"), "n", Tr(lang, "pfs12.kind"), Tr(lang, "pfs12.value"), Tr(lang, "pfs12.basis"),
           Tr(lang, "col.source")},
          {}, "", "carta surv pool --endpoint pfs --landmark 12 --target CD19 --indication LBCL"};
  for (const auto& st : pool->studies) {
    const std::string value = st.reported ? plot::FormatFixed(100 * st.surv_lower, 1) + "%"
                                          : "[" + plot::FormatFixed(100 * st.surv_lower, 1) + "%, " +
                                                plot::FormatFixed(100 * st.surv_upper, 1) + "%]";
    t.rows.push_back({st.cohort, std::to_string(st.n), Tr(lang, st.reported ? "pfs12.reported" : "pfs12.bounded"), value,
                      st.basis, st.source});
  }
  if (pool->fit) {
    t.rows.push_back({Tr(lang, "pfs12.pooled_reported"), "", "", Interval(pool->surv, pool->surv_lb, pool->surv_ub), "", ""});
  }
  if (pool->censored) {
    const auto& c = *pool->censored;
    t.rows.push_back({Tr(lang, "pfs12.pooled_censored"), "", "", Interval(c.surv, c.surv_lb, c.surv_ub), "", ""});
  }
  t.note = Tr(lang, "pfs12.note") + SetAsideNote(lang, pool->set_aside);
  s->Add(std::move(t));
}

}  // namespace

Section PooledSection(const Context& ctx) {
  const Language lang = ctx.lang;
  Section s{"pooled", Tr(lang, "sec.pooled"), {}};
  s.Text(Tr(lang, "pooled.intro"));
  Table summary{"pooled_summary", "pooled_summary.csv", Tr(lang, "pooled.caption"),
                {Tr(lang, "pooled.outcome"), Tr(lang, "pooled.scope"), Tr(lang, "pooled.by"), Tr(lang, "pooled.group"), "k",
                 Tr(lang, "pooled.estimate"), "I²"},
                {}, Tr(lang, "pooled.note"), "carta meta --outcome orr --by target"};
  Section figures{"", "", {}};
  for (const PooledSpec& p : PooledSpecs()) AddAnalysis(ctx, p, &summary, &figures);
  if (ctx.Want("pooled_summary")) s.Add(std::move(summary));
  for (auto& b : figures.blocks) s.blocks.push_back(std::move(b));
  if (ctx.Want("pooled_pfs12")) AddLandmark(ctx, &s);
  return s;
}

}  // namespace carta::report::internal
