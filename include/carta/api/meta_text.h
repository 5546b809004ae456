// Meta-analyses in each output format: the text summary in the layout of
// metafor's print.rma() and its companions, or the JSON and CSV of api/meta.h.
#ifndef CARTA_API_META_TEXT_H_
#define CARTA_API_META_TEXT_H_

#include <iosfwd>

#include "carta/meta/multilevel.h"
#include "carta/meta/run.h"
#include "carta/api/text.h"

namespace carta::api {

// `r` as text (table), JSON or CSV (doc/cli.md).
void PrintMeta(const meta::MetaResult& r, Format format, std::ostream& out);

// The text of each analysis (meta_format.cc, meta_sensitivity_format.cc).
void PrintAnalysisText(const meta::MetaResult& r, std::ostream& out);
void PrintLeaveOneOutText(const meta::MetaResult& r, std::ostream& out);
void PrintGoshText(const meta::MetaResult& r, std::ostream& out);
void PrintPermutationText(const meta::MetaResult& r, std::ostream& out);
void PrintInfluenceText(const meta::MetaResult& r, std::ostream& out);
void PrintBiasText(const meta::MetaResult& r, std::ostream& out);
void PrintCumulativeText(const meta::MetaResult& r, std::ostream& out);
void PrintDiagnosticPlotText(const meta::MetaResult& r, std::ostream& out);  // baujat, radial

// A multilevel model as text (the layout of metafor's print.rma.mv), JSON
// (ToJson) or CSV (its studies, ToListing).
void PrintMultilevel(const meta::MultilevelResult& r, Format format, std::ostream& out);

// The multilevel fit's conventions in words (estimator, tests, intervals),
// as the JSON's "conventions" and the text output's header say them.
std::string MultilevelConventions(const meta::MultilevelFit& f);

// "95% CI" for a level of 0.95: intervals are labelled with the level used.
std::string CiLabel(double level);

}  // namespace carta::api

#endif  // CARTA_API_META_TEXT_H_
