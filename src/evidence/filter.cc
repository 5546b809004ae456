#include "carta/evidence/filter.h"

#include <algorithm>

#include "carta/evidence/build.h"

namespace carta::evidence {

bool CohortFilter::Matches(const Cohort& c) const {
  if (!target.empty() && std::find(c.targets.begin(), c.targets.end(), target) == c.targets.end()) return false;
  if (!product_id.empty() && c.product_id != product_id) return false;
  if (indication.empty()) return true;
  return std::any_of(c.indications.begin(), c.indications.end(),
                     [&](const std::string& i) { return IndicationWithin(i, indication); });
}

std::vector<std::string> CohortFilter::Describe() const {
  std::vector<std::string> out;
  if (!target.empty()) out.push_back("target " + target);
  if (!indication.empty()) out.push_back("indication " + indication);
  if (!product_id.empty()) out.push_back("product " + product_id);
  return out;
}

Result<CohortFilter> ResolveCohortFilter(const EvidenceBase& eb, const std::string& target,
                                         const std::string& indication, const std::string& product) {
  CohortFilter f;
  if (!target.empty()) {
    auto t = CanonicalValue("cohort", "target", target);
    if (!t.ok()) return t.status().WithField("target");
    f.target = *t;
  }
  if (!indication.empty()) {
    auto i = CanonicalValue("cohort", "indication", indication);
    if (!i.ok()) return i.status().WithField("indication");
    f.indication = *i;
  }
  if (!product.empty()) {
    const Product* p = eb.ResolveProduct(product);
    if (!p) return Status::NotFound("no product called '" + product + "'").WithField("product");
    f.product_id = p->id;
  }
  return f;
}

}  // namespace carta::evidence
