// What every subcommand shares: the database and format options, parsing with
// CLI11, and printing a Status as a plain message with a non-zero exit.
#ifndef CARTA_TOOLS_COMMON_H_
#define CARTA_TOOLS_COMMON_H_

#include <CLI/CLI.hpp>

#include <string>

#include "carta/core/status.h"
#include "carta/evidence/model.h"
#include "output.h"

namespace carta::cli {

// Exit codes: 0 done, 1 the command failed (bad data, missing database, ...),
// 2 the command line was wrong.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// --db PATH (default: $CARTA_DB, else carta.db).
void AddDbOption(CLI::App& app, std::string* db_path);
// --format table|json|csv (default table).
void AddFormatOption(CLI::App& app, std::string* format);
Format ParseFormat(const std::string& name);

// Parses argv with `app`; on --help prints help and returns 0 through *exit_code,
// on a usage error prints the message and returns kExitUsage. Returns true when
// the command should run.
bool ParseArgs(CLI::App& app, int argc, char** argv, int* exit_code);

// Prints "carta: <message>" to stderr and returns kExitFailure.
int Fail(const Status& s);

// The evidence in the database at `db_path`.
Result<evidence::EvidenceBase> OpenEvidence(const std::string& db_path);

// The whole of a (small) file: a CSV input, a strategy; a UTF-8 byte-order mark
// is dropped. Fails on a directory or a non-regular file, and with "cannot
// open 'path'".
Result<std::string> ReadTextFile(const std::string& path);

// The --target, --indication and --product options of the evidence commands,
// checked and in canonical form: antigen and indication spellings, and the
// product's record id.
struct EvidenceFilters {
  std::string target, indication, product_id;
};
Result<EvidenceFilters> ResolveFilters(const evidence::EvidenceBase& eb, const std::string& target,
                                       const std::string& indication, const std::string& product);

// "Kymriah" for a cohort of a product, the construct name otherwise.
std::string CohortProductLabel(const evidence::EvidenceBase& eb, const evidence::Cohort& c);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_COMMON_H_
