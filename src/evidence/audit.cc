#include "carta/evidence/audit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "carta/core/text.h"
#include "audit_internal.h"
#include "carta/evidence/build.h"

namespace carta::evidence {

namespace {

bool IsCohortValue(const std::string& key) {
  static const std::set<std::string> kIdentity = {"product", "construct", "construct_as_printed", "target", "acronym",
                                                  "registry", "phase", "indication", "n_by_indication",
                                                  "disease_status", "population", "age", "tox_scale", "setting"};
  return kIdentity.count(key) == 0;
}

FindingValue Val(const std::string& label, const CohortValue& v) { return {label, v.Display(), v.prov, v.pos}; }

std::string Fmt(double v, int decimals) { return text::Fixed(v, decimals); }

// True when two printed numbers can be the same quantity: they agree once the
// more precise one is rounded to the decimals of the less precise one.
bool SameNumber(double a, int da, double b, int db) {
  int d = std::min(da, db);
  double scale = std::pow(10.0, d);
  return std::fabs(std::round(a * scale) - std::round(b * scale)) < 0.5 ||
         std::fabs(a - b) <= 0.5 / scale + 1e-9;
}

int Decimals(const CohortValue& v) {
  if (v.kind == CohortValue::Kind::kRate && v.rate.form == Rate::Form::kPercent) return v.rate.decimals;
  if (v.kind == CohortValue::Kind::kDuration) return v.duration.decimals;
  if (v.kind == CohortValue::Kind::kMedian && !v.median.not_reached) return v.median.duration.decimals;
  if (v.kind == CohortValue::Kind::kRate) return 1;
  return 0;
}

// Keys whose percentages are crude proportions of the cohort's n (not
// Kaplan-Meier estimates, not shares of a subgroup).
void CrAboveOrr(const Cohort& c, std::vector<Finding>* out) {
  for (const char* cr_key : {"crr", "cr_cri"}) {
    for (const CohortValue* cr : c.Values(cr_key)) {
      bool orr_here = false;
      for (const CohortValue* orr : c.Values("orr")) orr_here = orr_here || orr->prov.location == cr->prov.location;
      for (const CohortValue* orr : c.Values("orr")) {
        if (orr_here && orr->prov.location != cr->prov.location) continue;
        if (cr->rate.percent > orr->rate.percent + 1e-9) {
          out->push_back({Severity::kError, "cr-above-orr", "cohort " + c.id,
                          "the complete-response rate is above the overall response rate, which includes it",
                          {Val("orr", *orr), Val(cr_key, *cr)}});
        }
      }
    }
  }
}

void RateGranularity(const Cohort& c, std::vector<Finding>* out) {
  for (const auto& v : c.values) {
    if (v.kind != CohortValue::Kind::kRate || v.rate.form != Rate::Form::kPercent) continue;
    if (!IsRateOutcome(v.key)) continue;
    std::optional<long> n = c.NFor(v);
    if (!n || *n <= 0) continue;
    const double p = v.rate.percent;
    const int d = v.rate.decimals;
    const double half = 0.5 * std::pow(10.0, -d) + 1e-9;
    const double scale = std::pow(10.0, d);
    long nearest = std::lround(p * *n / 100.0);
    bool rounded = false, truncated = false;
    for (long k = std::max(0L, nearest - 2); k <= std::min(*n, nearest + 2); ++k) {
      double exact = 100.0 * static_cast<double>(k) / static_cast<double>(*n);
      if (std::fabs(exact - p) <= half) rounded = true;
      if (std::fabs(std::floor(exact * scale + 1e-9) / scale - p) < 1e-9) truncated = true;
    }
    if (rounded) continue;
    std::string near;
    for (long k = std::max(0L, nearest - 1); k <= std::min(*n, nearest + 1); ++k) {
      if (!near.empty()) near += ", ";
      near += std::to_string(k) + "/" + std::to_string(*n) + " = " + Fmt(100.0 * k / *n, d + 1) + "%";
    }
    Finding f;
    f.rule = "rate-granularity";
    f.subject = "cohort " + c.id;
    f.values = {Val(v.key, v)};
    for (const CohortValue* nv : c.Values("n")) f.values.push_back(Val("n", *nv));
    if (c.Values("n").empty()) f.values.push_back({"n", std::to_string(*n) + " (sum of n_by_indication)", v.prov, c.pos});
    if (truncated) {
      f.severity = Severity::kInfo;
      f.message = v.key + " " + v.Display() + " matches no whole count of n = " + std::to_string(*n) +
                  " when rounded, only when truncated (" + near + ")";
    } else {
      f.severity = Severity::kWarning;
      f.message = v.key + " " + v.Display() + " is not k/" + std::to_string(*n) + " for any whole k (" + near +
                  "): the denominator differs from the n shown, or a number is misprinted";
    }
    out->push_back(std::move(f));
  }
}

// The span of months a printed duration allows: rounding of its last decimal,
// a comparator (">= 24 months") or a range ("43-113 months").
std::pair<double, double> MonthSpan(const Duration& d) {
  const double half = d.ToMonths(0.5 * std::pow(10.0, -d.decimals));
  double lo = d.months() - half, hi = d.months() + half;
  if (d.is_range()) hi = d.ToMonths(d.upper) + half;
  if (d.comparator == ">=" || d.comparator == ">") hi = INFINITY;
  if (d.comparator == "<=" || d.comparator == "<") lo = -INFINITY;
  return {lo, hi};
}

bool Compatible(const CohortValue& a, const CohortValue& b) {
  const Duration* da = a.kind == CohortValue::Kind::kDuration ? &a.duration
                       : a.kind == CohortValue::Kind::kMedian && !a.median.not_reached ? &a.median.duration : nullptr;
  const Duration* db = b.kind == CohortValue::Kind::kDuration ? &b.duration
                       : b.kind == CohortValue::Kind::kMedian && !b.median.not_reached ? &b.median.duration : nullptr;
  if (da && db) {
    auto [alo, ahi] = MonthSpan(*da);
    auto [blo, bhi] = MonthSpan(*db);
    return alo <= bhi + 1e-9 && blo <= ahi + 1e-9;
  }
  double x = a.Number(), y = b.Number();
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) == std::isnan(y);  // NR only agrees with NR
  return SameNumber(x, Decimals(a), y, Decimals(b));
}

// True when the less precise of two printed numbers is the more precise one
// truncated to its decimals (78.8% printed elsewhere as 78%).
bool AgreeByTruncation(const CohortValue& a, const CohortValue& b) {
  const double x = a.Number(), y = b.Number();
  if (std::isnan(x) || std::isnan(y)) return false;
  const int da = Decimals(a), db = Decimals(b);
  if (da == db) return false;
  const double precise = da > db ? x : y, coarse = da > db ? y : x;
  const double scale = std::pow(10.0, std::min(da, db));
  return std::fabs(std::floor(precise * scale + 1e-9) / scale - coarse) < 1e-9;
}

// Same quantity printed twice (table and text) with different values.
void ValueConflicts(const Cohort& c, std::vector<Finding>* out) {
  std::vector<std::string> keys;
  for (const auto& v : c.values) {
    if (std::find(keys.begin(), keys.end(), v.key) == keys.end()) keys.push_back(v.key);
  }
  for (const auto& key : keys) {
    auto obs = c.Values(key);
    for (size_t i = 0; i < obs.size(); ++i) {
      for (size_t j = i + 1; j < obs.size(); ++j) {
        const CohortValue& a = *obs[i];
        const CohortValue& b = *obs[j];
        if (Compatible(a, b)) continue;
        std::string message = key + " is printed as " + a.Display() + " (" + a.prov.Short() + ") and as " +
                              b.Display() + " (" + b.prov.Short() + ")";
        const bool cited = !(a.prov.refs.empty() && a.prov.citation.empty()) && !(b.prov.refs.empty() && b.prov.citation.empty());
        const bool other_source = cited && (a.prov.refs != b.prov.refs || a.prov.citation != b.prov.citation);
        if (AgreeByTruncation(a, b)) {
          // The rule of rate-granularity: a figure reachable only by truncating is a note, not an error.
          message += ": the same number if the more precise one was truncated rather than rounded" +
                     std::string(other_source ? ", or two analyses, as they cite different sources" : "");
          out->push_back({Severity::kInfo, "value-conflict", "cohort " + c.id, message, {Val(key, a), Val(key, b)}});
          continue;
        }
        if (other_source) message += "; they cite different sources, so they may be two analyses, or one is wrong";
        out->push_back({Severity::kError, "value-conflict", "cohort " + c.id, message, {Val(key, a), Val(key, b)}});
      }
    }
  }
}

// Any other record: the same scalar key with different values.
void RecordConflicts(const RawRecord& r, std::vector<Finding>* out) {
  std::map<std::string, std::vector<const Observation*>> by_key;
  for (const auto& f : r.fields) {
    if (IsListValued(r.kind, f.key)) continue;  // several values are the point of a list
    if (r.kind == "cohort" && IsCohortValue(f.key)) continue;  // compared as numbers by ValueConflicts
    by_key[f.key].push_back(&f);
  }
  for (const auto& [key, obs] : by_key) {
    for (size_t i = 1; i < obs.size(); ++i) {
      if (obs[i]->raw == obs[0]->raw || obs[i]->prov == obs[0]->prov) continue;
      out->push_back({Severity::kError, "value-conflict", r.kind + " " + r.id,
                      key + " is given as '" + obs[0]->raw + "' (" + obs[0]->prov.Short() + ") and as '" +
                          obs[i]->raw + "' (" + obs[i]->prov.Short() + ")",
                      {{key, obs[0]->raw, obs[0]->prov, obs[0]->pos}, {key, obs[i]->raw, obs[i]->prov, obs[i]->pos}}});
    }
  }
}

// A literature record: the selection counts must add up as a flow diagram's do
// (PRISMA 2020, Page et al. 2021): parts to totals, identified - excluded = included.
void LiteratureFlow(const RawRecord& r, std::vector<Finding>* out) {
  auto count = [&](std::string_view key) -> const Observation* { return r.First(key); };
  auto check = [&](const std::string& what, const Observation* total, std::vector<const Observation*> parts, long sign) {
    if (total == nullptr) return;
    long sum = 0;
    std::vector<FindingValue> values = {{total->key, total->raw, total->prov, total->pos}};
    for (size_t i = 0; i < parts.size(); ++i) {
      if (parts[i] == nullptr) return;
      const long v = text::ParseCount(parts[i]->raw).value_or(0);
      sum += (i == 0 || sign > 0) ? v : -v;
      values.push_back({parts[i]->key, parts[i]->raw, parts[i]->prov, parts[i]->pos});
    }
    if (sum == text::ParseCount(total->raw).value_or(-1)) return;
    out->push_back({Severity::kError, "literature-flow", r.kind + " " + r.id,
                    what + ": " + total->key + " = " + total->raw + " but the counts give " + std::to_string(sum),
                    std::move(values)});
  };
  check("records identified by language", count("identified"),
        {count("identified_chinese"), count("identified_english")}, +1);
  check("records included by language", count("included"), {count("included_chinese"), count("included_english")}, +1);
  check("identified minus excluded", count("included"), {count("identified"), count("excluded")}, -1);
}

void SubgroupSum(const Cohort& c, std::vector<Finding>* out) {
  if (c.n_by_indication.empty()) return;
  long sum = 0;
  for (const auto& [name, n] : c.n_by_indication) sum += n;
  for (const CohortValue* n : c.Values("n")) {
    if (n->count != sum) {
      out->push_back({Severity::kError, "subgroup-sum", "cohort " + c.id,
                      "n = " + std::to_string(n->count) + " but the indication subgroups add up to " + std::to_string(sum),
                      {Val("n", *n)}});
    }
  }
}

// A median and a landmark of the same endpoint that cannot both hold.
void MedianLandmark(const Cohort& c, std::vector<Finding>* out) {
  for (const char* e : {"os", "pfs", "efs", "rfs"}) {
    const std::string prefix = std::string(e) + "_";
    for (const CohortValue* med : c.Values(prefix + "median")) {
      if (!med->median.not_reached &&
          (!med->median.duration.comparator.empty() || med->median.duration.is_range())) {
        continue;  // ">= 24 months" bounds the median; it does not state it
      }
      for (const auto& v : c.values) {
        if (!text::StartsWith(v.key, prefix) || !text::EndsWith(v.key, "mo")) continue;
        auto t = text::ParseCount(v.key.substr(prefix.size(), v.key.size() - prefix.size() - 2));
        if (!t) continue;
        const double s = v.rate.percent;
        std::string why;
        if (med->median.not_reached) {
          if (s < 50.0) why = "the median is not reached, yet survival at " + std::to_string(*t) + " months is below 50%";
        } else {
          const double m = med->median.duration.months();
          if (*t >= m && s > 50.0 + 1e-9) {
            why = "survival at " + std::to_string(*t) + " months is above 50%, so the median cannot be " +
                  med->Display();
          } else if (*t < m && s < 50.0) {
            why = "survival falls below 50% by " + std::to_string(*t) + " months, before the median of " +
                  med->Display();
          }
        }
        if (!why.empty()) {
          out->push_back({Severity::kWarning, "median-landmark", "cohort " + c.id, why,
                          {Val(prefix + "median", *med), Val(v.key, v)}});
        }
      }
    }
  }
}

void ProductCode(const EvidenceBase& eb, const Cohort& c, std::vector<Finding>* out) {
  if (c.product_id.empty()) return;
  const Product* p = eb.FindProduct(c.product_id);
  const std::string printed = text::ToLower(c.product_as_printed);
  for (const auto& code : p->codes) {
    if (text::ToLower(code) == printed && text::ToLower(p->brand) != printed) {
      out->push_back({Severity::kInfo, "product-code", "cohort " + c.id,
                      "'" + c.product_as_printed + "' is the development code of " + p->brand +
                          "; the cohort is counted as " + p->brand,
                      {}});
    }
  }
}

void RatesWithoutN(const Cohort& c, std::vector<Finding>* out) {
  if (c.N()) return;
  for (const auto& v : c.values) {
    if (v.kind == CohortValue::Kind::kRate && v.rate.form == Rate::Form::kPercent && IsRateOutcome(v.key)) {
      out->push_back({Severity::kInfo, "rate-without-n", "cohort " + c.id,
                      "rates are given without the number of patients, so they cannot be checked or pooled",
                      {Val(v.key, v)}});
      return;
    }
  }
}

std::string RowLabel(const EvidenceBase& eb, const Cohort& c) {
  const Product* p = c.product_id.empty() ? nullptr : eb.FindProduct(c.product_id);
  std::string name = p ? p->brand : c.construct_as_printed;
  if (!c.acronym.empty()) name += " \"" + c.acronym + "\"";
  return name + " (cohort " + c.id + ")";
}

// Two rows of one registration and indication that print the same quantity
// differently. They are either two analyses of the trial (another data cut,
// another analysis set) filed as one, or one of them is wrong; both are said.
void RegistrationValues(const EvidenceBase& eb, const std::string& reg, const Cohort& a, const Cohort& b,
                        std::vector<Finding>* out) {
  if (a.indications != b.indications) return;  // one registration, several indication cohorts: different patients
  std::vector<std::string> keys;
  for (const auto& v : a.values) {
    if (v.key != "n" && b.First(v.key) && std::find(keys.begin(), keys.end(), v.key) == keys.end()) keys.push_back(v.key);
  }
  for (const auto& key : keys) {
    const CohortValue& va = *a.First(key);
    const CohortValue& vb = *b.First(key);
    if (Compatible(va, vb)) continue;
    out->push_back({Severity::kWarning, "registry-conflict", "registry " + reg,
                    reg + ": " + key + " is " + va.Display() + " in " + RowLabel(eb, a) + ", " + va.prov.Short() +
                        ", and " + vb.Display() + " in " + RowLabel(eb, b) + ", " + vb.prov.Short() +
                        ": either two analyses of one trial (another data cut or analysis set) are filed as one "
                        "registration, or one value is wrong",
                    {Val(a.id + " " + key, va), Val(b.id + " " + key, vb)}});
  }
}

// The same registry id filed under different products, or with different n
// for the same product and indication.
void Registries(const EvidenceBase& eb, std::vector<Finding>* out) {
  std::map<std::string, std::vector<const Cohort*>> by_id;
  for (const auto& c : eb.cohorts) {
    for (const auto& r : c.registry) by_id[r].push_back(&c);
  }
  for (const auto& [reg, cohorts] : by_id) {
    std::set<std::string> products;
    for (const Cohort* c : cohorts) products.insert(c->product_id.empty() ? "construct:" + c->construct_id : c->product_id);
    auto describe = [&](const Cohort* c) {
      std::string label = c->product_as_printed.empty() ? c->construct_as_printed : c->product_as_printed;
      auto n = c->First("n");
      FindingValue fv{c->id, label + ", " + text::Join(c->indications, "/") +
                                 (n ? ", n = " + std::to_string(n->count) : ""),
                      n ? n->prov : Provenance(), c->pos};
      return fv;
    };
    for (size_t i = 0; i < cohorts.size(); ++i) {
      for (size_t j = i + 1; j < cohorts.size(); ++j) RegistrationValues(eb, reg, *cohorts[i], *cohorts[j], out);
    }
    if (products.size() > 1) {
      Finding f{Severity::kError, "registry-products", "registry " + reg,
                reg + " is filed under " + std::to_string(products.size()) +
                    " different products; one trial registration belongs to one product",
                {}};
      for (const Cohort* c : cohorts) f.values.push_back(describe(c));
      out->push_back(std::move(f));
      continue;
    }
    for (size_t i = 0; i < cohorts.size(); ++i) {
      for (size_t j = i + 1; j < cohorts.size(); ++j) {
        const Cohort* a = cohorts[i];
        const Cohort* b = cohorts[j];
        if (a->indications != b->indications) continue;
        auto na = a->N(), nb = b->N();
        if (na && nb && *na != *nb) {
          out->push_back({Severity::kWarning, "registry-conflict", "registry " + reg,
                          reg + " appears twice for the same product and indication with different n",
                          {describe(a), describe(b)}});
        }
      }
    }
  }
}

// A cohort named after a trial series run by another sponsor (ZUMA-3 under Breyanzi).
void TrialSponsor(const EvidenceBase& eb, const Cohort& c, std::vector<Finding>* out) {
  const TrialFamily* tf = audit_internal::MisfiledUnder(eb, c);
  if (!tf) return;
  const Product* p = eb.FindProduct(c.product_id);
  const Product* right = audit_internal::CorrectedProduct(eb, c, *tf);
  out->push_back({Severity::kWarning, "trial-sponsor", "cohort " + c.id,
                  c.acronym + " is a " + tf->sponsor + " trial series, but the cohort is filed under " + p->brand +
                      " (" + (p->developer.empty() ? "developer not recorded" : p->developer) + ")" +
                      (right ? "; of " + tf->sponsor + "'s products only " + right->brand + " has an approval for " +
                                   text::Join(c.indications, "/")
                             : ""),
                  {}});
}

void ToxScale(const EvidenceBase& eb, std::vector<Finding>* out) {
  std::vector<std::string> ids;
  for (const auto& c : eb.cohorts) {
    bool has_tox = false;
    for (const auto& v : c.values) {
      if (text::StartsWith(v.key, "crs_") || text::StartsWith(v.key, "icans_") || text::StartsWith(v.key, "neurotox_")) {
        has_tox = true;
      }
    }
    if (has_tox && (c.tox_scale.empty() || c.tox_scale == "unspecified")) ids.push_back(c.id);
  }
  if (ids.empty()) return;
  out->push_back({Severity::kInfo, "tox-scale", "toxicity grades",
                  std::to_string(ids.size()) + " cohorts report CRS/ICANS grades without the grading scale (" +
                      text::Join(ids, ", ") + "); grades from Lee 2014, Penn, CTCAE and ASTCT are not interchangeable",
                  {}});
}

}  // namespace

