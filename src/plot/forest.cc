#include "carta/plot/forest.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <boost/math/distributions/normal.hpp>

#include "carta/core/text.h"
#include "carta/plot/charts.h"
#include "carta/plot/svg.h"

namespace carta::plot {
namespace {

using meta::Analysis;

// One estimate with its interval, on the plotted scale.
struct Interval {
  double est = NAN, lb = NAN, ub = NAN;
};

bool ProportionScale(meta::Measure m) { return m != meta::Measure::kGeneric && !meta::IsTwoArm(m); }

std::string FormatP(double p) { return p < 0.0001 ? "p < 0.0001" : "p = " + FormatFixed(p, 4); }

// metafor's "RE Model" / "EE Model" label.
std::string ModelName(const meta::FitResult& f, const ForestLabels& l) {
  return meta::IsRandomEffects(f.method) ? l.re_model : l.ee_model;
}

// "Q = 12.30, df = 5, p = 0.0310; I² = 59.4%, τ² = 0.1234": the heterogeneity of one fit.
std::string HeterogeneityText(const meta::FitResult& f) {
  return "Q = " + FormatFixed(f.Q, 2) + ", df = " + std::to_string(f.Q_df) + ", " + FormatP(f.Q_pval) +
         "; I\u00b2 = " + FormatFixed(f.I2, 1) + "%, \u03c4\u00b2 = " + FormatFixed(f.tau2, 4);
}

std::vector<Interval> StudyIntervals(const Analysis& a) {
  const bool prop = ProportionScale(a.measure);
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + a.options.level / 2);
  std::vector<Interval> out;
  for (const auto& s : a.studies) {
    if (prop) {
      out.push_back({s.prop, s.prop_ci_lb, s.prop_ci_ub});
    } else {
      const double se = std::sqrt(s.vi);
      out.push_back({s.yi, s.yi - z * se, s.yi + z * se});
    }
  }
  return out;
}

// The pooled interval and prediction interval of `f` (or `p` on the proportion scale).
std::pair<Interval, Interval> Pooled(const Analysis& a, const meta::FitResult& f, const meta::Proportions& p) {
  if (ProportionScale(a.measure)) return {{p.prop, p.ci_lb, p.ci_ub}, {p.prop, p.pi_lb, p.pi_ub}};
  return {{f.estimate, f.estimate_ci_lb, f.estimate_ci_ub}, {f.estimate, f.pi_lb, f.pi_ub}};
}

// Draws the rows top to bottom; columns are fixed before the first row.
class ForestPainter {
 public:
  ForestPainter(SvgDocument* doc, const ForestOptions& o, int decimals)
      : doc_(doc), o_(o), decimals_(decimals), last_header_(o.labels.weight) {}

  // Column widths from every text that goes in them.
  void Layout(const std::vector<std::string>& labels, const std::vector<std::string>& counts,
              const std::vector<std::string>& estimates, const std::string& est_header,
              const std::vector<std::vector<std::string>>& extra = {}) {
    const double fs = o_.font_size_px;
    double label_w = TextWidth(o_.labels.study, fs * 1.1), count_w = 0, est_w = TextWidth(est_header, fs * 1.1);
    for (const auto& s : labels) label_w = std::max(label_w, TextWidth(s, fs * 1.1));
    for (const auto& s : counts) count_w = std::max(count_w, TextWidth(s, fs));
    for (const auto& s : estimates) est_w = std::max(est_w, TextWidth(s, fs));
    if (!counts.empty()) count_w = std::max(count_w, TextWidth(o_.labels.events_n, fs * 1.1));
    x_label_ = kMargin;
    x_counts_end_ = x_label_ + label_w + kGap + count_w;
    // Extra columns: element 0 is the header, then one value per study.
    double end = x_counts_end_;
    extra_headers_.clear();
    extra_end_.clear();
    for (const auto& column : extra) {
      double w = 0;
      for (size_t i = 0; i < column.size(); ++i) w = std::max(w, TextWidth(column[i], i == 0 ? fs * 1.1 : fs));
      end += kGap + w;
      extra_headers_.push_back(column.empty() ? "" : column[0]);
      extra_end_.push_back(end);
    }
    x_plot_ = end + kGap;
    x_est_end_ = x_plot_ + o_.plot_width_px + kGap + est_w;
    x_weight_end_ = x_est_end_ + kGap + TextWidth(last_header_, fs * 1.1);
  }

