// Tables 3 and 4 (long-term follow-up of CD19 and BCMA products) and
// Figs. 4-6 (response and survival by product and trial), from the cohorts
// whose values the review printed in those tables.
#include <cmath>

#include "carta/core/text.h"
#include "carta/plot/charts.h"
#include "sections.h"
#include "strings.h"

namespace carta::report::internal {
namespace {

using evidence::Cohort;
using evidence::CohortValue;

// The first value of `key` printed at `location`, or nullptr.
const CohortValue* ValueAt(const Cohort& c, const std::string& key, const std::string& location) {
  for (const auto& v : c.values) {
    if (v.key == key && v.prov.location == location) return &v;
  }
  return nullptr;
}


std::string Upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

// "EFS median 24 months", "PFS at 12 months 78%" (in `lang`).
std::string SurvivalPhrase(const CohortValue& v, Language lang) {
  const std::string endpoint = Upper(v.key.substr(0, v.key.find('_')));
  const std::string what = v.key.substr(v.key.find('_') + 1);
  if (what == "median") return TrF(lang, "surv.median", {endpoint, LocalValue(v, lang)});
  return TrF(lang, "surv.landmark", {endpoint, what.substr(0, what.size() - 2), LocalValue(v, lang)});
}

// One row of Table 3 or 4, with the values printed at `location`.
std::vector<std::string> CohortRow(const Cohort& c, const std::string& location, Language lang) {
  auto shown = [&](const char* key) {
    const CohortValue* v = ValueAt(c, key, location);
    return v ? LocalValue(*v, lang) : std::string();
  };
  std::string trial = c.acronym;
  if (!c.phase.empty() && c.phase != "unspecified") trial = TrF(lang, "phase", {c.phase}) + (trial.empty() ? "" : ", " + trial);
  if (!c.registry.empty()) trial += (trial.empty() ? "" : ", ") + text::Join(c.registry, " ");
  std::string indication = text::Join(c.indications, "/");
  if (const CohortValue* n = ValueAt(c, "n", location)) indication += " (" + std::to_string(n->count) + ")";
  std::vector<std::string> survival;
  std::string source;
  for (const auto& v : c.values) {
    if (v.prov.location != location) continue;
    if (source.empty()) source = v.prov.Short();
    if (evidence::IsSurvivalKey(v.key)) survival.push_back(SurvivalPhrase(v, lang));
  }
  std::string crr = shown("crr");
  if (crr.empty() && ValueAt(c, "cr_cri", location)) crr = "CR/CRi " + shown("cr_cri");
  return {c.product_as_printed, trial, indication, shown("followup_median"), shown("orr"), crr,
          text::Join(survival, "; "), source};
}

Table CohortTable(const Context& ctx, const std::string& id, const std::string& location, const std::string& target) {
  const Language lang = ctx.lang;
  Table t{id, id + "_" + (target == "CD19" ? "cd19" : "bcma") + ".csv", Tr(lang, id + ".caption"),
          {Tr(lang, "col.product"), Tr(lang, "col.trial"), Tr(lang, "col.indication_n"), Tr(lang, "col.followup"),
           "ORR", "CRR", Tr(lang, "col.survival"), Tr(lang, "col.source")},
          {}, Tr(lang, id + ".note"), "carta studies --location '" + location + "'"};
  for (const Cohort* c : CohortsAt(ctx.eb, location, target)) t.rows.push_back(CohortRow(*c, location, lang));
  return t;
}

// Consecutive runs of the cohorts' first indication, for the bracket under a chart.
std::vector<std::pair<std::string, int>> IndicationRuns(const std::vector<const Cohort*>& cohorts) {
  std::vector<std::pair<std::string, int>> runs;
  for (const Cohort* c : cohorts) {
    const std::string ind = c->indications.empty() ? "" : c->indications.front();
    if (!runs.empty() && runs.back().first == ind) {
      ++runs.back().second;
    } else {
      runs.push_back({ind, 1});
    }
  }
  return runs;
}

double Percent(const Cohort& c, const char* key, const std::string& location) {
  const CohortValue* v = ValueAt(c, key, location);
  return v && v->kind == CohortValue::Kind::kRate ? v->rate.percent : NAN;
}

// Response (ORR and CR) per cohort: Fig. 4 (CD19) and Fig. 6B (BCMA).
plot::BarChartSpec ResponseChart(const std::vector<const Cohort*>& cohorts, const std::string& location, Language lang) {
  plot::BarChartSpec spec;
  spec.y_label = Tr(lang, "chart.patients_percent");
  spec.y_max = 100;
  spec.decimals = 0;
  spec.label_angle_deg = -40;
  spec.category_groups = IndicationRuns(cohorts);
  if (spec.category_groups.size() < 2) spec.category_groups.clear();
  spec.series = {{.name = "ORR"}, {.name = "CRR"}};
  for (const Cohort* c : cohorts) {
    spec.categories.push_back(CohortLabel(*c));
    spec.series[0].values.push_back(Percent(*c, "orr", location));
    double cr = Percent(*c, "crr", location);
    if (std::isnan(cr)) cr = Percent(*c, "cr_cri", location);
    spec.series[1].values.push_back(cr);
  }
  return spec;
}

// The first median survival printed at `location`, of the first endpoint that has one.
const CohortValue* MedianOf(const Cohort& c, const std::string& location) {
  for (const auto& v : c.values) {
    if (v.prov.location == location && evidence::IsSurvivalKey(v.key) && v.kind == CohortValue::Kind::kMedian) return &v;
  }
  return nullptr;
}

// Median survival per cohort in months, "NR" where not reached: Fig. 5 (CD19) and Fig. 6A (BCMA).
// Cohorts without a median are listed in *missing.
plot::BarChartSpec MedianChart(const std::vector<const Cohort*>& cohorts, const std::string& location, Language lang,
                               std::vector<std::string>* missing) {
  plot::BarChartSpec spec;
  spec.y_label = Tr(lang, "chart.median_months");
  spec.decimals = 1;
  spec.label_angle_deg = -40;
  spec.series = {{.name = Tr(lang, "chart.median")}};
  std::vector<const Cohort*> drawn;
  for (const Cohort* c : cohorts) {
    const CohortValue* m = MedianOf(*c, location);
    if (m == nullptr) {
      missing->push_back(CohortLabel(*c));
      continue;
    }
    drawn.push_back(c);
    spec.categories.push_back(CohortLabel(*c) + " " + Upper(m->key.substr(0, m->key.find('_'))));
    spec.series[0].values.push_back(m->median.not_reached ? NAN : m->median.duration.months());
    spec.series[0].labels.push_back(m->median.not_reached ? "NR" : "");
  }
  spec.category_groups = IndicationRuns(drawn);
  if (spec.category_groups.size() < 2) spec.category_groups.clear();  // one indication: the caption says it
  return spec;
}

Figure ChartFigure(const std::string& id, const std::string& file, plot::BarChartSpec spec, const std::string& caption,
                   const std::string& note) {
  spec.title = caption;
  return Figure{id, file, caption, plot::BarChart(spec), note, "carta report --only " + id + " --out DIR"};
}

// Fig. 5 or 6A: the median chart, its caption, and a note naming the cohorts without a median.
Figure MedianFigure(const std::string& id, const std::string& file, const std::vector<const Cohort*>& cohorts,
                    const std::string& location, Language lang) {
  std::vector<std::string> missing;
  plot::BarChartSpec spec = MedianChart(cohorts, location, lang, &missing);
  std::string note = Tr(lang, id + ".note");
  if (!missing.empty()) note += " " + TrF(lang, "chart.no_median", {text::Join(missing, ", ")});
  return ChartFigure(id, file, spec, Tr(lang, id + ".caption"), note);
}

}  // namespace

std::vector<const Cohort*> CohortsAt(const evidence::EvidenceBase& eb, const std::string& location,
                                     const std::string& target) {
  std::vector<const Cohort*> out;
  for (const auto& c : eb.cohorts) {
    bool on_target = target.empty();
    for (const auto& t : c.targets) on_target = on_target || t == target;
    if (on_target && c.HasValuesFrom(location)) out.push_back(&c);
  }
  return out;
}

std::string CohortLabel(const Cohort& c) {
  // A construct described in words ("鼠 scFv，CD8α 铰链，…") is too long for a label; the trial names it.
  std::string label = !c.product_as_printed.empty() ? c.product_as_printed
                      : text::DisplayWidth(c.construct_as_printed) <= 16 ? c.construct_as_printed : "";
  const std::string trial = !c.acronym.empty() ? c.acronym : c.registry.empty() ? "" : c.registry.front();
  if (label.empty()) return trial.empty() ? c.id : trial;
  return trial.empty() ? label : label + " (" + trial + ")";
}

Section Cd19Section(const Context& ctx) {
  const Language lang = ctx.lang;
  Section s{"cd19", Tr(lang, "sec.cd19"), {}};
  const auto cohorts = CohortsAt(ctx.eb, "Table 3", "CD19");
  if (ctx.Want("table3")) s.Add(CohortTable(ctx, "table3", "Table 3", "CD19"));
  if (ctx.Want("fig4")) {
    s.Add(ChartFigure("fig4", "fig4_cd19_response.svg", ResponseChart(cohorts, "Table 3", lang), Tr(lang, "fig4.caption"),
                      Tr(lang, "fig4.note")));
  }
  if (ctx.Want("fig5")) s.Add(MedianFigure("fig5", "fig5_cd19_survival.svg", cohorts, "Table 3", lang));
  return s;
}

Section BcmaSection(const Context& ctx) {
  const Language lang = ctx.lang;
  Section s{"bcma", Tr(lang, "sec.bcma"), {}};
  const auto cohorts = CohortsAt(ctx.eb, "Table 4", "BCMA");
  if (ctx.Want("table4")) s.Add(CohortTable(ctx, "table4", "Table 4", "BCMA"));
  if (ctx.Want("fig6a")) s.Add(MedianFigure("fig6a", "fig6a_bcma_pfs.svg", cohorts, "Table 4", lang));
  if (ctx.Want("fig6b")) {
    s.Add(ChartFigure("fig6b", "fig6b_bcma_response.svg", ResponseChart(cohorts, "Table 4", lang),
                      Tr(lang, "fig6b.caption"), Tr(lang, "fig6b.note")));
  }
  return s;
}

}  // namespace carta::report::internal
