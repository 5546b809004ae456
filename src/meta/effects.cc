#include "carta/meta/effects.h"

#include <cmath>

namespace carta::meta {

namespace {

// Freeman-Tukey transform of a proportion p with n (metafor's transf.pft).
double Pft(double p, double n) {
  return 0.5 * (std::asin(std::sqrt(p * n / (n + 1))) + std::asin(std::sqrt((p * n + 1) / (n + 1))));
}

}  // namespace

Result<Measure> ParseMeasure(const std::string& name) {
  if (name == "PR") return Measure::kPR;
  if (name == "PLN") return Measure::kPLN;
  if (name == "PLO") return Measure::kPLO;
  if (name == "PAS") return Measure::kPAS;
  if (name == "PFT") return Measure::kPFT;
  if (name == "GEN") return Measure::kGeneric;
  return Status::InvalidArgument("unknown measure '" + name + "' (expected PR, PLN, PLO, PAS, PFT or GEN)");
}

const char* MeasureName(Measure m) {
  switch (m) {
    case Measure::kPR: return "PR";
    case Measure::kPLN: return "PLN";
    case Measure::kPLO: return "PLO";
    case Measure::kPAS: return "PAS";
    case Measure::kPFT: return "PFT";
    case Measure::kGeneric: return "GEN";
  }
  return "?";
}

Result<EffectSizes> ComputeEffects(Measure measure, const std::vector<Proportion>& data, double add) {
  EffectSizes es;
  es.measure = measure;
  if (measure == Measure::kGeneric) return Status::InvalidArgument("the generic measure takes yi and vi, not counts");
  const bool corrects = measure == Measure::kPR || measure == Measure::kPLN || measure == Measure::kPLO;
  for (const auto& d : data) {
    if (d.n <= 0) return Status::InvalidArgument("study '" + d.study + "': n must be at least 1 (found " + std::to_string(d.n) + ")");
    if (d.events < 0) return Status::InvalidArgument("study '" + d.study + "': events cannot be negative");
    if (d.events > d.n) {
      return Status::InvalidArgument("study '" + d.study + "': " + std::to_string(d.events) + " events is more than n = " +
                                     std::to_string(d.n));
    }
    double x = static_cast<double>(d.events);
    double m = static_cast<double>(d.n - d.events);
    bool corrected = false;
    if (corrects && add > 0 && (d.events == 0 || d.events == d.n)) {
      x += add;
      m += add;
      corrected = true;
    }
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
      case Measure::kGeneric:
        break;
    }
    es.study.push_back(d.study);
    es.yi.push_back(yi);
    es.vi.push_back(vi);
    es.n.push_back(d.n);
    es.corrected.push_back(corrected);
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
    case Measure::kGeneric:
      return x;
    case Measure::kPLN:
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
