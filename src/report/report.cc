#include "carta/report/report.h"

#include "carta/core/file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "carta/core/text.h"
#include "document.h"
#include "sections.h"
#include "strings.h"

namespace carta::report {
namespace {

namespace fs = std::filesystem;
using internal::Block;
using internal::Section;

// Every table's CSV and every figure's SVG, in page order.
void CollectFiles(const std::vector<Section>& sections, Report* report) {
  for (const Section& s : sections) {
    for (const Block& b : s.blocks) {
      if (b.kind == Block::Kind::kTable) report->files.push_back({b.table.file, internal::CsvOf(b.table)});
      if (b.kind == Block::Kind::kFigure) report->files.push_back({b.figure.file, b.figure.svg});
    }
  }
}

std::string Summary(const evidence::EvidenceBase& eb, Language lang) {
  long statements = 0;
  for (const auto& r : eb.records) statements += r.kind == "statement";
  return internal::TrF(lang, "page.summary",
                       {std::to_string(eb.products.size()), std::to_string(eb.constructs.size()),
                        std::to_string(eb.approvals.size()), std::to_string(eb.cohorts.size()),
                        std::to_string(statements), std::to_string(eb.claims.size())});
}

// Every report carries a manifest naming its files. A folder is replaced only
// when the manifest is there and the folder holds nothing else: the user's
// own files in it are never deleted.
constexpr const char* kManifest = "carta-report.txt";

Status WriteFiles(const Report& report, const fs::path& dir) {
  std::string manifest = "# Written by carta report; the files of this report (carta replaces the folder only when it "
                         "holds nothing else).\n";
  for (const ReportFile& f : report.files) {
    std::ofstream out(dir / f.name, std::ios::binary);
    if (!(out << f.content) || !out.flush()) return Status::IOError("cannot write '" + (dir / f.name).string() + "'");
    manifest += f.name + "\n";
  }
  std::ofstream out(dir / kManifest, std::ios::binary);
  if (!(out << manifest) || !out.flush()) return Status::IOError("cannot write '" + (dir / kManifest).string() + "'");
  return Status::Ok();
}

// OK for an empty folder or a previous report; InvalidArgument naming the first file that is not the report's.
Status CheckReplaceable(const fs::path& dir, const std::string& dir_name) {
  std::error_code ec;
  if (fs::is_empty(dir, ec)) return Status::Ok();
  std::ifstream in(dir / kManifest, std::ios::binary);
  std::set<std::string> listed = {kManifest};
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') listed.insert(line);
  }
  const bool is_report = listed.size() > 1;
  for (fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_report && listed.count(name) && it->is_regular_file(ec)) continue;
    return Status::InvalidArgument("'" + dir_name + "' holds '" + name + "', which is not part of a carta report; "
                                   "choose an empty or new folder (nothing was written or deleted)");
  }
  if (ec) return Status::IOError("cannot read '" + dir_name + "': " + ec.message());
  return Status::Ok();
}

}  // namespace

bool internal::Context::Want(const std::string& id) const {
  return options.only.empty() || std::find(options.only.begin(), options.only.end(), id) != options.only.end();
}

Result<Language> ParseLanguage(std::string_view code) {
  const std::string c = text::ToLower(code);
  if (c == "en" || c == "english") return Language::kEnglish;
  if (c == "zh" || c == "chinese" || c == "zh-cn") return Language::kChinese;
  return Status::InvalidArgument("unknown language '" + std::string(code) + "' (expected en or zh)");
}

const char* LanguageCode(Language language) { return language == Language::kChinese ? "zh" : "en"; }

void ReadDataFolderInputs(const std::string& data_dir, ReportOptions* o, std::vector<std::string>* notes) {
  const std::string strategy = data_dir + "/search/pubmed_strategy.txt";
  const std::string example = data_dir + "/examples/gbsg_rfs.csv";
  if (auto s = ReadTextFile(strategy); s.ok()) {
    o->strategy_text = *s;
    o->strategy_file = strategy;
  } else {
    notes->push_back("no Fig. 1: " + s.status().message());
  }
  if (auto e = ReadTextFile(example); e.ok()) {
    o->example_csv = *e;
    o->example_file = example;
    o->example_time_col = "rfstime";
    o->example_event_col = "status";
    o->example_time_unit = "days";
  } else {
    notes->push_back("no survival example: " + e.status().message());
  }
  const std::string calibration = data_dir + "/sim/calibration.csv";
  if (auto c = ReadTextFile(calibration); c.ok()) {
    o->calibration_csv = *c;
    o->calibration_file = calibration;
  } else {
    notes->push_back("no simulator calibration (doc/model.md says how to make it): " + c.status().message());
  }
}

