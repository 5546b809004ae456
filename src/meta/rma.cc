#include "carta/meta/rma.h"

#include "tau2.h"
#include "wald.h"

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/tools/roots.hpp>

#include <cmath>
#include <limits>
#include <utility>

namespace carta::meta {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// The model's data: y, v and the design X (k x p).
struct Data {
  VectorXd y, v;
  MatrixXd X;
  int k = 0, p = 0;
};

// P = W - W X A X'W with A = (X'WX)^-1 for weights w, the projection of
// every quadratic form and trace below. It is never formed: each product is
// computed from X (k x p) and p x p matrices, O(k p²) time and O(k p) memory,
// so that 100,000 studies fit in seconds (a k x k P needs 80 GB there).
class Projection {
 public:
  Projection(const MatrixXd& X, VectorXd w) : w_(std::move(w)), U_(w_.asDiagonal() * X) {
    const int p = static_cast<int>(X.cols());
    A_ = (X.transpose() * U_).llt().solve(MatrixXd::Identity(p, p));
  }
  const VectorXd& w() const { return w_; }
  // (X'WX)^-1.
  const MatrixXd& A() const { return A_; }
  // P u.
  VectorXd Apply(const VectorXd& u) const { return w_.cwiseProduct(u) - U_ * (A_ * (U_.transpose() * u)); }
  // u'P u.
  double Quad(const VectorXd& u) const { return u.dot(Apply(u)); }
  // tr(P D) for D = diag(d).
  double Trace(const VectorXd& d) const { return w_.dot(d) - (A_ * Gram(d)).trace(); }
  double Trace() const { return Trace(VectorXd::Ones(w_.size())); }
  // tr(P D1 P D2) for D1 = diag(d1), D2 = diag(d2): with G = U A U' (U = WX),
  // tr(W D1 W D2) - 2 tr(A U' D1 W D2 U) + tr(A U'D1U A U'D2U).
  double TracePDPD(const VectorXd& d1, const VectorXd& d2) const {
    const VectorXd w2 = w_.cwiseProduct(w_);
    const VectorXd d1wd2 = d1.cwiseProduct(w_).cwiseProduct(d2);
    const MatrixXd AM1 = A_ * Gram(d1), AM2 = A_ * Gram(d2);
    return w2.cwiseProduct(d1).dot(d2) - 2 * (A_ * Gram(d1wd2)).trace() + (AM1 * AM2).trace();
  }
  // tr(P P) = the sum of P's squared elements (P is symmetric).
  double TracePP() const {
    const VectorXd one = VectorXd::Ones(w_.size());
    return TracePDPD(one, one);
  }

