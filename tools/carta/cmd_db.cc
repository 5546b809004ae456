// carta db build | info
#include <algorithm>
#include <iostream>

#include "carta/evidence/build.h"
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
    auto eb = evidence::LoadEvidenceDir(data_dir);
    if (!eb.ok()) return Fail(eb.status().WithContext("nothing was written to " + db_path));
    Status s = store::SaveEvidence(db_path, *eb, data_dir, CARTA_VERSION);
    if (!s.ok()) return Fail(s.WithContext("the database " + db_path + " was left as it was"));
    std::cerr << "carta: " << db_path << ": " << eb->products.size() << " products, " << eb->constructs.size()
              << " constructs, " << eb->approvals.size() << " approvals, " << eb->cohorts.size() << " cohorts, "
              << std::count_if(eb->records.begin(), eb->records.end(),
                               [](const evidence::RawRecord& r) { return r.kind == "statement"; })
              << " statements, " << eb->claims.size() << " claims from " << data_dir << "/\n";
    return 0;
  }
  auto di = store::Info(db_path);
  if (!di.ok()) return Fail(di.status());
  if (ParseFormat(format) == Format::kJson) {
    api::Json j = {{"path", di->path},         {"schema_version", di->schema_version},
                        {"built_at", di->built_at}, {"data_dir", di->data_dir},
                        {"carta_version", di->carta_version}};
    for (const auto& [table, n] : di->counts) j["counts"][table] = n;
    std::cout << DumpJson(j) << "\n";
    return 0;
  }
  Listing l({{"key", "key"}, {"value", "value"}});
  l.Add({"path", di->path});
  l.Add({"schema_version", di->schema_version});
  l.Add({"built_at", di->built_at});
  l.Add({"data_dir", di->data_dir});
  l.Add({"carta_version", di->carta_version});
  for (const auto& [table, n] : di->counts) l.Add({"rows in " + table, n});
  Print(l, ParseFormat(format), std::cout);
  return 0;
}

}  // namespace carta::cli
