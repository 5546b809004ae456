// Table 1 and Fig. 3 (CAR generations, from the construct model) and Table 2 (the approved products).
#include <map>

#include "carta/core/text.h"
#include "carta/evidence/generation.h"
#include "carta/plot/car_schematic.h"
#include "sections.h"
#include "strings.h"

namespace carta::report::internal {
namespace {

using evidence::Construct;

// "CD8a" -> "CD8α", "CD3z" -> "CD3ζ": domain names as figures print them.
std::string DomainName(const std::string& d) {
  if (d == "CD8a") return "CD8α";
  if (d == "CD3z") return "CD3ζ";
  return d == "unknown" ? "" : d;
}

// The name a construct goes by: the brand of the product built on it, else its id.
std::string ConstructName(const evidence::EvidenceBase& eb, const Construct& k) {
  for (const auto& p : eb.products) {
    if (p.construct_id == k.id) return p.brand;
  }
  return k.id;
}

// A receptor of each generation 1..5. Generation 2 is the evidence's own
// Kymriah construct when the data have it; the others are the review's
// textbook examples (§2.1.2, Fig. 3 legend). Each is checked by DeriveGeneration.
std::vector<Construct> ExampleConstructs(const evidence::EvidenceBase& eb) {
  Construct base;
  base.targets = {"CD19"};
  base.binder = "scFv";
  base.hinge = base.transmembrane = "CD8a";
  base.signal = "CD3z";
  base.costim_stated = true;
  base.cell_source = "autologous";
  Construct g1 = base, g2 = base, g3 = base, g4 = base, g5 = base;
  g2.costim = {"4-1BB"};
  if (const auto* p = eb.ResolveProduct("Kymriah")) {
    if (const Construct* k = eb.FindConstruct(p->construct_id)) g2 = *k;
  }
  g3.hinge = g3.transmembrane = "CD28";
  g3.costim = {"CD28", "4-1BB"};
  g4.hinge = g4.transmembrane = "CD28";
  g4.costim = {"CD28"};
  g4.payload = {"IL-12"};
  g5.costim = {"4-1BB"};
  g5.gene_edits = {"TRAC-KO", "B2M-KO"};
  g5.cell_source = "allogeneic";
  return {g1, g2, g3, g4, g5};
}

plot::CarSketch SketchOf(const Construct& k, Language lang) {
  plot::CarSketch s;
  s.heading = TrF(lang, "fig3.generation", {std::to_string(evidence::DeriveGeneration(k).generation)});
  s.binder = k.binder;
  s.hinge = DomainName(k.hinge);
  s.transmembrane = DomainName(k.transmembrane);
  for (const auto& c : k.costim) s.costim.push_back(c);
  s.signal = DomainName(k.signal);
  s.payloads = k.payload;
  s.switches = k.safety_switch;
  for (const auto& e : k.gene_edits) {
    const std::string gene = e.substr(0, e.find('-'));
    s.edits.push_back(TrF(lang, "fig3.knockout", {gene}));
  }
  if (k.cell_source == "allogeneic") s.caption = Tr(lang, "fig3.universal");
  return s;
}

Table GenerationTable(const Context& ctx) {
  const Language lang = ctx.lang;
  std::map<int, std::vector<std::string>> examples;
  for (const auto& k : ctx.eb.constructs) {
    examples[evidence::DeriveGeneration(k).generation].push_back(ConstructName(ctx.eb, k));
  }
  Table t{"table1", "table1_generations.csv", Tr(lang, "table1.caption"),
          {Tr(lang, "table1.generation"), Tr(lang, "table1.modification"), Tr(lang, "table1.features"),
           Tr(lang, "table1.rule"), Tr(lang, "table1.examples")},
          {}, "", "carta generations"};
  for (const auto& row : evidence::GenerationTable()) {
    const std::string g = std::to_string(row.generation);
    t.rows.push_back({TrF(lang, "fig3.generation", {g}),
                      lang == Language::kChinese ? row.modification_zh : row.modification,
                      lang == Language::kChinese ? Tr(lang, "gen" + g + ".features") : row.features,
                      lang == Language::kChinese ? Tr(lang, "gen" + g + ".rule") : row.rule,
                      text::Join(examples[row.generation], ", ")});
  }
  if (!examples[0].empty()) t.note = TrF(lang, "table1.unknown", {text::Join(examples[0], ", ")});
  return t;
}

std::string ApprovalText(const evidence::Approval& a) {
  return a.agency + " " + a.date.ToString() + " " + text::Join(a.indications, "/");
}

}  // namespace

Section ConstructSection(const Context& ctx) {
  const Language lang = ctx.lang;
  Section s{"constructs", Tr(lang, "sec.constructs"), {}};
  if (ctx.Want("table1")) s.Add(GenerationTable(ctx));
  if (ctx.Want("fig3")) {
    plot::CarSchematicSpec spec;
    spec.title = Tr(lang, "fig3.caption");
    spec.outside_label = Tr(lang, "fig3.outside");
    spec.membrane_label = Tr(lang, "fig3.membrane");
    spec.inside_label = Tr(lang, "fig3.inside");
    for (const Construct& k : ExampleConstructs(ctx.eb)) spec.constructs.push_back(SketchOf(k, lang));
    s.Add(Figure{"fig3", "fig3_generations.svg", spec.title, plot::CarSchematic(spec), Tr(lang, "fig3.note"),
                 "carta report --only fig3 --out DIR"});
  }
  return s;
}

Section ProductSection(const Context& ctx) {
  const Language lang = ctx.lang;
  Section s{"products", Tr(lang, "sec.products"), {}};
  if (!ctx.Want("table2")) return s;
  Table t{"table2", "table2_products.csv", Tr(lang, "table2.caption"),
          {Tr(lang, "table2.product"), Tr(lang, "table2.inn"), Tr(lang, "table2.target"), Tr(lang, "table2.developer"),
           Tr(lang, "table2.vector"), Tr(lang, "table2.costim"), Tr(lang, "table2.approvals")},
          {}, Tr(lang, "table2.note"), "carta products"};
  for (const auto& p : ctx.eb.products) {
    const Construct* k = ctx.eb.FindConstruct(p.construct_id);
    std::vector<std::string> approvals;
    for (const auto* a : ctx.eb.ApprovalsOf(p.id)) approvals.push_back(ApprovalText(*a));
    std::string brand = p.brand;
    if (lang == Language::kEnglish && !p.names_zh.empty() && brand == p.names_zh.front() && !p.short_names.empty()) {
      brand += " (" + p.short_names.front() + ")";
    }
    t.rows.push_back({brand, p.inn, text::Join(p.targets, "/"), p.developer,
                      k && !k->vector.empty() ? Tr(lang, "vector." + k->vector) : "", k ? text::Join(k->costim, ", ") : "",
                      text::Join(approvals, "; ")});
  }
  s.Add(std::move(t));
  return s;
}

}  // namespace carta::report::internal