 private:
  // U' D U for D = diag(d).
  MatrixXd Gram(const VectorXd& d) const { return U_.transpose() * d.asDiagonal() * U_; }
  VectorXd w_;
  MatrixXd U_, A_;
};

// The projection at τ²: weights 1/(v + τ²).
Projection ProjectionAt(const Data& d, double tau2) { return Projection(d.X, (d.v.array() + tau2).inverse()); }

// Generalised Q at τ²: y'P(τ²)y with weights 1/(v + τ²).
double QAt(const Data& d, double tau2) { return ProjectionAt(d, tau2).Quad(d.y); }

double ChiSqQuantile(double prob, double df) {
  return boost::math::quantile(boost::math::chi_squared(df), prob);
}

// The first upper end of the search for a root of Q(τ²) (metafor's tau2.max
// for the Paule-Mandel and Q-profile searches; carta widens it when needed).
constexpr double kQBracket = 100;

// Root of QAt(τ²) = target on [lo, hi], where QAt decreases in τ².
Result<double> SolveQ(const Data& d, double target, double lo, double hi, const FitOptions& o) {
  auto f = [&](double t) { return QAt(d, t) - target; };
  double flo = f(lo), fhi = f(hi);
  if (!std::isfinite(flo) || std::isnan(fhi)) return Status::NotConverged("Q(tau2) is not finite at the bracket");
  int expand = 0;
  while (fhi > 0 && expand < 40) {  // metafor stops at tau2.max; carta widens the bracket
    lo = hi;
    flo = fhi;
    hi *= 10;
    fhi = f(hi);
    ++expand;
  }
  if (flo < 0 || fhi > 0) return Status::NotConverged("could not bracket the root of Q(tau2) = " + std::to_string(target));
  boost::uintmax_t iters = static_cast<boost::uintmax_t>(o.max_iterations);
  auto tol = [&](double a, double b) { return std::fabs(b - a) <= o.tolerance * std::max(1.0, std::fabs(a)); };
  auto r = boost::math::tools::toms748_solve(f, lo, hi, flo, fhi, tol, iters);
  return 0.5 * (r.first + r.second);
}

// Log-likelihood (ML) or restricted log-likelihood (REML) at τ², for the local-maximum check.
double LogLik(const Data& d, double tau2, bool reml) {
  const Projection P = ProjectionAt(d, tau2);
  const double rss = P.Quad(d.y);
  double ll = -0.5 * (reml ? d.k - d.p : d.k) * std::log(2 * M_PI) - 0.5 * (d.v.array() + tau2).log().sum() - 0.5 * rss;
  if (reml) ll += 0.5 * std::log(P.A().determinant());  // -½ log det(X'WX)
  return ll;
}

// The ordinary least-squares projection I - X(X'X)^-1X' (unit weights).
Projection OlsProjection(const Data& d) { return Projection(d.X, VectorXd::Ones(d.k)); }

// Fit()'s model for the τ² estimators (tau2.h): the design as matrices.
class MatrixModel {
 public:
  MatrixModel(const Data& d, const FitOptions& o) : d_(d), o_(o) {}
  int k() const { return d_.k; }
  int p() const { return d_.p; }
  tau2::QSums At(double t) const {
    const Projection P = ProjectionAt(d_, t);
    return {P.Quad(d_.y), P.Trace(), P.w().sum()};
  }
  double Hedges() const {
    const Projection Pols = OlsProjection(d_);
    return (Pols.Quad(d_.y) - Pols.Trace(d_.v)) / (d_.k - d_.p);
  }
  double CentredSS() const { return (d_.y.array() - d_.y.mean()).matrix().squaredNorm(); }
  Result<double> SolveQ(double target) const { return meta::SolveQ(d_, target, 0, kQBracket, o_); }
  //   REML: U = ½(y'PPy - tr P),  U' = ½ tr(PP) - y'PPPy
  //   ML:   U = ½(y'PPy - Σw),    U' = ½ Σw²   - y'PPPy
  double Score(double t, bool reml, double* slope) const {
    const Projection P = ProjectionAt(d_, t);
    const VectorXd py = P.Apply(d_.y);
    const double pppy = P.Quad(py);
    if (reml) {
      *slope = 0.5 * P.TracePP() - pppy;
      return 0.5 * (py.squaredNorm() - P.Trace());
    }
    *slope = 0.5 * P.w().squaredNorm() - pppy;
    return 0.5 * (py.squaredNorm() - P.w().sum());
  }
  double LogLik(double t, bool reml) const { return meta::LogLik(d_, t, reml); }
  // metafor makes the check whenever every sampling variance is positive.
  bool ZeroMayBeBetter(bool) const { return (d_.v.array() > 0).all(); }

