#include "carta/evidence/values.h"

#include <cmath>
#include <cstdio>

#include "carta/core/text.h"
#include "carta/evidence/time_unit.h"

namespace carta::evidence {

namespace {

std::string FormatNumber(double v, int decimals) { return text::Fixed(v, decimals); }


}  // namespace

void Rate::Resolve(long cohort_n) {
  if (form != Form::kCount || cohort_n <= 0) return;
  denominator = cohort_n;
  percent = 100.0 * static_cast<double>(count) / static_cast<double>(cohort_n);
}

std::string Rate::ToString() const {
  switch (form) {
    case Form::kPercent: return FormatNumber(percent, decimals) + "%";
    case Form::kFraction: return std::to_string(count) + "/" + std::to_string(denominator);
    case Form::kCount: return std::to_string(count) + " patients";
  }
  return "";
}

double Duration::ToMonths(double v) const {
  auto u = ParseTimeUnit(unit);
  return u.ok() ? v * MonthsPerUnit(*u) : NAN;
}

std::string Duration::ToString() const {
  std::string out = comparator.empty() ? "" : comparator + " ";
  out += FormatNumber(value, decimals);
  if (is_range()) out += "-" + FormatNumber(upper, upper_decimals);
  return out + " " + unit;
}

std::string Month::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

Result<Rate> ParseRate(std::string_view s_in) {
  std::string_view s = text::Trim(s_in);
  const std::string accepted = " (expected a percentage such as '81%' or '64.1%', a count 'K/N' such as '3/20', or 'K patients')";
  Rate r;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    return Status::InvalidArgument("'" + std::string(s) + "' has a sign; a rate is a percentage from 0 to 100" + accepted);
  }
  if (text::EndsWith(s, "%")) {
    auto d = text::ParseDecimal(text::Trim(s.substr(0, s.size() - 1)));
    if (!d) return Status::InvalidArgument("'" + std::string(s) + "' is not a rate" + accepted);
    if (d->value < 0 || d->value > 100) {
      return Status::InvalidArgument("'" + std::string(s) + "' is outside 0-100%");
    }
    r.form = Rate::Form::kPercent;
    r.percent = d->value;
    r.decimals = d->decimals;
    return r;
  }
  size_t slash = s.find('/');
  if (slash != std::string_view::npos) {
    auto k = text::ParseCount(text::Trim(s.substr(0, slash)));
    auto n = text::ParseCount(text::Trim(s.substr(slash + 1)));
    if (!k || !n) return Status::InvalidArgument("'" + std::string(s) + "' is not a rate" + accepted);
    if (*n == 0) return Status::InvalidArgument("'" + std::string(s) + "' has a denominator of 0");
    if (*k > *n) return Status::InvalidArgument("'" + std::string(s) + "' has more events than patients");
    r.form = Rate::Form::kFraction;
    r.count = *k;
    r.denominator = *n;
    r.percent = 100.0 * static_cast<double>(*k) / static_cast<double>(*n);
    return r;
  }
  for (std::string_view suffix : {" patients", " patient"}) {
    if (text::EndsWith(s, suffix)) {
      auto k = text::ParseCount(text::Trim(s.substr(0, s.size() - suffix.size())));
      if (!k) break;
      r.form = Rate::Form::kCount;
      r.count = *k;
      return r;
    }
  }
  return Status::InvalidArgument("'" + std::string(s) + "' is not a rate" + accepted);
}

