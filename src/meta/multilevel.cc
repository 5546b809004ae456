// The multilevel model (metafor's rma.mv with nested random intercepts):
// the likelihood by a recursion over the nesting tree, its analytic
// gradient, a projected Newton ascent on σ² >= 0, and metafor's summaries.
#include "carta/meta/multilevel.h"

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>

#include "carta/core/text.h"
#include "wald.h"

namespace carta::meta {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double kLog2Pi = 1.8378770664093454836;  // log(2π)

// The nesting as a tree: the groups of each level and their parents.
struct Tree {
  int levels = 0;
  std::vector<int> groups;               // per level: number of groups
  std::vector<std::vector<int>> parent;  // parent[j][g]: g's group at level j - 1 (-1 at level 0)
  std::vector<int> leaf;                 // study i's group at the innermost level
};

// The model's data: y, v, the design X (k x p) and the tree.
struct Data {
  VectorXd y, v;
  MatrixXd X;
  int k = 0, p = 0;
  Tree tree;
  double log_det_xtx = 0;  // log|X'X|, metafor's REML constant (REMLf = TRUE)
  double v_scale = 1;      // mean of v: the scale of σ² steps
};

// The likelihood at σ² and what the fit needs of it.
struct Evaluation {
  bool valid = false;  // V positive definite and X'V⁻¹X of full rank
  double ll = -std::numeric_limits<double>::infinity();
  VectorXd beta;
  MatrixXd vb;        // (X'V⁻¹X)⁻¹
  VectorXd gradient;  // ∂ll/∂σ²_j (when asked)
};

// The tree of `nesting`: a group at level j is the labels of levels 0..j.
Result<Tree> TreeOf(const Nesting& nesting, int k) {
  Tree t;
  t.levels = static_cast<int>(nesting.labels.size());
  std::vector<int> previous(k, -1);
  for (int j = 0; j < t.levels; ++j) {
    const std::vector<std::string>& labels = nesting.labels[j];
    std::map<std::pair<int, std::string>, int> index;
    std::vector<int> current(k);
    std::vector<int> parents;
    for (int i = 0; i < k; ++i) {
      if (labels[i].empty()) {
        return Status::InvalidArgument("study " + std::to_string(i + 1) + " has no " + nesting.names[j] + " label")
            .WithField("random");
      }
      auto [it, added] = index.emplace(std::make_pair(previous[i], labels[i]), static_cast<int>(parents.size()));
      if (added) parents.push_back(previous[i]);
      current[i] = it->second;
    }
    t.groups.push_back(static_cast<int>(parents.size()));
    t.parent.push_back(std::move(parents));
    previous = std::move(current);
  }
  t.leaf = std::move(previous);
  return t;
}

// Whether the σ² are identifiable: two groups or more at the outermost
// level, and at each inner level some group of the level above holding two.
Status CheckIdentifiable(const Tree& t, const Nesting& nesting) {
  if (t.groups[0] < 2) {
    return Status::InvalidArgument("all studies are in one " + nesting.names[0] +
                                   ": the variance between " + nesting.names[0] + "s cannot be estimated")
        .WithField("random");
  }
  for (int j = 1; j < t.levels; ++j) {
    if (t.groups[j] == t.groups[j - 1]) {
      return Status::InvalidArgument("every " + nesting.names[j - 1] + " holds a single " + nesting.names[j] +
                                     ": the variances of the two levels cannot be told apart (use one level, "
                                     "or the plain model)")
          .WithField("random");
    }
  }
  return Status::Ok();
}

// The likelihood of `method` at σ² = s by the recursion of doc/formulas.md:
// each group's covariance is its children's (block diagonal) plus σ²_j 11',
// so its inverse and determinant follow from the children's by
// Sherman-Morrison. Per group only the Gram matrix G = Z'M⁻¹Z of
// Z = [X, y, 1] is kept: O(k p²) time in all.
class Likelihood {
 public:
  Likelihood(const Data& d, Method method) : d_(d), reml_(method == Method::kREML), m_(d.p + 2) {}

