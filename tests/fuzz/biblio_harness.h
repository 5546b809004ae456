// The body shared by the bibliographic readers' harnesses: read the input as
// one format, then check what carta writes of the records it got:
//   - JSON (the store's encoding): RecordFromJson(RecordToJson(r)) is r;
//   - RIS and CSV: reading what the writer wrote gives as many records, and
//     writing those again gives the same text (the writer's output is a fixed
//     point of write -> read -> write). The inputs that once broke it are kept
//     in tests/fuzz/regressions/ (doc/reliability.md says what each showed).
#ifndef CARTA_TESTS_FUZZ_BIBLIO_HARNESS_H_
#define CARTA_TESTS_FUZZ_BIBLIO_HARNESS_H_

#include <memory>
#include <string>
#include <vector>

#include "carta/biblio/input.h"
#include "carta/biblio/read.h"
#include "carta/biblio/write.h"
#include "fuzz.h"

namespace carta::fuzz {

inline void CheckJsonRoundTrip(const std::vector<biblio::Record>& records) {
  for (const biblio::Record& r : records) {
    const std::string json = biblio::RecordToJson(r);
    Result<biblio::Record> back = biblio::RecordFromJson(json);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(biblio::RecordToJson(*back) == json);
  }
}

// Prints the first line where two writes differ, then fails.
[[noreturn]] inline void FailShowingDifference(std::string_view first, std::string_view second) {
  size_t at = 0;
  while (at < first.size() && at < second.size() && first[at] == second[at]) ++at;
  const size_t line = first.rfind('\n', at) == std::string_view::npos ? 0 : first.rfind('\n', at) + 1;
  auto show = [&](std::string_view text) { return std::string(text.substr(line, text.find('\n', at) - line)); };
  std::fprintf(stderr, "written first:  %s\nwritten again:  %s\n", show(first).c_str(), show(second).c_str());
  Fail(__FILE__, __LINE__, "write -> read -> write gives the same text");
}

// The writer's output is a fixed point: what it writes reads back to as many
// records, and writing those again gives the same text. (Where a record came
// from is not written back.)
inline void CheckWriterFixedPoint(biblio::OutputFormat out, biblio::Format in, std::vector<biblio::Record> records) {
  for (biblio::Record& r : records) r.origin.clear();
  const std::string first = biblio::WriteRecords(out, records);
  biblio::ReadResult again = biblio::ReadText(first, in);
  FUZZ_CHECK(again.status.ok());
  FUZZ_CHECK(again.records.size() == records.size());
  for (biblio::Record& r : again.records) r.origin.clear();
  const std::string second = biblio::WriteRecords(out, again.records);
  if (second != first) FailShowingDifference(first, second);
}

inline void CheckRecords(const std::vector<biblio::Record>& records) {
  CheckJsonRoundTrip(records);
  if (records.empty()) return;  // an empty CSV (a header only) is refused on reading, by design
  CheckWriterFixedPoint(biblio::OutputFormat::kRis, biblio::Format::kRis, records);
  CheckWriterFixedPoint(biblio::OutputFormat::kCsv, biblio::Format::kCsv, records);
}

// Reads `data` as `format` (kAuto: detected) and checks the records.
inline int FuzzBiblio(biblio::Format format, const uint8_t* data, size_t size) {
  biblio::ReadResult result = biblio::ReadText(Text(data, size), format);
  CheckRecords(result.records);
  return 0;
}

// The same through the gzip decoder (a .xml.gz file).
inline int FuzzBiblioGzip(biblio::Format format, const uint8_t* data, size_t size) {
  std::vector<biblio::Record> records;
  biblio::RecordSink sink;
  sink.on_record = [&](biblio::Record&& r) { records.push_back(std::move(r)); };
  auto in = biblio::NewGzipInput(biblio::NewStringInput(Text(data, size)));
  biblio::ReadOptions options;
  (void)biblio::ReadStream(in.get(), format, options, sink);
  CheckRecords(records);
  return 0;
}

}  // namespace carta::fuzz

#endif  // CARTA_TESTS_FUZZ_BIBLIO_HARNESS_H_
