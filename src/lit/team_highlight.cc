// Keyword highlighting for the screening page (lit::Highlight): the text is
// cut into the search tokenizer's tokens, each with where it lies in the
// original text, and keywords are matched token by token.
#include <algorithm>
#include <map>

#include "carta/lit/team.h"
#include "carta/search/tokenizer.h"

namespace carta::lit {

namespace {

// One code point of the original text: where it starts (bytes, UTF-16 units).
struct CodePoint {
  size_t byte = 0, bytes = 1, utf16 = 0, units = 1;
};

std::vector<CodePoint> CodePoints(std::string_view s) {
  std::vector<CodePoint> out;
  size_t units = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    n = std::min(n, s.size() - i);
    const size_t u = n == 4 ? 2 : 1;  // a code point above U+FFFF is a surrogate pair in UTF-16
    out.push_back({i, n, units, u});
    units += u;
    i += n;
  }
  return out;
}

enum class Kind { kSeparator, kWord, kCjk };

// How the tokenizer treats one code point: no token (a separator), part of a
// word, or a CJK character (tokenized alone before a Latin letter, where a
// word character joins the letter).
class Classifier {
 public:
  Kind Of(std::string_view cp) {
    auto it = cache_.find(std::string(cp));
    if (it != cache_.end()) return it->second;
    Kind k = Kind::kSeparator;
    if (!tokenizer_.Tokenize(cp).empty()) {
      k = tokenizer_.Tokenize(std::string(cp) + "a").size() == 2 ? Kind::kCjk : Kind::kWord;
    }
    cache_.emplace(std::string(cp), k);
    return k;
  }

 private:
  search::Tokenizer tokenizer_;
  std::map<std::string, Kind> cache_;
};

// A token of the text with its span in UTF-16 units.
struct Located {
  std::string text;
  size_t start = 0, end = 0;
};

std::vector<Located> LocatedTokens(std::string_view s, Classifier& classify, search::Tokenizer& tokenizer) {
  const std::vector<CodePoint> cps = CodePoints(s);
  std::vector<Located> out;
  auto piece = [&](size_t a, size_t b) { return s.substr(cps[a].byte, cps[b - 1].byte + cps[b - 1].bytes - cps[a].byte); };
  auto span_end = [&](size_t b) { return cps[b - 1].utf16 + cps[b - 1].units; };
  for (size_t i = 0; i < cps.size();) {
    const Kind k = classify.Of(piece(i, i + 1));
    size_t j = i + 1;
    while (j < cps.size() && k != Kind::kSeparator && classify.Of(piece(j, j + 1)) == k) ++j;
    if (k == Kind::kSeparator) {
      i = j;
      continue;
    }
    const auto& tokens = tokenizer.Tokenize(piece(i, j));
    const bool bigrams = k == Kind::kCjk && j - i >= 2 && tokens.size() == j - i - 1;
    for (size_t t = 0; t < tokens.size(); ++t) {
      // A CJK bigram covers its two characters; anything else covers the whole run.
      out.push_back({std::string(tokens[t].text), bigrams ? cps[i + t].utf16 : cps[i].utf16,
                     bigrams ? span_end(i + t + 2) : span_end(j)});
    }
    i = j;
  }
  return out;
}

Status KeywordTokens(const std::vector<std::string>& keywords, const char* field, search::Tokenizer& tokenizer,
                     std::vector<std::vector<std::string>>* out) {
  if (keywords.size() > 200) return Status::InvalidArgument(std::string("at most 200 keywords of a kind")).WithField(field);
  for (const auto& k : keywords) {
    std::vector<std::string> words;
    for (const auto& t : tokenizer.Tokenize(k)) words.emplace_back(t.text);
    if (words.empty()) return Status::InvalidArgument("the keyword '" + k + "' has no word in it").WithField(field);
    out->push_back(std::move(words));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::vector<HighlightSpan>>> Highlight(const HighlightRequest& request) {
  search::Tokenizer tokenizer;
  Classifier classify;
  std::vector<std::vector<std::string>> include, exclude;
  if (Status s = KeywordTokens(request.include, "include", tokenizer, &include); !s.ok()) return s;
  if (Status s = KeywordTokens(request.exclude, "exclude", tokenizer, &exclude); !s.ok()) return s;
  std::vector<std::vector<HighlightSpan>> out;
  for (const auto& text : request.texts) {
    const std::vector<Located> tokens = LocatedTokens(text, classify, tokenizer);
    std::vector<HighlightSpan> found;
    for (size_t i = 0; i < tokens.size(); ++i) {
      for (const auto* list : {&include, &exclude}) {
        for (const auto& words : *list) {
          if (i + words.size() > tokens.size()) continue;
          bool match = true;
          for (size_t w = 0; w < words.size() && match; ++w) match = tokens[i + w].text == words[w];
          if (match) found.push_back({tokens[i].start, tokens[i + words.size() - 1].end, list == &exclude});
        }
      }
    }
    // Earlier first, then longer; drop a match that overlaps one kept.
    std::sort(found.begin(), found.end(), [](const HighlightSpan& a, const HighlightSpan& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    std::vector<HighlightSpan> kept;
    for (const auto& f : found) {
      if (kept.empty() || f.start >= kept.back().end) kept.push_back(f);
    }
    out.push_back(std::move(kept));
  }
  return out;
}

}  // namespace carta::lit
