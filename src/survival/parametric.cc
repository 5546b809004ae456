#include "carta/survival/parametric.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "carta/core/text.h"
#include "families.h"
#include "mle.h"
#include "predict.h"

namespace carta::survival {

namespace {

using internal::Model;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kCureFractionMin = 1e-9;

struct Named {
  const char* name;
  int value;
};

template <typename E, size_t N>
Result<E> ParseNamed(const std::string& name, const Named (&table)[N], const std::string& what, const std::string& accepted) {
  for (const auto& n : table) {
    if (name == n.name) return static_cast<E>(n.value);
  }
  return Status::InvalidArgument("unknown " + what + " '" + name + "' (expected " + accepted + ")");
}

const Named kDists[] = {{"exponential", 0}, {"exp", 0}, {"weibull", 1}, {"loglogistic", 2}, {"llogis", 2},
                        {"lognormal", 3},   {"lnorm", 3}, {"gompertz", 4}, {"gengamma", 5}};
const Named kCures[] = {{"none", 0}, {"mixture", 1}, {"nonmixture", 2}, {"non-mixture", 2}};
const Named kLinks[] = {{"logistic", 0}, {"logit", 0}, {"identity", 1}, {"loglog", 2}};

}  // namespace

Result<Dist> ParseDist(const std::string& name) {
  return ParseNamed<Dist>(name, kDists, "distribution", "exponential, weibull, loglogistic, lognormal, gompertz or gengamma");
}
Result<Cure> ParseCure(const std::string& name) {
  return ParseNamed<Cure>(name, kCures, "cure model", "none, mixture or nonmixture");
}
Result<CureLink> ParseCureLink(const std::string& name) {
  return ParseNamed<CureLink>(name, kLinks, "cure link", "logistic, identity or loglog");
}

const char* DistName(Dist dist) {
  static const char* const kNames[] = {"exponential", "weibull", "loglogistic", "lognormal", "gompertz", "gengamma"};
  return kNames[static_cast<int>(dist)];
}
const char* CureName(Cure cure) {
  static const char* const kNames[] = {"none", "mixture", "nonmixture"};
  return kNames[static_cast<int>(cure)];
}
const char* CureLinkName(CureLink link) {
  static const char* const kNames[] = {"logistic", "identity", "loglog"};
  return kNames[static_cast<int>(link)];
}

std::vector<std::string> ParameterNames(Dist dist, Cure cure, CureLink link) {
  std::vector<std::string> names;
  switch (dist) {
    case Dist::kExponential: names = {"log_rate"}; break;
    case Dist::kWeibull:
    case Dist::kLogLogistic: names = {"log_shape", "log_scale"}; break;
    case Dist::kLogNormal: names = {"mu", "log_sigma"}; break;
    case Dist::kGompertz: names = {"shape", "log_rate"}; break;
    case Dist::kGenGamma: names = {"mu", "log_sigma", "q"}; break;
  }
  if (cure != Cure::kNone) {
    names.push_back(link == CureLink::kLogistic ? "logit_cure" : link == CureLink::kIdentity ? "cure" : "loglog_cure");
  }
  return names;
}

namespace {

// The log likelihood of right-censored data: events log f(t) (or, with a
// background hazard h*, log(h* + f/S) + log S), censorings log S(t).
double LogLikelihood(const Model& model, const SurvData& data, const std::vector<double>& theta) {
  if (model.dist == Dist::kGenGamma && model.cure == Cure::kNone && data.bhazard.empty()) {
    const double total = internal::GenGammaLogLikelihood(theta.data(), data.time, data.event);
    return std::isnan(total) ? -std::numeric_limits<double>::infinity() : total;
  }
  double total = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    double log_s = 0, log_f = 0;
    // An event without a background hazard needs only the density.
    model.LogSurvDens(theta, data.time[i], &log_s, &log_f, !data.event[i] || !data.bhazard.empty());
    if (!data.event[i]) {
      total += log_s;
    } else if (data.bhazard.empty()) {
      total += log_f;
    } else {
      total += std::log(data.bhazard[i] + std::exp(log_f - log_s)) + log_s;
    }
  }
  return std::isnan(total) ? -std::numeric_limits<double>::infinity() : total;
}

// The analytic gradient of the log likelihood where one is implemented: every
// family without a cure fraction or background hazard. Empty (numerical
// differences of the likelihood) otherwise.
internal::LogLikelihoodGradient GradientOf(const Model& model, const SurvData& data) {
  if (model.cure != Cure::kNone || !data.bhazard.empty()) return {};
  return [&data, dist = model.dist](const std::vector<double>& theta) -> std::vector<double> {
    std::vector<double> g(theta.size(), 0.0);
    for (size_t i = 0; i < data.size(); ++i) {
      if (!internal::DistLogLikGradient(dist, theta.data(), data.time[i], data.event[i] != 0, g.data())) return {};
    }
    return g;
  };
}

// The exponential rate d/Σt: the scale of a hazard in the data's time unit.
double TypicalRate(const SurvData& data) {
  double total_time = 0;
  for (double t : data.time) total_time += t;
  return std::max(static_cast<double>(data.Events()), 0.5) / total_time;
}

// Starting points for the distribution's parameters, from the exponential
// rate and its median log 2/rate.
std::vector<std::vector<double>> DistStarts(Dist dist, const SurvData& data) {
  const double rate = TypicalRate(data);
  const double log_rate = std::log(rate), log_median = std::log(std::log(2.0) / rate);
  switch (dist) {
    case Dist::kExponential: return {{log_rate}};
    case Dist::kWeibull: return {{0, -log_rate}, {std::log(0.5), -log_rate}, {std::log(2.0), -log_rate}};
    case Dist::kLogLogistic: return {{0, log_median}, {std::log(2.0), log_median}};
    case Dist::kLogNormal: return {{log_median, 0}, {log_median, std::log(2.0)}};
    case Dist::kGompertz: return {{0, log_rate}, {-rate, log_rate}, {rate, log_rate}};
    case Dist::kGenGamma: return {};  // from the Weibull and log-normal fits (FitGenGammaStarts)
  }
  return {};
}

using Family = std::vector<std::vector<double>>;
Result<ParametricFit> FitFromStarts(const SurvData& data, const ParametricOptions& options, std::vector<Family> families);

// Generalised gamma: start from the fitted Weibull (q = 1) and log-normal (q ≈ 0).
std::vector<std::vector<double>> GenGammaStarts(const SurvData& data, const ParametricOptions& options) {
  std::vector<std::vector<double>> starts;
  ParametricOptions o = options;
  o.predict_times.clear();
  for (Dist d : {Dist::kWeibull, Dist::kLogNormal}) {
    o.dist = d;
    auto fit = FitFromStarts(data, o, {});
    if (!fit.ok()) continue;
    std::vector<double> s;
    for (const auto& p : fit->parameters) s.push_back(p.estimate);
    std::vector<double> g = d == Dist::kWeibull ? std::vector<double>{s[1], -s[0], 1.0} : std::vector<double>{s[0], s[1], 0.05};
    if (options.cure != Cure::kNone) g.push_back(s.back());
    starts.push_back(g);
  }
  return starts;
}

// The Kaplan–Meier estimate at the last time: the plateau a cure fraction
// should reach, kept inside [0.02, 0.98].
double KaplanMeierPlateau(const SurvData& data) {
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return data.time[a] < data.time[b]; });
  double s = 1, at_risk = static_cast<double>(data.size());
  for (size_t k = 0; k < order.size();) {
    size_t end = k;
    double events = 0;
    while (end < order.size() && data.time[order[end]] == data.time[order[k]]) events += data.event[order[end++]] ? 1 : 0;
    if (at_risk > 0) s *= 1 - events / at_risk;
    at_risk -= static_cast<double>(end - k);
    k = end;
  }
  return std::clamp(s, 0.02, 0.98);
}

