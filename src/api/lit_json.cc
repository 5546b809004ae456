// JSON of the literature pipeline: results out, requests in.
#include <set>

#include "carta/api/lit.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

Json Year(int year) { return year == 0 ? Json() : Json(year); }
Json CountJson(const screen::Count& n) { return n ? Json(*n) : Json(); }

Json Ids(const std::vector<lit::RecordId>& ids) {
  Json out = Json::array();
  for (lit::RecordId id : ids) out.push_back(id.value);
  return out;
}

Json BriefJson(const lit::RecordBrief& b) {
  return {{"id", b.id.value},         {"source", biblio::SourceName(b.source)},
          {"pmid", b.pmid},           {"doi", b.doi},
          {"cnki_id", b.cnki_id},     {"year", Year(b.year)},
          {"first_author", b.first_author}, {"title", b.title}};
}

Json SummaryJson(const store::ImportSummary& s) {
  Json skips = Json::array();
  for (const auto& i : s.skips) skips.push_back({{"where", i.where}, {"message", i.message}});
  Json warnings = Json::array();
  for (const auto& i : s.warnings) warnings.push_back({{"where", i.where}, {"message", i.message}});
  Json sources = Json::object();
  for (const auto& [source, n] : s.sources) sources[std::string(biblio::SourceName(source))] = n;
  return {{"file", s.file},         {"ok", true},
          {"format", biblio::FormatName(s.format)}, {"source", biblio::SourceName(s.source)},
          {"sources", sources},
          {"read", s.read},         {"added", s.added},
          {"present", s.present},   {"skipped", s.skipped},
          {"deleted", s.deleted},   {"skips", skips}, {"warnings", warnings},
          {"present_ids", s.present_ids}, {"unknown_deletes", s.unknown_deletes},
          {"index_note", s.index_note}};
}

Json StageJson(const lit::StageStatus& s) {
  Json decided = Json::object();
  for (const auto& [reviewer, n] : s.decided_by) decided[reviewer] = n;
  return {{"records", s.records}, {"decided_by", decided}, {"include", s.include}, {"exclude", s.exclude},
          {"maybe", s.maybe},     {"resolved", s.resolved}, {"conflicts", s.conflicts}, {"pending", s.pending}};
}

// An integer >= 0 (JSON parsers and literals give signed integers too).
bool IsCount(const Json& v) { return v.is_number_unsigned() || (v.is_number_integer() && v.get<long long>() >= 0); }

// Reads a request object: every key must be one of `keys`; values are type-checked.
class Reader {
 public:
  Reader(const Json& j, std::set<std::string> keys) : j_(j), keys_(std::move(keys)) {}

  Status Check() const {
    if (!j_.is_object()) return Status::InvalidArgument("a request is a JSON object");
    for (const auto& [key, value] : j_.items()) {
      if (!keys_.count(key)) {
        return Status::InvalidArgument("unknown key '" + key + "'; keys are " +
                                       text::Join(std::vector<std::string>(keys_.begin(), keys_.end()), ", "))
            .WithField(key);
      }
    }
    return Status::Ok();
  }
  Status String(const char* key, std::string* out) const {
    if (!j_.contains(key)) return Status::Ok();
    if (!j_[key].is_string()) return Wrong(key, "a string");
    *out = j_[key].get<std::string>();
    return Status::Ok();
  }
  Status Bool(const char* key, bool* out) const {
    if (!j_.contains(key)) return Status::Ok();
    if (!j_[key].is_boolean()) return Wrong(key, "true or false");
    *out = j_[key].get<bool>();
    return Status::Ok();
  }
  template <typename T>
  Status Count(const char* key, T* out) const {
    if (!j_.contains(key)) return Status::Ok();
    if (!IsCount(j_[key])) return Wrong(key, "a non-negative integer");
    *out = j_[key].get<T>();
    return Status::Ok();
  }
  Status Strings(const char* key, std::vector<std::string>* out) const {
    if (!j_.contains(key)) return Status::Ok();
    const Json& v = j_[key];
    if (!v.is_array()) return Wrong(key, "an array of strings");
    for (const Json& e : v) {
      if (!e.is_string()) return Wrong(key, "an array of strings");
      out->push_back(e.get<std::string>());
    }
    return Status::Ok();
  }
  Status RecordIds(const char* key, std::vector<lit::RecordId>* out) const {
    if (!j_.contains(key)) return Status::Ok();
    if (!j_[key].is_array()) return Wrong(key, "an array of record ids");
    for (const Json& e : j_[key]) {
      if (!IsCount(e)) return Wrong(key, "an array of record ids");
      out->push_back(lit::RecordId{e.get<long>()});
    }
    return Status::Ok();
  }
  Status Pairs(const char* key, std::vector<lit::RecordPair>* out) const {
    if (!j_.contains(key)) return Status::Ok();
    if (!j_[key].is_array()) return Wrong(key, "an array of [id, id] pairs");
    for (const Json& e : j_[key]) {
      if (!e.is_array() || e.size() != 2 || !IsCount(e[0]) || !IsCount(e[1])) {
        return Wrong(key, "an array of [id, id] pairs");
      }
      out->push_back({lit::RecordId{e[0].get<long>()}, lit::RecordId{e[1].get<long>()}});
    }
    return Status::Ok();
  }

