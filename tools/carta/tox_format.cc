#include "tox_format.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "carta/clinical/guidance.h"
#include "carta/clinical/legacy.h"
#include "carta/core/text.h"

namespace carta::cli {

namespace {

using json = api::Json;

json Num(double v) { return JsonNumber(v); }
json Opt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// `v` rounded to `decimals` for display (JSON keeps full precision).
json Round(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return Num(std::round(v * scale) / scale);
}

json DomainsJson(const clinical::GradeResult& r) {
  json a = json::array();
  for (const auto& d : r.domains) a.push_back({{"domain", d.domain}, {"grade", d.grade}, {"finding", d.finding}});
  return a;
}

json ProportionJson(const clinical::Proportion& p) {
  return {{"events", p.events}, {"n", p.n}, {"rate", Num(p.rate)}, {"ci_lb", Num(p.ci_lb)}, {"ci_ub", Num(p.ci_ub)}};
}

json ToxicityJson(const clinical::ToxicitySummary& t) {
  return {{"n", t.n},
          {"any_grade", ProportionJson(t.any_grade)},
          {"grade3plus", ProportionJson(t.grade3plus)},
          {"patients_by_max_grade", t.patients_by_max_grade},
          {"median_onset_day", Opt(t.median_onset_day)},
          {"median_days_with_grade", Opt(t.median_days_with_grade)}};
}

json DayGradeJson(const std::optional<clinical::GradeResult>& g) { return g ? json(g->grade) : json(nullptr); }
json DayByJson(const std::optional<clinical::GradeResult>& g) { return g ? json(g->determined_by) : json(nullptr); }

Listing DaysListing(const clinical::SeriesResult& s) {
  Listing l({{"patient", "patient"},
             {"day", "day"},
             {"crs_grade", "CRS"},
             {"crs_determined_by", "CRS set by"},
             {"icans_grade", "ICANS"},
             {"icans_determined_by", "ICANS set by"}});
  for (const auto& d : s.days) {
    l.Add({d.patient, d.day, DayGradeJson(d.crs), DayByJson(d.crs), DayGradeJson(d.icans), DayByJson(d.icans)});
  }
  return l;
}

json CourseCells(const clinical::Course& c, int which) {
  if (!c.assessed) return nullptr;
  if (which == 0) return c.max_grade;
  if (which == 1) return Opt(c.onset_day);
  return c.days_with_grade;
}

Listing PatientsListing(const clinical::SeriesResult& s) {
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
    l.Add({p.patient, p.first_day, p.last_day, CourseCells(p.crs, 0), CourseCells(p.crs, 1), CourseCells(p.crs, 2),
           CourseCells(p.icans, 0), CourseCells(p.icans, 1), CourseCells(p.icans, 2)});
  }
  return l;
}

std::string RateText(const clinical::Proportion& p) {
  if (p.n == 0) return "";
  return std::to_string(p.events) + "/" + std::to_string(p.n) + " " + Fixed(100 * p.rate, 1) + "% (" +
         Fixed(100 * p.ci_lb, 1) + "-" + Fixed(100 * p.ci_ub, 1) + ")";
}

Listing SummaryListing(const clinical::CohortSummary& s) {
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

json GuidanceJson(const clinical::Guidance& g) {
  return {{"toxicity", clinical::ToxicityName(g.toxicity)},
          {"grade", g.grade},
          {"management", g.management},
          {"source", g.source}};
}

}  // namespace

void PrintGrade(const clinical::GradeResult& r, const std::string& toxicity, const json& extra,
                const std::string& source, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    json j = extra.is_object() ? extra : json::object();
    j["toxicity"] = toxicity;
    j["scale"] = r.scale;
    j["grade"] = r.grade;
    j["determined_by"] = r.determined_by;
    j["domains"] = DomainsJson(r);
    j["notes"] = r.notes;
    j["source"] = source;
    out << DumpJson(j) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    std::vector<Column> columns = {{"grade", "grade"}, {"determined_by", "determined_by"}};
    std::vector<json> row = {r.grade, r.determined_by};
    for (const auto& d : r.domains) {
      columns.push_back({d.domain + "_grade", d.domain});
      row.push_back(d.grade);
    }
    Listing l(columns);
    l.Add(row);
    Print(l, format, out);
    return;
  }
  out << text::ToLower(toxicity) << " grade " << r.grade << " (" << r.scale << ")";
  if (!r.determined_by.empty()) out << ", set by " << text::Join(r.determined_by, " and ");
  out << "\n\n";
  Listing l({{"domain", "domain"}, {"grade", "grade"}, {"finding", "finding", 70}});
  for (const auto& d : r.domains) l.Add({d.domain, d.grade, d.finding});
  Print(l, format, out);
  out << "\n";
  for (const auto& n : r.notes) out << "note: " << n << "\n";
  out << "source: " << source << "\n";
}

