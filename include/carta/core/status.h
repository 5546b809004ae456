// Status and Result<T>: how every expected failure crosses carta's public API.
//
// A Status is ok, or a code with a message that says what was wrong, where
// (file:line, field, column) and what would have been accepted. No exception
// crosses the public API; third-party exceptions are caught at the call site.
#ifndef CARTA_CORE_STATUS_H_
#define CARTA_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace carta {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input: a value, a file, a query
  kNotFound,         // a named record, file or row does not exist
  kIOError,          // the file system or the database failed
  kCorruption,       // stored data does not have the expected shape
  kNotConverged,     // an iterative method did not converge
  kInternal,         // a bug in carta
  kCancelled,        // the caller asked the work to stop (Progress::Cancelled)
  kPermissionDenied, // the caller is known but may not do this (a reviewer resolving, a foreign origin)
  kConflict,         // the request is well formed but the stored state refuses it (a third vote)
};

// Where a failure is, as data, so that every front end can show it its own way
// (a caret under a query column, "file:line" before an import error, the
// "field" of a server's JSON error) without reading the message. Every part is
// optional: empty strings and zeros mean "not known".
struct SourceLocation {
  std::string file;   // the file being read, as the user named it
  int line = 0;       // 1-based line in `file`
  int column = 0;     // 1-based column (bytes) in the line or the query
  std::string field;  // the input field, option or key at fault: "outcome", "AU", "query"

  bool empty() const { return file.empty() && line == 0 && column == 0 && field.empty(); }
};

class Status {
 public:
  // An ok status.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(StatusCode::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(StatusCode::kIOError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(StatusCode::kCorruption, std::move(msg)); }
  static Status NotConverged(std::string msg) { return Status(StatusCode::kNotConverged, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }
  static Status Cancelled(std::string msg) { return Status(StatusCode::kCancelled, std::move(msg)); }
  static Status PermissionDenied(std::string msg) { return Status(StatusCode::kPermissionDenied, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(StatusCode::kConflict, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The location of the failure, when the code that failed knew it.
  const SourceLocation& location() const { return location_; }
  // A stable lower-case name of the code: "invalid_argument", "not_found", ...
  // (the "code" of a JSON error).
  const char* code_name() const;

  // "invalid argument: <message>", or "ok".
  std::string ToString() const;

  // A copy whose message is "<prefix>: <message>"; ok statuses are returned unchanged.
  Status WithContext(const std::string& prefix) const;

  // A copy with the parts of `where` that are set replacing this status's
  // location; the message is unchanged. Ok statuses are returned unchanged.
  Status WithLocation(const SourceLocation& where) const;
  Status WithField(std::string field) const;

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  SourceLocation location_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "a Result without a value needs a non-ok Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace carta

#endif  // CARTA_CORE_STATUS_H_
