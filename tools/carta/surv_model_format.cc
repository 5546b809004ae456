// Printing reconstructions, parametric fits and pooled landmarks (surv_format.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "surv_format.h"

namespace carta::cli {

namespace {

using json = api::Json;

json Num(double v) { return JsonNumber(v); }

std::string F(double v, int d = 3) { return Fixed(v, d); }
std::string Interval(double lo, double hi, int d = 3) { return "[" + F(lo, d) + ", " + F(hi, d) + "]"; }

json QualityJson(const survival::ReconstructionQuality& q) {
  json intervals = json::array();
  for (const auto& i : q.intervals) {
    intervals.push_back({{"start", i.start}, {"end", i.end}, {"n_risk_published", i.n_risk_published},
                         {"n_risk_reconstructed", i.n_risk_reconstructed}, {"events", i.events}, {"censored", i.censored}});
  }
  return {{"rmse", q.rmse}, {"max_abs_diff", q.max_abs_diff}, {"max_abs_diff_time", q.max_abs_diff_time},
          {"points", q.points}, {"events", q.events}, {"censored", q.censored},
          {"total_events_reported", q.total_events_reported < 0 ? json(nullptr) : json(q.total_events_reported)},
          {"intervals", intervals}};
}

json PreprocessingJson(const survival::Preprocessing& p) {
  return {{"percent", p.percent}, {"dropped_negative_time", p.dropped_negative_time}, {"sorted", p.sorted},
          {"lowered_blips", p.lowered_blips}, {"clamped", p.clamped}, {"merged_same_time", p.merged_same_time},
          {"origin_added", p.origin_added}, {"added_at_risk_times", p.added_at_risk_times},
          {"dropped_risk_rows", p.dropped_risk_rows}, {"notes", p.notes}};
}

}  // namespace

void PrintReconstruction(const survival::Reconstruction& r, Format format, std::ostream& out, std::ostream& notes) {
  std::vector<std::pair<double, int>> rows;
  for (size_t i = 0; i < r.patients.size(); ++i) rows.push_back({r.patients.time[i], r.patients.event[i]});
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); });
  const auto& q = r.quality;
  if (format == Format::kJson) {
    json patients = json::array();
    for (const auto& [t, e] : rows) patients.push_back({{"time", t}, {"event", e}});
    out << DumpJson({{"patients", patients}, {"quality", QualityJson(q)}, {"preprocessing", PreprocessingJson(r.preprocessing)}})
        << "\n";
    return;
  }
  const std::string summary = std::to_string(r.patients.size()) + " patients, " + std::to_string(q.events) +
                              " events; KM of the reconstruction vs the digitised curve: RMSE " + F(q.rmse, 4) +
                              ", largest difference " + F(q.max_abs_diff, 4) + " at " + F(q.max_abs_diff_time, 2);
  if (format == Format::kCsv) {
    out << "time,event\n";
    for (const auto& [t, e] : rows) out << json(t).dump() << "," << e << "\n";
    for (const auto& n : r.preprocessing.notes) notes << "carta: note: " << n << "\n";
    notes << "carta: " << summary << "\n";
    return;
  }
  out << "Reconstruction (Guyot et al. 2012): " << summary << "\n";
  for (const auto& n : r.preprocessing.notes) out << "note: " << n << "\n";
  out << "\n";
  Listing l({{"start", "From"}, {"end", "To"}, {"pub", "At risk (published)"}, {"rec", "At risk (reconstructed)"},
             {"events", "Events"}, {"censored", "Censored"}});
  for (const auto& i : q.intervals) l.Add({F(i.start, 2), F(i.end, 2), i.n_risk_published, i.n_risk_reconstructed, i.events, i.censored});
  Print(l, Format::kTable, out);
  out << "\n(patient rows: --format csv or json)\n";
}

namespace {

json FitJson(const survival::ParametricFit& f, const std::string& time_unit) {
  json params = json::array();
  for (const auto& p : f.parameters) {
    params.push_back({{"name", p.name}, {"estimate", p.estimate}, {"se", Num(p.se)}, {"ci_lb", Num(p.ci_lb)}, {"ci_ub", Num(p.ci_ub)}});
  }
  json at = json::array();
  for (const auto& p : f.predictions) {
    at.push_back({{"time", p.time}, {"surv", Num(p.surv)}, {"lower", Num(p.lower)}, {"upper", Num(p.upper)}});
  }
  return {{"dist", survival::DistName(f.options.dist)}, {"cure", survival::CureName(f.options.cure)},
          {"link", f.options.cure == survival::Cure::kNone ? json(nullptr) : json(survival::CureLinkName(f.options.link))},
          {"time_unit", time_unit}, {"background_hazard", f.background}, {"n", f.n}, {"events", f.events},
          {"loglik", f.loglik}, {"n_parameters", f.n_parameters}, {"aic", f.aic}, {"bic", f.bic}, {"parameters", params},
          {"cure_fraction", Num(f.cure_fraction)}, {"cure_fraction_ci_lb", Num(f.cure_fraction_lb)},
          {"cure_fraction_ci_ub", Num(f.cure_fraction_ub)}, {"median", Num(f.median)}, {"median_ci_lb", Num(f.median_lb)},
          {"median_ci_ub", Num(f.median_ub)}, {"survival_at", at}, {"level", f.options.level}, {"warnings", f.warnings}};
}

// The 5- and 10-year predictions are the last two (cmd_surv.cc adds them).
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

void PrintFits(const std::vector<survival::ParametricFit>& fits, const std::string& time_unit, Format format,
               std::ostream& out) {
  if (format == Format::kJson) {
    if (fits.size() == 1) {
      out << DumpJson(FitJson(fits[0], time_unit)) << "\n";
      return;
    }
    json all = json::array();
    for (const auto& f : fits) all.push_back(FitJson(f, time_unit));
    out << DumpJson({{"fits", all}}) << "\n";
    return;
  }
  if (format == Format::kCsv) {
    Listing l({{"dist", ""}, {"cure", ""}, {"parameter", ""}, {"estimate", ""}, {"se", ""}, {"ci_lb", ""}, {"ci_ub", ""}});
    for (const auto& f : fits) {
      for (const auto& p : f.parameters) {
        l.Add({survival::DistName(f.options.dist), survival::CureName(f.options.cure), p.name, p.estimate, Num(p.se),
               Num(p.ci_lb), Num(p.ci_ub)});
      }
    }
    Print(l, format, out);
    return;
  }
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

}  // namespace carta::cli
