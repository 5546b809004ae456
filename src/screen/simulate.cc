// ASReview-style simulation (van de Schoot et al. 2021, Nat Mach Intell):
// prior knowledge, then train → screen the top `batch` → reveal → retrain.
#include "carta/screen/simulate.h"

#include <random>

namespace carta::screen {
namespace {

Status CheckInput(const FeatureMatrix& x, const std::vector<uint8_t>& labels, const SimulationOptions& o) {
  if (labels.size() != x.n_rows) {
    return Status::InvalidArgument(std::to_string(labels.size()) + " labels for " + std::to_string(x.n_rows) +
                                   " records");
  }
  size_t relevant = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] > 1) return Status::InvalidArgument("label of record " + std::to_string(i) + " is not 0 or 1");
    relevant += labels[i];
  }
  if (o.batch < 1) return Status::InvalidArgument("batch must be at least 1");
  if (o.prior_relevant < 0 || o.prior_irrelevant < 0 || static_cast<size_t>(o.prior_relevant) > relevant ||
      static_cast<size_t>(o.prior_irrelevant) > labels.size() - relevant) {
    return Status::InvalidArgument("prior knowledge of " + std::to_string(o.prior_relevant) + " relevant and " +
                                   std::to_string(o.prior_irrelevant) + " irrelevant records, but the set has " +
                                   std::to_string(relevant) + " and " + std::to_string(labels.size() - relevant));
  }
  return Status::Ok();
}

// `k` records with label `want`, drawn without replacement by a seeded
// partial Fisher–Yates shuffle.
std::vector<uint32_t> Draw(const std::vector<uint8_t>& labels, uint8_t want, int k, std::mt19937_64* rng) {
  std::vector<uint32_t> pool;
  for (uint32_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == want) pool.push_back(i);
  }
  for (size_t i = 0; i < static_cast<size_t>(k); ++i) std::swap(pool[i], pool[i + (*rng)() % (pool.size() - i)]);
  pool.resize(static_cast<size_t>(k));
  return pool;
}

}  // namespace

Result<SimulationResult> Simulate(const FeatureMatrix& features, const std::vector<uint8_t>& labels,
                                  const SimulationOptions& options) {
  if (Status s = CheckInput(features, labels, options); !s.ok()) return s;
  std::mt19937_64 rng(options.seed);
  SimulationResult r;
  r.prior = Draw(labels, 1, options.prior_relevant, &rng);
  for (uint32_t i : Draw(labels, 0, options.prior_irrelevant, &rng)) r.prior.push_back(i);
  Ranker ranker(&features, options.ranker);
  size_t relevant_left = 0;
  for (uint8_t v : labels) relevant_left += v;
  for (uint32_t i : r.prior) {
    if (Status s = ranker.Label(i, labels[i] == 1); !s.ok()) return s;
    relevant_left -= labels[i];
  }
  r.n_records = labels.size() - r.prior.size();
  r.n_relevant = relevant_left;
  uint32_t found = 0;
  while (relevant_left > 0) {
    const Proposal next = ranker.Next(static_cast<size_t>(options.batch));
    if (next.records.empty()) break;
    for (uint32_t i : next.records) {
      if (Status s = ranker.Label(i, labels[i] == 1); !s.ok()) return s;
      r.order.push_back(i);
      r.ranked_labels.push_back(labels[i]);
      found += labels[i];
      relevant_left -= labels[i];
      r.found.push_back(found);
    }
  }
  // Records never screened are irrelevant (all relevant ones were found).
  r.ranked_labels.resize(r.n_records, 0);
  if (r.n_relevant > 0) {
    r.wss95 = WorkSavedOverSampling(r.ranked_labels, 0.95, WssDefinition::kAsreview);
    r.wss95_cohen = WorkSavedOverSampling(r.ranked_labels, 0.95, WssDefinition::kCohen);
    r.rrf10 = RelevantRecordsFound(r.ranked_labels, 0.10);
  }
  return r;
}

Result<SimulationResult> Simulate(const std::vector<biblio::Record>& records, const std::vector<uint8_t>& labels,
                                  const SimulationOptions& options) {
  return Simulate(BuildRecordFeatures(records), labels, options);
}

}  // namespace carta::screen
