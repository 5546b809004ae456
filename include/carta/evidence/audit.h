// The audit: consistency rules over the evidence base. Each finding names its
// rule, its severity, the values involved and where each was printed. Rules
// are general (no list of known bad rows): they find the review's own
// inconsistencies, and those of any evidence added later.
#ifndef CARTA_EVIDENCE_AUDIT_H_
#define CARTA_EVIDENCE_AUDIT_H_

#include <string>
#include <vector>

#include "carta/evidence/model.h"

namespace carta::evidence {

enum class Severity { kError, kWarning, kInfo };
const char* SeverityName(Severity s);  // "error", "warning", "info"

// One value a finding rests on.
struct FindingValue {
  std::string label;  // "orr", "n", "ELIANA orr"
  std::string value;  // as printed: "81%"
  Provenance prov;
  SourcePos pos;
};

struct Finding {
  Severity severity = Severity::kInfo;
  std::string rule;     // rule id, e.g. "cr-above-orr"
  std::string subject;  // "cohort eliana", "claim fda-count", "registry NCT03391466"
  std::string message;  // plain words: what is wrong
  std::vector<FindingValue> values;
};

struct AuditRule {
  std::string id;
  Severity severity;    // the most severe level the rule reports
  std::string summary;  // what it checks and why it matters
};

// Every rule, in the order they run.
const std::vector<AuditRule>& AuditRules();

// Runs every rule over `eb`. Findings are ordered by severity, then rule; within a rule, in the order of the data.
std::vector<Finding> Audit(const EvidenceBase& eb);

// The quantitative claims of the text recomputed from the data (rule "claim").
// Exposed for tests; Audit() includes these findings.
std::vector<Finding> AuditClaims(const EvidenceBase& eb);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_AUDIT_H_
