// Simulation of a screening on a fully labelled set, and the metrics that
// compare prioritised screening with screening in random order. As ASReview's
// simulation mode (van de Schoot et al. 2021, Nat Mach Intell) and
// asreview-insights: prior knowledge is drawn first, then the model proposes
// and the known label is revealed, until every relevant record is found.
// Metrics count the records screened after the prior knowledge.
#ifndef CARTA_SCREEN_SIMULATE_H_
#define CARTA_SCREEN_SIMULATE_H_

#include <cstdint>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"
#include "carta/screen/features.h"
#include "carta/screen/ranker.h"

namespace carta::screen {

// Work saved over sampling at a recall level, in two definitions that agree
// up to rounding (doc/screen.md works an example of both).
enum class WssDefinition {
  // Cohen et al. 2006 (JAMIA 13:206): WSS@R = (TN + FN) / N − (1 − R),
  // taken where the ranking first reaches recall >= R: TN + FN are the
  // records not yet screened there.
  kCohen,
  // asreview-insights (metrics.py, _wss_values): records screened less than in
  // random order to find the k-th relevant record, divided by N, where k is the
  // largest count with k / n_relevant <= R (at least 1) and random order finds
  // the k-th at the first i (0-based) with round(n_relevant·i/(N−1)) >= k.
  kAsreview,
};

// WSS@`recall` of labels in screening order (1 relevant, 0 not); NaN when no
// record is relevant. REQUIRES: 0 < recall <= 1.
double WorkSavedOverSampling(const std::vector<uint8_t>& ranked_labels, double recall,
                             WssDefinition definition = WssDefinition::kAsreview);

// RRF@`fraction` (asreview-insights' recall at a screened fraction): the share
// of relevant records among the first floor(fraction · N) screened (0 when
// that is no record); NaN when no record is relevant. RRF@10 is fraction 0.10.
double RelevantRecordsFound(const std::vector<uint8_t>& ranked_labels, double fraction);

struct SimulationOptions {
  RankerOptions ranker;
  int prior_relevant = 1;    // prior knowledge: this many relevant records...
  int prior_irrelevant = 1;  // ...and this many irrelevant ones, drawn with `seed`
  uint64_t seed = 42;
  int batch = 1;             // records revealed between two trainings
};

struct SimulationResult {
  std::vector<uint32_t> prior;           // the prior-knowledge records
  std::vector<uint32_t> order;           // records screened after the priors, in order
  std::vector<uint8_t> ranked_labels;    // their labels, padded with 0 to every non-prior record
  // Recall curve: found[i] = relevant records among the first i + 1 of `order`.
  std::vector<uint32_t> found;
  size_t n_records = 0;                  // N of the metrics: records not in `prior`
  size_t n_relevant = 0;                 // relevant records not in `prior`
  double wss95 = 0;                      // WSS@95%, kAsreview definition
  double wss95_cohen = 0;                // WSS@95%, kCohen definition
  double rrf10 = 0;                      // RRF@10%
};

// Simulates screening `features` (row i = record i) whose true labels are
// `labels` (1 relevant, 0 not): priors, then train → reveal the top `batch`
// records → retrain, until all relevant records are found or none is left.
// Fails on sizes that differ, labels other than 0/1, batch < 1, or fewer
// relevant / irrelevant records than the priors ask for.
Result<SimulationResult> Simulate(const FeatureMatrix& features, const std::vector<uint8_t>& labels,
                                  const SimulationOptions& options = {});

// Simulate on BuildRecordFeatures(records).
Result<SimulationResult> Simulate(const std::vector<biblio::Record>& records, const std::vector<uint8_t>& labels,
                                  const SimulationOptions& options = {});

}  // namespace carta::screen

#endif  // CARTA_SCREEN_SIMULATE_H_
