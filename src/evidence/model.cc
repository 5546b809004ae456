#include "carta/evidence/model.h"

#include <cmath>
#include <map>

#include "carta/core/text.h"

namespace carta::evidence {

std::vector<std::string> Product::AllNames() const {
  std::vector<std::string> out = {brand};
  if (!inn.empty()) out.push_back(inn);
  for (const auto* list : {&short_names, &codes, &names_zh}) out.insert(out.end(), list->begin(), list->end());
  return out;
}

std::string CohortValue::Display() const {
  switch (kind) {
    case Kind::kCount: return std::to_string(count);
    case Kind::kRate: return rate.ToString();
    case Kind::kMedian: return median.ToString();
    case Kind::kDuration: return duration.ToString();
  }
  return "";
}

double CohortValue::Number() const {
  switch (kind) {
    case Kind::kCount: return static_cast<double>(count);
    case Kind::kRate: return rate.percent;
    case Kind::kMedian: return median.not_reached ? NAN : median.duration.months();
    case Kind::kDuration: return duration.months();
  }
  return NAN;
}

std::vector<const CohortValue*> Cohort::Values(const std::string& key) const {
  std::vector<const CohortValue*> out;
  for (const auto& v : values) {
    if (v.key == key) out.push_back(&v);
  }
  return out;
}

const CohortValue* Cohort::First(const std::string& key) const {
  for (const auto& v : values) {
    if (v.key == key) return &v;
  }
  return nullptr;
}

std::optional<long> Cohort::N() const {
  if (const CohortValue* n = First("n")) return n->count;
  if (n_by_indication.empty()) return std::nullopt;
  long sum = 0;
  for (const auto& [name, count] : n_by_indication) sum += count;
  return sum;
}

bool Cohort::NIsSummed() const { return !First("n") && !n_by_indication.empty(); }

std::optional<long> Cohort::NFor(const CohortValue& v) const {
  for (const CohortValue* n : Values("n")) {
    if (n->prov.location == v.prov.location) return n->count;
  }
  return N();
}

bool Cohort::HasValuesFrom(const std::string& location) const {
  for (const auto& v : values) {
    if (v.prov.location == location) return true;
  }
  return false;
}

double Cohort::FollowupMonths() const {
  const CohortValue* f = First("followup_median");
  return f ? f->duration.months() : NAN;
}

Status EvidenceBase::Reindex() {
  record_index_.clear();
  product_index_.clear();
  product_names_.clear();
  construct_index_.clear();
  cohort_index_.clear();
  for (size_t i = 0; i < records.size(); ++i) record_index_.emplace(records[i].kind + "/" + records[i].id, i);
  for (size_t i = 0; i < constructs.size(); ++i) construct_index_.emplace(constructs[i].id, i);
  for (size_t i = 0; i < cohorts.size(); ++i) cohort_index_.emplace(cohorts[i].id, i);
  for (size_t i = 0; i < products.size(); ++i) {
    product_index_.emplace(products[i].id, i);
    std::vector<std::string> names = products[i].AllNames();
    names.push_back(products[i].id);
    for (const auto& n : names) {
      auto [it, inserted] = product_names_.emplace(text::ToLower(n), i);
      if (!inserted && it->second != i) {
        return Status::InvalidArgument(products[i].pos.ToString() + ": the name '" + n + "' of product '" +
                                       products[i].id + "' is also a name of product '" + products[it->second].id +
                                       "'; names must identify one product");
      }
    }
  }
  return Status::Ok();
}

const Product* EvidenceBase::FindProduct(const std::string& id) const {
  auto it = product_index_.find(id);
  return it == product_index_.end() ? nullptr : &products[it->second];
}

const Construct* EvidenceBase::FindConstruct(const std::string& id) const {
  auto it = construct_index_.find(id);
  return it == construct_index_.end() ? nullptr : &constructs[it->second];
}

const Cohort* EvidenceBase::FindCohort(const std::string& id) const {
  auto it = cohort_index_.find(id);
  return it == cohort_index_.end() ? nullptr : &cohorts[it->second];
}

const RawRecord* EvidenceBase::FindRecord(const std::string& kind, const std::string& id) const {
  auto it = record_index_.find(kind + "/" + id);
  return it == record_index_.end() ? nullptr : &records[it->second];
}

const Product* EvidenceBase::ResolveProduct(const std::string& name) const {
  auto it = product_names_.find(text::ToLower(text::Trim(name)));
  return it == product_names_.end() ? nullptr : &products[it->second];
}

std::vector<const Approval*> EvidenceBase::ApprovalsOf(const std::string& product_id) const {
  std::vector<const Approval*> out;
  for (const auto& a : approvals) {
    if (a.product_id == product_id) out.push_back(&a);
  }
  return out;
}

bool IndicationWithin(const std::string& indication, const std::string& group) {
  if (indication == group) return true;
  // WHO classification of haematolymphoid tumours, 5th edition: DLBCL, PMBCL and
  // HGBL are large B-cell lymphomas; LBCL, FL, MCL and CLL/SLL are B-cell NHL.
  static const std::map<std::string, std::string> kParent = {
      {"DLBCL", "LBCL"}, {"PMBCL", "LBCL"}, {"HGBL", "LBCL"}, {"LBCL", "B-NHL"}, {"FL", "B-NHL"},
      {"MCL", "B-NHL"},  {"CLL/SLL", "B-NHL"}, {"B-NHL", "NHL"}};
  auto it = kParent.find(indication);
  int guard = 0;
  while (it != kParent.end() && guard++ < 8) {
    if (it->second == group) return true;
    it = kParent.find(it->second);
  }
  return false;
}

bool IsSurvivalKey(const std::string& key) {
  for (const char* e : {"os_", "pfs_", "efs_", "rfs_"}) {
    if (text::StartsWith(key, e)) return true;
  }
  return false;
}

}  // namespace carta::evidence
