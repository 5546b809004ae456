// The Cox proportional-hazards model for a group covariate (Cox 1972) with
// Efron's (1977) approximation for tied event times, as coxph() of R survival.
#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>

#include "carta/survival/compare.h"

namespace carta::survival {

namespace {

// The design: one 0/1 column per non-reference group, rows in time order
// within each stratum; `stratum_end` holds the end row of each stratum.
struct Design {
  std::vector<double> time;
  std::vector<int> event;
  Eigen::MatrixXd x;
  std::vector<Eigen::Index> stratum_end;
};

struct PartialLikelihood {
  double loglik = 0;
  Eigen::VectorXd score;       // U(β)
  Eigen::MatrixXd information; // −∂²l/∂β²
};

// Efron's log partial likelihood, score and information of rows [begin, end)
// (one stratum) at β, added to *out. Risk-set sums are accumulated from the
// latest time backwards.
void EfronStratum(const Design& d, const Eigen::VectorXd& beta, Eigen::Index begin, Eigen::Index end,
                  PartialLikelihood* acc) {
  const Eigen::Index p = d.x.cols();
  PartialLikelihood& out = *acc;
  double s0 = 0;
  Eigen::VectorXd s1 = Eigen::VectorXd::Zero(p);
  Eigen::MatrixXd s2 = Eigen::MatrixXd::Zero(p, p);
  for (Eigen::Index i = end - 1; i >= begin;) {
    const double t = d.time[i];
    double s0_dead = 0, deaths = 0;
    Eigen::VectorXd s1_dead = Eigen::VectorXd::Zero(p);
    Eigen::MatrixXd s2_dead = Eigen::MatrixXd::Zero(p, p);
    for (; i >= begin && d.time[i] == t; --i) {
      const Eigen::VectorXd xi = d.x.row(i).transpose();
      const double w = std::exp(xi.dot(beta));
      s0 += w;
      s1 += w * xi;
      s2 += w * xi * xi.transpose();
      if (!d.event[i]) continue;
      deaths += 1;
      s0_dead += w;
      s1_dead += w * xi;
      s2_dead += w * xi * xi.transpose();
      out.loglik += xi.dot(beta);
      out.score += xi;
    }
    for (int r = 0; r < deaths; ++r) {
      const double f = r / deaths;
      const double den = s0 - f * s0_dead;
      const Eigen::VectorXd a = s1 - f * s1_dead;
      out.loglik -= std::log(den);
      out.score -= a / den;
      out.information += (s2 - f * s2_dead) / den - a * a.transpose() / (den * den);
    }
  }
}

// The partial likelihood over all strata.
PartialLikelihood Efron(const Design& d, const Eigen::VectorXd& beta) {
  const Eigen::Index p = d.x.cols();
  PartialLikelihood out{0, Eigen::VectorXd::Zero(p), Eigen::MatrixXd::Zero(p, p)};
  Eigen::Index begin = 0;
  for (Eigen::Index end : d.stratum_end) {
    EfronStratum(d, beta, begin, end, &out);
    begin = end;
  }
  return out;
}

Design MakeDesign(const SurvData& data, const std::vector<std::string>& terms, const std::vector<std::string>& strata) {
  const size_t n = data.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  auto stratum = [&](size_t i) -> const std::string& {
    static const std::string kNone;
    return strata.empty() ? kNone : strata[i];
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (stratum(a) != stratum(b)) return stratum(a) < stratum(b);
    return data.time[a] < data.time[b];
  });
  Design d;
  for (size_t r = 1; r <= n; ++r) {
    if (r == n || stratum(order[r]) != stratum(order[r - 1])) d.stratum_end.push_back(static_cast<Eigen::Index>(r));
  }
  d.x = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(terms.size()));
  for (size_t r = 0; r < n; ++r) {
    const size_t i = order[r];
    d.time.push_back(data.time[i]);
    d.event.push_back(data.event[i]);
    for (size_t j = 0; j < terms.size(); ++j) d.x(r, j) = data.group[i] == terms[j] ? 1.0 : 0.0;
  }
  return d;
}

