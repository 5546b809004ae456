#include "carta/core/binomial.h"

#include <cassert>

#include <boost/math/special_functions/beta.hpp>

namespace carta {

std::pair<double, double> ClopperPearson(long events, long n, double level) {
  assert(n >= 1 && events >= 0 && events <= n && level > 0 && level < 1 && "checked by the caller");
  const double alpha = 1 - level;
  const double x = static_cast<double>(events), nn = static_cast<double>(n);
  const double lo = events == 0 ? 0.0 : boost::math::ibeta_inv(x, nn - x + 1, alpha / 2);
  const double hi = events == n ? 1.0 : boost::math::ibeta_inv(x + 1, nn - x, 1 - alpha / 2);
  return {lo, hi};
}

}  // namespace carta
