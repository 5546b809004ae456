// Private: the Wald tests and intervals of regression coefficients, written
// once for rma.uni's fit (rma.cc) and rma.mv's (multilevel.cc).
#ifndef CARTA_SRC_META_WALD_H_
#define CARTA_SRC_META_WALD_H_

#include <Eigen/Dense>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace carta::meta {

// The two-sided p-value of a Wald statistic: t with `df` degrees of freedom
// when df > 0, else standard normal.
inline double WaldPValue(double stat, int df) {
  using boost::math::cdf;
  using boost::math::complement;
  return df > 0 ? 2 * cdf(complement(boost::math::students_t(df), std::fabs(stat)))
                : 2 * cdf(complement(boost::math::normal(), std::fabs(stat)));
}

// Appends each coefficient of `beta` to `f` (a FitResult or MultilevelFit:
// beta, se, zval, pval, ci_lb, ci_ub): its standard error from the diagonal
// of `vb`, its statistic b/se (a t value when df > 0), the two-sided p-value
// and the interval b ± crit se.
template <typename Fit>
void AppendWaldTests(const Eigen::VectorXd& beta, const Eigen::MatrixXd& vb, int df, double crit, Fit* f) {
  for (Eigen::Index j = 0; j < beta.size(); ++j) {
    const double b = beta(j), se = std::sqrt(vb(j, j)), stat = b / se;
    f->beta.push_back(b);
    f->se.push_back(se);
    f->zval.push_back(stat);
    f->pval.push_back(WaldPValue(stat, df));
    f->ci_lb.push_back(b - crit * se);
    f->ci_ub.push_back(b + crit * se);
  }
}

}  // namespace carta::meta

#endif  // CARTA_SRC_META_WALD_H_
