// The exact binomial interval shared by every module that reports a rate
// (meta's study intervals under R meta's convention, clinical's cohort rates).
#ifndef CARTA_CORE_BINOMIAL_H_
#define CARTA_CORE_BINOMIAL_H_

#include <utility>

namespace carta {

// Clopper & Pearson 1934: the exact two-sided interval for `events` of `n` at
// confidence `level` (0.95 for 95%): lower = Beta quantile (α/2; x, n-x+1),
// upper = Beta quantile (1-α/2; x+1, n-x), 0 for x = 0 and 1 for x = n.
// REQUIRES: n >= 1, 0 <= events <= n, 0 < level < 1 (callers check input).
std::pair<double, double> ClopperPearson(long events, long n, double level);

}  // namespace carta

#endif  // CARTA_CORE_BINOMIAL_H_
