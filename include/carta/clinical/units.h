// Units of the laboratory values and vital signs the toxicity tools take, the
// conversions between them, and the ranges outside which a value is
// impossible (not merely abnormal). Every score works in one canonical unit
// per quantity; values in other units are converted on the way in.
#ifndef CARTA_CLINICAL_UNITS_H_
#define CARTA_CLINICAL_UNITS_H_

#include <string>
#include <string_view>

#include "carta/core/status.h"

namespace carta::clinical {

// 1 mg/dL of creatinine is 88.42 µmol/L (molar mass 113.12 g/mol).
constexpr double kCreatinineUmolPerLPerMgPerDl = 88.42;

double FahrenheitToCelsius(double temp_f);
double CelsiusToFahrenheit(double temp_c);
double CreatinineUmolPerLToMgPerDl(double creatinine_umol_l);
double CreatinineMgPerDlToUmolPerL(double creatinine_mg_dl);
double CrpMgPerLToMgPerDl(double crp_mg_l);    // ÷ 10
double CrpMgPerDlToMgPerL(double crp_mg_dl);    // × 10
double CellsPerUlToGigaPerL(double cells_per_ul);  // 1 000 /µL = 1 × 10^9/L
double GigaPerLToCellsPerUl(double giga_per_l);

// The quantities carta's scores read, each with one canonical unit.
enum class Quantity {
  kTemperature,  // °C
  kCreatinine,   // mg/dL
  kCrp,          // mg/dL (C-reactive protein)
  kPlatelets,    // 10^9/L
  kAnc,          // 10^9/L (absolute neutrophil count)
  kHemoglobin,   // g/dL
  kFerritin,     // ng/mL (= µg/L)
  kLdh,          // U/L (lactate dehydrogenase)
};

// "temperature", "creatinine", "CRP", "platelets", "ANC", "haemoglobin", "ferritin", "LDH".
const char* QuantityName(Quantity q);
// "°C", "mg/dL", "mg/dL", "10^9/L", "10^9/L", "g/dL", "ng/mL", "U/L".
const char* CanonicalUnit(Quantity q);
// The units accepted for `q`, in words ("mg/dL or µmol/L").
std::string AcceptedUnits(Quantity q);

// `value` given in `unit`, in q's canonical unit. Units are matched ignoring
// case and blanks; µ, μ and u are the same letter; "10^9/L", "G/L",
// "x10^9/L", "10^3/µL" and "K/µL" are the same unit; "/µL", "cells/µL" and
// "/mm3" count cells per microlitre. Fails on an unknown unit, naming the
// accepted ones.
Result<double> ToCanonical(Quantity q, double value, std::string_view unit);

// Fails when `value` (canonical unit) is impossible for `q`: temperature
// outside 30-45 °C, creatinine outside 0.05-30 mg/dL, CRP outside 0-100 mg/dL,
// platelets outside 0-2000 × 10^9/L, ANC outside 0-200 × 10^9/L, haemoglobin
// outside 1-25 g/dL, ferritin outside 0-500 000 ng/mL, LDH outside 1-100 000
// U/L. The message gives the value, its unit and the accepted range.
Status CheckRange(Quantity q, double value);

// A laboratory value as given: a number and its unit ("" for the canonical
// unit of its quantity).
struct Measurement {
  double value = 0;
  std::string unit;
};

// "97 µmol/L", "97umol/L", "1.1": a number, then an optional unit. Fails when
// `text` does not start with a number (the message names `q`). The unit is
// checked when the measurement is converted, not here.
Result<Measurement> ReadMeasurement(Quantity q, std::string_view text);

// `m` in q's canonical unit, range-checked (ToCanonical, CheckRange).
Result<double> ToCanonical(Quantity q, const Measurement& m);

// A measurement written as a number with an optional unit ("97 µmol/L",
// "97umol/L", "1.1"; no unit means the canonical one), converted to the
// canonical unit and range-checked.
Result<double> ParseMeasurement(Quantity q, std::string_view text);

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_UNITS_H_
