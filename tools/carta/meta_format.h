// Printing meta-analyses: a summary in the layout of metafor's print.rma(),
// and stable JSON and CSV (doc/cli.md).
#ifndef CARTA_TOOLS_META_FORMAT_H_
#define CARTA_TOOLS_META_FORMAT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "carta/meta/analysis.h"
#include "carta/meta/bias.h"
#include "carta/meta/resampling.h"
#include "output.h"

namespace carta::cli {

void PrintAnalysis(const meta::AnalysisInput& input, const meta::Analysis& a, const std::string& outcome, Format format,
                   std::ostream& out);

void PrintLeaveOneOut(const meta::AnalysisInput& input, const std::vector<meta::LeaveOneOutRow>& rows,
                      meta::Measure measure, const meta::FitOptions& o, Format format, std::ostream& out);

void PrintGosh(const meta::AnalysisInput& input, const meta::GoshResult& g, Format format, std::ostream& out);

void PrintPermutation(const meta::AnalysisInput& input, const meta::FitResult& fit, const meta::PermutationTest& t,
                      Format format, std::ostream& out);

void PrintInfluence(const meta::AnalysisInput& input, const std::vector<meta::InfluenceRow>& rows, Format format,
                    std::ostream& out);

void PrintBias(const meta::AnalysisInput& input, const meta::EggerTest& egger, const meta::RankTest& rank,
               const meta::TrimAndFill& tf, meta::Measure measure, Format format, std::ostream& out);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_META_FORMAT_H_
