// TF-IDF as scikit-learn's TfidfVectorizer computes it with its defaults
// (smooth_idf, norm="l2"), the feature extractor of ASReview's default model
// (van de Schoot et al. 2021, Nat Mach Intell); tokens from text_keys.h.
#include "carta/screen/features.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "text_keys.h"

namespace carta::screen {
namespace {

// Each document as (token id, count) pairs, token ids in order of first appearance.
struct Counted {
  std::vector<std::string> tokens;                        // id -> token
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> docs;
  std::vector<uint32_t> df;                               // id -> documents containing it
};

Counted CountTokens(const std::vector<std::string>& texts) {
  Counted c;
  std::unordered_map<std::string, uint32_t> id_of;
  c.docs.resize(texts.size());
  for (size_t d = 0; d < texts.size(); ++d) {
    std::unordered_map<uint32_t, uint32_t> counts;
    for (std::string& t : internal::Tokens(texts[d])) {
      auto [it, inserted] = id_of.try_emplace(std::move(t), static_cast<uint32_t>(c.tokens.size()));
      if (inserted) {
        c.tokens.push_back(it->first);
        c.df.push_back(0);
      }
      ++counts[it->second];
    }
    for (const auto& [id, n] : counts) {
      ++c.df[id];
      c.docs[d].emplace_back(id, n);
    }
  }
  return c;
}

}  // namespace

FeatureMatrix BuildTfidf(const std::vector<std::string>& texts, const FeatureOptions& options) {
  const Counted c = CountTokens(texts);
  // Columns: kept tokens in token order.
  std::vector<uint32_t> by_token(c.tokens.size());
  for (uint32_t i = 0; i < by_token.size(); ++i) by_token[i] = i;
  std::sort(by_token.begin(), by_token.end(), [&](uint32_t a, uint32_t b) { return c.tokens[a] < c.tokens[b]; });
  FeatureMatrix m;
  std::vector<int64_t> column_of(c.tokens.size(), -1);
  std::vector<double> idf;
  const double n = static_cast<double>(texts.size());
  for (uint32_t id : by_token) {
    if (c.df[id] < static_cast<uint32_t>(std::max(options.min_df, 1))) continue;
    column_of[id] = static_cast<int64_t>(m.vocabulary.size());
    m.vocabulary.push_back(c.tokens[id]);
    idf.push_back(std::log((1 + n) / (1 + c.df[id])) + 1);
  }
  m.n_rows = texts.size();
  m.n_cols = m.vocabulary.size();
  m.row_start.push_back(0);
  std::vector<std::pair<uint32_t, double>> row;
  for (const auto& doc : c.docs) {
    row.clear();
    double norm2 = 0;
    for (const auto& [id, count] : doc) {
      if (column_of[id] < 0) continue;
      const uint32_t col = static_cast<uint32_t>(column_of[id]);
      const double w = count * idf[col];
      row.emplace_back(col, w);
      norm2 += w * w;
    }
    std::sort(row.begin(), row.end());
    const double scale = norm2 > 0 ? 1 / std::sqrt(norm2) : 0;
    for (const auto& [col, w] : row) {
      m.col.push_back(col);
      m.value.push_back(w * scale);
    }
    m.row_start.push_back(m.col.size());
  }
  return m;
}

FeatureMatrix BuildRecordFeatures(const std::vector<biblio::Record>& records, const FeatureOptions& options) {
  std::vector<std::string> texts;
  texts.reserve(records.size());
  for (const biblio::Record& r : records) texts.push_back(r.title + " " + r.abstract);
  return BuildTfidf(texts, options);
}

}  // namespace carta::screen