// The events alone, as if every patient had had one: the distribution of the
// times of those who are not cured, the start of a cure model's tail.
SurvData EventsAlone(const SurvData& data) {
  SurvData events;
  for (size_t i = 0; i < data.size(); ++i) {
    if (!data.event[i]) continue;
    events.time.push_back(data.time[i]);
    events.event.push_back(true);
  }
  return events;
}

// Every start for the whole model, grouped by family. Without a cure fraction
// one family: the distribution's starts. With one: the uncured fit, the fit
// to the events alone and each of the distribution's starts (a Gompertz with
// positive shape among them) each make a family, crossed with π in {0.1, 0.3,
// 0.5} and the Kaplan–Meier plateau.
std::vector<Family> ModelStarts(const SurvData& data, const ParametricOptions& options) {
  if (options.dist == Dist::kGenGamma) return {GenGammaStarts(data, options)};
  std::vector<std::vector<double>> dist_starts = DistStarts(options.dist, data);
  if (options.cure == Cure::kNone) return {dist_starts};
  ParametricOptions uncured = options;
  uncured.cure = Cure::kNone;
  uncured.predict_times.clear();
  const SurvData events = EventsAlone(data);
  for (const SurvData* d : {&events, &data}) {
    if (auto fit = FitFromStarts(*d, uncured, {DistStarts(options.dist, *d)}); fit.ok()) {
      std::vector<double> s;
      for (const auto& p : fit->parameters) s.push_back(p.estimate);
      dist_starts.insert(dist_starts.begin(), s);
    }
  }
  const Model model{options.dist, options.cure, options.link};
  std::vector<Family> families;
  for (const auto& s : dist_starts) {
    Family family;
    for (double pi : {0.1, 0.3, 0.5, KaplanMeierPlateau(data)}) {
      std::vector<double> x = s;
      x.push_back(model.CureParameter(pi));
      family.push_back(x);
    }
    families.push_back(family);
  }
  return families;
}

