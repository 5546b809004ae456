// Printing `carta tox` results as a table, JSON or CSV (keys in doc/cli.md).
#ifndef CARTA_TOOLS_TOX_FORMAT_H_
#define CARTA_TOOLS_TOX_FORMAT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "carta/api/json.h"

#include "carta/clinical/grade.h"
#include "carta/clinical/scores.h"
#include "carta/clinical/series.h"
#include "output.h"

namespace carta::cli {

// A graded toxicity. JSON: the extra keys in `extra` (inputs, tool, ...),
// then scale, grade, determined_by, domains, notes, source. CSV: one row with
// grade, determined_by and each domain's grade. Table: a headline, the
// domains, the notes and the source.
void PrintGrade(const clinical::GradeResult& r, const std::string& toxicity, const api::Json& extra,
                const std::string& source, Format format, std::ostream& out);

// A point score (ICE, CAPD): `items` is {item, points} in order, `extra`
// holds score-specific keys (score, grade, ...), in order, printed after the
// items. JSON: {"items": {item: points}, extra keys}.
using KeyValues = std::vector<std::pair<std::string, api::Json>>;
void PrintPoints(const std::string& title, const std::vector<std::pair<std::string, int>>& items,
                 const KeyValues& extra, Format format, std::ostream& out);

void PrintHematotox(const clinical::HematotoxResult& r, Format format, std::ostream& out);
void PrintEasix(const std::vector<clinical::EasixResult>& scores, Format format, std::ostream& out);

// `view`: "all", "days", "patients" or "summary"; CSV prints one table
// ("all" prints the days).
void PrintSeries(const clinical::SeriesResult& series, const clinical::CohortSummary& summary,
                 const std::string& view, Format format, std::ostream& out);

// The management summary for `toxicity` ("" for both) and `grade` (0 for all).
void PrintGuidance(const std::string& toxicity, int grade, Format format, std::ostream& out);
void PrintScales(Format format, std::ostream& out);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_TOX_FORMAT_H_
