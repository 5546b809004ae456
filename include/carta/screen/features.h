// TF-IDF features of titles and abstracts for screening prioritisation, as
// ASReview's default feature extractor computes them (van de Schoot et al.
// 2021, Nat Mach Intell; scikit-learn's TfidfVectorizer): raw term counts ×
// smoothed inverse document frequency, each row scaled to unit L2 norm.
#ifndef CARTA_SCREEN_FEATURES_H_
#define CARTA_SCREEN_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "carta/biblio/record.h"

namespace carta::screen {

// A sparse matrix in compressed sparse row form: the entries of row i are
// col[row_start[i] .. row_start[i+1]) with values value[...], columns
// ascending within a row.
struct FeatureMatrix {
  size_t n_rows = 0;
  size_t n_cols = 0;
  std::vector<size_t> row_start;  // n_rows + 1 offsets
  std::vector<uint32_t> col;
  std::vector<double> value;
  std::vector<std::string> vocabulary;  // column -> token

  size_t nnz() const { return col.size(); }
};

struct FeatureOptions {
  int min_df = 1;  // a token in fewer documents than this is dropped
};

// The TF-IDF matrix of `texts` (one row per text). Tokens: text::FoldForMatch,
// split at every code point that is not a letter or digit, CJK runs as
// character bigrams. Weight of token t in document d: tf(t,d) · idf(t) with
// idf(t) = ln((1 + n) / (1 + df(t))) + 1 (scikit-learn's smooth_idf); rows are
// L2-normalised (an empty text gives an empty row). Columns are ordered by
// token, so the result does not depend on the order of first appearance.
FeatureMatrix BuildTfidf(const std::vector<std::string>& texts, const FeatureOptions& options = {});

// BuildTfidf of "title abstract" of each record; row i is records[i].
FeatureMatrix BuildRecordFeatures(const std::vector<biblio::Record>& records, const FeatureOptions& options = {});

}  // namespace carta::screen

#endif  // CARTA_SCREEN_FEATURES_H_