 private:
  static Status Wrong(const char* key, const char* what) {
    return Status::InvalidArgument("'" + std::string(key) + "' must be " + what).WithField(key);
  }
  const Json& j_;
  std::set<std::string> keys_;
};

// The first failed status of `steps`, else ok.
Status FirstError(std::initializer_list<Status> steps) {
  for (const Status& s : steps) if (!s.ok()) return s;
  return Status::Ok();
}

}  // namespace

Json ToJson(const lit::ImportResult& r) {
  Json all = Json::array();
  for (const auto& f : r.files) {
    all.push_back(f.status.ok() ? SummaryJson(f.summary)
                                : Json{{"file", f.file}, {"ok", false}, {"error", f.status.message()}});
  }
  return all;
}

Json ToJson(const lit::SearchResult& r) {
  Json records = Json::array();
  for (const auto& b : r.shown) records.push_back(BriefJson(b));
  return {{"number", r.number},   {"syntax", r.run.syntax},           {"query", r.run.query},
          {"count", r.run.records.size()}, {"translation", r.run.translation}, {"warnings", r.run.warnings},
          {"records", records}};
}

Listing RecordsListing(const lit::SearchResult& r) {
  Listing l({{"id", "id"}, {"source", "source"}, {"pmid", "pmid"}, {"doi", "doi"}, {"cnki_id", "cnki id"},
             {"year", "year"}, {"first_author", "first author", 24}, {"title", "title", 70}});
  for (const auto& b : r.shown) {
    l.Add({b.id.value, biblio::SourceName(b.source), b.pmid, b.doi, b.cnki_id, Year(b.year), b.first_author, b.title});
  }
  return l;
}

Listing StrategyListing(const lit::StrategyResult& r) {
  Listing l({{"line", "line"}, {"number", "#"}, {"query", "query", 60}, {"count", "count"}});
  for (const auto& line : r.lines) l.Add({line.line, "#" + std::to_string(line.number), line.query, line.count});
  return l;
}

Listing HistoryListing(const std::vector<store::SearchEntry>& history) {
  Listing l({{"number", "#"}, {"syntax", "syntax"}, {"query", "query", 60}, {"count", "count"}, {"time", "time"}});
  for (const auto& h : history) l.Add({h.number, h.syntax, h.query, h.count, h.time_utc});
  return l;
}

Json ToJson(const lit::DedupResult& r) {
  Json all = Json::array();
  for (const auto& c : r.clusters) {
    Json members = Json::array(), links = Json::array();
    for (const auto& m : c.members) {
      Json j = BriefJson(m.record);
      j["keep"] = m.keep;
      members.push_back(std::move(j));
    }
    for (const auto& l : c.links) {
      links.push_back({{"a", l.a.value}, {"b", l.b.value}, {"reason", l.reason}, {"title_similarity", Number(l.title_similarity)}});
    }
    all.push_back({{"cluster", c.cluster}, {"keep", c.keep.value}, {"members", members}, {"links", links}});
  }
  return all;
}

Listing DedupListing(const lit::DedupResult& r, bool review) {
  if (!review) {
    Listing l({{"cluster", "cluster"}, {"keep", "keep"}, {"members", "members"}, {"sources", "sources"},
               {"reasons", "reasons"}, {"title", "title of the kept record", 60}});
    for (const auto& c : r.clusters) {
      Json ids = Json::array(), sources = Json::array(), reasons = Json::array();
      std::string kept_title;
      for (const auto& m : c.members) {
        ids.push_back(m.record.id.value);
        sources.push_back(biblio::SourceName(m.record.source));
        if (m.keep) kept_title = m.record.title;
      }
      std::set<std::string> seen;
      for (const auto& link : c.links) if (seen.insert(link.reason).second) reasons.push_back(link.reason);
      l.Add({c.cluster, c.keep.value, ids, sources, reasons, kept_title});
    }
    return l;
  }
  Listing l({{"cluster", "cluster"}, {"id", "id"}, {"keep", "keep"}, {"source", "source"}, {"year", "year"},
             {"first_author", "first author", 22}, {"title", "title", 60}, {"linked_by", "linked by"}});
  for (const auto& c : r.clusters) {
    for (const auto& m : c.members) {
      const lit::RecordId id = m.record.id;
      Json why = Json::array();
      for (const auto& link : c.links) {
        if (link.a == id || link.b == id) why.push_back(link.reason + " with " + std::to_string((link.a == id ? link.b : link.a).value));
      }
      l.Add({c.cluster, id.value, m.keep ? "*" : "", biblio::SourceName(m.record.source), Year(m.record.year),
             m.record.first_author, m.record.title, why});
    }
  }
  return l;
}