// Newton–Raphson from β = 0 with step halving, as coxph.fit; stops when the
// log likelihood changes by less than 1e-13 of itself.
Result<Eigen::VectorXd> Maximize(const Design& d, int max_iterations, int* iterations) {
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(d.x.cols());
  PartialLikelihood cur = Efron(d, beta);
  for (int it = 1; it <= max_iterations; ++it) {
    *iterations = it;
    Eigen::VectorXd step = cur.information.ldlt().solve(cur.score);
    PartialLikelihood next = Efron(d, beta + step);
    for (int halving = 0; halving < 30 && !(next.loglik >= cur.loglik - 1e-12 * std::fabs(cur.loglik)); ++halving) {
      step /= 2;
      next = Efron(d, beta + step);
    }
    beta += step;
    const bool done = std::fabs(next.loglik - cur.loglik) <= 1e-13 * std::fabs(next.loglik);
    cur = next;
    if (done && step.lpNorm<Eigen::Infinity>() < 1e-8) return beta;
  }
  return Status::NotConverged("the Cox model did not converge in " + std::to_string(max_iterations) +
                              " iterations (a hazard ratio may be infinite: monotone likelihood)");
}

void Tests(const Design& d, const Eigen::VectorXd& beta, CoxResult* r) {
  const PartialLikelihood null = Efron(d, Eigen::VectorXd::Zero(beta.size()));
  const PartialLikelihood fit = Efron(d, beta);
  const Eigen::MatrixXd var = fit.information.inverse();
  boost::math::chi_squared chi(r->df);
  auto upper = [&](double x) { return boost::math::cdf(boost::math::complement(chi, x)); };
  r->loglik_null = null.loglik;
  r->loglik = fit.loglik;
  r->lr = 2 * (fit.loglik - null.loglik);
  r->wald = beta.dot(fit.information * beta);
  r->score = null.score.dot(null.information.ldlt().solve(null.score));
  r->lr_pval = upper(r->lr);
  r->wald_pval = upper(r->wald);
  r->score_pval = upper(r->score);
  r->variance.assign(var.data(), var.data() + var.size());  // symmetric
}

}  // namespace

Result<CoxResult> FitCoxGroups(const SurvData& data, const CoxOptions& options) {
  if (Status s = ValidateSurvData(data); !s.ok()) return s;
  if (!options.strata.empty() && options.strata.size() != data.size()) {
    return Status::InvalidArgument("strata: " + std::to_string(options.strata.size()) + " labels for " +
                                   std::to_string(data.size()) + " patients");
  }
  const std::vector<std::string> levels = GroupLevels(data);
  if (levels.size() < 2) return Status::InvalidArgument("the Cox model for groups needs at least two groups");
  CoxResult r;
  r.reference = options.reference.empty() ? levels[0] : options.reference;
  if (std::find(levels.begin(), levels.end(), r.reference) == levels.end()) {
    return Status::InvalidArgument("reference group '" + r.reference + "' does not occur in the data");
  }
  for (const auto& l : levels) {
    const long events = SelectGroup(data, l).Events();
    if (events == 0) {
      return Status::InvalidArgument("group '" + l + "' has no events: its hazard ratio against '" + r.reference +
                                     "' is not estimable (infinite)");
    }
    if (l != r.reference) r.terms.push_back(l);
  }
  const Design design = MakeDesign(data, r.terms, options.strata);
  auto beta = Maximize(design, options.max_iterations, &r.iterations);
  if (!beta.ok()) return beta.status();
  r.n = static_cast<long>(data.size());
  r.events = data.Events();
  r.df = static_cast<int>(r.terms.size());
  Tests(design, *beta, &r);
  const double z = boost::math::quantile(boost::math::normal(), 1 - (1 - options.level) / 2);
  for (int j = 0; j < r.df; ++j) {
    const double b = (*beta)(j), se = std::sqrt(r.variance[j * r.df + j]);
    // A log hazard ratio beyond ±25 or without a finite standard error means the
    // partial likelihood keeps increasing (monotone likelihood, Bryson & Johnson 1981).
    if (!std::isfinite(se) || std::fabs(b) > 25) {
      return Status::NotConverged("the hazard ratio of group '" + r.terms[j] + "' against '" + r.reference +
                                  "' is infinite (monotone likelihood: the groups' event times do not overlap)");
    }
    r.coef.push_back(b);
    r.se.push_back(se);
    r.hr.push_back(std::exp(b));
    r.hr_lb.push_back(std::exp(b - z * se));
    r.hr_ub.push_back(std::exp(b + z * se));
    r.z.push_back(b / se);
    r.pval.push_back(2 * boost::math::cdf(boost::math::complement(boost::math::normal(), std::fabs(b / se))));
  }
  return r;
}

}  // namespace carta::survival
