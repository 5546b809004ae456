// carta::clinical's results in each output format: the text tables for a
// terminal (a headline, the domains, notes and source), or the JSON and CSV of
// api/clinical.h (keys in doc/cli.md). The command and the server print these.
#ifndef CARTA_API_CLINICAL_TEXT_H_
#define CARTA_API_CLINICAL_TEXT_H_

#include <iosfwd>

#include "carta/clinical/tox.h"
#include "carta/api/text.h"

namespace carta::api {

// A graded toxicity. Table: a headline, the domains, the notes and the
// source. CSV: one row with grade, determined_by and each domain's grade.
void PrintCrs(const clinical::CrsGrading& r, Format format, std::ostream& out);
void PrintIcans(const clinical::IcansGrading& r, Format format, std::ostream& out);
void PrintCres(const clinical::GradeResult& r, Format format, std::ostream& out);

// A point score. Table: a title, the items' points, then the other keys.
// CSV: one row, the items then the other keys.
void PrintIce(const clinical::IceResult& r, Format format, std::ostream& out);
void PrintCapd(const clinical::CapdResult& r, Format format, std::ostream& out);

void PrintHematotox(const clinical::HematotoxResult& r, Format format, std::ostream& out);
void PrintEasix(const clinical::EasixReport& r, Format format, std::ostream& out);

// The views `r.view` asks for; CSV prints one table (the days for "all").
void PrintSeries(const clinical::SeriesReport& r, Format format, std::ostream& out);

void PrintGuidance(const clinical::GuidanceReport& r, Format format, std::ostream& out);
void PrintScales(Format format, std::ostream& out);

}  // namespace carta::api

#endif  // CARTA_API_CLINICAL_TEXT_H_
