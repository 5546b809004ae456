#include "carta/evidence/values.h"

#include <gtest/gtest.h>

namespace carta::evidence {
namespace {

TEST(Rate, PercentKeepsDecimalsAndRange) {
  auto r = ParseRate("64.1%");
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->percent, 64.1);
  EXPECT_EQ(r->decimals, 1);
  EXPECT_EQ(r->ToString(), "64.1%");
  EXPECT_FALSE(ParseRate("130%").ok());
  EXPECT_FALSE(ParseRate("-3%").ok());
  EXPECT_FALSE(ParseRate("abc%").ok());
  EXPECT_FALSE(ParseRate("81").ok());  // a bare number is ambiguous: percent or count?
}

TEST(Rate, FractionAndCount) {
  auto f = ParseRate("3/20");
  ASSERT_TRUE(f.ok());
  EXPECT_DOUBLE_EQ(f->percent, 15.0);
  EXPECT_FALSE(ParseRate("21/20").ok());  // more events than patients
  EXPECT_FALSE(ParseRate("1/0").ok());
  auto c = ParseRate("23 patients");
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->known());
  c->Resolve(33);
  EXPECT_NEAR(c->percent, 69.697, 1e-3);
  EXPECT_EQ(c->denominator, 33);
}

TEST(Duration, UnitsComparatorsAndRanges) {
  auto d = ParseDuration(">= 24 months");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->comparator, ">=");
  EXPECT_DOUBLE_EQ(d->months(), 24);
  auto r = ParseDuration("43-113 months");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->is_range());
  EXPECT_DOUBLE_EQ(r->upper, 113);
  EXPECT_NEAR(ParseDuration("72 hours")->months(), 3.0 / (365.25 / 12), 1e-12);
  EXPECT_DOUBLE_EQ(ParseDuration("2 years")->months(), 24);
  EXPECT_FALSE(ParseDuration("39").ok());
  EXPECT_FALSE(ParseDuration("39 fortnights").ok());
  EXPECT_FALSE(ParseDuration("9-3 months").ok());
}

TEST(Median, NotReachedIsAValueNotMissing) {
  auto nr = ParseMedian("NR");
  ASSERT_TRUE(nr.ok());
  EXPECT_TRUE(nr->not_reached);
  EXPECT_EQ(nr->ToString(), "NR");
  auto m = ParseMedian("14.7 months");
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->not_reached);
  EXPECT_DOUBLE_EQ(m->duration.months(), 14.7);
  EXPECT_FALSE(ParseMedian("nr?").ok());
}

TEST(Month, YearAndMonth) {
  EXPECT_EQ(ParseMonth("2017-08")->ToString(), "2017-08");
  EXPECT_FALSE(ParseMonth("2017/8").ok());
  EXPECT_FALSE(ParseMonth("2017-13").ok());
}

}  // namespace
}  // namespace carta::evidence

namespace carta::evidence {
namespace {

TEST(RateRange, SingleRangesAndQualifiers) {
  auto r = ParseRateRange("30%-45%");
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->low_percent, 30);
  EXPECT_DOUBLE_EQ(r->high_percent, 45);
  auto up = ParseRateRange("up to 30%");
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->qualifier, "up to");
  EXPECT_DOUBLE_EQ(ParseRateRange("about 50%")->low_percent, 50);
  EXPECT_FALSE(ParseRateRange("45%-30%").ok());
  EXPECT_FALSE(ParseRateRange("3/20").ok());
  EXPECT_FALSE(ParseRateRange("30%-145%").ok());
}

}  // namespace
}  // namespace carta::evidence
