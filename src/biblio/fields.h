// Value helpers shared by the readers and writers: DOIs, dates, languages,
// list splitting, CJK detection, whitespace. Internal to carta::biblio.
#ifndef CARTA_SRC_BIBLIO_FIELDS_H_
#define CARTA_SRC_BIBLIO_FIELDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/record.h"

namespace carta::biblio {

// True when `s` is a PubMed id: 1 to 9 ASCII digits (what every reader
// accepts and the RIS writer's "PMID: N" reads back as).
bool IsPmid(std::string_view s);

// The problem a reader reports for a PMID field that is not one, naming the
// field: "PMID '39000,01' is not a PubMed id (digits only)".
std::string NotAPmid(std::string_view field, std::string_view value);

// carta's own CSV lists: items joined by "; ", each `\`, `;` and full-width
// `；` inside an item escaped with a backslash, so an item holding a
// separator (or a lone "Last, First") reads back as one item.
std::string JoinEscapedList(const std::vector<std::string>& items);

// The inverse of JoinEscapedList: splits at each unescaped `;` or `；` (never
// at a comma), unescapes, trims each item and drops empty ones.
std::vector<std::string> SplitEscapedList(std::string_view s);

// A keyword as carta's RIS writer writes it on its KW line, so that
// SplitKeywordList gives it back whole: a backslash before each `;` and `；`,
// before each `,` and `，` when the keyword holds CJK text (where a comma
// separates keywords), and before a backslash that would otherwise read as an
// escape (one followed by any of those characters or another backslash); and
// a backslash in front of a keyword that starts (after any backslashes) as
// carta's MeSH line does, "MeSH: ", which would read back as a heading.
std::string EscapeKeyword(std::string_view keyword);

// A tagged format's keyword list (RIS KW, WoS DE/ID, the CNKI and Wanfang
// formats): "a; b", "甲;乙;" split at `;` and `；`, or, when there is none and
// the text holds CJK, at `,` and `，` ("甲，乙"). A backslash before one of
// `;` `；` `,` `，` `\` makes that character part of the keyword (what
// EscapeKeyword wrote); any other backslash is kept as it is, but for the
// first of a list that starts with backslashes and "MeSH: ", which is dropped.
// Each keyword is trimmed; empty ones are dropped.
std::vector<std::string> SplitKeywordList(std::string_view s);

// `s` with every run of blanks (space, tab, CR, LF) made one space and the
// ends trimmed; with keep_newlines, a run containing '\n' becomes one '\n'.
std::string CollapseSpaces(std::string_view s, bool keep_newlines = false);

// Collapses in place (the PubMed XML reader's hot path; no allocation).
void CollapseSpacesInPlace(std::string* s, bool keep_newlines = false);

// A DOI lower-cased, without "https://doi.org/", "http://dx.doi.org/" or
// "doi:" in front; "" when what is left does not start with "10.".
std::string NormalizeDoi(std::string_view s);

// 1-12 for "Jan", "January", "jan." (English, any case); 0 otherwise.
int MonthFromName(std::string_view s);

// A publication date as far as it goes: year 0 / month 0 / day 0 = absent.
struct DateParts {
  int year = 0;
  int month = 0;
  int day = 0;
};

// Parses the dates the exports write: "2019", "2019 Jan 15", "2019 Jan-Feb",
// "2019 Spring", "2019/05/02", "2019///", "2019/10//undefined",
// "2019-01-29", "2019年5月", "Jun". Returns false and sets *problem when a
// part is present but impossible (month 13, 31 April, year 0042); text with no
// date at all gives true with every part 0.
bool ParseDate(std::string_view s, DateParts* date, std::string* problem);

// Days in `month` (1-12) of `year` (Gregorian leap years).
int DaysInMonth(int year, int month);

// An ISO 639-2 code for a language as exports write it: "eng", "English",
// "en", "chi", "zho", "Chinese", "中文" -> "chi"; other three-letter codes are
// lower-cased; anything else gives "" (doc/biblio.md lists the names).
std::string LanguageCode(std::string_view s);

// True when more than half of the letters and digits of `s` are CJK ideographs
// (U+3400-U+9FFF, U+F900-U+FAFF, U+20000-U+2FFFF).
bool MostlyCjk(std::string_view s);

// True when `s` contains a CJK ideograph.
bool HasCjk(std::string_view s);

// Splits a list at ';' and '；' (full width); when there is neither and
// `comma_when_cjk` is set and `s` has CJK text, at ',' and '，' instead
// ("谢昕,王小增"). Pieces are trimmed; empty pieces dropped.
std::vector<std::string> SplitList(std::string_view s, bool comma_when_cjk);

// `s` without the inline HTML tags some exports keep in titles and abstracts
// (Lens, Crossref-fed RIS): <i>, <b>, <em>, <strong>, <sup>, <sub>, <inf>,
// <scp>, <u>, <span ...> and their closing tags. Other '<' text stays.
std::string StripInlineHtml(std::string_view s);

// Appends `next` to `*value` as the continuation of a wrapped line: with one
// space between them, or none when either side is CJK at the join.
void AppendWrapped(std::string* value, std::string_view next);

// MEDLINE notation of a heading: "*Descriptor" when major on the descriptor
// alone, qualifiers after '/' (the writers use it for CSV and RIS).
std::string MeshToText(const MeshHeading& mesh);

// The host names of the links in `text` ("https://www.scopus.com/x?y" ->
// "www.scopus.com"), ';'-separated: what SourceFromText may read of a link
// (a path such as ".../contact-lens-wear" names no database).
std::string LinkHosts(std::string_view text);

// Parses MEDLINE notation: "Receptors, Chimeric Antigen/*therapeutic use";
// '*' on the descriptor or any qualifier makes the heading major.
MeshHeading MeshFromText(std::string_view s);

// The RIS TY code of a record type ("thesis" -> "THES"); "JOUR" for "" (RIS
// requires a TY; a journal article is what most records are).
std::string_view RisTypeCode(std::string_view record_type);

// The prefix that marks a MeSH heading among RIS keywords: carta's RIS export
// writes "KW  - MeSH: *Descriptor/qualifier" (other tools keep it as a
// keyword, readable as such); carta's RIS reader reads it back as MeSH.
inline constexpr std::string_view kRisMeshPrefix = "MeSH: ";

// `value` as an id of database `kind` in the form its writers write and its
// readers read back, or "" when it is not one (see record_ids.cc).
std::string DatabaseIdInForm(std::string_view kind, std::string_view value);

// Adds `value` (trimmed; nothing when empty) as the record's DatabaseId of
// `kind` unless it has one of that kind already; keeps kDatabaseIdKinds order.
void AddDatabaseId(Record* record, std::string_view kind, std::string_view value);

// The value of the record's DatabaseId of `kind`; "" when none.
std::string_view DatabaseIdOf(const Record& record, std::string_view kind);

// Adds each ISSN in `value` ("0008-543X; 1097-0142", "22267190 (ISSN)") to
// record->issns as "NNNN-NNNC", skipping repeats and what is not 8 characters.
void AddIssns(Record* record, std::string_view value);

// The ids a record link carries: CNKI's FileName= (or the file name of a
// cnki.com.cn/Article/CODE-ID.htm link) as cnki_id when none is set, Scopus's
// eid=, embase.com's id=L..., a Wanfang record's type and id.
void IdsFromLink(Record* record, std::string_view url);

// An accession number whose form says its database: "WOS:000123" (Web of
// Science), "2-s2.0-850..." (Scopus EID), "L373791783" (Embase); others are
// left to the caller.
void AddAccession(Record* record, std::string_view value);

}  // namespace carta::biblio

#endif  // CARTA_SRC_BIBLIO_FIELDS_H_
