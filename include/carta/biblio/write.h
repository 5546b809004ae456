// Writing Records out: RIS (for reference managers and screening tools), CSV
// (one row per record, for spreadsheets) and JSON (an array of objects, for
// programs). Writers stream: Add writes one record, Finish closes the file's
// structure (the JSON array). The CSV columns and JSON keys are a stable
// interface, listed in doc/biblio.md and below.
#ifndef CARTA_BIBLIO_WRITE_H_
#define CARTA_BIBLIO_WRITE_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"

namespace carta::biblio {

enum class OutputFormat { kRis, kCsv, kJson };

// "ris", "csv", "json".
std::string_view OutputFormatName(OutputFormat format);

// Every OutputFormatName, in the order above.
const std::vector<std::string>& OutputFormatNames();

// Parses an OutputFormatName; false when unknown.
bool ParseOutputFormat(std::string_view text, OutputFormat* format);

// The CSV header, in column order: pmid, doi, cnki_id, database_ids, issns,
// title, translated_title, record_type, abstract, authors, journal, volume,
// issue, pages, year, month, day, date_text, epub_date, language, keywords,
// mesh, publication_types, source, origin. Lists are joined by "; ";
// database_ids are "kind:value" items; epub_date is "YYYY[-MM[-DD]]"; MeSH
// headings are written in MEDLINE notation ("*Descriptor/qualifier"); a
// year, month or day of 0 is an empty cell. The JSON objects have the same
// keys but for epub_date, written as epub_year, epub_month, epub_day
// (numbers or null, as year/month/day are); lists are arrays, database_ids is
// an object {kind: value}, mesh is an array of {"descriptor", "major",
// "qualifiers"}.
const std::vector<std::string>& CsvColumns();

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;

  // Writes one record. IOError when the stream has failed.
  virtual Status Add(const Record& record) = 0;

  // Writes what closes the output (JSON's "]") and flushes. Call once, after
  // the last Add; a writer with no records still writes a valid empty file
  // (CSV: the header; JSON: "[]"; RIS: nothing).
  virtual Status Finish() = 0;
};

// A writer of `format` to `out`, which must outlive it. Output is UTF-8, lines
// end in "\n"; RIS records are "TY  - JOUR" ... "ER  - " with a blank line
// between; CSV quoting follows RFC 4180.
std::unique_ptr<RecordWriter> NewRecordWriter(OutputFormat format, std::ostream* out);

// The one JSON encoding of a record, on one line: the object of the JSON
// writer above (keys in CsvColumns() order), also what the project database
// stores. RecordFromJson reads it back exactly; it also reads the shape of
// older databases (year, month, day 0 instead of null). Corruption when the
// text is not such an object or a key is missing or of the wrong type.
std::string RecordToJson(const Record& record);
Result<Record> RecordFromJson(std::string_view json);

// All of `records` in `format`, as a string (for tests and small outputs).
std::string WriteRecords(OutputFormat format, const std::vector<Record>& records);

}  // namespace carta::biblio

#endif  // CARTA_BIBLIO_WRITE_H_
