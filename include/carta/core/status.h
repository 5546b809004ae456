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

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid argument: <message>", or "ok".
  std::string ToString() const;

  // A copy whose message is "<prefix>: <message>"; ok statuses are returned unchanged.
  Status WithContext(const std::string& prefix) const;

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
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
