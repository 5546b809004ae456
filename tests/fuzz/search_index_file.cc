// Harness: the search index cache file (<db>.index), as Index::Load reads
// it after a torn write or a disk error: Deserialize refuses what is not an
// intact index (Corruption) and an index it accepts answers queries and
// serialises back to the same bytes.
#include <string>

#include "carta/search/index.h"
#include "carta/search/query.h"
#include "fuzz.h"

CARTA_FUZZ_TARGET(search_index_file) {
  const std::string bytes(carta::fuzz::Text(data, size));
  carta::Result<carta::search::Index> index = carta::search::Index::Deserialize(bytes);
  if (!index.ok()) return 0;
  FUZZ_CHECK(index->Serialize() == bytes);
  for (const char* q : {"lymphoma", "car t cell*[tiab] OR smith[au]", "2020:2024[dp] NOT blood[ta]"}) {
    carta::Result<carta::search::Query> query = carta::search::ParsePubmed(q);
    FUZZ_CHECK(query.ok());
    const carta::search::SearchResult hits = index->Search(*query);
    for (uint32_t doc : hits.docs) FUZZ_CHECK(doc < index->num_docs());
  }
  return 0;
}
