// RIS: "TY  - JOUR" opens a record, "ER  -" closes it; each line is a
// two-character tag, two spaces, '-', a space and the value. Tolerated
// variants seen in real exports: CNKI's single space ("TY - JOUR"), a UTF-8
// BOM, CRLF, and EndNote's untagged continuation lines (another keyword or
// author for KW/AU, another paragraph for AB, more text for anything else).
// Tags: RIS format specification (Research Information Systems, 2011) and the
// tags Embase, Zotero, EndNote and CNKI write (doc/biblio.md).
#include <cctype>

#include "carta/biblio/read.h"
#include "tagged.h"

namespace carta::biblio {

namespace {

// Journal tags are listed in order of preference: the first one present wins.
constexpr TagRule kRisRules[] = {
    {"TY", Slot::kRecordType},   {"TI", Slot::kTitle},         {"T1", Slot::kTitle},
    {"ST", Slot::kShortTitle},   {"AB", Slot::kAbstract},      {"N2", Slot::kAbstract},
    {"AU", Slot::kAuthor},       {"A1", Slot::kAuthor},        {"JF", Slot::kJournal},
    {"JO", Slot::kJournal},      {"T2", Slot::kSecondaryTitle},       {"JA", Slot::kJournalAbbrev}, {"J2", Slot::kJournalAbbrev},
    {"J1", Slot::kJournalAbbrev}, {"DA", Slot::kDate},         {"Y1", Slot::kDate},
    {"PY", Slot::kDate},         {"VL", Slot::kVolume},        {"IS", Slot::kIssue},
    {"SP", Slot::kStartPage},    {"EP", Slot::kEndPage},       {"DO", Slot::kDoi},
    {"KW", Slot::kKeywordList},  {"LA", Slot::kLanguage},      {"AN", Slot::kAccession},
    {"ID", Slot::kTaggedPmid},    {"M3", Slot::kPubType},       {"DB", Slot::kProvider},
    {"DP", Slot::kProvider},     {"UR", Slot::kUrl},           {"L2", Slot::kUrl},
    {"SN", Slot::kIssn},         {"TT", Slot::kTranslatedTitle}, {"C5", Slot::kEmbasePmid},
    {"U2", Slot::kAccession},
};

// "TY  - JOUR", "TY - JOUR", "ER  -": a capital and a capital or digit,
// one or two spaces, '-', then a space or the end of the line.
bool ParseRisTag(std::string_view line, std::string_view* tag, std::string_view* value) {
  if (line.size() < 4 || !std::isupper(static_cast<unsigned char>(line[0]))) return false;
  unsigned char second = static_cast<unsigned char>(line[1]);
  if (!std::isupper(second) && !std::isdigit(second)) return false;
  size_t dash = line[2] == ' ' && line[3] == '-' ? 3 : line.size() > 4 && line.substr(2, 3) == "  -" ? 4 : 0;
  if (dash == 0 || (line.size() > dash + 1 && line[dash + 1] != ' ')) return false;
  *tag = line.substr(0, 2);
  *value = line.size() > dash + 2 ? line.substr(dash + 2) : std::string_view();
  return true;
}

constexpr Dialect kRis = {
    .format_name = "RIS",
    .parse_tag = ParseRisTag,
    .start_tag = "TY",
    .end_tag = "ER",
    .blank_ends_record = false,
    .indented_continuation = false,
    .continuation_is_new_item = true,
    .rules = kRisRules,
};

}  // namespace

Status ReadRis(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  return ReadTagged(in, kRis, options, sink);
}

}  // namespace carta::biblio
