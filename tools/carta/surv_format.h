// Printing `carta surv` results: tables for a terminal, and stable JSON and
// CSV (keys listed in doc/cli.md).
#ifndef CARTA_TOOLS_SURV_FORMAT_H_
#define CARTA_TOOLS_SURV_FORMAT_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "carta/survival/compare.h"
#include "carta/survival/km.h"
#include "carta/survival/parametric.h"
#include "carta/survival/pool.h"
#include "carta/survival/pool_ipd.h"
#include "carta/survival/reconstruct.h"
#include "output.h"

namespace carta::cli {

// Kaplan–Meier per group, with landmarks, RMST and (2+ groups) the tests.
struct KmReport {
  std::vector<std::string> groups;             // "" for data without groups
  std::vector<survival::KaplanMeier> curves;   // one per group
  std::vector<double> at_times;                // landmarks, data units
  double rmst_horizon = 0;                     // 0: no RMST
  std::optional<survival::LogRankResult> logrank;
  std::optional<survival::CoxResult> cox;
  std::string cox_note;                        // why there is no Cox model, when there are groups
  bool steps = false;                          // the whole curve in JSON (CSV always has it)
};
void PrintKm(const KmReport& r, Format format, std::ostream& out);

// Patient rows (CSV by default) or {"patients", "quality", "preprocessing"}.
// In CSV the notes go to `notes` (stderr) so that the rows can be piped.
void PrintReconstruction(const survival::Reconstruction& r, Format format, std::ostream& out, std::ostream& notes);

// One or more parametric fits; `time_unit` names the data's unit.
void PrintFits(const std::vector<survival::ParametricFit>& fits, const std::string& time_unit, Format format,
               std::ostream& out);

void PrintPool(const survival::LandmarkPool& pool, Format format, std::ostream& out);

// Patient data of several studies pooled, stratified by study (pool_ipd.h).
void PrintIpdPool(const survival::IpdPool& pool, Format format, std::ostream& out);

// The Cox model's JSON object (doc/cli.md, `carta surv km`).
api::Json CoxJson(const survival::CoxResult& c);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_SURV_FORMAT_H_
