// The syntax layer of the evidence format (doc/data-format.md): records of
// `KEY = VALUE @ PROVENANCE` lines, before any key or value is interpreted.
#ifndef CARTA_EVIDENCE_RECORD_H_
#define CARTA_EVIDENCE_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::evidence {

// Where a line came from.
struct SourcePos {
  std::string file;
  int line = 0;  // 1-based
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

// Where a value comes from in the source review: its reference numbers (or a
// named source) and its place (table, figure, section).
struct Provenance {
  std::vector<int> refs;  // the review's reference numbers, e.g. {28, 40}
  std::string citation;   // a source without a number ("29th EHA Congress"), or "" ; "-" never stored
  std::string location;   // "Table 3", "Fig 4", "§2.2.1", "Abstract"
  std::string extra;      // a free note after a second ';'

  bool empty() const { return refs.empty() && citation.empty() && location.empty(); }
  // "ref 28, 40; Table 3" — the same syntax it is parsed from.
  std::string ToString() const;
  // "[28,40] Table 3": compact, for tables.
  std::string Short() const;
  bool operator==(const Provenance& o) const {
    return refs == o.refs && citation == o.citation && location == o.location && extra == o.extra;
  }
};

// Parses "ref 28, 40; Table 3", "-; §2.1.3", "\"29th EHA\"; Table 4".
// On failure the message says what is wrong and what is accepted.
Result<Provenance> ParseProvenance(std::string_view text);

// One `KEY = VALUE` line: a value as printed at one place of the review.
struct Observation {
  std::string key;
  std::string raw;  // the value as written in the data file, trimmed
  Provenance prov;
  std::string note;
  SourcePos pos;
};

// One `[KIND ID]` record and its lines, in file order.
struct RawRecord {
  std::string kind;
  std::string id;
  SourcePos pos;
  std::string note;  // from `note = ...`
  std::vector<Observation> fields;

  // The observations of `key`, in file order.
  std::vector<const Observation*> All(std::string_view key) const;
  // The first observation of `key`, or nullptr.
  const Observation* First(std::string_view key) const;
};

// Parses one file's text. `file` names it in messages. Checks the syntax only
// (headers, `=`, provenance, notes, ids); keys and values are checked later.
// Fails on the first error with "file:line: message".
Result<std::vector<RawRecord>> ParseRecords(std::string_view content, const std::string& file);

// The records in the syntax ParseRecords reads: one `[KIND ID]` block each,
// every value with its own `@ provenance`. ParseRecords(FormatRecords(r))
// gives back r (but for positions), which is how the store re-checks what it reads.
std::string FormatRecords(const std::vector<RawRecord>& records);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_RECORD_H_
