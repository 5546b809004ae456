#include "carta/meta/bias.h"

#include <algorithm>
#include <array>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <map>
#include <numeric>

namespace carta::meta {

namespace {

// Kendall's tau-b and its concordant-pair count for x and y.
struct Kendall {
  double tau = 0;
  long concordant = 0;
  bool ties = false;
};

Kendall KendallTau(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t n = x.size();
  long c = 0, d = 0, tx = 0, ty = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      double sx = (x[i] > x[j]) - (x[i] < x[j]);
      double sy = (y[i] > y[j]) - (y[i] < y[j]);
      if (sx == 0) ++tx;
      if (sy == 0) ++ty;
      if (sx * sy > 0) ++c;
      if (sx * sy < 0) ++d;
    }
  }
  const double n0 = n * (n - 1) / 2.0;
  Kendall k;
  k.tau = (c - d) / std::sqrt((n0 - tx) * (n0 - ty));
  k.concordant = c;
  k.ties = tx > 0 || ty > 0;
  return k;
}

// P(T <= q) for the number T of concordant pairs among n untied observations:
// the Mahonian distribution of inversions of a random permutation.
double KendallCdf(long q, int n) {
  const int max_pairs = n * (n - 1) / 2;
  if (q < 0) return 0;
  if (q >= max_pairs) return 1;
  std::vector<double> f(max_pairs + 1, 0.0);
  f[0] = 1;
  int filled = 0;
  for (int m = 2; m <= n; ++m) {  // add the m-th element: 0..m-1 new inversions
    std::vector<double> g(max_pairs + 1, 0.0);
    filled += m - 1;
    for (int s = 0; s <= filled; ++s) {
      double sum = 0;
      for (int t = 0; t < m && t <= s; ++t) sum += f[s - t];
      g[s] = sum;
    }
    // Normalise as we go to keep the numbers in range.
    double total = std::accumulate(g.begin(), g.begin() + filled + 1, 0.0);
    for (int s = 0; s <= filled; ++s) g[s] /= total;
    f = std::move(g);
  }
  double p = 0;
  for (long s = 0; s <= q; ++s) p += f[s];
  return std::min(1.0, p);
}

// Normal approximation of Kendall's S with the tie correction of R's cor.test.
double KendallNormalP(const std::vector<double>& x, const std::vector<double>& y, double tau) {
  const double n = static_cast<double>(x.size());
  auto tie_sums = [](std::vector<double> v) {
    std::map<double, int> counts;
    for (double a : v) counts[a]++;
    double t1 = 0, t2 = 0, t3 = 0, pairs = 0;
    for (auto& [value, c] : counts) {
      if (c < 2) continue;
      t1 += c * (c - 1.0) * (2.0 * c + 5);
      t2 += c * (c - 1.0);
      t3 += c * (c - 1.0) * (c - 2.0);
      pairs += c * (c - 1.0) / 2;
    }
    return std::array<double, 4>{t1, t2, t3, pairs};
  };
  auto tx = tie_sums(x), ty = tie_sums(y);
  const double n0 = n * (n - 1) / 2;
  const double v0 = n * (n - 1) * (2 * n + 5);
  double var_s = (v0 - tx[0] - ty[0]) / 18 + tx[1] * ty[1] / (2 * n * (n - 1)) +
                 tx[2] * ty[2] / (9 * n * (n - 1) * (n - 2));
  double s = tau * std::sqrt((n0 - tx[3]) * (n0 - ty[3]));
  double z = s / std::sqrt(var_s);
  boost::math::normal norm;
  return std::min(1.0, 2 * std::min(boost::math::cdf(norm, z), boost::math::cdf(boost::math::complement(norm, z))));
}

}  // namespace

Result<EggerTest> Egger(const std::vector<double>& yi, const std::vector<double>& vi, const FitOptions& o) {
  std::vector<double> x;
  for (double v : vi) {
    x.push_back(1.0);
    x.push_back(std::sqrt(v));
  }
  auto f = Fit(yi, vi, Refit(o), x, {"intrcpt", "sei"});
  if (!f.ok()) return f.status().WithContext("Egger's test");
  EggerTest e;
  e.zval = f->zval[1];
  e.pval = f->pval[1];
  e.df = f->df;
  e.limit = f->beta[0];
  e.limit_ci_lb = f->ci_lb[0];
  e.limit_ci_ub = f->ci_ub[0];
  return e;
}

