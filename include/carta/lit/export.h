// Exporting the project's records (carta::lit): every record, a search's
// hits, or chosen ids; the caller writes them with biblio::NewRecordWriter.
#ifndef CARTA_LIT_EXPORT_H_
#define CARTA_LIT_EXPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/lit/corpus.h"
#include "carta/store/literature.h"

namespace carta::lit {

struct ExportRequest {
  std::string query;  // only the records this search finds (not added to the history); "" for all
  bool cnki = false;  // `query` is in CNKI syntax
  std::vector<RecordId> ids;  // only these records (field "ids"); not with `query`
};

struct ExportResult {
  std::vector<biblio::Record> records;  // deleted records never
  std::vector<std::string> notes;
};

// The records to write. A query that does not parse fails as lit::Search's
// does (location column; *failed_query gets the query as run); an unknown or
// deleted id is NotFound with field "ids"; `query` and `ids` together are
// InvalidArgument.
Result<ExportResult> Export(store::Literature& lit, const ExportRequest& request, std::string* failed_query = nullptr);

// Writes `text` to the file `path`, replacing a regular file there as a whole:
// through a new, uniquely named temporary file beside it (created
// exclusively, like mkstemp), flushed to disk (fsync) and renamed over
// `path`, so a failure or a kill leaves the old file or the new one. Refuses
// (InvalidArgument, field "out") a `path` that exists and is not a regular
// file: a symbolic link, FIFO, device or folder is never written through or
// replaced. A replaced file keeps its permission bits; a new one gets 0644.
// IOError, field "out", when the folder cannot be written or the disk is full.
Status WriteExportFile(const std::string& path, std::string_view text);

}  // namespace carta::lit

#endif  // CARTA_LIT_EXPORT_H_
