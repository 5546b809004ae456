// Bibliographic records as JSON for the lit_records table: every field of
// biblio::Record, so that a record reads back exactly as it was imported.
#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

#include "carta/store/literature.h"

namespace carta::store {

namespace {

using nlohmann::json;

json MeshJson(const std::vector<biblio::MeshHeading>& mesh) {
  json out = json::array();
  for (const auto& m : mesh) out.push_back({{"descriptor", m.descriptor}, {"major", m.major}, {"qualifiers", m.qualifiers}});
  return out;
}

Status ReadMesh(const json& j, std::vector<biblio::MeshHeading>* mesh) {
  if (!j.is_array()) return Status::Corruption("record JSON: 'mesh' is not an array");
  for (const json& m : j) {
    if (!m.is_object()) return Status::Corruption("record JSON: a MeSH heading is not an object");
    biblio::MeshHeading h;
    h.descriptor = m.value("descriptor", "");
    h.major = m.value("major", false);
    h.qualifiers = m.value("qualifiers", std::vector<std::string>{});
    mesh->push_back(std::move(h));
  }
  return Status::Ok();
}

}  // namespace

std::string RecordToJson(const biblio::Record& r) {
  json j = {{"pmid", r.pmid},
            {"doi", r.doi},
            {"cnki_id", r.cnki_id},
            {"title", r.title},
            {"abstract", r.abstract},
            {"authors", r.authors},
            {"journal", r.journal},
            {"volume", r.volume},
            {"issue", r.issue},
            {"pages", r.pages},
            {"year", r.year},
            {"month", r.month},
            {"day", r.day},
            {"date_text", r.date_text},
            {"language", r.language},
            {"keywords", r.keywords},
            {"mesh", MeshJson(r.mesh)},
            {"publication_types", r.publication_types},
            {"source", std::string(biblio::SourceName(r.source))},
            {"origin", r.origin}};
  // Readers deliver valid UTF-8; replace rather than throw should one not.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<biblio::Record> RecordFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("a stored record is not a JSON object");
  biblio::Record r;
  try {
    r.pmid = j.at("pmid").get<std::string>();
    r.doi = j.at("doi").get<std::string>();
    r.cnki_id = j.at("cnki_id").get<std::string>();
    r.title = j.at("title").get<std::string>();
    r.abstract = j.at("abstract").get<std::string>();
    r.authors = j.at("authors").get<std::vector<std::string>>();
    r.journal = j.at("journal").get<std::string>();
    r.volume = j.at("volume").get<std::string>();
    r.issue = j.at("issue").get<std::string>();
    r.pages = j.at("pages").get<std::string>();
    r.year = j.at("year").get<int>();
    r.month = j.at("month").get<int>();
    r.day = j.at("day").get<int>();
    r.date_text = j.at("date_text").get<std::string>();
    r.language = j.at("language").get<std::string>();
    r.keywords = j.at("keywords").get<std::vector<std::string>>();
    r.publication_types = j.at("publication_types").get<std::vector<std::string>>();
    r.origin = j.at("origin").get<std::string>();
    if (!biblio::ParseSource(j.at("source").get<std::string>(), &r.source)) {
      return Status::Corruption("a stored record has an unknown source");
    }
    if (Status s = ReadMesh(j.at("mesh"), &r.mesh); !s.ok()) return s;
  } catch (const json::exception& e) {
    return Status::Corruption(std::string("a stored record lacks a field or has the wrong type: ") + e.what());
  }
  return r;
}

std::string RecordIdKey(const biblio::Record& r) {
  if (!r.pmid.empty()) return "pmid:" + r.pmid;
  if (!r.doi.empty()) return "doi:" + r.doi;
  if (!r.cnki_id.empty()) return "cnki:" + r.cnki_id;
  return "";
}

std::string NowUtcIso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace carta::store
