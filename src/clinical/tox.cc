// The `carta tox` use cases: requests checked and converted, graded by the
// rules of crs.cc, icans.cc, legacy.cc, scores.cc and series.cc, and returned
// with the citation of each rule.
#include "carta/clinical/tox.h"

#include <cassert>
#include <cmath>
#include <string>

#include "names.h"

namespace carta::clinical {

namespace {

constexpr std::array<internal::EnumName<SeriesView>, 4> kSeriesViewNames = {{
    {SeriesView::kAll, "all"},
    {SeriesView::kDays, "days"},
    {SeriesView::kPatients, "patients"},
    {SeriesView::kSummary, "summary"},
}};

// The grade that an ICE or CAPD score alone sets (the first domain of GradeIcans).
int EncephalopathyGrade(const IcansInput& in) {
  auto r = GradeIcans(in);
  assert(r.ok() && "a score in range grades without failing");
  return r.ok() ? r->domains.front().grade : 0;
}

// `m` in q's canonical unit; a failure names `field`.
Status Convert(Quantity q, const Measurement& m, const char* field, double* out) {
  auto v = ToCanonical(q, m);
  if (!v.ok()) return v.status().WithField(field);
  *out = *v;
  return Status::Ok();
}

}  // namespace

const char* const kCrsScalesCaveat =
    "CRS grades from different scales are not interchangeable: compare rates only within one scale.";

Result<CrsGrading> RunCrs(const CrsRequest& request) {
  CrsGrading out;
  CrsInput& in = out.inputs;
  in.temp_c = request.temp_c;
  if (request.temp_f) {
    if (request.temp_c) return Status::InvalidArgument("give the temperature in °C or in °F, not both").WithField("temp_f");
    in.temp_c = FahrenheitToCelsius(*request.temp_f);
    if (!CheckRange(Quantity::kTemperature, *in.temp_c).ok()) {
      return Status::InvalidArgument("temperature " + std::to_string(std::lround(*request.temp_f)) +
                                     " °F is impossible (accepted: 86-113 °F, 30-45 °C)")
          .WithField("temp_f");
    }
  }
  in.hypotension = request.hypotension;
  in.oxygen = request.hypoxia;
  in.oxygen_flow_l_min = request.oxygen_l_min;
  in.after_anticytokine = request.after_anticytokine;
  in.died_of_crs = request.died;
  auto grade = GradeCrs(in);
  if (!grade.ok()) return grade.status();
  out.grade = std::move(*grade);
  return out;
}

Result<IcansGrading> RunIcans(const IcansInput& request) {
  auto grade = GradeIcans(request);
  if (!grade.ok()) return grade.status();
  IcansGrading out;
  out.inputs = request;
  const std::string& first = grade->domains.front().domain;
  out.tool = first == "capd" ? "CAPD" : first == "ice" ? "ICE" : "";
  out.grade = std::move(*grade);
  return out;
}

Result<IceResult> RunIce(const IceItems& items) {
  auto score = IceScore(items);
  if (!score.ok()) return score.status();
  IceResult out;
  out.items = items;
  out.score = *score;
  IcansInput in;
  in.ice = *score;
  out.ice_grade = EncephalopathyGrade(in);
  out.source = std::string(kAstct2019Citation) + ", ICE tool";
  return out;
}

CapdResult RunCapd(const CapdRequest& request) {
  const CapdScore score = ScoreCapd(request.answers);
  CapdResult out;
  out.points = score.points;
  out.score = score.total;
  out.screen_positive = score.total >= kCapdDeliriumCutoff;
  IcansInput in;
  in.capd = score.total;
  out.capd_grade = EncephalopathyGrade(in);
  out.source = "Traube et al., Crit Care Med 2014; >= 9 screens positive";
  return out;
}

Result<HematotoxResult> RunHematotox(const HematotoxRequest& request) {
  HematotoxInput in;
  Status s = Convert(Quantity::kAnc, request.anc, "anc", &in.anc_giga_l);
  if (s.ok()) s = Convert(Quantity::kHemoglobin, request.hemoglobin, "hemoglobin", &in.hemoglobin_g_dl);
  if (s.ok()) s = Convert(Quantity::kPlatelets, request.platelets, "platelets", &in.platelets_giga_l);
  if (s.ok()) s = Convert(Quantity::kCrp, request.crp, "crp", &in.crp_mg_dl);
  if (s.ok()) s = Convert(Quantity::kFerritin, request.ferritin, "ferritin", &in.ferritin_ng_ml);
  if (!s.ok()) return s;
  return CarHematotox(in);
}

Result<EasixReport> RunEasix(const EasixRequest& request) {
  if (!request.creatinine && !request.crp) {
    return Status::InvalidArgument("give creatinine (EASIX) and/or CRP (m-EASIX)").WithField("creatinine");
  }
  double ldh = 0, platelets = 0, creatinine = 0, crp = 0;
  Status s = Convert(Quantity::kLdh, request.ldh, "ldh", &ldh);
  if (s.ok()) s = Convert(Quantity::kPlatelets, request.platelets, "platelets", &platelets);
  if (s.ok() && request.creatinine) s = Convert(Quantity::kCreatinine, *request.creatinine, "creatinine", &creatinine);
  if (s.ok() && request.crp) s = Convert(Quantity::kCrp, *request.crp, "crp", &crp);
  if (!s.ok()) return s;
  EasixReport out;
  out.source =
      "EASIX = LDH (U/L) x creatinine (mg/dL) / platelets (10^9/L), Luft et al., Lancet Haematol 2017; m-EASIX = "
      "LDH x CRP (mg/dL) / platelets, Pennisi et al., Blood Adv 2021";
  if (request.creatinine) {
    auto e = Easix(ldh, creatinine, platelets);
    if (!e.ok()) return e.status();
    out.easix = std::move(*e);
  }
  if (request.crp) {
    auto e = ModifiedEasix(ldh, crp, platelets);
    if (!e.ok()) return e.status();
    out.m_easix = std::move(*e);
  }
  return out;
}

Result<SeriesView> ParseSeriesView(std::string_view name) {
  return internal::ParseEnum<SeriesView>(name, kSeriesViewNames, "view");
}
const char* SeriesViewName(SeriesView view) { return internal::EnumToName<SeriesView>(view, kSeriesViewNames); }

Result<SeriesReport> RunSeries(const SeriesRequest& request) {
  auto records = ParseDailyCsv(request.csv, request.file);
  if (!records.ok()) return records.status();
  auto series = GradeSeries(*records);
  if (!series.ok()) return series.status();
  auto summary = Summarize(*series, request.level);
  if (!summary.ok()) return summary.status().WithField("level");  // Summarize fails only on the level
  SeriesReport out;
  out.view = request.view;
  out.series = std::move(*series);
  out.summary = std::move(*summary);
  return out;
}

Result<GuidanceReport> RunGuidance(const GuidanceRequest& request) {
  if (request.grade) {
    Status s = internal::CheckInt("guidance grade", *request.grade, 1, 4);
    if (!s.ok()) return s.WithField("grade");
  }
  GuidanceReport out;
  out.disclaimer = kGuidanceDisclaimer;
  for (const auto& g : AllGuidance()) {
    if ((!request.toxicity || *request.toxicity == g.toxicity) && (!request.grade || *request.grade == g.grade)) {
      out.entries.push_back(g);
    }
  }
  return out;
}

}  // namespace carta::clinical
