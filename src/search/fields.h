// The fields of a carta::search index and how a biblio::Record fills them.
//
// Word fields hold tokens with positions (phrases and proximity need them);
// values of a multi-valued field (keywords, MeSH headings, authors) are
// kValueGap positions apart so that no phrase spans two values. Key fields
// hold whole normalised values (tokenizer.h NormalizeKey) for exact and prefix
// matching; only kAuthor keeps positions there (the author's rank, for [1au]).
#ifndef CARTA_SRC_SEARCH_FIELDS_H_
#define CARTA_SRC_SEARCH_FIELDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/record.h"

namespace carta::search::internal {

enum class FieldId : uint8_t {
  // Word fields.
  kTitle = 0,
  kAbstract,
  kKeyword,       // author keywords, PubMed's "other terms" [ot]
  kMeshWords,     // words of MeSH descriptors and qualifiers
  kPubTypeWords,  // words of publication types
  kJournalWords,  // words of the journal title
  kAuthorWords,   // words of author names
  // Key fields.
  kAuthor,      // AuthorKeys of each author, the full name marked with kFullNameMark;
                // position = author rank (0 = first)
  kMesh,        // descriptor, and "descriptor/qualifier" for each qualifier
  kMeshMajor,   // descriptors that are major topics
  kSubheading,  // qualifiers
  kPubType,
  kLanguage,  // ISO 639-2 code ("eng")
  kJournal,
  kPmid,
  kDoi,
  kCount
};

constexpr int kNumFields = static_cast<int>(FieldId::kCount);
constexpr int kNumWordFields = static_cast<int>(FieldId::kAuthor);
// Positions between the starts of two values of one field.
constexpr uint32_t kValueGap = 1024;
// The largest proximity distance N of [field:~N] (values stay kValueGap apart).
constexpr int kMaxProximity = 1000;

// Leads the full-name author key ("\x01smith john a") so that it is matched
// by whole words only, while the initials key ("smith ja") is matched by
// prefix (PubMed truncates initials: "smith j" finds "Smith JA").
constexpr char kFullNameMark = '\x01';

constexpr uint32_t FieldBit(FieldId f) { return 1u << static_cast<int>(f); }
constexpr bool IsWordField(FieldId f) { return static_cast<int>(f) < kNumWordFields; }
constexpr bool HasPositions(FieldId f) { return IsWordField(f) || f == FieldId::kAuthor; }

// Field bit sets of the PubMed tags that span several fields.
// [tiab]: title, abstract and, as in PubMed, the author keywords (OT).
constexpr uint32_t kTiabFields =
    FieldBit(FieldId::kTitle) | FieldBit(FieldId::kAbstract) | FieldBit(FieldId::kKeyword);
constexpr uint32_t kTextWordFields = kTiabFields | FieldBit(FieldId::kKeyword) | FieldBit(FieldId::kMeshWords) |
                                     FieldBit(FieldId::kPubTypeWords);
constexpr uint32_t kAllWordFields = (1u << kNumWordFields) - 1;

// A short name for messages and tests ("title", "mesh_major").
std::string_view FieldName(FieldId f);

// The texts of word field `f` in `record`, one per value, in record order.
void CollectTexts(const biblio::Record& record, FieldId f, std::vector<std::string_view>* texts);

// The keys of key field `f` in `record`, one per value (kAuthor: one entry
// per author holding both of its keys, see CollectAuthorKeys).
void CollectKeys(const biblio::Record& record, FieldId f, std::vector<std::string>* keys);

// The record's publication date as yyyymmdd with unknown month or day taken
// as 1 (a record dated "2010" sorts as 2010-01-01); 0 when the year is unknown.
uint32_t DateKey(const biblio::Record& record);

// The record's electronic publication date (epub_year/month/day) the same
// way; 0 when unknown.
uint32_t EpubDateKey(const biblio::Record& record);

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_FIELDS_H_
