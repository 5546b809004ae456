// Private: the report's sections, each built from the evidence base.
#ifndef CARTA_SRC_REPORT_SECTIONS_H_
#define CARTA_SRC_REPORT_SECTIONS_H_

#include <string>
#include <vector>

#include "carta/evidence/model.h"
#include "carta/report/report.h"
#include "document.h"

namespace carta::report::internal {

// What every section builder reads, and where it leaves notes.
struct Context {
  const evidence::EvidenceBase& eb;
  const ReportOptions& options;
  Language lang;
  std::vector<std::string>* notes;  // analyses left out, and why

  // True when the table or figure `id` is wanted (options.only empty or naming it).
  bool Want(const std::string& id) const;
};

Section ChangesSection(const Context& ctx);        // what changed since options.previous
Section LiteratureSection(const Context& ctx);     // Fig. 1 strategy, Fig. 2 PRISMA
Section ConstructSection(const Context& ctx);      // Table 1, Fig. 3
Section ProductSection(const Context& ctx);        // Table 2
Section Cd19Section(const Context& ctx);           // Table 3, Figs. 4-5
Section BcmaSection(const Context& ctx);           // Table 4, Fig. 6
Section PooledSection(const Context& ctx);         // pooled rates with forest plots, pooled landmark survival
Result<Section> SurvivalSection(const Context& ctx);  // worked example: KM and cure model
Result<Section> SimSection(const Context& ctx);  // the simulator: calibration read from a file, comparisons run
Section AuditSection(const Context& ctx);          // the audit findings

// The cohorts with values printed at `location` ("Table 3") and treated against `target`, in data order.
std::vector<const evidence::Cohort*> CohortsAt(const evidence::EvidenceBase& eb, const std::string& location,
                                               const std::string& target);

// "Kymriah (ELIANA)": the product as printed and the trial acronym, for figure categories.
std::string CohortLabel(const evidence::Cohort& c);

}  // namespace carta::report::internal

#endif  // CARTA_SRC_REPORT_SECTIONS_H_
