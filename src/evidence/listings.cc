#include "carta/evidence/listings.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "carta/core/text.h"
#include "carta/evidence/build.h"

namespace carta::evidence {

namespace {

// "" stays "" (no filter); anything else must be a word of `kind`'s `key`.
Result<std::string> CanonicalOrEmpty(const std::string& kind, const std::string& key, const std::string& value,
                                     const std::string& field) {
  if (value.empty()) return value;
  auto v = CanonicalValue(kind, key, value);
  if (!v.ok()) return v.status().WithField(field);
  return v;
}

std::optional<CohortValue> FirstOf(const Cohort& c, const std::string& key) {
  const CohortValue* v = c.First(key);
  return v ? std::optional<CohortValue>(*v) : std::nullopt;
}

}  // namespace

// ---- Products ----

std::string StructureSummary(const Construct& k) {
  std::vector<std::string> parts;
  if (!k.binder_clone.empty()) parts.push_back(k.binder_clone);
  if (!k.vector.empty() && k.vector != "unknown") parts.push_back(k.vector);
  if (k.cd4_cd8 == "1:1") parts.push_back("CD4:CD8 1:1");
  parts.push_back("CD3ζ+" + text::Join(k.costim, "+"));
  return text::Join(parts, ", ");
}

std::string ApprovalSummary(const Approval& a) {
  std::string s = a.agency + " " + a.date.ToString() + " " + text::Join(a.indications, "/");
  if (!a.population.empty() && a.population != "all") s += " (" + a.population + ")";
  if (a.age_max_years > 0) s += " (<" + std::to_string(a.age_max_years) + " y)";
  if (a.line == "2L") s += " 2L";
  return s;
}

Result<ProductsResult> ListProducts(const EvidenceBase& eb, const ProductsRequest& request) {
  auto target = CanonicalOrEmpty("product", "target", request.target, "target");
  if (!target.ok()) return target.status();
  auto agency = CanonicalOrEmpty("approval", "agency", request.agency, "agency");
  if (!agency.ok()) return agency.status();
  ProductsResult out;
  for (const auto& p : eb.products) {
    if (!target->empty() && std::find(p.targets.begin(), p.targets.end(), *target) == p.targets.end()) continue;
    const auto approvals = eb.ApprovalsOf(p.id);
    if (!agency->empty() &&
        std::none_of(approvals.begin(), approvals.end(), [&](const Approval* a) { return a->agency == *agency; })) {
      continue;
    }
    ProductRow row{p.id, p.targets, p.brand, "", p.inn, p.codes, p.developer, "", 0, {}};
    if (!p.names_zh.empty() && p.names_zh[0] != p.brand) row.name_zh = p.names_zh[0];
    for (const Approval* a : approvals) row.approvals.push_back(*a);
    if (const Construct* k = p.construct_id.empty() ? nullptr : eb.FindConstruct(p.construct_id)) {
      row.structure = StructureSummary(*k);
      row.generation = DeriveGeneration(*k).generation;
    }
    out.products.push_back(std::move(row));
  }
  return out;
}

// ---- Cohorts ----

std::string SurvivalSummary(const Cohort& c) {
  std::vector<std::string> parts;
  for (const auto& v : c.values) {
    if (!IsSurvivalKey(v.key)) continue;
    const size_t underscore = v.key.find('_');
    std::string name = v.key.substr(0, underscore);
    for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const std::string what = v.key.substr(underscore + 1);
    if (what == "median") {
      parts.push_back(name + " median " + v.Display());
    } else {
      parts.push_back(name + " " + what.substr(0, what.size() - 2) + " mo " + v.Display());
    }
  }
  return text::Join(parts, "; ");
}

std::string CohortProductLabel(const EvidenceBase& eb, const Cohort& c) {
  if (!c.product_id.empty()) {
    const auto* p = eb.FindProduct(c.product_id);
    if (c.product_as_printed != p->brand) return p->brand + " (as " + c.product_as_printed + ")";
    return p->brand;
  }
  if (!c.construct_as_printed.empty()) return c.construct_as_printed;
  return text::Join(c.targets, "/") + " CAR-T";
}

Result<CohortsResult> ListCohorts(const EvidenceBase& eb, const CohortsRequest& request) {
  auto filter = ResolveCohortFilter(eb, request.target, request.indication, request.product);
  if (!filter.ok()) return filter.status();
  CohortsResult out{*filter, request.location, {}};
  for (const auto& c : eb.cohorts) {
    if (!filter->Matches(c)) continue;
    if (!request.location.empty() && !c.HasValuesFrom(request.location)) continue;
    CohortRow row;
    row.id = c.id;
    row.product_id = c.product_id;
    row.product_label = CohortProductLabel(eb, c);
    row.acronym = c.acronym;
    row.registry = c.registry;
    row.phase = c.phase;
    row.indications = c.indications;
    row.n = c.N();
    row.n_summed = row.n && c.NIsSummed();
    row.followup = FirstOf(c, "followup_median");
    row.orr = FirstOf(c, "orr");
    row.crr = FirstOf(c, "crr");
    row.cr_cri = FirstOf(c, "cr_cri");
    for (const auto& v : c.values) {
      if (!IsSurvivalKey(v.key)) continue;
      const bool seen = std::any_of(row.survival.begin(), row.survival.end(),
                                    [&](const CohortValue& s) { return s.key == v.key; });
      if (!seen) row.survival.push_back(v);
    }
    row.survival_summary = SurvivalSummary(c);
    row.provenance = c.values.empty() ? "" : c.values.front().prov.Short();
    out.cohorts.push_back(std::move(row));
  }
  return out;
}

// ---- One record ----

Result<ShowResult> ShowRecord(const EvidenceBase& eb, const ShowRequest& request) {
  std::vector<const RawRecord*> found;
  for (const auto& r : eb.records) {
    if (r.id == request.id) found.push_back(&r);
  }
  if (found.empty()) {
    if (const auto* p = eb.ResolveProduct(request.id)) found.push_back(eb.FindRecord("product", p->id));
  }
  if (found.empty()) {
    std::vector<std::string> ids;
    for (const auto& r : eb.records) ids.push_back(r.id);
    const std::string hint = text::ClosestMatch(request.id, ids);
    return Status::NotFound("no record or product called '" + request.id + "'" +
                            (hint.empty() ? "" : "; did you mean '" + hint + "'?"))
        .WithField("id");
  }
  ShowResult out;
  auto add = [&](const RawRecord& r, bool related) {
    ShownRecord s{r, related, std::nullopt, {}, {}};
    if (r.kind == "cohort") s.time_points = TimePointsOf(eb, *eb.FindCohort(r.id));
    if (r.kind == "construct") s.generation = DeriveGeneration(*eb.FindConstruct(r.id));
    if (r.kind == "product" && !related) {
      for (const auto& c : eb.cohorts) {
        if (c.product_id == r.id) s.cohorts.push_back(c.id);
      }
    }
    out.records.push_back(std::move(s));
  };
  for (const RawRecord* r : found) add(*r, false);
  // A product brings its construct and approvals along.
  for (const RawRecord* r : found) {
    if (r->kind != "product") continue;
    const auto* p = eb.FindProduct(r->id);
    if (!p->construct_id.empty()) add(*eb.FindRecord("construct", p->construct_id), true);
    for (const auto* a : eb.ApprovalsOf(p->id)) add(*eb.FindRecord("approval", a->id), true);
  }
  return out;
}

// ---- The audit ----

const std::vector<std::string>& SeverityNames() {
  static const std::vector<std::string> kNames = {SeverityName(Severity::kError), SeverityName(Severity::kWarning),
                                                   SeverityName(Severity::kInfo)};
  return kNames;
}

Result<Severity> ParseSeverity(const std::string& name) {
  for (Severity s : {Severity::kError, Severity::kWarning, Severity::kInfo}) {
    if (name == SeverityName(s)) return s;
  }
  return Status::InvalidArgument("'" + name + "' is not a severity (" + text::Join(SeverityNames(), ", ") + ")");
}

Result<AuditResult> RunAudit(const EvidenceBase& eb, const AuditRequest& request) {
  auto min = ParseSeverity(request.severity);
  if (!min.ok()) return min.status().WithField("severity");
  AuditResult out;
  std::vector<Finding> all = Audit(eb);
  all.insert(all.end(), request.more.begin(), request.more.end());
  std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) < static_cast<int>(b.severity);
  });
  for (auto& f : all) {
    (f.severity == Severity::kError ? out.errors : f.severity == Severity::kWarning ? out.warnings : out.infos)++;
    if (static_cast<int>(f.severity) <= static_cast<int>(*min)) out.findings.push_back(std::move(f));
  }
  return out;
}

// ---- Generations ----

GenerationsResult ListGenerations(const EvidenceBase* eb) {
  std::map<int, std::vector<std::string>> examples;
  if (eb) {
    for (const auto& k : eb->constructs) {
      std::string name = k.id;
      for (const auto& p : eb->products) {
        if (p.construct_id == k.id) name = p.brand;
      }
      examples[DeriveGeneration(k).generation].push_back(name);
    }
  }
  GenerationsResult out;
  for (const auto& row : GenerationTable()) out.rows.push_back({row, examples[row.generation]});
  out.unknown = examples[0];
  return out;
}

}  // namespace carta::evidence
