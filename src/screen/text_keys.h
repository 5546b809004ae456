// Private helpers of carta::screen: the text keys that de-duplication and the
// TF-IDF features are built from. Every key starts from text::FoldForMatch
// (NFKC, case fold, diacritics stripped), so "ＣＡＲ－Ｔ", "CAR-T" and
// "car t" give the same key.
#ifndef CARTA_SCREEN_TEXT_KEYS_H_
#define CARTA_SCREEN_TEXT_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace carta::screen::internal {

// True for Han ideographs, kana and Hangul: scripts written without spaces,
// where words are not delimited and character bigrams stand in for words.
bool IsCjk(char32_t cp);

// True for letters, marks and digits (Unicode general categories L*, M*, N*).
bool IsAlnum(char32_t cp);

// The code points of FoldForMatch(s); invalid UTF-8 bytes are dropped.
std::u32string FoldedCodePoints(std::string_view s);

// `cp` appended to `out` as UTF-8.
void AppendUtf8(char32_t cp, std::string* out);

// The title key of de-duplication: FoldForMatch, then only letters and digits
// (punctuation and white space removed; CJK kept).
// "CAR-T Cells: A Review." -> "cartcellsareview".
std::u32string NormalizedTitle(std::string_view title);

// Sorted, distinct hashes of the character n-grams of a title key: bigrams
// when it contains a CJK character (one character is about one morpheme, so
// trigrams would punish a single changed character three times in a short
// title), trigrams otherwise. Empty when `key` is shorter than n.
std::vector<uint64_t> TitleGrams(const std::u32string& key);

// |a ∩ b| / |a ∪ b| of two sorted distinct sets; 0 when both are empty
// (Jaccard 1901).
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// The tokens of a text for TF-IDF: FoldForMatch, split at every code point
// that is not a letter or digit; runs of CJK characters give their character
// bigrams (a lone CJK character gives itself).
// "CAR-T 细胞治疗" -> {"car", "t", "细胞", "胞治", "治疗"}.
std::vector<std::string> Tokens(std::string_view text);

// The folded surname of the first author, letters and digits only; "" when
// there are no authors. "Smith, John" -> "smith"; "Smith J" (MEDLINE AU) ->
// "smith"; "John Smith" -> "smith"; "张三" (CJK names are kept whole) -> "张三".
std::string FirstAuthorSurname(const std::vector<std::string>& authors);

}  // namespace carta::screen::internal

#endif  // CARTA_SCREEN_TEXT_KEYS_H_