  // The title of the last column (the weights by default); before Layout.
  void SetLastHeader(const std::string& text) { last_header_ = text; }

  void SetScale(double lo, double hi) { lo_ = lo; hi_ = hi; }
  double X(double v) const { return x_plot_ + (std::clamp(v, lo_, hi_) - lo_) / (hi_ - lo_) * o_.plot_width_px; }
  double right() const { return x_weight_end_ + kMargin; }
  double y() const { return y_; }
  void Advance(double rows) { y_ += rows * RowHeight(); }
  double RowHeight() const { return o_.font_size_px * 1.7; }

  void Title(const std::string& title) {
    doc_->Text(x_label_, y_ + o_.font_size_px * 1.2, title, {.size = o_.font_size_px * 1.3, .bold = true, .cls = "title"});
    Advance(1.6);
  }

  void Header(bool counts, const std::string& est_header) {
    const TextStyle bold{.size = o_.font_size_px, .bold = true, .cls = "header"};
    Put(x_label_, o_.labels.study, bold, Anchor::kStart);
    if (counts) Put(x_counts_end_, o_.labels.events_n, bold, Anchor::kEnd);
    for (size_t j = 0; j < extra_end_.size(); ++j) Put(extra_end_[j], extra_headers_[j], bold, Anchor::kEnd);
    Put(x_est_end_, est_header, bold, Anchor::kEnd);
    Put(x_weight_end_, last_header_, bold, Anchor::kEnd);
    Advance(1);
    doc_->Line(x_label_, y_, x_weight_end_, y_, {.cls = "rule", .stroke = "#000", .stroke_width = 0.8});
    Advance(0.3);
  }

  void Heading(const std::string& text) {
    Put(x_label_, text, {.size = o_.font_size_px, .bold = true, .cls = "group-heading"}, Anchor::kStart);
    Advance(1);
  }

  void Study(const std::string& label, const std::string& counts, const Interval& iv, double weight, double weight_max,
             const std::vector<std::string>& extra = {}) {
    const double side = 4 + 8 * std::sqrt(std::max(weight, 0.0) / std::max(weight_max, 1e-12));
    const TextStyle cell{.size = o_.font_size_px, .cls = "extra"};
    for (size_t j = 0; j < extra.size() && j < extra_end_.size(); ++j) Put(extra_end_[j], extra[j], cell, Anchor::kEnd);
    Row(label, counts, iv, FormatFixed(weight, 1) + "%", side, "study");
  }

  // A row: label, counts, the estimate text, `right` in the last column, and
  // a square of `side` px (class `cls`) on the interval's line.
  void Row(const std::string& label, const std::string& counts, const Interval& iv, const std::string& right, double side,
           const std::string& cls) {
    const TextStyle plain{.size = o_.font_size_px};
    Put(x_label_, label, plain, Anchor::kStart);
    if (!counts.empty()) Put(x_counts_end_, counts, plain, Anchor::kEnd);
    Put(x_est_end_, EstimateText(iv), plain, Anchor::kEnd);
    Put(x_weight_end_, right, plain, Anchor::kEnd);
    const double yc = y_ + RowHeight() / 2;
    if (std::isfinite(iv.lb) && std::isfinite(iv.ub)) Whisker(iv.lb, iv.ub, yc);
    if (std::isfinite(iv.est)) doc_->Rect(X(iv.est) - side / 2, yc - side / 2, side, side, {.cls = cls, .fill = "#000"});
    Advance(1);
  }

  // A dashed vertical line at `v` from pixel row `top` to the current row.
  void Reference(double v, double top) {
    if (!std::isfinite(v)) return;
    doc_->Line(X(v), top, X(v), y_, {.cls = "reference", .stroke = "#555", .stroke_width = 0.8, .dash = "4 3"});
  }