internal::Bounds ModelBounds(const Model& model, const SurvData& data) {
  internal::Bounds bounds;
  bounds.typical.assign(model.Size(), 1.0);
  if (model.dist == Dist::kGompertz) bounds.typical[0] = TypicalRate(data);  // the shape is per unit of time
  if (model.cure != Cure::kNone) {
    // π kept within [1e-9, 1 − 1e-9]: a cure fraction that runs to 0 (no
    // plateau in the data) stops there and is reported, instead of the
    // maximiser walking its link parameter to −∞.
    bounds.lower.assign(model.Size(), -HUGE_VAL);
    bounds.upper.assign(model.Size(), HUGE_VAL);
    const double a = model.CureParameter(kCureFractionMin), b = model.CureParameter(1 - kCureFractionMin);
    bounds.lower.back() = std::min(a, b);
    bounds.upper.back() = std::max(a, b);
    if (model.link == CureLink::kIdentity) bounds.typical.back() = 0.1;
  }
  return bounds;
}

// S(∞) of the fitted model: the uncured distribution's own limit (only a
// Gompertz with negative shape a has one: exp(b/a)) combined with π.
double LongTermSurvival(const Model& model, const std::vector<double>& theta) {
  double su = 0;
  if (model.dist == Dist::kGompertz && theta[0] < 0) su = std::exp(std::exp(theta[1]) / theta[0]);
  if (model.cure == Cure::kNone) return su;
  const double pi = model.CureFraction(theta);
  return model.cure == Cure::kMixture ? pi + (1 - pi) * su : std::pow(pi, 1 - su);
}

// The fit's parameters with Wald intervals, and warnings about the maximum.
void Describe(const Model& model, const internal::Maximum& best, ParametricFit* fit) {
  fit->loglik = best.loglik;
  fit->max_scaled_gradient = best.max_scaled_gradient;
  fit->covariance = internal::InverseInformation(best.hessian, model.Size());
  const auto& o = fit->options;
  const std::vector<std::string> names = ParameterNames(o.dist, o.cure, o.link);
  const double z = boost::math::quantile(boost::math::normal(), 1 - (1 - o.level) / 2);
  for (int i = 0; i < model.Size(); ++i) {
    const double se = fit->covariance.empty() ? kNaN : std::sqrt(fit->covariance[i * model.Size() + i]);
    const double est = best.estimate[i];
    fit->parameters.push_back({names[i], est, se, est - z * se, est + z * se});
  }
  const double pi = model.CureFraction(best.estimate);
  const bool at_bound = pi < 1e-4 || pi > 1 - 1e-4;
  if (at_bound) {
    // The plateau is the fitted S(∞), not π alone: a Gompertz with negative
    // shape levels off at exp(rate/shape) by itself.
    const double plateau = LongTermSurvival(model, best.estimate);
    if (pi < 1e-4 && plateau > 1e-3) {
      fit->warnings.push_back("the cure fraction ran to its bound (" + std::to_string(pi) +
                              "): the uncured distribution levels off by itself (fitted S(inf) = " +
                              std::to_string(plateau) +
                              "), so the cure fraction is not identified; its standard errors are not meaningful");
    } else {
      fit->warnings.push_back("the cure fraction ran to its bound (" + std::to_string(pi) +
                              "): the data show no plateau this model can fit (fitted S(inf) = " +
                              std::to_string(plateau) + "); its standard errors are not meaningful");
    }
  }
  if (fit->covariance.empty()) fit->warnings.push_back("the observed information is not positive definite: no standard errors");
  if (!at_bound && fit->max_scaled_gradient > 1e-4) {
    fit->warnings.push_back("the maximisation may not have converged (gradient " +
                            std::to_string(fit->max_scaled_gradient) + " per SE)");
  }
}