  Evaluation At(const VectorXd& s, bool with_gradient) const {
    Evaluation e;
    const Tree& t = d_.tree;
    const int p = d_.p, m = m_, ones = p + 1;
    // Per level: the ones-row of each group's G before its own update (aB) and its 1'B⁻¹1 (cB).
    std::vector<MatrixXd> a_before(t.levels);
    std::vector<std::vector<double>> c_before(t.levels);
    std::vector<MatrixXd> gram(t.groups[t.levels - 1] , MatrixXd::Zero(m, m));
    std::vector<double> log_det(t.groups[t.levels - 1], 0.0);
    VectorXd z(m);
    for (int i = 0; i < d_.k; ++i) {
      z << d_.X.row(i).transpose(), d_.y[i], 1.0;
      gram[t.leaf[i]].noalias() += z * z.transpose() / d_.v[i];
      log_det[t.leaf[i]] += std::log(d_.v[i]);
    }
    MatrixXd root = MatrixXd::Zero(m, m);
    double root_log_det = 0;
    for (int j = t.levels - 1; j >= 0; --j) {
      const int n = t.groups[j];
      a_before[j].resize(n, m);
      c_before[j].resize(n);
      std::vector<MatrixXd> up;
      std::vector<double> up_log_det;
      if (j > 0) {
        up.assign(t.groups[j - 1], MatrixXd::Zero(m, m));
        up_log_det.assign(t.groups[j - 1], 0.0);
      }
      for (int g = 0; g < n; ++g) {
        const VectorXd a = gram[g].row(ones).transpose();
        const double c = a[ones], den = 1 + s[j] * c;
        if (!(den > 0)) return e;
        a_before[j].row(g) = a.transpose();
        c_before[j][g] = c;
        gram[g].noalias() -= (s[j] / den) * a * a.transpose();
        log_det[g] += std::log(den);
        if (j > 0) {
          up[t.parent[j][g]] += gram[g];
          up_log_det[t.parent[j][g]] += log_det[g];
        } else {
          root += gram[g];
          root_log_det += log_det[g];
        }
      }
      gram = std::move(up);
      log_det = std::move(up_log_det);
    }
    const MatrixXd A = root.topLeftCorner(p, p);
    Eigen::LLT<MatrixXd> llt(A);
    if (llt.info() != Eigen::Success) return e;
    const VectorXd b = root.col(p).head(p);
    e.beta = llt.solve(b);
    e.vb = llt.solve(MatrixXd::Identity(p, p));
    const double rss = root(p, p) - b.dot(e.beta);
    const MatrixXd L = llt.matrixL();
    double log_det_a = 0;
    for (int c = 0; c < p; ++c) log_det_a += 2 * std::log(L(c, c));
    if (reml_) {
      e.ll = -0.5 * (d_.k - p) * kLog2Pi + 0.5 * d_.log_det_xtx - 0.5 * root_log_det - 0.5 * log_det_a - 0.5 * rss;
    } else {
      e.ll = -0.5 * d_.k * kLog2Pi - 0.5 * root_log_det - 0.5 * rss;
    }
    e.valid = std::isfinite(e.ll);
    if (with_gradient && e.valid) e.gradient = Gradient(s, a_before, c_before, e);
    return e;
  }

 private:
  // ∂ll/∂σ²_j = -½ Σ_g 1_g'P1_g + ½ Σ_g (1_g'Py)² over the groups g of
  // level j (P = V⁻¹ for ML; V⁻¹ - V⁻¹X(X'V⁻¹X)⁻¹X'V⁻¹ for REML), with
  // 1_g'V⁻¹[X, y, 1] carried up from g to its outermost group by the same
  // Sherman-Morrison steps.
  VectorXd Gradient(const VectorXd& s, const std::vector<MatrixXd>& a_before,
                    const std::vector<std::vector<double>>& c_before, const Evaluation& e) const {
    const Tree& t = d_.tree;
    const int p = d_.p, ones = p + 1;
    VectorXd grad = VectorXd::Zero(t.levels);
    for (int j = 0; j < t.levels; ++j) {
      double trace = 0, squares = 0;
      for (int g = 0; g < t.groups[j]; ++g) {
        const double den = 1 + s[j] * c_before[j][g];
        VectorXd w = a_before[j].row(g).transpose() / den;  // 1_g'M_g⁻¹[X, y, 1]
        double q = c_before[j][g] / den;                     // 1_g'M_g⁻¹1_g
        int node = g;
        for (int i = j - 1; i >= 0; --i) {
          node = t.parent[i + 1][node];
          const double u = w[ones], den_i = 1 + s[i] * c_before[i][node];
          w -= (s[i] * u / den_i) * a_before[i].row(node).transpose();
          q -= s[i] * u * u / den_i;
        }
        const VectorXd wx = w.head(p);
        trace += reml_ ? q - wx.dot(e.vb * wx) : q;
        const double r = w[p] - wx.dot(e.beta);
        squares += r * r;
      }
      grad[j] = -0.5 * trace + 0.5 * squares;
    }
    return grad;
  }

