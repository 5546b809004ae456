// The body shared by the bibliographic readers' harnesses: read the input as
// one format, then check what carta writes of the records it got:
//   - JSON (the store's encoding): RecordFromJson(RecordToJson(r)) is r;
//   - RIS and CSV: reading what the writer wrote gives as many records, with
//     the same DOI, title, journal and year, and (RIS) the same authors. CSV
//     joins a list with "; " and does not escape a separator inside an item. Not the whole record:
//     the exact fixed point (write -> read -> write gives the same text) does
//     not hold yet; the inputs that show it are in tests/fuzz/findings/ and
//     doc/reliability.md says what they show.
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

// The fields both writers carry and both readers give back as written.
inline void CheckSameCoreFields(const std::vector<biblio::Record>& written, const biblio::ReadResult& read,
                                bool lists) {
  FUZZ_CHECK(read.status.ok());
  FUZZ_CHECK(read.records.size() == written.size());
  for (size_t i = 0; i < written.size(); ++i) {
    const biblio::Record& a = written[i];
    const biblio::Record& b = read.records[i];
    FUZZ_CHECK(a.doi == b.doi && a.title == b.title && a.journal == b.journal);
    FUZZ_CHECK(a.year == b.year);
    if (lists) FUZZ_CHECK(a.authors == b.authors);
  }
}

inline void CheckRisRoundTrip(const std::vector<biblio::Record>& records) {
  CheckSameCoreFields(records, biblio::ReadText(biblio::WriteRecords(biblio::OutputFormat::kRis, records),
                                                biblio::Format::kRis),
                      /*lists=*/true);
}

inline void CheckCsvRoundTrip(const std::vector<biblio::Record>& records) {
  CheckSameCoreFields(records, biblio::ReadText(biblio::WriteRecords(biblio::OutputFormat::kCsv, records),
                                                biblio::Format::kCsv),
                      /*lists=*/false);
}

inline void CheckRecords(const std::vector<biblio::Record>& records) {
  CheckJsonRoundTrip(records);
  if (records.empty()) return;  // an empty CSV (a header only) is refused on reading, by design
  CheckRisRoundTrip(records);
  CheckCsvRoundTrip(records);
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
