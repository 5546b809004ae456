// The source vocabulary: names, PRISMA labels, and the source an export's own
// words name (provider fields, record links).
#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "carta/biblio/record.h"
#include "carta/core/text.h"

namespace carta::biblio {

namespace {

struct SourceInfo {
  Source source;
  std::string_view name;
  std::string_view label;
};

constexpr SourceInfo kSources[] = {
    {Source::kPubMed, "pubmed", "PubMed"},        {Source::kEmbase, "embase", "Embase"},
    {Source::kScopus, "scopus", "Scopus"},        {Source::kWos, "wos", "Web of Science"},
    {Source::kCochrane, "cochrane", "Cochrane Library"}, {Source::kLens, "lens", "Lens"},
    {Source::kDimensions, "dimensions", "Dimensions"},   {Source::kEbsco, "ebsco", "EBSCOhost"},
    {Source::kOvid, "ovid", "Ovid"},              {Source::kProQuest, "proquest", "ProQuest"},
    {Source::kCnki, "cnki", "CNKI"},              {Source::kWanfang, "wanfang", "Wanfang"},
    {Source::kVip, "vip", "VIP"},                 {Source::kCbm, "cbm", "CBM (SinoMed)"},
    {Source::kChictr, "chictr", "ChiCTR"},        {Source::kOther, "other", "Other"},
};

const SourceInfo& InfoOf(Source source) {
  for (const SourceInfo& i : kSources) {
    if (i.source == source) return i;
  }
  return kSources[std::size(kSources) - 1];
}

// What names a source in free text: substrings (long enough not to occur by
// chance, or a host name) and whole ASCII words (short names such as "vip").
struct NamingRule {
  Source source;
  bool platform;  // a host of several databases (EBSCOhost, Ovid, ProQuest)
  std::initializer_list<std::string_view> substrings;
  std::initializer_list<std::string_view> words;
};

// A database wins over a platform: "Ovid MEDLINE(R)" is MEDLINE, "EBSCOhost
// CINAHL" (not in the vocabulary) is EBSCOhost.
const NamingRule kNamingRules[] = {
    {Source::kPubMed, false, {"pubmed", "medline", "ncbi.nlm.nih.gov"}, {"nlm"}},
    {Source::kEmbase, false, {"embase"}, {}},
    {Source::kScopus, false, {"scopus"}, {}},
    {Source::kWos, false, {"web of science", "webofscience", "webofknowledge", "isiknowledge", "clarivate"}, {"wos", "isi"}},
    {Source::kCochrane, false, {"cochrane"}, {}},
    {Source::kLens, false, {"lens.org", "the lens"}, {"lens"}},
    {Source::kDimensions, false, {"dimensions.ai", "dimensions"}, {}},
    {Source::kCnki, false, {"cnki", "中国知网"}, {}},
    {Source::kWanfang, false, {"wanfang", "万方"}, {}},
    {Source::kVip, false, {"cqvip", "维普"}, {"vip"}},
    {Source::kCbm, false, {"sinomed", "中国生物医学文献"}, {"cbm"}},
    {Source::kChictr, false, {"chictr"}, {}},
    {Source::kEbsco, true, {"ebsco"}, {}},
    {Source::kOvid, true, {"ovid"}, {}},
    {Source::kProQuest, true, {"proquest"}, {}},
};

bool HasWord(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const size_t end = at + word.size();
    const bool right = end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (left && right) return true;
  }
  return false;
}

bool Names(const NamingRule& rule, std::string_view lower) {
  for (std::string_view s : rule.substrings) {
    if (lower.find(s) != std::string_view::npos) return true;
  }
  return std::any_of(rule.words.begin(), rule.words.end(), [&](std::string_view w) { return HasWord(lower, w); });
}

}  // namespace

std::string_view SourceName(Source source) { return InfoOf(source).name; }

std::string_view SourceLabel(Source source) { return InfoOf(source).label; }

bool ParseSource(std::string_view text, Source* source) {
  for (const SourceInfo& i : kSources) {
    if (text == i.name) {
      *source = i.source;
      return true;
    }
  }
  return false;
}

Source SourceFromText(std::string_view text) {
  const std::string lower = text::ToLower(text);
  // The first ';'-separated part that names a database: embase.com writes
  // "DB - Embase" then "DB - Medline" for a record both hold.
  for (const std::string& part : text::Split(lower, ';')) {
    for (const NamingRule& rule : kNamingRules) {
      if (!rule.platform && Names(rule, part)) return rule.source;
    }
  }
  for (const NamingRule& rule : kNamingRules) {
    if (rule.platform && Names(rule, lower)) return rule.source;
  }
  return Source::kOther;
}

}  // namespace carta::biblio