  // A diamond row with its label; `pi` drawn as a line under the diamond when finite.
  void Diamond(const std::string& label, const Interval& iv, const Interval& pi, const std::string& cls,
               const std::string& weight) {
    const TextStyle style{.size = o_.font_size_px, .bold = cls == "pooled"};
    Put(x_label_, label, style, Anchor::kStart);
    Put(x_est_end_, EstimateText(iv), style, Anchor::kEnd);
    if (!weight.empty()) Put(x_weight_end_, weight, style, Anchor::kEnd);
    const double yc = y_ + RowHeight() / 2, h = RowHeight() * 0.3;
    if (std::isfinite(iv.est) && std::isfinite(iv.lb) && std::isfinite(iv.ub)) {
      const std::string fill = cls == "pooled" ? "#000" : "#777";
      doc_->Polygon({{X(iv.lb), yc}, {X(iv.est), yc - h}, {X(iv.ub), yc}, {X(iv.est), yc + h}},
                    {.cls = cls, .fill = fill, .stroke = "#000", .stroke_width = 0.8});
    }
    if (std::isfinite(pi.lb) && std::isfinite(pi.ub)) {
      doc_->Line(X(pi.lb), yc + h + 3, X(pi.ub), yc + h + 3, {.cls = "pi", .stroke = "#000", .stroke_width = 1.2});
    }
    Advance(1);
  }

  void Note(const std::string& text, const std::string& cls) {
    Put(x_label_ + 6, text, {.size = o_.font_size_px * 0.85, .cls = cls}, Anchor::kStart);
    Advance(0.9);
  }

  void Axis(const std::vector<double>& ticks, const std::string& label) {
    Advance(0.3);
    const double fs = o_.font_size_px;
    doc_->Line(x_plot_, y_, x_plot_ + o_.plot_width_px, y_, {.cls = "axis", .stroke = "#000", .stroke_width = 1});
    for (double t : ticks) {
      doc_->Line(X(t), y_, X(t), y_ + 5, {.cls = "tick", .stroke = "#000", .stroke_width = 1});
      doc_->Text(X(t), y_ + 6 + fs, FormatNumber(t, 3), {.size = fs * 0.9, .anchor = Anchor::kMiddle, .cls = "tick-label"});
    }
    doc_->Text(x_plot_ + o_.plot_width_px / 2, y_ + 10 + 2.2 * fs, label,
               {.size = fs, .anchor = Anchor::kMiddle, .cls = "axis-label"});
    y_ += 16 + 2.2 * fs;
  }

  std::string EstimateText(const Interval& iv) const {
    return FormatFixed(iv.est, decimals_) + " [" + FormatFixed(iv.lb, decimals_) + ", " + FormatFixed(iv.ub, decimals_) + "]";
  }

 private:
  static constexpr double kMargin = 12, kGap = 14;

  void Put(double x, const std::string& text, TextStyle style, Anchor anchor) {
    style.anchor = anchor;
    doc_->Text(x, y_ + RowHeight() / 2 + o_.font_size_px * 0.35, text, style);
  }

  // The CI line, clipped at the axis limits with an arrow head there.
  void Whisker(double lb, double ub, double yc) {
    doc_->Line(X(lb), yc, X(ub), yc, {.cls = "ci", .stroke = "#000", .stroke_width = 1});
    if (lb < lo_) Arrow(X(lo_), yc, -1);
    if (ub > hi_) Arrow(X(hi_), yc, +1);
  }
  void Arrow(double x, double yc, int dir) {
    const std::string d = "M" + FormatNumber(x - dir * 6) + "," + FormatNumber(yc - 3.5) + " L" + FormatNumber(x) + "," +
                          FormatNumber(yc) + " L" + FormatNumber(x - dir * 6) + "," + FormatNumber(yc + 3.5) + " Z";
    doc_->Path(d, {.cls = "arrow", .fill = "#000"});
  }

