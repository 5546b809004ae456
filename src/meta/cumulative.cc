#include "carta/meta/cumulative.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>

#include "carta/core/text.h"

namespace carta::meta {

namespace {

// The model of one study, as rma() reports it for k = 1: its effect with a
// z interval and no heterogeneity.
FitResult SingleStudyFit(double yi, double vi, const FitOptions& o) {
  FitResult f;
  f.method = o.method;
  f.knha = false;
  f.k = 1;
  f.p = 1;
  f.names = {"intrcpt"};
  f.estimate = yi;
  f.estimate_se = std::sqrt(vi);
  f.estimate_zval = yi / f.estimate_se;
  const boost::math::normal z;
  f.estimate_pval = 2 * boost::math::cdf(boost::math::complement(z, std::fabs(f.estimate_zval)));
  const double crit = boost::math::quantile(z, 1 - (1 - o.level) / 2);
  f.estimate_ci_lb = yi - crit * f.estimate_se;
  f.estimate_ci_ub = yi + crit * f.estimate_se;
  f.beta = {yi};
  f.se = {f.estimate_se};
  f.zval = {f.estimate_zval};
  f.pval = {f.estimate_pval};
  f.ci_lb = {f.estimate_ci_lb};
  f.ci_ub = {f.estimate_ci_ub};
  f.tau2 = f.I2 = f.Q = 0;
  f.se_tau2 = f.tau2_ci_lb = f.tau2_ci_ub = f.I2_ci_lb = f.I2_ci_ub = f.H2_ci_lb = f.H2_ci_ub = NAN;
  f.H2 = 1;
  f.Q_pval = 1;
  f.Q_df = 0;
  f.pi_lb = f.estimate_ci_lb;
  f.pi_ub = f.estimate_ci_ub;
  f.weights = {100};
  return f;
}

bool AllNumbers(const std::vector<std::string>& values) {
  return std::all_of(values.begin(), values.end(), [](const std::string& v) {
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    return !v.empty() && end && *end == '\0' && std::isfinite(x);
  });
}

}  // namespace

Result<std::vector<size_t>> CumulativeOrder(const std::vector<std::string>& values,
                                            const std::vector<std::string>& studies) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (text::Trim(values[i]).empty()) {
      return Status::InvalidArgument("study '" + (i < studies.size() ? studies[i] : std::to_string(i + 1)) +
                                     "' has no value to order by")
          .WithField("order");
    }
  }
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  if (AllNumbers(values)) {
    std::vector<double> x;
    for (const auto& v : values) x.push_back(std::strtod(v.c_str(), nullptr));
    std::stable_sort(order.begin(), order.end(), [&x](size_t a, size_t b) { return x[a] < x[b]; });
  } else {
    std::stable_sort(order.begin(), order.end(), [&values](size_t a, size_t b) { return values[a] < values[b]; });
  }
  return order;
}

Result<std::vector<CumulativeRow>> Cumulative(const AnalysisInput& input, Measure measure, const FitOptions& options) {
  if (input.studies.size() < 2) return Status::InvalidArgument("a cumulative meta-analysis needs at least 2 studies");
  if (input.formula) {
    return Status::InvalidArgument("a cumulative meta-analysis takes no moderators (as metafor's cumul())").WithField("mods");
  }
  const Measure m = input.counts ? measure : Measure::kGeneric;
  auto effects = EffectSizesOf(input, m);
  if (!effects.ok()) return effects.status();
  const auto& [yi, vi] = *effects;
  std::vector<CumulativeRow> rows;
  std::vector<long> ns;
  for (size_t i = 0; i < yi.size(); ++i) {
    ns.push_back(input.studies[i].n);
    CumulativeRow row;
    row.study = input.studies[i].study;
    if (i == 0) {
      row.fit = SingleStudyFit(yi[0], vi[0], options);
    } else {
      auto f = Fit(std::vector<double>(yi.begin(), yi.begin() + static_cast<long>(i) + 1),
                   std::vector<double>(vi.begin(), vi.begin() + static_cast<long>(i) + 1), Refit(options));
      if (!f.ok()) return f.status().WithContext("cumulative step " + std::to_string(i + 1) + " (adding " + row.study + ")");
      row.fit = std::move(*f);
    }
    if (input.counts) row.pooled = BackTransform(m, row.fit, HarmonicMean(ns));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace carta::meta
