#include "common.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "carta/core/text.h"
#include "carta/evidence/build.h"
#include "carta/evidence/filter.h"
#include "carta/store/store.h"

namespace carta::cli {

void AddDbOption(CLI::App& app, std::string* db_path) {
  const char* env = std::getenv("CARTA_DB");
  *db_path = env && *env ? env : "carta.db";
  app.add_option("--db", *db_path, "project database (default: $CARTA_DB, else carta.db)");
}

void AddFormatOption(CLI::App& app, std::string* format) {
  *format = "table";
  app.add_option("--format", *format, "output format: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
}

Format ParseFormat(const std::string& name) {
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  return Format::kTable;
}

bool ParseArgs(CLI::App& app, int argc, char** argv, int* exit_code) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    *exit_code = 0;
    return false;
  } catch (const CLI::ParseError& e) {
    std::cerr << "carta " << app.get_name() << ": " << e.what() << "\n"
              << "Run 'carta " << app.get_name() << " --help' for the options.\n";
    *exit_code = kExitUsage;
    return false;
  }
  return true;
}

int Fail(const Status& s) {
  std::cerr << "carta: " << s.message() << "\n";
  return kExitFailure;
}

Result<evidence::EvidenceBase> OpenEvidence(const std::string& db_path) { return store::LoadEvidence(db_path); }

Result<EvidenceFilters> ResolveFilters(const evidence::EvidenceBase& eb, const std::string& target,
                                       const std::string& indication, const std::string& product) {
  auto f = evidence::ResolveCohortFilter(eb, target, indication, product);
  if (f.ok()) return EvidenceFilters{f->target, f->indication, f->product_id};
  const Status& s = f.status();
  // The library names the field; the command names its option.
  if (s.location().field == "product") return Status::NotFound(s.message() + " (see 'carta products')");
  return s.WithContext("--" + s.location().field);
}

std::string CohortProductLabel(const evidence::EvidenceBase& eb, const evidence::Cohort& c) {
  if (!c.product_id.empty()) {
    const auto* p = eb.FindProduct(c.product_id);
    if (c.product_as_printed != p->brand) return p->brand + " (as " + c.product_as_printed + ")";
    return p->brand;
  }
  if (!c.construct_as_printed.empty()) return c.construct_as_printed;
  return text::Join(c.targets, "/") + " CAR-T";
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(st)) return Status::InvalidArgument("'" + path + "' is a directory, not a file");
  if (!ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
    return Status::InvalidArgument("'" + path + "' is not a regular file (a pipe, socket or device)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read '" + path + "'");
  std::string text = ss.str();
  // A UTF-8 byte-order mark (Windows editors write one) is not part of the first line.
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return text;
}

}  // namespace carta::cli