Result<RateRange> ParseRateRange(std::string_view s_in) {
  std::string_view s = text::Trim(s_in);
  RateRange r;
  for (std::string_view q : {"about ", "up to ", ">= ", "<= ", "> ", "< "}) {
    if (text::StartsWith(s, q)) {
      r.qualifier = std::string(text::Trim(q));
      s = text::Trim(s.substr(q.size()));
      break;
    }
  }
  const std::string accepted = " (expected '50%', '30%-45%', 'about 50%', '> 50%' or 'up to 30%')";
  size_t dash = s.find("%-");
  auto one = [&](std::string_view part) -> Result<double> {
    auto rate = ParseRate(part);
    if (!rate.ok() || rate->form != Rate::Form::kPercent) {
      return Status::InvalidArgument("'" + std::string(s_in) + "' is not a rate or a range of rates" + accepted);
    }
    return rate->percent;
  };
  auto lo = one(dash == std::string_view::npos ? s : s.substr(0, dash + 1));
  if (!lo.ok()) return lo.status();
  r.low_percent = r.high_percent = *lo;
  if (dash != std::string_view::npos) {
    auto hi = one(s.substr(dash + 2));
    if (!hi.ok()) return hi.status();
    if (*hi < *lo) return Status::InvalidArgument("'" + std::string(s_in) + "' is a range from high to low");
    r.high_percent = *hi;
  }
  return r;
}

Result<Duration> ParseDuration(std::string_view s_in) {
  std::string_view s = text::Trim(s_in);
  const std::string accepted =
      " (expected a number and a unit such as '39 months', '>= 24 months', '43-113 months', '14 days', '72 hours')";
  Duration d;
  for (std::string_view cmp : {">=", "<=", ">", "<", "≥", "≤"}) {
    if (text::StartsWith(s, cmp)) {
      d.comparator = cmp == "≥" ? ">=" : cmp == "≤" ? "<=" : std::string(cmp);
      s = text::Trim(s.substr(cmp.size()));
      break;
    }
  }
  size_t sp = s.rfind(' ');
  if (sp == std::string_view::npos) return Status::InvalidArgument("'" + std::string(s_in) + "' has no unit" + accepted);
  std::string unit(text::Trim(s.substr(sp + 1)));
  std::string_view number = text::Trim(s.substr(0, sp));
  if (unit == "month") unit = "months";
  if (unit == "day") unit = "days";
  if (unit == "hour") unit = "hours";
  if (unit == "year") unit = "years";
  if (unit == "week") unit = "weeks";
  if (unit != "months" && unit != "days" && unit != "hours" && unit != "years" && unit != "weeks") {
    return Status::InvalidArgument("unknown unit '" + unit + "' in '" + std::string(s_in) + "'" + accepted);
  }
  d.unit = unit;
  size_t dash = number.find('-', 1);
  auto lo = text::ParseDecimal(dash == std::string_view::npos ? number : text::Trim(number.substr(0, dash)));
  if (!lo || lo->value < 0) return Status::InvalidArgument("'" + std::string(s_in) + "' is not a duration" + accepted);
  d.value = lo->value;
  d.decimals = lo->decimals;
  if (dash != std::string_view::npos) {
    auto hi = text::ParseDecimal(text::Trim(number.substr(dash + 1)));
    if (!hi || hi->value < lo->value) {
      return Status::InvalidArgument("'" + std::string(s_in) + "' is not a range low-high" + accepted);
    }
    d.upper = hi->value;
    d.upper_decimals = hi->decimals;
    if (!d.comparator.empty()) {
      return Status::InvalidArgument("'" + std::string(s_in) + "' has both a comparator and a range" + accepted);
    }
  }
  return d;
}

Result<Median> ParseMedian(std::string_view s_in) {
  std::string_view s = text::Trim(s_in);
  Median m;
  if (s == "NR") {
    m.not_reached = true;
    return m;
  }
  auto d = ParseDuration(s);
  if (!d.ok()) {
    return Status::InvalidArgument(d.status().message() + "; or 'NR' for a median not reached");
  }
  m.duration = *d;
  return m;
}

Result<Month> ParseMonth(std::string_view s_in) {
  std::string_view s = text::Trim(s_in);
  Month m;
  if (s.size() == 7 && s[4] == '-') {
    auto y = text::ParseCount(s.substr(0, 4));
    auto mo = text::ParseCount(s.substr(5, 2));
    if (y && mo && *y >= 1990 && *y <= 2100 && *mo >= 1 && *mo <= 12) {
      m.year = static_cast<int>(*y);
      m.month = static_cast<int>(*mo);
      return m;
    }
  }
  return Status::InvalidArgument("'" + std::string(s) + "' is not a month (expected YYYY-MM, e.g. 2017-08)");
}

}  // namespace carta::evidence
