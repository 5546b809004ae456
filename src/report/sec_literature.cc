// Fig. 1 (the PubMed strategy) and Fig. 2 (the PRISMA 2020 flow of the review's selection).
#include <optional>

#include "carta/core/text.h"
#include "carta/plot/prisma.h"
#include "sections.h"
#include "strings.h"

namespace carta::report::internal {
namespace {

using evidence::RawRecord;

// The strategy's numbered lines: {"#1", "CAR-T [Title/Abstract]"}; comment lines ("# ...") skipped.
std::vector<std::vector<std::string>> StrategyRows(const std::string& text_in) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& line : text::Split(text_in, '\n')) {
    if (line.size() < 2 || line[0] != '#' || !std::isdigit(static_cast<unsigned char>(line[1]))) continue;
    const size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    rows.push_back({line.substr(0, space), std::string(text::Trim(line.substr(space + 1)))});
  }
  return rows;
}

std::optional<long> CountOf(const RawRecord& r, std::string_view key) {
  const auto* o = r.First(key);
  if (o == nullptr) return std::nullopt;
  auto n = text::ParseCount(o->raw);
  return n ? std::optional<long>(*n) : std::nullopt;
}

// "(n = 3,426)" with no-break spaces (a line never breaks inside it), or "(not reported)".
std::string CountText(Language lang, std::optional<long> n) {
  return n ? "(n\u00a0=\u00a0" + text::WithThousands(*n) + ")" : "(" + Tr(lang, "not_reported") + ")";
}

plot::PrismaSpec ReviewFlow(const RawRecord& r, Language lang) {
  plot::PrismaSpec s;
  s.box_width_px = 280;
  s.banner = Tr(lang, "prisma.banner");
  s.phase_identification = Tr(lang, "prisma.identification");
  s.phase_screening = Tr(lang, "prisma.screening");
  s.phase_included = Tr(lang, "prisma.included");
  const auto english = CountOf(r, "identified_english"), chinese = CountOf(r, "identified_chinese");
  s.identified = {Tr(lang, "prisma.identified_from"),
                  {Tr(lang, "prisma.english_pubmed") + " " + CountText(lang, english),
                   Tr(lang, "prisma.chinese_cnki") + " " + CountText(lang, chinese),
                   Tr(lang, "prisma.total") + " " + CountText(lang, CountOf(r, "identified"))}};
  s.removed = {Tr(lang, "prisma.removed"), {Tr(lang, "prisma.duplicates") + " (" + Tr(lang, "not_reported") + ")"}};
  s.screened = {Tr(lang, "prisma.screened"), {CountText(lang, CountOf(r, "identified"))}};
  s.excluded = {Tr(lang, "prisma.excluded"), {CountText(lang, CountOf(r, "excluded"))}};
  s.sought = {Tr(lang, "prisma.sought"), {CountText(lang, std::nullopt)}};
  s.not_retrieved = {Tr(lang, "prisma.not_retrieved"), {CountText(lang, std::nullopt)}};
  s.assessed = {Tr(lang, "prisma.assessed"), {CountText(lang, std::nullopt)}};
  s.reports_excluded = {Tr(lang, "prisma.reasons"), {}};
  for (const auto* o : r.All("exclusion_reason")) {
    for (const std::string& reason : text::Split(o->raw, ',')) {
      s.reports_excluded.lines.push_back(Tr(lang, "reason." + reason) + " (" + Tr(lang, "prisma.no_count") + ")");
    }
  }
  s.included = {Tr(lang, "prisma.included_studies"),
                {CountText(lang, CountOf(r, "included")),
                 TrF(lang, "prisma.by_language", {text::WithThousands(CountOf(r, "included_chinese").value_or(0)),
                                                  text::WithThousands(CountOf(r, "included_english").value_or(0))})}};
  return s;
}

}  // namespace

Section LiteratureSection(const Context& ctx) {
  const Language lang = ctx.lang;
  Section s{"literature", Tr(lang, "sec.literature"), {}};
  if (ctx.Want("fig1") && !ctx.options.strategy_text.empty()) {
    Table t{"fig1", "fig1_pubmed_strategy.csv", Tr(lang, "fig1.caption"), {"#", Tr(lang, "fig1.query")},
            StrategyRows(ctx.options.strategy_text), Tr(lang, "fig1.note"),
            "carta lit search --strategy " + ctx.options.strategy_file};
    s.Add(std::move(t));
  }
  const RawRecord* lit = nullptr;
  for (const auto& r : ctx.eb.records) {
    if (r.kind == "literature") {
      lit = &r;
      break;
    }
  }
  if (ctx.Want("fig2") && lit != nullptr) {
    plot::PrismaSpec spec = ReviewFlow(*lit, lang);
    spec.title = Tr(lang, "fig2.caption");
    s.Add(Figure{"fig2", "fig2_prisma.svg", Tr(lang, "fig2.caption"), plot::PrismaDiagram(spec), Tr(lang, "fig2.note"),
                 "carta report --only fig2 --out DIR"});
  } else if (ctx.Want("fig2")) {
    ctx.notes->push_back(Tr(lang, "fig2.missing"));
  }
  return s;
}

}  // namespace carta::report::internal
