#include "carta/core/csv.h"

#include <gtest/gtest.h>

namespace carta {
namespace {

TEST(Csv, QuotesCommasAndLineNumbers) {
  auto t = ParseCsv("Study,Events,N\n\"Smith, 2020\",3,20\n\n\"a \"\"b\"\"\",1,2\r\nc,4,5", "in.csv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->header, (std::vector<std::string>{"study", "events", "n"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0][0], "Smith, 2020");
  EXPECT_EQ(t->rows[1][0], "a \"b\"");
  EXPECT_EQ(t->lines, (std::vector<int>{2, 4, 5}));
  EXPECT_EQ(t->Column("n"), 2);
  EXPECT_EQ(t->Column("vi"), -1);
}

TEST(Csv, ErrorsSayWhere) {
  auto wide = ParseCsv("a,b\n1,2\n1,2,3\n", "x.csv");
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.status().message().find("x.csv:3: expected 2 fields"), std::string::npos);
  auto open = ParseCsv("a,b\n\"1,2\n", "x.csv");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("x.csv:2: a quoted field is not closed"), std::string::npos);
  EXPECT_FALSE(ParseCsv("a,a\n1,2\n", "x.csv").ok());
  EXPECT_FALSE(ParseCsv("", "x.csv").ok());
}

}  // namespace
}  // namespace carta
