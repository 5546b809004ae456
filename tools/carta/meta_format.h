// Printing meta-analyses: a summary in the layout of metafor's print.rma(),
// and stable JSON and CSV (doc/cli.md).
#ifndef CARTA_TOOLS_META_FORMAT_H_
#define CARTA_TOOLS_META_FORMAT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "carta/meta/analysis.h"
#include "output.h"

namespace carta::cli {

void PrintAnalysis(const meta::AnalysisInput& input, const meta::Analysis& a, const std::string& outcome, Format format,
                   std::ostream& out);

void PrintLeaveOneOut(const meta::AnalysisInput& input, const std::vector<meta::LeaveOneOutRow>& rows,
                      meta::Measure measure, const meta::FitOptions& o, Format format, std::ostream& out);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_META_FORMAT_H_
