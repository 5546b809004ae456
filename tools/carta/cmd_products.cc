// carta products [--target T] [--agency A]: the review's Table 2.
#include <iostream>

#include "carta/api/evidence.h"
#include "carta/evidence/listings.h"
#include "commands.h"
#include "common.h"
#include "common.h"

namespace carta::cli {

int RunProducts(int argc, char** argv) {
  CLI::App app("The approved CAR-T products and their approvals (the review's Table 2).", "products");
  std::string db_path, format;
  evidence::ProductsRequest request;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_option("--target", request.target, "only products against this antigen (CD19, BCMA)");
  app.add_option("--agency", request.agency, "only products approved by this agency (FDA, NMPA)");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto eb = store::LoadEvidenceSnapshot(db_path);
  if (!eb.ok()) return Fail(eb.status());
  auto r = evidence::ListProducts(**eb, request);
  if (!r.ok()) return FailOption(r.status());
  if (ParseFormat(format) == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*r)) << "\n";
  } else {
    Print(api::ProductsListing(*r), ParseFormat(format), std::cout);
  }
  return 0;
}

}  // namespace carta::cli
