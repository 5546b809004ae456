// Tokenising text for carta::search: the one rule by which both records and
// queries are split into index terms, so that they always agree.
//
// Text is folded with text::FoldForMatch (NFKC, case fold, diacritics removed).
// A word is a run of letters and digits; every other character (hyphen, slash,
// punctuation, space) ends a word, so "CAR-T" is the two tokens "car" "t",
// "CD19" stays "cd19" and "4-1BB" is "4" "1bb". Chinese, Japanese and Korean
// characters are indexed as overlapping bigrams ("嵌合抗原" -> "嵌合" "合抗"
// "抗原"), a lone CJK character as a unigram; each bigram takes one position.
#ifndef CARTA_SEARCH_TOKENIZER_H_
#define CARTA_SEARCH_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace carta::search {

// One token: its folded text and its position (0-based word count within the
// field value, counting from the position the caller started at).
struct Token {
  std::string_view text;
  uint32_t position = 0;
};

// Splits text into tokens, reusing its buffers between calls. Not thread-safe;
// use one per thread.
class Tokenizer {
 public:
  // Tokens of `text`, numbered from `first_position`. The views point into the
  // tokenizer and stay valid until the next call.
  const std::vector<Token>& Tokenize(std::string_view text, uint32_t first_position = 0);

 private:
  std::string folded_;
  std::vector<Token> tokens_;
};

// The whole-value key of a name, descriptor, journal or code: its tokens joined
// by single spaces, CJK runs kept whole ("Receptors, Chimeric Antigen" ->
// "receptors chimeric antigen", "张 三" -> "张 三", "张三" -> "张三").
std::string NormalizeKey(std::string_view text);

// The PubMed author keys of `author` ("Last, Fore" or a name written whole):
// last name plus initials ("smith ja" for "Smith, John A") and, when there is a
// forename, the full name ("smith john a"). Both are NormalizeKey-normalised.
std::vector<std::string> AuthorKeys(std::string_view author);

// True when the folded word is on PubMed's stopword list ("a", "about", ...,
// "would"); PubMed ignores these in unquoted search terms.
bool IsStopword(std::string_view folded_word);

// Number of Unicode characters in valid UTF-8 `s` (bytes that are not
// continuation bytes).
size_t CharCount(std::string_view s);

}  // namespace carta::search

#endif  // CARTA_SEARCH_TOKENIZER_H_
