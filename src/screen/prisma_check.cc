// The arithmetic of the PRISMA 2020 flow diagram (Page et al. 2021, BMJ
// 372:n71, figure 1), checked only where every term was reported.
#include <string>

#include "carta/screen/prisma.h"

namespace carta::screen {
namespace {

struct Box {
  const char* name;
  const Count* value;
};

std::vector<Box> Boxes(const PrismaCounts& c) {
  return {{"records from databases", &c.records_from_databases},
          {"records from registers", &c.records_from_registers},
          {"duplicates removed", &c.duplicates_removed},
          {"removed by automation tools", &c.removed_by_automation},
          {"removed for other reasons", &c.removed_other_reasons},
          {"records screened", &c.records_screened},
          {"records excluded", &c.records_excluded},
          {"reports sought for retrieval", &c.reports_sought},
          {"reports not retrieved", &c.reports_not_retrieved},
          {"reports assessed for eligibility", &c.reports_assessed},
          {"reports excluded", &c.reports_excluded},
          {"studies included", &c.studies_included},
          {"reports of included studies", &c.reports_of_included_studies},
          {"excluded at any stage", &c.excluded_any_stage}};
}

std::string N(long v) { return std::to_string(v); }

Status Fail(const std::string& invariant, const std::string& numbers) {
  return Status::InvalidArgument("PRISMA counts break '" + invariant + "': " + numbers);
}

// lhs − Σ minus == rhs, when all are known.
Status Difference(const char* invariant, Count lhs, std::vector<Count> minus, Count rhs) {
  if (!lhs || !rhs) return Status::Ok();
  long value = *lhs;
  std::string numbers = N(*lhs);
  for (const Count& m : minus) {
    if (!m) return Status::Ok();
    value -= *m;
    numbers += " - " + N(*m);
  }
  if (value == *rhs) return Status::Ok();
  return Fail(invariant, numbers + " = " + N(value) + ", not " + N(*rhs));
}

Status CheckSums(const PrismaCounts& c) {
  if (c.records_from_databases && !c.databases.empty()) {
    long sum = 0;
    bool known = true;
    for (const SourceCount& s : c.databases) {
      if (s.records) sum += *s.records;
      else known = false;
    }
    if (known && sum != *c.records_from_databases) {
      return Fail("records from databases = sum over databases", N(sum) + " != " + N(*c.records_from_databases));
    }
  }
  if (c.reports_excluded && !c.reports_excluded_by_reason.empty()) {
    long sum = 0;
    for (const ExclusionReason& r : c.reports_excluded_by_reason) sum += r.reports;
    if (sum != *c.reports_excluded) {
      return Fail("reports excluded = sum over reasons", N(sum) + " != " + N(*c.reports_excluded));
    }
  }
  return Status::Ok();
}

Count Identified(const PrismaCounts& c) {
  if (!c.records_from_databases && !c.records_from_registers) return std::nullopt;
  return c.records_from_databases.value_or(0) + c.records_from_registers.value_or(0);
}

}  // namespace

Status CheckPrisma(const PrismaCounts& c) {
  for (const Box& b : Boxes(c)) {
    if (*b.value && **b.value < 0) return Fail(std::string(b.name) + " >= 0", N(**b.value));
  }
  for (const SourceCount& s : c.databases) {
    if (s.records && *s.records < 0) return Fail("records from " + s.label + " >= 0", N(*s.records));
  }
  for (const ExclusionReason& r : c.reports_excluded_by_reason) {
    if (r.reports < 0) return Fail("reports excluded for '" + r.reason + "' >= 0", N(r.reports));
  }
  if (Status s = CheckSums(c); !s.ok()) return s;
  const Count identified = Identified(c);
  const Status checks[] = {
      Difference("identified - removed before screening = screened", identified,
                 {c.duplicates_removed, c.removed_by_automation, c.removed_other_reasons}, c.records_screened),
      Difference("screened - excluded = sought for retrieval", c.records_screened, {c.records_excluded},
                 c.reports_sought),
      Difference("sought - not retrieved = assessed", c.reports_sought, {c.reports_not_retrieved}, c.reports_assessed),
      Difference("assessed - excluded with reasons = reports of included studies", c.reports_assessed,
                 {c.reports_excluded}, c.reports_of_included_studies),
  };
  for (const Status& s : checks) {
    if (!s.ok()) return s;
  }
  if (c.studies_included && c.reports_of_included_studies && *c.studies_included > *c.reports_of_included_studies) {
    return Fail("studies included <= reports of included studies",
                N(*c.studies_included) + " > " + N(*c.reports_of_included_studies));
  }
  if (c.excluded_any_stage) {
    std::vector<Count> removed = {c.excluded_any_stage};
    for (const Count& r : {c.duplicates_removed, c.removed_by_automation, c.removed_other_reasons}) {
      if (r) removed.push_back(r);  // unreported removals are inside excluded_any_stage
    }
    return Difference("identified - removed - excluded at any stage = studies included", identified, removed,
                      c.studies_included);
  }
  return Status::Ok();
}

std::vector<std::string> UnreportedBoxes(const PrismaCounts& c) {
  std::vector<std::string> missing;
  for (const SourceCount& s : c.databases) {
    if (!s.records) missing.push_back("records from " + s.label);
  }
  for (const Box& b : Boxes(c)) {
    // excluded_any_stage stands in for the per-stage boxes; it is not a box of its own.
    if (!*b.value && b.value != &c.excluded_any_stage) missing.push_back(b.name);
  }
  return missing;
}

}  // namespace carta::screen
