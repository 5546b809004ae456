// carta's JSON: the one place where library results become JSON text, for the
// command's --format json and the HTTP server alike. Objects keep their keys in
// the order they were written (the order doc/cli.md lists), never sorted.
#ifndef CARTA_API_JSON_H_
#define CARTA_API_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "carta/core/status.h"

namespace carta::api {

// An ordered JSON value: keys print in insertion order.
using Json = nlohmann::ordered_json;

// A number, or null when `v` is NaN or infinite (JSON has neither).
Json Number(double v);

// `j` as text, indented by two spaces; invalid UTF-8 in strings becomes
// U+FFFD instead of failing.
std::string Dump(const Json& j);

// `j` on one line (JSON Lines, HTTP bodies), with the same UTF-8 rule.
std::string DumpCompact(const Json& j);

// A failure as the JSON every front end reports:
// {"error": {"code": "invalid_argument", "message": "...", "field": ...,
//   "file": ..., "line": ..., "column": ...}}; the location keys appear only
// when the status carries them.
Json ErrorJson(const Status& s);

// Parses `text` as JSON; InvalidArgument naming the byte offset when it is not.
Result<Json> Parse(const std::string& text);

}  // namespace carta::api

#endif  // CARTA_API_JSON_H_