  const Data& d_;
  bool reml_;
  int m_;
};

struct Optimum {
  VectorXd s;
  Evaluation e;
  int iterations = 0;
  bool converged = false;
};

// The Newton direction on the free coordinates: (-H + λI)⁻¹ g with λ the
// least shift that makes -H positive definite (Levenberg-Marquardt).
VectorXd NewtonStep(const MatrixXd& H, const VectorXd& g) {
  MatrixXd N = -0.5 * (H + H.transpose());
  Eigen::SelfAdjointEigenSolver<MatrixXd> eig(N);
  const double lowest = eig.eigenvalues().minCoeff();
  const double scale = std::max(1e-300, eig.eigenvalues().cwiseAbs().maxCoeff());
  if (lowest <= 1e-10 * scale) N += (1e-6 * scale - lowest) * MatrixXd::Identity(N.rows(), N.cols());
  return N.ldlt().solve(g);
}

// Projected Newton ascent of the likelihood over σ² >= 0 from `start`, the
// coordinates in `fixed` held. A coordinate at 0 whose gradient is not
// positive is held at 0 for the step (the boundary maximum). The Hessian is
// the forward difference of the analytic gradient; each step is halved
// until the likelihood does not fall. Stops when no σ² moves by more than
// `tolerance` (relative to σ² + mean(v)).
Optimum Maximize(const Likelihood& lik, const Data& d, VectorXd s, const std::vector<bool>& fixed,
                 const MultilevelOptions& o) {
  Optimum r;
  Evaluation e = lik.At(s, true);
  const int L = static_cast<int>(s.size());
  for (int iter = 0; iter < o.max_iterations && e.valid; ++iter) {
    r.iterations = iter + 1;
    std::vector<int> free;
    for (int j = 0; j < L; ++j) {
      if (!fixed[j] && !(s[j] <= 0 && e.gradient[j] <= 0)) free.push_back(j);
    }
    if (free.empty()) {
      r.converged = true;
      break;
    }
    const int f = static_cast<int>(free.size());
    MatrixXd H(f, f);
    VectorXd g(f);
    for (int a = 0; a < f; ++a) {
      g[a] = e.gradient[free[a]];
      VectorXd moved = s;
      const double h = 1e-6 * (s[free[a]] + d.v_scale);
      moved[free[a]] += h;
      const Evaluation eh = lik.At(moved, true);
      for (int b = 0; b < f; ++b) H(b, a) = (eh.gradient[free[b]] - e.gradient[free[b]]) / h;
    }
    const VectorXd step = NewtonStep(H, g);
    bool moved_any = false, accepted = false;
    for (double t = 1; t > 1e-12; t /= 2) {
      VectorXd next = s;
      for (int a = 0; a < f; ++a) next[free[a]] = std::max(0.0, s[free[a]] + t * step[a]);
      Evaluation en = lik.At(next, true);
      if (!en.valid || en.ll < e.ll - 1e-14 * std::fabs(e.ll)) continue;
      for (int j = 0; j < L; ++j) {
        if (std::fabs(next[j] - s[j]) > o.tolerance * (s[j] + d.v_scale)) moved_any = true;
      }
      s = next;
      e = std::move(en);
      accepted = true;
      break;
    }
    if (!accepted || !moved_any) {
      r.converged = true;
      break;
    }
  }
  r.s = s;
  r.e = std::move(e);
  return r;
}

// The best of several starts: all σ² equal to a moment guess of the total
// heterogeneity shared out, and each σ² alone at the guess (the others 0),
// so that a boundary maximum and an interior one are both reached.
Optimum BestFit(const Likelihood& lik, const Data& d, const MultilevelOptions& o) {
  const int L = d.tree.levels;
  const VectorXd beta_ols = d.X.colPivHouseholderQr().solve(d.y);
  const VectorXd res = d.y - d.X * beta_ols;
  const double guess =
      std::max(0.01 * d.v_scale, res.squaredNorm() / std::max(1, d.k - d.p) - d.v.mean());
  std::vector<VectorXd> starts = {VectorXd::Constant(L, guess / L)};
  for (int j = 0; j < L; ++j) {
    VectorXd s = VectorXd::Zero(L);
    s[j] = guess;
    starts.push_back(s);
  }
  const std::vector<bool> none(L, false);
  Optimum best;
  for (const VectorXd& s0 : starts) {
    Optimum r = Maximize(lik, d, s0, none, o);
    if (r.e.valid && r.converged && (!best.e.valid || r.e.ll > best.e.ll)) best = std::move(r);
  }
  return best;
}

// The profile log-likelihood of σ²_j at `value`: the others maximised.
double Profile(const Likelihood& lik, const Data& d, const Optimum& at, int j, double value,
               const MultilevelOptions& o) {
  VectorXd s = at.s;
  s[j] = value;
  std::vector<bool> fixed(s.size(), false);
  fixed[j] = true;
  return Maximize(lik, d, s, fixed, o).e.ll;
}

// confint.rma.mv's interval of σ²_j: where the profile falls
// χ²₁(level)/2 below the maximum, searched in [0, max(10, 100 σ²_j)].
void ProfileInterval(const Likelihood& lik, const Data& d, const Optimum& best, int j, const MultilevelOptions& o,
                     VarianceComponent* c) {
  const double crit = best.e.ll - 0.5 * boost::math::quantile(boost::math::chi_squared(1), o.level);
  auto f = [&](double value) { return Profile(lik, d, best, j, value, o) - crit; };
  const double hat = best.s[j];
  const double upper = hat <= std::sqrt(std::numeric_limits<double>::epsilon()) ? 10 : std::max(10.0, 100 * hat);
  auto root = [&](double lo, double hi) {
    boost::math::tools::eps_tolerance<double> tol(std::numeric_limits<double>::digits - 10);
    std::uintmax_t iterations = 200;
    auto [a, b] = boost::math::tools::toms748_solve(f, lo, hi, tol, iterations);
    return 0.5 * (a + b);
  };
  c->ci_lb = hat <= 0 || f(0.0) >= 0 ? 0.0 : root(0.0, hat);
  if (f(upper) >= 0) {
    c->ci_ub = upper;
    c->ci_ub_censored = true;
  } else {
    c->ci_ub = root(hat, upper);
  }
}

double NormalQuantile(double p) { return boost::math::quantile(boost::math::normal(), p); }

// The Wald tests and intervals of the coefficients, z or t(k - p).
void Coefficients(const Evaluation& e, const MultilevelOptions& o, MultilevelFit* f) {
  const double alpha = 1 - o.level;
  const bool t = o.t_test;
  const double crit = t ? boost::math::quantile(boost::math::students_t(f->df), 1 - alpha / 2) : NormalQuantile(1 - alpha / 2);
  AppendWaldTests(e.beta, e.vb, t ? f->df : 0, crit, f);
  if (f->p > 1) {
    const int m = f->p - 1;
    const VectorXd b = e.beta.tail(m);
    const MatrixXd vb = e.vb.bottomRightCorner(m, m);
    f->QM = b.dot(vb.llt().solve(b));
    f->QM_df = m;
    if (t) {
      f->QM /= m;
      f->QM_pval = boost::math::cdf(boost::math::complement(boost::math::fisher_f(m, f->df), f->QM));
    } else {
      f->QM_pval = boost::math::cdf(boost::math::complement(boost::math::chi_squared(m), f->QM));
    }
  }
  if (f->p == 1) {
    const double total = [&] {
      double s = 0;
      for (const auto& c : f->components) s += c.sigma2;
      return s;
    }();
    const double pse = std::sqrt(f->se[0] * f->se[0] + total);
    f->pi_lb = f->beta[0] - crit * pse;
    f->pi_ub = f->beta[0] + crit * pse;
  }
}

// QE with weights 1/v_i and the typical within-study variance (k - p)/tr(P).
void Heterogeneity(const Data& d, MultilevelFit* f) {
  const VectorXd w = d.v.cwiseInverse();
  const MatrixXd WX = w.asDiagonal() * d.X;
  const MatrixXd A = (d.X.transpose() * WX).llt().solve(MatrixXd::Identity(d.p, d.p));
  const VectorXd Py = w.cwiseProduct(d.y) - WX * (A * (WX.transpose() * d.y));
  f->QE = d.y.dot(Py);
  f->QE_df = d.k - d.p;
  f->QE_pval = boost::math::cdf(boost::math::complement(boost::math::chi_squared(f->QE_df), f->QE));
  const double trace = w.sum() - (A * (WX.transpose() * WX)).trace();
  f->vt = (d.k - d.p) / trace;
  double total = 0;
  for (const auto& c : f->components) total += c.sigma2;
  f->I2 = 100 * total / (total + f->vt);
  for (auto& c : f->components) c.I2 = 100 * c.sigma2 / (total + f->vt);
}

// logLik, deviance, AIC, BIC and AICc as metafor's fitstats counts them.
void FitStatistics(const Data& d, double ll, MultilevelFit* f) {
  const bool reml = f->method == Method::kREML;
  const double n = reml ? d.k - d.p : d.k;
  const double parms = f->parameters;
  f->logLik = ll;
  if (reml) {
    f->deviance = -2 * ll;
  } else {
    const double ll_saturated = -0.5 * d.k * kLog2Pi - 0.5 * d.v.array().log().sum();
    f->deviance = -2 * (ll - ll_saturated);
  }
  f->AIC = -2 * ll + 2 * parms;
  f->BIC = -2 * ll + parms * std::log(n);
  const double nn = std::max(n, parms + 2);
  f->AICc = -2 * ll + 2 * parms * nn / (nn - parms - 1);
}

Status CheckInput(const std::vector<double>& yi, const std::vector<double>& vi, const Nesting& nesting,
                  const MultilevelOptions& o, const std::vector<double>& x, const std::vector<std::string>& names) {
  const size_t k = yi.size();
  if (o.method != Method::kREML && o.method != Method::kML) {
    return Status::InvalidArgument(std::string("a multilevel model is fitted by REML or ML, not ") + MethodName(o.method))
        .WithField("method");
  }
  if (vi.size() != k) return Status::InvalidArgument("yi and vi differ in length");
  if (k < 3) {
    return Status::InvalidArgument("a multilevel model needs at least 3 studies (" + std::to_string(k) + " given)");
  }
  if (nesting.labels.empty() || nesting.labels.size() != nesting.names.size()) {
    return Status::InvalidArgument("a multilevel model needs at least one level").WithField("random");
  }
  for (const auto& l : nesting.labels) {
    if (l.size() != k) return Status::InvalidArgument("a level's labels differ in length from yi").WithField("random");
  }
  for (size_t i = 0; i < k; ++i) {
    if (!std::isfinite(yi[i])) return Status::InvalidArgument("study " + std::to_string(i + 1) + ": yi is not a finite number");
    if (!(std::isfinite(vi[i]) && vi[i] > 0)) {
      return Status::InvalidArgument("study " + std::to_string(i + 1) + ": vi must be a positive finite number");
    }
  }
  const size_t p = x.empty() ? 1 : names.size();
  if (!x.empty() && (p == 0 || x.size() != k * p)) return Status::InvalidArgument("the design has the wrong size");
  if (k <= p) {
    return Status::InvalidArgument(std::to_string(k) + " studies cannot estimate " + std::to_string(p) + " coefficients");
  }
  return Status::Ok();
}

Data DataOf(const std::vector<double>& yi, const std::vector<double>& vi, const std::vector<double>& x, int p) {
  Data d;
  d.k = static_cast<int>(yi.size());
  d.p = p;
  d.y = Eigen::Map<const VectorXd>(yi.data(), d.k);
  d.v = Eigen::Map<const VectorXd>(vi.data(), d.k);
  d.X = x.empty() ? MatrixXd::Ones(d.k, 1)
                  : MatrixXd(Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                        x.data(), d.k, p));
  d.v_scale = d.v.mean();
  return d;
}

