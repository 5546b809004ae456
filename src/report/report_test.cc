#include "carta/report/report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "../plot/svg_testing.h"
#include "carta/core/csv.h"
#include "carta/evidence/audit.h"
#include "carta/evidence/build.h"
#include "sections.h"
#include "strings.h"

namespace carta::report {
namespace {

using plot::testing::ParseSvg;

const evidence::EvidenceBase& Review() {
  static const auto* eb = [] {
    auto r = evidence::LoadEvidenceDir(std::string(CARTA_SOURCE_DIR) + "/data");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new evidence::EvidenceBase(std::move(*r));
  }();
  return *eb;
}

std::string ReadSource(const std::string& path) {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/" + path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

ReportOptions Options(Language lang) {
  ReportOptions o;
  o.language = lang;
  o.strategy_text = ReadSource("data/search/pubmed_strategy.txt");
  o.strategy_file = "data/search/pubmed_strategy.txt";
  o.example_csv = ReadSource("data/examples/gbsg_rfs.csv");
  o.example_file = "data/examples/gbsg_rfs.csv";
  o.example_time_col = "rfstime";
  o.example_event_col = "status";
  return o;
}

const Report& Built(Language lang) {
  static Report en, zh;
  static bool done = false;
  if (!done) {
    auto a = BuildReport(Review(), Options(Language::kEnglish));
    auto b = BuildReport(Review(), Options(Language::kChinese));
    EXPECT_TRUE(a.ok() && b.ok());
    en = std::move(*a), zh = std::move(*b), done = true;
  }
  return lang == Language::kChinese ? zh : en;
}

const std::string& File(const Report& r, const std::string& name) {
  static const std::string none;
  for (const auto& f : r.files) {
    if (f.name == name) return f.content;
  }
  ADD_FAILURE() << "no file " << name;
  return none;
}

int CsvRows(const std::string& csv) {
  int lines = 0;
  for (size_t p = csv.find("\r\n"); p != std::string::npos; p = csv.find("\r\n", p + 2)) ++lines;
  return lines - 1;  // header
}

TEST(Report, EveryPhraseHasBothLanguages) { EXPECT_TRUE(internal::IncompleteTranslations().empty()); }

TEST(Report, EverySvgIsWellFormedAndNoPhraseIsMissing) {
  for (Language lang : {Language::kEnglish, Language::kChinese}) {
    const Report& r = Built(lang);
    ASSERT_FALSE(r.files.empty());
    EXPECT_EQ(r.files.front().name, "index.html");
    int svgs = 0;
    for (const auto& f : r.files) {
      EXPECT_EQ(f.content.find("⟦"), std::string::npos) << f.name << " has an untranslated key";
      if (f.name.ends_with(".svg")) {
        ++svgs;
        auto p = ParseSvg(f.content);
        EXPECT_TRUE(p.well_formed) << f.name << ": " << p.error;
      }
    }
    EXPECT_EQ(svgs, 14);  // Figs. 2-5, 6A, 6B, six forest plots, the KM and cure figures
    EXPECT_TRUE(r.notes.empty()) << r.notes.front();
  }
}

TEST(Report, PrismaShowsTheReviewsCounts) {
  auto p = ParseSvg(File(Built(Language::kEnglish), "fig2_prisma.svg"));
  EXPECT_EQ(p.Count("rect.box"), 9);
  // Counts are written with no-break spaces so that a box never splits them.
  for (const char* n : {"PubMed, English (n\u00a0=\u00a02,904)", "CNKI and Wanfang, Chinese (n\u00a0=\u00a0522)",
                        "Total (n\u00a0=\u00a03,426)", "(n\u00a0=\u00a03,295)", "(n\u00a0=\u00a0131)",
                        "1 Chinese, 130 English"}) {
    EXPECT_TRUE(p.HasText(n)) << n;
  }
}

TEST(Report, ResponseChartHasABarPerPrintedRate) {
  const auto cohorts = internal::CohortsAt(Review(), "Table 3", "CD19");
  ASSERT_EQ(cohorts.size(), 19u);
  int rates = 0;
  for (const auto* c : cohorts) {
    for (const char* key : {"orr", "crr"}) {
      for (const auto* v : c->Values(key)) {
        if (v->prov.location == "Table 3") {
          ++rates;
          break;
        }
      }
    }
    if (c->Values("crr").empty() && !c->Values("cr_cri").empty()) ++rates;
  }
  auto p = ParseSvg(File(Built(Language::kEnglish), "fig4_cd19_response.svg"));
  EXPECT_EQ(p.Count("rect.bar"), rates);
  EXPECT_EQ(p.Count("text.category-label"), 19);
  EXPECT_GE(p.Count("text.group-label"), 5);  // B-ALL, LBCL, FL, MCL, CLL/SLL
}

TEST(Report, SurvivalChartLabelsMediansNotReached) {
  int nr = 0, medians = 0;
  for (const auto* c : internal::CohortsAt(Review(), "Table 3", "CD19")) {
    for (const auto& v : c->values) {
      if (v.prov.location == "Table 3" && v.kind == evidence::CohortValue::Kind::kMedian && v.key.ends_with("_median")) {
        ++medians;
        nr += v.median.not_reached;
        break;
      }
    }
  }
  auto p = ParseSvg(File(Built(Language::kEnglish), "fig5_cd19_survival.svg"));
  EXPECT_EQ(p.Count("text.not-reached"), nr);
  EXPECT_EQ(p.Count("rect.bar"), medians - nr);
  EXPECT_GT(nr, 0);
}

TEST(Report, TablesHaveTheReviewsRows) {
  const Report& r = Built(Language::kEnglish);
  EXPECT_EQ(CsvRows(File(r, "table1_generations.csv")), 5);
  EXPECT_EQ(CsvRows(File(r, "table2_products.csv")), 11);
  EXPECT_EQ(CsvRows(File(r, "table3_cd19.csv")), 19);
  EXPECT_EQ(CsvRows(File(r, "table4_bcma.csv")), 6);
  EXPECT_EQ(CsvRows(File(r, "fig1_pubmed_strategy.csv")), 7);
  const std::string& audit = File(r, "table_audit.csv");
  EXPECT_EQ(CsvRows(audit), static_cast<int>(evidence::Audit(Review()).size()));
  const std::string& html = File(r, "index.html");
  EXPECT_NE(html.find("<table data-rows=\"19\">"), std::string::npos);
  EXPECT_NE(html.find("carta studies --location 'Table 3'"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
}

TEST(Report, ChinesePageIsChineseThroughout) {
  const std::string& zh = File(Built(Language::kChinese), "index.html");
  const std::string& en = File(Built(Language::kEnglish), "index.html");
  EXPECT_NE(zh.find("lang=\"zh-CN\""), std::string::npos);
  for (const char* heading : {"Literature search and selection", "Approved CAR-T products", "Audit of the review's numbers",
                              "Number at risk", "Heterogeneity", "Records screened", "Median survival (months)"}) {
    EXPECT_NE(en.find(heading), std::string::npos) << heading;
    EXPECT_EQ(zh.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(zh.find("文献筛选流程图"), std::string::npos);
  EXPECT_NE(zh.find("风险人数"), std::string::npos);
}

TEST(Report, OnlyKeepsTheNamedItems) {
  ReportOptions o = Options(Language::kEnglish);
  o.only = {"fig4", "table2"};
  auto r = BuildReport(Review(), o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->files.size(), 3u);
  EXPECT_EQ(r->files[1].name, "table2_products.csv");
  EXPECT_EQ(r->files[2].name, "fig4_cd19_response.svg");
  o.only = {"fig44"};
  auto bad = BuildReport(Review(), o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("did you mean 'fig4'"), std::string::npos);
}

// A living review: with a kept synthesis the report opens with what changed,
// the previous numbers beside the current ones; without one there is no such section.
TEST(Report, WhatChangedShowsThePreviousNumbers) {
  for (const auto& f : Built(Language::kEnglish).files) EXPECT_NE(f.name, "table_changes.csv");
  Synthesis before = Synthesize(Review());
  ASSERT_FALSE(before.pools.empty());
  before.pools[0].k += 1;
  before.pools[0].estimate = 0.5;  // a previous estimate of 50.0%
  before.pools.push_back({"orr CD22", 2, 0.6, 0.4, 0.8, 0.1});
  before.cohorts.erase(before.cohorts.begin());
  before.findings.push_back("value-conflict: x: a finding since resolved");
  before.kept_at = "2026-11-30T10:00:00Z";
  for (Language lang : {Language::kEnglish, Language::kChinese}) {
    ReportOptions o = Options(lang);
    o.previous = before;
    o.only = {"table_changes"};
    auto r = BuildReport(Review(), o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const std::string& csv = File(*r, "table_changes.csv");
    EXPECT_EQ(CsvRows(csv), static_cast<int>(before.pools.size()));  // every pool, changed or not, and the gone one
    EXPECT_NE(csv.find("50.0%"), std::string::npos) << csv;          // the previous estimate is kept
    EXPECT_NE(csv.find("orr CD22"), std::string::npos);
    const std::string& page = File(*r, "index.html");
    EXPECT_NE(page.find("2026-11-30T10:00:00Z"), std::string::npos);
    EXPECT_NE(page.find(Review().cohorts[0].id), std::string::npos);  // named as added
    EXPECT_EQ(page.find("⟦"), std::string::npos);
    EXPECT_NE(File(*r, "table_changes_findings.csv").find("a finding since resolved"), std::string::npos);
  }
  ReportOptions same = Options(Language::kEnglish);
  same.previous = Synthesize(Review());
  same.only = {"table_changes"};
  auto r = BuildReport(Review(), same);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(File(*r, "index.html").find("Nothing changed"), std::string::npos);
}

TEST(Report, WriteReplacesAReportButNeverOtherFiles) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("carta_report_test_" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "mine");
  std::ofstream(root / "mine" / "thesis.docx") << "precious";
  Report r;
  r.files = {{"index.html", "<html></html>"}, {"a.svg", "<svg/>"}};
  Status s = WriteReport(r, (root / "mine").string());
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(fs::exists(root / "mine" / "thesis.docx"));
  std::ofstream(root / "mine" / "index.html") << "<html>a site of the user's</html>";
  EXPECT_FALSE(WriteReport(r, (root / "mine").string()).ok());  // an index.html alone does not make a report
  EXPECT_TRUE(fs::exists(root / "mine" / "thesis.docx"));
  ASSERT_TRUE(WriteReport(r, (root / "out").string()).ok());
  EXPECT_TRUE(fs::exists(root / "out" / "a.svg"));
  std::ofstream(root / "out" / "notes.txt") << "the user's";
  EXPECT_FALSE(WriteReport(r, (root / "out").string()).ok());  // a report with a file of the user's in it
  fs::remove(root / "out" / "notes.txt");
  r.files = {{"index.html", "<html>2</html>"}};
  ASSERT_TRUE(WriteReport(r, (root / "out").string() + "/").ok());
  EXPECT_FALSE(fs::exists(root / "out" / "a.svg"));  // replaced as a whole
  EXPECT_FALSE(WriteReport(r, "/").ok());
  int entries = 0;
  for (auto it = fs::directory_iterator(root); it != fs::directory_iterator(); ++it) ++entries;
  EXPECT_EQ(entries, 2);  // mine, out: no temporary folders left behind
  fs::remove_all(root);
}


// The simulator's section: the saved calibration (data/sim/calibration.csv)
// drawn row for row, the comparisons run on the spot, bad files refused.
namespace sim_section {

const std::string kCalibration = "data/sim/calibration.csv";

ReportOptions SimOptions(std::vector<std::string> only) {
  ReportOptions o;
  o.calibration_csv = ReadSource(kCalibration);
  o.calibration_file = kCalibration;
  o.only = std::move(only);
  return o;
}

// Counts, read from the file independently of the report: ORR rows (fitted
// and held out) and those inside their CI.
struct OrrCounts {
  int fitted = 0, held_out = 0, fitted_inside = 0, held_out_inside = 0, rows = 0;
};
OrrCounts CountOrr() {
  OrrCounts c;
  std::istringstream in(ReadSource(kCalibration));
  std::string line;
  std::getline(in, line);  // header: cohort,...,inside,held_out
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++c.rows;
    if (line.find(",orr,") == std::string::npos) continue;
    const bool held = line.ends_with(",true") || line.ends_with(",true\r");
    const bool inside = line.find(",true,") != std::string::npos;
    (held ? c.held_out : c.fitted) += 1;
    (held ? c.held_out_inside : c.fitted_inside) += inside;
  }
  return c;
}

TEST(ReportSim, CalibrationTableAndFigureShowEveryRow) {
  const OrrCounts want = CountOrr();
  ASSERT_GT(want.fitted, 0);
  ASSERT_GT(want.held_out, 0);
  for (Language lang : {Language::kEnglish, Language::kChinese}) {
    ReportOptions o = SimOptions({"table_sim_calibration", "fig_sim_calibration"});
    o.language = lang;
    auto r = BuildReport(Review(), o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(CsvRows(File(*r, "table_sim_calibration.csv")), want.rows);
    auto svg = ParseSvg(File(*r, "fig_sim_calibration.svg"));
    ASSERT_TRUE(svg.well_formed) << svg.error;
    EXPECT_EQ(svg.Count("circle.observed"), want.fitted + want.held_out);
    EXPECT_EQ(svg.Count("line.observed-ci"), want.fitted + want.held_out);
    EXPECT_EQ(svg.Count("path.simulated"), want.fitted + want.held_out);
    EXPECT_EQ(svg.Count("g.held-out"), want.held_out);
    const std::string& page = File(*r, "index.html");
    EXPECT_EQ(page.find("⟦"), std::string::npos);
    EXPECT_NE(page.find("carta sim calibrate"), std::string::npos) << "the command that reproduces it";
  }
  auto en = BuildReport(Review(), SimOptions({"table_sim_calibration"}));
  ASSERT_TRUE(en.ok());
  const std::string summary = std::to_string(want.fitted_inside) + " of " + std::to_string(want.fitted) +
                              " fitted cohorts and " + std::to_string(want.held_out_inside) + " of " +
                              std::to_string(want.held_out) + " held-out";
  EXPECT_NE(File(*en, "index.html").find(summary), std::string::npos) << summary;
}

// "12.5%" or "-0.31" -> the number.
double Cell(const std::string& s) { return std::stod(s); }

TEST(ReportSim, ComparisonsAreDifferencesOfTheSameVirtualPatients) {
  auto r = BuildReport(Review(), SimOptions({"table_sim_compare"}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto table = ParseCsv(File(*r, "table_sim_compare.csv"), "table_sim_compare.csv");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 15u);  // the endpoints each of the six comparisons is about
  bool saw_hsct = false;
  for (const auto& row : table->rows) {
    // B − A as printed agrees with A and B up to their rounding.
    EXPECT_NEAR(Cell(row[5]), Cell(row[4]) - Cell(row[3]), 0.11) << row[1] << " " << row[2];
    EXPECT_TRUE(row[6].starts_with("carta sim compare --product ")) << row[6];
    if (row[1] == "no-hsct → hsct" && row[2] == "relapse_rate") {
      saw_hsct = true;
      EXPECT_LT(Cell(row[4]), Cell(row[3])) << "consolidation prevents relapse";
    }
  }
  EXPECT_TRUE(saw_hsct);
}

TEST(ReportSim, BadCalibrationFileIsRefusedWithItsLineAndColumn) {
  ReportOptions o = SimOptions({"table_sim_calibration"});
  const size_t second = o.calibration_csv.find('\n', o.calibration_csv.find('\n') + 1) + 1;
  o.calibration_csv.insert(second, "x,kymriah,B-ALL,orr,10,1.7,0.1,0.9,0.5,false,false\n");
  auto r = BuildReport(Review(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(kCalibration + ":3"), std::string::npos) << r.status().message();
  EXPECT_EQ(r.status().location().field, "observed");
  o.calibration_csv = "cohort,endpoint\nzuma1,orr\n";
  r = BuildReport(Review(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("column product: missing"), std::string::npos) << r.status().message();
}

TEST(ReportSim, MissingCalibrationLeavesTheTableOutWithANote) {
  ReportOptions o;
  std::vector<std::string> notes;
  ReadDataFolderInputs("/nonexistent-carta-data", &o, &notes);
  EXPECT_TRUE(o.calibration_csv.empty());
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_NE(notes[2].find("no simulator calibration"), std::string::npos) << notes[2];
  o.only = {"table_sim_calibration", "fig_sim_calibration"};
  auto r = BuildReport(Review(), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->files.size(), 1u);  // index.html only
}

}  // namespace sim_section

}  // namespace
}  // namespace carta::report
