// carta lit prisma: the PRISMA 2020 counts from the pipeline, checked, and
// the flow diagram.
#include <fstream>
#include <iostream>

#include "carta/core/text.h"
#include "carta/plot/prisma.h"
#include "carta/screen/prisma.h"
#include "lit_screen.h"

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

api::Json CountJson(const screen::Count& n) { return n ? api::Json(*n) : api::Json(); }

api::Json PrismaJson(const screen::PrismaCounts& c) {
  api::Json dbs = api::Json::array(), reasons = api::Json::array();
  for (const auto& d : c.databases) dbs.push_back({{"label", d.label}, {"records", CountJson(d.records)}});
  for (const auto& r : c.reports_excluded_by_reason) reasons.push_back({{"reason", r.reason}, {"reports", r.reports}});
  return {{"databases", dbs},
          {"records_from_databases", CountJson(c.records_from_databases)},
          {"records_from_registers", CountJson(c.records_from_registers)},
          {"duplicates_removed", CountJson(c.duplicates_removed)},
          {"removed_by_automation", CountJson(c.removed_by_automation)},
          {"removed_other_reasons", CountJson(c.removed_other_reasons)},
          {"records_screened", CountJson(c.records_screened)},
          {"records_excluded", CountJson(c.records_excluded)},
          {"reports_sought", CountJson(c.reports_sought)},
          {"reports_not_retrieved", CountJson(c.reports_not_retrieved)},
          {"reports_assessed", CountJson(c.reports_assessed)},
          {"reports_excluded", CountJson(c.reports_excluded)},
          {"reports_excluded_by_reason", reasons},
          {"studies_included", CountJson(c.studies_included)},
          {"reports_of_included_studies", CountJson(c.reports_of_included_studies)}};
}

void PrintTable(const screen::PrismaCounts& c, Format f) {
  Listing l({{"box", "box"}, {"count", "n"}});
  for (const auto& d : c.databases) l.Add({"identified: " + d.label, CountJson(d.records)});
  const api::Json j = PrismaJson(c);
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

// Records of `statuses` without an agreed or resolved decision, by record id
// (ComputePrisma would name them by index).
Status CheckSettled(const std::vector<screen::FinalStatus>& statuses, const Corpus& c, const char* stage) {
  std::vector<std::string> open;
  for (const auto& f : statuses) {
    if (f.state == screen::FinalState::kPending || f.state == screen::FinalState::kConflict) {
      open.push_back(std::to_string(c.ids[f.record]) + (f.state == screen::FinalState::kConflict ? " (conflict)" : ""));
    }
  }
  if (open.empty()) return Status::Ok();
  const size_t n = open.size();
  if (n > 8) open.resize(8), open.push_back("...");
  return Status::InvalidArgument(std::to_string(n) + " records have no agreed or resolved " + stage +
                                 " decision yet: " + text::Join(open, ", ") + " (see carta lit screen --status)");
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
  auto st = LoadScreenState(*lit);
  if (!st.ok()) return Fail(st.status());
  if (st->dedup_stale) std::cerr << "carta: warning: records changed since 'carta lit dedup --apply'; run it again\n";
  if (st->reviewers.empty()) return Fail(Status::InvalidArgument("no screening decisions yet (carta lit screen --decide)"));
  screen::PrismaInput in;
  in.records = &st->corpus.records;
  in.dedup = &st->dedup;
  in.automatic = st->automatic;
  in.title_abstract = st->log.Final(screen::Stage::kTitleAbstract, st->to_screen, st->reviewers, st->resolver);
  in.full_text = st->log.Final(screen::Stage::kFullText, FullTextRecords(*st), st->reviewers, st->resolver);
  if (Status s = CheckSettled(in.title_abstract, st->corpus, "title/abstract"); !s.ok()) return Fail(s);
  if (Status s = CheckSettled(in.full_text, st->corpus, "full-text"); !s.ok()) return Fail(s);
  auto counts = screen::ComputePrisma(in);
  if (!counts.ok()) return Fail(counts.status().WithContext("the PRISMA counts cannot be computed yet"));
  if (Status s = screen::CheckPrisma(*counts); !s.ok()) return Fail(s);
  const Format f = ParseFormat(format);
  if (f == Format::kJson) std::cout << DumpJson(PrismaJson(*counts)) << "\n"; else PrintTable(*counts, f);
  if (svg.empty()) return 0;
  std::ofstream out(svg, std::ios::binary);
  if (!(out << plot::PrismaDiagram(Diagram(*counts)))) return Fail(Status::IOError("cannot write '" + svg + "'"));
  std::cerr << "carta: wrote " << svg << "\n";
  return 0;
}

}  // namespace carta::cli::lit