  SvgDocument* doc_;
  const ForestOptions& o_;
  int decimals_;
  std::string last_header_;
  std::vector<std::string> extra_headers_;
  std::vector<double> extra_end_;
  double x_label_ = 0, x_counts_end_ = 0, x_plot_ = 0, x_est_end_ = 0, x_weight_end_ = 0;
  double lo_ = 0, hi_ = 1, y_ = 8;
};

// Axis limits and ticks covering every interval (or the options' limits).
std::pair<std::pair<double, double>, std::vector<double>> AxisRange(const std::vector<Interval>& ivs, bool proportion,
                                                                    const ForestOptions& o) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& iv : ivs) {
    for (double v : {iv.est, iv.lb, iv.ub}) {
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (hi - lo < 1e-9) lo -= 0.5, hi += 0.5;
  std::vector<double> t = NiceTicks(lo, hi, 5);
  const double step = t.size() > 1 ? t[1] - t[0] : (hi - lo);
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
  if (proportion) lo = std::max(lo, 0.0), hi = std::min(hi, 1.0);
  if (std::isfinite(o.x_min)) lo = o.x_min;
  if (std::isfinite(o.x_max)) hi = o.x_max;
  if (hi <= lo) hi = lo + 1;
  return {{lo, hi}, NiceTicks(lo, hi, 5)};
}

// The index of `name` among the input's extra columns; -1 when absent.
int ExtraColumn(const meta::AnalysisInput& in, const std::string& name) {
  for (size_t j = 0; j < in.extra_columns.size(); ++j) {
    if (text::ToLower(in.extra_columns[j]) == text::ToLower(name)) return static_cast<int>(j);
  }
  return -1;
}

bool IsNumber(const std::string& v) {
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  return !v.empty() && end && *end == '\0' && std::isfinite(x);
}

// `rows` (indices into a.studies) in the order of o.sort.
void SortRows(const Analysis& a, const meta::AnalysisInput& in, const std::vector<Interval>& ivs, const ForestOptions& o,
              std::vector<size_t>* rows) {
  if (o.sort.empty()) return;
  if (o.sort == "effect") {
    std::stable_sort(rows->begin(), rows->end(), [&](size_t x, size_t y) { return ivs[x].est < ivs[y].est; });
    return;
  }
  if (o.sort == "weight") {
    std::stable_sort(rows->begin(), rows->end(),
                     [&](size_t x, size_t y) { return a.studies[x].weight > a.studies[y].weight; });
    return;
  }
  const int c = ExtraColumn(in, o.sort);
  if (c < 0) return;
  auto value = [&](size_t i) -> std::string {
    return i < in.studies.size() && static_cast<size_t>(c) < in.studies[i].extra.size() ? in.studies[i].extra[c] : "";
  };
  bool numeric = true;
  for (size_t i : *rows) numeric = numeric && IsNumber(value(i));
  std::stable_sort(rows->begin(), rows->end(), [&](size_t x, size_t y) {
    return numeric ? std::strtod(value(x).c_str(), nullptr) < std::strtod(value(y).c_str(), nullptr) : value(x) < value(y);
  });
}

std::string CountsText(const meta::StudyInput& s) {
  if (s.events < 0 || s.n < 0) return "";
  std::string t = std::to_string(s.events) + "/" + std::to_string(s.n);
  if (s.events2 >= 0 && s.n2 >= 0) t += " vs " + std::to_string(s.events2) + "/" + std::to_string(s.n2);
  return t;
}

}  // namespace

Status CheckForestOptions(const ForestOptions& o, const meta::AnalysisInput& in) {
  if (!o.sort.empty() && o.sort != "effect" && o.sort != "weight" && ExtraColumn(in, o.sort) < 0) {
    return Status::InvalidArgument("cannot sort by '" + o.sort + "': expected effect, weight or a column carried with the studies (" +
                                   (in.extra_columns.empty() ? std::string("none") : text::Join(in.extra_columns, ", ")) + ")")
        .WithField("sort");
  }
  for (const auto& c : o.columns) {
    if (ExtraColumn(in, c) < 0) return Status::InvalidArgument("no column '" + c + "' carried with the studies").WithField("columns");
  }
  if (std::isfinite(o.x_min) && std::isfinite(o.x_max) && !(o.x_min < o.x_max)) {
    return Status::InvalidArgument("the axis limits must be increasing (a < b)").WithField("xlim");
  }
  return Status::Ok();
}