 private:
  const Data& d_;
  const FitOptions& o_;
};

struct Tau2Estimate {
  double tau2 = 0;
  double se = NAN;
  int iterations = 0;
  bool truncated = false;
};

// τ² (tau2.h) truncated at 0, with its standard error as metafor computes it.
Result<Tau2Estimate> EstimateTau2(const Data& d, const FitOptions& o) {
  const int k = d.k, p = d.p;
  const double kp = k - p;
  auto estimate = tau2::EstimateTau2(MatrixModel(d, o), o);
  if (!estimate.ok()) return estimate.status();
  Tau2Estimate e;
  e.iterations = estimate->iterations;
  e.truncated = estimate->tau2 < 0;
  const double tau2 = std::max(0.0, estimate->tau2);
  e.tau2 = tau2;
  VectorXd w0 = d.v.cwiseInverse();
  // Standard errors of τ², as metafor computes them.
  VectorXd w = (d.v.array() + tau2).inverse();
  switch (o.method) {
    case Method::kHS:
    case Method::kHSk: {
      const Projection P(d.X, w0);
      double sw = w0.sum();
      double se = std::sqrt(1 / (sw * sw) * (2 * kp + 4 * tau2 * P.Trace() + 2 * tau2 * tau2 * P.TracePP()));
      e.se = o.method == Method::kHS ? se : k / kp * se;
      break;
    }
    case Method::kHE: {
      const Projection Pols = OlsProjection(d);
      e.se = std::sqrt(1 / (kp * kp) * (2 * Pols.TracePDPD(d.v, d.v) + 4 * tau2 * Pols.Trace(d.v) + 2 * tau2 * tau2 * kp));
      break;
    }
    case Method::kDL: {
      const Projection P(d.X, w0);
      double trP = P.Trace();
      e.se = std::sqrt(1 / (trP * trP) * (2 * kp + 4 * tau2 * trP + 2 * tau2 * tau2 * P.TracePP()));
      break;
    }
    case Method::kSJ: {
      VectorXd centred = d.y.array() - d.y.mean();
      double tau2_0 = centred.squaredNorm() / k;
      const Projection P = ProjectionAt(d, tau2_0);
      const VectorXd one = VectorXd::Ones(k);
      e.se = std::sqrt(tau2_0 * tau2_0 / (kp * kp) *
                       (2 * P.TracePDPD(d.v, d.v) + 4 * tau2 * P.TracePDPD(d.v, one) + 2 * tau2 * tau2 * P.TracePP()));
      break;
    }
    case Method::kML:
      e.se = std::sqrt(2 / w.squaredNorm());
      break;
    case Method::kREML:
      e.se = std::sqrt(2 / ProjectionAt(d, tau2).TracePP());
      break;
    case Method::kEB:
    case Method::kPM:
    case Method::kPMM: {
      double sw = w.sum();
      e.se = std::sqrt(2.0 * k * k / kp / (sw * sw));
      break;
    }
    case Method::kEE:
    case Method::kGLMM:
      break;
  }
  return e;
}

// Q-profile confidence interval for τ² (Viechtbauer 2007), as metafor's confint().
void QProfile(const Data& d, const FitOptions& o, FitResult* r) {
  const double kp = d.k - d.p;
  const double alpha = 1 - o.level;
  const double crit_u = ChiSqQuantile(1 - alpha / 2, kp);
  const double crit_l = ChiSqQuantile(alpha / 2, kp);
  const double tau2_max = std::max(kQBracket, r->tau2 * 10);
  const double q0 = QAt(d, 0);
  r->tau2_ci_lb = r->tau2_ci_ub = NAN;
  if (q0 < crit_l) {
    r->tau2_ci_lb = r->tau2_ci_ub = 0;
  } else {
    auto ub = SolveQ(d, crit_l, 0, tau2_max, o);
    if (ub.ok()) r->tau2_ci_ub = *ub;
  }
  if (q0 < crit_u) {
    r->tau2_ci_lb = 0;
  } else {
    auto lb = SolveQ(d, crit_u, 0, tau2_max, o);
    if (lb.ok()) r->tau2_ci_lb = *lb;
  }
  r->I2_ci_lb = 100 * r->tau2_ci_lb / (r->vt + r->tau2_ci_lb);
  r->I2_ci_ub = 100 * r->tau2_ci_ub / (r->vt + r->tau2_ci_ub);
  r->H2_ci_lb = r->tau2_ci_lb / r->vt + 1;
  r->H2_ci_ub = r->tau2_ci_ub / r->vt + 1;
}

bool IsIntercept(const MatrixXd& X, int col) { return (X.col(col).array() == 1.0).all(); }

Status CheckInput(const std::vector<double>& yi, const std::vector<double>& vi, const FitOptions& o,
                  const std::vector<double>& x) {
  if (yi.size() != vi.size()) return Status::InvalidArgument("yi and vi have different lengths");
  if (yi.size() < 2) {
    return Status::InvalidArgument("a meta-analysis needs at least 2 studies (k = " + std::to_string(yi.size()) + ")");
  }
  if (!x.empty() && x.size() % yi.size() != 0) return Status::InvalidArgument("the design does not have k rows");
  for (size_t i = 0; i < yi.size(); ++i) {
    if (!std::isfinite(yi[i])) return Status::InvalidArgument("study " + std::to_string(i + 1) + ": the effect size is not a finite number");
    // Beyond these magnitudes squares and weights overflow a double; no effect size measure gets there.
    if (std::fabs(yi[i]) > 1e100 || vi[i] > 1e100 || (vi[i] > 0 && vi[i] < 1e-100)) {
      return Status::InvalidArgument("study " + std::to_string(i + 1) +
                                     ": the effect size or its variance is outside the range carta can fit (1e-100 to 1e100)");
    }
    if (!std::isfinite(vi[i]) || vi[i] < 0) {
      return Status::InvalidArgument("study " + std::to_string(i + 1) + ": the sampling variance must be a finite number >= 0");
    }
    const bool zero_ok = o.method == Method::kML || o.method == Method::kREML || o.method == Method::kHE ||
                         o.method == Method::kSJ;
    if (vi[i] == 0 && !zero_ok) {
      return Status::InvalidArgument("study " + std::to_string(i + 1) + ": a sampling variance of 0 cannot be used with " +
                                     MethodName(o.method) + " (use REML, ML, HE or SJ)");
    }
  }
  if (o.level <= 0 || o.level >= 1) return Status::InvalidArgument("the confidence level must be between 0 and 1");
  return Status::Ok();
}

}  // namespace

