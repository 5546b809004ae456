// The simulator's figures as SVG documents, built in the library so that the
// command and the server draw the same: one patient's time courses, and a
// virtual trial's Kaplan–Meier PFS curve against the observed landmarks of
// the matching cohorts.
#ifndef CARTA_SIM_FIGURES_H_
#define CARTA_SIM_FIGURES_H_

#include <string>
#include <vector>

#include "carta/sim/patient.h"
#include "carta/sim/trial.h"

namespace carta::sim {

// One observed point of a cohort's survival curve: a landmark ("pfs_12mo":
// 12 months, the printed rate) or a median (survival 0.5 at the median).
struct ObservedLandmark {
  std::string cohort;    // the cohort's id
  std::string endpoint;  // "pfs", "efs" or "rfs"
  double months = 0;
  double survival = 0;             // fraction
  // A landmark's Clopper–Pearson 95% interval of survival × n (it ignores
  // censoring, so it is too narrow); lower = upper = survival for a median or
  // without an n.
  double lower = 0, upper = 0;
  long n = 0;  // the cohort's patients; 0 when not printed
};

// An SVG of the cell numbers (log10 axis) and IL-6 over days; one
// polyline.course per series. Never fails (an empty course draws the axes).
std::string CourseFigure(const std::string& title, const std::vector<TimePoint>& course);

// "Virtual trial: tisa-cel (Kymriah) in B-ALL": the title the front ends give TrialFigure.
std::string TrialFigureTitle(const Scenario& scenario);

// An SVG of the simulated PFS Kaplan–Meier curve (months; polyline.km-curve)
// with each observed landmark as a circle.landmark and its interval as a
// line.landmark-ci, labelled with the cohort id. Never fails.
std::string TrialFigure(const std::string& title, const TrialSummary& summary,
                        const std::vector<ObservedLandmark>& observed = {});

}  // namespace carta::sim

#endif  // CARTA_SIM_FIGURES_H_
