// Private: the algorithm of Guyot et al. (2012, BMC Med Res Methodol 12:9),
// transcribed from the R code of its Appendix with 0-based indices.
#ifndef CARTA_SRC_SURVIVAL_GUYOT_H_
#define CARTA_SRC_SURVIVAL_GUYOT_H_

#include <cstddef>
#include <vector>

namespace carta::survival::internal {

struct GuyotResult {
  std::vector<long> events;     // per digitised point: events at its time
  std::vector<long> censored;   // per point k: censorings in (t_k, t_{k+1}), placed at the midpoint
  std::vector<size_t> lower;    // per risk interval: its first point
  std::vector<size_t> upper;    // and its last point
  bool capped = false;          // an adjustment loop hit its iteration cap
};

// REQUIRES: time[0] = 0, surv[0] = 1; times strictly increasing; surv
// non-increasing in [0, 1]; risk_time strictly increasing with risk_time[0] = 0,
// each equal to some point's time; n_risk non-increasing, n_risk[0] > 0;
// total_events < 0 when not reported.
GuyotResult Guyot(const std::vector<double>& time, const std::vector<double>& surv, const std::vector<double>& risk_time,
                  std::vector<long> n_risk, long total_events);

}  // namespace carta::survival::internal

#endif  // CARTA_SRC_SURVIVAL_GUYOT_H_
