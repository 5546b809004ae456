// Private helpers of carta::clinical: one table-driven parser for every
// enumerated finding (so the CLI and the CSV reader accept and reject the
// same words with the same message), and number formatting for findings.
#ifndef CARTA_CLINICAL_NAMES_H_
#define CARTA_CLINICAL_NAMES_H_

#include <cassert>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::clinical::internal {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// `s` lower-cased and trimmed, with '_' and ' ' read as '-'.
std::string NormalizeName(std::string_view s);

// "unknown <what> 'x'; did you mean 'y'? Accepted: a, b or c".
Status UnknownName(std::string_view what, std::string_view given, const std::vector<std::string>& accepted);

template <typename E>
Result<E> ParseEnum(std::string_view given, std::span<const EnumName<E>> names, std::string_view what) {
  const std::string key = NormalizeName(given);
  std::vector<std::string> accepted;
  for (const auto& n : names) {
    if (key == n.name) return n.value;
    accepted.push_back(n.name);
  }
  return UnknownName(what, given, accepted);
}

template <typename E>
const char* EnumToName(E value, std::span<const EnumName<E>> names) {
  for (const auto& n : names) {
    if (n.value == value) return n.name;
  }
  assert(false && "every enumerator has a name in its table");
  return "";
}

// A number as people write it: at most `decimals` decimals, trailing zeros
// dropped ("39.2", "6", "0.3085").
std::string Num(double x, int decimals = 2);

// Fails with "<what> <value> is outside <lo>-<hi>" unless lo <= value <= hi.
Status CheckInt(std::string_view what, int value, int lo, int hi);

}  // namespace carta::clinical::internal

#endif  // CARTA_CLINICAL_NAMES_H_
