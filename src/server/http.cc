// The HTTP helpers of app.h: status codes, JSON bodies, requests as JSON.
#include <algorithm>
#include <cstdlib>

#include "app.h"

namespace carta::server {

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument: {
      const std::string& field = s.location().field;
      if (field == "authorization") return 401;
      if (field == "jobs") return 429;
      return 400;
    }
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kConflict: return 409;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kNotConverged: return 422;
    case StatusCode::kCancelled: return 409;
    default: return 500;
  }
}

void SendJson(httplib::Response& res, const api::Json& j, int status) {
  res.status = status;
  res.set_content(api::DumpCompact(j), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, const Status& s) { SendJson(res, api::ErrorJson(s), HttpStatusFor(s)); }

namespace {

bool Contains(const std::vector<std::string>& names, const std::string& key) {
  return std::find(names.begin(), names.end(), key) != names.end();
}

Result<api::Json> ParamValue(const std::string& key, const std::string& value,
                             const std::vector<std::string>& numbers, const std::vector<std::string>& flags) {
  if (Contains(flags, key)) {
    if (value == "true" || value == "1") return api::Json(true);
    if (value == "false" || value == "0") return api::Json(false);
    return Status::InvalidArgument("'" + key + "' is true or false, not '" + value + "'").WithField(key);
  }
  if (Contains(numbers, key)) {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size()) {
      return Status::InvalidArgument("'" + key + "' is a number, not '" + value + "'").WithField(key);
    }
    if (v == static_cast<double>(static_cast<long long>(v)) && value.find_first_of(".eE") == std::string::npos) {
      return v < 0 ? api::Json(static_cast<long long>(v)) : api::Json(static_cast<unsigned long long>(v));
    }
    return api::Json(v);
  }
  return api::Json(value);
}

}  // namespace

Result<api::Json> RequestJson(const httplib::Request& req, const std::vector<std::string>& numbers,
                              const std::vector<std::string>& flags) {
  if (req.method == "POST" && !req.body.empty()) {
    auto j = api::Parse(req.body);
    if (!j.ok()) return j.status().WithField("body");
    if (!j->is_object()) return Status::InvalidArgument("the body must be a JSON object").WithField("body");
    j->erase("format");
    return j;
  }
  api::Json j = api::Json::object();
  for (const auto& [key, value] : req.params) {
    if (key == "format") continue;
    if (j.contains(key)) return Status::InvalidArgument("'" + key + "' is given twice").WithField(key);
    auto v = ParamValue(key, value, numbers, flags);
    if (!v.ok()) return v.status();
    j[key] = std::move(*v);
  }
  return j;
}

}  // namespace carta::server