std::string ForestPlot(const meta::Analysis& a, const meta::AnalysisInput& in, const ForestOptions& o) {
  const bool prop = ProportionScale(a.measure);
  const std::string title = o.title.empty() ? "Forest plot" : o.title;
  const ForestLabels& l = o.labels;
  const std::string x_label = !o.x_label.empty() ? o.x_label : prop ? l.proportion : MeasureScaleLabel(a.measure);
  const std::string level = FormatNumber(a.options.level * 100, 1) + "% " + l.ci;
  const std::string est_header = (prop ? l.proportion : l.estimate) + " [" + level + "]";

  const std::vector<Interval> studies = StudyIntervals(a);
  auto [overall, overall_pi] = Pooled(a, a.fit, a.pooled);
  if (!meta::IsRandomEffects(a.fit.method)) overall_pi = {};
  std::vector<Interval> all = studies;
  all.push_back(overall);
  all.push_back(overall_pi);

  // Rows in display order: indices into a.studies, grouped when subgroups are set.
  std::vector<std::vector<size_t>> blocks;
  std::vector<std::string> labels, counts, estimates;
  if (a.subgroups) {
    for (const auto& g : a.subgroups->separate) {
      blocks.emplace_back();
      labels.push_back(g.group);
      for (size_t i = 0; i < a.studies.size(); ++i) {
        if (a.studies[i].input.group == g.group) blocks.back().push_back(i);
      }
    }
  } else {
    blocks.emplace_back();
    for (size_t i = 0; i < a.studies.size(); ++i) blocks.back().push_back(i);
  }
  double weight_max = 0;
  for (size_t i = 0; i < a.studies.size(); ++i) {
    const meta::StudyInput& s = i < in.studies.size() ? in.studies[i] : a.studies[i].input;
    labels.push_back(s.study);
    counts.push_back(CountsText(s));
    estimates.push_back(FormatFixed(studies[i].est, o.decimals) + " [" + FormatFixed(studies[i].lb, o.decimals) + ", " +
                        FormatFixed(studies[i].ub, o.decimals) + "]");
    weight_max = std::max(weight_max, a.studies[i].weight);
  }
  const bool any_counts = std::any_of(counts.begin(), counts.end(), [](const std::string& c) { return !c.empty(); });
  for (auto& block : blocks) SortRows(a, in, studies, o, &block);
  // The extra columns: a header, then each study's value (a.studies order).
  std::vector<std::vector<std::string>> extra;
  for (const auto& name : o.columns) {
    const int c = ExtraColumn(in, name);
    if (c < 0) continue;
    extra.push_back({name});
    for (size_t i = 0; i < a.studies.size(); ++i) {
      extra.back().push_back(i < in.studies.size() && static_cast<size_t>(c) < in.studies[i].extra.size()
                                 ? in.studies[i].extra[c] : "");
    }
  }
  auto extra_of = [&](size_t i) {
    std::vector<std::string> v;
    for (const auto& column : extra) v.push_back(column[i + 1]);
    return v;
  };
  labels.push_back(ModelName(a.fit, l) + " " + l.for_subgroup + " (k = 99)");
  labels.push_back(ModelName(a.fit, l));
  if (!any_counts) counts.clear();

  SvgDocument doc(100, 100, title);
  ForestPainter p(&doc, o, o.decimals);
  p.Layout(labels, counts, estimates, est_header, extra);
  if (a.subgroups) {
    for (size_t g = 0; g < a.subgroups->separate.size(); ++g) {
      const meta::Proportions props = g < a.subgroup_props.size() ? a.subgroup_props[g] : meta::Proportions{};
      all.push_back(Pooled(a, a.subgroups->separate[g].fit, props).first);
    }
  }
  const auto [range, ticks] = AxisRange(all, prop, o);
  p.SetScale(range.first, range.second);

  p.Title(title);
  p.Header(any_counts, est_header);
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (a.subgroups) p.Heading(a.subgroups->separate[b].group);
    for (size_t i : blocks[b]) {
      p.Study(a.studies[i].input.study, any_counts ? counts[i] : "", studies[i], a.studies[i].weight, weight_max,
              extra_of(i));
    }
    if (!a.subgroups) continue;
    const meta::SubgroupFit& g = a.subgroups->separate[b];
    auto [iv, pi] = Pooled(a, g.fit, b < a.subgroup_props.size() ? a.subgroup_props[b] : meta::Proportions{});
    p.Diamond(ModelName(g.fit, l) + " " + l.for_subgroup + " (k = " + std::to_string(g.k) + ")", iv, {}, "subgroup", "");
    if (g.k > 1) p.Note(HeterogeneityText(g.fit), "heterogeneity");
    p.Advance(0.4);
  }
  p.Advance(0.3);
  p.Diamond(ModelName(a.fit, l), overall, overall_pi, "pooled", "100%");
  p.Note(l.heterogeneity + ": " + HeterogeneityText(a.fit), "heterogeneity");
  if (a.subgroups) {
    p.Note(l.subgroup_test + ": Q = " + FormatFixed(a.subgroups->Q_between, 2) + ", df = " +
               std::to_string(a.subgroups->Q_between_df) + ", " + FormatP(a.subgroups->Q_between_pval),
           "subgroup-test");
  }
  p.Axis(ticks, x_label);
  const double note_w = 24 + TextWidth(l.heterogeneity + ": " + HeterogeneityText(a.fit), o.font_size_px * 0.85);
  doc.SetSize(std::max(p.right(), note_w), p.y() + 8);
  return doc.Finish();
}

