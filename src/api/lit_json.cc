// JSON of the literature pipeline: results out, requests in.
#include <set>

#include "carta/api/lit.h"
#include "carta/api/request.h"
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

// A record id: a whole number, 0 or more.
Result<lit::RecordId> RecordIdIn(const Json& v) {
  if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<long long>() < 0)) {
    return Status::InvalidArgument(std::string("must be a record id (a whole number), got ") + v.type_name());
  }
  return lit::RecordId{v.get<long>()};
}

// A pair of record ids: [id, id].
Result<lit::RecordPair> PairIn(const Json& v) {
  if (!v.is_array() || v.size() != 2) return Status::InvalidArgument("must be a pair [id, id]");
  auto a = RecordIdIn(v[0]), b = RecordIdIn(v[1]);
  if (!a.ok()) return a.status();
  if (!b.ok()) return b.status();
  return lit::RecordPair{*a, *b};
}

// A library parser of the form bool(text, out*) as a Result, naming what it refused.
template <typename T>
auto NameParser(bool (*parse)(std::string_view, T*), const char* what) {
  return [parse, what](const std::string& name) -> Result<T> {
    T value{};
    if (!parse(name, &value)) return Status::InvalidArgument(std::string("unknown ") + what + " '" + name + "'");
    return value;
  };
}

Result<screen::Verdict> ParseVerdict(const std::string& name) {
  for (auto v : {screen::Verdict::kInclude, screen::Verdict::kExclude, screen::Verdict::kMaybe}) {
    if (name == screen::VerdictName(v)) return v;
  }
  return Status::InvalidArgument("verdict is include, exclude or maybe");
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

namespace {

// `columns`: "title=Article Title,doi=DOI" as the command's --columns, or
// the same map as an object {"title": "Article Title", "doi": "DOI"}.
Result<std::vector<std::pair<std::string, std::string>>> ColumnMapFromJson(const Json& j) {
  if (j.is_string()) {
    auto map = lit::ParseColumnMap(j.get<std::string>());
    // The reader names the field ("columns"); ParseColumnMap's own field would repeat it.
    if (!map.ok()) return Status::InvalidArgument(map.status().message());
    return map;
  }
  if (!j.is_object()) {
    return Status::InvalidArgument("'columns' must be a text (\"title=Article Title,doi=DOI\") or an object");
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [field, header] : j.items()) {
    if (!header.is_string() || header.get<std::string>().empty()) {
      return Status::InvalidArgument("the header of '" + field + "' must be a non-empty text").WithField(field);
    }
    out.emplace_back(field, header.get<std::string>());
  }
  return out;
}

}  // namespace

Json ToJson(const store::MeshImportSummary& s) {
  return {{"file", s.file}, {"descriptors", s.descriptors}, {"tree_numbers", s.tree_numbers}};
}

Result<lit::ImportRequest> ImportRequestFromJson(const Json& j) {
  RequestReader in(j, {"files", "format", "source", "columns"});
  lit::ImportRequest r;
  in.Get("files", &r.files);
  in.GetWith("columns", &r.columns, ColumnMapFromJson);
  in.GetName("format", &r.format, NameParser(biblio::ParseFormat, "format"));
  in.GetName("source", &r.source, NameParser(biblio::ParseSource, "source"));
  in.Check(!r.files.empty(), "files", "give at least one file");
  return in.Done(std::move(r));
}

Result<lit::SearchRequest> SearchRequestFromJson(const Json& j) {
  RequestReader in(j, {"query", "cnki", "show"});
  lit::SearchRequest r;
  in.Get("query", &r.query);
  in.Get("cnki", &r.cnki);
  in.Get("show", &r.show);
  return in.Done(std::move(r));
}

Result<lit::StrategyRequest> StrategyRequestFromJson(const Json& j) {
  RequestReader in(j, {"file", "text", "cnki"});
  lit::StrategyRequest r;
  in.Get("file", &r.file);
  in.Get("text", &r.text);
  in.Get("cnki", &r.cnki);
  return in.Done(std::move(r));
}

Result<lit::DedupRequest> DedupRequestFromJson(const Json& j) {
  RequestReader in(j, {"keep_apart", "merge", "apply"});
  lit::DedupRequest r;
  in.GetEach("keep_apart", &r.keep_apart, PairIn);
  in.GetEach("merge", &r.merge, PairIn);
  in.Get("apply", &r.apply);
  if (in.ok()) in.Fail(lit::CheckOverrides(r));
  return in.Done(std::move(r));
}

Result<lit::CriteriaRequest> CriteriaRequestFromJson(const Json& j) {
  RequestReader in(j, {"file", "text"});
  lit::CriteriaRequest r;
  in.Get("file", &r.file);
  in.Get("text", &r.text);
  return in.Done(std::move(r));
}

Result<lit::DecideRequest> DecideRequestFromJson(const Json& j) {
  RequestReader in(j, {"records", "reviewer", "stage", "verdict", "reason"});
  lit::DecideRequest r;
  in.GetEach("records", &r.records, RecordIdIn);
  in.Get("reviewer", &r.reviewer);
  in.GetName("stage", &r.stage, lit::ParseStage);
  in.GetName("verdict", &r.verdict, ParseVerdict, RequestReader::kRequired);
  in.Get("reason", &r.reason);
  return in.Done(std::move(r));
}

Result<lit::ReviewersRequest> ReviewersRequestFromJson(const Json& j) {
  RequestReader in(j, {"reviewers", "resolver"});
  lit::ReviewersRequest r;
  in.Get("reviewers", &r.reviewers);
  in.Get("resolver", &r.resolver);
  return in.Done(std::move(r));
}

Result<lit::NextRequest> NextRequestFromJson(const Json& j) {
  RequestReader in(j, {"reviewer", "count"});
  lit::NextRequest r;
  in.Get("reviewer", &r.reviewer);
  in.Get("count", &r.count);
  return in.Done(std::move(r));
}

Result<lit::SimulateRequest> SimulateRequestFromJson(const Json& j) {
  RequestReader in(j, {"labels_file", "labels_text", "seed"});
  lit::SimulateRequest r;
  in.Get("labels_file", &r.labels_file);
  in.Get("labels_text", &r.labels_text);
  in.Get("seed", &r.seed);
  return in.Done(std::move(r));
}

Result<lit::ExportRequest> ExportRequestFromJson(const Json& j) {
  RequestReader in(j, {"query", "cnki", "ids"});
  lit::ExportRequest r;
  in.Get("query", &r.query);
  in.Get("cnki", &r.cnki);
  in.GetEach("ids", &r.ids, RecordIdIn);
  return in.Done(std::move(r));
}

}  // namespace carta::api
