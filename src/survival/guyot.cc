// Guyot et al. (2012), Appendix: "Algorithm to reconstruct IPD from published
// Kaplan-Meier curves", with its variable names. Departures, where R would
// produce NaN or negative counts: no events where no one is at risk or the
// reconstructed KM is 0, events clamped to [0, n at risk], and a cap of 1000
// rounds on each adjustment loop. R's round() rounds half to even, as
// std::nearbyint does.
#include "guyot.h"

#include <algorithm>
#include <cmath>

namespace carta::survival::internal {

namespace {

constexpr int kMaxRounds = 1000;

long Round(double x) { return std::isfinite(x) ? static_cast<long>(std::nearbyint(x)) : 0; }

class Guyot2012 {
 public:
  Guyot2012(const std::vector<double>& t, const std::vector<double>& s, const std::vector<double>& risk_time,
            std::vector<long> n_risk, long total_events)
      : t_(t), s_(s), nrisk_(std::move(n_risk)), total_(total_events) {
    const size_t n_int = nrisk_.size(), n_t = t.size();
    for (size_t i = 0; i < n_int; ++i) {
      lower_.push_back(static_cast<size_t>(std::lower_bound(t.begin(), t.end(), risk_time[i]) - t.begin()));
    }
    for (size_t i = 0; i + 1 < n_int; ++i) upper_.push_back(lower_[i + 1] - 1);
    upper_.push_back(n_t - 1);
    ncensor_.assign(n_int, 0);
    last_i_.assign(n_int, 0);
    nhat_.assign(n_t + 1, nrisk_[0] + 1);
    cen_.assign(n_t, 0);
    d_.assign(n_t, 0);
    km_.assign(n_t, 1.0);
  }

  GuyotResult Run() {
    const size_t n_int = nrisk_.size();
    for (size_t i = 0; i + 1 < n_int; ++i) FitInterval(i);
    LastInterval();
    if (total_ >= 0) MatchTotalEvents();
    return {d_, cen_, lower_, upper_, capped_};
  }

 private:
  // Spreads `count` censorings evenly over (t[first], t[end]) and counts them
  // per point with R's hist(breaks = t[first..end], right = TRUE,
  // include.lowest = TRUE), whose breaks are widened by 1e-7 of their median
  // spacing (R's "fuzz"): cen[first .. end − 1].
  void Distribute(size_t first, size_t end, long count) {
    std::fill(cen_.begin() + static_cast<long>(first), cen_.begin() + static_cast<long>(end), 0);
    if (count <= 0 || end <= first) return;
    std::vector<double> gaps;
    for (size_t k = first; k < end; ++k) gaps.push_back(t_[k + 1] - t_[k]);
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<long>(gaps.size() / 2), gaps.end());
    const double fuzz = 1e-7 * gaps[gaps.size() / 2];
    for (long j = 1; j <= count; ++j) {
      const double ct = t_[first] + static_cast<double>(j) * (t_[end] - t_[first]) / static_cast<double>(count + 1);
      size_t bin = first;
      while (bin + 1 < end && ct > t_[bin + 1] + fuzz) ++bin;
      cen_[bin]++;
    }
  }

  // Events at each point of interval i so that the reconstructed KM follows
  // the digitised one, from n_risk[i] at its start; returns the last point
  // with an event. `origin`: the first point of the first interval is (0, 1).
  size_t Events(size_t i, bool origin) {
    nhat_[lower_[i]] = nrisk_[i];
    size_t last = last_i_[i];
    for (size_t k = lower_[i]; k <= upper_[i]; ++k) {
      if (origin && k == lower_[i]) {
        d_[k] = 0;
        km_[k] = 1;
      } else {
        const double n = static_cast<double>(nhat_[k]);
        d_[k] = n > 0 && km_[last] != 0 ? std::clamp(Round(n * (1 - s_[k] / km_[last])), 0L, nhat_[k]) : 0;
        km_[k] = n > 0 ? km_[last] * (1 - static_cast<double>(d_[k]) / n) : km_[last];
      }
      nhat_[k + 1] = nhat_[k] - d_[k] - cen_[k];
      if (nhat_[k + 1] < 0) {  // no. at risk cannot be negative
        nhat_[k + 1] = 0;
        cen_[k] = nhat_[k] - d_[k];
      }
      if (d_[k] != 0) last = k;
    }
    return last;
  }

