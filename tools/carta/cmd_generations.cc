// carta generations: the review's Table 1, with the rule and example constructs.
#include <iostream>
#include <map>

#include "carta/core/text.h"
#include "carta/evidence/generation.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

int RunGenerations(int argc, char** argv) {
  CLI::App app("CAR generations (the review's Table 1). carta never types a generation in: it derives it from "
               "each construct's structure by the rule shown, and lists the constructs of the evidence base that "
               "fall in each generation.",
               "generations");
  std::string db_path, format;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto eb = OpenEvidence(db_path);
  std::map<int, std::vector<std::string>> examples;
  if (eb.ok()) {
    for (const auto& k : eb->constructs) {
      std::string name = k.id;
      for (const auto& p : eb->products) {
        if (p.construct_id == k.id) name = p.brand;
      }
      examples[evidence::DeriveGeneration(k).generation].push_back(name);
    }
  } else {
    std::cerr << "carta: no examples: " << eb.status().message() << "\n";
  }
  Listing l({{"generation", "Gen"},
             {"modification", "Modification (Table 1)", 26},
             {"features", "Features (Table 1)", 40},
             {"rule", "carta's rule", 34},
             {"examples", "Constructs in the evidence", 30}});
  for (const auto& row : evidence::GenerationTable()) {
    l.Add({row.generation, row.modification, row.features, row.rule, examples[row.generation]});
  }
  Print(l, ParseFormat(format), std::cout);
  if (format == "table") {
    std::cout << "First match wins, from 5 down to 1; see doc/formulas.md.\n";
    if (!examples[0].empty()) {
      std::cout << "Not enough structure recorded to tell: " << text::Join(examples[0], ", ") << "\n";
    }
  }
  return 0;
}

}  // namespace carta::cli
