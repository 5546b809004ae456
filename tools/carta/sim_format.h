// How `carta sim` prints and draws: the time-course figure of one virtual
// patient and the Kaplan–Meier figure of a virtual trial.
#ifndef CARTA_TOOLS_SIM_FORMAT_H_
#define CARTA_TOOLS_SIM_FORMAT_H_

#include <string>
#include <vector>

#include "carta/sim/patient.h"
#include "carta/sim/trial.h"

namespace carta::cli {

// An SVG of the cell numbers (log10 axis) and IL-6 over days.
std::string CourseFigure(const std::string& title, const std::vector<sim::TimePoint>& course);

// An SVG of the simulated PFS Kaplan–Meier curve (months).
std::string TrialFigure(const std::string& title, const sim::TrialSummary& s);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_SIM_FORMAT_H_
