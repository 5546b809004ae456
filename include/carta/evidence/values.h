// Typed values of the evidence format (doc/data-format.md, "Value types"):
// rates, durations, medians that may be "not reached", approval months.
#ifndef CARTA_EVIDENCE_VALUES_H_
#define CARTA_EVIDENCE_VALUES_H_

#include <cmath>
#include <string>
#include <string_view>

#include "carta/core/status.h"

namespace carta::evidence {

// A proportion of patients as printed: "81%", "3/20" or "23 patients".
struct Rate {
  enum class Form { kPercent, kFraction, kCount };
  Form form = Form::kPercent;
  double percent = NAN;  // 0..100; for kCount known only once the cohort's n is (see Resolve)
  int decimals = 0;      // decimals printed for kPercent ("64.1%" -> 1)
  long count = -1;       // K of "K/N" or "K patients"; -1 when printed as a percentage
  long denominator = -1; // N of "K/N"; for kCount the cohort's n once resolved

  bool known() const { return !std::isnan(percent); }
  // Fills percent and denominator of a kCount rate from the cohort's n.
  void Resolve(long cohort_n);
  // "81%", "3/20", "23 patients".
  std::string ToString() const;
};

// A time span as printed: "39 months", ">= 24 months", "43-113 months", "72 hours".
struct Duration {
  double value = 0;      // in `unit`; the lower end of a range
  double upper = NAN;    // the upper end of a range, in `unit`
  int decimals = 0;      // decimals printed on `value`
  int upper_decimals = 0;  // decimals printed on `upper`
  std::string unit;      // "months", "days", "hours", "years", "weeks"
  std::string comparator;  // "", ">=", ">", "<=", "<"

  bool is_range() const { return !std::isnan(upper); }
  double ToMonths(double v) const;
  double months() const { return ToMonths(value); }
  std::string ToString() const;
};

// A median survival: a duration, or not reached (NR) — its own value, never missing.
struct Median {
  bool not_reached = false;
  Duration duration;  // meaningful when !not_reached
  std::string ToString() const { return not_reached ? "NR" : duration.ToString(); }
};

// Year and month of an approval.
struct Month {
  int year = 0;
  int month = 0;  // 1..12
  int Ordinal() const { return year * 12 + (month - 1); }
  std::string ToString() const;
};

// A rate stated about the literature rather than one cohort: "50%", "30%-45%",
// "about 50%", "> 50%", "up to 30%".
struct RateRange {
  double low_percent = NAN;
  double high_percent = NAN;  // equal to low for a single value
  std::string qualifier;      // "", "about", ">", ">=", "<", "<=", "up to"
};

// Parsers; each message says what is accepted.
Result<RateRange> ParseRateRange(std::string_view s);
Result<Rate> ParseRate(std::string_view s);
Result<Duration> ParseDuration(std::string_view s);
Result<Median> ParseMedian(std::string_view s);
Result<Month> ParseMonth(std::string_view s);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_VALUES_H_
