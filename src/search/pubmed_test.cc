// PubMed query semantics on the hand-built corpus (test_corpus.h); every
// expected hit list is worked out by hand from the records.
#include <gtest/gtest.h>

#include "carta/search/index.h"
#include "test_corpus.h"

namespace carta::search {
namespace {

using Docs = std::vector<uint32_t>;

struct Case {
  const char* query;
  Docs expected;
  std::vector<std::string> history = {};
};

void ExpectCases(const std::vector<Case>& cases) {
  const Index index = testing::CorpusIndex();
  for (const Case& c : cases) {
    Result<Query> q = ParsePubmed(c.query, c.history);
    ASSERT_TRUE(q.ok()) << c.query << ": " << q.status().ToString();
    EXPECT_EQ(index.Search(*q).docs, c.expected) << c.query << " read as " << q->Explain();
    EXPECT_EQ(index.Count(*q), c.expected.size()) << c.query;
  }
}

TEST(PubmedQuery, WordsPhrasesAndTruncation) {
  ExpectCases({
      {"lymphoma[tiab]", {0, 6}},
      {"LYMPHOMA[Title/Abstract]", {0, 6}},
      {"lymphoma*[tiab]", {0, 6, 8}},
      {"lymph*[tiab]", {0, 6, 8}},
      {"\"car t cell\"[tiab]", {0, 1}},
      {"car t cell*[tiab]", {0, 1, 10}},  // unquoted tagged words are a phrase
      {"\"car t cell*\"[tiab]", {0, 1, 10}},
      {"CAR-T[ti]", {0, 1, 5}},
      {"cd19", {0}},
      {"4-1BB[tiab]", {3}},
      {"1bb 4[tiab]", {}},  // phrase order matters
      {"neurotoxicity syndromes[tw]", {2}},  // MeSH words are text words
      {"neurotoxicity syndromes[tiab]", {}},
      {"review[tw]", {1, 5, 10}},
      {"review[tiab]", {10}},
      {"tocilizumab[ab]", {1, 9}},
      {"cd19[ot]", {0}},
      {"cytokine release syndrome[ot]", {1}},
      {"smith[all]", {0, 1, 8}},
      {"1001", {0}},
      {"\"10.1000/blood.1\"", {0}},
  });
}

TEST(PubmedQuery, BooleanLeftToRight) {
  ExpectCases({
      // (lymphoma OR tocilizumab) AND blood, not lymphoma OR (tocilizumab AND blood) = {0, 6, 9}.
      {"lymphoma[tiab] OR tocilizumab[tiab] AND blood[ta]", {0, 9}},
      {"lymphoma[tiab] OR (tocilizumab[tiab] AND blood[ta])", {0, 6, 9}},
      {"lymphoma[tiab] NOT blood[ta]", {6}},
      {"tocilizumab crs", {9}},
      {"lymphoma and blood", {0}},  // lower-case "and" is a stopword; implicit AND
      {"(lymphoma[tiab] OR hip[ti]) NOT 2010[dp]", {0, 6}},
      {"((lymphoma[tiab]))", {0, 6}},
      {"lymphoma[tiab] OR crs[ti] NOT tocilizumab[ti] OR hip[ti]", {0, 6, 7}},
  });
}

TEST(PubmedQuery, AuthorsMeshAndKeyFields) {
  ExpectCases({
      {"smith j[au]", {0, 1, 8}},
      {"smith ja[au]", {0}},
      {"smith[au]", {0, 1, 8}},  // not Smithers
      {"smith john[au]", {0}},
      {"Smith, John A[Author]", {0}},
      {"lee a[1au]", {1, 9}},
      {"lee a[au]", {0, 1, 9}},
      {"张三[au]", {4}},
      {"李四[au]", {4, 5}},
      {"李四[1au]", {5}},
      {"lymphoma[mh]", {0, 6}},
      {"lymphoma[majr]", {0}},
      {"lymphoma/therapy[mh]", {0}},
      {"therapy[sh]", {0}},
      {"cytokine release syndrome[mh]", {1}},
      {"receptors, chimeric antigen[mh:noexp]", {0}},
      {"review[pt]", {1, 5, 10}},
      {"journal article[pt]", {0, 2, 3, 4, 6, 7}},
      {"clinical trial[Publication Type]", {0}},
      {"english[la]", {0, 1, 2, 3, 6, 7, 8, 9, 10}},
      {"chinese[la]", {4, 5}},
      {"chi[la]", {4, 5}},
      {"1003[pmid]", {2}},
      {"1003[uid]", {2}},
      {"blood[ta]", {0, 2, 8, 9}},
      {"lancet oncology[ta]", {1}},
      {"lancet[ta]", {}},
      {"lanc*[ta]", {1}},
      {"10.1000/blood.1[aid]", {0}},
  });
}

TEST(PubmedQuery, PublicationDates) {
  ExpectCases({
      {"2020[dp]", {0}},
      {"2021/07[dp]", {1}},
      {"2019[dp]", {2}},
      {"2019/05[dp]", {}},  // a year-only date is not placed in May
      {"2024/07/31[dp]", {8}},
      {"2010/01/01:2024/07/31[dp]", {0, 1, 2, 3, 4, 5, 6, 7, 8}},
      {"2010:2020[Publication Date]", {0, 2, 3, 6, 7}},
      {"2021:2023[dp]", {1, 4, 5}},
  });
}

// As PubMed's, [tiab] searches the author keywords (OT) too; [ti] and [ab] do not.
TEST(PubmedQuery, TiabSearchesAuthorKeywords) {
  IndexBuilder builder;
  biblio::Record only_keyword;
  only_keyword.title = "Outcomes after infusion";
  only_keyword.keywords = {"tisagenlecleucel"};
  builder.Add(only_keyword);
  const Index index = builder.Finish();
  for (const char* q : {"tisagenlecleucel[tiab]", "tisagenlecleucel[ot]", "tisagenlecleucel[tw]"}) {
    EXPECT_EQ(index.Count(*ParsePubmed(q)), 1u) << q;
  }
  EXPECT_EQ(index.Count(*ParsePubmed("tisagenlecleucel[ti]")), 0u);
  EXPECT_EQ(index.Count(*ParsePubmed("tisagenlecleucel[ab]")), 0u);
}

TEST(PubmedQuery, ProximityAndStopwords) {
  ExpectCases({
      {"\"hip pain\"[tiab:~0]", {7}},
      {"\"pain right\"[tiab:~1]", {}},
      {"\"pain right\"[tiab:~2]", {7}},
      {"\"right pain\"[tiab:~2]", {7}},  // any order
      {"\"release tocilizumab\"[tiab:~5]", {1, 9}},
      {"\"release tocilizumab\"[tiab:~1]", {}},
      {"\"arthroplasty common\"[tiab:~20]", {}},  // never across title and abstract
      {"treatment of the lymphoma[ti]", {6}},
      {"\"treatment of the lymphoma\"[ti]", {6}},
      {"\"treatment of lymphoma\"[ti]", {}},
      {"the[tiab]", {}},
      {"the AND lymphoma[tiab]", {0, 6}},
  });
}

TEST(PubmedQuery, ChineseText) {
  ExpectCases({
      {"淋巴瘤", {4}},
      {"嵌合抗原受体[tiab]", {4, 5}},
      {"骨髓瘤[ti]", {5}},
      {"\"CAR-T细胞\"[tiab]", {4, 5}},
      {"淋巴瘤 OR 骨髓瘤", {4, 5}},
  });
}

TEST(PubmedQuery, HistoryReferences) {
  const std::vector<std::string> history = {"lymphoma[tiab]", "blood[ta]", "#1 OR tocilizumab[tiab]"};
  ExpectCases({
      {"#1 AND #2", {0}, history},
      {"#1 NOT #2", {6}, history},
      {"#3", {0, 1, 6, 9}, history},
      {"#3 AND hip[ti]", {}, history},
  });
}

TEST(PubmedQuery, WarningsSayWhereCartaDiffers) {
  auto warnings = [](const char* q) {
    Result<Query> r = ParsePubmed(q);
    EXPECT_TRUE(r.ok()) << q;
    std::string all;
    for (const std::string& w : r->warnings()) all += w + "\n";
    return all;
  };
  EXPECT_NE(warnings("tocilizumab[ab]").find("extension"), std::string::npos);
  EXPECT_NE(warnings("lymphoma[mh]").find("explosion"), std::string::npos);
  EXPECT_EQ(warnings("lymphoma[mh:noexp]"), "");
  EXPECT_NE(warnings("lymphoma").find("Automatic Term Mapping"), std::string::npos);
  EXPECT_EQ(warnings("\"lymphoma\""), "");
  EXPECT_NE(warnings("the lymphoma[tiab]").find("stopword"), std::string::npos);
  // Year-only records in a range that starts or ends within a year.
  EXPECT_NE(warnings("2019/05:2020[dp]").find("1 January"), std::string::npos);
  EXPECT_NE(warnings("2019:2020/06/30[dp]").find("1 January"), std::string::npos);
  EXPECT_EQ(warnings("2019:2020[dp]"), "");
  EXPECT_EQ(warnings("2019/01/01:2020/12/31[dp]"), "");
}

TEST(PubmedQuery, ExplainShowsTheTranslation) {
  auto explain = [](const char* q) {
    Result<Query> r = ParsePubmed(q);
    EXPECT_TRUE(r.ok()) << q;
    return r->Explain();
  };
  EXPECT_EQ(explain("lymphoma[tiab] OR tocilizumab[tiab] AND blood[ta]"),
            "(lymphoma[Title/Abstract] OR tocilizumab[Title/Abstract]) AND blood[Journal]");
  EXPECT_EQ(explain("car t cell*[tiab] AND 2020[dp]"),
            "\"car t cell*\"[Title/Abstract] AND 2020/01/01:2020/12/31[Publication Date]");
  EXPECT_EQ(explain("\"hip pain\"[tiab:~2]"), "\"hip pain\"[Title/Abstract:~2]");
  EXPECT_EQ(explain("smith j[au] NOT lymphoma[mh]"), "\"smith j\"[Author] NOT lymphoma[MeSH Terms]");
  EXPECT_EQ(explain("the"), "");
}

// A stopword inside a hyphenated (or control-character-joined) term leaves a
// gap, which Explain shows as "?"; the explanation parses back to the same
// query (a fuzz finding: it used to parse as the phrase without the gap).
TEST(PubmedQuery, AnExplanationWithAStopwordGapParsesBackToItself) {
  const Index index = testing::CorpusIndex();
  for (const std::string& query : std::vector<std::string>{"effect-of-tocilizumab[tiab]", "car-t-the-cell[tiab]",
                                                           std::string("gc\0\0a#2", 7),
                                  "lymphoma-in-the-blood"}) {
    Result<Query> q = ParsePubmed(query);
    ASSERT_TRUE(q.ok()) << query;
    const std::string explained = q->Explain();
    EXPECT_NE(explained.find(" ? "), std::string::npos) << explained;
    Result<Query> again = ParsePubmed(explained);
    ASSERT_TRUE(again.ok()) << explained;
    EXPECT_EQ(again->Explain(), explained);
    EXPECT_EQ(index.Search(*again).docs, index.Search(*q).docs) << explained;
  }
  Result<Query> two = ParsePubmed("effect-of-the-drug");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->Explain(), "\"effect ? ? drug\"[All Fields]");
}

struct ErrorCase {
  const char* query;
  const char* message_start;  // the message begins with this
  std::vector<std::string> history = {};
};

// Hostile sizes give an error, never a stack overflow (regression: a 14,000-term
// chain and 15,000 nested parentheses crashed; #k = #k-1 OR #k-1 grew as 2^k).
TEST(PubmedQuery, HostileSizesAreRefusedNotCrashed) {
  std::string chain = "python";
  for (int i = 0; i < 20000; ++i) chain += " OR python";
  Result<Query> a = ParsePubmed(chain, {});
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("more than 5000 terms"), std::string::npos) << a.status().message();
  const std::string nested = std::string(100000, '(') + "python" + std::string(100000, ')');
  Result<Query> b = ParsePubmed(nested, {});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message().rfind("column 257: parentheses nest deeper than 256 levels", 0), 0u);
  std::vector<std::string> history = {"python"};
  for (int k = 1; k < 40; ++k) history.push_back("#" + std::to_string(k) + " OR #" + std::to_string(k));
  Result<Query> c = ParsePubmed("#40", history);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("expanded the query has more than 5000 terms"), std::string::npos);
  EXPECT_TRUE(ParsePubmed(std::string(200, '(') + "python" + std::string(200, ')'), {}).ok());
  EXPECT_FALSE(ParseCnki("SU=" + std::string(50000, '(') + "'a'" + std::string(50000, ')')).ok());
  // A text beyond the byte bound is refused before it is tokenised (a 10 MB line took 19 s).
  const std::string huge(10 << 20, 'a');
  auto h = ParsePubmed(huge);
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.status().message().find("longer than 1 MiB"), std::string::npos) << h.status().message();
  EXPECT_EQ(h.status().location().field, "query");
  EXPECT_FALSE(ParseCnki("SU=" + huge).ok());
}