namespace {

// The names of the estimators, in the order doc/cli.md lists them; "FE" is EE's alias.
const std::pair<const char*, Method> kMethodNames[] = {
    {"EE", Method::kEE}, {"FE", Method::kEE},   {"DL", Method::kDL},     {"HE", Method::kHE},
    {"HS", Method::kHS}, {"HSk", Method::kHSk}, {"SJ", Method::kSJ},     {"ML", Method::kML},
    {"REML", Method::kREML}, {"EB", Method::kEB}, {"PM", Method::kPM}, {"PMM", Method::kPMM},
    {"GLMM", Method::kGLMM}};

}  // namespace

const std::vector<std::string>& MethodNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& [n, m] : kMethodNames) names.push_back(n);
    return names;
  }();
  return kNames;
}

Result<Method> ParseMethod(const std::string& name) {
  for (const auto& [n, m] : kMethodNames) {
    if (name == n) return m;
  }
  return Status::InvalidArgument("unknown method '" + name + "' (expected EE, DL, HE, HS, HSk, SJ, ML, REML, EB, PM, PMM or GLMM)")
      .WithField("method");
}

const char* MethodName(Method m) {
  switch (m) {
    case Method::kEE: return "EE";
    case Method::kDL: return "DL";
    case Method::kHE: return "HE";
    case Method::kHS: return "HS";
    case Method::kHSk: return "HSk";
    case Method::kSJ: return "SJ";
    case Method::kML: return "ML";
    case Method::kREML: return "REML";
    case Method::kEB: return "EB";
    case Method::kPM: return "PM";
    case Method::kPMM: return "PMM";
    case Method::kGLMM: return "GLMM";
  }
  return "?";
}

bool IsRandomEffects(Method m) { return m != Method::kEE; }

