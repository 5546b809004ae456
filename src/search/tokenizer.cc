#include "carta/search/tokenizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <iterator>

#include "carta/core/text.h"

namespace carta::search {

namespace {

enum class CharClass { kOther, kWord, kCjk };

// Decodes one code point of valid UTF-8 at s[i]; returns its byte length.
size_t DecodeAt(std::string_view s, size_t i, int32_t* cp) {
  auto u = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = u(i);
  size_t n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  if (i + n > s.size()) {
    *cp = -1;
    return 1;
  }
  if (n == 2) *cp = ((c & 0x1f) << 6) | (u(i + 1) & 0x3f);
  if (n == 3) *cp = ((c & 0x0f) << 12) | ((u(i + 1) & 0x3f) << 6) | (u(i + 2) & 0x3f);
  if (n == 4) *cp = ((c & 0x07) << 18) | ((u(i + 1) & 0x3f) << 12) | ((u(i + 2) & 0x3f) << 6) | (u(i + 3) & 0x3f);
  return n;
}

// Han ideographs (with extensions and compatibility forms), kana and Hangul:
// scripts written without spaces between words, indexed as bigrams.
bool IsCjk(int32_t cp) {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3ffff) ||
         (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff) ||
         (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f);
}

CharClass ClassifyNonAscii(int32_t cp) {
  if (cp < 0) return CharClass::kOther;
  if (IsCjk(cp)) return CharClass::kCjk;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return CharClass::kWord;
    default:
      return CharClass::kOther;
  }
}

bool IsAsciiWord(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

// Tokenize for ASCII text: folding is lower-casing (NFKC and mark stripping
// change nothing there), done in the same pass as the split.
void TokenizeAscii(std::string_view text, uint32_t position, std::string* folded, std::vector<Token>* tokens) {
  folded->resize(text.size());  // the views point into it; it is not resized below
  char* out = folded->data();
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && !IsAsciiWord(static_cast<unsigned char>(text[i]))) ++i;
    const size_t start = i;
    for (; i < n && IsAsciiWord(static_cast<unsigned char>(text[i])); ++i) {
      const char c = text[i];
      out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    if (i > start) tokens->push_back({std::string_view(out + start, i - start), position++});
  }
}

// PubMed's stopwords (PubMed Help, "Stopwords"), sorted for binary search.
constexpr std::string_view kStopwords[] = {
    "a", "about", "again", "all", "almost", "also", "although", "always", "among", "an", "and", "another", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "done", "due", "during", "each", "either", "enough", "especially", "etc", "for", "found",
    "from", "further", "had", "has", "have", "having", "here", "how", "however", "i", "if", "in", "into", "is", "it",
    "its", "itself", "just", "kg", "km", "made", "mainly", "make", "may", "mg", "might", "ml", "mm", "most",
    "mostly", "must", "nearly", "neither", "no", "nor", "obtained", "of", "often", "on", "our", "overall",
    "perhaps", "pmid", "quite", "rather", "really", "regarding", "seem", "seen", "several", "should", "show",
    "showed", "shown", "shows", "significantly", "since", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "then", "there", "therefore", "these", "they", "this", "those", "through", "thus", "to",
    "upon", "use", "used", "using", "various", "very", "was", "we", "were", "what", "when", "which", "while",
    "with", "within", "without", "would"};

}  // namespace

