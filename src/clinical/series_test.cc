// Daily records, per-patient courses, the cohort summary and the exact
// binomial interval. Grades are read off the ASTCT tables; interval limits
// are the published Clopper-Pearson values (0/10: 1 - 0.025^(1/10) = 0.3085;
// 3/20: 0.0321-0.3789, as R's binom.test(3, 20) gives).
#include "carta/clinical/series.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "carta/clinical/guidance.h"

namespace carta::clinical {
namespace {

const char* kCohort =
    "patient,day,temp_c,hypotension,hypoxia,after_anticytokine,ice,consciousness,age,capd,notes\n"
    "P1,0,37.0,none,none,no,10,alert,54,,infused\n"
    "P1,1,38.6,none,none,no,10,alert,54,,\n"
    "P1,2,39.4,no-vasopressor,low-flow,no,9,alert,54,,tocilizumab given\n"
    "P1,2,39.8,one-vasopressor,low-flow,no,8,alert,54,,evening\n"
    "P1,3,37.2,none,none,yes,6,voice,54,,\n"
    "P1,4,36.9,none,none,yes,10,alert,54,,\n"
    "P2,1,37.1,none,none,no,10,alert,61,,\n"
    "P2,2,37.0,none,none,no,10,alert,61,,\n"
    "C1,0,38.1,,,,,alert,7,2,\n"
    "C1,5,,,,,,,7,12,\n";

TEST(ClinicalSeries, PerDayPerPatient) {
  auto records = ParseDailyCsv(kCohort, "cohort.csv");
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 10u);
  EXPECT_EQ((*records)[2].source, "cohort.csv:4");
  EXPECT_FALSE((*records)[9].crs.has_value());  // no CRS column filled on C1 day 5
  auto series = GradeSeries(*records);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_EQ(series->days.size(), 9u);  // P1 day 2 has two rows
  // P1 day 2: the worse row (one vasopressor, grade 3) wins over grade 2.
  EXPECT_EQ(series->days[2].day, 2);
  EXPECT_EQ(series->days[2].crs->grade, 3);
  EXPECT_EQ(series->days[2].crs->determined_by, std::vector<std::string>{"hypotension"});
  EXPECT_EQ(series->days[2].icans->grade, 1);  // ICE 9 and ICE 8 are both grade 1
  // P1 day 3: afebrile after tocilizumab, nothing else: CRS 0; ICE 6 and voice: ICANS 2.
  EXPECT_EQ(series->days[3].crs->grade, 0);
  EXPECT_EQ(series->days[3].icans->grade, 2);
  ASSERT_EQ(series->patients.size(), 3u);
  const PatientCourse& p1 = series->patients[0];
  EXPECT_EQ(p1.patient, "P1");
  EXPECT_EQ(p1.crs.max_grade, 3);
  EXPECT_EQ(*p1.crs.onset_day, 1);
  EXPECT_EQ(p1.crs.days_with_grade, 2);
  EXPECT_EQ(p1.icans.max_grade, 2);
  EXPECT_EQ(*p1.icans.onset_day, 2);
  EXPECT_EQ(p1.icans.days_with_grade, 2);
  const PatientCourse& p2 = series->patients[1];
  EXPECT_EQ(p2.crs.max_grade, 0);
  EXPECT_FALSE(p2.crs.onset_day.has_value());
  // A child: CAPD 2 on day 0 (grade 1, fever grade 1), CAPD 12 on day 5 (grade 3).
  const PatientCourse& c1 = series->patients[2];
  EXPECT_EQ(c1.crs.max_grade, 1);
  EXPECT_EQ(c1.icans.max_grade, 3);
  EXPECT_EQ(*c1.icans.onset_day, 0);
  EXPECT_EQ(c1.first_day, 0);
  EXPECT_EQ(c1.last_day, 5);
}

TEST(ClinicalSeries, Summary) {
  auto series = GradeSeries(*ParseDailyCsv(kCohort, "cohort.csv"));
  ASSERT_TRUE(series.ok());
  auto s = Summarize(*series);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->crs.n, 3);
  EXPECT_EQ(s->crs.any_grade.events, 2);
  EXPECT_EQ(s->crs.grade3plus.events, 1);
  EXPECT_EQ(s->crs.patients_by_max_grade, (std::vector<long>{1, 1, 0, 1, 0, 0}));
  EXPECT_DOUBLE_EQ(*s->crs.median_onset_day, 0.5);  // onsets day 1 and day 0
  EXPECT_EQ(s->icans.n, 3);
  EXPECT_EQ(s->icans.grade3plus.events, 1);
}

