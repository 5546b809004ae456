#include "fields.h"

#include <array>
#include <cctype>
#include <cstdint>

#include "carta/core/text.h"

namespace carta::biblio {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The code point starting at s[*i] (advancing *i), or 0xFFFD for a bad byte.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || *i + extra >= s.size() + (extra == 0 ? 1 : 0)) {
    ++*i;
    return 0xFFFD;
  }
  uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += extra + 1;
  return cp;
}

bool IsCjk(uint32_t cp) {
  return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF);
}

// CJK ideographs and full-width punctuation: no space is put next to them
// when a wrapped line is joined.
bool IsCjkOrFullWidth(uint32_t cp) { return IsCjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF); }

uint32_t LastCodePoint(std::string_view s) {
  size_t start = s.size();
  while (start > 0 && (static_cast<unsigned char>(s[start - 1]) & 0xC0) == 0x80) --start;
  if (start > 0) --start;
  return NextCodePoint(s, &start);
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s.substr(0, 6)) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

void CollapseSpacesInPlace(std::string* s, bool keep_newlines) {
  size_t out = 0;
  bool in_run = false, run_newline = false;
  for (char c : *s) {
    if (IsBlank(c)) {
      in_run = true;
      run_newline = run_newline || c == '\n';
      continue;
    }
    if (in_run && out > 0) (*s)[out++] = keep_newlines && run_newline ? '\n' : ' ';
    in_run = run_newline = false;
    (*s)[out++] = c;
  }
  s->resize(out);
}

std::string CollapseSpaces(std::string_view s, bool keep_newlines) {
  std::string out(s);
  CollapseSpacesInPlace(&out, keep_newlines);
  return out;
}

std::string NormalizeDoi(std::string_view s) {
  s = text::Trim(s);
  std::string lower = text::ToLower(s);
  for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                  "http://dx.doi.org/", "doi.org/", "doi:", "doi "}) {
    if (text::StartsWith(lower, prefix)) {
      lower = std::string(text::Trim(std::string_view(lower).substr(prefix.size())));
      break;
    }
  }
  if (!text::StartsWith(lower, "10.") || lower.size() < 6) return "";
  for (char c : lower) {
    if (IsBlank(c)) return "";
  }
  return lower;
}

int MonthFromName(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december"};
  std::string lower = text::ToLower(text::Trim(s));
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (lower.size() < 3) return 0;
  for (size_t m = 0; m < kNames.size(); ++m) {
    if (lower == kNames[m] || lower == kNames[m].substr(0, 3) || (lower == "sept" && m == 8)) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

namespace {

// Splits a date into its parts: runs of digits and runs of letters; every
// other byte (space, '/', '-', ',', '年', ...) separates. Numbers carry
// whether a '/' or '-' came before them (the numeric forms "2019/05/02").
struct DateToken {
  std::string_view text;
  bool digits;
};

std::vector<DateToken> TokenizeDate(std::string_view s) {
  std::vector<DateToken> out;
  size_t i = 0;
  while (i < s.size() && out.size() < 8) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool digit = std::isdigit(c), alpha = std::isalpha(c);
    if (!digit && !alpha) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && (digit ? std::isdigit(static_cast<unsigned char>(s[j]))
                                  : std::isalpha(static_cast<unsigned char>(s[j])))) {
      ++j;
    }
    out.push_back({s.substr(i, j - i), digit});
    i = j;
  }
  return out;
}

}  // namespace

