// The evidence model: what the review says about CAR-T products, their
// constructs and approvals, and the cohorts treated with them, each value with
// its provenance. Built from data/*.carta by BuildEvidence (build.h) or read
// back from the database (store.h); both go through the same validation.
#ifndef CARTA_EVIDENCE_MODEL_H_
#define CARTA_EVIDENCE_MODEL_H_

#include <optional>
#include <unordered_map>
#include <string>
#include <utility>
#include <vector>

#include "carta/evidence/record.h"
#include "carta/evidence/values.h"

namespace carta::evidence {

// A CAR construct: binder, spacer, signalling and what is added to it.
struct Construct {
  std::string id;
  std::vector<std::string> targets;   // antigens: "CD19", "BCMA"
  std::string binder;                 // "scFv", "VHH", "ligand", "unknown"
  int binder_count = 1;               // antigen-binding domains (2 for two VHH)
  std::string binder_origin;          // "murine", "human", "humanized", "llama", "unknown"
  std::string binder_clone;           // "FMC63", "HI19a", "11D5-3"
  std::string hinge, transmembrane;   // "CD8a", "CD28", "IgG4", "unknown"
  std::vector<std::string> costim;    // costimulatory domains in order; empty when none
  bool costim_stated = false;         // false when the data do not say (generation unknown)
  std::string signal;                 // "CD3z"
  std::string vector;                 // first observation: "lentiviral", "gamma-retroviral", ...
  std::string cd4_cd8;                // "1:1" or "undefined"
  std::string cell_source;            // "autologous", "allogeneic", "donor-derived", "unknown"
  std::vector<std::string> payload;        // armouring payload ("IL-12"); empty when none
  std::vector<std::string> safety_switch;  // "iCasp9"; empty when none
  std::vector<std::string> marker;         // "EGFRt"
  std::vector<std::string> gene_edits;     // "TRAC-KO"; empty when none
  std::string design;                 // "single", "tandem", "bicistronic", "pooled", "adaptor", "logic-gate"
  std::string affinity;               // "standard", "low"
  std::string as_printed;
  SourcePos pos;
};

struct Product {
  std::string id;
  std::string brand;                  // as printed in Table 2
  std::vector<std::string> targets;
  std::string inn;
  std::vector<std::string> short_names, codes, names_zh;
  std::string developer, developer_as_printed;
  std::string construct_id;           // "" when the data give none
  std::string remark;
  SourcePos pos;

  // Every name the product goes by: brand, INN, short names, codes, Chinese names.
  std::vector<std::string> AllNames() const;
};

struct Approval {
  std::string id;
  std::string product_id;
  std::string agency;                 // "FDA", "NMPA", "EMA"
  Month date;
  std::vector<std::string> indications;
  std::string population;             // "adult", "pediatric-young-adult", "pediatric", "all", ""
  int age_max_years = 0;              // 0 when not stated
  std::string line;                   // "r/r", "2L", "unspecified", ""
  std::string as_printed;
  SourcePos pos;
};

// A named trial series and its sponsor (ZUMA: Kite).
struct TrialFamily {
  std::string id;
  std::string prefix;
  std::string sponsor;
  std::vector<std::string> sponsor_products;
  SourcePos pos;
};

// One quantity of a cohort as printed at one place: n, follow-up, a response
// or survival outcome, a toxicity rate.
struct CohortValue {
  enum class Kind { kCount, kRate, kMedian, kDuration };
  std::string key;      // "n", "orr", "pfs_median", "pfs_12mo", "crs_g3plus", "followup_median"
  Kind kind = Kind::kRate;
  long count = 0;       // kCount
  Rate rate;            // kRate
  Median median;        // kMedian
  Duration duration;    // kDuration
  Provenance prov;
  std::string note;
  SourcePos pos;

