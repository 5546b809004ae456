#include "common.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

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

Status ForOption(const Status& s, std::initializer_list<std::string_view> options) {
  const std::string& field = s.location().field;
  if (field.empty()) return s;
  if (field == "product" && s.code() == StatusCode::kNotFound) {
    return Status::NotFound(s.message() + " (see 'carta products')").WithField(field);
  }
  bool listed = options.size() == 0;
  for (std::string_view o : options) listed = listed || o == field;
  return listed ? s.WithContext("--" + field) : s;
}

int FailOption(const Status& s) { return Fail(ForOption(s)); }

Status WriteOutputFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!(out << text)) return Status::IOError("cannot write '" + path + "'");
  std::cerr << "carta: wrote " << path << "\n";
  return Status::Ok();
}

}  // namespace carta::cli
