// Harness: the search index cache file (<db>.index), as Index::Load reads
// it after a torn write or a disk error: Deserialize refuses what is not an
// intact index (Corruption) and an index it accepts answers queries and
// serialises back to the same bytes.
//
// Every input is tried twice: as given (a random change almost always fails
// the checksum, so this covers the header and trailer checks), and with its
// last 8 bytes replaced by the checksum of the rest, so the fuzzer reaches
// the segment parser (Segment::Open) behind it: a file altered so that its
// checksum still agrees (the checksum guards against accidents, not intent).
#include <string>

#include "carta/search/index.h"
#include "carta/search/query.h"
#include "fuzz.h"
#include "search/coding.h"

namespace {

void CheckIndexBytes(const std::string& bytes) {
  carta::Result<carta::search::Index> index = carta::search::Index::Deserialize(bytes);
  if (!index.ok()) return;
  FUZZ_CHECK(index->Serialize() == bytes);
  for (const char* q : {"lymphoma", "car t cell*[tiab] OR smith[au]", "2020:2024[dp] NOT blood[ta]"}) {
    carta::Result<carta::search::Query> query = carta::search::ParsePubmed(q);
    FUZZ_CHECK(query.ok());
    const carta::search::SearchResult hits = index->Search(*query);
    for (uint32_t doc : hits.docs) FUZZ_CHECK(doc < index->num_docs());
  }
}

}  // namespace

CARTA_FUZZ_TARGET(search_index_file) {
  std::string bytes(carta::fuzz::Text(data, size));
  CheckIndexBytes(bytes);
  if (bytes.size() < 8) return 0;
  bytes.resize(bytes.size() - 8);
  const uint64_t checksum = carta::search::coding::Checksum(bytes);
  carta::search::coding::PutFixed64(&bytes, checksum);
  CheckIndexBytes(bytes);
  return 0;
}