  // The value as written in the data ("81%", "NR", "39 months", "79").
  std::string Display() const;
  // The value as one number for comparisons: percent, months or count; NaN for NR.
  double Number() const;
};

struct Cohort {
  std::string id;
  std::string product_as_printed;     // "Kymriah", "源瑞达", "LCAR-B38M", or ""
  std::string product_id;             // resolved product, or ""
  std::string construct_id;           // the product's construct or the cohort's own, or ""
  std::string construct_as_printed;
  std::vector<std::string> targets;
  std::string acronym;
  std::vector<std::string> registry;
  std::string phase;
  std::vector<std::string> indications;
  std::vector<std::pair<std::string, long>> n_by_indication;
  std::string disease_status, population, age, tox_scale, setting;
  std::vector<CohortValue> values;    // in file order
  std::string note;
  SourcePos pos;

  // The observations of `key`, in file order.
  std::vector<const CohortValue*> Values(const std::string& key) const;
  // The first observation of `key`, or nullptr.
  const CohortValue* First(const std::string& key) const;
  // Patients: the first `n`, else the sum of n_by_indication; nullopt when neither.
  std::optional<long> N() const;
  // True when N() is the sum of n_by_indication because no n is printed.
  bool NIsSummed() const;
  // The n that value `v` of this cohort is out of: the n printed at the same
  // place as `v` (same location), else N(). The one rule of the audit, the
  // meta-analysis and survival pooling.
  std::optional<long> NFor(const CohortValue& v) const;
  // True when some value of the cohort has its provenance at `location` ("Table 3").
  bool HasValuesFrom(const std::string& location) const;
  // Follow-up in months (first observation, lower end), or NaN.
  double FollowupMonths() const;
};

// A quantitative statement of the review's text that the audit recomputes.
struct Claim {
  std::string id;
  std::string text;
  // "count-products", "count-cohorts", "count-cohort-products", "range", "at-least", "below", "max", "best",
  // "top", "most", "first", "all-products", "cited-indication" (doc/data-format.md)
  std::string kind;
  std::vector<std::pair<std::string, std::string>> where;  // ("agency", "FDA"), ...
  std::string field, value, product, property;
  std::vector<std::string> except;
  std::vector<std::string> products;  // for "top": the products the text names
  std::vector<std::string> cites;     // for "cited-indication": trial acronyms as printed
  Provenance prov;
  SourcePos pos;
};

// The whole evidence base.
struct EvidenceBase {
  std::vector<Construct> constructs;
  std::vector<Product> products;
  std::vector<Approval> approvals;
  std::vector<TrialFamily> trial_families;
  std::vector<Cohort> cohorts;
  std::vector<Claim> claims;
  std::vector<RawRecord> records;  // every record as read, for `show` and the store

  // Builds the lookup tables used by the Find functions; BuildEvidence calls
  // it. Fails when two products share a name (brand, INN, code, Chinese name).
  Status Reindex();

  const Product* FindProduct(const std::string& id) const;
  const Construct* FindConstruct(const std::string& id) const;
  const Cohort* FindCohort(const std::string& id) const;
  const RawRecord* FindRecord(const std::string& kind, const std::string& id) const;
  // The product a name or code refers to (case-insensitive on brand, INN,
  // short names, codes, Chinese names, and the record id), or nullptr.
  const Product* ResolveProduct(const std::string& name) const;
  std::vector<const Approval*> ApprovalsOf(const std::string& product_id) const;

 private:
  std::unordered_map<std::string, size_t> record_index_;   // "kind/id" -> records
  std::unordered_map<std::string, size_t> product_index_;  // id -> products
  std::unordered_map<std::string, size_t> product_names_;  // lower-case name -> products
  std::unordered_map<std::string, size_t> construct_index_, cohort_index_;
};

// The rate outcomes whose denominator is the whole cohort (orr, crr, crs_g3plus,
// ...), sorted: the cohort keys of the data format that hold a rate, except
// durable_remission (a share of the complete responders). What a
// meta-analysis of the evidence can pool and what the audit checks against n.
const std::vector<std::string>& RateOutcomes();
bool IsRateOutcome(const std::string& key);

// True for the survival outcome keys: os_, pfs_, efs_ and rfs_ medians and
// landmarks ("pfs_median", "os_12mo").
bool IsSurvivalKey(const std::string& key);

// True when `indication` is `group` or one of its sub-types (DLBCL is an LBCL;
// LBCL, FL, MCL, CLL/SLL are B-NHL; B-NHL is an NHL).
bool IndicationWithin(const std::string& indication, const std::string& group);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_MODEL_H_
