// Unit conversions and impossible values. Expected values are worked out by
// hand from the definitions (°F = °C × 9/5 + 32; creatinine 1 mg/dL =
// 88.42 µmol/L; CRP 1 mg/dL = 10 mg/L; 1000/µL = 1 × 10^9/L).
#include "carta/clinical/units.h"

#include <gtest/gtest.h>

#include <string>

namespace carta::clinical {
namespace {

TEST(ClinicalUnits, Conversions) {
  EXPECT_NEAR(FahrenheitToCelsius(100.4), 38.0, 1e-12);
  EXPECT_NEAR(FahrenheitToCelsius(98.6), 37.0, 1e-12);
  EXPECT_NEAR(CelsiusToFahrenheit(38.0), 100.4, 1e-12);
  EXPECT_NEAR(CreatinineUmolPerLToMgPerDl(88.42), 1.0, 1e-12);
  EXPECT_NEAR(CreatinineMgPerDlToUmolPerL(1.5), 132.63, 1e-9);
  EXPECT_NEAR(CrpMgPerLToMgPerDl(30), 3.0, 1e-12);
  EXPECT_NEAR(CrpMgPerDlToMgPerL(3), 30.0, 1e-12);
  EXPECT_NEAR(CellsPerUlToGigaPerL(150000), 150.0, 1e-12);
  EXPECT_NEAR(GigaPerLToCellsPerUl(1.2), 1200.0, 1e-9);
}

TEST(ClinicalUnits, MeasurementsWithUnits) {
  struct Case {
    Quantity q;
    const char* text;
    double canonical;
  };
  const Case cases[] = {
      {Quantity::kCreatinine, "97 µmol/L", 97 / 88.42},
      {Quantity::kCreatinine, "97umol/l", 97 / 88.42},
      {Quantity::kCreatinine, "97 μmol/L", 97 / 88.42},  // Greek mu
      {Quantity::kCreatinine, "1.1", 1.1},
      {Quantity::kCrp, "45 mg/L", 4.5},
      {Quantity::kCrp, "4.5 mg/dL", 4.5},
      {Quantity::kPlatelets, "150000 /µL", 150},
      {Quantity::kPlatelets, "150 x10^9/L", 150},
      {Quantity::kPlatelets, "150 ×10^9/L", 150},
      {Quantity::kPlatelets, "150 G/L", 150},
      {Quantity::kPlatelets, "150 K/uL", 150},
      {Quantity::kAnc, "1200 cells/µL", 1.2},
      {Quantity::kAnc, "1200/mm3", 1.2},
      {Quantity::kHemoglobin, "95 g/L", 9.5},
      {Quantity::kFerritin, "800 µg/L", 800},
      {Quantity::kLdh, "5 µkat/L", 300},
      {Quantity::kTemperature, "101.3 °F", (101.3 - 32) * 5 / 9},
      {Quantity::kTemperature, "38.5 C", 38.5},
  };
  for (const auto& c : cases) {
    auto v = ParseMeasurement(c.q, c.text);
    ASSERT_TRUE(v.ok()) << c.text << ": " << v.status().ToString();
    EXPECT_NEAR(*v, c.canonical, 1e-9) << c.text;
  }
}

TEST(ClinicalUnits, UnknownUnitsAndImpossibleValues) {
  auto unit = ParseMeasurement(Quantity::kPlatelets, "150 mg");
  ASSERT_FALSE(unit.ok());
  EXPECT_EQ(unit.status().message(),
            "unknown unit 'mg' for platelets (accepted: 10^9/L, G/L, 10^3/µL, K/µL or /µL)");
  auto creat = ToCanonical(Quantity::kCreatinine, 1, "mmol/L");
  ASSERT_FALSE(creat.ok());
  EXPECT_NE(creat.status().message().find("mg/dL or µmol/L"), std::string::npos);
  auto hot = ParseMeasurement(Quantity::kTemperature, "55");
  ASSERT_FALSE(hot.ok());
  EXPECT_EQ(hot.status().message(), "temperature 55 °C is impossible (accepted: 30-45 °C); is it in °F?");
  auto nan = ParseMeasurement(Quantity::kFerritin, "lots");
  ASSERT_FALSE(nan.ok());
  EXPECT_NE(nan.status().message().find("is not a number"), std::string::npos);
  EXPECT_FALSE(ParseMeasurement(Quantity::kHemoglobin, "0.5").ok());
  EXPECT_FALSE(ParseMeasurement(Quantity::kAnc, "-1").ok());
  EXPECT_TRUE(CheckRange(Quantity::kCrp, 0).ok());
  EXPECT_FALSE(CheckRange(Quantity::kCrp, 101).ok());
}

}  // namespace
}  // namespace carta::clinical
