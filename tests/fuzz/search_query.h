// The body shared by the two query languages' harnesses: parse, explain,
// evaluate over a small in-memory index (the search tests' eleven records),
// and check that
//   - Search returns increasing document ids below num_docs(), and Count
//     agrees with it;
//   - the explanation is a fixed point: parsed again in its language (PubMed
//     or CNKI), it explains to the same text and finds the same documents.
#ifndef CARTA_TESTS_FUZZ_SEARCH_QUERY_H_
#define CARTA_TESTS_FUZZ_SEARCH_QUERY_H_

#include <string>
#include <vector>

#include "carta/search/index.h"
#include "carta/search/query.h"
#include "fuzz.h"
#include "search/test_corpus.h"

namespace carta::fuzz {

inline const search::Index& SmallIndex() {
  static const search::Index* index = [] {
    search::IndexBuilder builder(search::BuildOptions{1, 16384});
    for (const biblio::Record& r : search::testing::Corpus()) builder.Add(r);
    return new search::Index(builder.Finish());
  }();
  return *index;
}

// Parses a query's explanation again (ParsePubmed or ParseCnki).
using Reparse = Result<search::Query> (*)(std::string_view);

inline void CheckQuery(const search::Query& query, Reparse reparse) {
  const search::Index& index = SmallIndex();
  const search::SearchResult hits = index.Search(query);
  for (size_t i = 0; i < hits.docs.size(); ++i) {
    FUZZ_CHECK(hits.docs[i] < index.num_docs());
    FUZZ_CHECK(i == 0 || hits.docs[i - 1] < hits.docs[i]);
  }
  FUZZ_CHECK(index.Count(query) == hits.docs.size());
  const std::string explained = query.Explain();
  if (explained.empty()) return;
  Result<search::Query> again = reparse(explained);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->Explain() == explained);
  FUZZ_CHECK(index.Search(*again).docs == hits.docs);
}

}  // namespace carta::fuzz

#endif  // CARTA_TESTS_FUZZ_SEARCH_QUERY_H_
