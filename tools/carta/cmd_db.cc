// carta db build | info
#include <iostream>

#include "carta/api/evidence.h"
#include "carta/store/store.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

int RunDb(int argc, char** argv) {
  CLI::App app("Build the evidence database from data/*.carta, or show what it holds.", "db");
  app.require_subcommand(1);
  app.fallthrough();  // --db may follow the subcommand
  std::string db_path, data_dir = "data", format;
  AddDbOption(app, &db_path);
  auto* build = app.add_subcommand("build",
                                   "validate every data/*.carta file and load it into the database in one transaction; "
                                   "on the first bad value nothing is written and the previous database stays as it was");
  build->add_option("--data", data_dir, "folder of *.carta evidence files (default: data)");
  auto* info = app.add_subcommand("info", "schema version, build time, source folder and table sizes");
  AddFormatOption(*info, &format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;

  if (build->parsed()) {
    auto b = store::BuildDatabase(db_path, data_dir, CARTA_VERSION);
    if (!b.ok()) return Fail(b.status());
    std::cerr << "carta: " << db_path << ": " << b->products << " products, " << b->constructs << " constructs, "
              << b->approvals << " approvals, " << b->cohorts << " cohorts, " << b->statements << " statements, "
              << b->claims << " claims from " << data_dir << "/\n";
    return 0;
  }
  auto di = store::Info(db_path);
  if (!di.ok()) return Fail(di.status());
  if (ParseFormat(format) == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*di)) << "\n";
  } else {
    Print(api::DbInfoListing(*di), ParseFormat(format), std::cout);
  }
  return 0;
}

}  // namespace carta::cli