TEST(PubmedQuery, ErrorsNameTheColumn) {
  const std::vector<ErrorCase> cases = {
      {"lymphoma[tiabx]", "column 9: unknown field tag [tiabx]; did you mean [tiab]?"},
      {"lymphoma[zzzzzzzz]", "column 9: unknown field tag [zzzzzzzz]; accepted tags include"},
      {"(lymphoma OR cancer", "column 1: '(' is never closed"},
      {"lymphoma)", "column 9: ')' has no matching '('"},
      {"\"car t", "column 1: the quote is never closed"},
      {"lymphoma AND", "column 10: AND needs a search term after it"},
      {"lymphoma OR NOT cancer", "column 10: OR needs a search term after it"},
      {"AND lymphoma", "column 1: AND needs a search term before it"},
      {"", "column 1: the query is empty"},
      {"   ", "column 1: the query is empty"},
      {"()", "column 1: empty parentheses"},
      {"[tiab]", "column 1: field tag [tiab] must follow a search term"},
      {"(a OR b)[tiab]", "column 9: a field tag cannot follow ')'"},
      {"lymphoma[tiab", "column 9: '[' is never closed"},
      {"2020/13[dp]", "column 1: bad publication date \"2020/13\""},
      {"2020:2010[dp]", "column 1: bad publication date"},
      {"last 5 years[dp]", "column 1: bad publication date"},
      {"ca*[tiab]", "column 3: truncation needs at least 4 characters"},
      {"lymphoma ca*", "column 12: truncation needs at least 4 characters"},
      {"嵌合抗原 AND ca*", "column 12: truncation needs at least 4 characters"},
      {"ly*mph[tiab]", "column 3: truncation '*' must end a word"},
      {"#3 AND lymphoma", "column 1: #3 is not in the search history, which holds #1 to #2", {"a", "b"}},
      {"#1", "column 1: #1 is not in the search history, which holds no searches"},
      {"#1 OR #1AND #1", "column 7: '#1AND' runs the history reference #1 into the next word; put a space after it "
                         "('#1 AND')", {"a"}},
      {"#2", "column 1: #2 is not a valid query: column 1: #1 is not a valid query: column 1: '(' is never closed",
       {"(x", "#1"}},
      {"lymphoma[tiab:~x]", "column 9: bad proximity"},
      {"lymphoma[au:~2]", "column 9: proximity [au:~2] needs a text field"},
      {"abc[pmid]", "column 1: [pmid] needs the digits"},
      {"--[tiab]", "column 1: the term \"--\" has no letters or digits"},
      {"py\xff\xfethon", "column 3: the query is not valid UTF-8 here"},
  };
  for (const ErrorCase& c : cases) {
    Result<Query> q = ParsePubmed(c.query, c.history);
    ASSERT_FALSE(q.ok()) << c.query;
    EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument) << c.query;
    EXPECT_EQ(q.status().message().rfind(c.message_start, 0), 0u) << c.query << " -> " << q.status().message();
  }
}

}  // namespace
}  // namespace carta::search
