// The simulator (doc/model.md): observed vs simulated for every cohort of a
// saved calibration (`carta sim calibrate --format csv`), fitted and held out, as a
// table and a figure; and strategy comparisons, run here on a few hundred
// virtual patients of the default scenarios, as a table of paired
// differences with their 95% CIs. The calibration is read, never re-run: it
// takes minutes, the comparisons a few seconds.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <system_error>
#include <string>
#include <utility>
#include <vector>


#include "carta/core/csv.h"
#include "carta/core/text.h"
#include "carta/plot/svg.h"
#include "carta/sim/calibrate.h"
#include "carta/sim/trial.h"
#include "sections.h"
#include "strings.h"

namespace carta::report::internal {
namespace {

// The calibration file as the report uses it.
struct SavedCalibration {
  std::vector<sim::CalibrationRow> rows;
};

// The command that wrote data/sim/calibration.csv (data/sim/README.md says the same).
constexpr const char* kCalibrateCommand =
    "carta sim calibrate --patients 200 --leave-one-out --format csv > data/sim/calibration.csv";

// The columns `carta sim calibrate --format csv` writes, all required.
constexpr const char* kColumns[] = {"cohort", "product", "indication", "endpoint", "n",       "observed",
                                    "lower",  "upper",   "simulated",  "inside",   "held_out"};

Status BadCell(const std::string& file, int line, const std::string& column, const std::string& what) {
  return Status::InvalidArgument(file + ":" + std::to_string(line) + ": column " + column + ": " + what)
      .WithLocation(SourceLocation{file, line, 0, column});
}

// A number written in full, exponent allowed ("1e-05"); nullopt on anything else.
std::optional<double> NumberOf(const std::string& cell) {
  double v = 0;
  const char* end = cell.data() + cell.size();
  auto [ptr, ec] = std::from_chars(cell.data(), end, v);
  if (ec != std::errc() || ptr != end || cell.empty()) return std::nullopt;
  return v;
}

Result<double> RateCell(const CsvTable& t, size_t i, const char* column, const std::string& file) {
  const std::string& cell = t.rows[i][t.Column(column)];
  auto v = NumberOf(cell);
  if (!v || !(*v >= 0 && *v <= 1)) return BadCell(file, t.lines[i], column, "'" + cell + "' is not a rate in [0, 1]");
  return *v;
}

Result<bool> FlagCell(const CsvTable& t, size_t i, const char* column, const std::string& file) {
  const std::string& cell = t.rows[i][t.Column(column)];
  if (cell != "true" && cell != "false") return BadCell(file, t.lines[i], column, "'" + cell + "' is not true or false");
  return cell == "true";
}

Result<sim::CalibrationRow> RowOf(const CsvTable& t, size_t i, const std::string& file) {
  sim::CalibrationRow r;
  const auto& row = t.rows[i];
  r.cohort = row[t.Column("cohort")];
  r.product = row[t.Column("product")];
  r.indication = row[t.Column("indication")];
  r.endpoint = row[t.Column("endpoint")];
  auto n = text::ParseCount(row[t.Column("n")]);
  if (!n) return BadCell(file, t.lines[i], "n", "'" + row[t.Column("n")] + "' is not a count");
  r.n = *n;
  double* rates[] = {&r.observed, &r.lower, &r.upper, &r.simulated};
  const char* rate_columns[] = {"observed", "lower", "upper", "simulated"};
  for (int k = 0; k < 4; ++k) {
    auto v = RateCell(t, i, rate_columns[k], file);
    if (!v.ok()) return v.status();
    *rates[k] = *v;
  }
  auto inside = FlagCell(t, i, "inside", file);
  if (!inside.ok()) return inside.status();
  auto held_out = FlagCell(t, i, "held_out", file);
  if (!held_out.ok()) return held_out.status();
  r.inside = *inside, r.held_out = *held_out;
  return r;
}

// Parses the CSV `carta sim calibrate --format csv` prints; fails with
// file:line and the column on a missing column or a value out of range.
Result<SavedCalibration> ParseCalibration(const std::string& text, const std::string& file) {
  auto t = ParseCsv(text, file);
  if (!t.ok()) return t.status();
  for (const char* c : kColumns) {
    if (t->Column(c) < 0) return BadCell(file, 1, c, "missing (the file is not carta sim calibrate's CSV)");
  }
  SavedCalibration c;
  for (size_t i = 0; i < t->rows.size(); ++i) {
    auto r = RowOf(*t, i, file);
    if (!r.ok()) return r.status();
    c.rows.push_back(std::move(*r));
  }
  return c;
}

std::string Percent(double p) { return std::isfinite(p) ? plot::FormatFixed(100 * p, 1) + "%" : "NA"; }

std::string RowLabel(const sim::CalibrationRow& r) { return r.cohort + " (" + r.product + ", " + r.indication + ")"; }

Table CalibrationTable(Language lang, const SavedCalibration& c, const std::string& file, const std::string& command) {
  Table t{"table_sim_calibration", "table_sim_calibration.csv", Tr(lang, "table_sim_calibration.caption"),
          {Tr(lang, "sim.cohort"), Tr(lang, "sim.endpoint"), "n", Tr(lang, "sim.observed"), Tr(lang, "sim.ci"),
           Tr(lang, "sim.simulated"), Tr(lang, "sim.inside"), Tr(lang, "sim.role")},
          {}, TrF(lang, "table_sim_calibration.note", {file}), command};
  for (const auto& r : c.rows) {
    t.rows.push_back({RowLabel(r), r.endpoint, std::to_string(r.n), Percent(r.observed),
                      Percent(r.lower) + " – " + Percent(r.upper), Percent(r.simulated),
                      Tr(lang, r.inside ? "sim.yes" : "sim.no"), Tr(lang, r.held_out ? "sim.held_out" : "sim.fitted")});
  }
  return t;
}

// One line per ORR row: the observed rate (circle.observed) with its 95% CI
// (line.observed-ci) and the simulated rate (path.simulated, a diamond), on
// 0-100%; fitted rows first, then held-out ones (held-out markers hollow).
std::string CalibrationFigure(Language lang, const std::vector<const sim::CalibrationRow*>& rows) {
  constexpr double kLabelW = 330, kPlotW = 420, kRowH = 18, kTop = 44, kRight = 24;
  const double height = kTop + kRowH * static_cast<double>(rows.size()) + 56;
  plot::SvgDocument svg(kLabelW + kPlotW + kRight, height, Tr(lang, "fig_sim_calibration.caption"));
  auto x = [&](double p) { return kLabelW + kPlotW * p; };
  const double bottom = kTop + kRowH * static_cast<double>(rows.size());
  for (double tick : {0.0, 0.2, 0.4, 0.6, 0.8, 1.0}) {
    svg.Line(x(tick), kTop - 6, x(tick), bottom, {.cls = "grid", .stroke = "#ddd", .stroke_width = 1});
    svg.Text(x(tick), bottom + 16, plot::FormatNumber(100 * tick, 0), {.size = 11, .anchor = plot::Anchor::kMiddle});
  }
  svg.Text(x(0.5), bottom + 36, Tr(lang, "fig_sim_calibration.axis"), {.size = 12, .anchor = plot::Anchor::kMiddle});
  svg.Text(x(0), 18, Tr(lang, "fig_sim_calibration.legend"), {.size = 11});
  for (size_t i = 0; i < rows.size(); ++i) {
    const sim::CalibrationRow& r = *rows[i];
    const double y = kTop + kRowH * (static_cast<double>(i) + 0.5);
    const std::string colour = r.held_out ? plot::kPalette[3] : plot::kPalette[0];
    svg.BeginGroup(r.held_out ? "held-out" : "fitted");
    svg.Title(RowLabel(r) + ": " + Percent(r.observed) + " [" + Percent(r.lower) + ", " + Percent(r.upper) + "], " +
              Tr(lang, "sim.simulated") + " " + Percent(r.simulated));
    svg.Text(kLabelW - 8, y + 4, RowLabel(r) + (r.held_out ? " *" : ""), {.size = 11, .anchor = plot::Anchor::kEnd});
    svg.Line(x(r.lower), y, x(r.upper), y, {.cls = "observed-ci", .stroke = "#444", .stroke_width = 1.5});
    svg.Circle(x(r.observed), y, 3.5, {.cls = "observed", .fill = "#444"});
    const double sx = x(r.simulated);
    svg.Path("M" + plot::FormatNumber(sx) + " " + plot::FormatNumber(y - 5) + " L" + plot::FormatNumber(sx + 5) + " " +
                 plot::FormatNumber(y) + " L" + plot::FormatNumber(sx) + " " + plot::FormatNumber(y + 5) + " L" +
                 plot::FormatNumber(sx - 5) + " " + plot::FormatNumber(y) + " Z",
             {.cls = "simulated", .fill = r.held_out ? "white" : colour, .stroke = colour, .stroke_width = 1.5});
    svg.EndGroup();
  }
  return svg.Finish();
}

// One strategy comparison of the section, and the endpoints it is about.
struct Comparison {
  const char* product;
  const char* indication;
  const char* a;
  const char* b;
  std::vector<std::string> endpoints;
};

const std::vector<Comparison>& Comparisons() {
  static const auto* list = new std::vector<Comparison>{
      {"kymriah", "B-ALL", "single", "dual", {"orr", "relapse_rate", "antigen_negative_relapse_rate"}},
      {"abecma", "MM", "single", "dual", {"orr", "relapse_rate", "antigen_negative_relapse_rate"}},
      {"yescarta", "LBCL", "one-dose", "fractionated", {"orr", "crs_grade3_rate", "log10_il6_peak"}},
      {"yescarta", "LBCL", "toci-grade2", "toci-grade1", {"crs_grade3_rate", "log10_il6_peak"}},
      {"kymriah", "B-ALL", "no-hsct", "hsct", {"relapse_rate", "pfs_at_12_months"}},
      {"yescarta", "LBCL", "cd28", "4-1bb", {"orr", "persistence_days"}},
  };
  return *list;
}

constexpr long kComparePatients = 300;
constexpr uint64_t kCompareSeed = 1;

std::string CompareCommand(const Comparison& c) {
  return std::string("carta sim compare --product ") + c.product + " --indication " + c.indication +
         " --strategies " + c.a + "," + c.b + " --patients " + std::to_string(kComparePatients) + " --seed " +
         std::to_string(kCompareSeed);
}

// Rates as percentages, other endpoints (days, log10 pg/mL) as numbers.
std::string EndpointValue(const std::string& endpoint, double v) {
  const bool rate = endpoint == "orr" || endpoint.ends_with("_rate") || endpoint == "pfs_at_12_months";
  if (!std::isfinite(v)) return "NA";
  return rate ? plot::FormatFixed(100 * v, 1) + "%" : plot::FormatFixed(v, 2);
}

Result<Table> CompareTable(const Context& ctx) {
  const Language lang = ctx.lang;
  Table t{"table_sim_compare", "table_sim_compare.csv", Tr(lang, "table_sim_compare.caption"),
          {Tr(lang, "sim.scenario"), Tr(lang, "sim.strategies"), Tr(lang, "sim.endpoint"), "A", "B",
           Tr(lang, "sim.difference"), Tr(lang, "sim.command")},
          {}, TrF(lang, "table_sim_compare.note", {std::to_string(kComparePatients)}),
          "carta sim compare --product P --indication I --strategies A,B --patients " +
              std::to_string(kComparePatients) + " --seed " + std::to_string(kCompareSeed)};
  for (const Comparison& c : Comparisons()) {
    auto scenario = sim::MakeScenario(c.product, c.indication);
    if (!scenario.ok()) return scenario.status();
    sim::CompareRequest q{*scenario, c.a, c.b, kComparePatients, kCompareSeed, 0};
    auto r = sim::CompareStrategies(q);
    if (!r.ok()) return r.status();
    for (const sim::Difference& d : r->differences) {
      if (std::find(c.endpoints.begin(), c.endpoints.end(), d.endpoint) == c.endpoints.end()) continue;
      t.rows.push_back({std::string(c.product) + ", " + c.indication, std::string(c.a) + " → " + c.b, d.endpoint,
                        EndpointValue(d.endpoint, d.a), EndpointValue(d.endpoint, d.b),
                        EndpointValue(d.endpoint, d.difference) + " [" + EndpointValue(d.endpoint, d.lower) + ", " +
                            EndpointValue(d.endpoint, d.upper) + "]",
                        CompareCommand(c)});
    }
  }
  return t;
}

}  // namespace

Result<Section> SimSection(const Context& ctx) {
  const Language lang = ctx.lang;
  const ReportOptions& o = ctx.options;
  Section s{"sim", Tr(lang, "sec.sim"), {}};
  const bool want_calibration = ctx.Want("table_sim_calibration") || ctx.Want("fig_sim_calibration");
  if (!want_calibration && !ctx.Want("table_sim_compare")) return s;
  // Without a calibration file (ReadDataFolderInputs notes why) only the comparisons are shown.
  if (!o.calibration_csv.empty() && want_calibration) {
    auto c = ParseCalibration(o.calibration_csv, o.calibration_file);
    if (!c.ok()) return c.status();
    const std::string command = kCalibrateCommand;
    std::vector<const sim::CalibrationRow*> orr_rows;
    for (const auto& r : c->rows) {
      if (r.endpoint == "orr") orr_rows.push_back(&r);
    }
    sim::CalibrationCount orr;
    for (const auto& count : sim::CountInside(c->rows)) {
      if (count.endpoint == "orr") orr = count;
    }
    s.Text(TrF(lang, "sim.intro", {std::to_string(orr.fitted_inside), std::to_string(orr.fitted),
                                   std::to_string(orr.held_out_inside), std::to_string(orr.held_out)}));
    if (ctx.Want("table_sim_calibration")) s.Add(CalibrationTable(lang, *c, o.calibration_file, command));
    if (ctx.Want("fig_sim_calibration")) {
      s.Add(Figure{"fig_sim_calibration", "fig_sim_calibration.svg", Tr(lang, "fig_sim_calibration.caption"),
                   CalibrationFigure(lang, orr_rows), TrF(lang, "fig_sim_calibration.note", {o.calibration_file}),
                   command + " && carta report --out report --only fig_sim_calibration"});
    }
  }
  if (ctx.Want("table_sim_compare")) {
    auto t = CompareTable(ctx);
    if (!t.ok()) return t.status();
    s.Text(Tr(lang, "sim.compare_intro"));
    s.Add(std::move(*t));
  }
  return s;
}

}  // namespace carta::report::internal