// `d` with each non-constant column of X centred (when X has a constant
// column) and scaled to unit standard deviation, and log|X'X| to match: a
// moderator such as a year (about 2000) makes X'V⁻¹X ill-conditioned, and
// the gradient's cancellation then stops the optimiser short (4e-7 in σ²).
Data Standardized(Data d) {
  bool intercept = false;
  for (int c = 0; c < d.p; ++c) intercept = intercept || (d.X.col(c).array() == d.X(0, c)).all();
  for (int c = 0; c < d.p; ++c) {
    auto col = d.X.col(c);
    if ((col.array() == col[0]).all()) continue;
    if (intercept) col.array() -= col.mean();
    const double sd = std::sqrt(col.squaredNorm() / d.k);
    if (sd > 0) col /= sd;
  }
  d.log_det_xtx = Eigen::LDLT<MatrixXd>(d.X.transpose() * d.X).vectorD().array().log().sum();
  return d;
}

}  // namespace

Result<std::vector<std::string>> ParseRandom(const std::string& random) {
  std::string text(text::Trim(random));
  if (!text.empty() && text[0] == '~') text = std::string(text::Trim(text.substr(1)));
  if (const size_t bar = text.find('|'); bar != std::string::npos) {
    if (text::Trim(text.substr(0, bar)) != "1") {
      return Status::InvalidArgument("only random intercepts (~ 1 | a/b) are supported, not '" + random + "'")
          .WithField("random");
    }
    text = std::string(text::Trim(text.substr(bar + 1)));
  }
  std::vector<std::string> levels;
  for (const auto& part : text::Split(text, '/')) {
    const std::string name(text::Trim(part));
    if (name.empty()) return Status::InvalidArgument("'" + random + "' has an empty level").WithField("random");
    if (std::find(levels.begin(), levels.end(), name) != levels.end()) {
      return Status::InvalidArgument("'" + random + "' names the level '" + name + "' twice").WithField("random");
    }
    levels.push_back(name);
  }
  if (levels.empty()) return Status::InvalidArgument("give the levels, e.g. trial/cohort").WithField("random");
  if (levels.size() > 8) return Status::InvalidArgument("at most 8 levels").WithField("random");
  return levels;
}