void PrintPoints(const std::string& title, const std::vector<std::pair<std::string, int>>& items,
                 const KeyValues& extra, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    json j = {{"items", json::object()}};
    for (const auto& [item, points] : items) j["items"][item] = points;
    for (const auto& [k, v] : extra) j[k] = v;
    out << DumpJson(j) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    std::vector<Column> columns;
    std::vector<json> row;
    for (const auto& [item, points] : items) {
      columns.push_back({item, item});
      row.push_back(points);
    }
    for (const auto& [k, v] : extra) {
      columns.push_back({k, k});
      row.push_back(v);
    }
    Listing l(columns);
    l.Add(row);
    Print(l, format, out);
    return;
  }
  out << title << "\n\n";
  Listing l({{"item", "item"}, {"points", "points"}});
  for (const auto& [item, points] : items) l.Add({item, points});
  Print(l, format, out);
  out << "\n";
  for (const auto& [k, v] : extra) out << k << ": " << CellText(v) << "\n";
}

void PrintHematotox(const clinical::HematotoxResult& r, Format format, std::ostream& out) {
  const std::string source = "Rejeski et al., Blood 2021;138:2499-2513 (CAR-HEMATOTOX); low 0-1, high >= 2";
  Listing l({{"item", "item"}, {"value", "value"}, {"unit", "unit"}, {"points", "points"}, {"rule", "rule"}});
  for (const auto& i : r.items) l.Add({i.item, i.value, i.unit, i.points, i.rule});
  if (format == Format::kJson) {
    json items = json::array();
    for (const auto& i : r.items) {
      items.push_back({{"item", i.item}, {"value", i.value}, {"unit", i.unit}, {"points", i.points}, {"rule", i.rule}});
    }
    out << DumpJson({{"score", r.score}, {"risk", r.risk}, {"items", items}, {"source", source}}) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    l.Add({"total", nullptr, nullptr, r.score, r.risk + " risk"});
    Print(l, format, out);
    return;
  }
  out << "CAR-HEMATOTOX " << r.score << ": " << r.risk << " risk\n\n";
  Print(l, format, out);
  out << "\nsource: " << source << "\n";
}

void PrintEasix(const std::vector<clinical::EasixResult>& scores, Format format, std::ostream& out) {
  const std::string source =
      "EASIX = LDH (U/L) x creatinine (mg/dL) / platelets (10^9/L), Luft et al., Lancet Haematol 2017; m-EASIX = "
      "LDH x CRP (mg/dL) / platelets, Pennisi et al., Blood Adv 2021";
  if (format == Format::kJson) {
    json j = {{"easix", nullptr}, {"m_easix", nullptr}, {"source", source}};
    for (const auto& s : scores) {
      json inputs = json::object();
      for (const auto& i : s.items) inputs[i.item] = {{"value", i.value}, {"unit", i.unit}};
      j[s.score == "EASIX" ? "easix" : "m_easix"] = {
          {"value", Num(s.value)}, {"log2_value", Num(s.log2_value)}, {"inputs", inputs}};
    }
    out << DumpJson(j) << "\n";
    return;
  }
  Listing l({{"score", "score"}, {"value", "value"}, {"log2_value", "log2"}});
  for (const auto& s : scores) l.Add({s.score, Round(s.value, 4), Round(s.log2_value, 4)});
  Print(l, format, out);
  if (format == Format::kTable) out << "\nsource: " << source << "\n";
}

