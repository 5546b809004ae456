#include "carta/search/tokenizer.h"

#include <gtest/gtest.h>

namespace carta::search {
namespace {

std::string Joined(std::string_view text) {
  Tokenizer t;
  std::string out;
  for (const Token& token : t.Tokenize(text)) {
    if (!out.empty()) out += '|';
    out += std::string(token.text) + "@" + std::to_string(token.position);
  }
  return out;
}

TEST(Tokenizer, SplitsAtPunctuationAndKeepsLettersWithDigits) {
  EXPECT_EQ(Joined("CAR-T cells"), "car@0|t@1|cells@2");
  EXPECT_EQ(Joined("CD19-directed"), "cd19@0|directed@1");
  EXPECT_EQ(Joined("4-1BB"), "4@0|1bb@1");
  EXPECT_EQ(Joined("  (ICANS), 30%.  "), "icans@0|30@1");
  EXPECT_EQ(Joined(""), "");
}

TEST(Tokenizer, FoldsCaseWidthAndDiacritics) {
  EXPECT_EQ(Joined("Müller ＣＡＲ－Ｔ"), "muller@0|car@1|t@2");
  EXPECT_EQ(Joined("Guillain–Barré"), "guillain@0|barre@1");
}

TEST(Tokenizer, IndexesCjkAsBigrams) {
  EXPECT_EQ(Joined("嵌合抗原"), "嵌合@0|合抗@1|抗原@2");
  EXPECT_EQ(Joined("癌"), "癌@0");
  EXPECT_EQ(Joined("CAR-T细胞治疗"), "car@0|t@1|细胞@2|胞治@3|治疗@4");
  EXPECT_EQ(Joined("目的 探讨。"), "目的@0|探讨@1");
}

TEST(Tokenizer, NumbersPositionsFromTheStartGiven) {
  Tokenizer t;
  const std::vector<Token>& tokens = t.Tokenize("a b", 1024);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].position, 1025u);
}

TEST(Tokenizer, NormalizesKeysAndAuthors) {
  EXPECT_EQ(NormalizeKey("Receptors, Chimeric Antigen"), "receptors chimeric antigen");
  EXPECT_EQ(NormalizeKey("张三"), "张三");
  EXPECT_EQ(NormalizeKey("中华 血液学杂志"), "中华 血液学杂志");
  EXPECT_EQ(AuthorKeys("Smith, John A"), (std::vector<std::string>{"smith ja", "smith john a"}));
  EXPECT_EQ(AuthorKeys("García-López, Jean-Pierre"),
            (std::vector<std::string>{"garcia lopez jp", "garcia lopez jean pierre"}));
  EXPECT_EQ(AuthorKeys("张三"), (std::vector<std::string>{"张三"}));
  EXPECT_EQ(AuthorKeys("Smith,"), (std::vector<std::string>{"smith"}));
}

// Embase writes "Adler D.G.": the key must be PubMed's "adler dg" (issue 13).
TEST(Tokenizer, AuthorInitialsWithPeriodsMatchPubmedForm) {
  EXPECT_EQ(AuthorKeys("Adler D.G.").front(), "adler dg");
  EXPECT_EQ(AuthorKeys("Adler D. G.").front(), "adler dg");
  EXPECT_EQ(AuthorKeys("Adler, D.G.").front(), "adler dg");
  EXPECT_EQ(AuthorKeys("Smith JA"), (std::vector<std::string>{"smith ja"}));  // unchanged
  EXPECT_EQ(AuthorKeys("Jean DUPONT"), (std::vector<std::string>{"jean dupont"}));  // capitals, not initials
}

TEST(Tokenizer, KnowsPubmedStopwords) {
  EXPECT_TRUE(IsStopword("the"));
  EXPECT_TRUE(IsStopword("a"));
  EXPECT_TRUE(IsStopword("would"));
  EXPECT_TRUE(IsStopword("and"));
  EXPECT_FALSE(IsStopword("t"));
  EXPECT_FALSE(IsStopword("cell"));
  EXPECT_FALSE(IsStopword("The"));  // callers pass folded words
}

}  // namespace
}  // namespace carta::search
