// carta check [--format table|json] [--strict]: the audit.
#include <iostream>

#include "carta/api/evidence.h"
#include "carta/evidence/listings.h"
#include "carta/registry/audit.h"
#include "carta/store/registry.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

int RunCheck(int argc, char** argv) {
  CLI::App app("Audit the evidence: run every consistency rule (see --rules) and list the findings with their "
               "severity, rule, values and where each value was printed. Exits 0 when the audit ran, whatever it "
               "found; with --strict, exits 1 when there is any error.",
               "check");
  std::string db_path, format;
  evidence::AuditRequest request;
  bool strict = false, rules = false;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_flag("--strict", strict, "exit 1 when any finding is an error");
  app.add_flag("--rules", rules, "list the rules and exit");
  app.add_option("--severity", request.severity, "show findings of this severity and above: error, warning or info")
      ->check(CLI::IsMember(evidence::SeverityNames()));
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  const Format f = ParseFormat(format);

  if (rules) {
    std::vector<evidence::AuditRule> all = evidence::AuditRules();
    for (const auto& r : registry::RegistrationAuditRules()) all.push_back(r);
    if (f == Format::kJson) {
      std::cout << api::Dump(api::ToJson(all)) << "\n";
    } else {
      Print(api::RulesListing(all), f, std::cout);
    }
    return 0;
  }
  auto eb = store::LoadEvidenceSnapshot(db_path);
  if (!eb.ok()) return Fail(eb.status());
  auto r = store::AuditProject(db_path, **eb, request);
  if (!r.ok()) return FailOption(r.status());
  if (f == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*r)) << "\n";
  } else {
    Print(api::FindingsListing(*r), f, std::cout);
    if (f == Format::kTable) std::cout << r->errors << " errors, " << r->warnings << " warnings, " << r->infos << " notes\n";
  }
  return strict && r->errors > 0 ? kExitFailure : 0;
}

}  // namespace carta::cli
