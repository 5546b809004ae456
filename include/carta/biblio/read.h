// Reading bibliographic exports into Records: PubMed XML, MEDLINE (nbib), RIS,
// and the CNKI / Wanfang exports (NoteExpress, EndNote tagged, RefWorks,
// E-Study). Every reader streams: it pulls bytes from an InputStream and hands
// each record to a RecordSink as soon as it is complete.
//
// Error model, the same for every reader:
//   - a malformed record (no title and no identifier, a line that does not
//     parse, invalid UTF-8, an impossible date) goes to sink.on_skip with
//     "name:line" and a message, and reading goes on;
//   - a broken container (XML that is not well formed, a corrupt gzip stream,
//     an unreadable file) ends the read: the records already delivered stay
//     delivered and the returned Status says where it broke.
// Hostile input (binary junk, huge lines, deep nesting, empty files) gives
// skips or a non-ok Status, never a crash or a hang. doc/biblio.md lists which
// tag maps to which field.
#ifndef CARTA_BIBLIO_READ_H_
#define CARTA_BIBLIO_READ_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/input.h"
#include "carta/biblio/record.h"
#include "carta/core/status.h"

namespace carta::biblio {

enum class Format {
  kAuto,        // detect from the first bytes (ReadFile, ReadStream, ReadText)
  kPubmedXml,   // <PubmedArticleSet> (E-utilities efetch, baseline, update files)
  kMedline,     // PubMed "PubMed format" text (.nbib, .txt): "PMID- "
  kRis,         // RIS: "TY  - JOUR" ... "ER  -" (also CNKI's "TY - JOUR")
  kNoteExpress, // CNKI / Wanfang NoteExpress: "{Reference Type}: ..."
  kEndNote,     // EndNote tagged / Refer: "%0 Journal Article"
  kRefWorks,    // RefWorks tagged: "RT Journal Article"
  kEStudy,      // CNKI E-Study: "DataType: 1", "Title-题名: ..."
  kWos,         // Web of Science plain text (.txt, .ciw, .isi): "FN ...", "PT J" ... "ER"
  kBibtex,      // BibTeX (.bib; Scopus, Google Scholar, Zotero, JabRef): "@article{key, ..."
  kEndNoteXml,  // EndNote XML (EndNote, Zotero, Mendeley, Covidence): "<xml><records><record>"
  kCsv,         // a table with a header row: Scopus / Lens / Embase CSV, Web of Science tab-delimited,
                // ASReview's export, carta's own CSV, any CSV with a column map (ReadOptions::columns)
  kUnknown,     // DetectFormat found nothing it recognises
};

// "auto", "pubmed-xml", "medline", "ris", "noteexpress", "endnote",
// "refworks", "estudy", "wos", "bibtex", "endnote-xml", "csv", "unknown".
std::string_view FormatName(Format format);

// Every name ParseFormat accepts for a format carta reads, "auto" first (the
// one list an option or an API field checks against).
std::vector<std::string> ReadableFormatNames();

// Parses a FormatName; false when unknown.
bool ParseFormat(std::string_view text, Format* format);

// The format of an export from its first few KB (a UTF-8 BOM and leading
// blank lines are skipped; gzip must already be decoded). kUnknown when no
// format's signature appears. Never returns kAuto.
Format DetectFormat(std::string_view head);

// What every reader needs besides its bytes.
struct ReadOptions {
  // Used in messages and Record::origin ("name:line"); usually the file path.
  std::string name = "<input>";
  // The database the caller says the input came from, copied into every
  // Record::source. kOther means "not said": each record then gets the source
  // its export names (SourceFromText of the provider fields, record links and
  // accessions: RIS DB/DP/UR, EndNote %W, RefWorks DS, BibTeX source/url),
  // else the one its format implies (PubMed XML and MEDLINE with a PMID:
  // pubmed; Web of Science plain text: wos; E-Study: cnki), else kOther.
  Source source = Source::kOther;
  // CSV only: (record field, header) pairs naming the column that fills a
  // field, overriding what the header row gave ("title" -> "Article Title").
  // Fields are CsvFieldNames(); headers match case-insensitively. An unknown
  // field or a header the file lacks fails the read (field "columns").
  std::vector<std::pair<std::string, std::string>> columns;
};

// The record fields a CSV column map may name: "title", "abstract",
// "authors", "journal", ..., "url".
std::vector<std::string> CsvFieldNames();

// One reader per format. Each returns ok at the end of the input (skips
// included), or the Status that ended the read (see the error model above).
Status ReadPubmedXml(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadMedline(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadRis(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadNoteExpress(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadEndNote(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadRefWorks(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadEStudy(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadWos(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadBibtex(InputStream* in, const ReadOptions& options, const RecordSink& sink);
Status ReadEndNoteXml(InputStream* in, const ReadOptions& options, const RecordSink& sink);
// CSV / tab-delimited with a header row. The header says the exporter (a
// column only it writes: Scopus "EID", Web of Science "UT", Lens "Lens ID",
// Embase "Embase Accession ID"; else carta's and common column names) and
// so the records' source when none is given. InvalidArgument (field
// "columns") when the header has no title, DOI or PMID column, or the column
// map does not fit it; a row with more fields than the header is skipped.
Status ReadCsv(InputStream* in, const ReadOptions& options, const RecordSink& sink);

// Reads `in` as `format`; kAuto detects it from the first 8 KB (gzip is not
// decoded here: wrap `in` in NewGzipInput first). InvalidArgument when the
// format is kAuto and cannot be detected, or is kUnknown.
Status ReadStream(InputStream* in, Format format, const ReadOptions& options, const RecordSink& sink);

// Opens `path` (gzip recognised by its magic bytes), detects the format when
// `format` is kAuto, and reads it with options {path, source}. NotFound when
// the file cannot be opened; otherwise as ReadStream.
Status ReadFile(const std::string& path, Format format, Source source, const RecordSink& sink);

// Everything a read delivered, for tests and small inputs.
struct ReadResult {
  std::vector<Record> records;
  std::vector<std::string> deleted;  // PMIDs from DeleteCitation
  std::vector<ReadIssue> issues;     // skipped records
  std::vector<ReadIssue> warnings;   // what was wrong in records kept
  Status status;                     // what ReadStream returned
};

// Reads the whole of `text` (not gzip) with ReadStream into a ReadResult.
ReadResult ReadText(std::string_view text, Format format, const ReadOptions& options = {});

}  // namespace carta::biblio

#endif  // CARTA_BIBLIO_READ_H_
