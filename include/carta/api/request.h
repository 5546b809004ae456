// Reading a request: the one JSON request reader of every domain's FromJson.
//
// A request is a JSON object whose keys the reader knows in advance. A key it
// was not told about, a value of the wrong type, a missing required key or a
// name the library's parser refuses is an InvalidArgument whose field() is
// the key, so the command says "--key: ..." and the server {"field": "key"}.
// The first failure sticks: later reads do nothing, and status() returns it.
//
//   RequestReader r(j, {"level", "method"});
//   r.Get("level", &q.level);
//   r.GetName("method", &q.method, meta::ParseMethod);
//   r.Check(q.level > 0 && q.level < 1, "level", "'level' must be in (0, 1)");
//   return r.Done(std::move(q));
#ifndef CARTA_API_REQUEST_H_
#define CARTA_API_REQUEST_H_

#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "carta/api/json.h"
#include "carta/core/status.h"

namespace carta::api {

class RequestReader {
 public:
  enum Need { kOptional, kRequired };

  // Fails (status()) when `j` is not an object or holds a key not in `keys`;
  // the message lists the accepted keys.
  RequestReader(const Json& j, std::initializer_list<std::string_view> keys);
  RequestReader(const Json& j, const std::vector<std::string>& keys);
  // The reader refers to `j`, so `j` must outlive it: no temporaries.
  RequestReader(Json&&, std::initializer_list<std::string_view>) = delete;
  RequestReader(Json&&, const std::vector<std::string>&) = delete;

  const Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }

  // Whether `key` holds a value other than null (a null reads as absent).
  bool Has(std::string_view key) const;
  // The value of `key`; only after Has(key).
  const Json& operator[](std::string_view key) const;

  // Reads `key` into `out` when present; `out` keeps its default otherwise.
  // T: bool, std::string, a floating type, an integral type (a whole number
  // in T's range; unsigned types refuse negatives), std::vector of those, or
  // std::optional of those (engaged only when the key is present).
  template <typename T>
  void Get(std::string_view key, T* out, Need need = kOptional) {
    if (!Present(key, need)) return;
    if constexpr (IsOptional<T>::value) {
      typename T::value_type v{};
      if (Convert((*this)[key], key, &v)) *out = std::move(v);
    } else {
      T v{};
      if (Convert((*this)[key], key, &v)) *out = std::move(v);
    }
  }

  // Reads a name (a text) and turns it into a value with `parse`, a library
  // parser taking a text (std::string_view or std::string) and returning Result<T> (its message lists
  // what is accepted). `out` may be a std::optional<T>.
  template <typename T, typename Parse>
  void GetName(std::string_view key, T* out, Parse parse, Need need = kOptional) {
    std::string name;
    Get(key, &name, need);
    if (!ok() || !Has(key)) return;
    auto v = parse(name);
    if (!v.ok()) return Fail(v.status().WithField(std::string(key)));
    *out = std::move(*v);
  }

  // Reads `key` with `convert(const Json&) -> Result<T>`, for values of a
  // domain's own shape; a failure is reported as Nested(key, failure).
  template <typename T, typename Converter>
  void GetWith(std::string_view key, T* out, Converter convert, Need need = kOptional) {
    if (!Present(key, need)) return;
    auto v = convert((*this)[key]);
    if (!v.ok()) return Fail(Nested(key, v.status()));
    *out = std::move(*v);
  }

  // Reads an array at `key`, each element with `convert` as GetWith does; a
  // failure's field is "key[i]" (or "key[i].member").
  template <typename T, typename Converter>
  void GetEach(std::string_view key, std::vector<T>* out, Converter convert, Need need = kOptional) {
    if (!Present(key, need)) return;
    const Json& v = (*this)[key];
    if (!v.is_array()) return (void)WrongType(key, v, "an array");
    std::vector<T> items;
    for (size_t i = 0; i < v.size(); ++i) {
      auto item = convert(v[i]);
      if (!item.ok()) return Fail(Nested(std::string(key) + "[" + std::to_string(i) + "]", item.status()));
      items.push_back(std::move(*item));
    }
    *out = std::move(items);
  }

  // A rule on values already read: when `holds` is false, fails with
  // `message` and the field `key`.
  void Check(bool holds, std::string_view key, std::string message);
  // Records `s` as the failure unless one is already recorded.
  void Fail(Status s);

  // `value` when every read succeeded, else the first failure.
  template <typename T>
  Result<T> Done(T value) const {
    if (!ok()) return status_;
    return value;
  }

  // `s` with its field prefixed by `key` ("studies.csv"); when it had none,
  // the field is `key` and the message starts "'key': ".
  static Status Nested(std::string_view key, Status s);

 private:
  template <typename T>
  struct IsOptional : std::false_type {};
  template <typename T>
  struct IsOptional<std::optional<T>> : std::true_type {};
  template <typename T>
  struct IsVector : std::false_type {};
  template <typename T>
  struct IsVector<std::vector<T>> : std::true_type {};

  bool Present(std::string_view key, Need need);
  bool WrongType(std::string_view key, const Json& v, std::string_view expected);
  bool Integer(const Json& v, std::string_view key, long long lo, unsigned long long hi, long long* out);

  // Converts `v` into `out`; false (with the failure recorded) when it is of another type.
  template <typename T>
  bool Convert(const Json& v, std::string_view key, T* out) {
    if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_boolean()) return WrongType(key, v, "true or false");
      *out = v.get<bool>();
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (!v.is_string()) return WrongType(key, v, "a text");
      *out = v.get<std::string>();
    } else if constexpr (std::is_floating_point_v<T>) {
      if (!v.is_number()) return WrongType(key, v, "a number");
      *out = v.get<T>();
    } else if constexpr (std::is_integral_v<T>) {
      long long n = 0;
      const long long lo = std::is_signed_v<T> ? static_cast<long long>(std::numeric_limits<T>::min()) : 0;
      if (!Integer(v, key, lo, static_cast<unsigned long long>(std::numeric_limits<T>::max()), &n)) return false;
      *out = static_cast<T>(n);
    } else if constexpr (IsVector<T>::value) {
      if (!v.is_array()) return WrongType(key, v, "an array");
      out->clear();
      for (const Json& e : v) {
        typename T::value_type x{};
        if (!Convert(e, key, &x)) return false;
        out->push_back(std::move(x));
      }
    } else {
      static_assert(std::is_same_v<T, bool>, "RequestReader::Get: use GetName or GetWith for this type");
    }
    return true;
  }

  const Json* j_ = nullptr;
  Status status_;
};

}  // namespace carta::api

#endif  // CARTA_API_REQUEST_H_
