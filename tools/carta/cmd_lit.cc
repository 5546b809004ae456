// carta lit import | search | history | dedup | screen | prisma: the
// literature pipeline of a review, on the literature tables of the project
// database. Each subcommand lives in its own cmd_lit_<name>.cc.
#include <cstring>
#include <iostream>

#include "carta/core/text.h"
#include "commands.h"
#include "lit_common.h"

namespace carta::cli {

namespace {

struct LitCommand {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);
};

const LitCommand kLitCommands[] = {
    {"import", "read PubMed, MEDLINE, RIS and CNKI/Wanfang exports into the project (one transaction per file)",
     lit::RunImport},
    {"search", "search the records in PubMed or CNKI syntax; each search is numbered (#1, #2, ...) in the history",
     lit::RunSearch},
    {"history", "the numbered searches so far (--clear empties the history)", lit::RunHistory},
    {"dedup", "find the same article exported twice, review the clusters, override, --apply", lit::RunDedup},
    {"screen", "criteria, decisions by reviewers, conflicts, the ranker's next records, simulation, status",
     lit::RunScreen},
    {"prisma", "the PRISMA 2020 counts from the pipeline, checked, and the flow diagram (--svg)", lit::RunPrisma},
    {"export", "write records (all, a search's hits, or chosen ids) as RIS, CSV or JSON", lit::RunExport},
    {"mesh", "'mesh import FILE': NLM's MeSH descriptors, so that [mh] explodes to narrower terms", lit::RunMesh},
};

void LitUsage(std::ostream& out) {
  out << "carta lit - the literature pipeline: import -> search -> dedup -> screen -> prisma\n\n"
         "usage: carta lit SUBCOMMAND [OPTIONS]\n\nsubcommands:\n";
  for (const auto& c : kLitCommands) out << "  " << PadRight(c.name, 10) << c.summary << "\n";
  out << "\nRun 'carta lit SUBCOMMAND --help' for its options. The records live in the project database\n"
         "(--db, $CARTA_DB, else carta.db) beside the evidence; the search index is a cache in <db>.index.\n";
}

}  // namespace

int RunLit(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    LitUsage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? kExitUsage : 0;
  }
  for (const auto& c : kLitCommands) {
    if (std::strcmp(argv[1], c.name) == 0) return c.run(argc - 1, argv + 1);
  }
  std::vector<std::string> names;
  for (const auto& c : kLitCommands) names.push_back(c.name);
  const std::string hint = text::ClosestMatch(argv[1], names);
  std::cerr << "carta lit: unknown subcommand '" << argv[1] << "'";
  if (!hint.empty()) std::cerr << "; did you mean '" << hint << "'?";
  std::cerr << "\nRun 'carta lit --help' for the list.\n";
  return kExitUsage;
}

}  // namespace carta::cli
