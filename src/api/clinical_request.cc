// carta::clinical's requests from JSON: every key known, every value of its
// type, names parsed by the library's own parsers (the same words the command
// line and the CSV reader accept).
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "carta/api/clinical.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

namespace cl = clinical;

// Reads the keys of one request object. Each Get records the first failure
// and does nothing after it; `status()` is that failure, or ok.
class Reader {
 public:
  Reader(const Json& j, std::initializer_list<const char*> known) : j_(j) {
    if (!j.is_object()) {
      status_ = Status::InvalidArgument("a request must be a JSON object, got " + std::string(j.type_name()));
      return;
    }
    for (const auto& [key, value] : j.items()) {
      bool found = false;
      for (const char* k : known) found = found || key == k;
      if (!found) {
        std::vector<std::string> names(known.begin(), known.end());
        status_ = Status::InvalidArgument("unknown key '" + key + "' (accepted: " + text::Join(names, ", ") + ")")
                      .WithField(key);
        return;
      }
    }
  }

  const Status& status() const { return status_; }

  void Get(const char* key, double* out, bool required = false) { Read(key, out, required); }
  void Get(const char* key, int* out, bool required = false) { Read(key, out, required); }
  void Get(const char* key, bool* out) { Read(key, out, false); }
  void Get(const char* key, std::string* out, bool required = false) { Read(key, out, required); }
  template <typename T>
  void Get(const char* key, std::optional<T>* out) {
    if (Present(key, false)) Get(key, &out->emplace());
  }
  // A name read by one of the library's parsers.
  template <typename E>
  void Get(const char* key, E* out, Result<E> (*parse)(std::string_view), bool required = false) {
    std::string name;
    if (!Present(key, required)) return;
    Get(key, &name);
    if (!status_.ok()) return;
    auto v = parse(name);
    if (!v.ok()) status_ = v.status().WithField(key);
    else *out = *v;
  }
  template <typename E>
  void Get(const char* key, std::optional<E>* out, Result<E> (*parse)(std::string_view)) {
    if (Present(key, false)) Get(key, &out->emplace(), parse);
  }
  // A number in the canonical unit, "1100 /uL", or {"value": 1100, "unit": "/uL"}.
  void Get(const char* key, cl::Quantity q, cl::Measurement* out, bool required = false) {
    if (!Present(key, required)) return;
    const Json& v = j_[key];
    if (v.is_number()) {
      *out = {v.get<double>(), ""};
    } else if (v.is_string()) {
      auto m = cl::ReadMeasurement(q, v.get<std::string>());
      if (!m.ok()) status_ = m.status().WithField(key);
      else *out = *m;
    } else if (v.is_object()) {
      Reader inner(v, {"value", "unit"});
      inner.Get("value", &out->value, true);
      inner.Get("unit", &out->unit);
      if (!inner.status().ok()) status_ = inner.status().WithField(std::string(key) + "." + inner.status().location().field);
    } else {
      WrongType(key, "a number, a text with a unit or {value, unit}");
    }
  }
  void Get(const char* key, cl::Quantity q, std::optional<cl::Measurement>* out) {
    if (Present(key, false)) Get(key, q, &out->emplace());
  }

 private:
  // Whether `key` has a non-null value; a missing required key fails.
  bool Present(const char* key, bool required) {
    if (!status_.ok()) return false;
    if (j_.contains(key) && !j_[key].is_null()) return true;
    if (required) status_ = Status::InvalidArgument(std::string("missing key '") + key + "'").WithField(key);
    return false;
  }
  void WrongType(const char* key, const char* expected) {
    status_ = Status::InvalidArgument(std::string("'") + key + "' must be " + expected + ", got " +
                                      j_[key].type_name())
                  .WithField(key);
  }
  template <typename T>
  void Read(const char* key, T* out, bool required) {
    if (!Present(key, required)) return;
    const Json& v = j_[key];
    if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_boolean()) return WrongType(key, "true or false");
    } else if constexpr (std::is_same_v<T, int>) {
      if (!v.is_number_integer()) return WrongType(key, "a whole number");
    } else if constexpr (std::is_same_v<T, double>) {
      if (!v.is_number()) return WrongType(key, "a number");
    } else {
      if (!v.is_string()) return WrongType(key, "a text");
    }
    *out = v.get<T>();
  }

  const Json& j_;
  Status status_;
};

}  // namespace

Result<cl::CrsRequest> CrsRequestFromJson(const Json& j) {
  Reader r(j, {"temp_c", "temp_f", "hypotension", "hypoxia", "oxygen_l_min", "after_anticytokine", "died"});
  cl::CrsRequest q;
  r.Get("temp_c", &q.temp_c);
  r.Get("temp_f", &q.temp_f);
  r.Get("hypotension", &q.hypotension, cl::ParseHypotension);
  r.Get("hypoxia", &q.hypoxia, cl::ParseOxygenSupport);
  r.Get("oxygen_l_min", &q.oxygen_l_min);
  r.Get("after_anticytokine", &q.after_anticytokine);
  r.Get("died", &q.died);
  if (!r.status().ok()) return r.status();
  return q;
}

