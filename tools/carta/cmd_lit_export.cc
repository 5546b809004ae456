// carta lit export: the project's records (all, a search, or chosen ids) as
// RIS for EndNote/Zotero, CSV for a spreadsheet, or JSON.
#include <iostream>

#include "carta/biblio/write.h"
#include "carta/lit/export.h"
#include "lit_common.h"

namespace carta::cli::lit {

int RunExport(int argc, char** argv) {
  CLI::App app("Write the project's records as RIS (EndNote, Zotero, RevMan), CSV or JSON: every record, the "
               "hits of a search (PubMed syntax, #N from the history, or --cnki), or the ids given. Deleted "
               "records are never written. doc/biblio.md lists the CSV columns and JSON keys.",
               "lit export");
  std::string db_path, to = "ris", out;
  std::vector<long> ids;
  carta::lit::ExportRequest request;
  app.add_option("--query", request.query, "only the records this search finds (not added to the history)");
  app.add_flag("--cnki", request.cnki, "--query is in CNKI professional-search syntax");
  app.add_option("--ids", ids, "only these record ids, comma-separated")->delimiter(',');
  app.add_option("--to", to, "ris (default), csv or json")->check(CLI::IsMember(biblio::OutputFormatNames()));
  app.add_option("--out", out, "file to write (a regular file, replaced as a whole; never a link, FIFO or device); default: standard output");
  AddDbOption(app, &db_path);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (!request.query.empty() && !ids.empty()) {
    std::cerr << "carta lit export: give --query or --ids, not both\n";
    return kExitUsage;
  }
  for (long id : ids) request.ids.push_back(carta::lit::RecordId{id});
  biblio::OutputFormat format = biblio::OutputFormat::kRis;
  biblio::ParseOutputFormat(to, &format);
  auto lit = OpenLiterature(db_path);
  if (!lit.ok()) return Fail(lit.status());
  std::string failed_query;
  auto r = carta::lit::Export(*lit, request, &failed_query);
  if (!r.ok()) return Fail(WithFlag(WithCaret(r.status(), failed_query), {"ids"}));
  PrintNotes(r->notes);
  const std::vector<biblio::Record>& records = r->records;
  const std::string text = biblio::WriteRecords(format, records);
  if (out.empty()) {
    if (!(std::cout << text) || !std::cout.flush()) {
      return Fail(Status::IOError("cannot write the records to standard output (disk full or pipe closed)"));
    }
  } else if (Status s = carta::lit::WriteExportFile(out, text); !s.ok()) {
    return Fail(WithFlag(s, {"out"}));
  }
  std::cerr << "carta: wrote " << records.size() << " records as " << to << (out.empty() ? "" : " to " + out)
            << "\n";
  return 0;
}

}  // namespace carta::cli::lit