namespace audit_internal {

const TrialFamily* MisfiledUnder(const EvidenceBase& eb, const Cohort& c) {
  if (c.acronym.empty() || c.product_id.empty()) return nullptr;
  const std::string acronym = text::ToLower(c.acronym);
  const Product* p = eb.FindProduct(c.product_id);
  for (const auto& tf : eb.trial_families) {
    const std::string prefix = text::ToLower(tf.prefix);
    if (!text::StartsWith(acronym, prefix)) continue;
    if (acronym.size() > prefix.size() && std::isalpha(static_cast<unsigned char>(acronym[prefix.size()]))) continue;
    bool listed = std::find(tf.sponsor_products.begin(), tf.sponsor_products.end(), p->id) != tf.sponsor_products.end();
    if (listed || p->developer == tf.sponsor) continue;
    return &tf;
  }
  return nullptr;
}

const Product* CorrectedProduct(const EvidenceBase& eb, const Cohort& c, const TrialFamily& family) {
  const Product* found = nullptr;
  for (const auto& p : eb.products) {
    const bool sponsors = p.developer == family.sponsor ||
                          std::find(family.sponsor_products.begin(), family.sponsor_products.end(), p.id) !=
                              family.sponsor_products.end();
    if (!sponsors) continue;
    bool covers = false;
    for (const Approval* a : eb.ApprovalsOf(p.id)) {
      for (const auto& have : a->indications) {
        for (const auto& want : c.indications) covers = covers || IndicationWithin(want, have);
      }
    }
    if (!covers) continue;
    if (found) return nullptr;  // two candidates: the data cannot tell which
    found = &p;
  }
  return found;
}

std::string CorrectedProductId(const EvidenceBase& eb, const Cohort& c) {
  const TrialFamily* tf = MisfiledUnder(eb, c);
  if (!tf) return c.product_id;
  const Product* right = CorrectedProduct(eb, c, *tf);
  return right ? right->id : "";
}

}  // namespace audit_internal

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "?";
}

