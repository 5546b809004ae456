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
void DistLogSurvDens(Dist dist, const double* theta, double t, double* log_surv, double* log_dens);

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
  void LogSurvDens(const std::vector<double>& theta, double t, double* log_surv, double* log_dens) const;
};

}  // namespace carta::survival::internal

#endif  // CARTA_SRC_SURVIVAL_FAMILIES_H_
