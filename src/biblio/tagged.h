// The engine under every tagged text reader (MEDLINE, RIS, NoteExpress,
// EndNote, RefWorks, E-Study): lines become (tag, value) fields, fields become
// records, and a table per format says which tag fills which Record field.
// One routine serves all six formats; the formats differ only in a Dialect.
// Internal to carta::biblio.
#ifndef CARTA_SRC_BIBLIO_TAGGED_H_
#define CARTA_SRC_BIBLIO_TAGGED_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/input.h"
#include "carta/biblio/read.h"
#include "carta/biblio/record.h"

namespace carta::biblio {

// What a tag's value fills.
enum class Slot {
  kIgnore,
  kTitle,
  kShortTitle,     // RIS ST: the title when the record has no other
  kAbstract,
  kAuthor,         // one author per value
  kAuthorList,     // authors separated by ';' (or ',' in CJK text)
  kFullAuthor,     // MEDLINE FAU: preferred over kAuthor when present
  kCollective,     // MEDLINE CN: a group author, in both FAU and AU lists
  kJournal,        // full title; the first one wins
  kSecondaryTitle, // RIS T2: the journal for Zotero and EndNote, a translated title for EBSCO;
                   // used when no kJournal
  kJournalAbbrev,  // used when no kJournal
  kVolume,
  kIssue,
  kPages,          // "244-55"
  kPageRange,      // E-Study PageCount: pages only when it holds a range ("480-484"), not a count ("5")
  kStartPage,      // RIS SP (may hold the whole range)
  kEndPage,        // RIS EP
  kDate,           // any date ParseDate reads
  kLanguage,
  kKeyword,        // one keyword per value (RIS KW, MEDLINE OT)
  kKeywordList,    // keywords separated by ';'
  kMedlineMesh,    // "Descriptor/*qualifier"
  kPubType,
  kDoi,
  kTypedId,        // MEDLINE AID/LID: "10.1/x [doi]"
  kPmid,           // MEDLINE PMID
  kTaggedPmid,     // RIS ID: a PMID only when written "PMID: 123"
  kAccession,      // RIS AN, EndNote %M: a PMID or CNKI id, see Resolve
  kProvider,       // RIS DB/DP, %W, DS, {Database Provider}: names the source
  kUrl,            // a record link: names the source; a CNKI link's FileName= is the CNKI id
  kRecordType,     // TY, %0, RT, {Reference Type}, DataType: the record type
  kIssn,           // ISSN(s), print or electronic (ISBNs are passed over)
  kTranslatedTitle,// the title in a second language (RIS TT, MEDLINE TT)
  kEpubDate,       // the electronic publication date (MEDLINE DEP, Web of Science EA)
  kEmbasePmid,     // RIS C5: the PMID in Embase's exports (digits; other exporters' C5 is passed over)
};

struct TagRule {
  std::string_view tag;
  Slot slot;
};

// How one format writes its lines and records.
struct Dialect {
  std::string_view format_name;  // for messages: "RIS", "MEDLINE"
  // Splits a line into tag and value; false when the line carries no tag.
  bool (*parse_tag)(std::string_view line, std::string_view* tag, std::string_view* value);
  std::string_view start_tag;  // the tag that opens a record: "TY", "PMID", "%0"
  std::string_view end_tag;    // "ER" for RIS; "" when records end otherwise
  // MEDLINE, EndNote, RefWorks, E-Study: a blank line ends a record, and any
  // tagged line after one opens a record even without start_tag.
  bool blank_ends_record;
  // MEDLINE: a continuation line must start with a blank, and any other
  // untagged line in a record is an error. Others: any untagged line
  // continues the previous field.
  bool indented_continuation;
  // RIS / EndNote: a continuation line of a list tag (KW, AU) is a new item,
  // and of the abstract a new paragraph.
  bool continuation_is_new_item;
  std::span<const TagRule> rules;
  // Tags of the file rather than of a record (Web of Science's FN, VR, EF):
  // outside a record they are passed over, not reported as stray lines.
  std::span<const std::string_view> file_tags = {};
  // A tag written once per record (MEDLINE's OWN): a second one in the same
  // record opens the next record. ERIC's MEDLINE-style exports have no PMID
  // and, at times, no blank line between records; "" when none.
  std::string_view once_tag = "";
  // The source a record of this format comes from when the caller gave none
  // and the record names none (Web of Science plain text: kWos); with
  // `implied_needs_pmid`, only for records with a PMID (MEDLINE: PubMed's own
  // format, but ERIC writes it too, without PMIDs).
  Source implied_source = Source::kOther;
  bool implied_needs_pmid = false;
};

// The words of the skip a tagged reader reports for lines outside any record
// (not a record refused): "3 line(s) outside any record; ...".
inline constexpr std::string_view kLinesOutsideAnyRecord = "line(s) outside any record";

// Reads `in` as `dialect`, sending records to `sink`. Lines outside records
// that are not blank are reported once per run as a skip.
Status ReadTagged(InputStream* in, const Dialect& dialect, const ReadOptions& options,
                  const RecordSink& sink);

// Whether `line` is the header row of a table carta reads (csv.cc): a
// column only one exporter writes, or a title column and another
// bibliographic one.
bool IsCsvHeader(std::string_view line);

// The checks every reader makes before delivering a record: a title or an
// identifier is present; the Chinese-title language rule (doc/biblio.md).
// Sends `record` to on_record, after each of `warnings` to on_warning (at
// `record.origin`); or to on_skip with the first of `problems` (or the
// missing-title problem) at `record.origin`, the warnings then dropped.
// Before delivering, record.record_type is refined by the publication types:
// a more specific type they name ("Conference Abstract" in an Embase "JOUR")
// replaces "journal_article" or an unknown type.
void Deliver(Record&& record, const std::vector<std::string>& problems, const RecordSink& sink,
             const std::vector<std::string>& warnings = {});

}  // namespace carta::biblio

#endif  // CARTA_SRC_BIBLIO_TAGGED_H_
