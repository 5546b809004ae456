// Harness: the PubMed query language. The input's lines are a search
// history: the last line is the query, the lines before it are #1, #2, ...
#include <string>
#include <vector>

#include "search_query.h"

CARTA_FUZZ_TARGET(search_pubmed) {
  std::vector<std::string> lines;
  std::string_view text = carta::fuzz::Text(data, size);
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string_view::npos; start = nl + 1) {
    lines.emplace_back(text.substr(start, nl - start));
  }
  const std::string query(text.substr(start));
  carta::Result<carta::search::Query> parsed = carta::search::ParsePubmed(query, lines);
  if (parsed.ok()) {
    carta::fuzz::CheckQuery(*parsed, [](std::string_view text) { return carta::search::ParsePubmed(text); });
  }
  return 0;
}
