// The counts of the PRISMA 2020 flow diagram for new systematic reviews
// (Page et al. 2021, BMJ 372:n71, figure 1: databases and registers only),
// computed from the screening pipeline or entered as a review reported them,
// and the arithmetic that must hold between the boxes. A count a review did
// not report is std::nullopt, never 0: "not reported" and "none" differ.
#ifndef CARTA_SCREEN_PRISMA_H_
#define CARTA_SCREEN_PRISMA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"
#include "carta/screen/criteria.h"
#include "carta/screen/decisions.h"
#include "carta/screen/dedup.h"

namespace carta::screen {

// A PRISMA box: a number, or std::nullopt when not reported.
using Count = std::optional<long>;

// Records identified from one database, or from several that a review
// reported together ("CNKI + Wanfang").
struct SourceCount {
  std::string label;                    // as the diagram shows it: "PubMed", "CNKI + Wanfang"
  std::vector<biblio::Source> sources;  // the databases it covers
  Count records;
};

// One reason for excluding reports at full text, with its count.
struct ExclusionReason {
  std::string reason;  // "wrong population", "no outcome of interest"
  long reports = 0;
};

struct PrismaCounts {
  // Identification.
  std::vector<SourceCount> databases;  // per database or group of databases
  Count records_from_databases;        // total over `databases`
  Count records_from_registers;
  // Records removed before screening.
  Count duplicates_removed;
  Count removed_by_automation;         // marked ineligible by automation tools
  Count removed_other_reasons;
  // Screening.
  Count records_screened;
  Count records_excluded;
  Count reports_sought;                // sought for retrieval
  Count reports_not_retrieved;
  Count reports_assessed;              // assessed for eligibility
  // Reports excluded at full text, by reason; `reports_excluded` is their sum
  // (or the total alone when a review gave no breakdown).
  std::vector<ExclusionReason> reports_excluded_by_reason;
  Count reports_excluded;
  // Included.
  Count studies_included;
  Count reports_of_included_studies;
  // Records or reports excluded across all stages, for reviews that report
  // only one exclusion total (then the per-stage boxes stay std::nullopt).
  Count excluded_any_stage;
};

// What the pipeline knows at the end of a review.
struct PrismaInput {
  const std::vector<biblio::Record>* records = nullptr;  // every record identified, from databases
  const DedupResult* dedup = nullptr;                     // Deduplicate/ApplyOverrides on *records
  std::vector<AutoDecision> automatic;                    // EvaluateCriteria on the unique records
  std::vector<uint32_t> removed_other;                    // removed before screening for other reasons
  std::vector<FinalStatus> title_abstract;                // DecisionLog::Final, title/abstract stage
  std::vector<FinalStatus> full_text;                     // DecisionLog::Final, full-text stage
  std::vector<uint32_t> not_retrieved;                    // reports sought but not retrieved
  long records_from_registers = 0;
  // Included reports that belong to one study (e.g. a trial's interim and
  // final reports); every other included report is a study of its own.
  std::vector<std::vector<uint32_t>> reports_of_same_study;
};

// The counts of a finished screening: records per source from their
// `source`; duplicates from the dedup clusters; automation from the excluded
// automatic decisions; screened = unique records neither excluded
// automatically nor removed otherwise; excluded = screened records whose
// title/abstract status is exclude (include and maybe go on to full text);
// assessed = sought − not retrieved; reports excluded by full-text reason.
// Fails when an input is missing, when a screened record has no agreed or
// resolved title/abstract status, or an assessed report no full-text status
// (message: how many and the first record ids).
Result<PrismaCounts> ComputePrisma(const PrismaInput& input);

// Checks the arithmetic of the diagram where every term is known:
//   every count >= 0;
//   records_from_databases = Σ databases[i].records;
//   reports_excluded = Σ reports_excluded_by_reason;
//   identified − duplicates − automation − other = screened
//     (identified = records_from_databases + records_from_registers);
//   screened − excluded = sought;  sought − not retrieved = assessed;
//   assessed − reports_excluded = reports_of_included_studies;
//   studies_included <= reports_of_included_studies;
//   identified − known removals − excluded_any_stage = studies_included, where
//     the removals the review did not report are taken to be inside
//     excluded_any_stage.
// Returns InvalidArgument naming the first invariant that fails, with the numbers.
Status CheckPrisma(const PrismaCounts& counts);

// The boxes that are std::nullopt, by name ("duplicates removed"), in diagram order.
std::vector<std::string> UnreportedBoxes(const PrismaCounts& counts);

}  // namespace carta::screen

#endif  // CARTA_SCREEN_PRISMA_H_