Listing ConflictsListing(const lit::ConflictsResult& r) {
  const std::string first = r.reviewers.size() > 0 ? r.reviewers[0] : "first";
  const std::string second = r.reviewers.size() > 1 ? r.reviewers[1] : "second";
  Listing l({{"id", "id"}, {"title", "title", 50}, {"first", first}, {"second", second}, {"resolved", "resolved"}});
  for (const auto& c : r.conflicts) {
    l.Add({c.id.value, c.title, c.first, c.second, c.resolved ? Json(*c.resolved) : Json()});
  }
  return l;
}

Json ToJson(const lit::NextResult& r) {
  Json records = Json::array();
  for (size_t k = 0; k < r.records.size(); ++k) {
    const auto& p = r.records[k];
    records.push_back({{"rank", k + 1}, {"id", p.id.value}, {"relevance", p.relevance ? Number(*p.relevance) : Json()},
                       {"title", p.record.title}, {"abstract", p.record.abstract}});
  }
  return {{"reviewer", r.reviewer}, {"cold_start", r.cold_start}, {"why", r.why}, {"records", records}};
}

Json ToJson(const lit::StatusResult& r) {
  return {{"records", r.records},
          {"dedup_applied", r.dedup_applied},
          {"dedup_stale", r.dedup_stale},
          {"duplicates_removed", r.duplicates_removed},
          {"criteria", r.criteria},
          {"excluded_by_criteria", r.excluded_by_criteria},
          {"to_screen", r.to_screen},
          {"reviewers", r.reviewers},
          {"resolver", r.resolver},
          {"title_abstract", StageJson(r.title_abstract)},
          {"full_text", StageJson(r.full_text)}};
}

Json ToJson(const lit::SimulateResult& r) {
  return {{"n_records", r.n_records}, {"n_relevant", r.n_relevant}, {"prior", Ids(r.prior)},
          {"wss95", Number(r.wss95)}, {"wss95_cohen", Number(r.wss95_cohen)}, {"rrf10", Number(r.rrf10)},
          {"order", Ids(r.order)},    {"found", r.found}};
}

Json ToJson(const screen::PrismaCounts& c) {
  Json dbs = Json::array(), reasons = Json::array();
  for (const auto& d : c.databases) dbs.push_back({{"label", d.label}, {"records", CountJson(d.records)}});
  for (const auto& r : c.reports_excluded_by_reason) reasons.push_back({{"reason", r.reason}, {"reports", r.reports}});
  return {{"databases", dbs},
          {"records_from_databases", CountJson(c.records_from_databases)},
          {"records_from_registers", CountJson(c.records_from_registers)},
          {"duplicates_removed", CountJson(c.duplicates_removed)},
          {"removed_by_automation", CountJson(c.removed_by_automation)},
          {"removed_other_reasons", CountJson(c.removed_other_reasons)},
          {"records_screened", CountJson(c.records_screened)},
          {"records_excluded", CountJson(c.records_excluded)},
          {"reports_sought", CountJson(c.reports_sought)},
          {"reports_not_retrieved", CountJson(c.reports_not_retrieved)},
          {"reports_assessed", CountJson(c.reports_assessed)},
          {"reports_excluded", CountJson(c.reports_excluded)},
          {"reports_excluded_by_reason", reasons},
          {"studies_included", CountJson(c.studies_included)},
          {"reports_of_included_studies", CountJson(c.reports_of_included_studies)}};
}

