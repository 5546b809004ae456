// carta update: re-run the synthesis (cohorts, pooled ORR and CR rates, audit)
// over the evidence as it is now (with any new consensus of carta extract),
// say what changed since the last `carta update`, and keep this one.
#include <iostream>

#include "carta/api/update.h"
#include "carta/report/update.h"
#include "carta/store/extraction.h"
#include "carta/store/literature.h"
#include "carta/store/store.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

int RunUpdate(int argc, char** argv) {
  CLI::App app("Re-run the synthesis over the evidence as it is now (the curated base with every consensus of "
               "'carta extract'): the pooled ORR and CR rates (all, CD19, BCMA, CD19 in LBCL) and the audit, and say "
               "what changed since the last 'carta update': cohorts added, changed or removed, each pooled estimate "
               "before and after (k, estimate, CI, tau^2), findings that appeared or disappeared. The first run keeps "
               "the baseline.",
               "update");
  std::string db_path, format;
  bool keep = true;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_flag("!--no-keep", keep, "compare only; do not keep this synthesis as the new baseline");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto eb = store::LoadEvidenceSnapshot(db_path);
  if (!eb.ok()) return Fail(eb.status());
  report::Synthesis now = report::Synthesize(**eb);
  auto kept = store::LoadState(db_path, "synthesis");
  const bool first = !kept.ok() && kept.status().code() == StatusCode::kNotFound;
  if (!kept.ok() && !first) return Fail(kept.status());
  report::Changes changes;
  if (!first) {
    auto before = api::SynthesisFromJson(*kept);
    if (!before.ok()) return Fail(before.status());
    changes = report::Compare(*before, now);
  }
  if (keep) {
    now.kept_at = store::NowUtcIso();
    if (Status s = store::SaveState(db_path, "synthesis", api::Dump(api::ToJson(now))); !s.ok()) return Fail(s);
  }
  if (ParseFormat(format) == Format::kJson) {
    api::Json j = api::ToJson(changes);
    j["baseline"] = first;
    std::cout << api::Dump(j) << "\n";
  } else if (first) {
    std::cout << "no earlier synthesis kept: this one (" << now.cohorts.size() << " cohorts, " << now.pools.size()
              << " pooled estimates, " << now.findings.size() << " findings) is the baseline\n";
  } else {
    api::PrintChanges(changes, std::cout);
  }
  return 0;
}

}  // namespace carta::cli
