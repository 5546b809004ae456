// MEDLINE / nbib: PubMed's "PubMed format" text export.
//
//   PMID- 16403221
//   TI  - A high level interface to SCOP and ASTRAL implemented in python.
//   AB  - BACKGROUND: Benchmarking algorithms in structural bioinformatics
//         often involves ...            (continuation: 6 leading spaces)
//
// The tag is padded to four characters and followed by "- "; records are
// separated by blank lines. Field list: NLM, "MEDLINE/PubMed Data Element
// (Field) Descriptions", https://www.nlm.nih.gov/bsd/mms/medlineelements.html
#include <cctype>

#include "carta/biblio/read.h"
#include "tagged.h"

namespace carta::biblio {

namespace {

constexpr TagRule kMedlineRules[] = {
    {"PMID", Slot::kPmid},       {"TI", Slot::kTitle},         {"AB", Slot::kAbstract},
    {"FAU", Slot::kFullAuthor},  {"AU", Slot::kAuthor},        {"CN", Slot::kCollective},
    {"JT", Slot::kJournal},      {"TA", Slot::kJournalAbbrev}, {"VI", Slot::kVolume},
    {"IP", Slot::kIssue},        {"PG", Slot::kPages},         {"DP", Slot::kDate},
    {"LA", Slot::kLanguage},     {"MH", Slot::kMedlineMesh},   {"OT", Slot::kKeyword},
    {"PT", Slot::kPubType},      {"AID", Slot::kTypedId},      {"LID", Slot::kTypedId},
    {"IS", Slot::kIssn},         {"DEP", Slot::kEpubDate},     {"TT", Slot::kTranslatedTitle},
};

// "PMID- 1", "TI  - x", "AU  - x", "DP  - 2019": tag of 2-4 capitals or
// digits, padded with spaces to 4 columns, then '-' and a space (or nothing).
bool ParseMedlineTag(std::string_view line, std::string_view* tag, std::string_view* value) {
  if (line.size() < 5 || line[4] != '-' || (line.size() > 5 && line[5] != ' ')) return false;
  size_t n = 0;
  while (n < 4 && (std::isupper(static_cast<unsigned char>(line[n])) || std::isdigit(static_cast<unsigned char>(line[n])))) ++n;
  if (n < 2) return false;
  for (size_t i = n; i < 4; ++i) {
    if (line[i] != ' ') return false;
  }
  *tag = line.substr(0, n);
  *value = line.size() > 6 ? line.substr(6) : std::string_view();
  return true;
}

constexpr Dialect kMedline = {
    .format_name = "MEDLINE",
    .parse_tag = ParseMedlineTag,
    .start_tag = "PMID",
    .end_tag = "",
    .blank_ends_record = true,
    .indented_continuation = true,
    .continuation_is_new_item = false,
    .rules = kMedlineRules,
    .once_tag = "OWN",
    .implied_source = Source::kPubMed,
    .implied_needs_pmid = true,
};

}  // namespace

Status ReadMedline(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  return ReadTagged(in, kMedline, options, sink);
}

}  // namespace carta::biblio
