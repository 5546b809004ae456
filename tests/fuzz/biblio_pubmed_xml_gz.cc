// Harness: PubMed XML through the gzip decoder (a .xml.gz baseline file): a
// corrupt, truncated or bomb-like stream ends in a Status, never a crash.
#include "biblio_harness.h"

CARTA_FUZZ_TARGET(biblio_pubmed_xml_gz) {
  return carta::fuzz::FuzzBiblioGzip(carta::biblio::Format::kPubmedXml, data, size);
}