TEST(ClinicalSeries, DeathAndDaysWithoutAssessment) {
  auto records = ParseDailyCsv("patient,day,temp_c,hypotension,death\nA,3,39,multiple-vasopressors,\nA,4,,,crs\n",
                               "d.csv");
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  auto series = GradeSeries(*records);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  EXPECT_EQ(series->patients[0].crs.max_grade, 5);
  EXPECT_FALSE(series->patients[0].icans.assessed);
  auto s = Summarize(*series);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->icans.n, 0);
  EXPECT_TRUE(std::isnan(s->icans.any_grade.rate));
}

TEST(ClinicalSeries, ErrorsSayWhere) {
  struct Bad {
    const char* csv;
    const char* message;
  };
  const Bad bad[] = {
      {"patient,day,temp\nA,1,39\n", "x.csv:1: unknown column 'temp'; did you mean 'temp_c'?"},
      {"patient,temp_c\nA,39\n", "x.csv:1: missing column 'day'"},
      {"patient,day,temp_c,temp_f\nA,1,39,101\n", "x.csv:1: give temp_c or temp_f, not both"},
      {"patient,day,temp_c\nA,1,39\nA,x,39\n", "x.csv:3: column 'day': 'x' is not a whole number"},
      {"patient,day,temp_c\n,1,39\n", "x.csv:2: column 'patient': is empty"},
      {"patient,day,hypotension,temp_c\nA,1,pressor,39\n", "x.csv:2: column 'hypotension': unknown hypotension"},
      {"patient,day,ice\nA,1,11\n", "x.csv:2: ICANS: ICE score 11 is outside 0-10"},
      {"patient,day,temp_c\nA,1,55\n", "x.csv:2: CRS: temperature 55 °C is impossible"},
      {"patient,day,hypoxia\nA,1,high-flow\n", "x.csv:2: CRS: missing temperature"},
      {"patient,day,death\nA,1,maybe\n", "x.csv:2: column 'death': 'maybe' is not none, crs or icans"},
      {"patient,day\n", "x.csv: no records after the header"},
  };
  for (const auto& b : bad) {
    auto records = ParseDailyCsv(b.csv, "x.csv");
    Status s = records.status();
    if (records.ok()) s = GradeSeries(*records).status();
    ASSERT_FALSE(s.ok()) << b.message;
    EXPECT_NE(s.message().find(b.message), std::string::npos) << s.message();
  }
}

TEST(ClinicalClopperPearson, KnownValues) {
  auto zero = ClopperPearson(0, 10);
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->ci_lb, 0);
  EXPECT_NEAR(zero->ci_ub, 1 - std::pow(0.025, 0.1), 1e-10);
  EXPECT_NEAR(zero->ci_ub, 0.3085, 5e-5);
  auto three = ClopperPearson(3, 20);
  ASSERT_TRUE(three.ok());
  EXPECT_DOUBLE_EQ(three->rate, 0.15);
  EXPECT_NEAR(three->ci_lb, 0.0321, 5e-5);
  EXPECT_NEAR(three->ci_ub, 0.3789, 5e-5);
  auto all = ClopperPearson(10, 10);
  ASSERT_TRUE(all.ok());
  EXPECT_NEAR(all->ci_lb, std::pow(0.025, 0.1), 1e-10);
  EXPECT_EQ(all->ci_ub, 1);
  EXPECT_FALSE(ClopperPearson(1, 0).ok());
  EXPECT_FALSE(ClopperPearson(11, 10).ok());
  EXPECT_FALSE(ClopperPearson(1, 10, 1.5).ok());
}

TEST(ClinicalGuidance, EveryGradeSourcedAndTocilizumabDose) {
  EXPECT_EQ(AllGuidance().size(), 8u);
  for (const auto& g : AllGuidance()) {
    EXPECT_FALSE(g.management.empty());
    EXPECT_NE(g.source.find("Santomasso"), std::string::npos);
  }
  auto crs2 = GuidanceFor(Toxicity::kCrs, 2);
  ASSERT_TRUE(crs2.ok());
  EXPECT_NE(crs2->management[1].find("8 mg/kg"), std::string::npos);
  EXPECT_NE(crs2->management[1].find("800 mg"), std::string::npos);
  EXPECT_FALSE(GuidanceFor(Toxicity::kIcans, 5).ok());
  EXPECT_EQ(*ParseToxicity("ICANS"), Toxicity::kIcans);
  EXPECT_NE(std::string(kGuidanceDisclaimer).find("not medical advice"), std::string::npos);
}

}  // namespace
}  // namespace carta::clinical
