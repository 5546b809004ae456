// Text helpers shared by every module: trimming, splitting, strict number
// parsing, edit distance for "did you mean", and terminal display width of
// UTF-8 text (CJK characters take two columns).
#ifndef CARTA_CORE_TEXT_H_
#define CARTA_CORE_TEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carta::text {

// `s` without leading and trailing ASCII blanks (space, tab, CR, LF).
std::string_view Trim(std::string_view s);

// Splits `s` at every `sep`, trimming each piece; empty pieces are kept.
std::vector<std::string> Split(std::string_view s, char sep);

// Joins `parts` with `sep` between them.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// ASCII lower case; other bytes unchanged.
std::string ToLower(std::string_view s);

bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

// A decimal number written in full: optional sign, digits, optional '.' and
// digits. No exponent, no blanks, no trailing text ("12x" fails).
struct Decimal {
  double value = 0;
  int decimals = 0;  // digits after the decimal point as written ("64.10" -> 2)
};
std::optional<Decimal> ParseDecimal(std::string_view s);

// A whole number >= 0 written as digits only, at most 9 digits.
std::optional<long> ParseCount(std::string_view s);

// Levenshtein distance, byte-wise; for "did you mean" on ASCII names.
int EditDistance(std::string_view a, std::string_view b);

// The closest candidate to `word` within a distance of max(2, |word|/3), or
// "" when none is close enough.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

// Columns `s` takes on a terminal: wide (CJK) characters count two, combining
// marks zero. Invalid UTF-8 bytes count one each.
int DisplayWidth(std::string_view s);

// True when `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

// The byte offset of the first byte of `s` that is not valid UTF-8, or
// std::string_view::npos when all of it is.
size_t FirstInvalidUtf8(std::string_view s);

// `n` with thousands separators: 3426 -> "3,426", -1000 -> "-1,000".
std::string WithThousands(long n);

// `v` with `decimals` digits after the point, as printf's "%.*f" writes it;
// "NA" when `v` is NaN or infinite.
std::string Fixed(double v, int decimals);

// Fixed() without trailing zeros after the point (and without the point when
// nothing follows it): Compact(2.50, 2) == "2.5", Compact(3.0, 1) == "3".
std::string Compact(double v, int decimals);

// `s` folded for matching: NFKC (full-width letters and digits become
// half-width, ligatures split), case-folded, diacritics removed ("Müller" ->
// "muller", "ＣＡＲ－Ｔ" -> "car-t"). Invalid UTF-8 bytes are dropped. Pure ASCII
// input takes a fast path (lower-casing only).
std::string FoldForMatch(std::string_view s);

}  // namespace carta::text

#endif  // CARTA_CORE_TEXT_H_
