// carta report --out DIR [--lang en|zh] [--only ID,...]: the review's tables
// and figures, the pooled analyses and the audit as one HTML page with SVG and
// CSV files beside it.
#include <filesystem>
#include <iostream>

#include "carta/api/update.h"
#include "carta/core/text.h"
#include "carta/report/report.h"
#include "carta/store/extraction.h"
#include "carta/store/store.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

int RunReport(int argc, char** argv) {
  CLI::App app("The review regenerated: Tables 1-4, Figs. 1-6, pooled response rates with forest plots, pooled "
               "landmark survival, a worked cure-model example and the audit (and, once 'carta update' has kept a synthesis, what changed since: every pooled estimate before and now), as DIR/index.html (self-contained: "
               "inline SVG and CSS, nothing fetched) with every figure as .svg and every table as .csv beside it. "
               "The folder is replaced as a whole; a folder holding anything but a previous report (the files its "
               "carta-report.txt lists) is refused, so nothing of yours is deleted.",
               "report");
  std::string db_path, out_dir, lang = "en", only, data_dir = "data";
  AddDbOption(app, &db_path);
  app.add_option("--out", out_dir, "folder to write the report into (required, but for --only list)");
  app.add_option("--lang", lang, "language of the page and figures: en or zh");
  app.add_option("--only", only, "comma-separated ids of the tables and figures to write (e.g. fig4,table3); "
                                 "'--only list' prints the ids");
  app.add_option("--data", data_dir,
                 "the data folder with search/pubmed_strategy.txt, examples/gbsg_rfs.csv and sim/calibration.csv "
                 "(the kept output of 'carta sim calibrate --format csv')");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (only == "list") {
    for (const auto& id : report::ReportItemIds()) std::cout << id << "\n";
    return 0;
  }
  if (out_dir.empty()) {
    std::cerr << "carta report: --out DIR is required (the folder to write the report into)\n";
    return kExitUsage;
  }
  report::ReportOptions o;
  auto language = report::ParseLanguage(lang);
  if (!language.ok()) return Fail(language.status().WithContext("--lang"));
  o.language = *language;
  if (!only.empty()) o.only = text::Split(only, ',');
  auto eb = store::LoadEvidenceSnapshot(db_path);
  if (!eb.ok()) return Fail(eb.status());
  // The synthesis kept by the last `carta update`, for the "What changed" section.
  if (auto kept = store::LoadState(db_path, "synthesis"); kept.ok()) {
    auto previous = api::SynthesisFromJson(*kept);
    if (!previous.ok()) return Fail(previous.status());
    o.previous = std::move(*previous);
  } else if (kept.status().code() != StatusCode::kNotFound) {
    return Fail(kept.status());
  }
  std::vector<std::string> missing;
  report::ReadDataFolderInputs(data_dir, &o, &missing);
  for (const auto& note : missing) std::cerr << "carta: " << note << "\n";
  auto r = report::BuildReport(**eb, o);
  if (!r.ok()) return Fail(r.status());
  for (const auto& note : r->notes) std::cerr << "carta: left out: " << note << "\n";
  if (Status s = report::WriteReport(*r, out_dir); !s.ok()) return Fail(s);
  std::error_code ec;
  const auto index = std::filesystem::absolute(std::filesystem::path(out_dir) / "index.html", ec);
  std::cout << index.string() << "\n";
  std::cerr << "carta: wrote " << r->files.size() << " files (" << report::LanguageCode(o.language) << ")\n";
  return 0;
}

}  // namespace carta::cli