std::string CumulativePlot(const std::vector<meta::CumulativeRow>& rows, meta::Measure measure, double level,
                           const ForestOptions& o) {
  const bool prop = ProportionScale(measure);
  const std::string title = o.title.empty() ? "Cumulative meta-analysis" : o.title;
  const ForestLabels& l = o.labels;
  const std::string x_label = !o.x_label.empty() ? o.x_label : prop ? l.proportion : MeasureScaleLabel(measure);
  const std::string est_header = (prop ? l.proportion : l.estimate) + " [" + FormatNumber(level * 100, 1) + "% " + l.ci + "]";
  std::vector<Interval> ivs;
  std::vector<std::string> labels, estimates;
  for (const auto& r : rows) {
    ivs.push_back(prop ? Interval{r.pooled.prop, r.pooled.ci_lb, r.pooled.ci_ub}
                       : Interval{r.fit.estimate, r.fit.estimate_ci_lb, r.fit.estimate_ci_ub});
    labels.push_back("+ " + r.study + (r.order.empty() ? "" : " (" + r.order + ")"));
    estimates.push_back(FormatFixed(ivs.back().est, o.decimals) + " [" + FormatFixed(ivs.back().lb, o.decimals) + ", " +
                        FormatFixed(ivs.back().ub, o.decimals) + "]");
  }
  SvgDocument doc(100, 100, title);
  ForestPainter p(&doc, o, o.decimals);
  p.SetLastHeader("k");
  p.Layout(labels, {}, estimates, est_header);
  const auto [range, ticks] = AxisRange(ivs, prop, o);
  p.SetScale(range.first, range.second);
  p.Title(title);
  p.Header(false, est_header);
  const double top = p.y();
  for (size_t i = 0; i < rows.size(); ++i) p.Row(labels[i], "", ivs[i], std::to_string(rows[i].fit.k), 8, "step");
  if (!ivs.empty()) p.Reference(ivs.back().est, top);
  p.Advance(0.3);
  p.Axis(ticks, x_label);
  doc.SetSize(p.right(), p.y() + 8);
  return doc.Finish();
}

}  // namespace carta::plot
