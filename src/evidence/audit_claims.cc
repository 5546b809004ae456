// The "claim" rule: counts, ranges and rankings stated in the review's text,
// recomputed from the records and compared (doc/data-format.md, [claim]).
#include <algorithm>
#include <cmath>

#include <map>
#include <set>

#include "audit_internal.h"
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

// Products that match a product claim's target and have cohorts of its
// indication, but no approval matching it (Relma-cel's FL cohort without an
// FL approval): where a count of approved products could be the table's omission.
std::vector<std::string> CohortsWithoutApproval(const EvidenceBase& eb, const Claim& c) {
  std::vector<std::string> out;
  const auto indications = FilterValues(c, "indication");
  if (indications.empty()) return out;
  for (const auto& p : eb.products) {
    if (!AnyOf(FilterValues(c, "target"), p.targets) || ProductMatches(eb, c, p)) continue;
    std::vector<std::string> rows;
    for (const auto& co : eb.cohorts) {
      if (co.product_id == p.id && AnyIndicationWithin(co.indications, indications)) rows.push_back(co.id);
    }
    if (!rows.empty()) {
      out.push_back(p.brand + " has " + text::Join(indications, "/") + " cohorts (" + text::Join(rows, ", ") +
                    ") but no matching approval recorded");
    }
  }
  return out;
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
    std::string message = "the text says " + c.value + " products; the approvals give " + std::to_string(names.size()) +
                          (names.empty() ? "" : " (" + text::Join(names, ", ") + ")");
    const auto unapproved = CohortsWithoutApproval(eb, c);
    if (static_cast<long>(names.size()) < *want && !unapproved.empty()) {
      message += ". Either the text is wrong, or the approvals omit one: " + text::Join(unapproved, "; ");
    }
    out->push_back(Fail(c, message));
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

// The distinct products of the matching cohorts, a misfiled row (trial-sponsor)
// counted under the product it belongs to, compared with the text's count and
// with the approvals for the claim's target and indication.
void CheckCountCohortProducts(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  auto want = text::ParseCount(c.value);
  if (!want) {
    out->push_back(Fail(c, "value '" + c.value + "' is not a count"));
    return;
  }
  std::set<std::string> as_filed, corrected;
  std::vector<std::string> refiled;
  for (const auto& co : eb.cohorts) {
    if (!CohortMatches(c, co) || co.product_id.empty()) continue;
    as_filed.insert(co.product_id);
    const std::string right = audit_internal::CorrectedProductId(eb, co);
    if (right == co.product_id) {
      corrected.insert(right);
      continue;
    }
    const Product* p = right.empty() ? nullptr : eb.FindProduct(right);
    refiled.push_back(Label(eb, co) + " is filed under " + eb.FindProduct(co.product_id)->brand +
                      " but belongs to " + (p ? p->brand : "another sponsor's product") + " (rule trial-sponsor)");
    if (!right.empty()) corrected.insert(right);
  }
  auto brands = [&](const std::set<std::string>& ids) {
    std::vector<std::string> names;
    for (const auto& id : ids) names.push_back(eb.FindProduct(id)->brand);
    return text::Join(names, ", ");
  };
  std::set<std::string> approved;
  Claim on_approvals = c;  // the same target and indication, over the approvals
  on_approvals.where.clear();
  for (const auto& w : c.where) {
    if (w.first == "target" || w.first == "indication") on_approvals.where.push_back(w);
  }
  for (const auto& p : eb.products) {
    if (ProductMatches(eb, on_approvals, p)) approved.insert(p.id);
  }
  if (static_cast<long>(corrected.size()) == *want) return;
  std::string message = "the text says " + c.value + " products; the matching cohorts are of " +
                        std::to_string(corrected.size()) + " (" + brands(corrected) + ")";
  if (!refiled.empty()) {
    message += ", not the " + std::to_string(as_filed.size()) + " they are filed under, since " +
               text::Join(refiled, "; ") + ": a misfiled row cannot confirm the count";
  }
  message += "; the approvals give " + std::to_string(approved.size()) + " (" + brands(approved) + ")";
  out->push_back(Fail(c, message));
}

// Every matching cohort's `field` is below `value` ("median RFS and OS all
// below 24 months"). A median not reached is below nothing it can be checked against.
void CheckBelow(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  auto want = ClaimNumber(c.field, c.value);
  if (!want) {
    out->push_back(Fail(c, "value '" + c.value + "' is not a number for " + c.field));
    return;
  }
  std::vector<std::string> above;
  int checked = 0;
  for (const auto& co : eb.cohorts) {
    if (!CohortMatches(c, co)) continue;
    const CohortValue* v = FieldValue(c, co);
    if (!v) continue;
    ++checked;
    const double x = v->Number();
    if (std::isnan(x) || x >= *want) above.push_back(Label(eb, co) + " " + v->Display());
  }
  if (checked == 0) {
    Finding f = Fail(c, "no matching cohort has " + c.field + ": the data cannot support or refute the claim");
    f.severity = Severity::kWarning;
    out->push_back(std::move(f));
  } else if (!above.empty()) {
    out->push_back(Fail(c, "the text says every " + c.field + " is below " + c.value + "; not so for " +
                               text::Join(above, "; ")));
  }
}

// Each product's best `field` over the matching cohorts, best first.
std::vector<std::pair<std::string, double>> ProductRanking(const EvidenceBase& eb, const Claim& c) {
  std::map<std::string, double> best;
  for (const auto& co : eb.cohorts) {
    if (!CohortMatches(c, co) || co.product_id.empty()) continue;
    const CohortValue* v = FieldValue(c, co);
    if (!v || std::isnan(v->Number())) continue;
    auto [it, fresh] = best.emplace(co.product_id, v->Number());
    if (!fresh) it->second = std::max(it->second, v->Number());
  }
  std::vector<std::pair<std::string, double>> ranking(best.begin(), best.end());
  std::stable_sort(ranking.begin(), ranking.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return ranking;
}

// The products the text names as the higher ones ("Abecma, Carvykti and 福可苏
// respond best") must be the top of the ranking: no unnamed product above a named one.
void CheckTop(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  const auto ranking = ProductRanking(eb, c);
  std::vector<std::string> shown, problems;
  double lowest_named = INFINITY;
  for (const auto& [id, value] : ranking) {
    shown.push_back(eb.FindProduct(id)->brand + " " + text::Fixed(value, 1) + (c.field == "n" ? "" : "%"));
    if (ContainsCi(c.products, id)) lowest_named = std::min(lowest_named, value);
  }
  for (const auto& id : c.products) {
    if (std::none_of(ranking.begin(), ranking.end(), [&](const auto& r) { return r.first == id; })) {
      problems.push_back(eb.FindProduct(id)->brand + " has no matching cohort with " + c.field);
    }
  }
  for (const auto& [id, value] : ranking) {
    if (!ContainsCi(c.products, id) && value > lowest_named + 1e-9) {
      problems.push_back(eb.FindProduct(id)->brand + " is not named but is above a named product");
    }
  }
  if (!ranking.empty() && ContainsCi(c.products, ranking.back().first) && ranking.size() > c.products.size()) {
    problems.push_back(eb.FindProduct(ranking.back().first)->brand + ", named, is the lowest");
  }
  if (!problems.empty()) {
    out->push_back(Fail(c, "the text names the higher " + c.field + " as " + std::to_string(c.products.size()) +
                               " products; the data rank " + text::Join(shown, " > ") + ": " +
                               text::Join(problems, "; ")));
  }
}

// `product` has the most matching cohorts (property cohorts) or the most
// distinct approved indications (property indications, LBCL's sub-types as
// one); ties allowed.
void CheckMost(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  std::map<std::string, std::set<std::string>> items;  // product -> cohorts or indications
  if (c.property == "cohorts") {
    for (const auto& co : eb.cohorts) {
      const std::string id = audit_internal::CorrectedProductId(eb, co);
      if (!id.empty() && CohortMatches(c, co)) items[id].insert(co.id);
    }
  } else {
    for (const auto& a : eb.approvals) {  // sub-types of LBCL (DLBCL, HGBL, PMBCL) count as LBCL
      for (const auto& i : a.indications) items[a.product_id].insert(IndicationWithin(i, "LBCL") ? "LBCL" : i);
    }
  }
  const size_t mine = items[c.product].size();
  std::vector<std::string> more;
  for (const auto& [id, set] : items) {
    if (set.size() > mine) {
      more.push_back(eb.FindProduct(id)->brand + " " + std::to_string(set.size()) + " (" + text::Join(
                         std::vector<std::string>(set.begin(), set.end()), ", ") + ")");
    }
  }
  if (!more.empty()) {
    const std::string what = c.property == "cohorts" ? "matching cohorts" : "approved indications";
    out->push_back(Fail(c, "the text says " + eb.FindProduct(c.product)->brand + " has the most " + what + "; it has " +
                               std::to_string(mine) + ", fewer than " + text::Join(more, "; ")));
  }
}

// A statement about an indication must cite trials of that indication: each
// acronym in `cites` (its own cohorts, else those of its trial series) needs a
// cohort of the claimed indication.
void CheckCitedIndication(const EvidenceBase& eb, const Claim& c, std::vector<Finding>* out) {
  const std::string indication = FilterValues(c, "indication")[0];
  std::vector<std::string> wrong, missing;
  for (const auto& cited : c.cites) {
    const std::string want = text::ToLower(cited);
    std::vector<const Cohort*> exact, series;
    for (const auto& co : eb.cohorts) {
      const std::string have = text::ToLower(co.acronym);
      if (have == want) exact.push_back(&co);
      else if (text::StartsWith(have, want) && !std::isalpha(static_cast<unsigned char>(have[want.size()]))) {
        series.push_back(&co);
      }
    }
    const auto& found = exact.empty() ? series : exact;
    if (found.empty()) {
      missing.push_back(cited);
      continue;
    }
    std::vector<std::string> others;
    bool of_indication = false;
    for (const Cohort* co : found) {
      of_indication = of_indication || AnyIndicationWithin(co->indications, {indication});
      others.push_back(Label(eb, *co) + " (" + text::Join(co->indications, "/") + ")");
    }
    if (!of_indication) wrong.push_back(cited + ": " + text::Join(others, ", "));
  }
  if (!wrong.empty()) {
    out->push_back(Fail(c, "the text cites these trials for " + indication + ", but the data hold them as cohorts of "
                               "another indication: " + text::Join(wrong, "; ")));
  }
  if (!missing.empty()) {
    out->push_back(Fail(c, "no cohort has the acronym " + text::Join(missing, ", ") + ", so the claim cannot be checked"));
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
    else if (c.kind == "count-cohort-products") CheckCountCohortProducts(eb, c, &out);
    else if (c.kind == "below") CheckBelow(eb, c, &out);
    else if (c.kind == "top") CheckTop(eb, c, &out);
    else if (c.kind == "most") CheckMost(eb, c, &out);
    else if (c.kind == "cited-indication") CheckCitedIndication(eb, c, &out);
    else CheckCohortSet(eb, c, &out);
  }
  return out;
}

}  // namespace carta::evidence
