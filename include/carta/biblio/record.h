// The bibliographic record: one article as the literature pipeline sees it,
// whichever database exported it (PubMed XML, MEDLINE/nbib, RIS, CNKI and
// Wanfang exports). Readers fill what their format carries and leave the rest
// empty; nothing is invented (no year is guessed, no language assumed).
#ifndef CARTA_BIBLIO_RECORD_H_
#define CARTA_BIBLIO_RECORD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::biblio {

// The database a record was exported from (what PRISMA counts "identified
// from"). A platform (EBSCOhost, Ovid, ProQuest) is the source only when the
// export names no database it holds (doc/biblio.md, "Sources").
enum class Source {
  kPubMed, kEmbase, kScopus, kWos, kCochrane, kLens, kDimensions, kEbsco, kOvid, kProQuest,
  kCnki, kWanfang, kVip, kCbm, kChictr, kOther,
};

// Every source in vocabulary order (the order PRISMA lists them in).
inline constexpr Source kAllSources[] = {
    Source::kPubMed, Source::kEmbase, Source::kScopus,  Source::kWos,     Source::kCochrane, Source::kLens,
    Source::kDimensions, Source::kEbsco, Source::kOvid, Source::kProQuest, Source::kCnki,   Source::kWanfang,
    Source::kVip,    Source::kCbm,    Source::kChictr,  Source::kOther,
};

// "pubmed", "embase", "scopus", "wos", "cochrane", "lens", "dimensions",
// "ebsco", "ovid", "proquest", "cnki", "wanfang", "vip", "cbm", "chictr", "other".
std::string_view SourceName(Source source);

// The name a PRISMA diagram shows: "PubMed", "Web of Science", "CBM (SinoMed)".
std::string_view SourceLabel(Source source);

// Parses a SourceName (lower case); false when unknown.
bool ParseSource(std::string_view text, Source* source);

// The source an export's own words name: a database provider field (RIS DB /
// DP, EndNote %W, RefWorks DS, NoteExpress {Database Provider}) or a record
// link (scopus.com, webofscience.com, lens.org, app.dimensions.ai,
// cnki.net, wanfangdata.com.cn, ...), case-insensitive, with several values
// separated by ';'. The first value that names a database wins ("Embase;
// Medline": Embase); a platform only counts when no value names a database;
// kOther when nothing is named.
Source SourceFromText(std::string_view text);

// A MeSH heading: the descriptor, whether it is a major topic (PubMed's
// MajorTopicYN="Y" on the descriptor or any qualifier, MEDLINE's "*"), and its
// qualifiers (subheadings) as written, e.g. "therapeutic use".
struct MeshHeading {
  std::string descriptor;
  bool major = false;
  std::vector<std::string> qualifiers;
};

struct Record {
  // Identifiers; empty when the export has none. DOIs are stored lower-case
  // without a "https://doi.org/" or "doi:" prefix.
  std::string pmid;
  std::string doi;
  std::string cnki_id;  // CNKI's file name / accession (e.g. "ZGZL202301005")

  std::string title;
  // The abstract as plain text: inline markup (<i>, <sub>) dropped, structured
  // sections joined as "LABEL: text" paragraphs separated by "\n".
  std::string abstract;
  // Authors in export order, "Last, Fore" for Western names where the export
  // separates them (PubMed's LastName/ForeName, MEDLINE's FAU), else as written
  // (Chinese names are written whole: "张三").
  std::vector<std::string> authors;
  std::string journal;  // full title where the export has it, else its abbreviation
  std::string volume;
  std::string issue;
  std::string pages;

  // Publication date. year 0 = unknown; month 0 = unknown; day 0 = unknown.
  int year = 0;
  int month = 0;
  int day = 0;
  std::string date_text;  // the date as exported, e.g. "2019 Jan-Feb" (MedlineDate)

  // ISO 639-2 code as PubMed writes it ("eng", "chi"); empty when unknown.
  std::string language;
  std::vector<std::string> keywords;
  std::vector<MeshHeading> mesh;
  std::vector<std::string> publication_types;  // e.g. "Journal Article", "Review"

  Source source = Source::kOther;
  // Where the record came from, for messages: "file.xml:123" (line of the
  // record's first line or element).
  std::string origin;
};

// A record a reader could not use, and why ("file.ris:40: record has no title").
struct ReadIssue {
  std::string where;    // "file:line" or "file:byte N"
  std::string message;  // plain words: what was wrong and what was expected
};

// Where a streaming reader sends what it reads. Readers call on_record for each
// good record in file order, on_delete for each PMID a PubMed update file
// deletes (DeleteCitation), on_skip for each malformed record (and go on with
// the next one), and on_warning for what was wrong in a record they kept (an
// impossible date: the record is delivered without a date), just before that
// record's on_record. Any callback may be empty.
struct RecordSink {
  std::function<void(Record&&)> on_record;
  std::function<void(const std::string& pmid)> on_delete;
  std::function<void(const ReadIssue&)> on_skip;
  std::function<void(const ReadIssue&)> on_warning;
};

}  // namespace carta::biblio

#endif  // CARTA_BIBLIO_RECORD_H_
