// Printing `carta surv pool --ipd`: each study, S(t) pooled in two stages, the
// stratified Cox model, and the naive one-sample curve for comparison.
#include <cmath>
#include <ostream>

#include "carta/api/survival.h"
#include "carta/core/text.h"
#include "carta/api/survival_text.h"

namespace carta::api {

namespace {

std::string F(double v, int d = 3) { return text::Fixed(v, d); }
std::string T(double v) { return std::isfinite(v) ? F(v, 2) : "NR"; }

// A time as short as it goes: 12, 2.5.
std::string FormatNumberShort(double v) { return text::Compact(v, 2); }

}  // namespace

void PrintIpdPool(const survival::IpdPool& p, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << api::Dump(api::ToJson(p)) << "\n";
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

}  // namespace carta::api
