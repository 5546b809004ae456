// JSON of team screening: results out, the decision request in.
#include <cmath>

#include "carta/api/team.h"
#include "carta/api/request.h"

namespace carta::api {

namespace {

Json VoteJson(const lit::TeamVote& v) {
  return {{"reviewer", v.reviewer},
          {"verdict", screen::VerdictName(v.verdict)},
          {"reason", v.reason},
          {"time_utc", v.time_utc}};
}

Status Wrong(const std::string& key, const std::string& what) {
  return Status::InvalidArgument("'" + key + "' must be " + what).WithField(key);
}

Status ReadString(const Json& j, const std::string& key, std::string* out) {
  if (!j.contains(key)) return Status::Ok();
  if (!j[key].is_string()) return Wrong(key, "a string");
  *out = j[key].get<std::string>();
  return Status::Ok();
}

}  // namespace

Json ToJson(const lit::TeamNextResult& r) {
  Json records = Json::array();
  for (const auto& item : r.records) {
    const biblio::Record& f = item.fields;
    records.push_back({{"id", item.record},
                       {"relevance", item.relevance ? Number(*item.relevance) : Json()},
                       {"title", f.title},
                       {"abstract", f.abstract},
                       {"keywords", f.keywords},
                       {"journal", f.journal},
                       {"year", f.year == 0 ? Json() : Json(f.year)},
                       {"authors", f.authors},
                       {"pmid", f.pmid},
                       {"doi", f.doi}});
  }
  const Json stopping = {{"found", r.found},
                         {"expected_remaining", r.expected_remaining ? Number(*r.expected_remaining) : Json()},
                         {"estimated_recall", r.estimated_recall ? Number(*r.estimated_recall) : Json()},
                         {"streak", r.streak},
                         {"streak_needed", r.streak_needed},
                         {"stop_suggested", r.stop_suggested}};
  return {{"stage", r.stage}, {"mode", r.mode},       {"remaining", r.remaining}, {"cold_start", r.cold_start},
          {"why", r.why},     {"stopping", stopping}, {"records", records}};
}

Json ToJson(const lit::TeamStage& s) {
  Json records = Json::array();
  for (const auto& [id, r] : s.records) {
    Json votes = Json::array();
    for (const auto& v : r.votes) votes.push_back(VoteJson(v));
    records.push_back({{"record", id},
                       {"state", lit::TeamRecordStateName(r.state)},
                       {"votes", votes},
                       {"resolution", r.resolution ? VoteJson(*r.resolution) : Json()}});
  }
  return {{"mode", lit::TeamModeName(s.mode)}, {"records", records}};
}

Json ToJson(const std::vector<lit::KappaRow>& rows) { return KappaListing(rows).ToJson(); }

Json ToJson(const lit::TeamPrisma& p) {
  Json reasons = Json::object();
  for (const auto& [reason, n] : p.full_text_reasons) reasons[reason] = n;
  return {{"to_screen", p.to_screen},
          {"screened", p.screened},
          {"excluded_screening", p.excluded_screening},
          {"assessed_full_text", p.assessed_full_text},
          {"excluded_full_text", p.excluded_full_text},
          {"full_text_reasons", reasons},
          {"included", p.included},
          {"awaiting", p.awaiting},
          {"conflicts", p.conflicts},
          {"final", p.final}};
}

Listing TeamStageListing(const lit::TeamStage& s) {
  std::vector<Column> columns;
  for (const char* key : {"record", "state", "reviewer1", "verdict1", "reason1", "reviewer2", "verdict2", "reason2",
                          "resolver", "resolution", "resolution_reason"}) {
    columns.push_back({key, key, 0});
  }
  Listing out(std::move(columns));
  for (const auto& [id, r] : s.records) {
    std::vector<Json> row = {id, std::string(lit::TeamRecordStateName(r.state))};
    for (size_t k = 0; k < 2; ++k) {
      if (k < r.votes.size()) {
        row.insert(row.end(), {r.votes[k].reviewer, std::string(screen::VerdictName(r.votes[k].verdict)), r.votes[k].reason});
      } else {
        row.insert(row.end(), {"", "", ""});
      }
    }
    if (r.resolution) {
      row.insert(row.end(), {r.resolution->reviewer, std::string(screen::VerdictName(r.resolution->verdict)),
                             r.resolution->reason});
    } else {
      row.insert(row.end(), {"", "", ""});
    }
    out.Add(std::move(row));
  }
  return out;
}

Listing KappaListing(const std::vector<lit::KappaRow>& rows) {
  Listing out({{"first", "first", 0}, {"second", "second", 0}, {"records", "records", 0},
               {"observed", "observed", 0, 3}, {"expected", "expected", 0, 3}, {"kappa", "kappa", 0, 3}});
  for (const auto& r : rows) out.Add({r.first, r.second, r.records, Number(r.observed), Number(r.expected), Number(r.kappa)});
  return out;
}

Listing TeamPrismaListing(const lit::TeamPrisma& p) {
  Listing out({{"box", "box", 0}, {"n", "n", 0}});
  for (const auto& [box, n] : {std::pair{"to_screen", p.to_screen}, {"screened", p.screened},
                               {"excluded_screening", p.excluded_screening}, {"assessed_full_text", p.assessed_full_text},
                               {"excluded_full_text", p.excluded_full_text}, {"included", p.included},
                               {"awaiting", p.awaiting}, {"conflicts", p.conflicts}}) {
    out.Add({box, n});
  }
  for (const auto& [reason, n] : p.full_text_reasons) out.Add({"full_text_reason: " + reason, n});
  out.Add({"final", p.final ? 1 : 0});
  return out;
}

Listing TokenListing(const std::vector<store::TeamToken>& tokens) {
  Listing out({{"id", "id", 0}, {"reviewer", "reviewer", 0}, {"role", "role", 0}, {"created_utc", "created", 0},
               {"expires_utc", "expires", 0}, {"revoked_utc", "revoked", 0}});
  const auto or_null = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  for (const auto& t : tokens) {
    out.Add({t.id, t.reviewer, t.role, t.created_utc, or_null(t.expires_utc), or_null(t.revoked_utc)});
  }
  return out;
}

Result<lit::TeamDecisionRequest> TeamDecisionRequestFromJson(const Json& j) {
  if (!j.is_object()) return Status::InvalidArgument("a decision is a JSON object").WithField("body");
  static const char* const kKeys[] = {"client_id", "record", "stage", "kind", "verdict", "reason"};
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (const char* k : kKeys) known = known || key == k;
    if (!known) {
      return Status::InvalidArgument("unknown key '" + key + "'; keys are client_id, record, stage, kind, verdict, reason")
          .WithField(key);
    }
  }
  lit::TeamDecisionRequest r;
  std::string stage = "title_abstract", verdict;
  for (const auto& [key, out] : {std::pair{"client_id", &r.client_id}, std::pair{"stage", &stage},
                                 std::pair{"kind", &r.kind}, std::pair{"verdict", &verdict},
                                 std::pair{"reason", &r.reason}}) {
    if (Status s = ReadString(j, key, out); !s.ok()) return s;
  }
  if (!j.contains("client_id")) return Wrong("client_id", "given (a retry sends the same one)");
  if (!j.contains("record") || !j["record"].is_number_integer() || j["record"].get<long long>() <= 0) {
    return Wrong("record", "a record id (an integer from 1)");
  }
  r.record = j["record"].get<long>();
  if (stage == "title_abstract") {
    r.stage = screen::Stage::kTitleAbstract;
  } else if (stage == "full_text") {
    r.stage = screen::Stage::kFullText;
  } else {
    return Wrong("stage", "title_abstract or full_text");
  }
  if (r.kind == "undo") return r;
  bool known = false;
  for (auto v : {screen::Verdict::kInclude, screen::Verdict::kExclude, screen::Verdict::kMaybe}) {
    if (verdict == screen::VerdictName(v)) r.verdict = v, known = true;
  }
  if (!known) return Wrong("verdict", "include, exclude or maybe");
  return r;
}

