// Importing bibliographic exports into the project (carta::lit).
#ifndef CARTA_LIT_IMPORT_H_
#define CARTA_LIT_IMPORT_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "carta/biblio/read.h"
#include "carta/core/progress.h"
#include "carta/store/literature.h"

namespace carta::lit {

// The names an import accepts: biblio::SourceName of every source ("pubmed",
// "cnki", "wanfang", "other"), and biblio::FormatName of "auto" and every
// format with a reader ("pubmed-xml", ..., "estudy").
const std::vector<std::string>& SourceNames();
const std::vector<std::string>& InputFormatNames();

struct ImportRequest {
  std::vector<std::string> files;
  biblio::Format format = biblio::Format::kAuto;  // kAuto: detected per file from its first bytes
  biblio::Source source = biblio::Source::kOther; // the database the files were exported from; kOther: detected
  // A CSV column map (biblio::ReadOptions::columns); when given, a kAuto
  // format means CSV.
  std::vector<std::pair<std::string, std::string>> columns;
};

struct ImportResult {
  struct File {
    std::string file;
    Status status;                // ok, or why nothing of the file was imported
    store::ImportSummary summary; // when status is ok
  };
  std::vector<File> files;  // one per requested file, in order
  // The files that failed (status not ok), in order.
  std::vector<std::string> Failed() const;
  std::vector<std::string> Imported() const;
};

// A CSV column map written as FIELD=Header pairs separated by commas
// ("title=Article Title,doi=DOI"), names and headers trimmed. InvalidArgument
// (field "columns") naming the first pair that is not FIELD=Header; the field
// names themselves are checked by the CSV reader against the file's header.
Result<std::vector<std::pair<std::string, std::string>>> ParseColumnMap(std::string_view text);

// A progress reporter for one file (may return null); called before each file.
using ProgressFor = std::function<std::unique_ptr<Progress>(const std::string& file)>;

// Imports each file in its own transaction (store::Literature::Import): a file
// that fails adds nothing and the others are still imported; its Status (with
// location().file and line when the reader knew them) is in the result. Once
// a file's progress says Cancelled, that file and the ones after it fail with
// kCancelled, leaving the project as it was before them. Fails as a whole only
// when the project cannot be used at all (never: per-file failures are data).
ImportResult Import(store::Literature& lit, const ImportRequest& request, const ProgressFor& progress_for = {});

// Replaces the project's MeSH tree with NLM's descriptor file `file`
// (store::Literature::ImportMesh), after which [mh] and [majr] searches
// explode to narrower terms. A failure changes nothing; its Status carries
// location().file (and line when the XML reader knew it).
Result<store::MeshImportSummary> ImportMesh(store::Literature& lit, const std::string& file,
                                            Progress* progress = nullptr);

}  // namespace carta::lit

#endif  // CARTA_LIT_IMPORT_H_
