// The exports of the Chinese databases (CNKI 中国知网, Wanfang 万方):
//
//   NoteExpress  {Reference Type}: Journal Article      CNKI and Wanfang
//                {Author}: 张三;李四;                    (CNKI: one line, ';' or ';;')
//                {Author}: 张三                          (Wanfang: repeated)
//   EndNote      %0 Journal Article / %A / %T / %J / %D / %K / %X / %W CNKI
//   RefWorks     RT Journal Article / A1 / T1 / JF / YR / K1 / AB / DS CNKI
//   E-Study      DataType: 1 / Title-题名: / Author-作者: / Source-刊名: ...
//
// NoteExpress values may wrap onto following untagged lines (CNKI's author
// addresses do, with blank lines in between), so blank lines never end a
// NoteExpress record: the next "{Reference Type}" does. "(#br)" is a line
// break inside a value. The tag lists come from the exports themselves
// (tests/fixtures/biblio/cnki_*.net and the hand-written inputs in
// src/biblio/cnki_test.cc); doc/biblio.md maps them to Record fields.
#include <cctype>

#include "carta/biblio/read.h"
#include "carta/core/text.h"
#include "tagged.h"

namespace carta::biblio {

namespace {

constexpr TagRule kNoteExpressRules[] = {
    {"Reference Type", Slot::kRecordType}, {"Title", Slot::kTitle},
    {"Author", Slot::kAuthorList},         {"Journal", Slot::kJournal},
    {"Secondary Title", Slot::kJournal},   {"Year", Slot::kDate},
    {"Date", Slot::kDate},                 {"Volume", Slot::kVolume},
    {"Issue", Slot::kIssue},               {"Pages", Slot::kPages},
    {"Keywords", Slot::kKeywordList},      {"Abstract", Slot::kAbstract},
    {"DOI", Slot::kDoi},                   {"Language", Slot::kLanguage},
    {"URL", Slot::kUrl},                   {"Database Provider", Slot::kProvider},
    {"ISBN/ISSN", Slot::kIssn},            {"ISSN", Slot::kIssn},
    {"Translated Title", Slot::kTranslatedTitle}, {"Accession Number", Slot::kAccession},
};

// "{Title}: text" (the space after ':' is optional; some exports write the
// full-width colon "}：").
bool ParseNoteExpressTag(std::string_view line, std::string_view* tag, std::string_view* value) {
  if (line.empty() || line[0] != '{') return false;
  size_t close = line.find('}');
  if (close == std::string_view::npos || close > 40) return false;
  std::string_view after = line.substr(close + 1);
  size_t colon = text::StartsWith(after, ":") ? 1 : text::StartsWith(after, "\xEF\xBC\x9A") ? 3 : 0;
  if (colon == 0) return false;
  std::string_view name = line.substr(1, close - 1);
  if (name.empty() || name.find('{') != std::string_view::npos) return false;
  *tag = name;
  *value = line.substr(close + 1 + colon);
  return true;
}

constexpr TagRule kEndNoteRules[] = {
    {"%0", Slot::kRecordType}, {"%T", Slot::kTitle},       {"%A", Slot::kAuthorList},
    {"%J", Slot::kJournal},    {"%B", Slot::kJournal},     {"%D", Slot::kDate},
    {"%8", Slot::kDate},       {"%V", Slot::kVolume},      {"%N", Slot::kIssue},
    {"%P", Slot::kPages},      {"%K", Slot::kKeywordList}, {"%X", Slot::kAbstract},
    {"%R", Slot::kDoi},        {"%G", Slot::kLanguage},    {"%U", Slot::kUrl},
    {"%M", Slot::kAccession},  {"%W", Slot::kProvider},    {"%@", Slot::kIssn},
};

// "%A 张三": '%', one tag character, then a space or the end of the line.
bool ParseEndNoteTag(std::string_view line, std::string_view* tag, std::string_view* value) {
  if (line.size() < 2 || line[0] != '%' || line[1] == ' ') return false;
  if (line.size() > 2 && line[2] != ' ') return false;
  *tag = line.substr(0, 2);
  *value = line.size() > 3 ? line.substr(3) : std::string_view();
  return true;
}

constexpr TagRule kRefWorksRules[] = {
    {"RT", Slot::kRecordType},  {"T1", Slot::kTitle},   {"A1", Slot::kAuthorList},
    {"JF", Slot::kJournal},     {"JO", Slot::kJournalAbbrev}, {"YR", Slot::kDate},
    {"FD", Slot::kDate},        {"VO", Slot::kVolume},  {"IS", Slot::kIssue},
    {"OP", Slot::kPages},       {"SP", Slot::kStartPage}, {"K1", Slot::kKeywordList},
    {"AB", Slot::kAbstract},    {"LA", Slot::kLanguage}, {"DO", Slot::kDoi},
    {"LK", Slot::kUrl},         {"UL", Slot::kUrl},     {"AN", Slot::kAccession},
    {"DS", Slot::kProvider},    {"SN", Slot::kIssn},
};

// Every tag RefWorks defines (RefWorks tagged format, "RefWorks Tagged Format"
// help page); a line starting with any other two letters is a continuation.
constexpr std::string_view kRefWorksTags[] = {
    "RT", "SR", "ID", "A1", "T1", "JF", "JO", "YR", "FD", "VO", "IS", "SP", "OP", "K1", "AB", "NO",
    "A2", "T2", "ED", "PB", "PP", "A3", "A4", "A5", "A6", "T3", "SN", "AV", "AD", "AN", "LA", "CL",
    "SF", "OT", "LK", "DO", "CN", "DB", "DS", "IP", "RD", "ST", "U1", "U2", "U3", "U4", "U5", "UL",
    "WT", "WV", "OL"};

// CNKI writes some values straight after the tag ("A1林行众"): a tag followed
// by a non-ASCII byte is a tag too.
bool ParseRefWorksTag(std::string_view line, std::string_view* tag, std::string_view* value) {
  const bool joined = line.size() > 2 && static_cast<unsigned char>(line[2]) >= 0x80;
  if (line.size() < 2 || (line.size() > 2 && line[2] != ' ' && !joined)) return false;
  char upper[2] = {static_cast<char>(std::toupper(static_cast<unsigned char>(line[0]))),
                   static_cast<char>(std::toupper(static_cast<unsigned char>(line[1])))};
  for (std::string_view known : kRefWorksTags) {
    if (known == std::string_view(upper, 2)) {
      *tag = line.substr(0, 2);
      *value = joined ? line.substr(2) : line.size() > 3 ? line.substr(3) : std::string_view();
      return true;
    }
  }
  return false;
}

constexpr TagRule kEStudyRules[] = {
    {"DataType", Slot::kRecordType}, {"Title", Slot::kTitle},        {"Author", Slot::kAuthorList},
    {"Source", Slot::kJournal},      {"Year", Slot::kDate},          {"PubTime", Slot::kDate},
    {"Volumn", Slot::kVolume},       {"Volume", Slot::kVolume},      {"Roll", Slot::kVolume},
    {"Period", Slot::kIssue},        {"Page", Slot::kPages},         {"PageCount", Slot::kPageRange},
    {"Keyword", Slot::kKeywordList},
    {"Summary", Slot::kAbstract},    {"DOI", Slot::kDoi},            {"URL", Slot::kUrl},
    {"Link", Slot::kUrl},            {"Language", Slot::kLanguage},  {"ISSN", Slot::kIssn},
};

// "Title-题名: text" (English name, '-', Chinese name, ':' or '：'), and
// "DataType: 1", the only tag written without a Chinese name.
bool ParseEStudyTag(std::string_view line, std::string_view* tag, std::string_view* value) {
  size_t n = 0;
  while (n < line.size() && n < 20 && std::isalpha(static_cast<unsigned char>(line[n]))) ++n;
  if (n == 0) return false;
  size_t colon = n;
  if (line.substr(0, n) == "DataType" && n < line.size() && line[n] == ':') {
    colon = n;
  } else {
    if (n >= line.size() || line[n] != '-') return false;
    size_t ascii = line.find(':', n), full = line.find("\xEF\xBC\x9A", n);
    colon = std::min(ascii, full);
    if (colon == std::string_view::npos || colon > n + 40) return false;
  }
  size_t skip = line[colon] == ':' ? 1 : 3;
  *tag = line.substr(0, n);
  *value = line.substr(colon + skip);
  return true;
}

constexpr Dialect kNoteExpress = {
    .format_name = "NoteExpress", .parse_tag = ParseNoteExpressTag, .start_tag = "Reference Type",
    .end_tag = "", .blank_ends_record = false, .indented_continuation = false,
    .continuation_is_new_item = false, .rules = kNoteExpressRules,
};
constexpr Dialect kEndNote = {
    .format_name = "EndNote", .parse_tag = ParseEndNoteTag, .start_tag = "%0",
    .end_tag = "", .blank_ends_record = true, .indented_continuation = false,
    .continuation_is_new_item = true, .rules = kEndNoteRules,
};
constexpr Dialect kRefWorks = {
    .format_name = "RefWorks", .parse_tag = ParseRefWorksTag, .start_tag = "RT",
    .end_tag = "", .blank_ends_record = true, .indented_continuation = false,
    .continuation_is_new_item = true, .rules = kRefWorksRules,
};
constexpr Dialect kEStudy = {
    .format_name = "E-Study", .parse_tag = ParseEStudyTag, .start_tag = "DataType",
    .end_tag = "", .blank_ends_record = false, .indented_continuation = false,
    .continuation_is_new_item = false, .rules = kEStudyRules, .implied_source = Source::kCnki,
};

}  // namespace

Status ReadNoteExpress(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  return ReadTagged(in, kNoteExpress, options, sink);
}

Status ReadEndNote(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  return ReadTagged(in, kEndNote, options, sink);
}

Status ReadRefWorks(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  return ReadTagged(in, kRefWorks, options, sink);
}

Status ReadEStudy(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  return ReadTagged(in, kEStudy, options, sink);
}

}  // namespace carta::biblio
