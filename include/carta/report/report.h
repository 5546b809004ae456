// The review regenerated: its tables and figures, the pooled analyses it did
// not do, the audit of its numbers, and the command that reproduces each,
// as one self-contained HTML page with every figure also as SVG and every
// table also as CSV. English or Chinese, each complete.
#ifndef CARTA_REPORT_REPORT_H_
#define CARTA_REPORT_REPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"
#include "carta/report/update.h"

namespace carta::report {

enum class Language { kEnglish, kChinese };

// "en" or "zh" (also "english", "chinese"; any case).
Result<Language> ParseLanguage(std::string_view code);
const char* LanguageCode(Language language);  // "en", "zh"

struct ReportOptions {
  Language language = Language::kEnglish;
  // The review's PubMed strategy (Fig. 1), one numbered query per line
  // ("#1 CAR-T[Title/Abstract]"); "" leaves Fig. 1 out.
  std::string strategy_text;
  std::string strategy_file;  // its path, for the command shown with it
  // Patient-level survival data for the worked example of long-term
  // survivors (CSV text with the time and event columns named below); ""
  // leaves the example out.
  std::string example_csv;
  std::string example_file;   // its path, for the commands shown with it
  std::string example_time_col = "time";
  std::string example_event_col = "event";
  std::string example_time_unit = "days";  // unit of the time column: days, months or years
  // The synthesis kept by the last `carta update` (or any earlier one): the
  // report then opens with "What changed", every pooled estimate before and
  // now, the cohorts and the audit findings that changed. None: no such section.
  std::optional<Synthesis> previous;
  // A saved calibration of the simulator (the CSV `carta sim calibrate
  // --format csv` prints: observed vs simulated per cohort and endpoint);
  // "" leaves the observed-vs-simulated table and figure out.
  std::string calibration_csv;
  std::string calibration_file;  // its path, for the notes and errors
  // Ids of the tables and figures to keep ("table3", "fig4"); empty keeps all.
  std::vector<std::string> only;
};

// One file of the report: "index.html", "fig4_cd19_response.svg", "table3_cd19.csv".
struct ReportFile {
  std::string name;
  std::string content;
};

struct Report {
  std::vector<ReportFile> files;   // index.html first
  std::vector<std::string> notes;  // what could not be drawn and why (e.g. an analysis with too few cohorts)
};

// Fills the options' inputs from the data folder besides the evidence: the
// PubMed strategy (search/pubmed_strategy.txt) and the worked survival
// example (examples/gbsg_rfs.csv, recurrence-free survival in days) and the
// simulator's saved calibration (sim/calibration.csv). A file
// that cannot be read leaves its figure out and adds a sentence saying so to
// *notes.
void ReadDataFolderInputs(const std::string& data_dir, ReportOptions* options, std::vector<std::string>* notes);

// The ids of every table and figure BuildReport can make, in page order.
const std::vector<std::string>& ReportItemIds();

// Builds every file in memory. Fails on an id in options.only that is not in
// ReportItemIds() or example data that do not parse; an analysis that cannot
// be fitted (too few cohorts) is left out with a note, not a failure.
Result<Report> BuildReport(const evidence::EvidenceBase& eb, const ReportOptions& options);

// Writes the files into `dir` as a whole, with a manifest (carta-report.txt)
// naming them: into a fresh sibling folder first, which then replaces `dir`.
// A failure leaves `dir` as it was. Refuses a `dir` that holds anything but
// the files of a previous report's manifest, so that nothing of the user's is
// deleted; refuses "/" and the like.
Status WriteReport(const Report& report, const std::string& dir);

}  // namespace carta::report

#endif  // CARTA_REPORT_REPORT_H_
