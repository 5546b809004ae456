#include "carta/meta/glmm.h"

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/roots.hpp>
#include <algorithm>
#include <cmath>

#include "carta/meta/numeric.h"

namespace carta::meta {

namespace {

// Gauss-Hermite nodes and weights for ∫ e^{-z²} f(z) dz (Golub & Welsch 1969).
void GaussHermite(int n, std::vector<double>* z, std::vector<double>* w) {
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n, n);
  for (int i = 1; i < n; ++i) J(i, i - 1) = J(i - 1, i) = std::sqrt(i / 2.0);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(J);
  z->resize(n);
  w->resize(n);
  for (int i = 0; i < n; ++i) {
    (*z)[i] = es.eigenvalues()(i);
    (*w)[i] = std::sqrt(M_PI) * es.eigenvectors()(0, i) * es.eigenvectors()(0, i);
  }
}

// Safeguarded Newton for each study's conditional mode: at most this many
// steps (bisection halves the bracket each time, so 200 reach any double).
constexpr int kModeIterations = 200;
// Newton polish of (β, θ) after the profile search: at most this many steps,
// central differences with this step, stopping when both steps are smaller
// than the tolerance.
constexpr int kPolishSteps = 5;
constexpr double kPolishStep = 1e-5;
constexpr double kPolishTolerance = 1e-12;
// The profile search over θ = τ: Brent's method to 52 bits (a double's
// mantissa) in at most 500 steps, on a bracket doubled up to θ = 40.
constexpr int kProfileSearchBits = 52;
constexpr boost::uintmax_t kProfileSearchIterations = 500;
constexpr double kMaxBracketTheta = 20;
// The profile-likelihood interval: bisection to 40 bits in at most 200 steps,
// the upper bracket doubled until it passes θ = 1000 (τ² = 10⁶; beyond, the
// bound is reported as infinite).
constexpr int kIntervalBits = 40;
constexpr boost::uintmax_t kIntervalIterations = 200;
constexpr double kMaxIntervalTheta = 1000;
// The step of the numerical observed information for the standard error of β
// (lme4's vcov() differentiates the deviance numerically too).
constexpr double kInformationStep = 1e-4;

double Log1pExp(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

struct Model {
  std::vector<double> x, n, log_choose;
  std::vector<double> gz, gw;

  // The mode of h(u) = log Binom(x | n, expit(β + θu)) + log φ(u), the root of
  // h'(u) = θ(x - n p) - u. h' falls strictly and θ(x - n p) lies between
  // θ(x - n) and θx, so the root lies between them too:
  // Newton's steps are kept inside that bracket (bisecting when a step
  // leaves it), because a bare Newton step oscillates when θ·n is large
  // (a 0/n study beside a high pooled logit jumps between two points and
  // never settles, which broke the profile likelihood beyond τ² ≈ 6).
  double ConditionalMode(size_t i, double beta, double theta) const {
    // (for θ < 0, as numerical derivatives at θ ≈ 0 ask, the ends swap)
    const double left = theta * (x[i] - n[i]), right = theta * x[i];
    double lo = std::min(left, right), hi = std::max(left, right);
    double u = std::clamp(0.0, lo, hi);
    for (int it = 0; it < kModeIterations; ++it) {
      const double p = 1 / (1 + std::exp(-(beta + theta * u)));
      const double g = theta * (x[i] - n[i] * p) - u;
      if (g == 0) return u;
      if (g > 0) lo = u; else hi = u;
      const double curvature = theta * theta * n[i] * p * (1 - p) + 1;  // -h''
      double next = u + g / curvature;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      const double step = next - u;
      u = next;
      if (std::fabs(step) < 1e-13 * std::max(1.0, std::fabs(u)) || hi - lo < 1e-15 * std::max(1.0, std::fabs(u))) break;
    }
    return u;
  }

  // log ∫ Binom(x | n, expit(β + θu)) φ(u) du by adaptive Gauss-Hermite
  // quadrature around the conditional mode of u (as lme4 does for nAGQ > 1).
  double StudyLogLik(size_t i, double beta, double theta) const {
    auto h = [&](double u) {
      const double eta = beta + theta * u;
      return x[i] * eta - n[i] * Log1pExp(eta) - 0.5 * u * u - 0.5 * std::log(2 * M_PI);
    };
    const double u = ConditionalMode(i, beta, theta);
    const double p = 1 / (1 + std::exp(-(beta + theta * u)));
    const double curvature = theta * theta * n[i] * p * (1 - p) + 1;
    const double sigma = 1 / std::sqrt(curvature);
    double top = -INFINITY;
    std::vector<double> terms(gz.size());
    for (size_t k = 0; k < gz.size(); ++k) {
      terms[k] = std::log(gw[k]) + gz[k] * gz[k] + h(u + std::sqrt(2.0) * sigma * gz[k]);
      top = std::max(top, terms[k]);
    }
    double sum = 0;
    for (double t : terms) sum += std::exp(t - top);
    return log_choose[i] + std::log(std::sqrt(2.0) * sigma) + top + std::log(sum);
  }

  double LogLik(double beta, double theta) const {
    double ll = 0;
    for (size_t i = 0; i < x.size(); ++i) ll += StudyLogLik(i, beta, theta);
    return ll;
  }

  // The β that maximises the likelihood at θ (concave in β): Newton with numerical derivatives.
  double BestBeta(double theta, double start) const {
    double b = start;
    for (int it = 0; it < 100; ++it) {
      const double hstep = 1e-4;
      const double f0 = LogLik(b, theta), fp = LogLik(b + hstep, theta), fm = LogLik(b - hstep, theta);
      const double d1 = (fp - fm) / (2 * hstep), d2 = (fp - 2 * f0 + fm) / (hstep * hstep);
      double step = d2 < 0 ? -d1 / d2 : (d1 > 0 ? 0.5 : -0.5);
      step = std::clamp(step, -2.0, 2.0);
      b += step;
      if (std::fabs(step) < 1e-12) break;
    }
    return b;
  }
};

// The model of `data`; fails on impossible counts.
Result<Model> MakeModel(const std::vector<Proportion>& data, int quadrature_points) {
  Model m;
  GaussHermite(quadrature_points, &m.gz, &m.gw);
  for (const auto& d : data) {
    if (d.n < 1) return Status::InvalidArgument("study '" + d.study + "': n must be at least 1");
    if (d.events < 0 || d.events > d.n) {
      return Status::InvalidArgument("study '" + d.study + "': events must be between 0 and n");
    }
    m.x.push_back(static_cast<double>(d.events));
    m.n.push_back(static_cast<double>(d.n));
    m.log_choose.push_back(std::lgamma(d.n + 1.0) - std::lgamma(d.events + 1.0) - std::lgamma(d.n - d.events + 1.0));
  }
  return m;
}

// The profile likelihood in θ = τ: for each θ the best β.
struct Profile {
  const Model& m;
  double beta0;  // the pooled logit, where each inner search starts
  double NegLogLik(double theta) const { return -m.LogLik(m.BestBeta(theta, beta0), theta); }
};

// θ maximising the profile likelihood on [0, ∞): Brent's search on a bracket
// doubled from [0, 2] while the likelihood still rises (up to θ = 40); 0
// when the boundary is at least as good.
double ProfileMaximum(const Profile& profile, bool* on_boundary) {
  double hi = 1;
  while (hi < kMaxBracketTheta && profile.NegLogLik(hi * 2) < profile.NegLogLik(hi)) hi *= 2;
  boost::uintmax_t iters = kProfileSearchIterations;
  auto best = boost::math::tools::brent_find_minima([&](double t) { return profile.NegLogLik(t); }, 0.0, 2 * hi,
                                                    kProfileSearchBits, iters);
  *on_boundary = profile.NegLogLik(0) <= best.second;
  return *on_boundary ? 0 : best.first;
}

// Polishes (β, θ) with Newton steps on central-difference derivatives: the
// likelihood is flat near its top, so comparing values alone (as Nelder-Mead
// in lme4 does) stops up to ~1e-5 away in τ².
void Polish(const Model& m, double* beta, double* theta) {
  // Coordinates (θ, β), in the order the cross difference has always been taken.
  const ScalarFunction loglik = [&](const std::vector<double>& tb) { return m.LogLik(tb[1], tb[0]); };
  for (int it = 0; it < kPolishSteps; ++it) {
    const std::vector<double> at = {*theta, *beta}, steps = {kPolishStep, kPolishStep};
    const std::vector<double> g = CentralGradient(loglik, at, steps);
    const std::vector<double> hess = CentralHessian(loglik, at, steps);
    const double gt = g[0], gb = g[1], htt = hess[0], hbt = hess[2], hbb = hess[3];
    const double det = hbb * htt - hbt * hbt;
    if (!(det > 0) || !(hbb < 0)) return;  // not at a concave top: keep the profile's answer
    const double db = -(htt * gb - hbt * gt) / det, dt = -(hbb * gt - hbt * gb) / det;
    if (*theta + dt <= 0 || m.LogLik(*beta + db, *theta + dt) < m.LogLik(*beta, *theta)) return;
    *beta += db;
    *theta += dt;
    if (std::fabs(db) < kPolishTolerance && std::fabs(dt) < kPolishTolerance) return;
  }
}

// Standard error of β from the observed information of (β, θ), as lme4's
// vcov() (numerical Hessian); on the boundary, of β alone.
double BetaStandardError(const Model& m, double beta, double theta) {
  const ScalarFunction neg_loglik = [&](const std::vector<double>& tb) { return -m.LogLik(tb[1], tb[0]); };
  const std::vector<double> info = CentralHessian(neg_loglik, {theta, beta}, {kInformationStep, kInformationStep});
  const double ftt = info[0], fbt = info[2], fbb = info[3];
  double var_beta = 1 / fbb;
  if (theta > 2 * kInformationStep) {
    const double det = fbb * ftt - fbt * fbt;
    if (det > 0) var_beta = ftt / det;
  }
  return std::sqrt(var_beta);
}

// Profile-likelihood interval for τ²: where 2(ℓ̂ - ℓ_p(θ)) = χ²₁(level), by
// bisection on each side of θ̂.
void ProfileInterval(const Profile& profile, double theta, double loglik, double level, GlmmResult* r) {
  const double drop = 0.5 * boost::math::quantile(boost::math::chi_squared(1), level);
  auto gap = [&](double t) { return (-profile.NegLogLik(t)) - (loglik - drop); };
  auto tol = boost::math::tools::eps_tolerance<double>(kIntervalBits);
  if (theta == 0 || gap(0) >= 0) {
    r->tau2_ci_lb = 0;
  } else {
    boost::uintmax_t it = kIntervalIterations;
    auto root = boost::math::tools::bisect(gap, 0.0, theta, tol, it);
    r->tau2_ci_lb = std::pow(0.5 * (root.first + root.second), 2);
  }
  double up = std::max(theta, 0.1) * 2;
  while (gap(up) > 0 && up < kMaxIntervalTheta) up *= 2;
  if (gap(up) > 0) {  // the likelihood never falls far enough: no finite bound
    r->tau2_ci_ub = INFINITY;
    return;
  }
  boost::uintmax_t it = kIntervalIterations;
  auto root = boost::math::tools::bisect(gap, std::max(theta, 1e-12), up, tol, it);
  r->tau2_ci_ub = std::pow(0.5 * (root.first + root.second), 2);
}

// I² and H² against the typical within-study variance of the escalc logits
// (with metafor's 0.5 correction for 0 or n events), and the weights.
void Heterogeneity(const std::vector<Proportion>& data, GlmmResult* r) {
  auto es = ComputeEffects(Measure::kPLO, data);
  if (!es.ok()) return;
  double sw = 0, sw2 = 0;
  for (double v : es->vi) {
    sw += 1 / v;
    sw2 += 1 / (v * v);
  }
  const double vt = (r->k - 1) / (sw - sw2 / sw);
  r->I2 = 100 * r->tau2 / (vt + r->tau2);
  r->H2 = r->tau2 / vt + 1;
  double wsum = 0;
  for (double v : es->vi) wsum += 1 / (v + r->tau2);
  for (double v : es->vi) r->weights.push_back(100 / (v + r->tau2) / wsum);
}

// Likelihood-ratio test of heterogeneity: the binomial deviance of one common logit.
void LikelihoodRatioTest(const Model& m, double p_common, GlmmResult* r) {
  double dev = 0;
  for (size_t i = 0; i < m.x.size(); ++i) {
    const double xi = m.x[i], ni = m.n[i];
    if (xi > 0) dev += 2 * xi * std::log(xi / (ni * p_common));
    if (ni - xi > 0) dev += 2 * (ni - xi) * std::log((ni - xi) / (ni * (1 - p_common)));
  }
  r->lrt = dev;
  r->lrt_df = r->k - 1;
  r->lrt_pval = boost::math::cdf(boost::math::complement(boost::math::chi_squared(r->lrt_df), dev));
}

}  // namespace

Result<GlmmResult> FitGlmm(const std::vector<Proportion>& data, const GlmmOptions& o) {
  if (data.size() < 2) return Status::InvalidArgument("the binomial-normal model needs at least 2 studies");
  auto model = MakeModel(data, o.quadrature_points);
  if (!model.ok()) return model.status();
  const Model& m = *model;
  double sx = 0, sn = 0;
  for (const auto& d : data) {
    sx += d.events;
    sn += d.n;
  }
  if (sx == 0 || sx == sn) {
    return Status::InvalidArgument(std::string("every study has ") + (sx == 0 ? "0 events" : "only events") +
                                   ": the pooled logit is infinite, so the binomial-normal model has no maximum "
                                   "(pool on another scale, e.g. the measure PR, or report the counts)")
        .WithField("measure");
  }
  const Profile profile{m, std::log(sx / (sn - sx))};
  GlmmResult r;
  r.k = static_cast<int>(data.size());
  double theta = ProfileMaximum(profile, &r.tau2_on_boundary);
  double beta = m.BestBeta(theta, profile.beta0);
  if (theta > 0) Polish(m, &beta, &theta);
  r.estimate = beta;
  r.tau2 = theta * theta;
  r.loglik = m.LogLik(beta, theta);
  r.se = BetaStandardError(m, beta, theta);
  r.zval = r.estimate / r.se;
  boost::math::normal norm;
  r.pval = 2 * boost::math::cdf(boost::math::complement(norm, std::fabs(r.zval)));
  const double crit = boost::math::quantile(norm, 1 - (1 - o.level) / 2);
  r.ci_lb = r.estimate - crit * r.se;
  r.ci_ub = r.estimate + crit * r.se;
  ProfileInterval(profile, theta, r.loglik, o.level, &r);
  Heterogeneity(data, &r);
  LikelihoodRatioTest(m, sx / sn, &r);
  return r;
}

Result<double> GlmmLogLik(const std::vector<Proportion>& data, double beta, double tau2, int quadrature_points) {
  if (tau2 < 0) return Status::InvalidArgument("tau2 cannot be negative");
  auto m = MakeModel(data, quadrature_points);
  if (!m.ok()) return m.status();
  return m->LogLik(beta, std::sqrt(tau2));
}

}  // namespace carta::meta
