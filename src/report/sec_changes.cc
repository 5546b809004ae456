// A living review: what changed since the synthesis kept by `carta update`,
// with the previous numbers beside the current ones.
#include <map>

#include "carta/core/text.h"
#include "carta/report/update.h"
#include "sections.h"
#include "strings.h"

namespace carta::report::internal {
namespace {

std::string Percent(double p) { return text::Fixed(100 * p, 1) + "%"; }

// "k 7: 75.8% [65.4%, 83.9%], τ² 0.4115"; "—" for a pool that was not there.
std::string FigureText(const PooledFigure* p, Language lang) {
  if (p == nullptr) return "—";
  return TrF(lang, "changes.figure", {std::to_string(p->k), Percent(p->estimate), Percent(p->ci_lb), Percent(p->ci_ub),
                                       text::Fixed(p->tau2, 4)});
}

std::string Difference(const PooledFigure* before, const PooledFigure* now, Language lang) {
  if (before == nullptr) return Tr(lang, "changes.new");
  if (now == nullptr) return Tr(lang, "changes.gone");
  const double d = 100 * (now->estimate - before->estimate);
  std::string out = (d >= 0 ? "+" : "") + text::Fixed(d, 1);
  if (now->k != before->k) out += " (k " + std::to_string(before->k) + " → " + std::to_string(now->k) + ")";
  return out;
}

// Every pool of either synthesis, in the order of `now` then the ones only in `before`.
Table PoolTable(const Synthesis& before, const Synthesis& now, Language lang) {
  Table t{"table_changes", "table_changes.csv", Tr(lang, "table_changes.caption"),
          {Tr(lang, "changes.pool"), Tr(lang, "changes.before"), Tr(lang, "changes.now"), Tr(lang, "changes.diff")},
          {}, Tr(lang, "table_changes.note"), "carta update"};
  std::map<std::string, const PooledFigure*> old;
  for (const auto& p : before.pools) old[p.name] = &p;
  for (const auto& p : now.pools) {
    auto it = old.find(p.name);
    const PooledFigure* b = it == old.end() ? nullptr : it->second;
    t.rows.push_back({p.name, FigureText(b, lang), FigureText(&p, lang), Difference(b, &p, lang)});
    if (it != old.end()) old.erase(it);
  }
  for (const auto& p : before.pools) {
    if (old.count(p.name)) t.rows.push_back({p.name, FigureText(&p, lang), "—", Difference(&p, nullptr, lang)});
  }
  return t;
}

Table FindingTable(const Changes& c, Language lang) {
  Table t{"table_changes_findings", "table_changes_findings.csv", Tr(lang, "table_changes_findings.caption"),
          {Tr(lang, "changes.what"), Tr(lang, "audit.finding")}, {}, "", "carta check"};
  for (const auto& f : c.findings_appeared) t.rows.push_back({Tr(lang, "changes.appeared"), f});
  for (const auto& f : c.findings_disappeared) t.rows.push_back({Tr(lang, "changes.disappeared"), f});
  return t;
}

std::string List(const std::vector<std::string>& ids) { return ids.empty() ? "—" : text::Join(ids, ", "); }

}  // namespace

Section ChangesSection(const Context& ctx) {
  const Language lang = ctx.lang;
  Section s{"changes", Tr(lang, "sec.changes"), {}};
  if (!ctx.options.previous || !ctx.Want("table_changes")) return s;
  const Synthesis& before = *ctx.options.previous;
  const Synthesis now = Synthesize(ctx.eb);
  const Changes c = Compare(before, now);
  const std::string when = before.kept_at.empty() ? Tr(lang, "changes.unknown_time") : before.kept_at;
  s.Text(TrF(lang, c.empty() ? "changes.none" : "changes.intro",
             {when, std::to_string(c.cohorts_added.size()), std::to_string(c.cohorts_changed.size()),
              std::to_string(c.cohorts_removed.size()), std::to_string(c.pools.size()),
              std::to_string(c.findings_appeared.size()), std::to_string(c.findings_disappeared.size())}));
  if (!c.empty()) {
    s.Text(TrF(lang, "changes.cohorts",
               {List(c.cohorts_added), List(c.cohorts_changed), List(c.cohorts_removed)}));
  }
  s.Add(PoolTable(before, now, lang));
  if (!c.findings_appeared.empty() || !c.findings_disappeared.empty()) s.Add(FindingTable(c, lang));
  return s;
}

}  // namespace carta::report::internal
