// Cumulative meta-analysis (metafor's cumul()): the model refitted as the
// studies are added one at a time, in the order of a column (a year, a
// follow-up) or as given.
#ifndef CARTA_META_CUMULATIVE_H_
#define CARTA_META_CUMULATIVE_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/meta/analysis.h"

namespace carta::meta {

// One step: the model of the first `fit.k` studies.
struct CumulativeRow {
  std::string study;   // the study added at this step
  std::string order;   // its value of the ordering column; "" in input order
  FitResult fit;       // without the τ² interval (cumul() reports none)
  Proportions pooled;  // counts: the estimate and CI back-transformed (PFT with the harmonic mean of the n so far)
};

// The permutation that sorts `values` ascending, ties in input order (R's
// order()): numerically when every value is a number, else as text. Fails
// with InvalidArgument (field "order") naming the first study without a
// value (`studies` names them, in the same order).
Result<std::vector<size_t>> CumulativeOrder(const std::vector<std::string>& values,
                                            const std::vector<std::string>& studies);

// The model on the first 1, 2, ..., k studies of `input` in its order, as
// cumul() fits them: step 1 is the first study alone (its yi with a z
// interval; τ² = 0, Q = 0, I² = 0, H² = 1), later steps the model of
// `options` (Hartung-Knapp when asked). Fails as Fit() does, naming the step,
// and with InvalidArgument on fewer than 2 studies or with moderators
// (cumul() takes none).
Result<std::vector<CumulativeRow>> Cumulative(const AnalysisInput& input, Measure measure, const FitOptions& options);

}  // namespace carta::meta

#endif  // CARTA_META_CUMULATIVE_H_
