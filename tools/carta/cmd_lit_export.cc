// carta lit export: the project's records (all, a search, or chosen ids) as
// RIS for EndNote/Zotero, CSV for a spreadsheet, or JSON.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "carta/biblio/write.h"
#include "carta/core/text.h"
#include "lit_common.h"

namespace carta::cli::lit {

namespace {

struct ExportArgs {
  std::string db_path, query, to = "ris", out;
  std::vector<long> ids;
  bool cnki = false;
};

// The record ids to write: a search's hits, the ids given, or every record.
Result<std::vector<long>> Selection(const ExportArgs& a, store::Literature& lit, const Corpus& corpus) {
  if (!a.ids.empty()) {
    for (long id : a.ids) {
      if (auto i = corpus.IndexOf(id); !i.ok()) return i.status().WithContext("--ids");
    }
    return a.ids;
  }
  if (a.query.empty()) return corpus.ids;
  auto index = LoadIndex(lit);
  if (!index.ok()) return index.status();
  auto history = lit.History();
  if (!history.ok()) return history.status();
  std::string note;
  const std::string query = a.cnki ? a.query : SeparateHistoryRefs(a.query, &note);
  if (!note.empty()) std::cerr << "carta: " << note << "\n";
  auto run = RunQuery(query, a.cnki, *history, *index, corpus.deleted);
  if (!run.ok()) return run.status();
  return run->records;
}

// Writes to `path` through a temporary file renamed over it, so a failure leaves what was there.
Status WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".carta-tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    if (!(f << text) || !f.flush()) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return Status::IOError("cannot write '" + path + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IOError("cannot write '" + path + "': " + ec.message());
  }
  return Status::Ok();
}

}  // namespace

int RunExport(int argc, char** argv) {
  CLI::App app("Write the project's records as RIS (EndNote, Zotero, RevMan), CSV or JSON: every record, the "
               "hits of a search (PubMed syntax, #N from the history, or --cnki), or the ids given. Deleted "
               "records are never written. doc/biblio.md lists the CSV columns and JSON keys.",
               "lit export");
  ExportArgs a;
  app.add_option("--query", a.query, "only the records this search finds (not added to the history)");
  app.add_flag("--cnki", a.cnki, "--query is in CNKI professional-search syntax");
  app.add_option("--ids", a.ids, "only these record ids, comma-separated")->delimiter(',');
  app.add_option("--to", a.to, "ris (default), csv or json")->check(CLI::IsMember({"ris", "csv", "json"}));
  app.add_option("--out", a.out, "file to write (replaced as a whole); default: standard output");
  AddDbOption(app, &a.db_path);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (!a.query.empty() && !a.ids.empty()) {
    std::cerr << "carta lit export: give --query or --ids, not both\n";
    return kExitUsage;
  }
  biblio::OutputFormat format = biblio::OutputFormat::kRis;
  biblio::ParseOutputFormat(a.to, &format);
  auto lit = OpenLiterature(a.db_path);
  if (!lit.ok()) return Fail(lit.status());
  auto corpus = LoadCorpus(*lit);
  if (!corpus.ok()) return Fail(corpus.status());
  auto ids = Selection(a, *lit, *corpus);
  if (!ids.ok()) return Fail(ids.status());
  std::vector<biblio::Record> records;
  for (long id : *ids) records.push_back(corpus->records[*corpus->IndexOf(id)]);
  const std::string text = biblio::WriteRecords(format, records);
  if (a.out.empty()) {
    std::cout << text;
  } else if (Status s = WriteFileAtomically(a.out, text); !s.ok()) {
    return Fail(s);
  }
  std::cerr << "carta: wrote " << records.size() << " records as " << a.to << (a.out.empty() ? "" : " to " + a.out)
            << "\n";
  return 0;
}

}  // namespace carta::cli::lit
