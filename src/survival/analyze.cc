#include "carta/survival/analyze.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <utility>

#include "carta/core/text.h"
#include "carta/evidence/filter.h"

namespace carta::survival {

namespace {

Status CancelledStatus() { return Status::Cancelled("survival analysis cancelled"); }

Result<SurvData> ParseInput(const SurvInput& input) { return ParseSurvCsv(input.csv, input.source, input.columns); }

// Times at which S(t) is read: each finite and >= 0 (S = 1 at a negative
// time, or a landmark at time NaN, would be answers to no question).
Status CheckTimes(const std::vector<double>& times) {
  for (double t : times) {
    if (!std::isfinite(t) || t < 0) {
      return Status::InvalidArgument("a time at which to read S(t) must be a finite number >= 0 (got " +
                                     text::Compact(t, 6) + ")")
          .WithField("at");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<KmAnalysis> AnalyzeKaplanMeier(const KmRequest& request, Progress* progress) {
  if (Status s = CheckTimes(request.at); !s.ok()) return s;
  auto data = ParseInput(request.input);
  if (!data.ok()) return data.status();
  KmAnalysis r;
  r.options = request.km;
  r.at = request.at;
  r.rmst_horizon = request.rmst_horizon;
  r.steps = request.steps;
  for (const std::string& level : GroupLevels(*data)) {
    if (IsCancelled(progress)) return CancelledStatus();
    const SurvData d = SelectGroup(*data, level);
    auto km = FitKaplanMeier(d.time, d.event, request.km);
    if (!km.ok()) return km.status().WithContext(request.input.source);
    KmGroup g{level, std::move(*km), {}, {}, std::nullopt};
    g.median = Median(g.curve);
    for (double t : request.at) g.at.push_back(SurvivalAt(g.curve, t));
    if (request.rmst_horizon > 0) {
      auto rm = Rmst(g.curve, request.rmst_horizon);
      if (!rm.ok()) return rm.status().WithField("rmst");
      g.rmst = *rm;
      const double last = g.curve.steps.empty() ? 0 : g.curve.steps.back().time;
      if (request.rmst_horizon > last) {
        r.warnings.push_back("RMST horizon " + text::Compact(request.rmst_horizon, 6) + " is past the last follow-up" +
                             (level.empty() ? "" : " of group '" + level + "'") + " (" + text::Compact(last, 6) +
                             "): the curve is carried flat beyond it, an assumption, not data");
      }
    }
    r.groups.push_back(std::move(g));
  }
  if (r.groups.size() < 2) return r;
  if (auto lr = LogRankTest(*data); lr.ok()) r.logrank = *lr;
  CoxOptions co;
  co.reference = request.reference;
  co.level = request.km.level;
  auto cox = FitCoxGroups(*data, co);
  if (cox.ok()) {
    r.cox = *cox;
    return r;
  }
  // A reference that names no group is the caller's mistake; any other reason
  // (a group without events, a model that does not converge) leaves the curves
  // and the log-rank test standing and is reported beside them.
  const bool unknown_reference =
      !request.reference.empty() &&
      std::none_of(r.groups.begin(), r.groups.end(), [&](const KmGroup& g) { return g.group == request.reference; });
  if (unknown_reference) return cox.status().WithField("reference");
  r.cox_note = cox.status().message();
  return r;
}

Result<std::vector<Dist>> ParseDists(const std::string& name) {
  if (name == "all") {
    std::vector<Dist> all;
    for (int d = 0; d <= static_cast<int>(Dist::kGenGamma); ++d) all.push_back(static_cast<Dist>(d));
    return all;
  }
  auto d = ParseDist(name);
  if (!d.ok()) {
    return Status::InvalidArgument("unknown distribution '" + name +
                                   "' (expected exponential, weibull, loglogistic, lognormal, gompertz, gengamma or all)")
        .WithField("dist");
  }
  return std::vector<Dist>{*d};
}

Result<FitModelsResult> FitModels(const FitRequest& request, Progress* progress) {
  if (Status s = CheckTimes(request.at); !s.ok()) return s;
  auto data = ParseInput(request.input);
  if (!data.ok()) return data.status();
  if (!data->group.empty() && GroupLevels(*data).size() > 1) {
    return Status::InvalidArgument(request.input.source +
                                   ": the data have several groups; fit one at a time (e.g. filter the rows)");
  }
  if (request.bhazard >= 0) data->bhazard.assign(data->size(), request.bhazard);
  ParametricOptions o;
  o.cure = request.cure;
  o.link = request.link;
  o.level = request.level;
  o.predict_times = request.at;
  for (double years : kExtrapolationYears) o.predict_times.push_back(YearsIn(request.time_unit, years));
  FitModelsResult r;
  r.time_unit = request.time_unit;
  for (Dist d : request.dists) {
    if (IsCancelled(progress)) return CancelledStatus();
    o.dist = d;
    auto f = FitParametric(*data, o);
    if (!f.ok()) return f.status().WithContext(request.input.source);
    r.fits.push_back(std::move(*f));
  }
  r.plot_until = YearsIn(request.time_unit, kExtrapolationYears[std::size(kExtrapolationYears) - 1]);
  for (double t : data->time) r.plot_until = std::max(r.plot_until, t);
  r.data = std::move(*data);
  return r;
}

Result<Reconstruction> ReconstructPatients(const ReconstructRequest& request, Progress* progress) {
  auto points = ParseCurveCsv(request.points_csv, request.points_source);
  if (!points.ok()) return points.status();
  auto risk = ParseRiskCsv(request.risk_csv, request.risk_source);
  if (!risk.ok()) return risk.status();
  if (request.total_events > risk->front().n_risk) {
    return Status::InvalidArgument(std::to_string(request.total_events) + " events: more events than the " +
                                   std::to_string(risk->front().n_risk) + " patients at risk at the start (" +
                                   risk->front().where + ")")
        .WithField("events");
  }
  if (IsCancelled(progress)) return CancelledStatus();
  auto r = Reconstruct(std::move(*points), std::move(*risk), request.total_events);
  if (!r.ok()) return r.status();
  // One order for every front end: by time, events before censorings.
  std::vector<std::pair<double, int>> rows;
  for (size_t i = 0; i < r->patients.size(); ++i) rows.push_back({r->patients.time[i], r->patients.event[i]});
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); });
  for (size_t i = 0; i < rows.size(); ++i) {
    r->patients.time[i] = rows[i].first;
    r->patients.event[i] = rows[i].second;
  }
  return r;
}

const std::vector<std::string>& PoolEndpoints() {
  static const std::vector<std::string> kEndpoints = {"os", "pfs", "efs", "rfs"};
  return kEndpoints;
}

Result<LandmarkPool> PoolEvidenceLandmark(const evidence::EvidenceBase& eb, const LandmarkPoolRequest& request,
                                          Progress* progress) {
  auto filter = evidence::ResolveCohortFilter(eb, request.target, request.indication, request.product);
  if (!filter.ok()) return filter.status();
  if (IsCancelled(progress)) return CancelledStatus();
  LandmarkQuery q;
  q.endpoint = request.endpoint;
  q.landmark_months = request.landmark_months;
  q.target = filter->target;
  q.indication = filter->indication;
  q.product_id = filter->product_id;
  q.scale = request.scale;
  q.fit = request.fit;
  q.registrations = request.registrations;
  return PoolLandmark(eb, q);
}

std::string StudyName(const std::string& source) { return std::filesystem::path(source).stem().string(); }

Result<IpdPool> PoolPatientData(const IpdPoolRequest& request, Progress* progress) {
  std::vector<IpdStudy> studies;
  for (const IpdStudyInput& study : request.studies) {
    if (IsCancelled(progress)) return CancelledStatus();
    auto data = ParseInput(study.input);
    if (!data.ok()) return data.status();
    studies.push_back({study.name, std::move(*data)});
  }
  return PoolIpd(studies, request.options);
}

}  // namespace carta::survival
