// What the `carta lit` subcommands share: opening the project, the caret
// under a bad query, option names for a Status's field, and the reviewer.
// The pipeline itself is the library's (carta/lit/).
#ifndef CARTA_TOOLS_LIT_COMMON_H_
#define CARTA_TOOLS_LIT_COMMON_H_

#include <initializer_list>
#include <string>
#include <vector>

#include "carta/lit/corpus.h"
#include "carta/store/literature.h"
#include "common.h"

namespace carta::cli::lit {

int RunImport(int argc, char** argv);
int RunSearch(int argc, char** argv);
int RunHistory(int argc, char** argv);
int RunDedup(int argc, char** argv);
int RunScreen(int argc, char** argv);
int RunPrisma(int argc, char** argv);
int RunExport(int argc, char** argv);
int RunMesh(int argc, char** argv);

// The project at `db_path` (carta::lit::OpenProject), a missing one said with the options that choose it.
Result<store::Literature> OpenLiterature(const std::string& db_path, bool create = false);

// `s` with "--flag: " before its message when its field is one of `fields`
// (field "keep_apart" is the option --keep-apart).
Status WithFlag(const Status& s, std::initializer_list<const char*> fields);

// `s` with the query and a caret under location().column on the lines after
// its message (a long query shown as a window around the column); `s` as it
// is when it has no column or `query` is empty.
Status WithCaret(const Status& s, const std::string& query);

// `s` with the command that settles it after its message when the screening
// state needs reviewers set (field "reviewers").
Status ScreenHint(const Status& s);

// Prints "carta: <note>" for each note on stderr.
void PrintNotes(const std::vector<std::string>& notes);

// The reviewer: `given` as it is when not empty (the library checks it), else
// $CARTA_REVIEWER, else $USER; fails when none.
Result<std::string> ResolveReviewer(const std::string& given);

}  // namespace carta::cli::lit

#endif  // CARTA_TOOLS_LIT_COMMON_H_
