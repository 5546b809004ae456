// Printing `carta surv pool --ipd`: each study, S(t) pooled in two stages, the
// stratified Cox model, and the naive one-sample curve for comparison.
#include <cmath>
#include <ostream>

#include "carta/core/text.h"
#include "surv_format.h"

namespace carta::cli {

namespace {

using json = api::Json;

std::string F(double v, int d = 3) { return Fixed(v, d); }
std::string T(double v) { return std::isfinite(v) ? F(v, 2) : "NR"; }

// A time as short as it goes: 12, 2.5.
std::string FormatNumberShort(double v) {
  std::string s = Fixed(v, 2);
  while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
    const bool dot = s.back() == '.';
    s.pop_back();
    if (dot) break;
  }
  return s;
}

json StudyJson(const survival::IpdStudySummary& s, const std::vector<double>& landmarks) {
  json at = json::array();
  for (size_t i = 0; i < s.at.size(); ++i) {
    const auto& e = s.at[i];
    at.push_back({{"time", landmarks[i]}, {"n_risk", e.n_risk}, {"surv", JsonNumber(e.surv)}, {"se", JsonNumber(e.se_surv)},
                  {"lower", JsonNumber(e.lower)}, {"upper", JsonNumber(e.upper)}, {"within_followup", e.within_followup}});
  }
  return {{"name", s.name}, {"n", s.n}, {"events", s.events}, {"max_time", s.max_time},
          {"median", JsonNumber(s.median.time)}, {"median_ci_lb", JsonNumber(s.median.lower)},
          {"median_ci_ub", JsonNumber(s.median.upper)}, {"survival_at", at}};
}

json LandmarkJson(const survival::IpdLandmark& l) {
  return {{"time", l.time}, {"k", l.k}, {"surv", l.surv}, {"surv_ci_lb", l.surv_lb}, {"surv_ci_ub", l.surv_ub},
          {"surv_pi_lb", l.surv_pi_lb}, {"surv_pi_ub", l.surv_pi_ub}, {"tau2", l.tau2}, {"I2", l.I2},
          {"studies", l.studies}, {"weights", l.weights}, {"left_out", l.left_out}};
}

json PoolJson(const survival::IpdPool& p) {
  std::vector<double> times;
  for (const auto& e : p.studies.front().at) times.push_back(e.time);
  json studies = json::array(), landmarks = json::array();
  for (const auto& s : p.studies) studies.push_back(StudyJson(s, times));
  for (const auto& l : p.landmarks) landmarks.push_back(LandmarkJson(l));
  const survival::QuantileEstimate m = survival::Median(p.naive);
  json j = {{"studies", studies}, {"landmarks", landmarks}, {"landmark_notes", p.landmark_notes},
            {"cox", p.cox ? CoxJson(*p.cox) : json(nullptr)}, {"stratified_by", "study"},
            {"naive", {{"n", p.naive.n}, {"events", p.naive.events}, {"median", JsonNumber(m.time)},
                       {"median_ci_lb", JsonNumber(m.lower)}, {"median_ci_ub", JsonNumber(m.upper)}}}};
  if (!p.cox_note.empty()) j["cox_note"] = p.cox_note;
  return j;
}

}  // namespace

void PrintIpdPool(const survival::IpdPool& p, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << DumpJson(PoolJson(p)) << "\n";
    return;
  }
  std::vector<Column> columns = {{"study", "Study"}, {"n", "n"}, {"events", "Events"}, {"median", "Median"},
                                 {"ci", "95% CI"}, {"followup", "Last time"}};
  const size_t n_at = p.studies.front().at.size();
  for (const auto& e : p.studies.front().at) columns.push_back({"s_" + FormatNumberShort(e.time), "S(" + FormatNumberShort(e.time) + ")"});
  Listing l(columns);
  for (const auto& s : p.studies) {
    std::vector<api::Json> row = {s.name, s.n, s.events, T(s.median.time),
                                       "[" + T(s.median.lower) + ", " + T(s.median.upper) + "]", F(s.max_time, 2)};
    for (size_t i = 0; i < n_at; ++i) row.push_back(s.at[i].within_followup ? F(s.at[i].surv) : "beyond follow-up");
    l.Add(row);
  }
  if (format == Format::kCsv) return Print(l, format, out);
  out << "Patient data of " << p.studies.size() << " studies, pooled stratified by study\n\n";
  Print(l, Format::kTable, out);
  for (const auto& lm : p.landmarks) {
    out << "\nS(" << FormatNumberShort(lm.time) << ") pooled in two stages (random effects over the studies' KM estimates, k = "
        << lm.k << "): " << F(lm.surv) << " (CI " << F(lm.surv_lb) << " to " << F(lm.surv_ub) << "; prediction interval "
        << F(lm.surv_pi_lb) << " to " << F(lm.surv_pi_ub) << "); tau^2 = " << F(lm.tau2, 4) << ", I^2 = " << F(lm.I2, 1)
        << "%";
    if (!lm.left_out.empty()) out << "; left out (follow-up too short): " << text::Join(lm.left_out, ", ");
  }
  for (const auto& note : p.landmark_notes) out << "\nnot pooled: " << note;
  out << "\n\n";
  if (p.cox) {
    out << "Cox model of arm, stratified by study (one baseline hazard per study, Efron ties), reference '"
        << p.cox->reference << "':\n";
    for (size_t i = 0; i < p.cox->terms.size(); ++i) {
      out << "  " << p.cox->terms[i] << ": HR " << F(p.cox->hr[i]) << " (CI " << F(p.cox->hr_lb[i]) << " to "
          << F(p.cox->hr_ub[i]) << "), p = " << F(p.cox->pval[i], 4) << "\n";
    }
  } else {
    out << "No Cox model: " << p.cox_note << "\n";
  }
  const survival::QuantileEstimate m = survival::Median(p.naive);
  out << "For comparison only, all " << p.naive.n << " patients as one sample (ignores study): median " << T(m.time)
      << "\n";
}

}  // namespace carta::cli
