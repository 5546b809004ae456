#include "carta/api/request.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace carta::api {
namespace {

Result<int> ParseColour(const std::string& name) {
  if (name == "red") return 1;
  if (name == "blue") return 2;
  return Status::InvalidArgument("colour is red or blue");
}

TEST(RequestReader, ReadsEveryKindOfValue) {
  Json j = {{"s", "x"}, {"d", 2.5}, {"i", -3}, {"u", 7}, {"b", true}, {"v", {1, 2.5}}, {"o", 4}, {"c", "blue"}};
  RequestReader r(j, {"s", "d", "i", "u", "b", "v", "o", "c", "absent"});
  std::string s;
  double d = 0;
  int i = 0;
  uint64_t u = 0;
  bool b = false;
  std::vector<double> v;
  std::optional<int> o, absent;
  int colour = 0;
  r.Get("s", &s);
  r.Get("d", &d);
  r.Get("i", &i);
  r.Get("u", &u);
  r.Get("b", &b);
  r.Get("v", &v);
  r.Get("o", &o);
  r.Get("absent", &absent);
  r.GetName("c", &colour, ParseColour);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(s, "x");
  EXPECT_EQ(d, 2.5);
  EXPECT_EQ(i, -3);
  EXPECT_EQ(u, 7u);
  EXPECT_TRUE(b);
  EXPECT_EQ(v, (std::vector<double>{1, 2.5}));
  EXPECT_EQ(o, 4);
  EXPECT_FALSE(absent.has_value());
  EXPECT_EQ(colour, 2);
}

TEST(RequestReader, UnknownKeyListsTheAcceptedOnes) {
  const Json j = {{"levle", 0.9}};
  RequestReader r(j, {"level", "method"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().location().field, "levle");
  EXPECT_NE(r.status().message().find("accepted: level, method"), std::string::npos);
  const Json array = Json::array();
  EXPECT_FALSE(RequestReader(array, {"a"}).ok());
}

TEST(RequestReader, WrongTypesAndRangesNameTheKey) {
  auto field = [](const Json& j, auto read) {
    RequestReader r(j, {"k"});
    read(r);
    return r.ok() ? std::string("ok") : r.status().location().field + ": " + r.status().message();
  };
  int i = 0;
  uint64_t u = 0;
  double d = 0;
  std::string s;
  EXPECT_EQ(field({{"k", "3"}}, [&](RequestReader& r) { r.Get("k", &i); }), "k: 'k' must be a whole number, got string");
  EXPECT_EQ(field({{"k", 1.5}}, [&](RequestReader& r) { r.Get("k", &i); }), "k: 'k' must be a whole number, got number");
  EXPECT_EQ(field({{"k", -1}}, [&](RequestReader& r) { r.Get("k", &u); }), "k: 'k' must be 0 or more");
  EXPECT_EQ(field({{"k", 3000000000LL}}, [&](RequestReader& r) { r.Get("k", &i); }), "k: 'k' is too large");
  EXPECT_EQ(field({{"k", true}}, [&](RequestReader& r) { r.Get("k", &d); }), "k: 'k' must be a number, got boolean");
  EXPECT_EQ(field({{"k", 1}}, [&](RequestReader& r) { r.Get("k", &s); }), "k: 'k' must be a text, got number");
  EXPECT_EQ(field(Json::object(), [&](RequestReader& r) { r.Get("k", &s, RequestReader::kRequired); }),
            "k: missing key 'k'");
  EXPECT_EQ(field({{"k", "green"}}, [&](RequestReader& r) { r.GetName("k", &i, ParseColour); }),
            "k: colour is red or blue");
  // A null reads as absent: the default stays.
  i = 9;
  EXPECT_EQ(field({{"k", nullptr}}, [&](RequestReader& r) { r.Get("k", &i); }), "ok");
  EXPECT_EQ(i, 9);
}

TEST(RequestReader, FirstFailureSticksAndDoneReturnsIt) {
  const Json j = {{"a", "x"}, {"b", "y"}};
  RequestReader r(j, {"a", "b"});
  double a = 0, b = 0;
  r.Get("a", &a);
  r.Get("b", &b);
  r.Check(false, "c", "never reported");
  EXPECT_EQ(r.status().location().field, "a");
  EXPECT_FALSE(r.Done(1).ok());
}

TEST(RequestReader, NestedValuesNameTheirPath) {
  auto pair = [](const Json& v) -> Result<std::pair<double, double>> {
    RequestReader inner(v, {"x", "y"});
    std::pair<double, double> p;
    inner.Get("x", &p.first, RequestReader::kRequired);
    inner.Get("y", &p.second);
    return inner.Done(p);
  };
  Json j = {{"points", {{{"x", 1}}, {{"x", 2}, {"y", "no"}}}}, {"one", {{"x", 1}, {"z", 0}}}};
  RequestReader r(j, {"points", "one"});
  std::vector<std::pair<double, double>> points;
  r.GetEach("points", &points, pair);
  EXPECT_EQ(r.status().location().field, "points[1].y");
  EXPECT_TRUE(points.empty());  // nothing half-read

  RequestReader r2(j, {"points", "one"});
  std::pair<double, double> one;
  r2.GetWith("one", &one, pair);
  EXPECT_EQ(r2.status().location().field, "one.z");

  // A converter that names no member: the key leads the message.
  const Json k = {{"k", 1}};
  RequestReader r3(k, {"k"});
  int out = 0;
  r3.GetWith("k", &out, [](const Json&) -> Result<int> { return Status::InvalidArgument("must be odd"); });
  EXPECT_EQ(r3.status().location().field, "k");
  EXPECT_EQ(r3.status().message(), "'k': must be odd");
}

}  // namespace
}  // namespace carta::api
