// The "claim" rule: counts, ranges and rankings stated in the review's text,
// recomputed from the records and compared (doc/data-format.md, [claim]).
#include <algorithm>
#include <cmath>

#include "carta/core/text.h"
#include "carta/evidence/audit.h"
#include "carta/evidence/generation.h"

namespace carta::evidence {

namespace {

std::vector<std::string> FilterValues(const Claim& c, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : c.where) {
    if (k == key) out.push_back(v);
  }
  return out;
}

bool ContainsCi(const std::vector<std::string>& list, const std::string& v) {
  for (const auto& x : list) {
    if (text::ToLower(x) == text::ToLower(v)) return true;
  }
  return false;
}

// A filter repeated in `where` matches any of its values; different filters must all hold.
bool AnyIndicationWithin(const std::vector<std::string>& have, const std::vector<std::string>& groups) {
  if (groups.empty()) return true;
  for (const auto& i : have) {
    for (const auto& g : groups) {
      if (IndicationWithin(i, g)) return true;
    }
  }
  return false;
}

bool AnyOf(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
  if (wanted.empty()) return true;
  for (const auto& h : have) {
    if (ContainsCi(wanted, h)) return true;
  }
  return false;
}

bool ApprovalMatches(const Claim& c, const Approval& a) {
  return AnyOf(FilterValues(c, "agency"), {a.agency}) &&
         AnyIndicationWithin(a.indications, FilterValues(c, "indication")) &&
         AnyOf(FilterValues(c, "population"), {a.population});
}

bool ProductMatches(const EvidenceBase& eb, const Claim& c, const Product& p) {
  if (!AnyOf(FilterValues(c, "target"), p.targets) || !AnyOf(FilterValues(c, "product"), {p.id})) return false;
  for (const Approval* a : eb.ApprovalsOf(p.id)) {
    if (ApprovalMatches(c, *a)) return true;
  }
  return false;
}

bool CohortMatches(const Claim& c, const Cohort& co) {
  if (!AnyOf(FilterValues(c, "target"), co.targets)) return false;
  if (!AnyIndicationWithin(co.indications, FilterValues(c, "indication"))) return false;
  for (const auto& loc : FilterValues(c, "location")) {
    if (!co.HasValuesFrom(loc)) return false;
  }
  for (const auto& m : FilterValues(c, "marketed")) {
    if ((m == "yes") != !co.product_id.empty()) return false;
  }
  return AnyOf(FilterValues(c, "product"), {co.product_id});
}

// The cohort's value of `field` printed at the claim's location, else its first.
const CohortValue* FieldValue(const Claim& c, const Cohort& co) {
  auto locs = FilterValues(c, "location");
  for (const CohortValue* v : co.Values(c.field)) {
    if (locs.empty() || v->prov.location == locs[0]) return v;
  }
  return co.First(c.field);
}

// A claim's number in the unit of its field: percent, months or count.
std::optional<double> ClaimNumber(const std::string& field, const std::string& s) {
  if (field == "n") {
    auto n = text::ParseCount(text::Trim(s));
    if (n) return static_cast<double>(*n);
    return std::nullopt;
  }
  if (field == "followup_median" || text::EndsWith(field, "_median")) {
    auto d = ParseDuration(s);
    if (d.ok()) return d->months();
    return std::nullopt;
  }
  auto r = ParseRate(s);
  if (r.ok() && r->known()) return r->percent;
  return std::nullopt;
}

std::string Label(const EvidenceBase& eb, const Cohort& co) {
  const Product* p = co.product_id.empty() ? nullptr : eb.FindProduct(co.product_id);
  std::string name = p ? p->brand : co.construct_as_printed;
  if (!co.acronym.empty()) name += " " + co.acronym;
  return name.empty() ? co.id : name;
}

Finding Fail(const Claim& c, const std::string& message) {
  return {Severity::kError, "claim", "claim " + c.id, message, {{"text", c.text, c.prov, c.pos}}};
}

void CheckCountProducts(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  std::vector<std::string> names;
  for (const auto& p : eb.products) {
    if (ProductMatches(eb, c, p)) names.push_back(p.brand);
  }
  auto want = text::ParseCount(c.value);
  if (!want) {
    out->push_back(Fail(c, "value '" + c.value + "' is not a count"));
    return;
  }
  if (static_cast<long>(names.size()) != *want) {
    Finding f = Fail(c, "the text says " + c.value + " products; the approvals give " + std::to_string(names.size()) +
                            (names.empty() ? "" : " (" + text::Join(names, ", ") + ")"));
    out->push_back(std::move(f));
  }
}

void CheckCohortSet(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  std::vector<std::pair<const Cohort*, const CohortValue*>> rows;
  for (const auto& co : eb.cohorts) {
    if (!CohortMatches(c, co)) continue;
    rows.push_back({&co, c.field.empty() ? nullptr : FieldValue(c, co)});
  }
  if (c.kind == "count-cohorts") {
    auto want = text::ParseCount(c.value);
    if (!want) {
      out->push_back(Fail(c, "value '" + c.value + "' is not a count"));
    } else if (static_cast<long>(rows.size()) != *want) {
      out->push_back(Fail(c, "the text says " + c.value + " studies; the data hold " + std::to_string(rows.size()) +
                                 " matching cohorts"));
    }
    return;
  }
  std::vector<std::pair<const Cohort*, const CohortValue*>> valued;
  for (const auto& r : rows) {
    if (r.second && !std::isnan(r.second->Number())) valued.push_back(r);
  }
  if (valued.empty()) {
    out->push_back(Fail(c, "no cohort matches, so the claim cannot be checked"));
    return;
  }
  auto by_value = [](const auto& a, const auto& b) { return a.second->Number() < b.second->Number(); };
  auto lo = *std::min_element(valued.begin(), valued.end(), by_value);
  auto hi = *std::max_element(valued.begin(), valued.end(), by_value);
  auto show = [&](const std::pair<const Cohort*, const CohortValue*>& r) {
    return Label(eb, *r.first) + " " + r.second->Display();
  };
  const double tol = 0.05 + 1e-9;  // claims round to whole or one-decimal percentages
  if (c.kind == "range") {
    size_t dash = c.value.find('-');
    auto a = dash == std::string::npos ? std::nullopt : ClaimNumber(c.field, c.value.substr(0, dash));
    auto b = dash == std::string::npos ? std::nullopt : ClaimNumber(c.field, c.value.substr(dash + 1));
    if (!a || !b) {
      out->push_back(Fail(c, "value '" + c.value + "' is not a range such as '53%-100%'"));
      return;
    }
    if (std::fabs(lo.second->Number() - *a) > 0.5 || std::fabs(hi.second->Number() - *b) > 0.5) {
      out->push_back(Fail(c, "the text gives " + c.value + "; the data range from " + show(lo) + " to " + show(hi)));
    }
  } else if (c.kind == "at-least") {
    auto want = ClaimNumber(c.field, c.value);
    if (!want) {
      out->push_back(Fail(c, "value '" + c.value + "' is not a number for " + c.field));
      return;
    }
    std::vector<std::string> below;
    for (const auto& r : valued) {
      if (r.second->Number() < *want - tol) below.push_back(show(r));
    }
    if (!below.empty()) {
      out->push_back(Fail(c, "the text says every one is at least " + c.value + "; below it: " + text::Join(below, "; ")));
    }
  } else if (c.kind == "max") {
    auto want = ClaimNumber(c.field, c.value);
    if (!want) {
      out->push_back(Fail(c, "value '" + c.value + "' is not a number for " + c.field));
      return;
    }
    if (std::fabs(hi.second->Number() - *want) > 0.5) {
      out->push_back(Fail(c, "the text gives a maximum of " + c.value + "; the data's is " + show(hi)));
    }
  } else if (c.kind == "best") {
    double best_of_product = -INFINITY;
    for (const auto& r : valued) {
      if (r.first->product_id == c.product) best_of_product = std::max(best_of_product, r.second->Number());
    }
    if (best_of_product < hi.second->Number()) {
      out->push_back(Fail(c, "the text names " + c.product + " best; the data's best is " + show(hi)));
    }
  }
}

void CheckFirst(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  const Approval* earliest = nullptr;
  for (const auto& a : eb.approvals) {
    const Product* p = eb.FindProduct(a.product_id);
    if (!AnyOf(FilterValues(c, "target"), p->targets) || !ApprovalMatches(c, a)) continue;
    if (!earliest || a.date.Ordinal() < earliest->date.Ordinal()) earliest = &a;
  }
  if (!earliest) {
    out->push_back(Fail(c, "no approval matches, so the claim cannot be checked"));
    return;
  }
  bool tied = false;
  for (const Approval* a : eb.ApprovalsOf(c.product)) {
    tied = tied || (ApprovalMatches(c, *a) && a->date.Ordinal() == earliest->date.Ordinal());
  }
  if (!tied) {
    const Product* p = eb.FindProduct(earliest->product_id);
    out->push_back(Fail(c, "the text calls " + c.product + " the first; the earliest matching approval is " + p->brand +
                               " (" + earliest->agency + " " + earliest->date.ToString() + ")"));
  }
}

std::string ConstructProperty(const Construct& k, const std::string& key) {
  if (key == "generation") return std::to_string(DeriveGeneration(k).generation);
  if (key == "cell_source") return k.cell_source;
  if (key == "binder_clone") return k.binder_clone;
  if (key == "binder") return k.binder;
  if (key == "vector") return k.vector;
  if (key == "cd4_cd8") return k.cd4_cd8;
  if (key == "signal") return k.signal;
  return "?";
}

void CheckAllProducts(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  size_t sp = c.property.find(' ');
  const std::string key = c.property.substr(0, sp);
  const std::string want(text::Trim(c.property.substr(sp + 1)));
  if (ConstructProperty(Construct(), key) == "?") {
    out->push_back(Fail(c, "property '" + key + "' is not one of generation, cell_source, binder_clone, binder, vector, cd4_cd8, signal"));
    return;
  }
  std::vector<std::string> failing;
  for (const auto& p : eb.products) {
    if (ContainsCi(c.except, p.id)) continue;
    const bool approval_filters = !FilterValues(c, "agency").empty() || !FilterValues(c, "indication").empty() ||
                                  !FilterValues(c, "population").empty();
    if (approval_filters ? !ProductMatches(eb, c, p)
                         : !AnyOf(FilterValues(c, "target"), p.targets) || !AnyOf(FilterValues(c, "product"), {p.id})) {
      continue;
    }
    const Construct* k = p.construct_id.empty() ? nullptr : eb.FindConstruct(p.construct_id);
    std::string have = k ? ConstructProperty(*k, key) : "no construct recorded";
    if (text::ToLower(have) != text::ToLower(want)) failing.push_back(p.brand + " (" + key + " " + (have.empty() ? "not recorded" : have) + ")");
  }
  if (!failing.empty()) {
    out->push_back(Fail(c, "the text says every product has " + c.property + "; not so for " + text::Join(failing, ", ")));
  }
}

}  // namespace

std::vector<Finding> AuditClaims(const EvidenceBase& eb) {
  std::vector<Finding> out;
  for (const auto& c : eb.claims) {
    if (c.kind == "count-products") CheckCountProducts(eb, c, &out);
    else if (c.kind == "first") CheckFirst(eb, c, &out);
    else if (c.kind == "all-products") CheckAllProducts(eb, c, &out);
    else CheckCohortSet(eb, c, &out);
  }
  return out;
}

}  // namespace carta::evidence
