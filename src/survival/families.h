// Private: the parametric families of parametric.h and the cure models built
// on them, as functions of the fitted parameter vector θ.
#ifndef CARTA_SRC_SURVIVAL_FAMILIES_H_
#define CARTA_SRC_SURVIVAL_FAMILIES_H_

#include <vector>

#include "carta/survival/parametric.h"

namespace carta::survival::internal {

// Parameters of the distribution alone (without the cure fraction).
int DistParameterCount(Dist dist);

// log S(t) and log f(t) of `dist` at θ (DistParameterCount(dist) values), t > 0.
// Either may be −inf or NaN far from the data; callers treat that as undefined.
// With `need_surv` false, log S may be left NaN where it costs more than log f
// (the generalised gamma's incomplete gamma function): an event's likelihood
// needs only the density.
void DistLogSurvDens(Dist dist, const double* theta, double t, double* log_surv, double* log_dens,
                     bool need_surv = true);

// ∂/∂θ of the generalised gamma's log density (events) or log survival
// (censorings) at θ = (μ, log σ, q), added to `grad` (3 values). Analytic but
// for ∂S/∂γ of the incomplete gamma at its shape γ = 1/q², a central difference
// (relative step 1e-5: ~1e-10 relative). Near q = 0 (|q| < 1e-8) the log-normal's.
// Returns false where a term is not finite (the caller falls back to numbers).
bool GenGammaLogLikGradient(const double* theta, double t, bool event, double* grad);

// ∂/∂θ of `dist`'s log density (events) or log survival (censorings) at θ,
// added to `grad` (DistParameterCount(dist) values): analytic for every family
// (the generalised gamma as GenGammaLogLikGradient). Returns false where a term
// is not finite (the caller falls back to numerical differences).
bool DistLogLikGradient(Dist dist, const double* theta, double t, bool event, double* grad);

// The generalised gamma's log likelihood of right-censored data (events
// log f, censorings log S) at θ = (μ, log σ, q), its constants computed once
// per θ rather than per patient: what DistLogSurvDens summed gives, faster.
double GenGammaLogLikelihood(const double* theta, const std::vector<double>& time, const std::vector<int>& event);

// A model: the distribution, and a cure fraction as the last parameter.
struct Model {
  Dist dist = Dist::kWeibull;
  Cure cure = Cure::kNone;
  CureLink link = CureLink::kLogistic;

  int Size() const { return DistParameterCount(dist) + (cure == Cure::kNone ? 0 : 1); }
  // π from the last parameter; NaN without a cure model.
  double CureFraction(const std::vector<double>& theta) const;
  // The link's inverse: the parameter value for a cure fraction π.
  double CureParameter(double pi) const;
  // log S(t) and log f(t) of the whole model (Farewell 1982; Lambert et al. 2007).
  // With `need_surv` false log S may be NaN (an event without a background hazard).
  void LogSurvDens(const std::vector<double>& theta, double t, double* log_surv, double* log_dens,
                   bool need_surv = true) const;
};

}  // namespace carta::survival::internal

#endif  // CARTA_SRC_SURVIVAL_FAMILIES_H_
