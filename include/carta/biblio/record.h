// The bibliographic record: one article as the literature pipeline sees it,
// whichever database exported it (PubMed XML, MEDLINE/nbib, RIS, CNKI and
// Wanfang exports). Readers fill what their format carries and leave the rest
// empty; nothing is invented (no year is guessed, no language assumed).
#ifndef CARTA_BIBLIO_RECORD_H_
#define CARTA_BIBLIO_RECORD_H_

#include <compare>
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

// A database's own accession number for a record, kept so that
// de-duplication can link two exports of one record that carry no DOI.
// `kind` is one of "embase" (Embase's PUI / "L" accession, "L373791783"),
// "scopus" (the EID, "2-s2.0-85012345678"), "wos" (the accession number UT
// without its "WOS:" prefix, "000123456700001"), "wanfang" (the type and id of
// Wanfang's record link, "periodical/zgzl202301005"). PMIDs and CNKI ids have
// their own Record fields.
struct DatabaseId {
  std::string kind;
  std::string value;
  bool operator==(const DatabaseId&) const = default;
};

// The kinds of DatabaseId, in the order records list them.
inline constexpr std::string_view kDatabaseIdKinds[] = {"embase", "scopus", "wos", "wanfang"};

// What kind of item a record is, in carta's small vocabulary (what criteria
// and de-duplication can rely on across databases; the database's own words
// stay in publication_types): "journal_article", "conference_abstract",
// "conference_paper", "thesis", "book", "book_chapter", "newspaper",
// "standard", "patent", "report", "preprint", "dataset", "other"; "" when the
// export does not say.
inline constexpr std::string_view kRecordTypes[] = {
    "journal_article", "conference_abstract", "conference_paper", "thesis", "book", "book_chapter",
    "newspaper",       "standard",            "patent",           "report", "preprint", "dataset", "other"};

// The record type that an export's own type words name: RIS TY codes ("JOUR",
// "THES", "ABST", "CONF", "CPAPER", "NEWS", "STAND", "PAT", "RPRT", "BOOK",
// "CHAP"), EndNote / NoteExpress / RefWorks names ("Journal Article",
// "Thesis", "Dissertation/Thesis", "Newspaper Article", "Conference
// Proceedings", "Standard", "Patent", "Book Section"), Web of Science PT/DT
// ("J", "B", "S", "P", "Meeting Abstract", "Proceedings Paper"), Scopus /
// Embase document types ("Conference Abstract", "Conference Paper",
// "Article", "Review", "Note", "Letter", "Editorial"), CNKI and Wanfang
// ("期刊", "学位论文", "硕士", "博士", "会议", "报纸", "标准", "专利");
// case-insensitive. "" when the words name none of these.
std::string RecordTypeFromText(std::string_view text);

struct Record {
  // Identifiers; empty when the export has none. DOIs are stored lower-case
  // without a "https://doi.org/" or "doi:" prefix.
  std::string pmid;
  std::string doi;
  std::string cnki_id;  // CNKI's file name / accession (e.g. "ZGZL202301005")
  // Other databases' accession numbers, at most one per kind, in
  // kDatabaseIdKinds order.
  std::vector<DatabaseId> database_ids;
  // ISSNs as written ("1009-5896"), print first where the export says which; no repeats.
  std::vector<std::string> issns;

  std::string title;
  // The title in a second language where the export gives one (RIS TT,
  // EBSCO's T2 beside a TI, CNKI's English title {Translated Title},
  // PubMed's VernacularTitle); searched as a title and used by de-duplication
  // as a second title key. "" when none.
  std::string translated_title;
  // RecordTypeFromText of the export's type field; "" when unknown.
  std::string record_type;
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
  // The electronic publication date where the export gives one apart from
  // the print date (PubMed XML ArticleDate, MEDLINE DEP, RIS ET / Y2 when
  // dated, Web of Science EA); same conventions, 0 = unknown. PubMed's [dp]
  // matches either date.
  int epub_year = 0;
  int epub_month = 0;
  int epub_day = 0;

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
