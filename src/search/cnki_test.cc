// CNKI professional-search syntax on the hand-built corpus (test_corpus.h).
#include <gtest/gtest.h>

#include "carta/search/index.h"
#include "test_corpus.h"

namespace carta::search {
namespace {

TEST(CnkiQuery, FieldsOperatorsAndPrecedence) {
  const Index index = testing::CorpusIndex();
  const std::vector<std::pair<const char*, std::vector<uint32_t>>> cases = {
      {"SU='CAR-T'", {0, 1, 4, 5, 10}},
      {"TKA=\"CAR-T\"", {0, 1, 4, 5, 10}},
      {"SU=('CAR-T'+'嵌合抗原受体')*'淋巴瘤'", {4}},
      {"SU=('CAR-T'+'嵌合抗原受体')", {0, 1, 4, 5, 10}},
      {"TI=淋巴瘤 + TI=骨髓瘤", {4, 5}},
      {"TI='CAR-T' AND AU='李四'", {5}},
      {"TI='CAR-T' * AU=李四", {5}},
      // Left to right: (KY=骨髓瘤 OR KY=淋巴瘤) AND AU=张三, not KY=骨髓瘤 OR (... AND ...) = {4, 5}.
      {"KY=骨髓瘤 OR KY=淋巴瘤 AND AU=张三", {4}},
      {"KY=骨髓瘤 OR (KY=淋巴瘤 AND AU=张三)", {4, 5}},
      {"SU=CAR-T细胞 - TI=骨髓瘤", {4}},
      {"SU=CAR-T细胞 NOT TI=骨髓瘤", {4}},
      {"AB=(疗效 + 应用)", {4, 5}},
      {"AB=疗效 + 应用", {4, 5}},
      {"FI=李四", {5}},
      {"AU=李四", {4, 5}},
      {"ky=icans", {2}},
      {"TI＝（‘淋巴瘤’）", {4}},
      {"LY=血液", {4}},
      {"AU='Smith, J'", {0, 1, 8}},
  };
  for (const auto& [text, expected] : cases) {
    Result<Query> q = ParseCnki(text);
    ASSERT_TRUE(q.ok()) << text << ": " << q.status().ToString();
    EXPECT_EQ(index.Search(*q).docs, expected) << text << " read as " << q->Explain();
  }
}

TEST(CnkiQuery, ExplainUsesCnkiFields) {
  Result<Query> q = ParseCnki("SU=('CAR-T'+'嵌合抗原受体')*'淋巴瘤' AND AU=张三");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->Explain(), "((SU='CAR-T' OR SU='嵌合抗原受体') AND SU='淋巴瘤') AND AU='张三'");
}

TEST(CnkiQuery, ErrorsNameTheColumn) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"QQQQ=abc", "column 1: unknown field QQQQ=; carta accepts SU, TKA, TI, KY, AB, AU, FI, LY"},
      {"TX=abc", "column 1: unknown field TX=; did you mean TI?"},
      {"TKB=abc", "column 1: unknown field TKB=; did you mean TKA?"},
      {"SU=", "column 4: expected a value after SU="},
      {"SU='abc", "column 4: the quote ' is never closed"},
      {"SU=a AND", "column 6: an operator needs a clause or value after it"},
      {"(SU=a", "column 1: '(' is never closed"},
      {"SU=a)", "column 5: ')' has no matching '('"},
      {"", "column 1: the query is empty"},
      {"淋巴瘤", "column 1: expected a field clause"},
      {"SU=a TI=b", "column 6: expected AND, OR, NOT, *, + or - between clauses"},
      {"=abc", "column 1: '=' must follow a field name"},
      {"TI=淋巴瘤 * ", "column 8: an operator needs"},
  };
  for (const auto& [text, start] : cases) {
    Result<Query> q = ParseCnki(text);
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.status().message().rfind(start, 0), 0u) << text << " -> " << q.status().message();
  }
}

}  // namespace
}  // namespace carta::search
