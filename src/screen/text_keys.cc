#include "text_keys.h"

#include <utf8proc.h>

#include <algorithm>

#include "carta/core/text.h"

namespace carta::screen::internal {

bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // extension A
         (cp >= 0x20000 && cp <= 0x2FA1F) ||  // extensions B-F, compatibility supplement
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // compatibility ideographs
         (cp >= 0x3040 && cp <= 0x30FF) ||    // hiragana, katakana
         (cp >= 0xAC00 && cp <= 0xD7AF);      // Hangul syllables
}

bool IsAlnum(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  const utf8proc_category_t c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;  // L*, M*, N*
}

std::u32string FoldedCodePoints(std::string_view s) {
  const std::string folded = text::FoldForMatch(s);
  std::u32string out;
  out.reserve(folded.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(folded.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      ++p;
      --left;
      continue;
    }
    out.push_back(static_cast<char32_t>(cp));
    p += n;
    left -= n;
  }
  return out;
}

void AppendUtf8(char32_t cp, std::string* out) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

std::u32string NormalizedTitle(std::string_view title) {
  std::u32string key = FoldedCodePoints(title);
  std::erase_if(key, [](char32_t cp) { return !IsAlnum(cp); });
  return key;
}

std::vector<uint64_t> TitleGrams(const std::u32string& key) {
  std::vector<uint64_t> grams;
  const size_t n = std::any_of(key.begin(), key.end(), IsCjk) ? 2 : 3;
  if (key.size() < n) return grams;
  grams.reserve(key.size() - n + 1);
  for (size_t i = 0; i + n <= key.size(); ++i) {
    // Code points take 21 bits: three of them pack into 63 bits exactly.
    uint64_t gram = 0;
    for (size_t k = 0; k < n; ++k) gram = (gram << 21) | uint64_t{key[i + k]};
    grams.push_back(gram);
  }
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  const size_t all = a.size() + b.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

namespace {

void EmitCjkRun(const std::u32string& run, std::vector<std::string>* tokens) {
  if (run.size() == 1) {
    tokens->emplace_back();
    AppendUtf8(run[0], &tokens->back());
    return;
  }
  for (size_t i = 0; i + 1 < run.size(); ++i) {
    tokens->emplace_back();
    AppendUtf8(run[i], &tokens->back());
    AppendUtf8(run[i + 1], &tokens->back());
  }
}

}  // namespace

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string word;
  std::u32string cjk;
  auto flush = [&] {
    if (!word.empty()) tokens.push_back(std::move(word));
    word.clear();
    if (!cjk.empty()) EmitCjkRun(cjk, &tokens);
    cjk.clear();
  };
  for (char32_t cp : FoldedCodePoints(text)) {
    if (IsCjk(cp)) {
      if (!word.empty()) tokens.push_back(std::move(word));
      word.clear();
      cjk.push_back(cp);
    } else if (IsAlnum(cp)) {
      if (!cjk.empty()) EmitCjkRun(cjk, &tokens);
      cjk.clear();
      AppendUtf8(cp, &word);
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

namespace {

bool AllUpperAscii(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string AlnumKey(std::string_view s) {
  std::string key;
  for (char32_t cp : FoldedCodePoints(s)) {
    if (IsAlnum(cp)) AppendUtf8(cp, &key);
  }
  return key;
}

}  // namespace

std::string FirstAuthorSurname(const std::vector<std::string>& authors) {
  if (authors.empty()) return "";
  const std::string_view name = text::Trim(authors.front());
  const size_t comma = name.find(',');
  if (comma != std::string_view::npos) return AlnumKey(name.substr(0, comma));
  const size_t space = name.rfind(' ');
  if (space == std::string_view::npos) return AlnumKey(name);
  const std::string_view last = name.substr(space + 1);
  // "Smith JA", "Adler D.G.": trailing initials, surname first (MEDLINE AU,
  // Vancouver, Embase); periods aside, at most three capitals.
  std::string letters;
  for (char c : last) {
    if (c != '.') letters += c;
  }
  if (!letters.empty() && letters.size() <= 3 && AllUpperAscii(letters)) return AlnumKey(name.substr(0, name.find(' ')));
  return AlnumKey(last);
}

}  // namespace carta::screen::internal
