// Printing reconstructions, parametric fits and pooled landmarks (surv_format.h).
#include <cmath>
#include <ostream>

#include "carta/core/text.h"
#include "carta/api/survival.h"
#include "carta/api/survival_text.h"

namespace carta::api {

namespace {

using json = api::Json;

std::string F(double v, int d = 3) { return text::Fixed(v, d); }
std::string Interval(double lo, double hi, int d = 3) { return "[" + F(lo, d) + ", " + F(hi, d) + "]"; }

}  // namespace

void PrintReconstruction(const survival::Reconstruction& r, Format format, std::ostream& out, std::ostream& notes) {
  const auto& q = r.quality;
  if (format == Format::kJson) {
    out << api::Dump(api::ToJson(r)) << "\n";
    return;
  }
  const std::string summary = std::to_string(r.patients.size()) + " patients, " + std::to_string(q.events) +
                              " events; KM of the reconstruction vs the digitised curve: RMSE " + F(q.rmse, 4) +
                              ", largest difference " + F(q.max_abs_diff, 4) + " at " + F(q.max_abs_diff_time, 2);
  if (format == Format::kCsv) {
    out << "time,event\n";
    // The library gives the rows sorted by time, events first.
    for (size_t i = 0; i < r.patients.size(); ++i) out << json(r.patients.time[i]).dump() << "," << r.patients.event[i] << "\n";
    for (const auto& n : r.preprocessing.notes) notes << "carta: note: " << n << "\n";
    for (const auto& w : r.warnings) notes << "carta: warning: " << w << "\n";
    notes << "carta: " << summary << "\n";
    return;
  }
  out << "Reconstruction (Guyot et al. 2012): " << summary << "\n";
  for (const auto& n : r.preprocessing.notes) out << "note: " << n << "\n";
  for (const auto& w : r.warnings) out << "warning: " << w << "\n";
  out << "\n";
  Listing l({{"start", "From"}, {"end", "To"}, {"pub", "At risk (published)"}, {"rec", "At risk (reconstructed)"},
             {"events", "Events"}, {"censored", "Censored"}});
  for (const auto& i : q.intervals) l.Add({F(i.start, 2), F(i.end, 2), i.n_risk_published, i.n_risk_reconstructed, i.events, i.censored});
  Print(l, Format::kTable, out);
  out << "\n(patient rows: --format csv or json)\n";
}

namespace {

// The 5- and 10-year predictions are the last two (survival::kExtrapolationYears).
std::string Extrapolated(const survival::ParametricFit& f, size_t from_end) {
  if (f.predictions.size() < from_end) return "";
  const auto& p = f.predictions[f.predictions.size() - from_end];
  return F(p.surv) + " " + Interval(p.lower, p.upper);
}

void PrintOneFit(const survival::ParametricFit& f, const std::string& time_unit, std::ostream& out) {
  out << survival::DistName(f.options.dist) << " model";
  if (f.options.cure != survival::Cure::kNone) {
    out << ", " << survival::CureName(f.options.cure) << " cure (" << survival::CureLinkName(f.options.link) << " link)";
  }
  if (f.background) out << ", relative survival (background hazard)";
  out << "; n = " << f.n << ", events = " << f.events << ", time in " << time_unit << "\n\n";
  Listing l({{"name", "Parameter"}, {"estimate", "Estimate"}, {"se", "SE"}, {"ci", F(f.options.level * 100, 0) + "% CI"}});
  for (const auto& p : f.parameters) l.Add({p.name, F(p.estimate, 5), F(p.se, 5), Interval(p.ci_lb, p.ci_ub, 5)});
  Print(l, Format::kTable, out);
  out << "\nlog L = " << F(f.loglik, 4) << ", AIC = " << F(f.aic, 2) << ", BIC = " << F(f.bic, 2) << "\n";
  if (std::isfinite(f.cure_fraction)) {
    out << "cure fraction = " << F(f.cure_fraction) << " " << Interval(f.cure_fraction_lb, f.cure_fraction_ub) << "\n";
  }
  out << "median = " << (std::isfinite(f.median) ? F(f.median, 2) + " " + Interval(f.median_lb, f.median_ub, 2) : "not reached")
      << "\n\n";
  Listing s({{"time", "Time"}, {"surv", "S(t)"}, {"ci", "CI (log-log delta method)"}});
  for (const auto& p : f.predictions) s.Add({F(p.time, 2), F(p.surv), Interval(p.lower, p.upper)});
  Print(s, Format::kTable, out);
  for (const auto& w : f.warnings) out << "warning: " << w << "\n";
}

}  // namespace

void PrintFits(const survival::FitModelsResult& r, Format format, std::ostream& out) {
  if (format == Format::kJson) {
    out << api::Dump(api::ToJson(r)) << "\n";
    return;
  }
  if (format == Format::kCsv) return Print(api::FitParametersListing(r), format, out);
  const auto& fits = r.fits;
  const std::string time_unit = survival::TimeUnitName(r.time_unit);
  if (fits.size() == 1) return PrintOneFit(fits[0], time_unit, out);
  out << "Model comparison (time in " << time_unit << "; S at 5 and 10 years with delta-method intervals)\n\n";
  Listing l({{"dist", "Distribution"}, {"loglik", "log L"}, {"aic", "AIC"}, {"bic", "BIC"}, {"median", "Median"},
             {"cure", "Cure fraction"}, {"s5", "S(5 y)"}, {"s10", "S(10 y)"}});
  for (const auto& f : fits) {
    l.Add({survival::DistName(f.options.dist), F(f.loglik, 2), F(f.aic, 2), F(f.bic, 2),
           std::isfinite(f.median) ? F(f.median, 2) : "NR", F(f.cure_fraction), Extrapolated(f, 2), Extrapolated(f, 1)});
  }
  Print(l, Format::kTable, out);
  for (const auto& f : fits) {
    for (const auto& w : f.warnings) out << "warning (" << survival::DistName(f.options.dist) << "): " << w << "\n";
  }
}

}  // namespace carta::api
