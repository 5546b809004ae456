// carta::clinical's requests from JSON: every key known, every value of its
// type, names parsed by the library's own parsers (the same words the command
// line and the CSV reader accept).
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "carta/api/clinical.h"
#include "carta/api/request.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

namespace cl = clinical;

// A number in the canonical unit, "1100 /uL", or {"value": 1100, "unit": "/uL"}.
auto MeasurementIn(cl::Quantity q) {
  return [q](const Json& v) -> Result<cl::Measurement> {
    if (v.is_number()) return cl::Measurement{v.get<double>(), ""};
    if (v.is_string()) return cl::ReadMeasurement(q, v.get<std::string>());
    if (!v.is_object()) {
      return Status::InvalidArgument(std::string("must be a number, a text with a unit or {value, unit}, got ") +
                                     v.type_name());
    }
    RequestReader inner(v, {"value", "unit"});
    cl::Measurement m;
    inner.Get("value", &m.value, RequestReader::kRequired);
    inner.Get("unit", &m.unit);
    return inner.Done(m);
  };
}

constexpr auto kRequired = RequestReader::kRequired;

}  // namespace

Result<cl::CrsRequest> CrsRequestFromJson(const Json& j) {
  RequestReader r(j, {"temp_c", "temp_f", "hypotension", "hypoxia", "oxygen_l_min", "after_anticytokine", "died"});
  cl::CrsRequest q;
  r.Get("temp_c", &q.temp_c);
  r.Get("temp_f", &q.temp_f);
  r.GetName("hypotension", &q.hypotension, cl::ParseHypotension);
  r.GetName("hypoxia", &q.hypoxia, cl::ParseOxygenSupport);
  r.Get("oxygen_l_min", &q.oxygen_l_min);
  r.Get("after_anticytokine", &q.after_anticytokine);
  r.Get("died", &q.died);
  return r.Done(std::move(q));
}

Result<cl::IcansInput> IcansRequestFromJson(const Json& j) {
  RequestReader r(j, {"ice", "capd", "age", "developmental_delay", "consciousness", "seizure", "motor", "icp", "died"});
  cl::IcansInput q;
  r.Get("ice", &q.ice);
  r.Get("capd", &q.capd);
  r.Get("age", &q.age_years);
  r.Get("developmental_delay", &q.developmental_delay);
  r.GetName("consciousness", &q.consciousness, cl::ParseConsciousness);
  r.GetName("seizure", &q.seizure, cl::ParseSeizure);
  r.GetName("motor", &q.motor, cl::ParseMotorFinding);
  r.GetName("icp", &q.icp, cl::ParseIcpFinding);
  r.Get("died", &q.died_of_icans);
  return r.Done(std::move(q));
}

Result<cl::CresInput> CresRequestFromJson(const Json& j) {
  RequestReader r(j, {"cartox10", "obtunded", "icp", "seizure", "motor_weakness"});
  cl::CresInput q;
  r.Get("cartox10", &q.cartox10);
  r.Get("obtunded", &q.obtunded);
  r.GetName("icp", &q.icp, cl::ParseCresIcp);
  r.GetName("seizure", &q.seizure, cl::ParseCresSeizure);
  r.Get("motor_weakness", &q.motor_weakness);
  return r.Done(std::move(q));
}

Result<cl::IceItems> IceRequestFromJson(const Json& j) {
  RequestReader r(j, {"orientation", "naming", "commands", "writing", "attention"});
  cl::IceItems q;
  r.Get("orientation", &q.orientation, kRequired);
  r.Get("naming", &q.naming, kRequired);
  r.Get("commands", &q.follows_commands, kRequired);
  r.Get("writing", &q.writes_sentence, kRequired);
  r.Get("attention", &q.counts_backwards, kRequired);
  return r.Done(std::move(q));
}

Result<cl::CapdRequest> CapdRequestFromJson(const Json& j) {
  const auto& k = cl::kCapdItems;
  RequestReader r(j, {k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]});
  cl::CapdRequest q;
  for (size_t i = 0; i < k.size(); ++i) r.GetName(k[i], &q.answers[i], cl::ParseFrequency, kRequired);
  return r.Done(std::move(q));
}

Result<cl::HematotoxRequest> HematotoxRequestFromJson(const Json& j) {
  RequestReader r(j, {"anc", "hemoglobin", "platelets", "crp", "ferritin"});
  cl::HematotoxRequest q;
  r.GetWith("anc", &q.anc, MeasurementIn(cl::Quantity::kAnc), kRequired);
  r.GetWith("hemoglobin", &q.hemoglobin, MeasurementIn(cl::Quantity::kHemoglobin), kRequired);
  r.GetWith("platelets", &q.platelets, MeasurementIn(cl::Quantity::kPlatelets), kRequired);
  r.GetWith("crp", &q.crp, MeasurementIn(cl::Quantity::kCrp), kRequired);
  r.GetWith("ferritin", &q.ferritin, MeasurementIn(cl::Quantity::kFerritin), kRequired);
  return r.Done(std::move(q));
}

Result<cl::EasixRequest> EasixRequestFromJson(const Json& j) {
  RequestReader r(j, {"ldh", "platelets", "creatinine", "crp"});
  cl::EasixRequest q;
  r.GetWith("ldh", &q.ldh, MeasurementIn(cl::Quantity::kLdh), kRequired);
  r.GetWith("platelets", &q.platelets, MeasurementIn(cl::Quantity::kPlatelets), kRequired);
  r.GetWith("creatinine", &q.creatinine, MeasurementIn(cl::Quantity::kCreatinine));
  r.GetWith("crp", &q.crp, MeasurementIn(cl::Quantity::kCrp));
  return r.Done(std::move(q));
}

Result<cl::SeriesRequest> SeriesRequestFromJson(const Json& j) {
  RequestReader r(j, {"csv", "file", "level", "view"});
  cl::SeriesRequest q;
  r.Get("csv", &q.csv, kRequired);
  r.Get("file", &q.file);
  r.Get("level", &q.level);
  r.GetName("view", &q.view, cl::ParseSeriesView);
  return r.Done(std::move(q));
}

Result<cl::GuidanceRequest> GuidanceRequestFromJson(const Json& j) {
  RequestReader r(j, {"toxicity", "grade"});
  cl::GuidanceRequest q;
  r.GetName("toxicity", &q.toxicity, cl::ParseToxicity);
  r.Get("grade", &q.grade);
  return r.Done(std::move(q));
}

}  // namespace carta::api
