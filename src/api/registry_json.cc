#include "carta/api/registry.h"

#include "carta/core/text.h"

namespace carta::api {

namespace {

Json Enrollment(const registry::Registration& r) { return r.enrollment ? Json(*r.enrollment) : Json(nullptr); }

}  // namespace

Json ToJson(const registry::RegistrationRow& row) {
  const registry::Registration& r = row.registration;
  return {{"nct_id", r.id},
          {"registry", r.registry},
          {"title", r.title},
          {"acronym", r.acronym},
          {"phases", r.phases},
          {"enrollment", Enrollment(r)},
          {"enrollment_type", r.enrollment_type},
          {"status", r.status},
          {"conditions", r.conditions},
          {"indications", registry::IndicationsOf(r)},
          {"interventions", r.interventions},
          {"sponsor", r.sponsor},
          {"start_date", r.start_date},
          {"completion_date", r.completion_date},
          {"has_results", r.has_results},
          {"source", r.source},
          {"cohorts", row.cohorts}};
}

Json ToJson(const std::vector<registry::RegistrationRow>& rows) {
  Json arr = Json::array();
  for (const auto& row : rows) arr.push_back(ToJson(row));
  return arr;
}

Json ImportJson(const std::vector<std::pair<std::string, long>>& files, const store::RegistryImportSummary& sum) {
  Json f = Json::array();
  for (const auto& [file, n] : files) f.push_back({{"file", file}, {"registrations", n}});
  return {{"files", f}, {"added", sum.added}, {"updated", sum.updated}};
}

Listing RegistrationsListing(const std::vector<registry::RegistrationRow>& rows) {
  Listing l({{"nct_id", "Registration"},
             {"acronym", "Acronym", 14},
             {"phases", "Phases"},
             {"enrollment", "Enrolled"},
             {"status", "Status"},
             {"has_results", "Results"},
             {"cohorts", "Cohorts", 40}});
  for (const auto& row : rows) {
    const registry::Registration& r = row.registration;
    l.Add({r.id, r.acronym, text::Join(r.phases, "/"), Enrollment(r), r.status, r.has_results ? "yes" : "no",
           row.cohorts});
  }
  return l;
}

Listing RegistrationFieldsListing(const registry::RegistrationRow& row) {
  Listing l({{"field", "Field"}, {"value", "Value", 70}});
  const Json j = ToJson(row);
  for (const auto& [key, value] : j.items()) l.Add({key, value.is_null() ? Json("") : value});
  return l;
}

}  // namespace carta::api