void PrintSeries(const clinical::SeriesResult& series, const clinical::CohortSummary& summary,
                 const std::string& view, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    json j = {{"level", summary.level}};
    if (view == "all" || view == "days") {
      json days = json::array();
      for (const auto& d : series.days) {
        days.push_back({{"patient", d.patient}, {"day", d.day}, {"crs_grade", DayGradeJson(d.crs)},
                        {"crs_determined_by", DayByJson(d.crs)}, {"icans_grade", DayGradeJson(d.icans)},
                        {"icans_determined_by", DayByJson(d.icans)}});
      }
      j["days"] = days;
    }
    if (view == "all" || view == "patients") {
      json patients = json::array();
      for (const auto& p : series.patients) {
        patients.push_back({{"patient", p.patient}, {"first_day", p.first_day}, {"last_day", p.last_day},
                            {"crs_max_grade", CourseCells(p.crs, 0)}, {"crs_onset_day", CourseCells(p.crs, 1)},
                            {"crs_days", CourseCells(p.crs, 2)}, {"icans_max_grade", CourseCells(p.icans, 0)},
                            {"icans_onset_day", CourseCells(p.icans, 1)}, {"icans_days", CourseCells(p.icans, 2)}});
      }
      j["patients"] = patients;
    }
    if (view == "all" || view == "summary") {
      j["summary"] = {{"crs", ToxicityJson(summary.crs)}, {"icans", ToxicityJson(summary.icans)}};
    }
    out << DumpJson(j) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    Print(view == "patients" ? PatientsListing(series) : view == "summary" ? SummaryListing(summary) : DaysListing(series), format, out);
    return;
  }
  const bool all = view == "all";
  if (all || view == "days") {
    out << "Grades by day (ASTCT 2019)\n\n";
    Print(DaysListing(series), format, out);
    out << "\n";
  }
  if (all || view == "patients") {
    out << "Patients: maximum grade, onset day, days with grade >= 1\n\n";
    Print(PatientsListing(series), format, out);
    out << "\n";
  }
  if (all || view == "summary") {
    out << "Cohort (" << Fixed(100 * summary.level, 0) << "% Clopper-Pearson intervals)\n\n";
    Print(SummaryListing(summary), format, out);
  }
}

void PrintGuidance(const std::string& toxicity, int grade, Format format, std::ostream& out) {
  std::vector<const clinical::Guidance*> chosen;
  for (const auto& g : clinical::AllGuidance()) {
    if ((toxicity.empty() || toxicity == clinical::ToxicityName(g.toxicity)) && (grade == 0 || grade == g.grade)) {
      chosen.push_back(&g);
    }
  }
  if (format == Format::kJson) {
    json entries = json::array();
    for (const auto* g : chosen) entries.push_back(GuidanceJson(*g));
    out << DumpJson({{"disclaimer", clinical::kGuidanceDisclaimer}, {"entries", entries}}) << "\n";
    return;
  }
  Listing l({{"toxicity", "toxicity"}, {"grade", "grade"}, {"management", "management", 90}, {"source", "source", 40}});
  for (const auto* g : chosen) {
    l.Add({clinical::ToxicityName(g->toxicity), g->grade, text::Join(g->management, "; "), g->source});
  }
  if (format == Format::kTable) out << clinical::kGuidanceDisclaimer << "\n\n";
  Print(l, format, out);
}

void PrintScales(Format format, std::ostream& out) {
  Listing l({{"scale", "scale"},
             {"source", "source", 30},
             {"hypoxia", "hypoxia", 36},
             {"hypotension", "hypotension", 36},
             {"note", "how it differs", 40}});
  for (const auto& s : clinical::CrsScales()) l.Add({s.scale, s.source, s.hypoxia, s.hypotension, s.note});
  if (format == Format::kTable) {
    out << "CRS grades from different scales are not interchangeable: compare rates only within one scale.\n\n";
  }
  Print(l, format, out);
}

}  // namespace carta::cli