const std::vector<Token>& Tokenizer::Tokenize(std::string_view text, uint32_t first_position) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  tokens_.clear();
  if (ascii) {
    TokenizeAscii(text, first_position, &folded_, &tokens_);
    return tokens_;
  }
  folded_ = text::FoldForMatch(text);
  const std::string_view s = folded_;
  uint32_t position = first_position;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!IsAsciiWord(c)) {
        ++i;
        continue;
      }
    }
    int32_t cp = c;
    size_t len = c < 0x80 ? 1 : DecodeAt(s, i, &cp);
    CharClass cls = c < 0x80 ? CharClass::kWord : ClassifyNonAscii(cp);
    if (cls == CharClass::kOther) {
      i += len;
      continue;
    }
    if (cls == CharClass::kWord) {  // a run of letters and digits
      size_t start = i;
      i += len;
      while (i < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[i]);
        if (d < 0x80) {
          if (!IsAsciiWord(d)) break;
          ++i;
          continue;
        }
        size_t n = DecodeAt(s, i, &cp);
        if (ClassifyNonAscii(cp) != CharClass::kWord) break;
        i += n;
      }
      tokens_.push_back({s.substr(start, i - start), position++});
      continue;
    }
    // A CJK run: bigrams of neighbouring characters, a lone character alone.
    size_t prev = i;
    size_t prev_len = len;
    i += len;
    bool single = true;
    while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80) {
      size_t n = DecodeAt(s, i, &cp);
      if (ClassifyNonAscii(cp) != CharClass::kCjk) break;
      tokens_.push_back({s.substr(prev, prev_len + n), position++});
      single = false;
      prev = i;
      prev_len = n;
      i += n;
    }
    if (single) tokens_.push_back({s.substr(prev, prev_len), position++});
  }
  return tokens_;
}

std::string NormalizeKey(std::string_view text) {
  // Tokenise, then undo the bigram split: adjacent CJK bigrams overlap by one
  // character, so a run is rebuilt from the first bigram and each next tail.
  thread_local Tokenizer tokenizer;  // reused: keys are normalised per record field
  const std::vector<Token>& tokens = tokenizer.Tokenize(text);
  std::string key;
  const char* prev_end = nullptr;
  for (const Token& t : tokens) {
    if (prev_end != nullptr && t.text.data() < prev_end) {  // overlapping CJK bigram
      key.append(prev_end, t.text.data() + t.text.size());
    } else {
      if (!key.empty()) key += ' ';
      key.append(t.text);
    }
    prev_end = t.text.data() + t.text.size();
  }
  return key;
}

namespace {

// "D.G.", "D. G.", "DG", "J": a name's trailing initials as Embase, Vancouver
// and MEDLINE AU write them (one to three capitals, with or without periods;
// "DUPONT" is a surname in capitals, not initials).
bool IsInitialsWord(std::string_view w) {
  int letters = 0;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') ++letters;
    else if (c != '.') return false;
  }
  return letters >= 1 && letters <= 3;
}

// A name written whole with initials after the surname ("Adler D.G.",
// "Adler D. G.", "Smith JA"): "adler dg"; "" when it does not end in initials.
std::string SurnameInitialsKey(std::string_view author) {
  std::vector<std::string> words = text::Split(text::Trim(author), ' ');
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  size_t first_initial = words.size();
  while (first_initial > 1 && IsInitialsWord(words[first_initial - 1])) --first_initial;
  if (first_initial == words.size() || first_initial == 0) return "";
  std::string surname, initials;
  for (size_t i = 0; i < first_initial; ++i) surname += (i ? " " : "") + words[i];
  for (size_t i = first_initial; i < words.size(); ++i) {
    for (char c : words[i]) {
      if (c != '.') initials += static_cast<char>(c - 'A' + 'a');
    }
  }
  return NormalizeKey(surname) + " " + initials;
}

}  // namespace

std::vector<std::string> AuthorKeys(std::string_view author) {
  size_t comma = author.find(',');
  if (comma == std::string_view::npos) {
    std::string whole = NormalizeKey(author);
    std::string initials = SurnameInitialsKey(author);
    if (initials.empty() || initials == whole) return {whole};
    return {initials, whole};
  }
  std::string last = NormalizeKey(author.substr(0, comma));
  std::string fore = NormalizeKey(author.substr(comma + 1));
  if (fore.empty()) return {last};
  std::string initials;
  bool at_start = true;
  for (size_t i = 0; i < fore.size(); ++i) {
    if (fore[i] == ' ') {
      at_start = true;
      continue;
    }
    if (at_start) {
      int32_t cp = static_cast<unsigned char>(fore[i]);
      size_t n = cp < 0x80 ? 1 : DecodeAt(fore, i, &cp);
      initials.append(fore, i, n);
      at_start = false;
    }
  }
  return {last + " " + initials, last + " " + fore};
}

bool IsStopword(std::string_view folded_word) {
  return std::binary_search(std::begin(kStopwords), std::end(kStopwords), folded_word);
}

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

}  // namespace carta::search