bool ParseDate(std::string_view s, DateParts* date, std::string* problem) {
  *date = DateParts();
  std::vector<DateToken> tokens = TokenizeDate(s);
  if (!tokens.empty() && tokens[0].digits && tokens[0].text.size() == 8) {  // "20190115"
    std::string_view t = tokens[0].text;
    tokens.erase(tokens.begin());
    tokens.insert(tokens.begin(), {{t.substr(0, 4), true}, {t.substr(4, 2), true}, {t.substr(6, 2), true}});
  }
  // "DEC 2017" (Web of Science's EA early-access date): month name, then the year.
  if (tokens.size() == 2 && !tokens[0].digits && tokens[1].digits && tokens[1].text.size() == 4 &&
      MonthFromName(tokens[0].text) != 0) {
    std::swap(tokens[0], tokens[1]);
  }
  size_t k = 0;
  if (k < tokens.size() && tokens[k].digits && tokens[k].text.size() == 4) {
    date->year = ToInt(tokens[k++].text);
  } else if (k < tokens.size() && tokens[k].digits) {
    *problem = "impossible date '" + std::string(s) + "': year '" + std::string(tokens[k].text) + "'";
    return false;
  }
  bool month_read = false;
  if (k < tokens.size()) {
    const DateToken& t = tokens[k];
    date->month = t.digits ? (t.text.size() <= 2 ? ToInt(t.text) : 99) : MonthFromName(t.text);
    month_read = t.digits || date->month != 0;
    if (month_read) ++k;
  }
  if (date->month > 0 && k < tokens.size() && tokens[k].digits) {
    date->day = tokens[k].text.size() <= 2 ? ToInt(tokens[k].text) : 99;
  }
  std::string why;
  if (date->year != 0 && (date->year < 1000 || date->year > 2100)) why = "year " + std::to_string(date->year);
  else if (date->month > 12) why = "month out of range";
  else if (date->day > 0 && date->day > DaysInMonth(date->year ? date->year : 2000, date->month)) {
    why = "day " + std::to_string(date->day) + " of month " + std::to_string(date->month);
  }
  if (!why.empty()) {
    *problem = "impossible date '" + std::string(s) + "': " + why;
    *date = DateParts();
    return false;
  }
  return true;
}

std::string LanguageCode(std::string_view s) {
  struct Name { std::string_view name, code; };
  static constexpr Name kNames[] = {
      {"english", "eng"}, {"en", "eng"}, {"chinese", "chi"}, {"zho", "chi"}, {"zh", "chi"},
      {"中文", "chi"}, {"汉语", "chi"}, {"chinese (simplified)", "chi"}, {"german", "ger"},
      {"deu", "ger"}, {"de", "ger"}, {"french", "fre"}, {"fra", "fre"}, {"fr", "fre"},
      {"spanish", "spa"}, {"es", "spa"}, {"japanese", "jpn"}, {"ja", "jpn"}, {"korean", "kor"},
      {"ko", "kor"}, {"italian", "ita"}, {"it", "ita"}, {"russian", "rus"}, {"ru", "rus"},
      {"portuguese", "por"}, {"pt", "por"}, {"dutch", "dut"}, {"nld", "dut"}, {"英文", "eng"},
      {"英语", "eng"}};
  std::string v = text::ToLower(text::Trim(s));
  while (!v.empty() && (v.back() == ';' || v.back() == '.')) v.pop_back();
  for (const Name& n : kNames) {
    if (v == n.name) return std::string(n.code);
  }
  if (v.size() == 3 && std::isalpha(static_cast<unsigned char>(v[0])) &&
      std::isalpha(static_cast<unsigned char>(v[1])) && std::isalpha(static_cast<unsigned char>(v[2]))) {
    return v;
  }
  return "";
}

bool MostlyCjk(std::string_view s) {
  int cjk = 0, other = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = NextCodePoint(s, &i);
    if (IsCjk(cp)) ++cjk;
    else if (cp < 0x80 ? std::isalnum(static_cast<int>(cp)) != 0 : cp >= 0xC0 && cp < 0x2000) ++other;
  }
  return cjk > other;
}

bool HasCjk(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (IsCjk(NextCodePoint(s, &i))) return true;
  }
  return false;
}

bool IsPmid(std::string_view s) { return text::ParseCount(s).has_value(); }

std::string NotAPmid(std::string_view field, std::string_view value) {
  return std::string(field) + " '" + std::string(value.substr(0, 40)) + "' is not a PubMed id (digits only)";
}

