// Virtual trials in parallel, and their summaries.
#include "carta/sim/trial.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include "carta/core/binomial.h"
#include "carta/core/threads.h"

namespace carta::sim {

namespace {

constexpr double kDaysPerMonth = 365.25 / 12;
constexpr long kMaxPatients = 10'000'000;
constexpr long kChunk = 64;  // patients a thread takes at a time

Rate MakeRate(long events, long n) {
  Rate r;
  r.events = events;
  r.n = n;
  if (n == 0) {
    r.rate = r.lower = r.upper = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  r.rate = static_cast<double>(events) / static_cast<double>(n);
  std::tie(r.lower, r.upper) = ClopperPearson(events, n, 0.95);
  return r;
}

double Median(std::vector<double> v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + static_cast<long>(mid)));
}

template <class Get>
double MedianOf(const std::vector<PatientOutcome>& ps, Get get) {
  std::vector<double> v;
  v.reserve(ps.size());
  for (const auto& p : ps) v.push_back(get(p));
  return Median(std::move(v));
}

// Simulates patients [0, n) with `threads` workers taking chunks of indices;
// the calling thread reports progress and passes on a cancellation.
Status SimulateAll(const Scenario& s, uint64_t seed, long n, int threads, Progress* progress,
                   std::vector<PatientOutcome>* out) {
  out->assign(static_cast<size_t>(n), PatientOutcome{});
  std::atomic<long> next{0}, done{0};
  std::atomic<bool> stop{false};
  std::vector<Status> failures(static_cast<size_t>(threads));
  auto work = [&](int w) {
    while (!stop.load(std::memory_order_relaxed)) {
      const long begin = next.fetch_add(kChunk);
      if (begin >= n) return;
      const long end = std::min(n, begin + kChunk);
      for (long i = begin; i < end; ++i) {
        auto o = SimulatePatient(s, DrawPatient(seed, static_cast<uint64_t>(i)));
        if (!o.ok()) {
          failures[static_cast<size_t>(w)] = o.status().WithContext("virtual patient " + std::to_string(i));
          stop = true;
          return;
        }
        (*out)[static_cast<size_t>(i)] = *o;
      }
      done += end - begin;
    }
  };
  std::vector<std::thread> pool;
  for (int w = 0; w < threads; ++w) pool.emplace_back(work, w);
  while (done.load() < n && !stop.load()) {
    if (IsCancelled(progress)) stop = true;
    if (progress != nullptr) progress->Update(static_cast<uint64_t>(done.load()), static_cast<uint64_t>(n));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (auto& t : pool) t.join();
  for (const Status& f : failures) {
    if (!f.ok()) return f;
  }
  if (done.load() < n) return Status::Cancelled("the virtual trial was cancelled");
  if (progress != nullptr) {
    progress->Update(static_cast<uint64_t>(n), static_cast<uint64_t>(n));
    progress->Finish();
  }
  return Status::Ok();
}

}  // namespace

Result<TrialSummary> Summarise(const std::vector<PatientOutcome>& ps) {
  TrialSummary s;
  const long n = static_cast<long>(ps.size());
  s.patients = n;
  long responders = 0, complete = 0, cr28 = 0, cr90 = 0, crs3 = 0, icans3 = 0, negative = 0;
  std::vector<double> pfs_months;
  std::vector<int> pfs_event;
  for (const auto& p : ps) {
    responders += p.best_response != Response::kNone;
    complete += p.best_response == Response::kComplete;
    cr28 += p.cr_by_day28;
    cr90 += p.cr_by_day90;
    crs3 += p.crs_grade >= 3;
    icans3 += p.icans_grade >= 3;
    s.relapses += p.relapse != Relapse::kNone;
    negative += p.relapse == Relapse::kAntigenNegative;
    ++s.crs_grades[static_cast<size_t>(std::clamp(p.crs_grade, 0, 5))];
    ++s.icans_grades[static_cast<size_t>(std::clamp(p.icans_grade, 0, 5))];
    pfs_months.push_back(p.pfs_days / kDaysPerMonth);
    pfs_event.push_back(p.pfs_event ? 1 : 0);
    s.solver_steps += p.solver_steps;
  }
  s.orr = MakeRate(responders, n);
  s.cr_rate = MakeRate(complete, n);
  s.cr_by_day28 = MakeRate(cr28, n);
  s.cr_by_day90 = MakeRate(cr90, n);
  s.crs_grade3 = MakeRate(crs3, n);
  s.icans_grade3 = MakeRate(icans3, n);
  s.antigen_negative_relapse_share = s.relapses > 0 ? static_cast<double>(negative) / static_cast<double>(s.relapses)
                                                    : std::numeric_limits<double>::quiet_NaN();
  auto km = survival::FitKaplanMeier(pfs_months, pfs_event);
  if (!km.ok()) return km.status();
  s.pfs_curve = std::move(*km);
  s.pfs_median_months = survival::Median(s.pfs_curve).time;
  s.pfs_at_12_months = survival::SurvivalAt(s.pfs_curve, 12).surv;
  auto share_beyond = [&ps, n](auto time_of) {
    long alive = 0;
    for (const auto& p : ps) alive += time_of(p);
    return static_cast<double>(alive) / static_cast<double>(n);
  };
  // Censoring happens only at the horizon, so a 12-month proportion is the KM estimate.
  s.efs_at_12_months =
      share_beyond([](const PatientOutcome& p) { return !p.efs_event || p.efs_days > 12 * kDaysPerMonth; });
  s.os_at_12_months = share_beyond([](const PatientOutcome& p) { return !p.died || p.os_days > 12 * kDaysPerMonth; });
  s.cmax_median_cells = MedianOf(ps, [](const PatientOutcome& p) { return p.cmax_cells; });
  s.tmax_median_days = MedianOf(ps, [](const PatientOutcome& p) { return p.tmax_days; });
  s.auc28_median_cell_days = MedianOf(ps, [](const PatientOutcome& p) { return p.auc28_cell_days; });
  s.persistence_median_days = MedianOf(ps, [](const PatientOutcome& p) { return p.persistence_days; });
  s.aplasia_median_days = MedianOf(ps, [](const PatientOutcome& p) { return p.aplasia_days; });
  s.il6_peak_median_pg_ml = MedianOf(ps, [](const PatientOutcome& p) { return p.il6_peak_pg_ml; });
  return s;
}

Result<TrialResult> RunTrial(const TrialRequest& request, Progress* progress) {
  if (request.patients < 1 || request.patients > kMaxPatients) {
    return Status::InvalidArgument("the number of patients must be 1 to 10,000,000").WithField("patients");
  }
  if (Status v = Validate(request.scenario); !v.ok()) return v;
  const int threads = static_cast<int>(std::min<long>(ThreadsFor(request.threads), request.patients));
  TrialResult r;
  Status st = SimulateAll(request.scenario, request.seed, request.patients, threads, progress, &r.patients);
  if (!st.ok()) return st;
  auto s = Summarise(r.patients);
  if (!s.ok()) return s.status();
  r.summary = std::move(*s);
  return r;
}

}  // namespace carta::sim