  // Intervals 1..n_int−1: censorings adjusted until the number at risk at the
  // start of the next interval matches the table.
  void FitInterval(size_t i) {
    const size_t next = lower_[i + 1];
    ncensor_[i] = s_[lower_[i]] > 0 ? Round(static_cast<double>(nrisk_[i]) * s_[next] / s_[lower_[i]] -
                                            static_cast<double>(nrisk_[i + 1]))
                                    : 0;
    size_t last = last_i_[i];
    for (int round = 0; nhat_[next] > nrisk_[i + 1] || (nhat_[next] < nrisk_[i + 1] && ncensor_[i] > 0); ++round) {
      if (round == kMaxRounds) {
        capped_ = true;
        break;
      }
      if (ncensor_[i] <= 0) ncensor_[i] = 0;
      Distribute(lower_[i], next, ncensor_[i]);
      last = Events(i, i == 0);
      ncensor_[i] += nhat_[next] - nrisk_[i + 1];
    }
    if (nhat_[next] < nrisk_[i + 1]) nrisk_[i + 1] = nhat_[next];
    last_i_[i + 1] = last;
  }

  // The last interval: the average censoring rate of the earlier intervals.
  void LastInterval() {
    const size_t n = nrisk_.size() - 1;
    ncensor_[n] = 0;
    if (n > 0) {
      long before = 0;
      for (size_t i = 0; i < n; ++i) before += ncensor_[i];
      const double span = t_[upper_[n - 1]] - t_[lower_[0]];
      ncensor_[n] = span > 0 ? std::min(Round(static_cast<double>(before) * (t_[upper_[n]] - t_[lower_[n]]) / span),
                                        nrisk_[n])
                             : 0;
    }
    if (ncensor_[n] <= 0) ncensor_[n] = 0;
    Distribute(lower_[n], upper_[n], ncensor_[n]);
    Events(n, n == 0);
  }

  long SumEvents(size_t through) const {
    long sum = 0;
    for (size_t k = 0; k <= through; ++k) sum += d_[k];
    return sum;
  }

  // With the total number of events reported: the last interval's
  // censorings are adjusted until the events add up (or cannot).
  void MatchTotalEvents() {
    const size_t n = nrisk_.size() - 1;
    if (n > 0 && SumEvents(upper_[n - 1]) >= total_) {
      // Already too many: no events and no censoring after the earlier intervals.
      for (size_t k = lower_[n]; k <= upper_[n]; ++k) {
        d_[k] = 0;
        if (k < upper_[n]) cen_[k] = 0;
      }
      return;
    }
    long sum = SumEvents(upper_[n]);
    for (int round = 0; sum > total_ || (sum < total_ && ncensor_[n] > 0); ++round) {
      if (round == kMaxRounds) {
        capped_ = true;
        return;
      }
      ncensor_[n] = std::max(0L, ncensor_[n] + (sum - total_));
      Distribute(lower_[n], upper_[n], ncensor_[n]);
      Events(n, n == 0);
      sum = SumEvents(upper_[n]);
    }
  }

  const std::vector<double>& t_;
  const std::vector<double>& s_;
  std::vector<long> nrisk_;
  long total_;
  std::vector<size_t> lower_, upper_, last_i_;
  std::vector<long> ncensor_, nhat_, cen_, d_;
  std::vector<double> km_;
  bool capped_ = false;
};

}  // namespace

GuyotResult Guyot(const std::vector<double>& time, const std::vector<double>& surv, const std::vector<double>& risk_time,
                  std::vector<long> n_risk, long total_events) {
  return Guyot2012(time, surv, risk_time, std::move(n_risk), total_events).Run();
}

}  // namespace carta::survival::internal