Result<lit::ImportRequest> ImportRequestFromJson(const Json& j) {
  Reader in(j, {"files", "format", "source"});
  lit::ImportRequest r;
  std::string format = "auto", source = "other";
  if (Status s = FirstError({in.Check(), in.Strings("files", &r.files), in.String("format", &format),
                             in.String("source", &source)});
      !s.ok()) {
    return s;
  }
  if (!biblio::ParseFormat(format, &r.format)) return Status::InvalidArgument("unknown format '" + format + "'").WithField("format");
  if (!biblio::ParseSource(source, &r.source)) return Status::InvalidArgument("unknown source '" + source + "'").WithField("source");
  if (r.files.empty()) return Status::InvalidArgument("give at least one file").WithField("files");
  return r;
}

Result<lit::SearchRequest> SearchRequestFromJson(const Json& j) {
  Reader in(j, {"query", "cnki", "show"});
  lit::SearchRequest r;
  if (Status s = FirstError({in.Check(), in.String("query", &r.query), in.Bool("cnki", &r.cnki), in.Count("show", &r.show)});
      !s.ok()) {
    return s;
  }
  return r;
}

Result<lit::StrategyRequest> StrategyRequestFromJson(const Json& j) {
  Reader in(j, {"file", "text", "cnki"});
  lit::StrategyRequest r;
  if (Status s = FirstError({in.Check(), in.String("file", &r.file), in.String("text", &r.text), in.Bool("cnki", &r.cnki)});
      !s.ok()) {
    return s;
  }
  return r;
}

Result<lit::DedupRequest> DedupRequestFromJson(const Json& j) {
  Reader in(j, {"keep_apart", "merge", "apply"});
  lit::DedupRequest r;
  if (Status s = FirstError({in.Check(), in.Pairs("keep_apart", &r.keep_apart), in.Pairs("merge", &r.merge),
                             in.Bool("apply", &r.apply)});
      !s.ok()) {
    return s;
  }
  if (Status s = lit::CheckOverrides(r); !s.ok()) return s;
  return r;
}

Result<lit::CriteriaRequest> CriteriaRequestFromJson(const Json& j) {
  Reader in(j, {"file", "text"});
  lit::CriteriaRequest r;
  if (Status s = FirstError({in.Check(), in.String("file", &r.file), in.String("text", &r.text)}); !s.ok()) return s;
  return r;
}

Result<lit::DecideRequest> DecideRequestFromJson(const Json& j) {
  Reader in(j, {"records", "reviewer", "stage", "verdict", "reason"});
  lit::DecideRequest r;
  std::string stage = "title_abstract", verdict;
  if (Status s = FirstError({in.Check(), in.RecordIds("records", &r.records), in.String("reviewer", &r.reviewer),
                             in.String("stage", &stage), in.String("verdict", &verdict), in.String("reason", &r.reason)});
      !s.ok()) {
    return s;
  }
  auto parsed = lit::ParseStage(stage);
  if (!parsed.ok()) return parsed.status();
  r.stage = *parsed;
  bool known = false;
  for (auto v : {screen::Verdict::kInclude, screen::Verdict::kExclude, screen::Verdict::kMaybe}) {
    if (verdict == screen::VerdictName(v)) r.verdict = v, known = true;
  }
  if (!known) return Status::InvalidArgument("verdict is include, exclude or maybe").WithField("verdict");
  return r;
}

Result<lit::ReviewersRequest> ReviewersRequestFromJson(const Json& j) {
  Reader in(j, {"reviewers", "resolver"});
  lit::ReviewersRequest r;
  if (Status s = FirstError({in.Check(), in.Strings("reviewers", &r.reviewers), in.String("resolver", &r.resolver)});
      !s.ok()) {
    return s;
  }
  return r;
}

Result<lit::NextRequest> NextRequestFromJson(const Json& j) {
  Reader in(j, {"reviewer", "count"});
  lit::NextRequest r;
  if (Status s = FirstError({in.Check(), in.String("reviewer", &r.reviewer), in.Count("count", &r.count)}); !s.ok()) {
    return s;
  }
  return r;
}

Result<lit::SimulateRequest> SimulateRequestFromJson(const Json& j) {
  Reader in(j, {"labels_file", "labels_text", "seed"});
  lit::SimulateRequest r;
  if (Status s = FirstError({in.Check(), in.String("labels_file", &r.labels_file), in.String("labels_text", &r.labels_text),
                             in.Count("seed", &r.seed)});
      !s.ok()) {
    return s;
  }
  return r;
}

Result<lit::ExportRequest> ExportRequestFromJson(const Json& j) {
  Reader in(j, {"query", "cnki", "ids"});
  lit::ExportRequest r;
  if (Status s = FirstError({in.Check(), in.String("query", &r.query), in.Bool("cnki", &r.cnki), in.RecordIds("ids", &r.ids)});
      !s.ok()) {
    return s;
  }
  return r;
}

}  // namespace carta::api