Result<RankTest> RankCorrelation(const std::vector<double>& yi, const std::vector<double>& vi) {
  if (yi.size() != vi.size() || yi.size() < 3) return Status::InvalidArgument("the rank correlation test needs at least 3 studies");
  double sw = 0, swy = 0;
  for (size_t i = 0; i < yi.size(); ++i) {
    if (!(vi[i] > 0)) return Status::InvalidArgument("the rank correlation test needs positive sampling variances");
    sw += 1 / vi[i];
    swy += yi[i] / vi[i];
  }
  const double theta = swy / sw, vb = 1 / sw;
  std::vector<double> ystar;
  for (size_t i = 0; i < yi.size(); ++i) ystar.push_back((yi[i] - theta) / std::sqrt(vi[i] - vb));
  Kendall k = KendallTau(ystar, vi);
  RankTest r;
  r.tau = k.tau;
  const int n = static_cast<int>(yi.size());
  if (!k.ties && n < 50) {
    // R's cor.test: q = round((tau + 1) n (n - 1) / 4) concordant pairs.
    const long q = static_cast<long>(std::nearbyint((k.tau + 1) * n * (n - 1) / 4.0));
    double p = q > n * (n - 1) / 4.0 ? 1 - KendallCdf(q - 1, n) : KendallCdf(q, n);
    r.pval = std::min(1.0, 2 * p);
    r.exact = true;
  } else {
    r.pval = KendallNormalP(ystar, vi, k.tau);
  }
  return r;
}

Result<TrimAndFill> TrimFill(const std::vector<double>& yi_in, const std::vector<double>& vi_in, const FitOptions& o,
                             const std::string& side_in, const std::string& estimator) {
  if (estimator != "L0" && estimator != "R0") return Status::InvalidArgument("trim-and-fill estimator must be L0 or R0");
  TrimAndFill t;
  t.side = side_in;
  if (t.side.empty()) {
    auto e = Egger(yi_in, vi_in, o);
    if (!e.ok()) return e.status();
    t.side = e->zval < 0 ? "right" : "left";  // sign of the slope, as metafor
  }
  if (t.side != "left" && t.side != "right") return Status::InvalidArgument("side must be left or right");
  const double flip = t.side == "right" ? -1 : 1;
  const size_t k = yi_in.size();
  std::vector<size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return flip * yi_in[a] < flip * yi_in[b]; });
  std::vector<double> y, v;
  for (size_t i : order) {
    y.push_back(flip * yi_in[i]);
    v.push_back(vi_in[i]);
  }
  int k0 = 0, k0_prev = -1, iter = 0;
  double beta = 0;
  while (k0 != k0_prev) {
    if (++iter > 100) return Status::NotConverged("trim-and-fill did not converge in 100 iterations");
    k0_prev = k0;
    std::vector<double> yt(y.begin(), y.end() - k0), vt(v.begin(), v.end() - k0);
    if (yt.size() == 1) {
      beta = yt[0];  // one study left: its own effect (rma.uni with k = 1, as metafor refits it)
    } else {
      auto f = Fit(yt, vt, Refit(o));
      if (!f.ok()) return f.status().WithContext("trim-and-fill");
      beta = f->estimate;
    }
    // Ranks of |y - beta|, ties by order ("first"), signed.
    std::vector<size_t> idx(k);
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return std::fabs(y[a] - beta) < std::fabs(y[b] - beta); });
    std::vector<double> signed_rank(k);
    for (size_t r = 0; r < k; ++r) {
      double c = y[idx[r]] - beta;
      signed_rank[idx[r]] = (c > 0 ? 1.0 : (c < 0 ? -1.0 : 0.0)) * static_cast<double>(r + 1);
    }
    const double kk = static_cast<double>(k);
    double k0_est;
    if (estimator == "L0") {
      double sr = 0;
      for (double s : signed_rank) sr += s > 0 ? s : 0;
      k0_est = (4 * sr - kk * (kk + 1)) / (2 * kk - 1);
      double var_sr = (kk * (kk + 1) * (2 * kk + 1) + 10 * std::pow(k0_est, 3) + 27 * k0_est * k0_est + 17 * k0_est -
                       18 * kk * k0_est * k0_est - 18 * kk * k0_est + 6 * kk * kk * k0_est) / 24;
      t.se_k0 = std::max(0.0, 4 * std::sqrt(var_sr) / (2 * kk - 1));
    } else {
      double max_neg = 0;
      for (double s : signed_rank) max_neg = std::max(max_neg, s < 0 ? -s : 0.0);
      k0_est = (kk - max_neg) - 1;
      t.se_k0 = std::sqrt(2 * std::max(0.0, k0_est) + 2);
    }
    k0 = std::max(0, static_cast<int>(std::nearbyint(k0_est)));  // R rounds half to even
    if (k0 >= static_cast<int>(k)) k0 = static_cast<int>(k) - 1;  // keep at least 1 study to centre on
  }
  t.k0 = k0;
  std::vector<double> y_all = yi_in, v_all = vi_in;
  for (size_t i = k - k0; i < k; ++i) {
    // The mirror image around the estimate, on the original scale.
    double filled = flip * (2 * beta - y[i]);
    t.filled_yi.push_back(filled);
    t.filled_vi.push_back(v[i]);
    y_all.push_back(filled);
    v_all.push_back(v[i]);
  }
  auto f = Fit(y_all, v_all, o);
  if (!f.ok()) return f.status().WithContext("trim-and-fill");
  t.fit = std::move(*f);
  return t;
}

}  // namespace carta::meta

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>

