#include "names.h"

#include <cstdio>

#include "carta/core/text.h"

namespace carta::clinical::internal {

std::string NormalizeName(std::string_view s) {
  std::string out = text::ToLower(text::Trim(s));
  for (char& c : out) {
    if (c == '_' || c == ' ') c = '-';
  }
  return out;
}

Status UnknownName(std::string_view what, std::string_view given, const std::vector<std::string>& accepted) {
  std::string msg = "unknown " + std::string(what) + " '" + std::string(given) + "'";
  const std::string hint = text::ClosestMatch(NormalizeName(given), accepted);
  if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
  std::string list;
  for (size_t i = 0; i < accepted.size(); ++i) {
    if (i) list += i + 1 == accepted.size() ? " or " : ", ";
    list += accepted[i];
  }
  return Status::InvalidArgument(msg + " (accepted: " + list + ")");
}

std::string Num(double x, int decimals) {
  const std::string s = text::Compact(x, decimals);
  return s == "-0" ? "0" : s;
}

Status CheckInt(std::string_view what, int value, int lo, int hi) {
  if (value >= lo && value <= hi) return Status::Ok();
  return Status::InvalidArgument(std::string(what) + " " + std::to_string(value) + " is outside " +
                                 std::to_string(lo) + "-" + std::to_string(hi));
}

}  // namespace carta::clinical::internal
