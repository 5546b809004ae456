#include "carta/api/clinical_text.h"

#include <ostream>
#include <string>

#include "carta/api/clinical.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

using api::Json;

// JSON as api encodes it, CSV as one row of the grade; else the table.
void PrintGrade(const clinical::GradeResult& r, const Json& json, Format format, std::ostream& out) {
  if (format != Format::kTable) {
    if (format == Format::kJson) out << api::Dump(json) << "\n";
    else Print(api::GradeRowListing(r), format, out);
    return;
  }
  out << text::ToLower(r.toxicity) << " grade " << r.grade << " (" << r.scale << ")";
  if (!r.determined_by.empty()) out << ", set by " << text::Join(r.determined_by, " and ");
  out << "\n\n";
  Listing l({{"domain", "domain"}, {"grade", "grade"}, {"finding", "finding", 70}});
  for (const auto& d : r.domains) l.Add({d.domain, d.grade, d.finding});
  Print(l, format, out);
  out << "\n";
  for (const auto& n : r.notes) out << "note: " << n << "\n";
  out << "source: " << r.source << "\n";
}

// `points` is api's JSON of a point score: {items: {item: points}, other keys}.
void PrintPoints(const std::string& title, const Json& points, Format format, std::ostream& out) {
  if (format != Format::kTable) {
    if (format == Format::kJson) out << api::Dump(points) << "\n";
    else Print(api::PointsRowListing(points), format, out);
    return;
  }
  out << title << "\n\n";
  Listing l({{"item", "item"}, {"points", "points"}});
  for (const auto& [item, value] : points["items"].items()) l.Add({item, value});
  Print(l, format, out);
  out << "\n";
  for (const auto& [key, value] : points.items()) {
    if (key != "items") out << key << ": " << CellText(value) << "\n";
  }
}

}  // namespace

void PrintCrs(const clinical::CrsGrading& r, Format format, std::ostream& out) {
  PrintGrade(r.grade, api::ToJson(r), format, out);
}
void PrintIcans(const clinical::IcansGrading& r, Format format, std::ostream& out) {
  PrintGrade(r.grade, api::ToJson(r), format, out);
}
void PrintCres(const clinical::GradeResult& r, Format format, std::ostream& out) {
  PrintGrade(r, api::ToJson(r), format, out);
}

void PrintIce(const clinical::IceResult& r, Format format, std::ostream& out) {
  PrintPoints("ICE " + std::to_string(r.score) + "/10 (" + r.source + ")", api::ToJson(r), format, out);
}
void PrintCapd(const clinical::CapdResult& r, Format format, std::ostream& out) {
  PrintPoints("CAPD " + std::to_string(r.score) + "/32 (" + r.source + ")", api::ToJson(r), format, out);
}

void PrintHematotox(const clinical::HematotoxResult& r, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << api::Dump(api::ToJson(r)) << "\n";
    return;
  }
  if (format == Format::kTable) out << "CAR-HEMATOTOX " << r.score << ": " << r.risk << " risk\n\n";
  Print(api::HematotoxListing(r, format == Format::kCsv), format, out);
  if (format == Format::kTable) out << "\nsource: " << r.source << "\n";
}

void PrintEasix(const clinical::EasixReport& r, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << api::Dump(api::ToJson(r)) << "\n";
    return;
  }
  Print(api::EasixListing(r), format, out);
  if (format == Format::kTable) out << "\nsource: " << r.source << "\n";
}

void PrintSeries(const clinical::SeriesReport& r, Format format, std::ostream& out) {
  if (format != Format::kTable) {
    if (format == Format::kJson) out << api::Dump(api::ToJson(r)) << "\n";
    else Print(api::SeriesCsvListing(r), format, out);
    return;
  }
  const bool all = r.view == clinical::SeriesView::kAll;
  if (all || r.view == clinical::SeriesView::kDays) {
    out << "Grades by day (ASTCT 2019)\n\n";
    Print(api::SeriesDaysListing(r.series), format, out);
    out << "\n";
  }
  if (all || r.view == clinical::SeriesView::kPatients) {
    out << "Patients: maximum grade, onset day, days with grade >= 1\n\n";
    Print(api::SeriesPatientsListing(r.series), format, out);
    out << "\n";
  }
  if (all || r.view == clinical::SeriesView::kSummary) {
    out << "Cohort (" << text::Fixed(100 * r.summary.level, 0) << "% Clopper-Pearson intervals)\n\n";
    Print(api::SeriesSummaryListing(r.summary), format, out);
  }
}

void PrintGuidance(const clinical::GuidanceReport& r, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << api::Dump(api::ToJson(r)) << "\n";
    return;
  }
  if (format == Format::kTable) out << r.disclaimer << "\n\n";
  Print(api::GuidanceListing(r), format, out);
}

void PrintScales(Format format, std::ostream& out) {
  if (format == Format::kTable) out << clinical::kCrsScalesCaveat << "\n\n";
  Print(api::ScalesListing(clinical::CrsScales()), format, out);
}

}  // namespace carta::api