const std::vector<std::string>& ReportItemIds() {
  static const std::vector<std::string> ids = {
      "table_changes", "fig1", "fig2", "table1", "fig3", "table2", "table3", "fig4", "fig5", "table4", "fig6a", "fig6b",
      "pooled_summary", "pooled_orr_target", "pooled_crr_target", "pooled_orr_indication", "pooled_crr_indication",
      "pooled_orr_costim", "pooled_crr_costim", "pooled_pfs12", "fig_km", "table_cure", "fig_cure",
      "table_sim_calibration", "fig_sim_calibration", "table_sim_compare", "table_audit"};
  return ids;
}

Result<Report> BuildReport(const evidence::EvidenceBase& eb, const ReportOptions& options) {
  for (const std::string& id : options.only) {
    const auto& ids = ReportItemIds();
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      const std::string close = text::ClosestMatch(id, ids);
      return Status::InvalidArgument("--only: no table or figure called '" + id + "'" +
                                     (close.empty() ? "" : "; did you mean '" + close + "'?") + " (ids: " +
                                     text::Join(ids, ", ") + ")");
    }
  }
  Report report;
  const internal::Context ctx{eb, options, options.language, &report.notes};
  std::vector<Section> sections = {internal::ChangesSection(ctx),    internal::LiteratureSection(ctx), internal::ConstructSection(ctx),
                                   internal::ProductSection(ctx),    internal::Cd19Section(ctx),
                                   internal::BcmaSection(ctx),       internal::PooledSection(ctx)};
  auto survival = internal::SurvivalSection(ctx);
  if (!survival.ok()) return survival.status();
  sections.push_back(std::move(*survival));
  auto simulator = internal::SimSection(ctx);
  if (!simulator.ok()) return simulator.status();
  sections.push_back(std::move(*simulator));
  sections.push_back(internal::AuditSection(ctx));
  // Sections with nothing but their introduction (everything left out by `only`) are dropped.
  std::erase_if(sections, [](const Section& s) {
    return std::none_of(s.blocks.begin(), s.blocks.end(), [](const Block& b) { return b.kind != Block::Kind::kText; });
  });
  report.files.push_back({"index.html", internal::PageOf(sections, options.language, Summary(eb, options.language))});
  CollectFiles(sections, &report);
  return report;
}

Status WriteReport(const Report& report, const std::string& dir_name) {
  std::error_code ec;
  // "out/" and "out/." name the folder itself: normalise so that its parent and name are right.
  fs::path dir = fs::absolute(dir_name, ec).lexically_normal();
  if (ec) return Status::IOError("cannot resolve '" + dir_name + "': " + ec.message());
  if (!dir.has_filename() && dir.has_parent_path() && dir != dir.root_path()) dir = dir.parent_path();
  if (dir == dir.root_path() || dir.filename() == "." || dir.filename() == "..") {
    return Status::InvalidArgument("'" + dir_name + "' cannot hold a report; name a folder such as report/");
  }
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) return Status::InvalidArgument("'" + dir_name + "' exists and is not a folder");
    if (Status s = CheckReplaceable(dir, dir_name); !s.ok()) return s;
  }
  const fs::path parent = dir.parent_path();
  fs::create_directories(parent, ec);
  if (ec) return Status::IOError("cannot create '" + parent.string() + "': " + ec.message());
  const std::string tag = std::to_string(std::random_device{}());
  const fs::path fresh = parent / (dir.filename().string() + ".carta-new-" + tag);
  const fs::path old = parent / (dir.filename().string() + ".carta-old-" + tag);
  fs::create_directory(fresh, ec);
  if (ec) return Status::IOError("cannot create '" + fresh.string() + "': " + ec.message());
  if (Status s = WriteFiles(report, fresh); !s.ok()) {
    fs::remove_all(fresh, ec);
    return s;
  }
  const bool had_old = fs::exists(dir, ec);
  if (had_old) fs::rename(dir, old, ec);
  if (!ec) fs::rename(fresh, dir, ec);
  if (ec) {
    std::error_code ignored;
    if (had_old && !fs::exists(dir, ignored)) fs::rename(old, dir, ignored);
    fs::remove_all(fresh, ignored);
    return Status::IOError("cannot move the report into '" + dir_name + "': " + ec.message());
  }
  if (had_old) fs::remove_all(old, ec);
  return Status::Ok();
}

}  // namespace carta::report
