#include "carta/report/survival_figures.h"

#include <algorithm>
#include <cmath>

namespace carta::report {

std::vector<double> RiskTimes(double t_max) {
  const double raw = t_max / 6, magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  }
  std::vector<double> out;
  for (double t = 0; t <= t_max + 1e-9; t += step) out.push_back(t);
  return out;
}

plot::KmCurve KmPlotCurve(const std::string& name, const survival::KaplanMeier& km, const std::vector<double>& risk_times) {
  plot::KmCurve c;
  c.name = name;
  for (const auto& s : km.steps) {
    c.time.push_back(s.time);
    c.survival.push_back(s.surv);
    if (s.n_censor > 0) c.censor_times.push_back(s.time);
  }
  for (double t : risk_times) c.at_risk.push_back(survival::SurvivalAt(km, t).n_risk);
  return c;
}

std::string ModelLegend(const survival::ParametricFit& fit) {
  std::string name = survival::DistName(fit.options.dist);
  if (fit.options.cure != survival::Cure::kNone) name += std::string(" ") + survival::CureName(fit.options.cure) + " cure";
  return name;
}

std::string KmFigure(plot::KaplanMeierSpec spec, const std::vector<std::string>& names,
                     const std::vector<survival::KaplanMeier>& curves) {
  double t_max = 0;
  for (const auto& km : curves) {
    if (!km.steps.empty()) t_max = std::max(t_max, km.steps.back().time);
  }
  spec.risk_times = RiskTimes(t_max);
  for (size_t g = 0; g < curves.size(); ++g) {
    spec.curves.push_back(KmPlotCurve(g < names.size() ? names[g] : "", curves[g], spec.risk_times));
  }
  return plot::KaplanMeierPlot(spec);
}

std::string ModelFigure(plot::KaplanMeierSpec spec, const survival::SurvData& data,
                        const std::vector<survival::ParametricFit>& fits, double x_max, const std::string& km_name,
                        const std::vector<std::string>& model_names) {
  spec.x_max = x_max;
  spec.risk_times = RiskTimes(x_max);
  auto km = survival::FitKaplanMeier(data.time, data.event);
  if (km.ok()) spec.curves.push_back(KmPlotCurve(km_name, *km, spec.risk_times));
  for (size_t i = 0; i < fits.size(); ++i) {
    const survival::ParametricFit& f = fits[i];
    plot::KmCurve c;
    c.name = i < model_names.size() ? model_names[i] : ModelLegend(f);
    for (int i = 0; i <= 300; ++i) {
      const double t = x_max * i / 300.0;
      c.time.push_back(t);
      c.survival.push_back(survival::FittedSurvival(f, t));
    }
    spec.curves.push_back(std::move(c));
  }
  return plot::KaplanMeierPlot(spec);
}

std::string ReconstructionFigure(plot::KaplanMeierSpec spec, const survival::Reconstruction& r,
                                 const std::string& digitised_name, const std::string& reconstructed_name) {
  plot::KmCurve digitised;
  digitised.name = digitised_name;
  for (const auto& p : r.curve) {
    digitised.time.push_back(p.time);
    digitised.survival.push_back(p.surv);
  }
  const double t_max = r.curve.empty() ? 1 : r.curve.back().time;
  spec.risk_times = RiskTimes(t_max);
  spec.curves.push_back(std::move(digitised));
  auto km = survival::FitKaplanMeier(r.patients.time, r.patients.event);
  if (km.ok()) spec.curves.push_back(KmPlotCurve(reconstructed_name, *km, spec.risk_times));
  return plot::KaplanMeierPlot(spec);
}

}  // namespace carta::report
