#include "carta/clinical/units.h"

#include <cassert>
#include <cctype>
#include <cmath>
#include <vector>

#include "carta/core/text.h"
#include "names.h"

namespace carta::clinical {

using internal::Num;

double FahrenheitToCelsius(double temp_f) { return (temp_f - 32.0) * 5.0 / 9.0; }
double CelsiusToFahrenheit(double temp_c) { return temp_c * 9.0 / 5.0 + 32.0; }
double CreatinineUmolPerLToMgPerDl(double creatinine_umol_l) {
  return creatinine_umol_l / kCreatinineUmolPerLPerMgPerDl;
}
double CreatinineMgPerDlToUmolPerL(double creatinine_mg_dl) {
  return creatinine_mg_dl * kCreatinineUmolPerLPerMgPerDl;
}
double CrpMgPerLToMgPerDl(double crp_mg_l) { return crp_mg_l / 10.0; }
double CrpMgPerDlToMgPerL(double crp_mg_dl) { return crp_mg_dl * 10.0; }
double CellsPerUlToGigaPerL(double cells_per_ul) { return cells_per_ul / 1000.0; }
double GigaPerLToCellsPerUl(double giga_per_l) { return giga_per_l * 1000.0; }

namespace {

struct UnitFactor {
  const char* unit;  // normalised spelling (see NormalizeUnit)
  double factor;     // canonical value = value × factor (temperature: special-cased)
};

struct QuantityInfo {
  Quantity q;
  const char* name;
  const char* unit;
  const char* accepted;  // for messages
  double min, max;       // possible range, canonical unit
  std::vector<UnitFactor> units;
};

// Ranges: values outside cannot be measured in a living patient (or are a unit
// slip); they are deliberately wide, not reference ranges.
const std::vector<QuantityInfo>& Table() {
  static const std::vector<QuantityInfo> table = {
      {Quantity::kTemperature, "temperature", "°C", "°C or °F", 30, 45, {{"c", 1}, {"degc", 1}, {"f", 1}, {"degf", 1}}},
      {Quantity::kCreatinine, "creatinine", "mg/dL", "mg/dL or µmol/L", 0.05, 30,
       {{"mg/dl", 1}, {"umol/l", 1 / kCreatinineUmolPerLPerMgPerDl}}},
      {Quantity::kCrp, "CRP", "mg/dL", "mg/dL or mg/L", 0, 100, {{"mg/dl", 1}, {"mg/l", 0.1}}},
      {Quantity::kPlatelets, "platelets", "10^9/L", "10^9/L, G/L, 10^3/µL, K/µL or /µL", 0, 2000,
       {{"10^9/l", 1}, {"g/l", 1}, {"10^3/ul", 1}, {"k/ul", 1}, {"/ul", 0.001}, {"cells/ul", 0.001}}},
      {Quantity::kAnc, "ANC", "10^9/L", "10^9/L, G/L, 10^3/µL, K/µL or /µL", 0, 200,
       {{"10^9/l", 1}, {"g/l", 1}, {"10^3/ul", 1}, {"k/ul", 1}, {"/ul", 0.001}, {"cells/ul", 0.001}}},
      {Quantity::kHemoglobin, "haemoglobin", "g/dL", "g/dL or g/L", 1, 25, {{"g/dl", 1}, {"g/l", 0.1}}},
      {Quantity::kFerritin, "ferritin", "ng/mL", "ng/mL or µg/L", 0, 500000, {{"ng/ml", 1}, {"ug/l", 1}}},
      {Quantity::kLdh, "LDH", "U/L", "U/L, IU/L or µkat/L", 1, 100000, {{"u/l", 1}, {"iu/l", 1}, {"ukat/l", 60}}},
  };
  return table;
}

const QuantityInfo& Info(Quantity q) {
  for (const auto& info : Table()) {
    if (info.q == q) return info;
  }
  assert(false && "every quantity is in the table");
  return Table().front();
}

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t pos = s->find(from); pos != std::string::npos; pos = s->find(from, pos + to.size())) {
    s->replace(pos, from.size(), to);
  }
}

// Lower case without blanks; µ (U+00B5) and μ (U+03BC) as u, × as x, ° dropped,
// "x10^9" as "10^9", "10e9" as "10^9", mm³ as µL.
std::string NormalizeUnit(std::string_view unit) {
  std::string s;
  for (char c : text::ToLower(unit)) {
    if (c != ' ' && c != '\t') s += c;
  }
  ReplaceAll(&s, "\xC2\xB5", "u");
  ReplaceAll(&s, "\xCE\xBC", "u");
  ReplaceAll(&s, "\xC3\x97", "x");
  ReplaceAll(&s, "\xC2\xB0", "");
  ReplaceAll(&s, "mm^3", "ul");
  ReplaceAll(&s, "mm3", "ul");
  ReplaceAll(&s, "10e", "10^");
  ReplaceAll(&s, "10**", "10^");
  if (text::StartsWith(s, "x10^")) s.erase(0, 1);
  return s;
}

}  // namespace

const char* QuantityName(Quantity q) { return Info(q).name; }
const char* CanonicalUnit(Quantity q) { return Info(q).unit; }
std::string AcceptedUnits(Quantity q) { return Info(q).accepted; }

Result<double> ToCanonical(Quantity q, double value, std::string_view unit) {
  const QuantityInfo& info = Info(q);
  const std::string u = NormalizeUnit(unit);
  for (const auto& f : info.units) {
    if (u != f.unit) continue;
    if (q == Quantity::kTemperature && (u == "f" || u == "degf")) return FahrenheitToCelsius(value);
    return value * f.factor;
  }
  return Status::InvalidArgument("unknown unit '" + std::string(unit) + "' for " + info.name + " (accepted: " +
                                 info.accepted + ")");
}

Status CheckRange(Quantity q, double value) {
  const QuantityInfo& info = Info(q);
  if (std::isfinite(value) && value >= info.min && value <= info.max) return Status::Ok();
  std::string msg = std::string(info.name) + " " + Num(value) + " " + info.unit + " is impossible (accepted: " +
                    Num(info.min) + "-" + Num(info.max) + " " + info.unit + ")";
  if (q == Quantity::kTemperature && value > info.max && value <= 115) msg += "; is it in °F?";
  return Status::InvalidArgument(msg);
}

Result<Measurement> ReadMeasurement(Quantity q, std::string_view text) {
  const std::string_view t = text::Trim(text);
  size_t split = 0;
  while (split < t.size() && (std::isdigit(static_cast<unsigned char>(t[split])) || t[split] == '.' ||
                              ((t[split] == '-' || t[split] == '+') && split == 0))) {
    ++split;
  }
  const auto number = text::ParseDecimal(t.substr(0, split));
  if (!number) {
    return Status::InvalidArgument(std::string(QuantityName(q)) + " '" + std::string(text) +
                                   "' is not a number with an optional unit (e.g. '1.2' or '1.2 " +
                                   CanonicalUnit(q) + "')");
  }
  return Measurement{number->value, std::string(text::Trim(t.substr(split)))};
}

Result<double> ToCanonical(Quantity q, const Measurement& m) {
  double value = m.value;
  if (!m.unit.empty()) {
    auto converted = ToCanonical(q, value, m.unit);
    if (!converted.ok()) return converted.status();
    value = *converted;
  }
  Status s = CheckRange(q, value);
  if (!s.ok()) return s;
  return value;
}

Result<double> ParseMeasurement(Quantity q, std::string_view text) {
  auto m = ReadMeasurement(q, text);
  if (!m.ok()) return m.status();
  return ToCanonical(q, *m);
}

}  // namespace carta::clinical
