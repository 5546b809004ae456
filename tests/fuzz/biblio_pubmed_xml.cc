// Harness: the pubmed_xml reader (biblio::Read... through ReadText), then the
// round trips of biblio_harness.h over the records it returns.
#include "biblio_harness.h"

CARTA_FUZZ_TARGET(biblio_pubmed_xml) { return carta::fuzz::FuzzBiblio(carta::biblio::Format::kPubmedXml, data, size); }
