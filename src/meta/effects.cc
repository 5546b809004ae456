#include "carta/meta/effects.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "carta/core/text.h"

namespace carta::meta {

namespace {

// Freeman-Tukey transform of a proportion p with n (metafor's transf.pft).
double Pft(double p, double n) {
  return 0.5 * (std::asin(std::sqrt(p * n / (n + 1))) + std::asin(std::sqrt((p * n + 1) / (n + 1))));
}

}  // namespace

const std::vector<std::string>& MeasureNames() {
  static const std::vector<std::string> kNames = {"PR", "PLN", "PLO", "PAS", "PFT", "RR", "OR", "RD"};
  return kNames;
}

Result<Measure> ParseMeasure(const std::string& name) {
  static const Measure kMeasures[] = {Measure::kPR, Measure::kPLN, Measure::kPLO, Measure::kPAS,
                                      Measure::kPFT, Measure::kRR,  Measure::kOR,  Measure::kRD};
  const auto& names = MeasureNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (name == names[i]) return kMeasures[i];
  }
  if (name == "GEN") return Measure::kGeneric;
  return Status::InvalidArgument("unknown measure '" + name + "' (expected " + text::Join(names, ", ") + " or GEN)")
      .WithField("measure");
}

const char* MeasureName(Measure m) {
  switch (m) {
    case Measure::kPR: return "PR";
    case Measure::kPLN: return "PLN";
    case Measure::kPLO: return "PLO";
    case Measure::kPAS: return "PAS";
    case Measure::kPFT: return "PFT";
    case Measure::kRR: return "RR";
    case Measure::kOR: return "OR";
    case Measure::kRD: return "RD";
    case Measure::kGeneric: return "GEN";
  }
  return "?";
}

bool IsTwoArm(Measure m) { return m == Measure::kRR || m == Measure::kOR || m == Measure::kRD; }

const std::vector<std::string>& CorrectToNames() {
  static const std::vector<std::string> kNames = {"only0", "all", "if0all", "none"};
  return kNames;
}

const char* CorrectToName(CorrectTo to) { return CorrectToNames()[static_cast<size_t>(to)].c_str(); }

Result<CorrectTo> ParseCorrectTo(const std::string& name) {
  const auto& names = CorrectToNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (name == names[i]) return static_cast<CorrectTo>(i);
  }
  return Status::InvalidArgument("unknown continuity-correction rule '" + name + "' (expected " + text::Join(names, ", ") +
                                 ")")
      .WithField("cc_to");
}

double CorrectionAmount(Measure measure, const ContinuityCorrection& cc) {
  if (cc.add) return *cc.add;
  return measure == Measure::kPAS || measure == Measure::kPFT ? 0.0 : 0.5;
}

Status CheckCorrection(const ContinuityCorrection& cc) {
  if (cc.add && !(std::isfinite(*cc.add) && *cc.add >= 0)) {
    return Status::InvalidArgument("the continuity correction must be a number >= 0").WithField("cc");
  }
  return Status::Ok();
}

bool DoubleZero(const TwoArm& d) { return (d.events1 == 0 && d.events2 == 0) || (d.events1 == d.n1 && d.events2 == d.n2); }

namespace {

// Which of `has_zero`'s studies escalc corrects under `to` with `add`.
std::vector<bool> CorrectedStudies(const std::vector<bool>& has_zero, CorrectTo to, double add) {
  std::vector<bool> out(has_zero.size(), false);
  if (add <= 0 || to == CorrectTo::kNone) return out;
  const bool any_zero = std::find(has_zero.begin(), has_zero.end(), true) != has_zero.end();
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = to == CorrectTo::kAll || (to == CorrectTo::kIf0All && any_zero) || (to == CorrectTo::kOnly0 && has_zero[i]);
  }
  return out;
}

Status CheckArm(const std::string& study, long events, long n, const char* arm) {
  if (n <= 0) return Status::InvalidArgument("study '" + study + "': the " + arm + " arm needs n >= 1");
  if (events < 0 || events > n) {
    return Status::InvalidArgument("study '" + study + "': the " + arm + " arm's events must be between 0 and n");
  }
  return Status::Ok();
}

}  // namespace

Result<EffectSizes> ComputeTwoArmEffects(Measure measure, const std::vector<TwoArm>& data, double add) {
  ContinuityCorrection cc;
  cc.add = add;
  return ComputeTwoArmEffects(measure, data, cc);
}

Result<EffectSizes> ComputeTwoArmEffects(Measure measure, const std::vector<TwoArm>& data, const ContinuityCorrection& cc) {
  if (!IsTwoArm(measure)) return Status::InvalidArgument("two-arm data need RR, OR or RD");
  if (Status s = CheckCorrection(cc); !s.ok()) return s;
  std::vector<bool> has_zero;
  for (const auto& d : data) {
    if (Status s = CheckArm(d.study, d.events1, d.n1, "first"); !s.ok()) return s;
    if (Status s = CheckArm(d.study, d.events2, d.n2, "second"); !s.ok()) return s;
    has_zero.push_back(d.events1 == 0 || d.events1 == d.n1 || d.events2 == 0 || d.events2 == d.n2);
  }
  const double add = CorrectionAmount(measure, cc);
  const std::vector<bool> corrected = CorrectedStudies(has_zero, cc.to, add);
  EffectSizes es;
  es.measure = measure;
  for (size_t i = 0; i < data.size(); ++i) {
    const TwoArm& d = data[i];
    const double plus = corrected[i] ? add : 0;
    const double a = d.events1 + plus, b = d.n1 - d.events1 + plus, c = d.events2 + plus, dd = d.n2 - d.events2 + plus;
    const double n1 = a + b, n2 = c + dd;
    double yi = 0, vi = 0;
    if (measure == Measure::kRR) {
      if (a == 0 || c == 0) return Status::InvalidArgument("study '" + d.study + "': a risk ratio with 0 events needs a correction");
      yi = std::log((a / n1) / (c / n2));
      vi = 1 / a - 1 / n1 + 1 / c - 1 / n2;
    } else if (measure == Measure::kOR) {
      if (a == 0 || b == 0 || c == 0 || dd == 0) {
        return Status::InvalidArgument("study '" + d.study + "': an odds ratio with a zero cell needs a correction");
      }
      yi = std::log(a * dd / (b * c));
      vi = 1 / a + 1 / b + 1 / c + 1 / dd;
    } else {
      const double p1 = a / n1, p2 = c / n2;
      yi = p1 - p2;
      vi = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
    }
    es.study.push_back(d.study);
    es.yi.push_back(yi);
    es.vi.push_back(vi);
    es.n.push_back(d.n1 + d.n2);
    es.corrected.push_back(corrected[i]);
  }
  return es;
}

