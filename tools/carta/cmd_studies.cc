// carta studies [--target T] [--product P] [--indication I] [--location L]: Tables 3 and 4
// and the cohorts of the text, one row per cohort.
#include <iostream>

#include "carta/api/evidence.h"
#include "carta/evidence/listings.h"
#include "commands.h"
#include "common.h"
#include "common.h"

namespace carta::cli {

int RunStudies(int argc, char** argv) {
  CLI::App app("The treated cohorts: n, follow-up, response and survival, one row per cohort "
               "(the review's Tables 3 and 4 and the cohorts of its text). A value printed in more than one "
               "place shows the first; 'carta show ID' shows them all.",
               "studies");
  std::string db_path, format;
  evidence::CohortsRequest request;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_option("--target", request.target, "only cohorts treated against this antigen (CD19, BCMA, CD22, ...)");
  app.add_option("--product", request.product, "only cohorts of this product (brand, INN, code or Chinese name)");
  app.add_option("--indication", request.indication,
                 "only this indication or its sub-types (B-ALL, LBCL, FL, MCL, MM, ...)");
  app.add_option("--location", request.location, "only cohorts with values printed there: 'Table 3', 'Table 4', '§2.2.1'");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto eb = store::LoadEvidenceSnapshot(db_path);
  if (!eb.ok()) return Fail(eb.status());
  auto r = evidence::ListCohorts(**eb, request);
  if (!r.ok()) return FailOption(r.status());
  const Format f = ParseFormat(format);
  if (f == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*r)) << "\n";
    return 0;
  }
  Print(api::CohortsListing(*r, f == Format::kCsv ? api::TextStyle::kCsv : api::TextStyle::kTable), f, std::cout);
  if (f == Format::kTable) std::cout << r->cohorts.size() << " cohorts\n";
  return 0;
}

}  // namespace carta::cli