namespace {
constexpr std::string_view kFullWidthSemicolon = "\xEF\xBC\x9B";
}  // namespace

std::string JoinEscapedList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += "; ";
    for (size_t i = 0; i < item.size(); ++i) {
      if (item[i] == '\\' || item[i] == ';' || item.compare(i, 3, kFullWidthSemicolon) == 0) out += '\\';
      out += item[i];
    }
  }
  return out;
}

// A list read character by character: the item being read, and the items
// kept so far (trimmed, blank ones dropped).
namespace {
struct ListItems {
  std::vector<std::string> out;
  std::string item;
  void Flush() {
    std::string_view t = text::Trim(item);
    if (!t.empty()) out.emplace_back(t);
    item.clear();
  }
};
}  // namespace

std::vector<std::string> SplitEscapedList(std::string_view s) {
  ListItems list;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const size_t n = s.compare(i + 1, 3, kFullWidthSemicolon) == 0 ? 3 : 1;
      list.item.append(s.substr(i + 1, n));
      i += n;
    } else if (s[i] == ';') {
      list.Flush();
    } else if (s.compare(i, 3, kFullWidthSemicolon) == 0) {
      list.Flush();
      i += 2;
    } else {
      list.item += s[i];
    }
  }
  list.Flush();
  return std::move(list.out);
}

namespace {
constexpr std::string_view kFullWidthComma = "\xEF\xBC\x8C";

bool IsSemicolonAt(std::string_view s, size_t i) {
  return s[i] == ';' || s.compare(i, 3, kFullWidthSemicolon) == 0;
}
bool IsCommaAt(std::string_view s, size_t i) { return s[i] == ',' || s.compare(i, 3, kFullWidthComma) == 0; }

// The byte length of the character at s[i] when a backslash escapes it in a
// keyword list (`;` `；` `,` `，` `\`), else 0.
size_t EscapableAt(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '\\' || s[i] == ';' || s[i] == ',') return 1;
  return IsSemicolonAt(s, i) || IsCommaAt(s, i) ? 3 : 0;
}

// Whether `s` is backslashes (none or more) and then kRisMeshPrefix: a
// keyword the RIS reader would take for a MeSH heading ("MeSH: x") unless a
// backslash more is written before it.
bool StartsAsMeshLine(std::string_view s) {
  const size_t text = s.find_first_not_of('\\');
  return text != std::string_view::npos && s.substr(text).starts_with(kRisMeshPrefix);
}

// Whether a keyword list holds a `;` or `；` no backslash escapes.
bool HasUnescapedSemicolon(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && EscapableAt(s, i + 1) > 0) i += EscapableAt(s, i + 1);
    else if (IsSemicolonAt(s, i)) return true;
  }
  return false;
}
}  // namespace

std::string EscapeKeyword(std::string_view keyword) {
  const bool commas = HasCjk(keyword);
  std::string out = StartsAsMeshLine(keyword) ? "\\" : "";
  out.reserve(keyword.size() + 1);
  for (size_t i = 0; i < keyword.size(); ++i) {
    const bool escape = keyword[i] == '\\' ? EscapableAt(keyword, i + 1) > 0
                                            : IsSemicolonAt(keyword, i) || (commas && IsCommaAt(keyword, i));
    if (escape) out += '\\';
    out += keyword[i];
  }
  return out;
}

std::vector<std::string> SplitKeywordList(std::string_view s) {
  if (s.starts_with('\\') && StartsAsMeshLine(s)) s.remove_prefix(1);  // "\MeSH: x" is the keyword "MeSH: x"
  const bool semicolons = HasUnescapedSemicolon(s);
  const bool commas = !semicolons && HasCjk(s);
  ListItems list;
  for (size_t i = 0; i < s.size(); ++i) {
    if (const size_t n = s[i] == '\\' ? EscapableAt(s, i + 1) : 0; n > 0) {
      list.item.append(s.substr(i + 1, n));
      i += n;
    } else if ((semicolons && IsSemicolonAt(s, i)) || (commas && IsCommaAt(s, i))) {
      list.Flush();
      if (s[i] != ';' && s[i] != ',') i += 2;  // a full-width separator is 3 bytes
    } else {
      list.item += s[i];
    }
  }
  list.Flush();
  return std::move(list.out);
}

