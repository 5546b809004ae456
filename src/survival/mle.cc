#include "mle.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlopt.hpp>

#include "carta/meta/numeric.h"

namespace carta::survival::internal {

namespace {

// What BOBYQA sees where the likelihood is undefined: very unlikely, but finite.
constexpr double kUndefinedLogLik = -1e100;

double Safe(const LogLikelihood& f, const std::vector<double>& x) {
  const double v = f(x);
  return std::isfinite(v) ? v : kUndefinedLogLik;
}

double At(const LogLikelihood& f, std::vector<double> x, size_t i, double di, size_t j, double dj) {
  x[i] += di;
  x[j] += dj;
  return f(x);
}

std::vector<double> GradientWithSteps(const LogLikelihood& f, const std::vector<double>& x, const std::vector<double>& h) {
  std::vector<double> g(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    auto central = [&](double s) { return (At(f, x, i, s, i, 0) - At(f, x, i, -s, i, 0)) / (2 * s); };
    g[i] = (4 * central(h[i] / 2) - central(h[i])) / 3;  // Richardson
  }
  return g;
}

std::vector<double> HessianWithSteps(const LogLikelihood& f, const std::vector<double>& x, const std::vector<double>& h) {
  // Richardson extrapolation of meta's central differences: (4 H(h/2) - H(h)) / 3.
  std::vector<double> half(h.size());
  for (size_t i = 0; i < h.size(); ++i) half[i] = h[i] * 0.5;
  const std::vector<double> fine = meta::CentralHessian(f, x, half);
  const std::vector<double> coarse = meta::CentralHessian(f, x, h);
  std::vector<double> hess(fine.size());
  for (size_t i = 0; i < hess.size(); ++i) hess[i] = (4 * fine[i] - coarse[i]) / 3;
  return hess;
}

// One maximisation with NLopt from x: BOBYQA (derivative-free) without a
// gradient, L-BFGS (Liu & Nocedal 1989) with one. Stops loosely: the Newton
// polish takes the point from close to the maximum to the top. NLopt's
// round-off stop keeps the best point found in x.
Result<std::vector<double>> NloptSearch(const LogLikelihood& f, const LogLikelihoodGradient& g, std::vector<double> x,
                                        const Bounds& bounds, int* evaluations) {
  nlopt::opt opt(g ? nlopt::LD_LBFGS : nlopt::LN_BOBYQA, static_cast<unsigned>(x.size()));
  struct Context {
    const LogLikelihood* f;
    const LogLikelihoodGradient* g;
    int* evaluations;
  } context{&f, &g, evaluations};
  auto objective = [](const std::vector<double>& v, std::vector<double>& grad, void* data) {  // NOLINT: NLopt's signature
    auto* c = static_cast<Context*>(data);
    ++*c->evaluations;
    const double fv = Safe(*c->f, v);
    if (!grad.empty()) {
      std::vector<double> gv = (*c->g)(v);
      for (size_t i = 0; i < grad.size(); ++i) grad[i] = gv.size() == grad.size() && std::isfinite(gv[i]) ? gv[i] : 0.0;
    }
    return fv;
  };
  try {
    opt.set_max_objective(objective, &context);
    if (!bounds.lower.empty()) opt.set_lower_bounds(bounds.lower);
    if (!bounds.upper.empty()) opt.set_upper_bounds(bounds.upper);
    if (g) {
      opt.set_xtol_rel(1e-8);
      opt.set_ftol_abs(1e-10);
      opt.set_maxeval(2000);
    } else {
      std::vector<double> step(x.size(), 0.5);
      for (size_t i = 0; i < bounds.typical.size(); ++i) step[i] = 0.5 * bounds.typical[i];
      opt.set_initial_step(step);
      opt.set_xtol_rel(1e-7);
      opt.set_ftol_abs(1e-9);
      opt.set_maxeval(5000);
    }
    double best = 0;
    opt.optimize(x, best);
  } catch (const nlopt::roundoff_limited&) {
  } catch (const std::exception& e) {
    return Status::NotConverged(std::string("the likelihood maximisation failed (NLopt: ") + e.what() + ")");
  }
  return x;
}

// The Hessian as central differences of the analytic gradient with Richardson
// extrapolation (steps h, h/2), symmetrised; empty where the gradient fails.
std::vector<double> GradientHessianWithSteps(const LogLikelihoodGradient& g, const std::vector<double>& x,
                                             const std::vector<double>& h) {
  const size_t p = x.size();
  std::vector<double> hess(p * p);
  for (size_t i = 0; i < p; ++i) {
    auto central = [&](double s) -> std::vector<double> {
      std::vector<double> up = x, down = x;
      up[i] += s;
      down[i] -= s;
      const std::vector<double> gu = g(up), gd = g(down);
      if (gu.size() != p || gd.size() != p) return {};
      std::vector<double> d(p);
      for (size_t j = 0; j < p; ++j) d[j] = (gu[j] - gd[j]) / (2 * s);
      return d;
    };
    const std::vector<double> coarse = central(h[i]), fine = central(h[i] / 2);
    if (coarse.empty() || fine.empty()) return {};
    for (size_t j = 0; j < p; ++j) hess[i * p + j] = (4 * fine[j] - coarse[j]) / 3;
  }
  for (size_t i = 0; i < p; ++i) {
    for (size_t j = 0; j < i; ++j) hess[i * p + j] = hess[j * p + i] = 0.5 * (hess[i * p + j] + hess[j * p + i]);
  }
  for (double v : hess) {
    if (!std::isfinite(v)) return {};
  }
  return hess;
}

}  // namespace

std::vector<double> DerivativeSteps(const std::vector<double>& x, const std::vector<double>& covariance,
                                    const std::vector<double>& typical, double fraction) {
  const size_t p = x.size();
  std::vector<double> h(p);
  for (size_t i = 0; i < p; ++i) {
    const double se = covariance.size() == p * p ? std::sqrt(covariance[i * p + i]) : 0.0;
    const double scale = i < typical.size() ? typical[i] : 1.0;
    h[i] = std::isfinite(se) && se > 0 ? fraction * se : 1e-3 * std::max(scale, std::fabs(x[i]));
  }
  return h;
}

std::vector<double> NumericGradient(const LogLikelihood& f, const std::vector<double>& x, const std::vector<double>& h) {
  return GradientWithSteps(f, x, h);
}

std::vector<double> NumericHessian(const LogLikelihood& f, const std::vector<double>& x, std::vector<double> h) {
  std::vector<double> hess = HessianWithSteps(f, x, h);
  for (int pass = 0; pass < 2; ++pass) {
    const std::vector<double> cov = InverseInformation(hess, x.size());
    if (cov.empty()) break;
    h = DerivativeSteps(x, cov, {}, kHessianStep);
    hess = HessianWithSteps(f, x, h);
  }
  return hess;
}

std::vector<double> InverseInformation(const std::vector<double>& hessian, size_t p) {
  Eigen::MatrixXd info(p, p);
  for (size_t i = 0; i < p; ++i) {
    for (size_t j = 0; j < p; ++j) info(i, j) = -hessian[i * p + j];
  }
  Eigen::LLT<Eigen::MatrixXd> llt(info);
  if (llt.info() != Eigen::Success || !info.allFinite()) return {};
  const Eigen::MatrixXd inv = llt.solve(Eigen::MatrixXd::Identity(p, p));
  std::vector<double> out(p * p);
  for (size_t i = 0; i < p; ++i) {
    for (size_t j = 0; j < p; ++j) out[i * p + j] = inv(i, j);
  }
  return out;
}

namespace {

// The log likelihood and, where known, its analytic gradient.
struct Objective {
  const LogLikelihood& f;
  const LogLikelihoodGradient& g;

