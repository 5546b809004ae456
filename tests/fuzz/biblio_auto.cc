// Harness: format detection (Format::kAuto: DetectFormat on the first bytes,
// then that format's reader), then the round trips of biblio_harness.h.
#include "biblio_harness.h"

CARTA_FUZZ_TARGET(biblio_auto) { return carta::fuzz::FuzzBiblio(carta::biblio::Format::kAuto, data, size); }
