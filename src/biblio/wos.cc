// Web of Science plain text (the "Plain text file" export, also saved as .txt,
// .ciw or .isi; the format bibliometrix and VOSviewer read): a file header
// "FN Clarivate Analytics Web of Science" / "VR 1.0", records from "PT J" to
// "ER", "EF" at the end. Each line is a two-character tag, a space and the
// value; a continuation line starts with three spaces and, for the author
// tags, holds the next author. Tags: Clarivate's "Web of Science Core
// Collection field tags" help page.
#include <cctype>
#include <string_view>

#include "carta/biblio/read.h"
#include "tagged.h"

namespace carta::biblio {

namespace {

// Journal: SO (full source title) before the ISO and 29-character
// abbreviations. AF (full names) is preferred over AU, as MEDLINE's FAU is.
// DE are the authors' keywords, ID Clarivate's KeyWords Plus.
constexpr TagRule kWosRules[] = {
    {"PT", Slot::kRecordType}, {"TI", Slot::kTitle},         {"AB", Slot::kAbstract},
    {"AF", Slot::kFullAuthor}, {"AU", Slot::kAuthor},        {"CA", Slot::kCollective},
    {"SO", Slot::kJournal},    {"JI", Slot::kJournalAbbrev}, {"J9", Slot::kJournalAbbrev},
    {"VL", Slot::kVolume},     {"IS", Slot::kIssue},         {"BP", Slot::kStartPage},
    {"EP", Slot::kEndPage},    {"PY", Slot::kDate},          {"LA", Slot::kLanguage},
    {"DE", Slot::kKeywordList}, {"ID", Slot::kKeywordList},  {"DT", Slot::kPubType},
    {"DI", Slot::kDoi},        {"PM", Slot::kPmid},          {"UT", Slot::kAccession},
    {"SN", Slot::kIssn},       {"EI", Slot::kIssn},          {"EA", Slot::kEpubDate},
};

constexpr std::string_view kWosFileTags[] = {"FN", "VR", "EF"};

// "PT J", "AU Smith, J", "ER": a capital and a capital or digit, then the end
// of the line or a space and the value.
bool ParseWosTag(std::string_view line, std::string_view* tag, std::string_view* value) {
  if (line.size() < 2 || !std::isupper(static_cast<unsigned char>(line[0]))) return false;
  const unsigned char second = static_cast<unsigned char>(line[1]);
  if (!std::isupper(second) && !std::isdigit(second)) return false;
  if (line.size() > 2 && line[2] != ' ') return false;
  *tag = line.substr(0, 2);
  *value = line.size() > 3 ? line.substr(3) : std::string_view();
  return true;
}

constexpr Dialect kWos = {
    .format_name = "Web of Science",
    .parse_tag = ParseWosTag,
    .start_tag = "PT",
    .end_tag = "ER",
    .blank_ends_record = false,
    .indented_continuation = true,
    .continuation_is_new_item = true,
    .rules = kWosRules,
    .file_tags = kWosFileTags,
    .implied_source = Source::kWos,
};

}  // namespace

Status ReadWos(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  return ReadTagged(in, kWos, options, sink);
}

}  // namespace carta::biblio
