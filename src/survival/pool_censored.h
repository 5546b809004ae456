// Private: the censored-likelihood random-effects model of pool.h.
#ifndef CARTA_SRC_SURVIVAL_POOL_CENSORED_H_
#define CARTA_SRC_SURVIVAL_POOL_CENSORED_H_

#include <vector>

#include "carta/survival/pool.h"

namespace carta::survival::internal {

// Maximum likelihood for μ and τ (>= 0) over reported values (yi, vi) and
// bounded cohorts (their survival interval on `scale`, vi at the bound): a
// random-effects model with interval-censored observations (a Tobit model,
// Tobin 1958). SE of μ from the observed information in μ at τ̂ (as rma()
// treats τ² as known: 1/√(Σ 1/(τ̂² + v_i)) when nothing is bounded).
// Fails when the maximisation does.
Result<CensoredPool> FitCensored(const std::vector<LandmarkStudy>& studies, PoolScale scale, double level);

}  // namespace carta::survival::internal

#endif  // CARTA_SRC_SURVIVAL_POOL_CENSORED_H_
