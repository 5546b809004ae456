#include "carta/api/request.h"

#include <algorithm>

#include "carta/core/text.h"

namespace carta::api {

namespace {

std::string Quoted(std::string_view key) { return "'" + std::string(key) + "'"; }

}  // namespace

RequestReader::RequestReader(const Json& j, std::initializer_list<std::string_view> keys)
    : RequestReader(j, std::vector<std::string>(keys.begin(), keys.end())) {}

RequestReader::RequestReader(const Json& j, const std::vector<std::string>& keys) : j_(&j) {
  if (!j.is_object()) {
    status_ = Status::InvalidArgument("a request must be a JSON object, got " + std::string(j.type_name()));
    return;
  }
  for (const auto& [key, value] : j.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      status_ = Status::InvalidArgument("unknown key " + Quoted(key) + " (accepted: " + text::Join(keys, ", ") + ")")
                    .WithField(key);
      return;
    }
  }
}

bool RequestReader::Has(std::string_view key) const {
  if (!j_->is_object()) return false;
  auto it = j_->find(std::string(key));
  return it != j_->end() && !it->is_null();
}

const Json& RequestReader::operator[](std::string_view key) const { return j_->at(std::string(key)); }

bool RequestReader::Present(std::string_view key, Need need) {
  if (!ok()) return false;
  if (Has(key)) return true;
  if (need == kRequired) Fail(Status::InvalidArgument("missing key " + Quoted(key)).WithField(std::string(key)));
  return false;
}

bool RequestReader::WrongType(std::string_view key, const Json& v, std::string_view expected) {
  Fail(Status::InvalidArgument(Quoted(key) + " must be " + std::string(expected) + ", got " + v.type_name())
           .WithField(std::string(key)));
  return false;
}

bool RequestReader::Integer(const Json& v, std::string_view key, long long lo, unsigned long long hi, long long* out) {
  const bool whole = v.is_number_integer();
  if (!whole) return WrongType(key, v, lo < 0 ? "a whole number" : "a whole number, 0 or more");
  if (v.is_number_unsigned()) {
    const auto u = v.get<unsigned long long>();
    if (u > hi || u > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
      Fail(Status::InvalidArgument(Quoted(key) + " is too large").WithField(std::string(key)));
      return false;
    }
    *out = static_cast<long long>(u);
    return true;
  }
  const auto n = v.get<long long>();
  if (n < lo) {
    Fail(Status::InvalidArgument(Quoted(key) + (lo == 0 ? " must be 0 or more" : " is too small"))
             .WithField(std::string(key)));
    return false;
  }
  if (n >= 0 && static_cast<unsigned long long>(n) > hi) {
    Fail(Status::InvalidArgument(Quoted(key) + " is too large").WithField(std::string(key)));
    return false;
  }
  *out = n;
  return true;
}

void RequestReader::Check(bool holds, std::string_view key, std::string message) {
  if (ok() && !holds) Fail(Status::InvalidArgument(std::move(message)).WithField(std::string(key)));
}

void RequestReader::Fail(Status s) {
  if (status_.ok()) status_ = std::move(s);
}

Status RequestReader::Nested(std::string_view key, Status s) {
  const std::string inner = s.location().field;
  if (inner.empty()) return s.WithContext(Quoted(key)).WithField(std::string(key));
  return s.WithField(std::string(key) + "." + inner);
}

}  // namespace carta::api
