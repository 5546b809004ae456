// The toxicity use cases of carta::clinical, one per `carta tox` subcommand:
// a request as a front end receives it (names already parsed, measurements
// with their units), the checks and unit conversions, and a result that
// carries the citation of the rule that produced it. The command line and the
// server call these and only encode what they return (carta/api/clinical.h).
//
// Failures are InvalidArgument with the request field at fault in
// `status().location().field` ("temp_c", "anc", "level", ...); messages never
// name a command-line option.
#ifndef CARTA_CLINICAL_TOX_H_
#define CARTA_CLINICAL_TOX_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/clinical/crs.h"
#include "carta/clinical/grade.h"
#include "carta/clinical/guidance.h"
#include "carta/clinical/icans.h"
#include "carta/clinical/legacy.h"
#include "carta/clinical/scores.h"
#include "carta/clinical/series.h"
#include "carta/clinical/units.h"
#include "carta/core/status.h"

namespace carta::clinical {

// ---- CRS (ASTCT 2019) -------------------------------------------------------

struct CrsRequest {
  std::optional<double> temp_c;  // highest temperature, °C
  std::optional<double> temp_f;  // or in °F (converted); at most one of the two
  Hypotension hypotension = Hypotension::kNone;
  OxygenSupport hypoxia = OxygenSupport::kNone;
  std::optional<double> oxygen_l_min;  // nasal cannula flow, L/min
  bool after_anticytokine = false;     // antipyretic or anti-cytokine therapy already given
  bool died = false;                   // death due to CRS (grade 5)
};

struct CrsGrading {
  CrsInput inputs;    // what was graded, the temperature in °C
  GradeResult grade;  // toxicity "CRS", source: the ASTCT consensus
};

// Converts a °F temperature and grades by GradeCrs (crs.h). Fails on both
// temperatures given (field "temp_f"), a °F temperature outside 86-113 °F
// ("temp_f"), and as GradeCrs does ("temp_c", "oxygen_l_min").
Result<CrsGrading> RunCrs(const CrsRequest& request);

// ---- ICANS (ASTCT 2019) -----------------------------------------------------

struct IcansGrading {
  IcansInput inputs;
  std::string tool;   // "ICE", "CAPD", or "" when neither was graded (death, grade 5)
  GradeResult grade;  // toxicity "ICANS", source: the ASTCT consensus
};

// Grades by GradeIcans (icans.h) and names the encephalopathy tool it used.
// Fails as GradeIcans does (fields "ice", "capd", "age").
Result<IcansGrading> RunIcans(const IcansInput& request);

// CRES (CARTOX, Neelapu 2018) is GradeCres (legacy.h): its GradeResult has
// toxicity "CRES" and the Neelapu citation.

// ---- ICE and CAPD point scores ----------------------------------------------

struct IceResult {
  IceItems items;
  int score = 0;      // 0-10
  int ice_grade = 0;  // the ICANS grade the score alone sets in an awake patient
  std::string source;
};
// The ICE total (IceScore) and its grade. Fails on an item outside its
// range, the field naming the item ("orientation", "naming", "commands",
// "writing", "attention").
Result<IceResult> RunIce(const IceItems& items);

struct CapdRequest {
  std::array<Frequency, 8> answers{};  // in kCapdItems order
};
struct CapdResult {
  std::array<int, 8> points{};  // per item, kCapdItems order, 0-4
  int score = 0;                // 0-32
  bool screen_positive = false; // score >= kCapdDeliriumCutoff
  int capd_grade = 0;           // the ICANS grade the score alone sets in a child
  std::string source;
};
// Scores CAPD (ScoreCapd, Traube 2014); cannot fail.
CapdResult RunCapd(const CapdRequest& request);

// ---- Laboratory risk scores -------------------------------------------------

struct HematotoxRequest {
  Measurement anc;         // canonical 10^9/L
  Measurement hemoglobin;  // canonical g/dL
  Measurement platelets;   // canonical 10^9/L
  Measurement crp;         // canonical mg/dL
  Measurement ferritin;    // canonical ng/mL
};
// Converts each value to its canonical unit and scores CAR-HEMATOTOX
// (CarHematotox, scores.h). Fails on an unknown unit or an impossible value,
// the field naming the value ("anc", "hemoglobin", ...).
Result<HematotoxResult> RunHematotox(const HematotoxRequest& request);

struct EasixRequest {
  Measurement ldh;                       // canonical U/L
  Measurement platelets;                 // canonical 10^9/L
  std::optional<Measurement> creatinine; // canonical mg/dL: EASIX
  std::optional<Measurement> crp;        // canonical mg/dL: m-EASIX
};
struct EasixReport {
  std::optional<EasixResult> easix;    // when creatinine was given
  std::optional<EasixResult> m_easix;  // when CRP was given
  std::string source;                  // both formulas with their citations
};
// EASIX and/or m-EASIX (scores.h). Fails when neither creatinine nor CRP is
// given (field "creatinine"), on an unknown unit or impossible value (the
// value's field), and as Easix and ModifiedEasix do.
Result<EasixReport> RunEasix(const EasixRequest& request);

// ---- A cohort's daily records -----------------------------------------------

// Which parts of the series result a front end shows.
enum class SeriesView { kAll, kDays, kPatients, kSummary };
// "all", "days", "patients", "summary"; other names fail listing these.
Result<SeriesView> ParseSeriesView(std::string_view name);
const char* SeriesViewName(SeriesView view);

struct SeriesRequest {
  std::string csv;   // the daily-record CSV (series.h), as text
  std::string file;  // its name, for messages ("days.csv:3: ...")
  double level = 0.95;  // confidence level of the cohort intervals, in (0, 1)
  SeriesView view = SeriesView::kAll;
};
struct SeriesReport {
  SeriesView view = SeriesView::kAll;
  SeriesResult series;    // always complete; `view` says what to show
  CohortSummary summary;
};
// Parses, grades and summarises the records (ParseDailyCsv, GradeSeries,
// Summarize). Fails with "file:line: ..." on a bad record, and on a level
// outside (0, 1) (field "level", checked after the records).
Result<SeriesReport> RunSeries(const SeriesRequest& request);

// ---- Management summary and scales ------------------------------------------

struct GuidanceRequest {
  std::optional<Toxicity> toxicity;  // absent: both
  std::optional<int> grade;          // 1-4; absent: all
};
struct GuidanceReport {
  std::string disclaimer;        // kGuidanceDisclaimer
  std::vector<Guidance> entries; // the entries chosen, in AllGuidance order
};
// The management entries for the request. Fails on a grade outside 1-4
// (field "grade").
Result<GuidanceReport> RunGuidance(const GuidanceRequest& request);

// Printed above the table of CrsScales(): grades of different scales are not
// interchangeable.
extern const char* const kCrsScalesCaveat;

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_TOX_H_
