#include "lit_common.h"

#include <cstdlib>
#include <iostream>

#include "carta/core/text.h"

namespace carta::cli::lit {

namespace {

// The first `chars` characters of UTF-8 `s`.
std::string_view PrefixChars(std::string_view s, size_t chars) {
  size_t i = 0;
  for (size_t n = 0; i < s.size() && n < chars; ++n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return s.substr(0, i);
}

}  // namespace

Result<store::Literature> OpenLiterature(const std::string& db_path, bool create) {
  auto lit = carta::lit::OpenProject(db_path, create);
  if (!lit.ok() && lit.status().location().field == "db") {
    return Status::NotFound(lit.status().message() + " (check --db or $CARTA_DB); 'carta lit import FILES' starts one");
  }
  return lit;
}

Status WithFlag(const Status& s, std::initializer_list<const char*> fields) {
  const std::string& field = s.location().field;
  for (const char* f : fields) {
    if (field != f) continue;
    std::string flag = "--" + field;
    for (char& c : flag) if (c == '_') c = '-';
    return s.WithContext(flag);
  }
  return s;
}

Status WithCaret(const Status& s, const std::string& query) {
  const int column_in = s.location().column;
  if (s.ok() || column_in < 1 || query.empty()) return s;
  const size_t column = static_cast<size_t>(column_in);
  // A long query is shown as a window of about 60 characters either side of the column.
  constexpr size_t kWindow = 60;
  const size_t skip = column > kWindow + 1 ? column - 1 - kWindow : 0;
  std::string shown = query.substr(PrefixChars(query, skip).size());
  const std::string before(PrefixChars(shown, column - 1 - skip));
  const std::string lead = skip > 0 ? "..." : "";
  if (PrefixChars(shown, 2 * kWindow).size() < shown.size()) shown = std::string(PrefixChars(shown, 2 * kWindow)) + "...";
  const int pad = text::DisplayWidth(lead + before);
  return Status::InvalidArgument(s.message() + "\n  " + lead + shown + "\n  " + std::string(pad, ' ') + "^")
      .WithLocation(s.location());
}

Status ScreenHint(const Status& s) {
  if (s.location().field != "reviewers") return s;
  return Status::InvalidArgument(s.message() + ": carta lit screen --reviewers A,B --resolver C").WithLocation(s.location());
}

void PrintNotes(const std::vector<std::string>& notes) {
  for (const auto& n : notes) std::cerr << "carta: " << n << "\n";
}

Result<std::string> ResolveReviewer(const std::string& given) {
  if (!given.empty()) return given;
  for (const char* var : {"CARTA_REVIEWER", "USER"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return std::string(v);
  }
  return Status::InvalidArgument("who is deciding? give --reviewer NAME (or set $CARTA_REVIEWER)");
}

}  // namespace carta::cli::lit
