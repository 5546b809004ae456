// carta::clinical's results as JSON and listings (keys in doc/cli.md, "carta tox").
#include <cmath>
#include <string>
#include <utility>

#include "carta/api/clinical.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

namespace cl = clinical;

Json Opt(const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); }
Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

// `v` rounded to `decimals` for display (JSON keeps full precision).
Json Round(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return Number(std::round(v * scale) / scale);
}

// The keys every grade shares, before the scale's own (inputs, tool) and the source.
Json GradeHead(const cl::GradeResult& r) {
  Json domains = Json::array();
  for (const auto& d : r.domains) domains.push_back({{"domain", d.domain}, {"grade", d.grade}, {"finding", d.finding}});
  return {{"toxicity", r.toxicity}, {"scale", r.scale},   {"grade", r.grade},
          {"determined_by", r.determined_by}, {"domains", domains}, {"notes", r.notes}};
}

Json ProportionJson(const cl::Proportion& p) {
  return {{"events", p.events}, {"n", p.n}, {"rate", Number(p.rate)}, {"ci_lb", Number(p.ci_lb)},
          {"ci_ub", Number(p.ci_ub)}};
}

Json ToxicityJson(const cl::ToxicitySummary& t) {
  return {{"n", t.n},
          {"any_grade", ProportionJson(t.any_grade)},
          {"grade3plus", ProportionJson(t.grade3plus)},
          {"patients_by_max_grade", t.patients_by_max_grade},
          {"median_onset_day", Opt(t.median_onset_day)},
          {"median_days_with_grade", Opt(t.median_days_with_grade)}};
}

Json DayGrade(const std::optional<cl::GradeResult>& g) { return g ? Json(g->grade) : Json(nullptr); }
Json DayBy(const std::optional<cl::GradeResult>& g) { return g ? Json(g->determined_by) : Json(nullptr); }

// A course's maximum grade, onset day and days with grade; null when not assessed.
std::array<Json, 3> CourseCells(const cl::Course& c) {
  if (!c.assessed) return {nullptr, nullptr, nullptr};
  return {c.max_grade, Opt(c.onset_day), c.days_with_grade};
}

std::string RateText(const cl::Proportion& p) {
  if (p.n == 0) return "";
  return std::to_string(p.events) + "/" + std::to_string(p.n) + " " + text::Fixed(100 * p.rate, 1) + "% (" +
         text::Fixed(100 * p.ci_lb, 1) + "-" + text::Fixed(100 * p.ci_ub, 1) + ")";
}

Json EasixJson(const std::optional<cl::EasixResult>& s) {
  if (!s) return nullptr;
  Json inputs = Json::object();
  for (const auto& i : s->items) inputs[i.item] = {{"value", i.value}, {"unit", i.unit}};
  return {{"value", Number(s->value)}, {"log2_value", Number(s->log2_value)}, {"inputs", inputs}};
}

}  // namespace

Json ToJson(const cl::CrsGrading& r) {
  const cl::CrsInput& in = r.inputs;
  Json j = GradeHead(r.grade);
  j["inputs"] = {{"temp_c", Opt(in.temp_c)},
                 {"hypotension", cl::HypotensionName(in.hypotension)},
                 {"hypoxia", cl::OxygenSupportName(in.oxygen)},
                 {"oxygen_l_min", Opt(in.oxygen_flow_l_min)},
                 {"after_anticytokine", in.after_anticytokine}};
  j["source"] = r.grade.source;
  return j;
}

Json ToJson(const cl::IcansGrading& r) {
  const cl::IcansInput& in = r.inputs;
  Json j = GradeHead(r.grade);
  j["inputs"] = {{"ice", Opt(in.ice)},
                 {"capd", Opt(in.capd)},
                 {"age", Opt(in.age_years)},
                 {"consciousness", cl::ConsciousnessName(in.consciousness)},
                 {"seizure", cl::SeizureName(in.seizure)},
                 {"motor", cl::MotorFindingName(in.motor)},
                 {"icp", cl::IcpFindingName(in.icp)}};
  j["tool"] = r.tool.empty() ? Json(nullptr) : Json(r.tool);
  j["source"] = r.grade.source;
  return j;
}

