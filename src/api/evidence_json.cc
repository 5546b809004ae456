#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "carta/api/evidence.h"
#include "carta/api/request.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

using evidence::CohortValue;

Json ValueJson(const std::optional<CohortValue>& v) {
  if (!v) return nullptr;
  const double x = v->Number();
  Json j = {{"display", v->Display()}, {"provenance", v->prov.ToString()}};
  if (v->kind == CohortValue::Kind::kMedian && v->median.not_reached) {
    j["not_reached"] = true;
  } else if (!std::isnan(x)) {
    j["value"] = x;
  }
  return j;
}

Json ApprovalJson(const evidence::Approval& a) {
  return {{"agency", a.agency}, {"date", a.date.ToString()}, {"indications", a.indications},
          {"population", a.population}, {"line", a.line}};
}

Json RecordJson(const evidence::RawRecord& r) {
  Json fields = Json::array();
  for (const auto& f : r.fields) {
    fields.push_back({{"key", f.key},
                      {"value", f.raw},
                      {"refs", f.prov.refs},
                      {"citation", f.prov.citation},
                      {"location", f.prov.location},
                      {"provenance", f.prov.ToString()},
                      {"note", f.note},
                      {"file", f.pos.file},
                      {"line", f.pos.line}});
  }
  return {{"kind", r.kind}, {"id", r.id}, {"file", r.pos.file}, {"line", r.pos.line}, {"note", r.note},
          {"fields", fields}};
}

Json FindingValueJson(const evidence::FindingValue& v) {
  return {{"label", v.label}, {"value", v.value}, {"provenance", v.prov.ToString()}, {"refs", v.prov.refs},
          {"location", v.prov.location}, {"file", v.pos.file}, {"line", v.pos.line}};
}

Json GenerationCell(int generation) { return generation > 0 ? Json(generation) : Json(nullptr); }

}  // namespace

// ---- JSON ----

Json ToJson(const evidence::ProductsResult& r) {
  Json arr = Json::array();
  for (const auto& p : r.products) {
    Json approvals = Json::array();
    for (const auto& a : p.approvals) approvals.push_back(ApprovalJson(a));
    arr.push_back({{"id", p.id},
                   {"targets", p.targets},
                   {"brand", p.brand},
                   {"inn", p.inn},
                   {"codes", p.codes},
                   {"developer", p.developer},
                   {"structure", p.structure},
                   {"generation", GenerationCell(p.generation)},
                   {"approvals", approvals}});
  }
  return arr;
}

Json ToJson(const evidence::CohortsResult& r) {
  Json arr = Json::array();
  for (const auto& c : r.cohorts) {
    Json survival = Json::object();
    for (const auto& v : c.survival) survival[v.key] = ValueJson(v);
    arr.push_back({{"id", c.id},
                   {"product", c.product_id.empty() ? Json(nullptr) : Json(c.product_id)},
                   {"acronym", c.acronym},
                   {"registry", c.registry},
                   {"phase", c.phase},
                   {"indications", c.indications},
                   {"n", c.n ? Json(*c.n) : Json(nullptr)},
                   {"followup", c.followup ? Json(c.followup->duration.months()) : Json(nullptr)},
                   {"orr", ValueJson(c.orr)},
                   {"crr", ValueJson(c.crr)},
                   {"survival", survival},
                   {"provenance", c.provenance}});
  }
  return arr;
}

Json ToJson(const evidence::ShowResult& r) {
  Json arr = Json::array();
  for (const auto& s : r.records) {
    Json j = RecordJson(s.record);
    if (s.generation) {
      j["generation"] = s.generation->generation;
      j["generation_reason"] = s.generation->reason;
    }
    if (s.record.kind == "cohort") {
      Json points = Json::array();
      for (const auto& t : s.time_points) points.push_back({{"cohort", t.cohort}, {"followup_months", Number(t.followup_months)}});
      j["time_points"] = std::move(points);
    }
    arr.push_back(std::move(j));
  }
  return arr;
}

Json SetAsideJson(const std::vector<evidence::SetAside>& set_aside) {
  Json arr = Json::array();
  for (const auto& s : set_aside) {
    arr.push_back({{"cohort", s.cohort}, {"kept", s.kept}, {"registration", s.registration},
                   {"indication", s.indication}, {"reason", s.reason}});
  }
  return arr;
}

Json ToJson(const evidence::AuditResult& r) {
  Json findings = Json::array();
  for (const auto& f : r.findings) {
    Json values = Json::array();
    for (const auto& v : f.values) values.push_back(FindingValueJson(v));
    findings.push_back({{"severity", evidence::SeverityName(f.severity)}, {"rule", f.rule}, {"subject", f.subject},
                        {"message", f.message}, {"values", values}});
  }
  return {{"findings", findings},
          {"counts", {{"error", r.errors}, {"warning", r.warnings}, {"info", r.infos}}}};
}

Json ToJson(const std::vector<evidence::AuditRule>& rules) { return RulesListing(rules).ToJson(); }

Json ToJson(const evidence::GenerationsResult& r) { return GenerationsListing(r).ToJson(); }

Json ToJson(const store::DbInfo& info) {
  Json j = {{"path", info.path},         {"schema_version", info.schema_version}, {"built_at", info.built_at},
            {"data_dir", info.data_dir}, {"carta_version", info.carta_version}};
  for (const auto& [table, n] : info.counts) j["counts"][table] = n;
  return j;
}

// ---- Listings ----

