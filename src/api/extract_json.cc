#include "carta/api/extract.h"

namespace carta::api {

namespace {

Json SourceJson(const std::string& value, const extract::ValueSource& s) {
  return {{"value", value}, {"record", s.record}, {"page", s.page}, {"location", s.location}, {"quote", s.quote}};
}

Json ValueJson(const extract::FormValue& v) {
  Json j = {{"key", v.key}};
  j.update(SourceJson(v.value, v.source));
  return j;
}

}  // namespace

Json ToJson(const extract::Form& form) {
  Json values = Json::array();
  for (const auto& v : form.values) values.push_back(ValueJson(v));
  return {{"cohort", form.cohort}, {"extractor", form.extractor}, {"finished", form.finished}, {"values", values}};
}

Json DiffJson(const extract::Form& a, const extract::Form& b, const std::vector<extract::Disagreement>& d) {
  Json out = Json::array();
  for (const auto& x : d) {
    Json ja = {{"extractor", a.extractor}};
    ja.update(SourceJson(x.value_a, x.source_a));
    Json jb = {{"extractor", b.extractor}};
    jb.update(SourceJson(x.value_b, x.source_b));
    out.push_back({{"key", x.key}, {"a", ja}, {"b", jb}});
  }
  return out;
}

Json ToJson(const extract::Consensus& c) {
  Json values = Json::array();
  for (const auto& v : c.values) values.push_back(ValueJson(v));
  Json decisions = Json::array();
  for (const auto& d : c.decisions) {
    decisions.push_back({{"key", d.key}, {"value", d.value.value}, {"decided_by", d.decided_by}});
  }
  return {{"cohort", c.cohort}, {"values", values}, {"decisions", decisions}};
}

}  // namespace carta::api