Json ToJson(const cl::GradeResult& r) {
  Json j = GradeHead(r);
  j["source"] = r.source;
  return j;
}

Json ToJson(const cl::IceResult& r) {
  const cl::IceItems& i = r.items;
  Json items = {{"orientation", i.orientation}, {"naming", i.naming}, {"commands", i.follows_commands},
                {"writing", i.writes_sentence}, {"attention", i.counts_backwards}};
  return {{"items", items}, {"score", r.score}, {"ice_grade", r.ice_grade}};
}

Json ToJson(const cl::CapdResult& r) {
  Json items = Json::object();
  for (size_t i = 0; i < cl::kCapdItems.size(); ++i) items[cl::kCapdItems[i]] = r.points[i];
  return {{"items", items}, {"score", r.score}, {"screen_positive", r.screen_positive}, {"capd_grade", r.capd_grade}};
}

Json ToJson(const cl::HematotoxResult& r) {
  Json items = Json::array();
  for (const auto& i : r.items) {
    items.push_back({{"item", i.item}, {"value", i.value}, {"unit", i.unit}, {"points", i.points}, {"rule", i.rule}});
  }
  return {{"score", r.score}, {"risk", r.risk}, {"items", items}, {"source", r.source}};
}

Json ToJson(const cl::EasixReport& r) {
  return {{"easix", EasixJson(r.easix)}, {"m_easix", EasixJson(r.m_easix)}, {"source", r.source}};
}

Json ToJson(const cl::SeriesReport& r) {
  const bool all = r.view == cl::SeriesView::kAll;
  Json j = {{"level", r.summary.level}};
  if (all || r.view == cl::SeriesView::kDays) j["days"] = SeriesDaysListing(r.series).ToJson();
  if (all || r.view == cl::SeriesView::kPatients) j["patients"] = SeriesPatientsListing(r.series).ToJson();
  if (all || r.view == cl::SeriesView::kSummary) {
    j["summary"] = {{"crs", ToxicityJson(r.summary.crs)}, {"icans", ToxicityJson(r.summary.icans)}};
  }
  return j;
}

Json ToJson(const cl::GuidanceReport& r) {
  Json entries = Json::array();
  for (const auto& g : r.entries) {
    entries.push_back({{"toxicity", cl::ToxicityName(g.toxicity)},
                       {"grade", g.grade},
                       {"management", g.management},
                       {"source", g.source}});
  }
  return {{"disclaimer", r.disclaimer}, {"entries", entries}};
}

Json ToJson(const std::vector<cl::CrsScale>& scales) { return ScalesListing(scales).ToJson(); }

Listing GradeRowListing(const cl::GradeResult& r) {
  std::vector<Column> columns = {{"grade", "grade"}, {"determined_by", "determined_by"}};
  std::vector<Json> row = {r.grade, r.determined_by};
  for (const auto& d : r.domains) {
    columns.push_back({d.domain + "_grade", d.domain});
    row.push_back(d.grade);
  }
  Listing l(std::move(columns));
  l.Add(std::move(row));
  return l;
}

Listing PointsRowListing(const Json& points) {
  std::vector<Column> columns;
  std::vector<Json> row;
  for (const auto& [key, value] : points["items"].items()) {
    columns.push_back({key, key});
    row.push_back(value);
  }
  for (const auto& [key, value] : points.items()) {
    if (key == "items") continue;
    columns.push_back({key, key});
    row.push_back(value);
  }
  Listing l(std::move(columns));
  l.Add(std::move(row));
  return l;
}

