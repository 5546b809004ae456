// What every subcommand shares: the database and format options, parsing with
// CLI11, and printing a Status as a plain message with a non-zero exit.
#ifndef CARTA_TOOLS_COMMON_H_
#define CARTA_TOOLS_COMMON_H_

#include <CLI/CLI.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "carta/core/file.h"
#include "carta/core/status.h"
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

// A check that accepts exactly what one of the library's parse functions
// accepts (Result<T> parse(name)), failing with its message (which lists the
// accepted names): enum names are validated in the library, never in a list
// kept here.
template <class Parse>
CLI::Validator Accepts(Parse parse) {
  return CLI::Validator(
      [parse](std::string& value) {
        auto parsed = parse(value);
        return parsed.ok() ? std::string() : parsed.status().message();
      },
      "NAME", "");
}

// An option whose name the library's `parse` reads into `*out` (E or
// optional<E>), checked by Accepts(parse).
template <typename E, typename Out>
CLI::Option* AddName(CLI::App* app, const std::string& flag, Out* out, Result<E> (*parse)(std::string_view),
                     const std::string& help) {
  auto store = [out, parse](const std::string& s) {
    auto r = parse(s);
    if (r.ok()) *out = *r;  // the check has rejected every other name before this runs
  };
  return app->add_option_function<std::string>(flag, store, help)->check(Accepts(parse));
}

// An option that fills an optional only when it is given.
template <typename T>
CLI::Option* AddOptional(CLI::App* app, const std::string& flag, std::optional<T>* out, const std::string& help) {
  return app->add_option_function<T>(flag, [out](const T& v) { *out = v; }, help);
}

// Prints "carta: <message>" to stderr and returns kExitFailure.
int Fail(const Status& s);


// The library names the request field at fault (Status::location().field);
// the command names its option: "--FIELD: message" when the field is one of
// `options` (any field when `options` is empty), an unknown product with a
// pointer to 'carta products'; other statuses unchanged.
Status ForOption(const Status& s, std::initializer_list<std::string_view> options = {});

// Fail(ForOption(s)).
int FailOption(const Status& s);

// Writes `text` (a figure, an export) to `path` and says so on stderr;
// IOError naming the path when it cannot.
Status WriteOutputFile(const std::string& path, const std::string& text);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_COMMON_H_