Result<MultilevelFit> FitMultilevel(const std::vector<double>& yi, const std::vector<double>& vi, const Nesting& nesting,
                                    const MultilevelOptions& o, const std::vector<double>& x,
                                    const std::vector<std::string>& names) {
  if (Status s = CheckInput(yi, vi, nesting, o, x, names); !s.ok()) return s;
  const int p = x.empty() ? 1 : static_cast<int>(names.size());
  Data d = DataOf(yi, vi, x, p);
  auto tree = TreeOf(nesting, d.k);
  if (!tree.ok()) return tree.status();
  d.tree = std::move(*tree);
  if (Status s = CheckIdentifiable(d.tree, nesting); !s.ok()) return s;
  const MatrixXd xtx = d.X.transpose() * d.X;
  Eigen::LDLT<MatrixXd> ldlt(xtx);
  Eigen::FullPivLU<MatrixXd> lu(d.X);
  if (lu.rank() < p) return Status::InvalidArgument("the design is not of full rank (a moderator is collinear)");
  d.log_det_xtx = ldlt.vectorD().array().log().sum();

  // The σ² are found with the moderators centred and scaled (the likelihood
  // of σ² does not change when X becomes XT, T invertible); β and its
  // covariance come from X itself at the optimum.
  const Data scaled = Standardized(d);
  const Likelihood lik(scaled, o.method);
  Optimum best = BestFit(lik, scaled, o);
  if (!best.e.valid) return Status::NotConverged("the multilevel model did not converge from any start");
  best.e = Likelihood(d, o.method).At(best.s, false);
  if (!best.e.valid) return Status::NotConverged("the multilevel model did not converge from any start");

  MultilevelFit f;
  f.method = o.method;
  f.t_test = o.t_test;
  f.level = o.level;
  f.k = d.k;
  f.p = p;
  f.names = x.empty() ? std::vector<std::string>{"intrcpt"} : names;
  f.df = o.t_test ? d.k - p : 0;
  f.iterations = best.iterations;
  std::string path;
  for (int j = 0; j < d.tree.levels; ++j) {
    path += (j ? "/" : "") + nesting.names[j];
    VarianceComponent c;
    c.name = path;
    c.groups = d.tree.groups[j];
    c.sigma2 = best.s[j];
    c.at_boundary = best.s[j] <= 0;
    if (o.profile_ci) ProfileInterval(lik, scaled, best, j, o, &c);
    f.components.push_back(c);
  }
  f.parameters = p + d.tree.levels;
  Coefficients(best.e, o, &f);
  Heterogeneity(d, &f);
  FitStatistics(d, best.e.ll, &f);
  return f;
}

}  // namespace carta::meta
