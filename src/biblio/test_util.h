// Private test helpers of the biblio module: fixture paths and whole-file
// reads for the tests (the readers themselves stream).
#ifndef CARTA_SRC_BIBLIO_TEST_UTIL_H_
#define CARTA_SRC_BIBLIO_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>

#include "carta/biblio/read.h"

namespace carta::biblio::testing {

// tests/fixtures/biblio/<name> (see SOURCES.md there).
inline std::string FixturePath(const std::string& name) {
  return std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/biblio/" + name;
}

inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(FixturePath(name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads fixture `name` through ReadFile (format detected), collecting everything.
inline ReadResult ReadFixtureFile(const std::string& name, Source source = Source::kOther) {
  ReadResult result;
  RecordSink sink;
  sink.on_record = [&](Record&& r) { result.records.push_back(std::move(r)); };
  sink.on_delete = [&](const std::string& pmid) { result.deleted.push_back(pmid); };
  sink.on_skip = [&](const ReadIssue& issue) { result.issues.push_back(issue); };
  sink.on_warning = [&](const ReadIssue& issue) { result.warnings.push_back(issue); };
  result.status = ReadFile(FixturePath(name), Format::kAuto, source, sink);
  return result;
}

}  // namespace carta::biblio::testing

#endif  // CARTA_SRC_BIBLIO_TEST_UTIL_H_