const std::vector<AuditRule>& AuditRules() {
  static const std::vector<AuditRule> rules = {
      {"cr-above-orr", Severity::kError, "a complete-response rate above the response rate that contains it"},
      {"rate-granularity", Severity::kWarning,
       "a percentage that no whole count of the cohort's n gives at the decimals shown"},
      {"value-conflict", Severity::kError, "the same quantity printed with different values in two places"},
      {"subgroup-sum", Severity::kError, "subgroup sizes that do not add up to n"},
      {"literature-flow", Severity::kError, "literature counts (identified, excluded, included) that do not add up"},
      {"median-landmark", Severity::kWarning, "a median survival that contradicts a landmark survival"},
      {"registry-products", Severity::kError, "one registry id filed under several products"},
      {"registry-conflict", Severity::kWarning,
       "one registry id and indication whose rows differ: n (same product), or any outcome or follow-up"},
      {"trial-sponsor", Severity::kWarning, "a cohort named after another sponsor's trial series"},
      {"product-code", Severity::kInfo, "a cohort named by a product's development code"},
      {"rate-without-n", Severity::kInfo, "rates without a number of patients"},
      {"tox-scale", Severity::kInfo, "toxicity grades without a grading scale"},
      {"claim", Severity::kError, "a count, range or ranking stated in the text, recomputed from the data"},
  };
  return rules;
}

std::vector<Finding> Audit(const EvidenceBase& eb) {
  std::vector<Finding> out;
  for (const auto& c : eb.cohorts) {
    CrAboveOrr(c, &out);
    RateGranularity(c, &out);
    ValueConflicts(c, &out);
    SubgroupSum(c, &out);
    MedianLandmark(c, &out);
    ProductCode(eb, c, &out);
    RatesWithoutN(c, &out);
    TrialSponsor(eb, c, &out);
  }
  for (const auto& r : eb.records) {
    RecordConflicts(r, &out);
    if (r.kind == "literature") LiteratureFlow(r, &out);
  }
  Registries(eb, &out);
  ToxScale(eb, &out);
  for (auto& f : AuditClaims(eb)) out.push_back(std::move(f));
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity < b.severity;
    return a.rule < b.rule;
  });
  return out;
}

}  // namespace carta::evidence
