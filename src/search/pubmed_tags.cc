#include "pubmed_tags.h"

#include "fields.h"

namespace carta::search::internal {

namespace {

constexpr uint32_t B(FieldId f) { return FieldBit(f); }

constexpr std::string_view kMeshExplodeWarning =
    "[mh] matches the MeSH descriptor exactly: no MeSH tree is imported into the project, so the narrower terms "
    "below it are not searched as PubMed does (explosion); import NLM's MeSH descriptors to explode it, or write "
    "[mh:noexp] to say it is not wanted";

TagSpec Tag(std::vector<std::string_view> names, std::string_view label, TagKind kind, uint32_t word_fields,
            uint32_t key_fields, bool first_author = false, std::string_view warning = {}) {
  return TagSpec{std::move(names), label, kind, word_fields, key_fields, first_author, warning,
                 warning == kMeshExplodeWarning};
}

const std::vector<TagSpec>& Tags() {
  static const std::vector<TagSpec> tags = {
      Tag({"tiab", "title/abstract"}, "Title/Abstract", TagKind::kWords, kTiabFields, 0),
      Tag({"ti", "title"}, "Title", TagKind::kWords, B(FieldId::kTitle), 0),
      Tag({"ab", "abstract"}, "Abstract", TagKind::kWords, B(FieldId::kAbstract), 0, false,
       "[ab] is not a PubMed field tag: carta accepts it as an extension (abstract only); PubMed needs [tiab]"),
      Tag({"tw", "text word", "text words"}, "Text Word", TagKind::kWords, kTextWordFields, 0),
      Tag({"ot", "other term"}, "Other Term", TagKind::kWords, B(FieldId::kKeyword), 0),
      Tag({"au", "author", "fau", "full author name"}, "Author", TagKind::kAuthor, 0, B(FieldId::kAuthor)),
      Tag({"1au", "author - first", "first author"}, "Author - First", TagKind::kAuthor, 0, B(FieldId::kAuthor), true),
      Tag({"mh", "mesh terms", "mesh"}, "MeSH Terms", TagKind::kMesh, 0, B(FieldId::kMesh), false,
       kMeshExplodeWarning),
      Tag({"mh:noexp", "mesh terms:noexp", "mesh:noexp"}, "MeSH Terms:noexp", TagKind::kMesh, 0, B(FieldId::kMesh)),
      Tag({"majr", "mesh major topic"}, "MeSH Major Topic", TagKind::kMesh, 0, B(FieldId::kMeshMajor), false,
       kMeshExplodeWarning),
      Tag({"majr:noexp", "mesh major topic:noexp"}, "MeSH Major Topic:noexp", TagKind::kMesh, 0,
       B(FieldId::kMeshMajor)),
      Tag({"sh", "subheading", "mesh subheading"}, "MeSH Subheading", TagKind::kKey, 0, B(FieldId::kSubheading)),
      Tag({"pt", "publication type"}, "Publication Type", TagKind::kKey, 0, B(FieldId::kPubType)),
      Tag({"la", "language"}, "Language", TagKind::kLanguage, 0, B(FieldId::kLanguage)),
      Tag({"dp", "publication date", "pdat"}, "Publication Date", TagKind::kDate, 0, 0),
      Tag({"pmid", "uid", "pubmed unique identifier"}, "PMID", TagKind::kPmid, 0, B(FieldId::kPmid)),
      Tag({"ta", "journal", "jour"}, "Journal", TagKind::kKey, 0, B(FieldId::kJournal)),
      Tag({"aid", "article identifier", "lid", "location id"}, "Article Identifier", TagKind::kKey, 0,
       B(FieldId::kDoi)),
      Tag({"doi"}, "DOI", TagKind::kKey, 0, B(FieldId::kDoi), false,
       "[doi] is not a PubMed field tag: carta accepts it as an extension; PubMed searches DOIs with [aid]"),
      Tag({"all", "all fields"}, "All Fields", TagKind::kAll, kAllWordFields, B(FieldId::kPmid) | B(FieldId::kDoi)),
  };
  return tags;
}

}  // namespace

const TagSpec* FindTag(std::string_view name) {
  for (const TagSpec& t : Tags()) {
    for (std::string_view n : t.names) {
      if (n == name) return &t;
    }
  }
  return nullptr;
}

std::vector<std::string> AllTagNames() {
  std::vector<std::string> names;
  for (const TagSpec& t : Tags()) {
    for (std::string_view n : t.names) names.emplace_back(n);
  }
  return names;
}

const TagSpec& AllFieldsTag() { return *FindTag("all"); }

std::string LanguageCode(std::string_view name) {
  static constexpr std::string_view kLanguages[][2] = {
      {"english", "eng"},  {"chinese", "chi"}, {"japanese", "jpn"}, {"korean", "kor"},     {"french", "fre"},
      {"german", "ger"},   {"spanish", "spa"}, {"italian", "ita"},  {"russian", "rus"},    {"portuguese", "por"},
      {"dutch", "dut"},    {"polish", "pol"},  {"turkish", "tur"},  {"swedish", "swe"},    {"danish", "dan"},
      {"norwegian", "nor"}, {"czech", "cze"},  {"hungarian", "hun"}, {"persian", "per"},   {"arabic", "ara"},
  };
  for (const auto& pair : kLanguages) {
    if (pair[0] == name) return std::string(pair[1]);
  }
  return std::string(name);
}

}  // namespace carta::search::internal
