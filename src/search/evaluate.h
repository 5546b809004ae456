// Evaluating a query tree on one segment, and the sorted-set operations it is
// built from.
#ifndef CARTA_SRC_SEARCH_EVALUATE_H_
#define CARTA_SRC_SEARCH_EVALUATE_H_

#include <cstdint>
#include <vector>

#include "query_ast.h"
#include "segment.h"

namespace carta::search::internal {

// Appends the ids of the documents of `segment` that match `node`, increasing.
void Evaluate(const Segment& segment, const QueryNode& node, std::vector<uint32_t>* out);

// The number of documents Evaluate would return; single terms are answered
// from the dictionary without reading postings.
uint32_t Count(const Segment& segment, const QueryNode& node);

// Set operations on increasing id lists; `out` must not alias an input.
void Intersect(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out);
void Unite(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out);
void Subtract(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>* out);

// True when positions[i] (increasing, one list per query word) hold the words
// as the node asks: at their offsets (proximity < 0) or within `proximity`
// words of each other in any order (see QueryNode::proximity).
bool PositionsMatch(const std::vector<std::vector<uint32_t>>& positions, const std::vector<QueryWord>& words,
                    int proximity);

}  // namespace carta::search::internal

#endif  // CARTA_SRC_SEARCH_EVALUATE_H_
