// JSON and CSV of carta::clinical's toxicity use cases (clinical/tox.h): one
// ToJson per result, keys in the order doc/cli.md lists them ("carta tox"),
// one FromJson per request for a server that receives them, and the listings
// that the CSV output (and the command's tables) are made of.
#ifndef CARTA_API_CLINICAL_H_
#define CARTA_API_CLINICAL_H_

#include <vector>

#include "carta/api/json.h"
#include "carta/api/listing.h"
#include "carta/clinical/tox.h"
#include "carta/core/status.h"

namespace carta::api {

// ---- Results ---------------------------------------------------------------

// {toxicity, scale, grade, determined_by, domains: [{domain, grade, finding}],
// notes, inputs: {temp_c, hypotension, hypoxia, oxygen_l_min,
// after_anticytokine}, source}.
Json ToJson(const clinical::CrsGrading& r);
// As CRS, inputs {ice, capd, age, consciousness, seizure, motor, icp}, then
// tool ("ICE", "CAPD" or null) before source.
Json ToJson(const clinical::IcansGrading& r);
// A grade without inputs (CRES): {toxicity, scale, grade, determined_by,
// domains, notes, source}.
Json ToJson(const clinical::GradeResult& r);
// {items: {orientation, naming, commands, writing, attention}, score, ice_grade}.
Json ToJson(const clinical::IceResult& r);
// {items: {<CAPD item>: points}, score, screen_positive, capd_grade}.
Json ToJson(const clinical::CapdResult& r);
// {score, risk, items: [{item, value, unit, points, rule}], source}.
Json ToJson(const clinical::HematotoxResult& r);
// {easix, m_easix, source}, each {value, log2_value, inputs: {<item>: {value,
// unit}}} or null when not computed; non-finite numbers are null.
Json ToJson(const clinical::EasixReport& r);
// {level, days, patients, summary}: the parts `r.view` asks for.
Json ToJson(const clinical::SeriesReport& r);
// {disclaimer, entries: [{toxicity, grade, management, source}]}.
Json ToJson(const clinical::GuidanceReport& r);
// [{scale, source, hypoxia, hypotension, note}].
Json ToJson(const std::vector<clinical::CrsScale>& scales);

// ---- Listings (CSV, and the rows of the command's tables) --------------------

// One row: grade, determined_by, then <domain>_grade for each domain.
Listing GradeRowListing(const clinical::GradeResult& r);
// One row: the items' points, then the other keys of ToJson (score, ...).
Listing PointsRowListing(const Json& points);
// item, value, unit, points, rule; with `total_row` a last row "total".
Listing HematotoxListing(const clinical::HematotoxResult& r, bool total_row);
// score, value, log2_value (rounded to 4 decimals), one row per score computed.
Listing EasixListing(const clinical::EasixReport& r);
Listing SeriesDaysListing(const clinical::SeriesResult& s);
Listing SeriesPatientsListing(const clinical::SeriesResult& s);
// One row per toxicity; rates as "events/n rate% (lb-ub)" text.
Listing SeriesSummaryListing(const clinical::CohortSummary& s);
// The one view a CSV holds: patients, summary, or the days (for "all" too).
Listing SeriesCsvListing(const clinical::SeriesReport& r);
// toxicity, grade, management (joined by "; "), source.
Listing GuidanceListing(const clinical::GuidanceReport& r);
Listing ScalesListing(const std::vector<clinical::CrsScale>& scales);

// ---- Requests ----------------------------------------------------------------
//
// Each takes a JSON object whose keys are the request's fields (the names of
// the result's "inputs" where there are any). Fails, with the key as the
// status's field, on a value that is not an object, an unknown key, a value of
// the wrong type, a name the library does not accept, or a missing required
// key. Optional keys may be null or left out. A failure inside a measurement
// object names both keys ("anc.unit").

// temp_c, temp_f, hypotension, hypoxia, oxygen_l_min, after_anticytokine, died.
Result<clinical::CrsRequest> CrsRequestFromJson(const Json& j);
// ice, capd, age, developmental_delay, consciousness, seizure, motor, icp, died.
Result<clinical::IcansInput> IcansRequestFromJson(const Json& j);
// cartox10, obtunded, icp, seizure, motor_weakness.
Result<clinical::CresInput> CresRequestFromJson(const Json& j);
// orientation, naming, commands, writing, attention (all required).
Result<clinical::IceItems> IceRequestFromJson(const Json& j);
// The eight CAPD items (all required), each never|rarely|sometimes|often|always.
Result<clinical::CapdRequest> CapdRequestFromJson(const Json& j);
// anc, hemoglobin, platelets, crp, ferritin (all required). A measurement is a
// number in the canonical unit, a text with its unit ("1100 /uL") or
// {value, unit}.
Result<clinical::HematotoxRequest> HematotoxRequestFromJson(const Json& j);
// ldh, platelets (required), creatinine, crp.
Result<clinical::EasixRequest> EasixRequestFromJson(const Json& j);
// csv (required, the CSV text), file, level (a fraction, 0.95), view.
Result<clinical::SeriesRequest> SeriesRequestFromJson(const Json& j);
// toxicity, grade.
Result<clinical::GuidanceRequest> GuidanceRequestFromJson(const Json& j);

}  // namespace carta::api

#endif  // CARTA_API_CLINICAL_H_
