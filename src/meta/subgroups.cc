#include "carta/meta/subgroups.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace carta::meta {

namespace {

// metafor's fit of a single study (method "k1"): the study's own estimate.
FitResult SingleStudy(double y, double v, const FitOptions& o) {
  FitResult r;
  r.method = o.method;
  r.k = 1;
  r.p = 1;
  r.names = {"intrcpt"};
  const double se = std::sqrt(v);
  const double crit = boost::math::quantile(boost::math::normal(), 1 - (1 - o.level) / 2);
  r.estimate = y;
  r.estimate_se = se;
  r.estimate_zval = y / se;
  r.estimate_pval = 2 * boost::math::cdf(boost::math::complement(boost::math::normal(), std::fabs(y / se)));
  r.estimate_ci_lb = y - crit * se;
  r.estimate_ci_ub = y + crit * se;
  r.beta = {y};
  r.se = {se};
  r.zval = {r.estimate_zval};
  r.pval = {r.estimate_pval};
  r.ci_lb = {r.estimate_ci_lb};
  r.ci_ub = {r.estimate_ci_ub};
  r.Q_pval = 1;
  r.H2 = 1;
  r.pi_lb = r.estimate_ci_lb;
  r.pi_ub = r.estimate_ci_ub;
  r.se_tau2 = r.tau2_ci_lb = r.tau2_ci_ub = r.I2_ci_lb = r.I2_ci_ub = r.H2_ci_lb = r.H2_ci_ub = NAN;
  r.weights = {100};
  return r;
}

}  // namespace

Result<SubgroupAnalysis> FitSubgroups(const std::vector<double>& yi, const std::vector<double>& vi,
                                      const std::vector<std::string>& group, const FitOptions& o) {
  if (group.size() != yi.size() || vi.size() != yi.size()) {
    return Status::InvalidArgument("every study needs a subgroup label");
  }
  std::vector<std::string> levels = group;
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  if (levels.size() < 2) return Status::InvalidArgument("a subgroup analysis needs at least 2 subgroups");

  SubgroupAnalysis a;
  std::vector<double> est, var;
  for (const auto& g : levels) {
    std::vector<double> y, v;
    for (size_t i = 0; i < yi.size(); ++i) {
      if (group[i] == g) {
        y.push_back(yi[i]);
        v.push_back(vi[i]);
      }
    }
    SubgroupFit sf;
    sf.group = g;
    sf.k = static_cast<int>(y.size());
    if (y.size() == 1) {
      sf.fit = SingleStudy(y[0], v[0], o);
    } else {
      auto r = Fit(y, v, o);
      if (!r.ok()) return r.status().WithContext("subgroup '" + g + "'");
      sf.fit = std::move(*r);
    }
    est.push_back(sf.fit.estimate);
    var.push_back(sf.fit.estimate_se * sf.fit.estimate_se);
    a.separate.push_back(std::move(sf));
  }
  // Test of subgroup differences with separate τ²: Cochran's Q of the
  // subgroup estimates (metafor: rma(est, sei, mods = ~ factor(group), method = "FE")).
  FitOptions fe;
  fe.method = Method::kEE;
  auto between = Fit(est, var, fe);
  if (!between.ok()) return between.status().WithContext("test between subgroups");
  a.Q_between = between->Q;
  a.Q_between_df = between->Q_df;
  a.Q_between_pval = between->Q_pval;

  // Common τ²: the subgroup as a moderator. Without an intercept the
  // coefficients are the subgroup estimates; with one, QM tests differences.
  const size_t k = yi.size(), G = levels.size();
  std::vector<double> x_cell(k * G, 0.0), x_int(k * G, 0.0);
  for (size_t i = 0; i < k; ++i) {
    size_t gi = std::find(levels.begin(), levels.end(), group[i]) - levels.begin();
    x_cell[i * G + gi] = 1;
    x_int[i * G] = 1;
    if (gi > 0) x_int[i * G + gi] = 1;
  }
  auto common = Fit(yi, vi, o, x_cell, levels);
  if (!common.ok()) return common.status().WithContext("common-tau2 model");
  auto with_int = Fit(yi, vi, o, x_int);
  if (!with_int.ok()) return with_int.status().WithContext("common-tau2 model");
  a.common = std::move(*common);
  a.QM = with_int->QM;
  a.QM_df = with_int->QM_df;
  a.QM_pval = with_int->QM_pval;
  return a;
}

}  // namespace carta::meta