Result<cl::IcansInput> IcansRequestFromJson(const Json& j) {
  Reader r(j, {"ice", "capd", "age", "developmental_delay", "consciousness", "seizure", "motor", "icp", "died"});
  cl::IcansInput q;
  r.Get("ice", &q.ice);
  r.Get("capd", &q.capd);
  r.Get("age", &q.age_years);
  r.Get("developmental_delay", &q.developmental_delay);
  r.Get("consciousness", &q.consciousness, cl::ParseConsciousness);
  r.Get("seizure", &q.seizure, cl::ParseSeizure);
  r.Get("motor", &q.motor, cl::ParseMotorFinding);
  r.Get("icp", &q.icp, cl::ParseIcpFinding);
  r.Get("died", &q.died_of_icans);
  if (!r.status().ok()) return r.status();
  return q;
}

Result<cl::CresInput> CresRequestFromJson(const Json& j) {
  Reader r(j, {"cartox10", "obtunded", "icp", "seizure", "motor_weakness"});
  cl::CresInput q;
  r.Get("cartox10", &q.cartox10);
  r.Get("obtunded", &q.obtunded);
  r.Get("icp", &q.icp, cl::ParseCresIcp);
  r.Get("seizure", &q.seizure, cl::ParseCresSeizure);
  r.Get("motor_weakness", &q.motor_weakness);
  if (!r.status().ok()) return r.status();
  return q;
}

Result<cl::IceItems> IceRequestFromJson(const Json& j) {
  Reader r(j, {"orientation", "naming", "commands", "writing", "attention"});
  cl::IceItems q;
  r.Get("orientation", &q.orientation, true);
  r.Get("naming", &q.naming, true);
  r.Get("commands", &q.follows_commands, true);
  r.Get("writing", &q.writes_sentence, true);
  r.Get("attention", &q.counts_backwards, true);
  if (!r.status().ok()) return r.status();
  return q;
}

Result<cl::CapdRequest> CapdRequestFromJson(const Json& j) {
  const auto& k = cl::kCapdItems;
  Reader r(j, {k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]});
  cl::CapdRequest q;
  for (size_t i = 0; i < k.size(); ++i) r.Get(k[i], &q.answers[i], cl::ParseFrequency, true);
  if (!r.status().ok()) return r.status();
  return q;
}

Result<cl::HematotoxRequest> HematotoxRequestFromJson(const Json& j) {
  Reader r(j, {"anc", "hemoglobin", "platelets", "crp", "ferritin"});
  cl::HematotoxRequest q;
  r.Get("anc", cl::Quantity::kAnc, &q.anc, true);
  r.Get("hemoglobin", cl::Quantity::kHemoglobin, &q.hemoglobin, true);
  r.Get("platelets", cl::Quantity::kPlatelets, &q.platelets, true);
  r.Get("crp", cl::Quantity::kCrp, &q.crp, true);
  r.Get("ferritin", cl::Quantity::kFerritin, &q.ferritin, true);
  if (!r.status().ok()) return r.status();
  return q;
}

Result<cl::EasixRequest> EasixRequestFromJson(const Json& j) {
  Reader r(j, {"ldh", "platelets", "creatinine", "crp"});
  cl::EasixRequest q;
  r.Get("ldh", cl::Quantity::kLdh, &q.ldh, true);
  r.Get("platelets", cl::Quantity::kPlatelets, &q.platelets, true);
  r.Get("creatinine", cl::Quantity::kCreatinine, &q.creatinine);
  r.Get("crp", cl::Quantity::kCrp, &q.crp);
  if (!r.status().ok()) return r.status();
  return q;
}

Result<cl::SeriesRequest> SeriesRequestFromJson(const Json& j) {
  Reader r(j, {"csv", "file", "level", "view"});
  cl::SeriesRequest q;
  r.Get("csv", &q.csv, true);
  r.Get("file", &q.file);
  r.Get("level", &q.level);
  r.Get("view", &q.view, cl::ParseSeriesView);
  if (!r.status().ok()) return r.status();
  return q;
}

Result<cl::GuidanceRequest> GuidanceRequestFromJson(const Json& j) {
  Reader r(j, {"toxicity", "grade"});
  cl::GuidanceRequest q;
  r.Get("toxicity", &q.toxicity, cl::ParseToxicity);
  r.Get("grade", &q.grade);
  if (!r.status().ok()) return r.status();
  return q;
}

}  // namespace carta::api