Listing ProductsListing(const evidence::ProductsResult& r) {
  Listing l({{"id", "id"},
             {"targets", "Target"},
             {"brand", "Product"},
             {"inn", "INN", 22},
             {"codes", "Codes", 18},
             {"developer", "Developer", 16},
             {"structure", "Structure", 28},
             {"generation", "Gen"},
             {"approvals", "Approvals", 44}});
  for (const auto& p : r.products) {
    Json approvals = Json::array();
    for (const auto& a : p.approvals) approvals.push_back(evidence::ApprovalSummary(a));
    l.Add({p.id, text::Join(p.targets, "/"), p.name_zh.empty() ? p.brand : p.brand + " (" + p.name_zh + ")", p.inn,
           p.codes, p.developer, p.structure, GenerationCell(p.generation), approvals});
  }
  return l;
}

Listing CohortsListing(const evidence::CohortsResult& r, TextStyle style) {
  Listing l({{"id", "id"},
             {"product", "Product", 22},
             {"acronym", "Trial", 16},
             {"registry", "Registry", 18},
             {"phase", "Phase"},
             {"indications", "Indication"},
             {"n", "n"},
             {"followup", "Follow-up"},
             {"orr", "ORR"},
             {"crr", "CRR"},
             {"survival", "Survival", 30},
             {"provenance", "Source", 18}});
  const bool table = style == TextStyle::kTable;
  for (const auto& c : r.cohorts) {
    Json n = c.n ? Json(*c.n) : Json(nullptr);
    if (table && c.n_summed) n = std::to_string(*c.n) + " (sum)";
    std::string crr = c.crr ? c.crr->Display() : c.cr_cri ? "CR/CRi " + c.cr_cri->Display() : "";
    l.Add({c.id, table ? c.product_label : c.product_id, c.acronym, text::Join(c.registry, " "), c.phase,
           text::Join(c.indications, "/"), n, c.followup ? c.followup->Display() : "",
           c.orr ? c.orr->Display() : "", crr, c.survival_summary, c.provenance});
  }
  return l;
}

Listing FindingsListing(const evidence::AuditResult& r) {
  Listing l({{"severity", "Severity"}, {"rule", "Rule"}, {"subject", "Subject", 28}, {"message", "Finding", 60},
             {"values", "Values (where printed)", 44}});
  for (const auto& f : r.findings) {
    std::vector<std::string> values;
    for (const auto& v : f.values) values.push_back(v.label + " " + v.value + " (" + v.prov.Short() + ")");
    l.Add({evidence::SeverityName(f.severity), f.rule, f.subject, f.message, text::Join(values, "; ")});
  }
  return l;
}

Listing RulesListing(const std::vector<evidence::AuditRule>& rules) {
  Listing l({{"rule", "Rule"}, {"severity", "Severity"}, {"summary", "What it finds"}});
  for (const auto& r : rules) l.Add({r.id, evidence::SeverityName(r.severity), r.summary});
  return l;
}

Listing GenerationsListing(const evidence::GenerationsResult& r) {
  Listing l({{"generation", "Gen"},
             {"modification", "Modification (Table 1)", 26},
             {"features", "Features (Table 1)", 40},
             {"rule", "carta's rule", 34},
             {"examples", "Constructs in the evidence", 30}});
  for (const auto& row : r.rows) {
    l.Add({row.row.generation, row.row.modification, row.row.features, row.row.rule, row.examples});
  }
  return l;
}

Listing DbInfoListing(const store::DbInfo& info) {
  Listing l({{"key", "key"}, {"value", "value"}});
  l.Add({"path", info.path});
  l.Add({"schema_version", info.schema_version});
  l.Add({"built_at", info.built_at});
  l.Add({"data_dir", info.data_dir});
  l.Add({"carta_version", info.carta_version});
  for (const auto& [table, n] : info.counts) l.Add({"rows in " + table, n});
  return l;
}

// ---- Requests ----

const std::vector<std::string> kRegistrationRuleKeys = {"keep_duplicate_registrations", "prefer"};

void ReadRegistrationRule(RequestReader& r, evidence::RegistrationRule* rule) {
  r.Get("keep_duplicate_registrations", &rule->keep_duplicates);
  r.Get("prefer", &rule->prefer);
}

Result<evidence::ProductsRequest> ProductsRequestFromJson(const Json& j) {
  RequestReader in(j, {"target", "agency"});
  evidence::ProductsRequest r;
  in.Get("target", &r.target);
  in.Get("agency", &r.agency);
  return in.Done(std::move(r));
}

Result<evidence::CohortsRequest> CohortsRequestFromJson(const Json& j) {
  RequestReader in(j, {"target", "indication", "product", "location"});
  evidence::CohortsRequest r;
  in.Get("target", &r.target);
  in.Get("indication", &r.indication);
  in.Get("product", &r.product);
  in.Get("location", &r.location);
  return in.Done(std::move(r));
}

Result<evidence::ShowRequest> ShowRequestFromJson(const Json& j) {
  RequestReader in(j, {"id"});
  evidence::ShowRequest r;
  in.Get("id", &r.id);
  in.Check(!r.id.empty(), "id", "'id' is required: a record id or a product's name");
  return in.Done(std::move(r));
}

Result<evidence::AuditRequest> AuditRequestFromJson(const Json& j) {
  RequestReader in(j, {"severity"});
  evidence::AuditRequest r;
  in.Get("severity", &r.severity);
  if (in.ok()) {
    if (auto sev = evidence::ParseSeverity(r.severity); !sev.ok()) in.Fail(sev.status().WithField("severity"));
  }
  return in.Done(std::move(r));
}

}  // namespace carta::api
