// Harness: the EndNote XML reader (biblio::Read... through ReadText), then the
// round trips of biblio_harness.h over the records it returns.
#include "biblio_harness.h"

CARTA_FUZZ_TARGET(biblio_endnote_xml) {
  return carta::fuzz::FuzzBiblio(carta::biblio::Format::kEndNoteXml, data, size);
}
