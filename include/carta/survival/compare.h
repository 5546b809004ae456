// Comparing groups of patients: the log-rank test for k groups and the Cox
// proportional-hazards model with Efron's handling of ties for a group
// covariate: the numbers of R survival's survdiff() and coxph(), checked
// against survival 3.5-3 at 1e-6 (tests/golden/survival).
#ifndef CARTA_SURVIVAL_COMPARE_H_
#define CARTA_SURVIVAL_COMPARE_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/survival/data.h"

namespace carta::survival {

// The log-rank test (Mantel 1966; Peto & Peto 1972), survdiff(rho = 0): observed
// and expected events per group with the hypergeometric variance; the
// statistic is (O−E)'V⁻(O−E) over the groups with E > 0 but the first, χ² on
// (groups with E > 0) − 1 degrees of freedom.
struct LogRankResult {
  std::vector<std::string> groups;  // sorted labels
  std::vector<long> n;
  std::vector<double> observed, expected;
  std::vector<double> variance;     // k×k, row-major
  double chisq = 0;
  int df = 0;
  double pval = 1;
};

// Fails when `data` has fewer than two groups or is not valid (ValidateSurvData).
Result<LogRankResult> LogRankTest(const SurvData& data);

// The Cox model log h(t | g) = log h₀(t) + β_g with one coefficient per group
// but the reference (Cox 1972), fitted by Newton–Raphson on Efron's (1977)
// approximation of the partial likelihood for tied event times.
struct CoxOptions {
  std::string reference;   // the reference group; "" for the first in sorted order (R's factor default)
  // One stratum label per patient (the data's order), or empty for none. With
  // strata each has its own baseline hazard and the partial likelihood is the
  // product over strata (coxph's strata(); Kalbfleisch & Prentice 2002, §4.4):
  // the one-stage analysis of patient data pooled from several studies.
  std::vector<std::string> strata;
  double level = 0.95;     // confidence level of the hazard-ratio intervals
  int max_iterations = 50;
};

struct CoxResult {
  std::string reference;
  std::vector<std::string> terms;   // the other groups, in sorted order
  std::vector<double> coef, se, hr, hr_lb, hr_ub, z, pval;  // coef = log hazard ratio vs reference
  std::vector<double> variance;     // inverse information at the estimate, p×p row-major
  long n = 0, events = 0;
  double loglik_null = 0, loglik = 0;  // log partial likelihood at β = 0 and at the estimate
  int df = 0;
  double lr = 0, lr_pval = 1;          // likelihood ratio test 2(l(β̂) − l(0))
  double wald = 0, wald_pval = 1;      // β̂' I(β̂) β̂
  double score = 0, score_pval = 1;    // U(0)' I(0)⁻¹ U(0) (= log-rank without ties)
  int iterations = 0;
};

// Fails on strata whose size differs from the data's, fewer than two groups, an unknown reference, a group whose hazard
// ratio is not estimable (no events in it or in the reference: the estimate is
// infinite), or no convergence within max_iterations.
Result<CoxResult> FitCoxGroups(const SurvData& data, const CoxOptions& options = {});

}  // namespace carta::survival

#endif  // CARTA_SURVIVAL_COMPARE_H_
