#include "carta/api/json.h"

#include <gtest/gtest.h>

#include <limits>
#include <sstream>

#include "carta/api/listing.h"
#include "carta/api/text.h"
#include "carta/api/update.h"

namespace carta::api {
namespace {

TEST(ApiJson, KeysKeepTheirOrder) {
  Json j = Json::object();
  j["zeta"] = 1;
  j["alpha"] = 2;
  EXPECT_EQ(DumpCompact(j), R"({"zeta":1,"alpha":2})");
}

TEST(ApiJson, NonFiniteNumbersAreNull) {
  EXPECT_TRUE(Number(std::numeric_limits<double>::quiet_NaN()).is_null());
  EXPECT_TRUE(Number(std::numeric_limits<double>::infinity()).is_null());
  EXPECT_EQ(Number(0.5), Json(0.5));
}

TEST(ApiJson, InvalidUtf8IsReplacedNotThrown) {
  EXPECT_EQ(DumpCompact(Json("a\xff")), "\"a\xEF\xBF\xBD\"");
}

// Found by fuzzing (tests/fuzz/regressions/api_requests): a number out of
// range threw through Parse, and the server answered 500 instead of 400.
TEST(ApiJson, ANumberOutOfRangeIsAnErrorNotAThrow) {
  auto r = Parse("{\"k\": 1e999}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Parse("{\"k\": 1e300}").ok());
}

TEST(ApiJson, ErrorCarriesItsLocation) {
  Status s = Status::InvalidArgument("unknown field tag 'XX'").WithLocation({"export.ris", 12, 0, "XX"});
  Json e = ErrorJson(s)["error"];
  EXPECT_EQ(e["code"], "invalid_argument");
  EXPECT_EQ(e["message"], "unknown field tag 'XX'");
  EXPECT_EQ(e["field"], "XX");
  EXPECT_EQ(e["file"], "export.ris");
  EXPECT_EQ(e["line"], 12);
  EXPECT_FALSE(e.contains("column"));
}

TEST(ApiJson, ContextKeepsTheLocation) {
  Status s = Status::InvalidArgument("bad").WithField("outcome").WithContext("meta");
  EXPECT_EQ(s.message(), "meta: bad");
  EXPECT_EQ(s.location().field, "outcome");
}

TEST(ApiJson, ParseReportsTheByte) {
  auto r = Parse("{\"a\": }");
  ASSERT_FALSE(r.ok());
  EXPECT_GT(r.status().location().column, 0);
  EXPECT_TRUE(Parse("[1, 2]").ok());
}

TEST(ApiListing, JsonAndCsvFollowTheColumns) {
  Listing l({{"id", "ID"}, {"n", "N"}, {"tags", "Tags"}});
  l.Add({"a,b", 3, Json::array({"x", "y"})});
  l.Add({"c", nullptr, Json::array()});
  EXPECT_EQ(DumpCompact(l.ToJson()), R"([{"id":"a,b","n":3,"tags":["x","y"]},{"id":"c","n":null,"tags":[]}])");
  EXPECT_EQ(l.ToCsv(), "id,n,tags\n\"a,b\",3,\"x, y\"\nc,,\n");
}

// A column's significant digits round fractional numbers in the text table
// only; whole numbers, JSON and CSV keep every digit.
TEST(ApiListing, TableRoundsToTheColumnsSignificantDigits) {
  Listing l({{"x", "x", 0, 4}, {"n", "n", 0, 4}});
  l.Add({0.2196107503254107, 123456});
  std::ostringstream table, csv;
  Print(l, Format::kTable, table);
  Print(l, Format::kCsv, csv);
  EXPECT_EQ(table.str(), "x       n\n------  ------\n0.2196  123456\n");
  EXPECT_EQ(csv.str(), "x,n\n0.2196107503254107,123456\n");
}

// Issue 18 (libFuzzer, api_requests): a kept synthesis whose pool's k was a
// fraction too large for an int reached get<int>(), undefined behaviour.
TEST(ApiJson, KeptSynthesisRefusesAPoolCountThatIsNotOne) {
  const std::string good =
      R"({"cohorts":[{"id":"c1","record":"r"}],"pools":[{"name":"orr","k":12,"estimate":0.5,"ci_lb":0.4,)"
      R"("ci_ub":0.6,"tau2":0.01}],"findings":[]})";
  auto s = SynthesisFromJson(good);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->pools.size(), 1u);
  EXPECT_EQ(s->pools[0].k, 12);
  for (const char* k : {"33333333300003.7", "2.5", "-1", "1e300", "18446744073709551615", "\"12\"", "null"}) {
    std::string bad = good;
    bad.replace(bad.find("\"k\":12"), 6, std::string("\"k\":") + k);
    auto r = SynthesisFromJson(bad);
    ASSERT_FALSE(r.ok()) << k;
    EXPECT_NE(r.status().message().find("malformed"), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace carta::api