namespace {

// The model's data from Fit()'s arguments; fails when k <= p or the design
// is not of full rank.
Result<Data> MakeData(const std::vector<double>& yi, const std::vector<double>& vi, const std::vector<double>& x) {
  Data d;
  d.k = static_cast<int>(yi.size());
  d.y = Eigen::Map<const VectorXd>(yi.data(), d.k);
  d.v = Eigen::Map<const VectorXd>(vi.data(), d.k);
  if (x.empty()) {
    d.p = 1;
    d.X = MatrixXd::Ones(d.k, 1);
  } else {
    d.p = static_cast<int>(x.size() / yi.size());
    d.X = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(x.data(), d.k, d.p);
  }
  if (d.k <= d.p) {
    return Status::InvalidArgument("k = " + std::to_string(d.k) + " studies cannot estimate " + std::to_string(d.p) +
                                   " coefficients and heterogeneity");
  }
  Eigen::FullPivLU<MatrixXd> lu(d.X);
  if (lu.rank() < d.p) return Status::InvalidArgument("the moderators are collinear: the design is not of full rank");
  return d;
}

// The coefficients at r->tau2 with their standard errors, tests and
// intervals (t with k - p df under Hartung-Knapp, else z); sets *beta_out
// and *vb_out (their covariance) for the omnibus test. Returns the critical
// value of the intervals.
double Coefficients(const Data& d, const FitOptions& o, FitResult* r, VectorXd* beta_out, MatrixXd* vb_out) {
  VectorXd w = (d.v.array() + r->tau2).inverse();
  MatrixXd vb = Projection(d.X, w).A();
  VectorXd beta = vb * (d.X.transpose() * w.cwiseProduct(d.y));
  if (o.knha) {
    double rss = (w.array() * (d.y - d.X * beta).array().square()).sum();
    double s2w = rss <= std::numeric_limits<double>::epsilon() ? 0 : rss / (d.k - d.p);
    vb *= s2w;
    r->df = d.k - d.p;
  }
  const double alpha = 1 - o.level;
  double crit;
  if (o.knha) {
    crit = boost::math::quantile(boost::math::students_t(r->df), 1 - alpha / 2);
  } else {
    crit = boost::math::quantile(boost::math::normal(), 1 - alpha / 2);
  }
  AppendWaldTests(beta, vb, o.knha ? r->df : 0, crit, r);
  r->estimate = r->beta[0];
  r->estimate_se = r->se[0];
  r->estimate_zval = r->zval[0];
  r->estimate_pval = r->pval[0];
  r->estimate_ci_lb = r->ci_lb[0];
  r->estimate_ci_ub = r->ci_ub[0];
  const double wsum = w.sum();
  for (int i = 0; i < d.k; ++i) r->weights.push_back(100 * w(i) / wsum);
  *beta_out = std::move(beta);
  *vb_out = std::move(vb);
  return crit;
}

// Omnibus test of the moderators (every coefficient but an intercept; the
// intercept itself in an intercept-only model): Wald χ², or F under
// Hartung-Knapp.
void OmnibusTest(const Data& d, const FitOptions& o, const VectorXd& beta, const MatrixXd& vb, FitResult* r) {
  std::vector<int> btt;
  for (int j = 0; j < d.p; ++j) {
    if (!(d.p > 1 && IsIntercept(d.X, j)) || d.p == 1) btt.push_back(j);
  }
  if (d.p == 1) btt = {0};
  const int m = static_cast<int>(btt.size());
  VectorXd b(m);
  MatrixXd V(m, m);
  for (int a = 0; a < m; ++a) {
    b(a) = beta(btt[a]);
    for (int c = 0; c < m; ++c) V(a, c) = vb(btt[a], btt[c]);
  }
  r->QM = b.dot(V.llt().solve(b));
  r->QM_df = m;
  if (o.knha) {
    r->QM /= m;
    r->QM_pval = boost::math::cdf(boost::math::complement(boost::math::fisher_f(m, d.k - d.p), r->QM));
  } else {
    r->QM_pval = boost::math::cdf(boost::math::complement(boost::math::chi_squared(m), r->QM));
  }
}

// Heterogeneity: Q with the fixed-effects weights, I², H² and the τ²
// interval. Like metafor, none of them exists when a sampling variance is 0.
void Heterogeneity(const Data& d, const FitOptions& o, FitResult* r) {
  r->Q_df = d.k - d.p;
  r->tau2_ci_lb = r->tau2_ci_ub = r->I2_ci_lb = r->I2_ci_ub = r->H2_ci_lb = r->H2_ci_ub = NAN;
  if (!(d.v.array() > 0).all()) {
    r->Q = r->Q_pval = r->I2 = r->H2 = r->vt = NAN;
    return;
  }
  const Projection Pfe(d.X, d.v.cwiseInverse());
  r->Q = std::max(0.0, Pfe.Quad(d.y));
  r->Q_pval = boost::math::cdf(boost::math::complement(boost::math::chi_squared(r->Q_df), r->Q));
  r->vt = (d.k - d.p) / Pfe.Trace();
  if (o.method == Method::kEE) {
    r->I2 = r->Q > 0 ? std::max(0.0, 100 * (r->Q - r->Q_df) / r->Q) : 0;
    r->H2 = r->Q / r->Q_df;
    r->se_tau2 = NAN;
  } else {
    r->I2 = 100 * r->tau2 / (r->vt + r->tau2);
    r->H2 = r->tau2 / r->vt + 1;
    if (o.tau2_ci) QProfile(d, o, r);
  }
}

}  // namespace