namespace carta::meta {

Result<std::vector<InfluenceRow>> Influence(const std::vector<double>& yi, const std::vector<double>& vi,
                                            const FitOptions& o, const std::vector<double>& x_in) {
  const size_t k = yi.size();
  std::vector<double> x = x_in;
  if (x.empty()) x.assign(k, 1.0);
  const size_t p = x.size() / k;
  auto full = Fit(yi, vi, Refit(o), x);
  if (!full.ok()) return full.status().WithContext("influence");
  using Eigen::MatrixXd;
  using Eigen::VectorXd;
  auto design = [&](size_t skip) {
    MatrixXd X(skip < k ? k - 1 : k, p);
    for (size_t i = 0, r = 0; i < k; ++i) {
      if (i == skip) continue;
      for (size_t c = 0; c < p; ++c) X(r, c) = x[i * p + c];
      ++r;
    }
    return X;
  };
  const MatrixXd X = design(k);
  auto vb_at = [&](const MatrixXd& Xm, const VectorXd& w) {
    return MatrixXd((Xm.transpose() * w.asDiagonal() * Xm).inverse());
  };
  VectorXd w_full(k);
  for (size_t i = 0; i < k; ++i) w_full(i) = 1 / (vi[i] + full->tau2);
  // Var(β) of the full model, scaled as the fit reports it (Hartung-Knapp included).
  MatrixXd vb_full(p, p);
  {
    MatrixXd base = vb_at(X, w_full);
    const double scale = full->se[0] * full->se[0] / base(0, 0);
    vb_full = base * scale;
  }
  VectorXd beta_full = Eigen::Map<const VectorXd>(full->beta.data(), p);
  const MatrixXd base_full = vb_at(X, w_full);
  std::vector<InfluenceRow> rows(k);
  const double chi_m = static_cast<double>(p);
  for (size_t i = 0; i < k; ++i) {
    std::vector<double> y_del, v_del, x_del;
    for (size_t j = 0; j < k; ++j) {
      if (j == i) continue;
      y_del.push_back(yi[j]);
      v_del.push_back(vi[j]);
      for (size_t c = 0; c < p; ++c) x_del.push_back(x[j * p + c]);
    }
    auto del = Fit(y_del, v_del, Refit(o), x_del);
    if (!del.ok()) return del.status().WithContext("influence without study " + std::to_string(i + 1));
    const MatrixXd Xd = design(i);
    VectorXd wd(k - 1);
    for (size_t j = 0; j < k - 1; ++j) wd(j) = 1 / (v_del[j] + del->tau2);
    const MatrixXd base_del = vb_at(Xd, wd);
    const double s2w = del->se[0] * del->se[0] / base_del(0, 0);  // 1 unless Hartung-Knapp
    const MatrixXd vb_del_fit = base_del * s2w;
    VectorXd beta_del = Eigen::Map<const VectorXd>(del->beta.data(), p);
    VectorXd xi(p);
    for (size_t c = 0; c < p; ++c) xi(c) = x[i * p + c];
    const double pred_full = xi.dot(beta_full), pred_del = xi.dot(beta_del);
    const double vdelpred = xi.dot(vb_del_fit * xi);
    InfluenceRow& row = rows[i];
    row.tau2_del = del->tau2;
    row.QE_del = del->Q;
    row.hat = w_full(i) * xi.dot(base_full * xi);
    row.weight = full->weights[i];
    double resid = yi[i] - pred_del;
    if (std::fabs(resid) < 100 * 2.220446049250313e-16) resid = 0;
    row.rstudent = resid / std::sqrt(vi[i] * s2w + vdelpred + del->tau2 * s2w);
    row.dffits = (pred_full - pred_del) / std::sqrt(s2w * row.hat * (del->tau2 + vi[i]));
    // Var(β) with the full design and τ² of the deletion, as metafor's vb.del.
    VectorXd w_all(k);
    for (size_t j = 0; j < k; ++j) w_all(j) = 1 / (vi[j] + del->tau2);
    const MatrixXd vb_del = vb_at(X, w_all);
    const VectorXd dfb = beta_full - beta_del;
    for (size_t c = 0; c < p; ++c) row.dfbs.push_back(dfb(c) / std::sqrt(s2w * vb_del(c, c)));
    // Cook's distance and the covariance ratio on all coefficients (metafor: btt with int.incl = FALSE).
    const size_t first = 0;
    const VectorXd d = dfb.segment(first, p - first);
    row.cook_d = d.dot(vb_full.block(first, first, p - first, p - first).inverse() * d);
    row.cov_r = vb_del_fit.block(first, first, p - first, p - first).determinant() /
                vb_full.block(first, first, p - first, p - first).determinant();
    const double kp = static_cast<double>(k) - static_cast<double>(p);
    bool flag_dfbs = false;
    for (double v : row.dfbs) flag_dfbs = flag_dfbs || std::fabs(v) > 1;
    row.influential = std::fabs(row.dffits) > 3 * std::sqrt(static_cast<double>(p) / kp) ||
                      boost::math::cdf(boost::math::chi_squared(chi_m), row.cook_d) > 0.5 ||
                      row.hat > 3.0 * static_cast<double>(p) / static_cast<double>(k) || flag_dfbs;
  }
  return rows;
}

}  // namespace carta::meta
