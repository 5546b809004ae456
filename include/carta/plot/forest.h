// Forest plots of a meta-analysis, in the layout of metafor's forest()
// (Viechtbauer 2010): one row per study, the pooled diamond, the prediction
// interval, subgroups and heterogeneity statistics, written as SVG.
#ifndef CARTA_PLOT_FOREST_H_
#define CARTA_PLOT_FOREST_H_

#include <cmath>
#include <string>
#include <vector>

#include "carta/meta/analysis.h"
#include "carta/meta/cumulative.h"

namespace carta::plot {

// The words a forest plot prints, so that a report in another language can
// replace them (metafor's English by default).
struct ForestLabels {
  std::string study = "Study";
  std::string events_n = "Events/N";
  std::string weight = "Weight";
  std::string proportion = "Proportion";  // also the default x-axis label for counts
  std::string estimate = "Estimate";
  std::string ci = "CI";                  // "95% CI"
  std::string re_model = "RE Model";
  std::string ee_model = "EE Model";
  std::string for_subgroup = "for Subgroup";
  std::string heterogeneity = "Heterogeneity";
  std::string subgroup_test = "Test for subgroup differences";
};

struct ForestOptions {
  std::string title = {};            // "" gives "Forest plot"
  std::string x_label = {};          // "" gives "Proportion" for counts, else MeasureScaleLabel (charts.h)
  double x_min = NAN;           // axis limits on the plotted scale; NaN for limits from the data
  double x_max = NAN;
  int decimals = 2;             // of the estimates and CIs in the right-hand column
  double plot_width_px = 320;   // width of the panel holding squares and diamonds
  double font_size_px = 12;
  ForestLabels labels = {};
  // The order of the studies (within each subgroup): "" as given, "effect"
  // (ascending on the plotted scale, metafor's order = "obs"), "weight"
  // (descending), or a column of the input's extra_columns (ascending,
  // numerically when every value is a number; ties keep their order).
  std::string sort = {};
  // Extra columns shown after the study (and events/N) columns, by name from
  // the input's extra_columns, with the name as header.
  std::vector<std::string> columns = {};
};

// Whether ForestPlot can honour `o` for `in`: fails with InvalidArgument
// (field "sort" or "columns") on a sort key or column the input does not
// carry, and (field "xlim") on x_min >= x_max.
Status CheckForestOptions(const ForestOptions& o, const meta::AnalysisInput& in);

// The forest plot as a standalone SVG document. Counts (a.measure is not
// kGeneric and not a two-arm measure) are drawn on the proportion scale with
// the back-transformed values of `a` (StudyResult::prop and its CI,
// Analysis::pooled); other measures on their own scale with Wald CIs at
// a.options.level. `in` supplies the events/n column (its studies in the same
// order as a.studies). Marks carry classes for tests and CSS: rect.study (one
// per study), polygon.pooled (the overall diamond), polygon.subgroup (one per
// subgroup when a.subgroups is set), line.pi (prediction interval),
// path.arrow (a CI clipped at the axis limits), text.extra (a value of an
// extra column). Rows follow o.sort; an option CheckForestOptions refuses
// is ignored. Never fails: a value that is not finite is drawn without its mark.
std::string ForestPlot(const meta::Analysis& a, const meta::AnalysisInput& in, const ForestOptions& o);

// The cumulative meta-analysis as a forest plot (metafor's forest() of a
// cumul() object): one row per step, labelled with the study added (and its
// value of the ordering column), a square (rect.step) on its estimate and CI,
// the number of studies at the right, and a dashed line (line.reference) at
// the final estimate. Counts are drawn on the proportion scale
// (CumulativeRow::pooled) when `measure` is a single-arm measure; others on
// their own scale. `o.x_min`/`o.x_max` fix the axis. Never fails.
std::string CumulativePlot(const std::vector<meta::CumulativeRow>& rows, meta::Measure measure, double level,
                           const ForestOptions& o);

}  // namespace carta::plot

#endif  // CARTA_PLOT_FOREST_H_
