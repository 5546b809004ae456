// carta lit import FILES...: each file read and added in its own transaction.
#include <iostream>

#include "carta/api/lit.h"
#include "carta/core/text.h"
#include "carta/lit/import.h"
#include "lit_common.h"

namespace carta::cli::lit {

namespace {

void PrintSummary(const store::ImportSummary& s, std::ostream& out) {
  out << s.file << " (" << biblio::FormatName(s.format) << ", " << biblio::SourceName(s.source) << "): read "
      << s.read << ", added " << s.added << ", already present " << s.present << ", skipped " << s.skipped;
  if (s.deleted > 0 || !s.unknown_deletes.empty()) out << ", deleted " << s.deleted;
  out << "\n";
  if (s.sources.size() > 1) {
    std::vector<std::string> parts;
    for (const auto& [source, n] : s.sources) parts.push_back(std::string(biblio::SourceName(source)) + " " + std::to_string(n));
    out << "  read per source: " << text::Join(parts, ", ") << "\n";
  }
  for (const auto& id : s.present_ids) out << "  already present: " << id << "\n";
  if (s.present > static_cast<long>(s.present_ids.size())) {
    out << "  ... and " << s.present - static_cast<long>(s.present_ids.size()) << " more already present\n";
  }
  for (const auto& issue : s.skips) out << "  skipped " << issue.where << ": " << issue.message << "\n";
  for (const auto& issue : s.warnings) out << "  warning " << issue.where << ": " << issue.message << "\n";
  for (const auto& pmid : s.unknown_deletes) out << "  DeleteCitation of PMID " << pmid << ": not in the project\n";
  if (!s.index_note.empty()) out << "  the search index was not updated (" << s.index_note << "); the next search rebuilds it\n";
}

}  // namespace

int RunImport(int argc, char** argv) {
  CLI::App app(
      "Read bibliographic exports into the project. Each file is read as a stream and added in its own "
      "transaction: a damaged file (broken XML, corrupt gzip) adds nothing and leaves the project as it was, "
      "the other files are still imported, and the command exits 1 naming the files that failed. Every record "
      "is tagged with the database it came from: --source when given, else what the export says (RIS DB/DP, "
      "record links such as scopus.com or lens.org, Web of Science's FN, PubMed XML, CNKI and Wanfang "
      "providers), else 'other'. A record with an identifier (PMID, DOI, CNKI id, Embase/Scopus/WoS/Wanfang id) "
      "already imported from the same source is counted 'already present' and not added again (a re-import); the same article from "
      "another database is added, and 'carta lit dedup' finds it. PubMed DeleteCitation entries mark their "
      "records deleted.",
      "lit import");
  std::vector<std::string> files;
  std::string db_path, source_name = "other", format_name = "auto", output = "table";
  app.add_option("FILES", files, "export files (.xml, .xml.gz, .nbib, .txt, .ris, .net, ...)")->required();
  app.add_option("--source", source_name, "the database the files were exported from, for every record: " +
                                              text::Join(carta::lit::SourceNames(), ", ") +
                                              " (default: detected per record from the export; 'other' where it "
                                              "names none)")
      ->check(CLI::IsMember(carta::lit::SourceNames()));
  app.add_option("--input-format", format_name, "auto (default: detected from the first bytes), pubmed-xml, medline, "
                                          "ris, noteexpress, endnote, refworks, estudy, wos (Web of Science plain text), "
                                          "bibtex, endnote-xml or csv (Scopus, Web of Science tab-delimited, Lens, Embase, ASReview, "
                                          "carta, or any table with --columns)")
      ->check(CLI::IsMember(carta::lit::InputFormatNames()));
  std::string columns;
  app.add_option("--columns", columns,
                 "CSV only: which column fills which record field, as FIELD=Header pairs separated by commas "
                 "(title=Article Title,doi=DOI,year=Year); fields: " + text::Join(biblio::CsvFieldNames(), ", ") +
                 ". Implies --input-format csv");
  AddDbOption(app, &db_path);
  app.add_option("--format", output, "output: table (default) or json (an array, one summary per file)")
      ->check(CLI::IsMember({"table", "json"}));
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  carta::lit::ImportRequest request;
  request.files = files;
  biblio::ParseSource(source_name, &request.source);
  biblio::ParseFormat(format_name, &request.format);
  auto column_map = carta::lit::ParseColumnMap(columns);
  if (!column_map.ok()) {
    std::cerr << "carta: --columns: " << column_map.status().message() << "\n";
    return kExitUsage;
  }
  request.columns = std::move(*column_map);
  auto lit = OpenLiterature(db_path, /*create=*/true);
  if (!lit.ok()) return Fail(lit.status());
  const bool json = output == "json";
  const auto result = carta::lit::Import(*lit, request, [](const std::string& file) {
    return TerminalProgress("importing " + file);
  });
  for (const auto& f : result.files) {
    if (!f.status.ok()) {
      // The library names the field; the command names its option.
      const bool format = f.status.location().field == "format";
      std::cerr << "carta: " << f.status.message() << (format ? " (--input-format)" : "") << "\n  nothing of "
                << f.file << " was imported\n";
    } else if (!json) {
      PrintSummary(f.summary, std::cout);
    }
  }
  if (json) std::cout << api::Dump(api::ToJson(result)) << "\n";
  const auto failed = result.Failed(), imported = result.Imported();
  if (failed.empty()) return 0;
  std::cerr << "carta: " << failed.size() << " of " << files.size()
            << " files failed and were not imported: " << text::Join(failed, ", ") << "\n";
  if (!imported.empty()) std::cerr << "carta: imported: " << text::Join(imported, ", ") << "\n";
  return kExitFailure;
}

int RunMesh(int argc, char** argv) {
  CLI::App app(
      "MeSH for the project's searches. 'carta lit mesh import FILE' reads NLM's MeSH descriptor file "
      "(desc20XX.xml, or desc20XX.xml.gz, downloaded from NLM) as a stream and replaces the project's MeSH "
      "tree with its descriptors and tree numbers, in one transaction (a file that fails changes nothing). "
      "Afterwards a [mh] or [majr] term also finds the records indexed with any descriptor below it in the "
      "tree, as PubMed's explosion does; [mh:noexp] and [majr:noexp] match the term alone.",
      "lit mesh");
  std::string action, file, db_path, output = "table";
  app.add_option("ACTION", action, "import")->required()->check(CLI::IsMember({"import"}));
  app.add_option("FILE", file, "NLM's MeSH descriptor XML (desc20XX.xml or .xml.gz)")->required();
  AddDbOption(app, &db_path);
  app.add_option("--format", output, "output: table (default) or json ({file, descriptors, tree_numbers})")
      ->check(CLI::IsMember({"table", "json"}));
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto lit = OpenLiterature(db_path, /*create=*/true);
  if (!lit.ok()) return Fail(lit.status());
  auto progress = TerminalProgress("reading " + file);
  auto sum = carta::lit::ImportMesh(*lit, file, progress.get());
  if (!sum.ok()) {
    std::cerr << "carta: " << sum.status().message() << "\n  the project's MeSH tree is as it was\n";
    return kExitFailure;
  }
  if (output == "json") {
    std::cout << api::Dump(api::ToJson(*sum)) << "\n";
  } else {
    std::cout << sum->file << ": " << sum->descriptors << " MeSH descriptors, " << sum->tree_numbers
              << " tree numbers; [mh] and [majr] now explode to narrower terms\n";
  }
  return 0;
}

}  // namespace carta::cli::lit