std::vector<std::string> SplitList(std::string_view s, bool comma_when_cjk) {
  static constexpr std::string_view kFullSemicolon = "\xEF\xBC\x9B", kFullComma = "\xEF\xBC\x8C";
  bool semicolons = s.find(';') != std::string_view::npos || s.find(kFullSemicolon) != std::string_view::npos;
  bool commas = !semicolons && comma_when_cjk && HasCjk(s);
  std::vector<std::string> out;
  size_t start = 0;
  auto flush = [&](size_t end) {
    std::string_view piece = text::Trim(s.substr(start, end - start));
    if (!piece.empty()) out.emplace_back(piece);
  };
  for (size_t i = 0; i < s.size();) {
    std::string_view rest = s.substr(i);
    size_t sep = 0;
    if (semicolons) sep = rest[0] == ';' ? 1 : text::StartsWith(rest, kFullSemicolon) ? 3 : 0;
    if (commas) sep = rest[0] == ',' ? 1 : text::StartsWith(rest, kFullComma) ? 3 : 0;
    if (sep == 0) {
      ++i;
      continue;
    }
    flush(i);
    i += sep;
    start = i;
  }
  flush(s.size());
  return out;
}

void AppendWrapped(std::string* value, std::string_view next) {
  next = text::Trim(next);
  if (next.empty()) return;
  if (!value->empty()) {
    size_t i = 0;
    bool cjk_join = IsCjkOrFullWidth(LastCodePoint(*value)) || IsCjkOrFullWidth(NextCodePoint(next, &i));
    if (!cjk_join && value->back() != '\n') value->push_back(' ');
  }
  value->append(next);
}

std::string MeshToText(const MeshHeading& mesh) {
  std::string out = mesh.major ? "*" + mesh.descriptor : mesh.descriptor;
  for (const std::string& q : mesh.qualifiers) out += "/" + q;
  return out;
}

MeshHeading MeshFromText(std::string_view s) {
  MeshHeading mesh;
  std::vector<std::string> parts = text::Split(s, '/');
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    if (text::StartsWith(part, "*")) {
      mesh.major = true;
      part = text::Trim(part.substr(1));
    }
    if (i == 0) mesh.descriptor = std::string(part);
    else if (!part.empty()) mesh.qualifiers.emplace_back(part);
  }
  return mesh;
}

std::string StripInlineHtml(std::string_view s) {
  static constexpr std::string_view kTags[] = {"i", "b", "em", "strong", "sup", "sub", "inf", "scp", "u", "span"};
  if (s.find('<') == std::string_view::npos) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      const size_t close = s.find('>', i);
      if (close != std::string_view::npos && close - i <= 80) {
        std::string_view inner = s.substr(i + 1, close - i - 1);
        if (!inner.empty() && inner[0] == '/') inner.remove_prefix(1);
        const size_t name_end = std::min(inner.find(' '), inner.size());
        const std::string name = text::ToLower(inner.substr(0, name_end));
        bool known = false;
        for (std::string_view t : kTags) known = known || name == t;
        if (known && (name == "span" || name_end == inner.size())) {
          i = close;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

std::string LinkHosts(std::string_view text) {
  std::string out;
  for (size_t at = text.find("://"); at != std::string_view::npos; at = text.find("://", at + 3)) {
    const size_t start = at + 3;
    const size_t end = text.find_first_of("/?#:; \t", start);
    out.append(text.substr(start, (end == std::string_view::npos ? text.size() : end) - start));
    out.push_back(';');
  }
  return out;
}

}  // namespace carta::biblio
