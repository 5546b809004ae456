#include "carta/core/status.h"

namespace carta {

namespace {
const char* CodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kIOError: return "I/O error";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kNotConverged: return "not converged";
    case StatusCode::kInternal: return "internal error";
    case StatusCode::kCancelled: return "cancelled";
    case StatusCode::kPermissionDenied: return "permission denied";
    case StatusCode::kConflict: return "conflict";
  }
  return "unknown";
}
}  // namespace

const char* Status::code_name() const {
  switch (code_) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kIOError: return "io_error";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kNotConverged: return "not_converged";
    case StatusCode::kInternal: return "internal";
    case StatusCode::kCancelled: return "cancelled";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kConflict: return "conflict";
  }
  return "unknown";
}

Status Status::WithLocation(const SourceLocation& where) const {
  if (ok()) return *this;
  Status s = *this;
  if (!where.file.empty()) s.location_.file = where.file;
  if (where.line > 0) s.location_.line = where.line;
  if (where.column > 0) s.location_.column = where.column;
  if (!where.field.empty()) s.location_.field = where.field;
  return s;
}

Status Status::WithField(std::string field) const {
  SourceLocation where;
  where.field = std::move(field);
  return WithLocation(where);
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status Status::WithContext(const std::string& prefix) const {
  if (ok()) return *this;
  Status s(code_, prefix + ": " + message_);
  s.location_ = location_;
  return s;
}

}  // namespace carta
