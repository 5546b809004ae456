// The worked example of long-term survival (README): a Kaplan–Meier estimate
// with numbers at risk, and parametric and mixture-cure models extrapolated to
// 10 years over it, with the cure fraction and 5- and 10-year survival.
#include <cmath>

#include "carta/evidence/time_unit.h"
#include "carta/plot/svg.h"
#include "carta/report/survival_figures.h"
#include "carta/survival/data.h"
#include "sections.h"
#include "strings.h"

namespace carta::report::internal {
namespace {

// Time units per year for the example's time column.
double UnitsPerYear(const std::string& unit) {
  auto u = evidence::ParseTimeUnit(unit);
  return u.ok() ? evidence::YearsIn(*u, 1) : 12;  // months when the unit is not named
}

std::string Percent(double p) { return std::isfinite(p) ? plot::FormatFixed(100 * p, 1) + "%" : "NA"; }

std::string WithCi(double est, double lb, double ub) {
  return Percent(est) + " [" + Percent(lb) + ", " + Percent(ub) + "]";
}

}  // namespace

Result<Section> SurvivalSection(const Context& ctx) {
  const Language lang = ctx.lang;
  const ReportOptions& o = ctx.options;
  Section s{"survival", Tr(lang, "sec.survival"), {}};
  if (o.example_csv.empty() || !(ctx.Want("fig_km") || ctx.Want("fig_cure") || ctx.Want("table_cure"))) return s;
  survival::SurvColumns cols;
  cols.time = o.example_time_col;
  cols.event = o.example_event_col;
  auto data = survival::ParseSurvCsv(o.example_csv, o.example_file, cols);
  if (!data.ok()) return data.status();
  data->group.clear();
  s.Text(TrF(lang, "survival.intro", {o.example_file, std::to_string(data->size()), std::to_string(data->Events())}));
  plot::KaplanMeierSpec words;
  words.x_label = TrF(lang, "survival.time_axis", {Tr(lang, "unit." + o.example_time_unit)});
  words.y_label = Tr(lang, "survival.y_axis");
  words.at_risk_title = Tr(lang, "survival.at_risk");
  const std::string input = " --input " + o.example_file + " --time-col " + o.example_time_col + " --event-col " +
                            o.example_event_col + " --time-unit " + o.example_time_unit;
  if (ctx.Want("fig_km")) {
    auto km = survival::FitKaplanMeier(data->time, data->event);
    if (!km.ok()) return km.status();
    plot::KaplanMeierSpec spec = words;
    spec.title = Tr(lang, "fig_km.caption");
    s.Add(Figure{"fig_km", "fig_km_example.svg", spec.title, KmFigure(spec, {Tr(lang, "survival.all_patients")}, {*km}),
                 "", "carta surv km" + input + " --svg fig_km_example.svg"});
  }
  const double per_year = UnitsPerYear(o.example_time_unit);
  std::vector<survival::ParametricFit> fits;
  for (survival::Cure cure : {survival::Cure::kNone, survival::Cure::kMixture}) {
    survival::ParametricOptions po;
    po.dist = survival::Dist::kWeibull;
    po.cure = cure;
    po.predict_times = {5 * per_year, 10 * per_year};
    auto f = survival::FitParametric(*data, po);
    if (!f.ok()) {
      ctx.notes->push_back("fig_cure: " + f.status().message());
      return s;
    }
    fits.push_back(std::move(*f));
  }
  if (ctx.Want("table_cure")) {
    Table t{"table_cure", "table_cure_example.csv", Tr(lang, "table_cure.caption"),
            {Tr(lang, "cure.model"), "AIC", Tr(lang, "cure.fraction"), Tr(lang, "cure.surv5"), Tr(lang, "cure.surv10")},
            {}, Tr(lang, "table_cure.note"), "carta surv fit" + input + " --dist weibull --cure mixture"};
    for (const auto& f : fits) {
      const bool cure = f.options.cure != survival::Cure::kNone;
      t.rows.push_back({Tr(lang, cure ? "cure.weibull_mixture" : "cure.weibull"), plot::FormatFixed(f.aic, 1),
                        cure ? WithCi(f.cure_fraction, f.cure_fraction_lb, f.cure_fraction_ub) : "",
                        WithCi(f.predictions[0].surv, f.predictions[0].lower, f.predictions[0].upper),
                        WithCi(f.predictions[1].surv, f.predictions[1].lower, f.predictions[1].upper)});
    }
    s.Add(std::move(t));
  }
  if (ctx.Want("fig_cure")) {
    plot::KaplanMeierSpec spec = words;
    spec.title = Tr(lang, "fig_cure.caption");
    double x_max = 10 * per_year;
    for (double t : data->time) x_max = std::max(x_max, t);
    s.Add(Figure{"fig_cure", "fig_cure_example.svg", spec.title,
                 ModelFigure(spec, *data, fits, x_max, Tr(lang, "survival.km"),
                             {Tr(lang, "cure.weibull"), Tr(lang, "cure.weibull_mixture")}), Tr(lang, "fig_cure.note"),
                 "carta surv fit" + input + " --dist weibull --cure mixture --svg fig_cure_example.svg"});
  }
  return s;
}

}  // namespace carta::report::internal
