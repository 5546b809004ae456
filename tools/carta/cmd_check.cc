// carta check [--format table|json] [--strict]: the audit.
#include <iostream>
#include <map>

#include "carta/core/text.h"
#include "carta/evidence/audit.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

int RunCheck(int argc, char** argv) {
  CLI::App app("Audit the evidence: run every consistency rule (see --rules) and list the findings with their "
               "severity, rule, values and where each value was printed. Exits 0 when the audit ran, whatever it "
               "found; with --strict, exits 1 when there is any error.",
               "check");
  std::string db_path, format, min_severity = "info";
  bool strict = false, rules = false;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_flag("--strict", strict, "exit 1 when any finding is an error");
  app.add_flag("--rules", rules, "list the rules and exit");
  app.add_option("--severity", min_severity, "show findings of this severity and above: error, warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;

  if (rules) {
    Listing l({{"rule", "Rule"}, {"severity", "Severity"}, {"summary", "What it finds"}});
    for (const auto& r : evidence::AuditRules()) l.Add({r.id, evidence::SeverityName(r.severity), r.summary});
    Print(l, ParseFormat(format), std::cout);
    return 0;
  }
  auto eb = OpenEvidence(db_path);
  if (!eb.ok()) return Fail(eb.status());
  const auto findings = evidence::Audit(*eb);
  const int max_level = min_severity == "error" ? 0 : min_severity == "warning" ? 1 : 2;
  std::map<std::string, int> counts;
  for (const auto& f : findings) counts[evidence::SeverityName(f.severity)]++;

  if (format == "json") {
    api::Json arr = api::Json::array();
    for (const auto& f : findings) {
      if (static_cast<int>(f.severity) > max_level) continue;
      api::Json values = api::Json::array();
      for (const auto& v : f.values) {
        values.push_back({{"label", v.label}, {"value", v.value}, {"provenance", v.prov.ToString()},
                          {"refs", v.prov.refs}, {"location", v.prov.location}, {"file", v.pos.file},
                          {"line", v.pos.line}});
      }
      arr.push_back({{"severity", evidence::SeverityName(f.severity)}, {"rule", f.rule}, {"subject", f.subject},
                     {"message", f.message}, {"values", values}});
    }
    api::Json out = {{"findings", arr},
                          {"counts", {{"error", counts["error"]}, {"warning", counts["warning"]}, {"info", counts["info"]}}}};
    std::cout << DumpJson(out) << "\n";
  } else {
    Listing l({{"severity", "Severity"}, {"rule", "Rule"}, {"subject", "Subject", 28}, {"message", "Finding", 60},
               {"values", "Values (where printed)", 44}});
    for (const auto& f : findings) {
      if (static_cast<int>(f.severity) > max_level) continue;
      std::vector<std::string> vals;
      for (const auto& v : f.values) vals.push_back(v.label + " " + v.value + " (" + v.prov.Short() + ")");
      l.Add({evidence::SeverityName(f.severity), f.rule, f.subject, f.message, text::Join(vals, "; ")});
    }
    Print(l, ParseFormat(format), std::cout);
    if (format == "table") {
      std::cout << counts["error"] << " errors, " << counts["warning"] << " warnings, " << counts["info"]
                << " notes\n";
    }
  }
  return strict && counts["error"] > 0 ? kExitFailure : 0;
}

}  // namespace carta::cli
