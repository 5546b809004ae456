#include "carta/api/json.h"

#include <cmath>

namespace carta::api {

Json Number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

std::string Dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace); }

std::string DumpCompact(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json ErrorJson(const Status& s) {
  Json e = Json::object();
  e["code"] = s.code_name();
  e["message"] = s.message();
  const SourceLocation& where = s.location();
  if (!where.field.empty()) e["field"] = where.field;
  if (!where.file.empty()) e["file"] = where.file;
  if (where.line > 0) e["line"] = where.line;
  if (where.column > 0) e["column"] = where.column;
  return Json{{"error", std::move(e)}};
}

Result<Json> Parse(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    return Status::InvalidArgument("not valid JSON at byte " + std::to_string(e.byte) + ": " + e.what())
        .WithLocation(SourceLocation{"", 0, static_cast<int>(e.byte), ""});
  } catch (const Json::exception& e) {  // a number out of range (1e999) and the like
    return Status::InvalidArgument(std::string("not valid JSON: ") + e.what());
  }
}

}  // namespace carta::api
