// Subgroup analyses: one model per subgroup with its own τ², and a
// mixed-effects model with a common τ² (the subgroup as a categorical
// moderator), each with its test of subgroup differences — as in metafor
// (rma with mods = ~ factor(group)) and R's meta (subgroup = group).
#ifndef CARTA_META_SUBGROUPS_H_
#define CARTA_META_SUBGROUPS_H_

#include <string>
#include <vector>

#include "carta/meta/rma.h"

namespace carta::meta {

struct SubgroupFit {
  std::string group;
  int k = 0;
  FitResult fit;  // for k = 1: the study itself (τ² = 0, Q = 0), as metafor fits it
};

struct SubgroupAnalysis {
  std::vector<SubgroupFit> separate;       // groups in sorted order, each with its own τ²
  double Q_between = 0, Q_between_pval = 0;  // Wald test of the separate estimates (df = groups - 1)
  int Q_between_df = 0;
  FitResult common;                        // common τ²: one coefficient per group (no intercept)
  double QM = 0, QM_pval = 0;              // test of the moderator in the common-τ² model
  int QM_df = 0;
};

// `group` labels each study. Fails when sizes differ, on fewer than 2
// groups, or when a model cannot be fitted (the message names the group).
Result<SubgroupAnalysis> FitSubgroups(const std::vector<double>& yi, const std::vector<double>& vi,
                                      const std::vector<std::string>& group, const FitOptions& options);

}  // namespace carta::meta

#endif  // CARTA_META_SUBGROUPS_H_
