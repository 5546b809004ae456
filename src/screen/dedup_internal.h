// Private to carta::screen de-duplication: the per-record keys and the rules
// that propose links (dedup_links.cc); clustering is in dedup.cc.
#ifndef CARTA_SCREEN_DEDUP_INTERNAL_H_
#define CARTA_SCREEN_DEDUP_INTERNAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/screen/dedup.h"

namespace carta::screen::internal {

// What kind of item a record is. Items of different kinds never merge: an
// erratum, a reply or a retraction notice repeats its article's title but is
// a separate record (PRISMA 2020 counts it as its own report).
enum class ItemKind { kArticle, kErratum, kReply, kRetraction };

// From the title's leading words ("Erratum:", "Correction to", "Reply",
// "Retraction:", "更正", "回复", ...) and PubMed publication types
// ("Published Erratum", "Retraction of Publication", "Comment").
ItemKind KindOf(const biblio::Record& record);

const char* ItemKindName(ItemKind kind);

struct RecordKeys {
  std::u32string title;             // NormalizedTitle
  std::u32string translated;        // NormalizedTitle(translated_title); empty when none
  std::vector<std::string> database_ids;  // "kind:value" of each biblio::DatabaseId
  std::vector<uint64_t> grams;   // TitleGrams(title)
  std::string surname;              // FirstAuthorSurname
  int year = 0;                     // 0 = unknown
  ItemKind kind = ItemKind::kArticle;
};

std::vector<RecordKeys> ComputeKeys(const std::vector<biblio::Record>& records);

// Every pair link the rules find, one per pair (the strongest reason), ordered
// by reason and then by pair: identifiers, exact titles, fuzzy titles.
std::vector<DuplicateLink> FindLinks(const std::vector<biblio::Record>& records,
                                     const std::vector<RecordKeys>& keys, const DedupOptions& options);

}  // namespace carta::screen::internal

#endif  // CARTA_SCREEN_DEDUP_INTERNAL_H_
