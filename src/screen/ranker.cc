// The active-learning loop's state: labels, pool, model, and certainty-based
// querying (ASReview's "max" query strategy; van de Schoot et al. 2021).
#include "carta/screen/ranker.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "classifiers.h"

namespace carta::screen {

// The classifier and, for logistic regression, the last fit to warm-start from.
class Ranker::Model {
 public:
  explicit Model(const RankerOptions& options) : options_(options) {}

  void Fit(const FeatureMatrix& x, const std::vector<int8_t>& label) {
    internal::TrainingSet t;
    for (uint32_t i = 0; i < label.size(); ++i) {
      if (label[i] < 0) continue;
      t.rows.push_back(i);
      t.y.push_back(static_cast<uint8_t>(label[i]));
    }
    t.weight = internal::ClassWeights(t.y, options_.balance);
    if (options_.classifier == ClassifierKind::kNaiveBayes) {
      fit_ = internal::FitNaiveBayes(x, t, options_.nb_alpha);
    } else {
      fit_ = internal::FitLogistic(x, t, options_.lr_c, std::move(fit_));
    }
  }

  const internal::LinearModel& fit() const { return fit_; }

 private:
  RankerOptions options_;
  internal::LinearModel fit_;
};

namespace {

double Sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }

// A permutation of 0..n-1 by Fisher–Yates with a 64-bit Mersenne twister,
// the same on every platform (std::shuffle's use of the engine is not).
std::vector<uint32_t> SeededOrder(size_t n, uint64_t seed) {
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::mt19937_64 rng(seed);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

const char* ClassifierName(ClassifierKind kind) {
  return kind == ClassifierKind::kNaiveBayes ? "naive Bayes" : "logistic regression";
}

}  // namespace

Ranker::Ranker(const FeatureMatrix* features, RankerOptions options)
    : features_(features),
      options_(options),
      label_(features->n_rows, -1),
      in_pool_(features->n_rows, 1),
      cold_order_(SeededOrder(features->n_rows, options.seed)),
      model_(std::make_unique<Model>(options)) {}

Ranker::~Ranker() = default;

Status Ranker::Label(uint32_t record, bool relevant) {
  if (record >= label_.size()) {
    return Status::InvalidArgument("record " + std::to_string(record) + " is out of range (" +
                                   std::to_string(label_.size()) + " rows)");
  }
  if (label_[record] == 1) --n_relevant_;
  if (label_[record] == 0) --n_irrelevant_;
  label_[record] = relevant ? 1 : 0;
  ++(relevant ? n_relevant_ : n_irrelevant_);
  in_pool_[record] = 0;
  return Status::Ok();
}

Status Ranker::Remove(uint32_t record) {
  if (record >= in_pool_.size()) {
    return Status::InvalidArgument("record " + std::to_string(record) + " is out of range (" +
                                   std::to_string(in_pool_.size()) + " rows)");
  }
  in_pool_[record] = 0;
  return Status::Ok();
}

Result<std::vector<double>> Ranker::Scores() {
  if (n_relevant_ == 0 || n_irrelevant_ == 0) {
    return Status::InvalidArgument("no model yet: it needs at least one relevant and one irrelevant label");
  }
  model_->Fit(*features_, label_);
  std::vector<double> p(features_->n_rows);
  for (uint32_t i = 0; i < p.size(); ++i) p[i] = Sigmoid(internal::LogOdds(*features_, i, model_->fit()));
  return p;
}

Proposal Ranker::Next(size_t n) {
  Proposal out;
  if (n_relevant_ == 0 || n_irrelevant_ == 0) {
    out.cold_start = true;
    out.why = "cold start: " + std::to_string(n_relevant_) + " relevant and " + std::to_string(n_irrelevant_) +
              " irrelevant labels; the model needs at least one of each, so records come in a fixed "
              "pseudo-random order (seed " + std::to_string(options_.seed) + ")";
    for (uint32_t i : cold_order_) {
      if (out.records.size() == n) break;
      if (in_pool_[i]) out.records.push_back(i);
    }
    return out;
  }
  model_->Fit(*features_, label_);
  std::vector<std::pair<double, uint32_t>> ranked;  // (−log-odds, row): ascending = best first
  for (uint32_t i = 0; i < in_pool_.size(); ++i) {
    if (in_pool_[i]) ranked.emplace_back(-internal::LogOdds(*features_, i, model_->fit()), i);
  }
  const size_t k = std::min(n, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(k), ranked.end());
  for (size_t i = 0; i < k; ++i) {
    out.records.push_back(ranked[i].second);
    out.relevance.push_back(Sigmoid(-ranked[i].first));
  }
  out.why = std::string("ranked by ") + ClassifierName(options_.classifier) + " trained on " +
            std::to_string(n_relevant_) + " relevant and " + std::to_string(n_irrelevant_) + " irrelevant records";
  return out;
}

}  // namespace carta::screen
