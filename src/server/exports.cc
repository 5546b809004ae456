// The team screening's exports (doc/api.md, "Exports"): the records as RIS
// with every reviewer's decision and reason per stage as notes, the kappa
// table and the PRISMA counts as CSV, and the PRISMA 2020 flow diagram as SVG.
#include "exports.h"

#include <map>
#include <vector>

#include "carta/api/team.h"
#include "carta/biblio/write.h"
#include "carta/core/text.h"
#include "carta/lit/export.h"
#include "carta/plot/prisma.h"

namespace carta::server {

namespace {

constexpr std::string_view kRisEnd = "ER  - ";

std::string VoteNote(const lit::TeamVote& v) {
  std::string note = v.reviewer + " " + std::string(screen::VerdictName(v.verdict));
  if (!v.reason.empty()) note += " (" + v.reason + ")";
  return note;
}

// "title_abstract: agreed; ann include; bob include", and the resolution.
std::string StageNote(std::string_view stage, const lit::TeamRecord& r) {
  std::string note = std::string(stage) + ": " + std::string(lit::TeamRecordStateName(r.state));
  for (const auto& v : r.votes) note += "; " + VoteNote(v);
  if (r.resolution) note += "; resolved by " + VoteNote(*r.resolution);
  return note;
}

// One record's RIS with "N1  - " note lines inserted before its "ER  - ".
std::string RisWithNotes(const biblio::Record& record, const std::vector<std::string>& notes) {
  std::string ris = biblio::WriteRecords(biblio::OutputFormat::kRis, {record});
  const size_t end = ris.rfind(kRisEnd);
  if (end == std::string::npos) return ris;
  std::string lines;
  for (const auto& n : notes) lines += "N1  - " + n + "\n";
  ris.insert(end, lines);
  return ris;
}

// "(n = 1,234)" as the PRISMA diagram of `carta lit prisma` writes counts.
std::string N(long n) { return "(n\u00a0=\u00a0" + text::WithThousands(n) + ")"; }

}  // namespace

Result<std::string> TeamRis(store::Literature& lit, const lit::TeamStage& title_abstract,
                            const lit::TeamStage& full_text) {
  std::map<long, std::vector<std::string>> notes;
  for (const auto& [stage, state] : {std::pair{"title_abstract", &title_abstract}, {"full_text", &full_text}}) {
    for (const auto& [id, r] : state->records) notes[id].push_back(StageNote(stage, r));
  }
  lit::ExportRequest q;
  for (const auto& [id, unused] : notes) q.ids.push_back(lit::RecordId{id});
  if (q.ids.empty()) return std::string();
  auto records = lit::Export(lit, q);
  if (!records.ok()) return records.status();
  std::string out;
  for (size_t i = 0; i < records->records.size(); ++i) {
    if (!out.empty()) out += "\n";
    out += RisWithNotes(records->records[i], notes[q.ids[i].value]);
  }
  return out;
}

std::string TeamPrismaSvg(const lit::TeamPrisma& p) {
  plot::PrismaSpec s;
  s.banner = "Identification of studies via databases and registers";
  s.identified = {"Records to screen", {N(p.to_screen)}};
  s.removed = {"Records awaiting decisions", {"Awaiting a second decision or a resolution " + N(p.awaiting),
                                              "Open conflicts " + N(p.conflicts)}};
  s.screened = {"Records screened", {N(p.screened)}};
  s.excluded = {"Records excluded", {N(p.excluded_screening)}};
  s.sought = {"Reports sought for retrieval", {N(p.screened - p.excluded_screening)}};
  s.not_retrieved = {"Reports not retrieved", {"(not recorded by team screening)"}};
  s.assessed = {"Reports assessed for eligibility", {N(p.assessed_full_text)}};
  s.reports_excluded.heading = "Reports excluded:";
  for (const auto& [reason, n] : p.full_text_reasons) s.reports_excluded.lines.push_back(reason + " " + N(n));
  if (p.full_text_reasons.empty()) s.reports_excluded.lines.push_back(N(p.excluded_full_text));
  s.included = {"Studies included in review " + N(p.included), {p.final ? "final" : "not final: screening goes on"}};
  return plot::PrismaDiagram(s);
}

}  // namespace carta::server
