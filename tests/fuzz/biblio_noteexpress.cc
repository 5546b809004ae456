// Harness: the noteexpress reader (biblio::Read... through ReadText), then the
// round trips of biblio_harness.h over the records it returns.
#include "biblio_harness.h"

CARTA_FUZZ_TARGET(biblio_noteexpress) { return carta::fuzz::FuzzBiblio(carta::biblio::Format::kNoteExpress, data, size); }
