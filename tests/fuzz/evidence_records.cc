// Harness: the data-file parser (evidence::ParseRecords) and the property the
// store relies on: for every text ParseRecords accepts, FormatRecords writes
// text that parses to the same records (positions aside), and formatting
// those again gives the same text.
#include <string>
#include <vector>

#include "carta/evidence/record.h"
#include "fuzz.h"

namespace {

using carta::evidence::Observation;
using carta::evidence::RawRecord;

bool SameRecords(const std::vector<RawRecord>& a, const std::vector<RawRecord>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].id != b[i].id || a[i].note != b[i].note) return false;
    if (a[i].fields.size() != b[i].fields.size()) return false;
    for (size_t j = 0; j < a[i].fields.size(); ++j) {
      const Observation& x = a[i].fields[j];
      const Observation& y = b[i].fields[j];
      if (x.key != y.key || x.raw != y.raw || !(x.prov == y.prov) || x.note != y.note) return false;
    }
  }
  return true;
}

}  // namespace

CARTA_FUZZ_TARGET(evidence_records) {
  auto first = carta::evidence::ParseRecords(carta::fuzz::Text(data, size), "fuzz.carta");
  if (!first.ok()) return 0;
  const std::string formatted = carta::evidence::FormatRecords(*first);
  auto second = carta::evidence::ParseRecords(formatted, "formatted.carta");
  FUZZ_CHECK(second.ok());
  FUZZ_CHECK(SameRecords(*first, *second));
  FUZZ_CHECK(carta::evidence::FormatRecords(*second) == formatted);
  return 0;
}