Result<EffectSizes> ComputeEffects(Measure measure, const std::vector<Proportion>& data, double add) {
  ContinuityCorrection cc;
  // PAS and PFT need no correction: this overload never applies one to them.
  cc.add = measure == Measure::kPAS || measure == Measure::kPFT ? 0.0 : add;
  return ComputeEffects(measure, data, cc);
}

Result<EffectSizes> ComputeEffects(Measure measure, const std::vector<Proportion>& data, const ContinuityCorrection& cc) {
  EffectSizes es;
  es.measure = measure;
  if (measure == Measure::kGeneric) return Status::InvalidArgument("the generic measure takes yi and vi, not counts");
  if (IsTwoArm(measure)) return Status::InvalidArgument("RR, OR and RD need two arms: events1,n1,events2,n2");
  if (Status s = CheckCorrection(cc); !s.ok()) return s;
  std::vector<bool> has_zero;
  for (const auto& d : data) {
    if (d.n <= 0) return Status::InvalidArgument("study '" + d.study + "': n must be at least 1 (found " + std::to_string(d.n) + ")");
    if (d.events < 0) return Status::InvalidArgument("study '" + d.study + "': events cannot be negative");
    if (d.events > d.n) {
      return Status::InvalidArgument("study '" + d.study + "': " + std::to_string(d.events) + " events is more than n = " +
                                     std::to_string(d.n));
    }
    has_zero.push_back(d.events == 0 || d.events == d.n);
  }
  const double add = CorrectionAmount(measure, cc);
  const std::vector<bool> corrected = CorrectedStudies(has_zero, cc.to, add);
  for (size_t i = 0; i < data.size(); ++i) {
    const Proportion& d = data[i];
    const double plus = corrected[i] ? add : 0;
    const double x = static_cast<double>(d.events) + plus;
    const double m = static_cast<double>(d.n - d.events) + plus;
    const double n = x + m;
    const double p = x / n;
    double yi = 0, vi = 0;
    switch (measure) {
      case Measure::kPR:
        yi = p;
        vi = p * (1 - p) / n;
        break;
      case Measure::kPLN:
        if (x == 0) return Status::InvalidArgument("study '" + d.study + "': log proportion of 0 events (use a continuity correction)");
        yi = std::log(p);
        vi = 1 / x - 1 / n;
        break;
      case Measure::kPLO:
        if (x == 0 || m == 0) {
          return Status::InvalidArgument("study '" + d.study + "': logit of a proportion of 0 or 1 (use a continuity correction)");
        }
        yi = std::log(p / (1 - p));
        vi = 1 / x + 1 / m;
        break;
      case Measure::kPAS:
        yi = std::asin(std::sqrt(p));
        vi = 1 / (4 * n);
        break;
      case Measure::kPFT:
        yi = 0.5 * (std::asin(std::sqrt(x / (n + 1))) + std::asin(std::sqrt((x + 1) / (n + 1))));
        vi = 1 / (4 * n + 2);
        break;
      case Measure::kRR:
      case Measure::kOR:
      case Measure::kRD:
      case Measure::kGeneric:
        break;
    }
    es.study.push_back(d.study);
    es.yi.push_back(yi);
    es.vi.push_back(vi);
    es.n.push_back(d.n);
    es.corrected.push_back(corrected[i]);
  }
  return es;
}

double HarmonicMean(const std::vector<long>& n) {
  if (n.empty()) return NAN;
  double s = 0;
  for (long v : n) s += 1.0 / static_cast<double>(v);
  return static_cast<double>(n.size()) / s;
}

double ToProportion(Measure measure, double x, double harmonic_n) {
  if (std::isnan(x)) return x;
  switch (measure) {
    case Measure::kPR:
    case Measure::kRD:
    case Measure::kGeneric:
      return x;
    case Measure::kPLN:
    case Measure::kRR:
    case Measure::kOR:
      return std::exp(x);
    case Measure::kPLO:
      return 1 / (1 + std::exp(-x));
    case Measure::kPAS:
      if (x < 0) return 0;
      if (x > std::asin(1.0)) return 1;
      return std::sin(x) * std::sin(x);
    case Measure::kPFT: {
      // Miller (1978), Am Stat 32(4):138; metafor's transf.ipft.hm.
      const double n = harmonic_n;
      if (x > Pft(1, n)) return 1;
      if (x < Pft(0, n)) return 0;
      const double s = std::sin(2 * x);
      const double inner = s + (s - 1 / s) / n;
      const double c = std::cos(2 * x);
      const double sign = c > 0 ? 1.0 : (c < 0 ? -1.0 : 0.0);  // R's sign(): 0 at 0
      return 0.5 * (1 - sign * std::sqrt(1 - inner * inner));
    }
  }
  return NAN;
}

}  // namespace carta::meta
