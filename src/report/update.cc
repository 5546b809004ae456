#include "carta/report/update.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "carta/evidence/audit.h"
#include "carta/evidence/record.h"
#include "carta/meta/analysis.h"

namespace carta::report {

namespace {

struct PoolSpec {
  std::string outcome, target, indication;
};

std::string NameOf(const PoolSpec& p) {
  std::string n = p.outcome + (p.target.empty() ? " all" : " " + p.target);
  return p.indication.empty() ? n : n + " " + p.indication;
}

bool Differs(double a, double b) { return std::fabs(a - b) > 1e-9 * std::max(1.0, std::fabs(a)); }

bool Differs(const PooledFigure& a, const PooledFigure& b) {
  return a.k != b.k || Differs(a.estimate, b.estimate) || Differs(a.ci_lb, b.ci_lb) || Differs(a.ci_ub, b.ci_ub) ||
         Differs(a.tau2, b.tau2);
}

}  // namespace

Synthesis Synthesize(const evidence::EvidenceBase& eb) {
  Synthesis s;
  for (const auto& c : eb.cohorts) {
    const evidence::RawRecord* r = eb.FindRecord("cohort", c.id);
    s.cohorts.emplace_back(c.id, r ? evidence::FormatRecords({*r}) : std::string());
  }
  for (const std::string outcome : {"orr", "crr"}) {
    for (const PoolSpec& p : {PoolSpec{outcome, "", ""}, PoolSpec{outcome, "CD19", ""}, PoolSpec{outcome, "BCMA", ""},
                              PoolSpec{outcome, "CD19", "LBCL"}}) {
      meta::OutcomeQuery q;
      q.outcome = p.outcome;
      q.target = p.target;
      q.indication = p.indication;
      auto in = meta::InputFromEvidence(eb, q);
      if (!in.ok()) continue;
      auto a = meta::Analyze(*in, meta::Measure::kPLO, meta::FitOptions{}, false);
      if (!a.ok()) continue;
      s.pools.push_back({NameOf(p), a->fit.k, a->pooled.prop, a->pooled.ci_lb, a->pooled.ci_ub, a->fit.tau2});
    }
  }
  for (const auto& f : evidence::Audit(eb)) s.findings.push_back(f.rule + ": " + f.subject + ": " + f.message);
  return s;
}

bool Changes::empty() const {
  return cohorts_added.empty() && cohorts_removed.empty() && cohorts_changed.empty() && pools.empty() &&
         findings_appeared.empty() && findings_disappeared.empty();
}

Changes Compare(const Synthesis& before, const Synthesis& after) {
  Changes out;
  std::map<std::string, std::string> old(before.cohorts.begin(), before.cohorts.end());
  std::map<std::string, std::string> now(after.cohorts.begin(), after.cohorts.end());
  for (const auto& [id, text] : after.cohorts) {
    auto it = old.find(id);
    if (it == old.end()) {
      out.cohorts_added.push_back(id);
    } else if (it->second != text) {
      out.cohorts_changed.push_back(id);
    }
  }
  for (const auto& [id, text] : before.cohorts) {
    if (!now.count(id)) out.cohorts_removed.push_back(id);
  }
  std::vector<std::string> names;
  for (const auto* s : {&before, &after}) {
    for (const auto& p : s->pools) {
      if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
    }
  }
  for (const auto& name : names) {
    PoolChange c;
    c.name = name;
    for (const auto& p : before.pools) {
      if (p.name == name) c.before = p, c.before_present = true;
    }
    for (const auto& p : after.pools) {
      if (p.name == name) c.after = p, c.after_present = true;
    }
    if (c.before_present != c.after_present || Differs(c.before, c.after)) out.pools.push_back(c);
  }
  const std::set<std::string> was(before.findings.begin(), before.findings.end());
  const std::set<std::string> is(after.findings.begin(), after.findings.end());
  for (const auto& f : after.findings) {
    if (!was.count(f)) out.findings_appeared.push_back(f);
  }
  for (const auto& f : before.findings) {
    if (!is.count(f)) out.findings_disappeared.push_back(f);
  }
  return out;
}

}  // namespace carta::report
