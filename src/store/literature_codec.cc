// The literature tables' small shared facts: a record's identifier key and
// the UTC time stamps. Records are stored with biblio's one record codec
// (biblio::RecordToJson).
#include <chrono>
#include <ctime>

#include "carta/store/literature.h"

namespace carta::store {

std::string RecordIdKey(const biblio::Record& r) {
  if (!r.pmid.empty()) return "pmid:" + r.pmid;
  if (!r.doi.empty()) return "doi:" + r.doi;
  if (!r.cnki_id.empty()) return "cnki:" + r.cnki_id;
  if (!r.database_ids.empty()) return r.database_ids[0].kind + ":" + r.database_ids[0].value;
  return "";
}

std::vector<std::string> RecordIdKeys(const biblio::Record& r) {
  std::vector<std::string> keys;
  if (!r.pmid.empty()) keys.push_back("pmid:" + r.pmid);
  if (!r.doi.empty()) keys.push_back("doi:" + r.doi);
  if (!r.cnki_id.empty()) keys.push_back("cnki:" + r.cnki_id);
  for (const biblio::DatabaseId& id : r.database_ids) keys.push_back(id.kind + ":" + id.value);
  return keys;
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