  std::vector<double> Gradient(const std::vector<double>& x, const std::vector<double>& h) const {
    if (g) {
      std::vector<double> exact = g(x);
      if (exact.size() == x.size()) return exact;
    }
    return NumericGradient(f, x, h);
  }
  // As NumericHessian: steps refined to kHessianStep of the standard errors,
  // twice for differences of the likelihood, once for differences of an
  // analytic gradient (which barely depend on the step).
  std::vector<double> Hessian(const std::vector<double>& x, std::vector<double> h) const {
    if (!g) return NumericHessian(f, x, h);
    std::vector<double> hess = GradientHessianWithSteps(g, x, h);
    for (int pass = 0; pass < 1 && !hess.empty(); ++pass) {
      const std::vector<double> cov = InverseInformation(hess, x.size());
      if (cov.empty()) break;
      hess = GradientHessianWithSteps(g, x, DerivativeSteps(x, cov, {}, kHessianStep));
    }
    return hess.empty() ? NumericHessian(f, x, h) : hess;
  }
  // One Hessian with steps from a known covariance.
  std::vector<double> HessianAt(const std::vector<double>& x, const std::vector<double>& cov) const {
    const std::vector<double> h = DerivativeSteps(x, cov, {}, kHessianStep);
    std::vector<double> hess = g ? GradientHessianWithSteps(g, x, h) : std::vector<double>{};
    return hess.empty() ? HessianWithSteps(f, x, h) : hess;
  }
};

bool Inside(const std::vector<double>& v, const Bounds& b) {
  for (size_t i = 0; i < v.size(); ++i) {
    if ((!b.lower.empty() && v[i] < b.lower[i]) || (!b.upper.empty() && v[i] > b.upper[i])) return false;
  }
  return true;
}

// Newton–Raphson with step halving from x, staying inside the bounds; the
// Hessian is recomputed every few steps (near the maximum a fixed Hessian
// converges as fast). Stops when every step is below 1e-9 standard errors.
// Returns the last inverse information it used (empty if none).
std::vector<double> NewtonPolish(const Objective& o, const Bounds& bounds, std::vector<double>* x, double* fx) {
  const LogLikelihood& f = o.f;
  const size_t p = x->size();
  std::vector<double> cov = InverseInformation(o.Hessian(*x, DerivativeSteps(*x, {}, bounds.typical)), p);
  for (int it = 0; it < 40 && !cov.empty(); ++it) {
    const std::vector<double> g = o.Gradient(*x, DerivativeSteps(*x, cov));
    std::vector<double> step(p, 0.0), next(p);
    double largest = 0;
    for (size_t i = 0; i < p; ++i) {
      for (size_t j = 0; j < p; ++j) step[i] += cov[i * p + j] * g[j];
      largest = std::max(largest, std::fabs(step[i]) / std::sqrt(cov[i * p + i]));
    }
    if (largest < 1e-9) return cov;
    double fn = -std::numeric_limits<double>::infinity();
    for (int halving = 0; halving < 40; ++halving) {
      for (size_t i = 0; i < p; ++i) next[i] = (*x)[i] + step[i];
      if (Inside(next, bounds) && (fn = f(next)) >= *fx - 1e-12 * std::fabs(*fx)) break;
      for (double& s : step) s /= 2;
      fn = -std::numeric_limits<double>::infinity();
    }
    if (!std::isfinite(fn)) return cov;
    *x = next;
    *fx = fn;
    if (it % 4 == 3) {
      const std::vector<double> fresh = InverseInformation(o.HessianAt(*x, cov), p);
      if (!fresh.empty()) cov = fresh;
    }
  }
  return cov;
}

}  // namespace

Result<Maximum> Maximize(const LogLikelihood& f, std::vector<double> start, const Bounds& bounds,
                         const LogLikelihoodGradient& gradient) {
  Maximum m;
  const Objective o{f, gradient};
  if (!std::isfinite(f(start))) return Status::NotConverged("the likelihood is not defined at the starting values");
  auto found = NloptSearch(f, gradient, std::move(start), bounds, &m.evaluations);
  if (!found.ok()) return found.status();
  std::vector<double> x = *found;
  double fx = f(x);
  if (!std::isfinite(fx)) return Status::NotConverged("the likelihood maximisation ended where the likelihood is not defined");
  const std::vector<double> polish_cov = NewtonPolish(o, bounds, &x, &fx);
  m.estimate = x;
  m.loglik = fx;
  // With an analytic gradient one Hessian at steps from the polish's
  // covariance is as good as refining from scratch, at a third of the cost.
  if (gradient && !polish_cov.empty()) m.hessian = o.HessianAt(x, polish_cov);
  if (m.hessian.empty()) m.hessian = o.Hessian(x, DerivativeSteps(x, {}, bounds.typical));
  const std::vector<double> cov = InverseInformation(m.hessian, x.size());
  m.gradient = o.Gradient(x, DerivativeSteps(x, cov, bounds.typical));
  for (size_t i = 0; i < x.size(); ++i) {
    const double se = cov.empty() ? 1.0 : std::sqrt(cov[i * x.size() + i]);
    m.max_scaled_gradient = std::max(m.max_scaled_gradient, std::fabs(m.gradient[i]) * se);
  }
  return m;
}

Result<Maximum> Search(const LogLikelihood& f, std::vector<double> start, const Bounds& bounds) {
  Maximum m;
  if (!std::isfinite(f(start))) return Status::NotConverged("the likelihood is not defined at the starting values");
  auto found = NloptSearch(f, {}, std::move(start), bounds, &m.evaluations);
  if (!found.ok()) return found.status();
  m.estimate = *found;
  m.loglik = f(m.estimate);
  return m;
}

}  // namespace carta::survival::internal
