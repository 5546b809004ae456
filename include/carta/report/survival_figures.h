// Survival figures from carta::survival results, drawn with carta::plot:
// Kaplan–Meier curves with numbers at risk, fitted models extrapolated over
// the Kaplan–Meier estimate, and reconstructed vs digitised curves. Shared by
// `carta surv --svg` and the report.
#ifndef CARTA_REPORT_SURVIVAL_FIGURES_H_
#define CARTA_REPORT_SURVIVAL_FIGURES_H_

#include <string>
#include <vector>

#include "carta/plot/km_plot.h"
#include "carta/survival/km.h"
#include "carta/survival/parametric.h"
#include "carta/survival/reconstruct.h"

namespace carta::report {

// About six evenly spaced round times from 0 to `t_max` (data units), for the numbers at risk.
std::vector<double> RiskTimes(double t_max);

// A Kaplan–Meier estimate as a plotted curve: steps, censor marks, numbers at risk at `risk_times`.
plot::KmCurve KmPlotCurve(const std::string& name, const survival::KaplanMeier& km, const std::vector<double>& risk_times);

// "weibull", "weibull mixture cure": a fitted model's legend entry.
std::string ModelLegend(const survival::ParametricFit& fit);

// `spec` brings the words (title, axis labels, at-risk title); the curves and
// the risk times are filled in here.
// One curve per group (`names` one per curve).
std::string KmFigure(plot::KaplanMeierSpec spec, const std::vector<std::string>& names,
                     const std::vector<survival::KaplanMeier>& curves);
// The data's Kaplan–Meier estimate (legend `km_name`) with each fitted model
// drawn on to x_max (data units), the extrapolation, as a NICE appraisal shows
// it. `model_names` gives the fits' legend entries (missing ones: ModelLegend).
std::string ModelFigure(plot::KaplanMeierSpec spec, const survival::SurvData& data,
                        const std::vector<survival::ParametricFit>& fits, double x_max, const std::string& km_name,
                        const std::vector<std::string>& model_names = {});
// The digitised points against the Kaplan–Meier estimate of the reconstructed patients.
std::string ReconstructionFigure(plot::KaplanMeierSpec spec, const survival::Reconstruction& r,
                                 const std::string& digitised_name, const std::string& reconstructed_name);

}  // namespace carta::report

#endif  // CARTA_REPORT_SURVIVAL_FIGURES_H_
