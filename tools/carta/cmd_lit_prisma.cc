// carta lit prisma: the PRISMA 2020 counts from the pipeline, checked, and
// the flow diagram.
#include <iostream>

#include "carta/api/lit.h"
#include "carta/core/text.h"
#include "carta/lit/prisma.h"
#include "carta/plot/prisma.h"
#include "lit_common.h"

namespace carta::cli::lit {

namespace {

// "(n = 3,426)" with no-break spaces, or "(not reported)".
std::string N(const screen::Count& n) {
  return n ? "(n\u00a0=\u00a0" + text::WithThousands(*n) + ")" : "(not reported)";
}

plot::PrismaSpec Diagram(const screen::PrismaCounts& c) {
  plot::PrismaSpec s;
  s.banner = "Identification of studies via databases and registers";
  s.identified.heading = "Records identified from:";
  for (const auto& db : c.databases) {
    if (db.records.value_or(0) > 0) s.identified.lines.push_back(db.label + " " + N(db.records));
  }
  s.identified.lines.push_back("Databases, total " + N(c.records_from_databases));
  s.removed = {"Records removed before screening:",
               {"Duplicate records removed " + N(c.duplicates_removed),
                "Records marked as ineligible by automation tools " + N(c.removed_by_automation),
                "Records removed for other reasons " + N(c.removed_other_reasons)}};
  s.screened = {"Records screened", {N(c.records_screened)}};
  s.excluded = {"Records excluded", {N(c.records_excluded)}};
  s.sought = {"Reports sought for retrieval", {N(c.reports_sought)}};
  s.not_retrieved = {"Reports not retrieved", {N(c.reports_not_retrieved)}};
  s.assessed = {"Reports assessed for eligibility", {N(c.reports_assessed)}};
  s.reports_excluded.heading = "Reports excluded:";
  for (const auto& r : c.reports_excluded_by_reason) s.reports_excluded.lines.push_back(r.reason + " " + N(r.reports));
  if (c.reports_excluded_by_reason.empty()) s.reports_excluded.lines.push_back(N(c.reports_excluded));
  s.included = {"Studies included in review " + N(c.studies_included),
                {"Reports of included studies " + N(c.reports_of_included_studies)}};
  return s;
}

void PrintTable(const screen::PrismaCounts& c, Format f) {
  Listing l({{"box", "box"}, {"count", "n"}});
  const api::Json j = api::ToJson(c);
  for (const auto& d : j["databases"]) l.Add({"identified: " + d["label"].get<std::string>(), d["records"]});
  for (const char* k : {"records_from_databases", "records_from_registers", "duplicates_removed",
                        "removed_by_automation", "removed_other_reasons", "records_screened", "records_excluded",
                        "reports_sought", "reports_not_retrieved", "reports_assessed", "reports_excluded"}) {
    l.Add({k, j[k]});
  }
  for (const auto& r : c.reports_excluded_by_reason) l.Add({"reports_excluded: " + r.reason, r.reports});
  l.Add({"studies_included", j["studies_included"]});
  l.Add({"reports_of_included_studies", j["reports_of_included_studies"]});
  Print(l, f, std::cout);
}

}  // namespace

int RunPrisma(int argc, char** argv) {
  CLI::App app(
      "The PRISMA 2020 flow counts computed from the pipeline: records identified per source, duplicates removed "
      "(dedup --apply), records excluded by the criteria (automation tools), screened and excluded at "
      "title/abstract, reports assessed at full text and excluded with their reasons, studies included. The "
      "arithmetic between the boxes is checked (exit 1 naming the invariant that fails). Every screened record "
      "needs an agreed or resolved decision first.",
      "lit prisma");
  std::string db_path, format, svg;
  app.add_option("--svg", svg, "also draw the PRISMA 2020 flow diagram to this SVG file");
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto lit = OpenLiterature(db_path);
  if (!lit.ok()) return Fail(lit.status());
  auto r = carta::lit::Prisma(*lit);
  if (!r.ok() && r.status().location().field == "decisions") {
    const bool none = r.status().code() == StatusCode::kNotFound;
    return Fail(Status::InvalidArgument(r.status().message() + (none ? " (carta lit screen --decide)"
                                                                     : " (see carta lit screen --status)")));
  }
  if (!r.ok()) return Fail(ScreenHint(r.status()));
  if (r->dedup_stale) std::cerr << "carta: warning: records changed since 'carta lit dedup --apply'; run it again\n";
  const screen::PrismaCounts& counts = r->counts;
  const Format f = ParseFormat(format);
  if (f == Format::kJson) std::cout << api::Dump(api::ToJson(counts)) << "\n"; else PrintTable(counts, f);
  if (svg.empty()) return 0;
  if (Status s = WriteOutputFile(svg, plot::PrismaDiagram(Diagram(counts))); !s.ok()) return Fail(s);
  return 0;
}

}  // namespace carta::cli::lit
