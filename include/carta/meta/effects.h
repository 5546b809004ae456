// Effect sizes for single-arm proportions, as metafor's escalc() computes
// them (Viechtbauer 2010, J Stat Softw 36(3); escalc documentation), and
// their back-transformations to the proportion scale.
#ifndef CARTA_META_EFFECTS_H_
#define CARTA_META_EFFECTS_H_

#include <optional>
#include <string>
#include <vector>

#include "carta/core/status.h"

namespace carta::meta {

enum class Measure {
  kPR,   // raw proportion
  kPLN,  // log proportion
  kPLO,  // logit proportion (log odds)
  kPAS,  // arcsine square-root transformed proportion
  kPFT,  // Freeman-Tukey double arcsine transformed proportion
  kRR,   // log risk ratio of two arms
  kOR,   // log odds ratio of two arms
  kRD,   // risk difference of two arms
  kGeneric,  // yi and vi given directly
};

// True for the two-arm measures (RR, OR, RD).
bool IsTwoArm(Measure m);

// The measures a request names: "PR", "PLN", "PLO", "PAS", "PFT", "RR", "OR", "RD".
const std::vector<std::string>& MeasureNames();
// One of MeasureNames(), or "GEN" (yi and vi as given); InvalidArgument
// (field "measure") listing them for others.
Result<Measure> ParseMeasure(const std::string& name);
const char* MeasureName(Measure m);

// One study's events out of n patients.
struct Proportion {
  std::string study;
  long events = 0;
  long n = 0;
};

// Per-study effect sizes on the measure's scale, and their sampling variances.
struct EffectSizes {
  Measure measure = Measure::kGeneric;
  std::vector<std::string> study;
  std::vector<double> yi;
  std::vector<double> vi;
  std::vector<long> n;            // sample sizes as given (for the PFT back-transformation)
  std::vector<bool> corrected;    // a continuity correction was added to this study
};

// escalc(measure, xi, ni) with metafor's defaults: for PR, PLN and PLO, `add`
// (0.5) is added to the events and non-events of studies with zero events or
// zero non-events (to = "only0"); PAS and PFT need no correction. Variances:
// PR p(1-p)/n; PLN 1/x - 1/n; PLO 1/x + 1/(n-x); PAS 1/(4n); PFT 1/(4n+2).
// Fails, naming the study, on n <= 0, events < 0 or events > n; and for PLN
// or PLO when a proportion is still 0 or 1 after correction (add = 0).
Result<EffectSizes> ComputeEffects(Measure measure, const std::vector<Proportion>& data, double add = 0.5);

// One comparative study: events1 of n1 in the treated arm, events2 of n2 in the control arm.
struct TwoArm {
  std::string study;
  long events1 = 0, n1 = 0, events2 = 0, n2 = 0;
};

// escalc(measure, ai, n1i, ci, n2i) with metafor's defaults: `add` (0.5) is
// added to all four cells of a study with a zero cell (to = "only0").
// RR: log((a/n1)/(c/n2)), var 1/a - 1/n1 + 1/c - 1/n2; OR: log(ad/(bc)),
// var 1/a + 1/b + 1/c + 1/d; RD: a/n1 - c/n2, var p1(1-p1)/n1 + p2(1-p2)/n2.
Result<EffectSizes> ComputeTwoArmEffects(Measure measure, const std::vector<TwoArm>& data, double add = 0.5);

// Which studies a continuity correction is added to (metafor escalc's `to`):
//   kOnly0:  studies with a zero cell (0 events or 0 non-events; with two arms, in either arm)
//   kAll:    every study
//   kIf0All: every study, when any study has a zero cell
//   kNone:   no study (the measure must then be defined without it)
enum class CorrectTo { kOnly0, kAll, kIf0All, kNone };

// "only0", "all", "if0all", "none", in the order of CorrectTo.
const std::vector<std::string>& CorrectToNames();
const char* CorrectToName(CorrectTo to);
// Fails with InvalidArgument (field "cc_to") listing the names.
Result<CorrectTo> ParseCorrectTo(const std::string& name);

// The continuity correction, as escalc's `add`, `to` and `drop00` arguments.
struct ContinuityCorrection {
  // Added to each cell of a corrected study; none: escalc's default, 0.5 for
  // PR, PLN, PLO and the two-arm measures, 0 for PAS and PFT (which need none).
  std::optional<double> add;
  CorrectTo to = CorrectTo::kOnly0;
  // Two arms: leave out studies with no events, or only events, in both arms
  // (their effect is not estimable; AnalysisInput lists them as excluded).
  bool drop00 = false;
};

// The amount `cc` adds for `measure`: its `add`, or escalc's default.
double CorrectionAmount(Measure measure, const ContinuityCorrection& cc);

// Fails with InvalidArgument (field "cc") unless `add` is finite and >= 0.
Status CheckCorrection(const ContinuityCorrection& cc);

// ComputeEffects and ComputeTwoArmEffects with escalc's `add` and `to`:
// `corrected` marks the studies that received CorrectionAmount() in each cell.
// Fail as those do, and on a correction CheckCorrection refuses.
Result<EffectSizes> ComputeEffects(Measure measure, const std::vector<Proportion>& data, const ContinuityCorrection& cc);
Result<EffectSizes> ComputeTwoArmEffects(Measure measure, const std::vector<TwoArm>& data,
                                         const ContinuityCorrection& cc);

// True when a two-arm study has no events, or only events, in both arms
// (escalc's drop00).
bool DoubleZero(const TwoArm& study);

// The value `x` on the proportion scale: identity (PR), exp (PLN), inverse
// logit (PLO), sin² (PAS, clamped to [0, 1]), and for PFT the inversion of
// Miller (1978) with the harmonic mean of the sample sizes (metafor's
// transf.ipft.hm). `harmonic_n` is used only by PFT.
double ToProportion(Measure measure, double x, double harmonic_n);

// 1 / mean(1 / n).
double HarmonicMean(const std::vector<long>& n);

}  // namespace carta::meta

#endif  // CARTA_META_EFFECTS_H_
