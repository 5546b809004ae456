#include "carta/meta/diagnostics.h"

#include <cmath>

namespace carta::meta {

namespace {

// The effect sizes of an intercept-only model of `input` and its fit.
struct Model {
  std::vector<double> yi, vi;
  FitResult fit;
};

Result<Model> FitModel(const AnalysisInput& input, Measure measure, const FitOptions& options, const char* plot) {
  if (input.formula) {
    return Status::InvalidArgument(std::string(plot) + " plots are drawn for models without moderators (as metafor's)")
        .WithField("mods");
  }
  auto e = EffectSizesOf(input, input.counts ? measure : Measure::kGeneric);
  if (!e.ok()) return e.status();
  Model m{std::move(e->first), std::move(e->second), {}};
  auto fit = Fit(m.yi, m.vi, Refit(options));
  if (!fit.ok()) return fit.status();
  m.fit = std::move(*fit);
  return m;
}

}  // namespace

Result<std::vector<BaujatPoint>> Baujat(const AnalysisInput& input, Measure measure, const FitOptions& options) {
  if (input.studies.size() < 3) return Status::InvalidArgument("a Baujat plot needs at least 3 studies");
  auto m = FitModel(input, measure, options, "Baujat");
  if (!m.ok()) return m.status();
  const double est = m->fit.estimate, tau2 = m->fit.tau2;
  std::vector<BaujatPoint> out;
  for (size_t i = 0; i < m->yi.size(); ++i) {
    std::vector<double> y, v;
    for (size_t j = 0; j < m->yi.size(); ++j) {
      if (j == i) continue;
      y.push_back(m->yi[j]);
      v.push_back(m->vi[j]);
    }
    auto without = Fit(y, v, Refit(options));
    if (!without.ok()) return without.status().WithContext("without " + input.studies[i].study);
    const double r = m->yi[i] - est, d = without->estimate - est;
    out.push_back({input.studies[i].study, r * r / (m->vi[i] + tau2),
                   d * d / (without->estimate_se * without->estimate_se)});
  }
  return out;
}

Result<RadialPlot> Radial(const AnalysisInput& input, Measure measure, const FitOptions& options) {
  auto m = FitModel(input, measure, options, "Radial");
  if (!m.ok()) return m.status();
  RadialPlot p;
  p.estimate = m->fit.estimate;
  p.ci_lb = m->fit.estimate_ci_lb;
  p.ci_ub = m->fit.estimate_ci_ub;
  p.tau2 = m->fit.tau2;
  p.level = options.level;
  p.yi = m->yi;
  for (size_t i = 0; i < m->yi.size(); ++i) {
    const double s = std::sqrt(m->vi[i] + p.tau2);
    p.study.push_back(input.studies[i].study);
    p.x.push_back(1 / s);
    p.y.push_back(m->yi[i] / s);
  }
  return p;
}

}  // namespace carta::meta
