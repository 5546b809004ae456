// Screening prioritisation by active learning, ASReview's pipeline (van de
// Schoot et al. 2021, Nat Mach Intell): a classifier trained on the records
// labelled so far ranks the unlabelled ones, and the reviewer screens the
// most probably relevant next ("certainty-based" / maximum query). Relevance
// ranks; it never decides: every proposed record still gets a human decision.
#ifndef CARTA_SCREEN_RANKER_H_
#define CARTA_SCREEN_RANKER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/screen/features.h"

namespace carta::screen {

enum class ClassifierKind {
  // Multinomial naive Bayes on TF-IDF weights, ASReview 1.x's default model
  // (alpha = 3.822, ASReview's tuned value; McCallum & Nigam 1998).
  kNaiveBayes,
  // L2-penalised logistic regression, 0.5·|w|² + C·Σ weight_i·log(1 + e^(−y_i·(w·x_i + b))),
  // intercept unpenalised (as scikit-learn's LogisticRegression), fitted by L-BFGS
  // (Liu & Nocedal 1989) warm-started from the previous fit.
  kLogistic,
};

struct RankerOptions {
  ClassifierKind classifier = ClassifierKind::kNaiveBayes;
  double nb_alpha = 3.822;  // additive smoothing of naive Bayes
  double lr_c = 1.0;        // inverse L2 penalty of logistic regression
  // Weight each class by n / (2 · n_class) so the few relevant records count
  // as much as the many irrelevant ones (ASReview balances by resampling,
  // "double" balance; weighting is its deterministic counterpart).
  bool balance = true;
  uint64_t seed = 1;        // order of the cold-start proposals
};

// The next records to screen, best first.
struct Proposal {
  std::vector<uint32_t> records;
  // Predicted probability of relevance of each proposed record, in [0, 1];
  // empty in a cold start.
  std::vector<double> relevance;
  bool cold_start = false;
  std::string why;  // "ranked by naive Bayes on 3 included and 40 excluded records" or the cold-start reason
};

// The state of one screening: features, labels so far, the pool of records
// still to screen.
class Ranker {
 public:
  // Every row of `features` starts in the pool, unlabelled.
  // REQUIRES: `features` outlives the ranker.
  explicit Ranker(const FeatureMatrix* features, RankerOptions options = {});
  ~Ranker();
  Ranker(const Ranker&) = delete;
  Ranker& operator=(const Ranker&) = delete;

  // Records `record` as relevant (included) or not; a second label replaces
  // the first. Fails on a record out of range.
  Status Label(uint32_t record, bool relevant);

  // Takes `record` out of the pool without a label (a duplicate, a record
  // excluded by the criteria). Fails on a record out of range.
  Status Remove(uint32_t record);

  // The next `n` unlabelled records of the pool (fewer when fewer are left).
  // With at least one relevant and one irrelevant label: by predicted
  // relevance, highest first, ties to the lower index. Otherwise (cold start):
  // in a fixed pseudo-random order from `seed`, with `why` saying so.
  Proposal Next(size_t n);

  // The probability of relevance of every row under a model trained on the
  // current labels; fails in a cold start.
  Result<std::vector<double>> Scores();

  size_t n_relevant() const { return n_relevant_; }
  size_t n_irrelevant() const { return n_irrelevant_; }

 private:
  class Model;
  const FeatureMatrix* features_;
  RankerOptions options_;
  std::vector<int8_t> label_;     // -1 unlabelled, 0 irrelevant, 1 relevant
  std::vector<uint8_t> in_pool_;  // 1 while the record may still be proposed
  std::vector<uint32_t> cold_order_;
  size_t n_relevant_ = 0;
  size_t n_irrelevant_ = 0;
  std::unique_ptr<Model> model_;
};

}  // namespace carta::screen

#endif  // CARTA_SCREEN_RANKER_H_