Listing HematotoxListing(const cl::HematotoxResult& r, bool total_row) {
  Listing l({{"item", "item"}, {"value", "value"}, {"unit", "unit"}, {"points", "points"}, {"rule", "rule"}});
  for (const auto& i : r.items) l.Add({i.item, i.value, i.unit, i.points, i.rule});
  if (total_row) l.Add({"total", nullptr, nullptr, r.score, r.risk + " risk"});
  return l;
}

Listing EasixListing(const cl::EasixReport& r) {
  Listing l({{"score", "score"}, {"value", "value"}, {"log2_value", "log2"}});
  for (const auto* s : {&r.easix, &r.m_easix}) {
    if (*s) l.Add({(*s)->score, Round((*s)->value, 4), Round((*s)->log2_value, 4)});
  }
  return l;
}

Listing SeriesDaysListing(const cl::SeriesResult& s) {
  Listing l({{"patient", "patient"},
             {"day", "day"},
             {"crs_grade", "CRS"},
             {"crs_determined_by", "CRS set by"},
             {"icans_grade", "ICANS"},
             {"icans_determined_by", "ICANS set by"}});
  for (const auto& d : s.days) l.Add({d.patient, d.day, DayGrade(d.crs), DayBy(d.crs), DayGrade(d.icans), DayBy(d.icans)});
  return l;
}

Listing SeriesPatientsListing(const cl::SeriesResult& s) {
  Listing l({{"patient", "patient"},
             {"first_day", "first day"},
             {"last_day", "last day"},
             {"crs_max_grade", "CRS max"},
             {"crs_onset_day", "CRS onset"},
             {"crs_days", "CRS days"},
             {"icans_max_grade", "ICANS max"},
             {"icans_onset_day", "ICANS onset"},
             {"icans_days", "ICANS days"}});
  for (const auto& p : s.patients) {
    const auto crs = CourseCells(p.crs);
    const auto icans = CourseCells(p.icans);
    l.Add({p.patient, p.first_day, p.last_day, crs[0], crs[1], crs[2], icans[0], icans[1], icans[2]});
  }
  return l;
}

Listing SeriesSummaryListing(const cl::CohortSummary& s) {
  Listing l({{"toxicity", "toxicity"},
             {"n", "n"},
             {"any_grade", "any grade (exact CI)"},
             {"grade3plus", "grade >= 3 (exact CI)"},
             {"median_onset_day", "median onset day"},
             {"median_days_with_grade", "median days"}});
  for (const auto& [name, t] : {std::pair{"crs", &s.crs}, std::pair{"icans", &s.icans}}) {
    l.Add({name, t->n, RateText(t->any_grade), RateText(t->grade3plus), Opt(t->median_onset_day),
           Opt(t->median_days_with_grade)});
  }
  return l;
}

Listing SeriesCsvListing(const cl::SeriesReport& r) {
  if (r.view == cl::SeriesView::kPatients) return SeriesPatientsListing(r.series);
  if (r.view == cl::SeriesView::kSummary) return SeriesSummaryListing(r.summary);
  return SeriesDaysListing(r.series);
}

Listing GuidanceListing(const cl::GuidanceReport& r) {
  Listing l({{"toxicity", "toxicity"}, {"grade", "grade"}, {"management", "management", 90}, {"source", "source", 40}});
  for (const auto& g : r.entries) {
    l.Add({cl::ToxicityName(g.toxicity), g.grade, text::Join(g.management, "; "), g.source});
  }
  return l;
}

Listing ScalesListing(const std::vector<cl::CrsScale>& scales) {
  Listing l({{"scale", "scale"},
             {"source", "source", 30},
             {"hypoxia", "hypoxia", 36},
             {"hypotension", "hypotension", 36},
             {"note", "how it differs", 40}});
  for (const auto& s : scales) l.Add({s.scale, s.source, s.hypoxia, s.hypotension, s.note});
  return l;
}

}  // namespace carta::api
