// carta registry import FILE... | show ID... | list: trial registrations
// (ClinicalTrials.gov API v2 JSON, ChiCTR CSV) in the project database, each
// with the cohorts of the evidence base that cite it.
#include <iostream>

#include "carta/api/registry.h"
#include "carta/registry/citations.h"
#include "carta/store/registry.h"
#include "carta/store/store.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

namespace {

// Reads every file before anything is written: one bad file, nothing imported.
int Import(const std::string& db_path, const std::vector<std::string>& files, Format format) {
  std::vector<registry::Registration> all;
  std::vector<std::pair<std::string, long>> counts;
  for (const auto& file : files) {
    auto text = ReadTextFile(file);
    if (!text.ok()) return Fail(text.status());
    auto regs = registry::ReadRegistrations(*text, file);
    if (!regs.ok()) return Fail(regs.status().WithContext("nothing imported"));
    counts.emplace_back(file, static_cast<long>(regs->size()));
    all.insert(all.end(), regs->begin(), regs->end());
  }
  auto sum = store::SaveRegistrations(db_path, all);
  if (!sum.ok()) return Fail(sum.status());
  if (format == Format::kJson) {
    std::cout << api::Dump(api::ImportJson(counts, *sum)) << "\n";
  } else {
    std::cerr << "carta: " << db_path << ": " << sum->added << " registrations added, " << sum->updated
              << " updated from " << files.size() << " file(s)\n";
  }
  return 0;
}

// The stored registrations with the cohorts citing each (none when the evidence is not built).
Result<std::vector<registry::RegistrationRow>> Rows(const std::string& db_path) {
  auto regs = store::LoadRegistrations(db_path);
  if (!regs.ok()) return regs.status();
  auto eb = store::LoadEvidenceSnapshot(db_path);
  if (!eb.ok()) std::cerr << "carta: no citing cohorts: " << eb.status().message() << "\n";
  return registry::WithCitingCohorts(*regs, eb.ok() ? eb->get() : nullptr);
}

int Show(const std::string& db_path, const std::vector<std::string>& ids, Format format) {
  auto rows = Rows(db_path);
  if (!rows.ok()) return Fail(rows.status());
  std::vector<registry::RegistrationRow> picked;
  for (const auto& id : ids) {
    bool found = false;
    for (const auto& row : *rows) {
      if (row.registration.id == id) {
        picked.push_back(row);
        found = true;
      }
    }
    if (!found) return Fail(Status::NotFound("no registration '" + id + "' (see 'carta registry list')"));
  }
  if (format == Format::kJson) {
    std::cout << api::Dump(picked.size() == 1 ? api::ToJson(picked[0]) : api::ToJson(picked)) << "\n";
    return 0;
  }
  for (const auto& row : picked) Print(api::RegistrationFieldsListing(row), format, std::cout);
  return 0;
}

int List(const std::string& db_path, Format format) {
  auto rows = Rows(db_path);
  if (!rows.ok()) return Fail(rows.status());
  if (format == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*rows)) << "\n";
  } else {
    Print(api::RegistrationsListing(*rows), format, std::cout);
  }
  return 0;
}

}  // namespace

int RunRegistry(int argc, char** argv) {
  CLI::App app("Trial registrations in the project database: import ClinicalTrials.gov API v2 JSON (one study or a "
               "page of a search) or ChiCTR registrations pasted as CSV (columns id, title and optional acronym, "
               "phase, status, enrollment, conditions, interventions, sponsor, start_date, completion_date); show "
               "them with the cohorts citing each. 'carta check' compares the cohorts with them.",
               "registry");
  app.require_subcommand(1);
  app.fallthrough();
  std::string db_path, format;
  std::vector<std::string> files, ids;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  auto* import = app.add_subcommand("import", "read the files and store their registrations in one transaction; a "
                                              "bad file names the JSON path or file:line and nothing is written");
  import->add_option("files", files, "ClinicalTrials.gov JSON or ChiCTR CSV files")->required();
  auto* show = app.add_subcommand("show", "every field of the registrations with these ids");
  show->add_option("ids", ids, "registration ids (NCT03391466, ChiCTR...)")->required();
  app.add_subcommand("list", "every stored registration with the cohorts citing it");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  const Format f = ParseFormat(format);
  if (import->parsed()) return Import(db_path, files, f);
  if (show->parsed()) return Show(db_path, ids, f);
  return List(db_path, f);
}

}  // namespace carta::cli
