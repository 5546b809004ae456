// Harness: the refworks reader (biblio::Read... through ReadText), then the
// round trips of biblio_harness.h over the records it returns.
#include "biblio_harness.h"

CARTA_FUZZ_TARGET(biblio_refworks) { return carta::fuzz::FuzzBiblio(carta::biblio::Format::kRefWorks, data, size); }
