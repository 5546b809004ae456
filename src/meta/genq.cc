#include "genq.h"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>

namespace carta::meta::internal {

namespace {

constexpr int kMaxTerms = 20000;
constexpr size_t kMaxStudies = 2000;

}  // namespace

Result<double> WeightedChiSquareUpper(const std::vector<double>& lambda, double x) {
  if (lambda.empty()) return Status::InvalidArgument("no weights for the sum of chi-squares");
  for (double l : lambda) {
    if (!(l > 0) || !std::isfinite(l)) return Status::InvalidArgument("a chi-square weight is not positive");
  }
  if (!(x > 0)) return 1.0;
  // β = the smallest λ: every γⱼ = 1 − β/λⱼ lies in [0, 1), every
  // coefficient aₘ is ≥ 0 and Σaₘ = 1, so 1 − Σ aₘ bounds the error.
  const double beta = *std::min_element(lambda.begin(), lambda.end());
  std::vector<double> gamma;
  double log_a0 = 0;
  for (double l : lambda) {
    gamma.push_back(1 - beta / l);
    log_a0 += 0.5 * std::log(beta / l);
  }
  const double n = static_cast<double>(lambda.size());
  const double z = x / (2 * beta);
  // F(ν + 2m) of the chi-square at x/β, by P(a + 1, z) = P(a, z) − zᵃe⁻ᶻ/Γ(a + 1).
  double shape = n / 2;
  double cdf = boost::math::gamma_p(shape, z);
  std::vector<double> a = {std::exp(log_a0)}, g;  // g[s − 1] = Σ γⱼˢ
  std::vector<double> power(gamma.size(), 1.0);
  double mass = a[0], lower = a[0] * cdf;
  for (int m = 1; m < kMaxTerms && 1 - mass > 1e-13; ++m) {
    double gs = 0;
    for (size_t j = 0; j < gamma.size(); ++j) gs += (power[j] *= gamma[j]);
    g.push_back(gs);
    double am = 0;
    for (int r = 0; r < m; ++r) am += g[m - r - 1] * a[r];
    am /= 2.0 * m;
    a.push_back(am);
    cdf -= std::exp(shape * std::log(z) - z - std::lgamma(shape + 1));
    shape += 1;
    mass += am;
    lower += am * std::max(0.0, cdf);
  }
  if (1 - mass > 1e-10) {
    return Status::NotConverged("the distribution of the generalised Q needs more than 20000 terms (the studies' "
                                "variances are too spread)");
  }
  return std::clamp(1 - lower, 0.0, 1.0);
}

Result<std::pair<double, double>> GeneralisedQInterval(const std::vector<double>& yi, const std::vector<double>& vi,
                                                       const std::vector<double>& weights, double level) {
  const size_t k = yi.size();
  if (k < 2) return Status::InvalidArgument("the generalised Q interval needs at least 2 studies");
  if (k > kMaxStudies) return Status::InvalidArgument("the generalised Q interval is computed for at most 2000 studies");
  // P = A − A11ᵀA/(1ᵀA1), A = diag(a); Q_a = yᵀPy.
  double sa = 0, saa_v = 0, sa2 = 0, say = 0, sav = 0;
  for (size_t i = 0; i < k; ++i) {
    sa += weights[i];
    say += weights[i] * yi[i];
    sav += weights[i] * vi[i];
    sa2 += weights[i] * weights[i];
    saa_v += weights[i] * weights[i] * vi[i];
  }
  const double mean = say / sa;
  double q = 0;
  for (size_t i = 0; i < k; ++i) q += weights[i] * (yi[i] - mean) * (yi[i] - mean);
  // The GENQ estimate (DerSimonian & Kacker 2007) sets the search's upper end, as metafor does.
  const double tau2_genq = std::max(0.0, (q - (sav - saa_v / sa)) / (sa - sa2 / sa));
  const double tau2_max = std::max(100.0, 10 * tau2_genq);
  Eigen::MatrixXd p(k, k);
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) p(i, j) = (i == j ? weights[i] : 0) - weights[i] * weights[j] / sa;
  }
  // P(Q_a > q_obs) at τ²: the λ are the k − 1 largest eigenvalues of S P S, S = diag(√(vᵢ + τ²)).
  auto upper = [&](double tau2) -> Result<double> {
    Eigen::VectorXd s(k);
    for (size_t i = 0; i < k; ++i) s(i) = std::sqrt(vi[i] + tau2);
    const Eigen::MatrixXd sps = s.asDiagonal() * p * s.asDiagonal();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(sps, Eigen::EigenvaluesOnly);
    std::vector<double> lambda(eig.eigenvalues().data(), eig.eigenvalues().data() + k);
    std::sort(lambda.rbegin(), lambda.rend());
    lambda.resize(k - 1);
    const double floor = 1e-12 * lambda.front();
    lambda.erase(std::remove_if(lambda.begin(), lambda.end(), [&](double l) { return !(l > floor); }), lambda.end());
    return WeightedChiSquareUpper(lambda, q);
  };
  const double alpha = 1 - level;
  auto at_min = upper(0), at_max = upper(tau2_max);
  if (!at_min.ok()) return at_min.status();
  if (!at_max.ok()) return at_max.status();
  if (*at_min > 1 - alpha / 2) return std::pair<double, double>{0, 0};
  Status failed = Status::Ok();
  auto solve = [&](double target) {
    auto f = [&](double tau2) {
      auto u = upper(tau2);
      if (!u.ok()) failed = u.status();
      return u.ok() ? *u - target : 0.0;
    };
    boost::uintmax_t iterations = 200;
    auto tol = [](double a, double b) { return std::fabs(b - a) <= 1e-12 * std::max(1.0, std::fabs(a)); };
    auto r = boost::math::tools::toms748_solve(f, 0.0, tau2_max, *at_min - target, *at_max - target, tol, iterations);
    return 0.5 * (r.first + r.second);
  };
  const double lb = *at_min > alpha / 2 ? 0 : solve(alpha / 2);
  const double ub = *at_max < 1 - alpha / 2 ? tau2_max : solve(1 - alpha / 2);
  if (!failed.ok()) return failed;
  return std::pair<double, double>{lb, ub};
}

}  // namespace carta::meta::internal
