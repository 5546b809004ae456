// ClinicalTrials.gov API v2 JSON (https://clinicaltrials.gov/data-api/api):
// the protocolSection's modules that say what a cohort can be checked against.
#include <nlohmann/json.hpp>

#include <regex>

#include "carta/registry/registration.h"

namespace carta::registry {

namespace {

using nlohmann::json;

// Reads one study, failing with the JSON path of the first bad value.
class StudyReader {
 public:
  StudyReader(const json& study, std::string path, const std::string& file)
      : study_(study), path_(std::move(path)), file_(file) {}

  Result<Registration> Read() {
    Registration r;
    r.registry = "ClinicalTrials.gov";
    r.source = file_;
    const std::string id = "protocolSection.identificationModule.nctId";
    auto nct = Text(id, true);
    if (!nct.ok()) return nct.status();
    static const std::regex kNct("NCT[0-9]{8}");
    if (!std::regex_match(*nct, kNct)) return Bad(id, "'" + *nct + "' is not an NCT id (NCT and 8 digits)");
    r.id = *nct;
    for (auto [field, key] : {std::pair{&r.title, "protocolSection.identificationModule.briefTitle"},
                              {&r.acronym, "protocolSection.identificationModule.acronym"},
                              {&r.status, "protocolSection.statusModule.overallStatus"},
                              {&r.start_date, "protocolSection.statusModule.startDateStruct.date"},
                              {&r.completion_date, "protocolSection.statusModule.completionDateStruct.date"},
                              {&r.sponsor, "protocolSection.sponsorCollaboratorsModule.leadSponsor.name"},
                              {&r.enrollment_type, "protocolSection.designModule.enrollmentInfo.type"}}) {
      auto v = Text(key, false);
      if (!v.ok()) return v.status();
      *field = *v;
    }
    if (Status s = Enrollment(&r); !s.ok()) return s;
    if (Status s = Strings("protocolSection.designModule.phases", "", &r.phases); !s.ok()) return s;
    if (Status s = Strings("protocolSection.conditionsModule.conditions", "", &r.conditions); !s.ok()) return s;
    if (Status s = Strings("protocolSection.armsInterventionsModule.interventions", "name", &r.interventions); !s.ok()) {
      return s;
    }
    if (const json* h = Find("hasResults")) {
      if (!h->is_boolean()) return Bad("hasResults", "expected true or false");
      r.has_results = h->get<bool>();
    } else {
      r.has_results = study_.contains("resultsSection");
    }
    return r;
  }

 private:
  Status Bad(const std::string& key, const std::string& what) const {
    const std::string where = path_.empty() ? key : path_ + "." + key;
    return Status::InvalidArgument(file_ + ": " + where + ": " + what).WithLocation({file_, 0, 0, where});
  }

  // The value at dotted `key`, or nullptr when a step is missing.
  const json* Find(const std::string& key) const {
    const json* at = &study_;
    size_t start = 0;
    while (start <= key.size()) {
      size_t dot = key.find('.', start);
      if (dot == std::string::npos) dot = key.size();
      const std::string step = key.substr(start, dot - start);
      if (!at->is_object() || !at->contains(step)) return nullptr;
      at = &(*at)[step];
      start = dot + 1;
    }
    return at;
  }

  Result<std::string> Text(const std::string& key, bool required) const {
    const json* v = Find(key);
    if (v == nullptr || v->is_null()) {
      if (required) return Bad(key, "missing");
      return std::string();
    }
    if (!v->is_string()) return Bad(key, "expected a string, found " + std::string(v->type_name()));
    return v->get<std::string>();
  }

  Status Enrollment(Registration* r) const {
    const std::string key = "protocolSection.designModule.enrollmentInfo.count";
    const json* v = Find(key);
    if (v == nullptr || v->is_null()) return Status::Ok();
    if (!v->is_number_integer()) return Bad(key, "expected a whole number, found " + v->dump());
    const long n = v->get<long>();
    if (n < 0) return Bad(key, "negative enrollment " + std::to_string(n));
    r->enrollment = n;
    return Status::Ok();
  }

  // An array of strings, or of objects whose `member` is a string.
  Status Strings(const std::string& key, const std::string& member, std::vector<std::string>* out) const {
    const json* v = Find(key);
    if (v == nullptr || v->is_null()) return Status::Ok();
    if (!v->is_array()) return Bad(key, "expected an array, found " + std::string(v->type_name()));
    for (size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      const std::string at = key + "[" + std::to_string(i) + "]";
      const json* s = &e;
      if (!member.empty()) {
        if (!e.is_object() || !e.contains(member)) return Bad(at + "." + member, "missing");
        s = &e[member];
      }
      if (!s->is_string()) return Bad(member.empty() ? at : at + "." + member, "expected a string");
      out->push_back(s->get<std::string>());
    }
    return Status::Ok();
  }

  const json& study_;
  std::string path_;
  const std::string& file_;
};

}  // namespace

Result<std::vector<Registration>> ReadClinicalTrialsGov(std::string_view text, const std::string& file) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Status::InvalidArgument(file + ": not valid JSON").WithLocation({file, 0, 0, ""});
  if (!doc.is_object()) {
    return Status::InvalidArgument(file + ": expected a study or a page of studies (a JSON object)")
        .WithLocation({file, 0, 0, ""});
  }
  std::vector<Registration> out;
  if (!doc.contains("studies")) {
    auto r = StudyReader(doc, "", file).Read();
    if (!r.ok()) return r.status();
    out.push_back(std::move(*r));
    return out;
  }
  const json& studies = doc["studies"];
  if (!studies.is_array()) {
    return Status::InvalidArgument(file + ": studies: expected an array").WithLocation({file, 0, 0, "studies"});
  }
  for (size_t i = 0; i < studies.size(); ++i) {
    auto r = StudyReader(studies[i], "studies[" + std::to_string(i) + "]", file).Read();
    if (!r.ok()) return r.status();
    out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace carta::registry