Result<FitResult> Fit(const std::vector<double>& yi, const std::vector<double>& vi, const FitOptions& o,
                      const std::vector<double>& x, const std::vector<std::string>& names) {
  if (o.method == Method::kGLMM) {
    return Status::InvalidArgument("the binomial-normal model (GLMM) takes counts, not yi and vi (see FitGlmm)");
  }
  if (Status s = CheckInput(yi, vi, o, x); !s.ok()) return s;
  auto data = MakeData(yi, vi, x);
  if (!data.ok()) return data.status();
  const Data& d = *data;
  auto est = EstimateTau2(d, o);
  if (!est.ok()) return est.status();
  FitResult r;
  r.method = o.method;
  r.knha = o.knha;
  r.k = d.k;
  r.p = d.p;
  r.names = names.empty() ? std::vector<std::string>{"intrcpt"} : names;
  r.tau2 = est->tau2;
  r.se_tau2 = est->se;
  r.iterations = est->iterations;
  r.tau2_truncated = est->truncated;
  VectorXd beta;
  MatrixXd vb;
  const double crit = Coefficients(d, o, &r, &beta, &vb);
  OmnibusTest(d, o, beta, vb, &r);
  // Prediction interval for a new study (intercept-only), with the CI's critical value.
  const double spred = std::sqrt(r.estimate_se * r.estimate_se + r.tau2);
  r.pi_lb = r.estimate - crit * spred;
  r.pi_ub = r.estimate + crit * spred;
  Heterogeneity(d, o, &r);
  // Pseudo-R²: the share of the intercept-only model's τ² that the moderators
  // account for, as metafor reports it (Raudenbush 2009).
  bool has_intercept = false;
  for (int j = 0; j < d.p; ++j) has_intercept = has_intercept || IsIntercept(d.X, j);
  if (d.p > 1 && has_intercept && o.method != Method::kEE) {
    FitOptions null_options = o;
    null_options.tau2_ci = false;  // only its τ² is needed
    auto null_model = Fit(yi, vi, null_options);
    if (null_model.ok()) r.R2 = std::max(0.0, 100 * (null_model->tau2 - r.tau2) / null_model->tau2);
  }
  return r;
}

}  // namespace carta::meta
