// `carta meta --random`: the studies of a request (a CSV file or the
// evidence base's cohorts, every one kept), their nesting and the multilevel fit.
#include <algorithm>
#include <map>
#include <numeric>

#include "carta/core/csv.h"
#include "carta/core/text.h"
#include "carta/evidence/filter.h"
#include "carta/meta/multilevel.h"

namespace carta::meta {

namespace {

// The evidence base's cohorts of the request, every one kept: the trial
// component of the model accounts for cohorts of one registration.
Result<AnalysisInput> CohortsOf(const MultilevelRequest& r, const evidence::EvidenceBase* eb) {
  if (r.query.outcome.empty()) {
    return Status::InvalidArgument("give an outcome (e.g. orr) to pool the evidence base, or a CSV file")
        .WithField("outcome");
  }
  if (eb == nullptr) return Status::InvalidArgument("pooling an outcome needs the evidence base").WithField("outcome");
  auto filter = evidence::ResolveCohortFilter(*eb, r.query.target, r.query.indication, r.query.product_id);
  if (!filter.ok()) return filter.status();
  OutcomeQuery q = r.query;
  static_cast<evidence::CohortFilter&>(q) = *filter;
  q.registrations = {true, {}};
  return InputFromEvidence(*eb, q);
}

// Union-find over the cohorts: two cohorts sharing a registry id are one trial.
int Root(std::vector<int>& up, int i) {
  while (up[i] != i) i = up[i] = up[up[i]];
  return i;
}

// Each cohort's trial: its registration (the least registry id of the
// cohorts linked through shared ids), or the cohort itself without one.
Result<Nesting> EvidenceNesting(const AnalysisInput& in, const evidence::EvidenceBase& eb,
                                const std::vector<std::string>& levels) {
  const bool known = (levels.size() == 1 && levels[0] == "trial") ||
                     (levels.size() == 2 && levels[0] == "trial" && levels[1] == "cohort");
  if (!known) {
    return Status::InvalidArgument("the evidence base knows the levels trial/cohort (a trial is a registration), not '" +
                                   text::Join(levels, "/") + "'")
        .WithField("random");
  }
  const size_t k = in.studies.size();
  std::vector<const evidence::Cohort*> cohorts;
  for (const auto& s : in.studies) cohorts.push_back(eb.FindCohort(s.study));
  std::vector<int> up(k);
  std::iota(up.begin(), up.end(), 0);
  std::map<std::string, int> first_with;
  for (size_t i = 0; i < k; ++i) {
    for (const auto& id : cohorts[i]->registry) {
      auto [it, added] = first_with.emplace(id, static_cast<int>(i));
      if (!added) up[Root(up, static_cast<int>(i))] = Root(up, it->second);
    }
  }
  std::map<int, std::string> label;  // root -> least registry id
  for (size_t i = 0; i < k; ++i) {
    for (const auto& id : cohorts[i]->registry) {
      std::string& l = label[Root(up, static_cast<int>(i))];
      if (l.empty() || id < l) l = id;
    }
  }
  Nesting n{{"trial", "cohort"}, {{}, {}}};
  for (size_t i = 0; i < k; ++i) {
    auto it = label.find(Root(up, static_cast<int>(i)));
    n.labels[0].push_back(it == label.end() ? cohorts[i]->id : it->second);
    n.labels[1].push_back(cohorts[i]->id);
  }
  return n;
}

// The levels as columns of the CSV file, row by row ("study" is the study
// column, or the rows' S1, S2, ... without one); a single column C is C/study.
Result<Nesting> CsvNesting(const MultilevelRequest& r, const AnalysisInput& in, std::vector<std::string> levels) {
  auto t = ParseCsv(r.csv_text, r.csv_file);
  if (!t.ok()) return t.status();
  if (levels.size() == 1 && text::ToLower(levels[0]) != "study") levels.push_back("study");
  Nesting n;
  for (const auto& level : levels) {
    const std::string column = text::ToLower(level);
    const int c = t->Column(column);
    std::vector<std::string> labels;
    if (c < 0 && column != "study") {
      return Status::InvalidArgument(r.csv_file + ": no column '" + level + "' for the level (columns: " +
                                     text::Join(t->header, ",") + ")")
          .WithField("random");
    }
    for (size_t i = 0; i < t->rows.size(); ++i) {
      const std::string value = c < 0 ? in.studies[i].study : t->rows[i][c];
      if (value.empty()) {
        return Status::InvalidArgument(r.csv_file + ":" + std::to_string(t->lines[i]) + ": column '" + level +
                                       "' is empty (every study needs its " + level + ")")
            .WithField("random")
            .WithLocation({r.csv_file, t->lines[i], 0, "random"});
      }
      labels.push_back(value);
    }
    n.names.push_back(level);
    n.labels.push_back(std::move(labels));
  }
  return n;
}

// In words: what the model counts.
std::string NoteOf(const MultilevelResult& out, bool evidence) {
  const auto& c = out.fit.components;
  std::string s = std::to_string(out.fit.k) + " studies in " + std::to_string(c.front().groups) + " " +
                  out.nesting.names.front() + "s";
  if (evidence) {
    s += "; every cohort is kept (the one-cohort-per-registration rule is not applied): cohorts of one "
         "registration share the trial's random effect, so a trial reported more than once is modelled, "
         "not double counted";
  }
  return s;
}

}  // namespace

Result<MultilevelResult> RunMultilevel(const MultilevelRequest& r, const evidence::EvidenceBase* eb) {
  if (!r.query.by.empty()) {
    return Status::InvalidArgument("subgroups are not available with a multilevel model; use moderators (mods)")
        .WithField("by");
  }
  if (!(r.options.level > 0 && r.options.level < 1)) {
    return Status::InvalidArgument("the confidence level must be between 0 and 1").WithField("level");
  }
  auto levels = ParseRandom(r.random);
  if (!levels.ok()) return levels.status();
  const bool evidence = r.csv_file.empty();
  auto input = evidence ? CohortsOf(r, eb) : InputFromCsv(r.csv_text, r.csv_file, r.query.mods);
  if (!input.ok()) return evidence ? input.status() : input.status().WithLocation({r.csv_file, 0, 0, ""});
  MultilevelResult out;
  out.input = std::move(*input);
  out.outcome = evidence ? r.query.outcome : "";
  auto nesting = evidence ? EvidenceNesting(out.input, *eb, *levels) : CsvNesting(r, out.input, *levels);
  if (!nesting.ok()) return nesting.status();
  out.nesting = std::move(*nesting);
  out.measure = r.measure ? *r.measure : out.input.two_arm ? Measure::kRR : Measure::kPLO;
  auto effects = EffectSizesOf(out.input, out.measure);
  if (!effects.ok()) return effects.status();
  out.yi = std::move(effects->first);
  out.vi = std::move(effects->second);
  std::vector<double> x;
  std::vector<std::string> names;
  if (out.input.formula) {
    auto design = ModeratorDesignOf(out.input);
    if (!design.ok()) return design.status();
    x = std::move(design->x);
    names = std::move(design->names);
  }
  auto fit = FitMultilevel(out.yi, out.vi, out.nesting, r.options, x, names);
  if (!fit.ok()) return fit.status();
  out.fit = std::move(*fit);
  if (out.input.counts && out.fit.p == 1) {
    std::vector<long> ns;
    for (const auto& s : out.input.studies) ns.push_back(s.n);
    const double h = HarmonicMean(ns);
    const MultilevelFit& f = out.fit;
    out.pooled = {ToProportion(out.measure, f.beta[0], h), ToProportion(out.measure, f.ci_lb[0], h),
                  ToProportion(out.measure, f.ci_ub[0], h), ToProportion(out.measure, f.pi_lb, h),
                  ToProportion(out.measure, f.pi_ub, h)};
  }
  if (!out.input.counts) out.measure = Measure::kGeneric;
  out.note = NoteOf(out, evidence);
  return out;
}

}  // namespace carta::meta