Result<lit::HighlightRequest> HighlightRequestFromJson(const Json& j) {
  RequestReader r(j, {"texts", "include", "exclude"});
  lit::HighlightRequest q;
  r.Get("texts", &q.texts, RequestReader::kRequired);
  r.Get("include", &q.include);
  r.Get("exclude", &q.exclude);
  return r.Done(std::move(q));
}

Json ToJson(const std::vector<std::vector<lit::HighlightSpan>>& spans) {
  Json all = Json::array();
  for (const auto& text : spans) {
    Json one = Json::array();
    for (const auto& s : text) one.push_back({{"start", s.start}, {"end", s.end}, {"kind", s.exclude ? "exclude" : "include"}});
    all.push_back(std::move(one));
  }
  return {{"spans", all}};
}

Json ToJson(const lit::RecordGroup& g) {
  Json members = Json::array();
  for (const auto& b : g.members) {
    members.push_back({{"id", b.id.value}, {"title", b.title}, {"first_author", b.first_author},
                       {"year", b.year ? Json(b.year) : Json()}, {"source", biblio::SourceName(b.source)},
                       {"pmid", b.pmid}, {"doi", b.doi}, {"cnki_id", b.cnki_id}});
  }
  return {{"record", g.record}, {"cluster", g.cluster ? Json(g.cluster) : Json()}, {"keep", g.keep ? Json(g.keep) : Json()},
          {"members", members}, {"links", g.links}};
}

Json ToJson(const std::optional<store::StoredCriteria>& c) {
  if (!c) return {{"file", nullptr}, {"text", nullptr}, {"time_utc", nullptr}};
  return {{"file", c->file}, {"text", c->text}, {"time_utc", c->time_utc}};
}

}  // namespace carta::api