// A generalised gamma whose likelihood has no proper maximum: on small
// samples it can rise as |q| → ∞, and the maximiser stops at a local maximum
// with standard errors that mean nothing. The profile likelihood (μ and σ
// maximised, q fixed) at q̂ ± 3 and q̂ ± 10 is compared with the fit's; a
// warning names the first q above it, "" when none is.
std::string GenGammaWithoutMaximum(const internal::LogLikelihood& f, const internal::Maximum& best) {
  const double q_hat = best.estimate[2];
  for (double sign : {1.0, -1.0}) {
    double previous = best.loglik;
    int rises = 0;
    double q_first = 0, l_first = 0;
    for (double distance : {3.0, 10.0}) {
      const double q = q_hat + sign * distance;
      const internal::LogLikelihood profile = [&](const std::vector<double>& x) { return f({x[0], x[1], q}); };
      auto m = internal::Search(profile, {best.estimate[0], best.estimate[1]});
      if (!m.ok() || !(m->loglik > previous + 1e-6 * std::max(1.0, std::fabs(previous)))) break;
      if (rises++ == 0) q_first = q, l_first = m->loglik;
      previous = m->loglik;
    }
    if (rises == 0) continue;
    return "the generalised gamma likelihood has no proper maximum here: with q fixed at " + text::Compact(q_first, 3) +
           " it reaches " + text::Fixed(l_first, 4) + ", above the fit's " + text::Fixed(best.loglik, 4) +
           (rises > 1 ? ", and it keeps rising as |q| grows" : "") +
           "; the estimates and standard errors are not meaningful (prefer a family with fewer parameters)";
  }
  return "";
}

Result<ParametricFit> FitFromStarts(const SurvData& data, const ParametricOptions& options,
                                    std::vector<Family> families) {
  const Model model{options.dist, options.cure, options.link};
  if (families.empty()) families = ModelStarts(data, options);
  const internal::LogLikelihood f = [&](const std::vector<double>& x) { return LogLikelihood(model, data, x); };
  const internal::Bounds bounds = ModelBounds(model, data);
  const internal::LogLikelihoodGradient gradient = GradientOf(model, data);
  // Within a family the starts are ranked by their likelihood. One family
  // (no cure fraction): its best two are maximised. Several: the best start of
  // each is maximised, so that a family whose starts look worse at first (a
  // Gompertz with positive shape beside the uncured fit's negative one) still
  // gets its chance. The best maximum wins.
  Result<internal::Maximum> best = Status::NotConverged("no starting values with a finite likelihood");
  const size_t per_family = families.size() == 1 ? 2 : 1;
  for (auto& starts : families) {
    std::vector<std::pair<double, size_t>> ranked;
    for (size_t i = 0; i < starts.size(); ++i) ranked.push_back({f(starts[i]), i});
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t k = 0; k < ranked.size() && k < per_family; ++k) {
      auto m = internal::Maximize(f, starts[ranked[k].second], bounds, gradient);
      if (m.ok() && (!best.ok() || m->loglik > best->loglik)) best = m;
    }
  }
  if (!best.ok()) return best.status().WithContext(std::string(DistName(options.dist)) + " fit");
  ParametricFit fit;
  fit.options = options;
  fit.background = !data.bhazard.empty();
  fit.n = static_cast<long>(data.size());
  fit.events = data.Events();
  Describe(model, *best, &fit);
  if (options.dist == Dist::kGenGamma) {
    if (std::string w = GenGammaWithoutMaximum(f, *best); !w.empty()) fit.warnings.push_back(w);
  }
  double max_time = 0;
  for (double t : data.time) max_time = std::max(max_time, t);
  internal::Summarize(model, best->estimate, max_time, &fit);
  return fit;
}

}  // namespace

Result<ParametricFit> FitParametric(const SurvData& data, const ParametricOptions& options) {
  if (Status s = ValidateSurvData(data); !s.ok()) return s;
  for (size_t i = 0; i < data.size(); ++i) {
    if (data.time[i] <= 0) {
      return Status::InvalidArgument("row " + std::to_string(i + 1) +
                                     ": a time of 0; parametric models are defined for times > 0");
    }
  }
  if (data.Events() == 0) return Status::InvalidArgument("no events: a parametric model cannot be fitted");
  if (!(options.level > 0 && options.level < 1)) return Status::InvalidArgument("the confidence level must lie in (0, 1)");
  return FitFromStarts(data, options, {});
}

double FittedSurvival(const ParametricFit& fit, double time) {
  std::vector<double> theta;
  for (const auto& p : fit.parameters) theta.push_back(p.estimate);
  return internal::ModelSurvival(Model{fit.options.dist, fit.options.cure, fit.options.link}, theta, time);
}

}  // namespace carta::survival
