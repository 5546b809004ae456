// PubMed's field tags as carta maps them onto index fields
// (PubMed Help, "Search Field Descriptions and Tags").
#ifndef CARTA_SRC_SEARCH_PUBMED_TAGS_H_
#define CARTA_SRC_SEARCH_PUBMED_TAGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace carta::search::internal {

enum class TagKind {
  kWords,     // phrase over word fields
  kAll,       // [all] and untagged terms: every word field, PMID and DOI
  kKey,       // whole value in key fields
  kMesh,      // key, with "descriptor/qualifier"
  kAuthor,    // author key, PubMed's initials truncation
  kLanguage,  // language name or code
  kPmid,      // digits
  kDate,      // publication date or range
};

struct TagSpec {
  std::vector<std::string_view> names;  // lower case; the first is the short tag
  std::string_view label;               // long name for Explain
  TagKind kind;
  uint32_t word_fields;
  uint32_t key_fields;
  bool first_author = false;
  std::string_view warning;  // a note added to the query's warnings, or ""
  bool explode = false;      // [mh], [majr]: narrower MeSH terms too, where the tree is known
};

// The spec of the tag named `name` (lower case, without ":~N"); null if none.
const TagSpec* FindTag(std::string_view name);

// Every tag name, for "did you mean".
std::vector<std::string> AllTagNames();

// The spec of untagged terms ([all]).
const TagSpec& AllFieldsTag();

// ISO 639-2 code for a language name ("english" -> "eng"); `name` itself
// (lower case) when it is not a name carta knows.
std::string LanguageCode(std::string_view name);

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_PUBMED_TAGS_H_
