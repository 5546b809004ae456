// The one cohort filter of every evidence listing and analysis (studies,
// meta-analysis, survival pooling, the server's queries): by antigen, by
// indication with its sub-types, by product.
#ifndef CARTA_EVIDENCE_FILTER_H_
#define CARTA_EVIDENCE_FILTER_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"

namespace carta::evidence {

struct CohortFilter {
  std::string target;      // canonical antigen ("CD19", "BCMA"); "" for any
  std::string indication;  // canonical indication; matches its sub-types (LBCL includes DLBCL); "" for any
  std::string product_id;  // a product's record id; "" for any

  bool empty() const { return target.empty() && indication.empty() && product_id.empty(); }

  // True when `c` targets `target` (one of its antigens), treats an indication
  // within `indication`, and is of product `product_id`, for each one given.
  bool Matches(const Cohort& c) const;

  // The filters as words: {"target CD19", "indication LBCL", "product kymriah"}.
  std::vector<std::string> Describe() const;
};

// The filter for what a user typed: any spelling of an antigen or indication
// that the data format accepts, a product's brand, INN, code or Chinese name.
// Empty strings filter nothing. Fails with InvalidArgument (an unknown antigen
// or indication, with the accepted ones) or NotFound (no such product); the
// status's field is "target", "indication" or "product".
Result<CohortFilter> ResolveCohortFilter(const EvidenceBase& eb, const std::string& target,
                                         const std::string& indication, const std::string& product);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_FILTER_H_
