#include "carta/evidence/record.h"

#include <gtest/gtest.h>

namespace carta::evidence {
namespace {

TEST(Provenance, ParsesReferencesAndLocations) {
  auto p = ParseProvenance("ref 28, 40; Table 3");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->refs, (std::vector<int>{28, 40}));
  EXPECT_EQ(p->location, "Table 3");
  EXPECT_EQ(p->ToString(), "ref 28, 40; Table 3");

  auto range = ParseProvenance("ref 39-41; §2.2.1");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->refs, (std::vector<int>{39, 40, 41}));

  auto own = ParseProvenance("-; §2.1.3");
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(own->refs.empty());
  EXPECT_EQ(own->location, "§2.1.3");

  auto named = ParseProvenance("\"29th EHA Congress\"; Table 4; abstract only");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->citation, "29th EHA Congress");
  EXPECT_EQ(named->extra, "abstract only");
}

TEST(Provenance, RejectsWhatItCannotPlace) {
  EXPECT_FALSE(ParseProvenance("ref 44").ok());             // no location
  EXPECT_FALSE(ParseProvenance("ref x; Table 3").ok());     // not a number
  EXPECT_FALSE(ParseProvenance("ref 44; Tabel 3").ok());    // unknown location
  EXPECT_FALSE(ParseProvenance("ref 0; Table 3").ok());     // references start at 1
  EXPECT_FALSE(ParseProvenance("\"unterminated; Table 3").ok());
  EXPECT_FALSE(ParseProvenance("ref 50-1; Table 3").ok());  // backwards range
}

TEST(ParseRecords, ReadsRecordsValuesSourcesAndNotes) {
  const char* text =
      "# comment\n"
      "[cohort eliana]\n"
      "source = ref 44; Table 3\n"
      "n   = 79\n"
      "orr = 81%\n"
      "note orr = as printed\n"
      "n = 80 @ ref 44; §2.2.1\n"
      "note = a record note\n";
  auto recs = ParseRecords(text, "t.carta");
  ASSERT_TRUE(recs.ok()) << recs.status().ToString();
  ASSERT_EQ(recs->size(), 1u);
  const RawRecord& r = (*recs)[0];
  EXPECT_EQ(r.kind, "cohort");
  EXPECT_EQ(r.id, "eliana");
  ASSERT_EQ(r.fields.size(), 3u);
  EXPECT_EQ(r.fields[1].note, "as printed");
  EXPECT_EQ(r.fields[2].prov.location, "§2.2.1");
  EXPECT_EQ(r.fields[2].pos.line, 7);
  EXPECT_EQ(r.All("n").size(), 2u);
  EXPECT_EQ(r.note, "a record note");
}

TEST(ParseRecords, ErrorsNameFileAndLine) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"n = 1\n", "t.carta:1: a value before the first record header"},
      {"[cohort]\n", "t.carta:1: a record header needs a kind and an id"},
      {"[cohort Bad Id]\n", "t.carta:1: bad record id"},
      {"[cohort a]\nn 79\n", "t.carta:2: expected 'KEY = VALUE'"},
      {"[cohort a]\nn = 79\n", "t.carta:2: 'n' has no provenance"},
      {"[cohort a]\nsource = ref 1; Table 3\nnote orr = x\n", "t.carta:3: a note on 'orr', which has no value"},
      {"[cohort a]\nsource = ref 1; Table 3\nN = 3\n", "t.carta:3: bad key 'N'"},
      {"[cohort a]\nsource = ref 1; Table 3\nn =\n", "t.carta:3: 'n' has an empty value"},
      {"[cohort a]\nsource = nowhere\n", "t.carta:2: provenance 'nowhere' needs"},
  };
  for (const auto& c : cases) {
    auto r = ParseRecords(c.text, "t.carta");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos) << r.status().message();
    // The place is data too, for front ends that point at it.
    EXPECT_EQ(r.status().location().file, "t.carta");
    EXPECT_EQ(r.status().location().line, c.expected[8] - '0') << c.text;
  }
}

TEST(ParseRecords, RejectsInvalidUtf8WithItsLine) {
  auto r = ParseRecords("[cohort a]\nsource = ref 1; Table 3\nacronym = \xff\xfe\n", "t.carta");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("t.carta:3: the file is not valid UTF-8"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(r.status().location().line, 3);
}

TEST(ParseRecords, HostileInputEndsWithAnErrorNotACrash) {
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk += "[[[[ = @ @ ;;; \"\n";
  EXPECT_FALSE(ParseRecords(junk, "junk").ok());
  EXPECT_TRUE(ParseRecords("", "empty").ok());
}

}  // namespace
}  // namespace carta::evidence
