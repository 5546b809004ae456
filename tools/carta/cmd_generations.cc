// carta generations: the review's Table 1, with the rule and example constructs.
#include <iostream>

#include "carta/api/evidence.h"
#include "carta/core/text.h"
#include "carta/evidence/listings.h"
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
  auto eb = store::LoadEvidenceSnapshot(db_path);
  if (!eb.ok()) std::cerr << "carta: no examples: " << eb.status().message() << "\n";
  const auto r = evidence::ListGenerations(eb.ok() ? eb->get() : nullptr);
  const Format f = ParseFormat(format);
  if (f == Format::kJson) {
    std::cout << api::Dump(api::ToJson(r)) << "\n";
    return 0;
  }
  Print(api::GenerationsListing(r), f, std::cout);
  if (f == Format::kTable) {
    std::cout << "First match wins, from 5 down to 1; see doc/formulas.md.\n";
    if (!r.unknown.empty()) std::cout << "Not enough structure recorded to tell: " << text::Join(r.unknown, ", ") << "\n";
  }
  return 0;
}

}  // namespace carta::cli
