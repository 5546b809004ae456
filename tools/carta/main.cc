// carta: the command-line front end. A table of subcommands, each a thin
// wrapper over the library (include/carta/).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "carta/core/text.h"
#include "commands.h"
#include "output.h"

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);
};

const Command kCommands[] = {
    {"db", "build the evidence database from data/, or show what it holds (db build | db info)", carta::cli::RunDb},
    {"products", "the approved CAR-T products with their approvals (the review's Table 2)", carta::cli::RunProducts},
    {"studies", "the treated cohorts with n, follow-up, response and survival (Tables 3 and 4, and the text)",
     carta::cli::RunStudies},
    {"show", "one product, construct or cohort with every value and where it was printed", carta::cli::RunShow},
    {"check", "audit the evidence: inconsistencies within and between the tables and the text", carta::cli::RunCheck},
    {"generations", "CAR generations (Table 1), derived from each construct's structure", carta::cli::RunGenerations},
    {"meta", "meta-analysis with metafor's numbers: pool, subgroups, regression, GLMM, influence, GOSH, bias",
     carta::cli::RunMeta},
    {"tox", "CRS and ICANS grades (ASTCT), ICE, CAPD, CAR-HEMATOTOX, EASIX, daily series, guidance", carta::cli::RunTox},
    {"surv", "long-term survival: Kaplan-Meier, curve reconstruction, cure models, pooling", carta::cli::RunSurv},
    {"report", "the review regenerated: tables, figures, pooled analyses and audit as HTML, SVG and CSV",
     carta::cli::RunReport},
    {"lit", "the literature pipeline: import exports, search with history, de-duplicate, screen, PRISMA 2020",
     carta::cli::RunLit},
    {"registry", "trial registrations (ClinicalTrials.gov, ChiCTR) and the cohorts citing each", carta::cli::RunRegistry},
    {"extract", "data extraction by two extractors, reconciled into evidence over the curated base", carta::cli::RunExtract},
    {"update", "re-run the synthesis and say what changed since the last update", carta::cli::RunUpdate},
    {"serve", "the project in a browser: a JSON API and a page, for one person or a team (doc/api.md)",
     carta::cli::RunServe},
    {"sim", "the CAR-T simulator: virtual patients, virtual trials, strategy comparisons", carta::cli::RunSim},
};

void Usage(std::ostream& out) {
  out << "carta - the long-term outcome evidence on CAR-T cell therapy in B-cell malignancies\n\n"
         "usage: carta COMMAND [OPTIONS]\n\ncommands:\n";
  for (const auto& c : kCommands) out << "  " << carta::cli::PadRight(c.name, 13) << c.summary << "\n";
  out << "\nRun 'carta COMMAND --help' for a command's options.\n"
         "The database is carta.db in the current folder unless --db or $CARTA_DB says otherwise.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    Usage(std::cout);
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::cout << "carta " << CARTA_VERSION << "\n";
    return 0;
  }
  for (const auto& c : kCommands) {
    if (std::strcmp(argv[1], c.name) != 0) continue;
    try {
      const int code = c.run(argc - 1, argv + 1);
      // Output that did not reach its file (a full disk, a closed pipe) is a
      // failure, not a success that printed nothing.
      std::cout.flush();
      if (!std::cout || std::ferror(stdout) != 0 || std::fflush(stdout) != 0) {
        std::cerr << "carta: " << c.name << ": could not write the output (" << std::strerror(errno)
                  << "); nothing printed can be relied on\n";
        return code == 0 ? 1 : code;
      }
      return code;
    } catch (const std::exception& e) {
      // A bug: every expected failure is a Status. Say so plainly rather than abort.
      std::cerr << "carta: internal error in '" << c.name << "': " << e.what() << "\n";
      return 1;
    }
  }
  std::vector<std::string> names;
  for (const auto& c : kCommands) names.push_back(c.name);
  std::string hint = carta::text::ClosestMatch(argv[1], names);
  std::cerr << "carta: unknown command '" << argv[1] << "'";
  if (!hint.empty()) std::cerr << "; did you mean '" << hint << "'?";
  std::cerr << "\nRun 'carta --help' for the list of commands.\n";
  return 2;
}
