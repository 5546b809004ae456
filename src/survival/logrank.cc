// The log-rank test, as survdiff() of R survival (rho = 0).
#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <map>
#include <numeric>

#include "carta/survival/compare.h"

namespace carta::survival {

namespace {

// Group index per patient, with the sorted labels.
std::vector<size_t> GroupIndex(const SurvData& data, const std::vector<std::string>& levels) {
  std::map<std::string, size_t> index;
  for (size_t g = 0; g < levels.size(); ++g) index[levels[g]] = g;
  std::vector<size_t> out(data.size());
  for (size_t i = 0; i < data.size(); ++i) out[i] = index[data.group[i]];
  return out;
}

// Observed and expected events and their hypergeometric covariance, summed
// over the distinct event times (Mantel 1966).
void AccumulateMoments(const SurvData& data, const std::vector<size_t>& g, LogRankResult* r, Eigen::MatrixXd* var) {
  const size_t k = r->groups.size(), n = data.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return data.time[a] < data.time[b]; });
  std::vector<double> at_risk(k, 0);
  for (size_t i = 0; i < n; ++i) at_risk[g[i]] += 1;
  for (size_t i = 0; i < n;) {
    const double t = data.time[order[i]];
    std::vector<double> deaths(k, 0), leaving(k, 0);
    for (; i < n && data.time[order[i]] == t; ++i) {
      deaths[g[order[i]]] += data.event[order[i]];
      leaving[g[order[i]]] += 1;
    }
    const double d = std::accumulate(deaths.begin(), deaths.end(), 0.0);
    const double nr = std::accumulate(at_risk.begin(), at_risk.end(), 0.0);
    if (d > 0) {
      const double factor = nr > 1 ? d * (nr - d) / (nr * (nr - 1)) : 0.0;
      for (size_t a = 0; a < k; ++a) {
        r->observed[a] += deaths[a];
        r->expected[a] += d * at_risk[a] / nr;
        for (size_t b = 0; b < k; ++b) {
          (*var)(a, b) += factor * at_risk[a] * ((a == b ? nr : 0.0) - at_risk[b]) / nr;
        }
      }
    }
    for (size_t a = 0; a < k; ++a) at_risk[a] -= leaving[a];
  }
}

}  // namespace

Result<LogRankResult> LogRankTest(const SurvData& data) {
  if (Status s = ValidateSurvData(data); !s.ok()) return s;
  const std::vector<std::string> levels = GroupLevels(data);
  if (levels.size() < 2) return Status::InvalidArgument("the log-rank test needs at least two groups");
  const size_t k = levels.size();
  const std::vector<size_t> g = GroupIndex(data, levels);
  LogRankResult r;
  r.groups = levels;
  r.n.assign(k, 0);
  for (size_t i : g) r.n[i]++;
  r.observed.assign(k, 0);
  r.expected.assign(k, 0);
  Eigen::MatrixXd var = Eigen::MatrixXd::Zero(k, k);
  AccumulateMoments(data, g, &r, &var);
  r.variance.assign(var.data(), var.data() + k * k);  // symmetric: storage order does not matter
  std::vector<size_t> used;  // groups with E > 0, as survdiff; the first of them is dropped
  for (size_t a = 0; a < k; ++a) {
    if (r.expected[a] > 0) used.push_back(a);
  }
  r.df = static_cast<int>(used.size()) - 1;
  if (r.df < 1) return r;
  Eigen::VectorXd diff(r.df);
  Eigen::MatrixXd v(r.df, r.df);
  for (int a = 0; a < r.df; ++a) {
    diff(a) = r.observed[used[a + 1]] - r.expected[used[a + 1]];
    for (int b = 0; b < r.df; ++b) v(a, b) = var(used[a + 1], used[b + 1]);
  }
  r.chisq = diff.dot(v.fullPivLu().solve(diff));
  r.pval = boost::math::cdf(boost::math::complement(boost::math::chi_squared(r.df), r.chisq));
  return r;
}

}  // namespace carta::survival
