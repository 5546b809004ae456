// The evidence use cases every front end shares (the carta command, the
// server): the product listing (Table 2), the cohort listing (Tables 3 and 4),
// one record with its provenance, the audit and the generation table. Each
// takes a request of plain strings as a user or a client typed them and
// returns a result that owns its data; encoders live in carta::api.
#ifndef CARTA_EVIDENCE_LISTINGS_H_
#define CARTA_EVIDENCE_LISTINGS_H_

#include <optional>
#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/audit.h"
#include "carta/evidence/filter.h"
#include "carta/evidence/generation.h"
#include "carta/evidence/model.h"
#include "carta/evidence/registrations.h"

namespace carta::evidence {

// ---- Products (the review's Table 2) ----

struct ProductsRequest {
  std::string target;  // any spelling of an antigen ("cd19"); "" for every product
  std::string agency;  // "FDA", "NMPA", "EMA" (any case); "" for every product
};

struct ProductRow {
  std::string id;
  std::vector<std::string> targets;
  std::string brand;
  std::string name_zh;  // the first Chinese name when it differs from the brand, else ""
  std::string inn;
  std::vector<std::string> codes;
  std::string developer;
  std::string structure;  // StructureSummary of the construct, "" without one
  int generation = 0;     // derived from the construct; 0 without one or when it cannot be told
  std::vector<Approval> approvals;  // every approval of the product, in data order
};

struct ProductsResult {
  std::vector<ProductRow> products;  // in data order
};

// The products targeting `target` with an approval by `agency`. Fails with
// InvalidArgument (field "target" or "agency") on a word the data format does
// not accept, listing what it accepts.
Result<ProductsResult> ListProducts(const EvidenceBase& eb, const ProductsRequest& request);

// "FMC63, lentiviral, CD4:CD8 1:1, CD3ζ+4-1BB": binder clone, vector, CD4:CD8
// composition and signalling domains, in words.
std::string StructureSummary(const Construct& k);

// "FDA 2017-08 B-ALL (<25 y)": agency, month, indications, population, age
// limit and second line, in words.
std::string ApprovalSummary(const Approval& a);

// ---- Cohorts (Tables 3 and 4 and the text's cohorts) ----

struct CohortsRequest {
  std::string target;      // any spelling of an antigen; "" for any
  std::string indication;  // any spelling of an indication (matches its sub-types); "" for any
  std::string product;     // a product's brand, INN, code, Chinese name or id; "" for any
  std::string location;    // keep cohorts with a value printed there ("Table 3"); "" for any
};

struct CohortRow {
  std::string id;
  std::string product_id;     // "" for an unmarketed construct
  std::string product_label;  // CohortProductLabel
  std::string acronym;
  std::vector<std::string> registry;
  std::string phase;
  std::vector<std::string> indications;
  std::optional<long> n;  // Cohort::N()
  bool n_summed = false;  // true when n is the sum of the indication subgroups (no n printed)
  // The first observation of each, in data order (the table's, where a value is printed twice).
  std::optional<CohortValue> followup, orr, crr, cr_cri;
  std::vector<CohortValue> survival;  // the first observation of each os_/pfs_/efs_/rfs_ key
  std::string survival_summary;       // SurvivalSummary
  std::string provenance;             // where the cohort's first value was printed ("[44] Table 3")
};

struct CohortsResult {
  CohortFilter filter;
  std::string location;
  std::vector<CohortRow> cohorts;  // in data order
};

// The cohorts that match the request. Fails as ResolveCohortFilter does
// (field "target", "indication" or "product").
Result<CohortsResult> ListCohorts(const EvidenceBase& eb, const CohortsRequest& request);

// "Kymriah" for a cohort of a product ("Kymriah (as CTL019)" when printed
// under another name), the construct as printed otherwise, else "CD19 CAR-T".
std::string CohortProductLabel(const EvidenceBase& eb, const Cohort& c);

// "PFS median 14.7 months; PFS 12 mo 74.6%": every survival value of the cohort, in data order.
std::string SurvivalSummary(const Cohort& c);

// ---- One record (carta show) ----

struct ShowRequest {
  std::string id;  // a record id, or a product's brand, INN, code or Chinese name
};

struct ShownRecord {
  RawRecord record;
  bool related = false;  // brought along by a product (its construct, its approvals)
  std::optional<GenerationVerdict> generation;  // constructs only
  std::vector<std::string> cohorts;             // a product asked for: the ids of its cohorts
  std::vector<TimePoint> time_points;           // a cohort: the reports of its trial (TimePointsOf); empty when one
};

struct ShowResult {
  std::vector<ShownRecord> records;  // the records asked for, then the related ones
};

// Every record with the id (of any kind), else the product of that name, with
// the construct and approvals a product brings along. NotFound (field "id")
// when there is none, suggesting the closest id.
Result<ShowResult> ShowRecord(const EvidenceBase& eb, const ShowRequest& request);

// ---- The audit (carta check) ----

// The severity named `name` ("error", "warning", "info"); InvalidArgument
// listing the accepted names otherwise.
Result<Severity> ParseSeverity(const std::string& name);
// "error", "warning", "info": the accepted names, most severe first.
const std::vector<std::string>& SeverityNames();

struct AuditRequest {
  std::string severity = "info";  // show findings of this severity and above
  // Findings of rules outside this module (the registrations' rules,
  // carta/registry/audit.h), counted, filtered and ordered with Audit's.
  std::vector<Finding> more;
};

struct AuditResult {
  std::vector<Finding> findings;     // of the severity asked for and above, in Audit's order
  int errors = 0, warnings = 0, infos = 0;  // counted over every finding, shown or not
};

// Runs the audit. Fails with InvalidArgument (field "severity") on an unknown severity.
Result<AuditResult> RunAudit(const EvidenceBase& eb, const AuditRequest& request);

// ---- Generations (Table 1) ----

struct GenerationsRow {
  GenerationRow row;
  std::vector<std::string> examples;  // the constructs of that generation (a product's brand when it has one)
};

struct GenerationsResult {
  std::vector<GenerationsRow> rows;  // generations 1..5
  std::vector<std::string> unknown;  // constructs whose generation cannot be told
};

// Table 1 with the constructs of `eb` in each row; without evidence (nullptr)
// the rows have no examples.
GenerationsResult ListGenerations(const EvidenceBase* eb);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_LISTINGS_H_
