// Harness: CNKI's professional search syntax.
#include "search_query.h"

CARTA_FUZZ_TARGET(search_cnki) {
  carta::Result<carta::search::Query> parsed = carta::search::ParseCnki(carta::fuzz::Text(data, size));
  if (parsed.ok()) carta::fuzz::CheckQuery(*parsed, carta::search::ParseCnki);
  return 0;
}
