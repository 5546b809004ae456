// carta lit search 'QUERY' | --strategy FILE, and carta lit history.
#include <cctype>
#include <iostream>
#include <map>

#include "carta/core/text.h"
#include "lit_common.h"

namespace carta::cli::lit {

namespace {

struct SearchArgs {
  std::string query, strategy, db_path, format;
  bool cnki = false, count = false, ids = false, explain = false;
  int show = 10;
};

api::Json RecordRow(const store::LitRecord& lr) {
  const biblio::Record& r = lr.record;
  return {{"id", lr.id},             {"source", biblio::SourceName(r.source)},
          {"pmid", r.pmid},          {"doi", r.doi},
          {"cnki_id", r.cnki_id},    {"year", r.year == 0 ? api::Json() : api::Json(r.year)},
          {"first_author", FirstAuthor(r)}, {"title", r.title}};
}

// The first `limit` records of a search, read one by one (a search never loads every record).
Result<std::vector<api::Json>> Rows(store::Literature& lit, const std::vector<long>& ids, size_t limit) {
  std::vector<api::Json> rows;
  for (size_t k = 0; k < ids.size() && k < limit; ++k) {
    auto r = lit.Find(ids[k]);
    if (!r.ok()) return r.status();
    rows.push_back(RecordRow(*r));
  }
  return rows;
}

Status PrintRun(const SearchArgs& a, const QueryRun& run, long number, store::Literature& lit) {
  for (const auto& w : run.warnings) std::cerr << "carta: warning: " << w << "\n";
  const Format f = ParseFormat(a.format);
  if (a.ids) {
    for (long id : run.records) std::cout << id << "\n";
    return Status::Ok();
  }
  auto rows = Rows(lit, run.records, a.count ? 0 : static_cast<size_t>(a.show));
  if (!rows.ok()) return rows.status();
  if (f == Format::kJson) {
    std::cout << DumpJson({{"number", number}, {"syntax", run.syntax}, {"query", run.query},
                           {"count", run.records.size()}, {"translation", run.translation},
                           {"warnings", run.warnings}, {"records", *rows}})
              << "\n";
    return Status::Ok();
  }
  if (f == Format::kTable) {
    std::cout << "#" << number << "  " << run.records.size() << " records  " << run.query << "\n";
    if (a.explain) std::cout << "Query translation: " << run.translation << "\n";
    if (a.count || run.records.empty()) return Status::Ok();
    std::cout << "\n";
  }
  Listing l({{"id", "id"}, {"source", "source"}, {"pmid", "pmid"}, {"doi", "doi"}, {"cnki_id", "cnki id"},
             {"year", "year"}, {"first_author", "first author", 24}, {"title", "title", 70}});
  for (auto& j : *rows) l.Add({j["id"], j["source"], j["pmid"], j["doi"], j["cnki_id"], j["year"], j["first_author"], j["title"]});
  Print(l, f, std::cout);
  if (f == Format::kTable && run.records.size() > rows->size()) {
    std::cout << "(" << run.records.size() - rows->size() << " more; --show N shows more, --ids lists every id)\n";
  }
  return Status::Ok();
}

// The file's "#k" replaced by the history numbers they became; "" (after an
// error on stderr) for a reference to a line not run before.
std::string RenumberRefs(const std::string& query, const std::map<long, long>& renumber, const std::string& where) {
  std::string out;
  for (size_t i = 0; i < query.size(); ++i) {
    if (query[i] != '#' || i + 1 >= query.size() || !std::isdigit(static_cast<unsigned char>(query[i + 1]))) {
      out += query[i];
      continue;
    }
    size_t j = i + 1;
    while (j < query.size() && std::isdigit(static_cast<unsigned char>(query[j]))) ++j;
    auto it = renumber.find(text::ParseCount(query.substr(i + 1, j - i - 1)).value_or(-1));
    if (it == renumber.end()) {
      std::cerr << "carta: " << where << ": " << query.substr(i, j - i) << " refers to no earlier line of the strategy\n";
      return "";
    }
    out += "#" + std::to_string(it->second);
    i = j - 1;
  }
  return out;
}

// One numbered query per line ("#1 CAR-T[Title/Abstract]"); "# " lines are
// comments. Every line is run first against the history as it will be; only
// when all of them ran are they added to it, so a bad line leaves the history
// as it was.
int RunStrategy(const SearchArgs& a, store::Literature& lit, const search::Index& index,
                const std::vector<long>& deleted) {
  auto text = ReadTextFile(a.strategy);
  if (!text.ok()) return Fail(text.status());
  auto stored = lit.History();
  if (!stored.ok()) return Fail(stored.status());
  std::vector<store::SearchEntry> history = *stored;
  const size_t first_new = history.size();
  std::map<long, long> renumber;  // the file's #k -> the history's number
  Listing l({{"line", "line"}, {"number", "#"}, {"query", "query", 60}, {"count", "count"}});
  int line_no = 0;
  for (const std::string& raw : text::Split(*text, '\n')) {
    ++line_no;
    const std::string where = a.strategy + ":" + std::to_string(line_no);
    const std::string line(text::Trim(raw));
    if (line.empty() || line == "#" || text::StartsWith(line, "# ")) continue;
    const size_t sp = line.find_first_of(" \t");
    auto k = line[0] == '#' && sp != std::string::npos ? text::ParseCount(line.substr(1, sp - 1)) : std::nullopt;
    if (!k) return Fail(Status::InvalidArgument(where + ": a strategy line starts with its number, '#1 query'"));
    if (renumber.count(*k)) return Fail(Status::InvalidArgument(where + ": #" + std::to_string(*k) + " is numbered twice"));
    std::string note, query = std::string(text::Trim(line.substr(sp)));
    if (!a.cnki) query = SeparateHistoryRefs(query, &note);
    if (!note.empty()) std::cerr << "carta: " << where << ": " << note << "\n";
    const std::string mapped = RenumberRefs(query, renumber, where);
    if (mapped.empty()) return kExitFailure;
    auto run = RunQuery(mapped, a.cnki, history, index, deleted);
    if (!run.ok()) return Fail(run.status().WithContext(where + " (nothing of the strategy was added to the history)"));
    for (const auto& w : run->warnings) std::cerr << "carta: " << where << ": warning: " << w << "\n";
    const long number = static_cast<long>(history.size()) + 1;
    history.push_back({number, run->syntax, mapped, static_cast<long>(run->records.size()), ""});
    renumber[*k] = number;
    l.Add({line_no, "#" + std::to_string(number), mapped, run->records.size()});
  }
  for (size_t i = first_new; i < history.size(); ++i) {
    auto number = lit.AddSearch(history[i].syntax, history[i].query, history[i].count);
    if (!number.ok()) return Fail(number.status());
  }
  Print(l, ParseFormat(a.format), std::cout);
  return 0;
}

}  // namespace

int RunSearch(int argc, char** argv) {
  CLI::App app(
      "Search the project's records. PubMed syntax by default (tags such as [tiab], [mh], [au], [dp]; AND, OR, "
      "NOT in capitals; #N refers to search N of the history), CNKI professional syntax with --cnki "
      "(SU=('CAR-T'+'嵌合抗原受体')*'淋巴瘤'). Each search is added to the history. Prints the count, the warnings "
      "(where carta reads a query differently from PubMed), and the first records. A malformed query is "
      "shown with a caret under the column at fault (exit 1). doc/search.md lists the syntax.",
      "lit search");
  SearchArgs a;
  app.add_option("QUERY", a.query, "the query (quote it for the shell)");
  app.add_option("--strategy", a.strategy, "run a file of numbered queries, '#1 CAR-T[Title/Abstract]' per line "
                                           "('# ' lines are comments), and print each line's count");
  app.add_flag("--cnki", a.cnki, "CNKI professional-search syntax instead of PubMed's");
  app.add_flag("--count", a.count, "print only the count");
  app.add_flag("--ids", a.ids, "print every matching record id, one per line");
  app.add_option("--show", a.show, "records to show (default 10)")->check(CLI::NonNegativeNumber);
  app.add_flag("--explain", a.explain, "print the query translation (how carta read the query)");
  AddDbOption(app, &a.db_path);
  AddFormatOption(app, &a.format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (a.query.empty() == a.strategy.empty()) {
    std::cerr << "carta lit search: give a QUERY or --strategy FILE (one of them)\n";
    return kExitUsage;
  }
  auto lit = OpenLiterature(a.db_path);
  if (!lit.ok()) return Fail(lit.status());
  auto deleted = lit->DeletedIds();
  if (!deleted.ok()) return Fail(deleted.status());
  auto index = LoadIndex(*lit);
  if (!index.ok()) return Fail(index.status());
  if (!a.strategy.empty()) return RunStrategy(a, *lit, *index, *deleted);
  auto history = lit->History();
  if (!history.ok()) return Fail(history.status());
  std::string note;
  const std::string query = a.cnki ? a.query : SeparateHistoryRefs(a.query, &note);
  if (!note.empty()) std::cerr << "carta: " << note << "\n";
  auto run = RunQuery(query, a.cnki, *history, *index, *deleted);
  if (!run.ok()) return Fail(run.status());
  auto number = lit->AddSearch(run->syntax, run->query, static_cast<long>(run->records.size()));
  if (!number.ok()) return Fail(number.status());
  if (Status s = PrintRun(a, *run, *number, *lit); !s.ok()) return Fail(s);
  return 0;
}

int RunHistory(int argc, char** argv) {
  CLI::App app("The numbered searches of this project, oldest first: number, syntax, query, count then, time. "
               "'#N' in a PubMed query refers to search N.", "lit history");
  std::string db_path, format;
  bool clear = false;
  app.add_flag("--clear", clear, "empty the history (numbering starts again at #1)");
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto lit = OpenLiterature(db_path);
  if (!lit.ok()) return Fail(lit.status());
  if (clear) {
    if (Status s = lit->ClearHistory(); !s.ok()) return Fail(s);
    std::cerr << "carta: the search history is empty\n";
    return 0;
  }
  auto history = lit->History();
  if (!history.ok()) return Fail(history.status());
  Listing l({{"number", "#"}, {"syntax", "syntax"}, {"query", "query", 60}, {"count", "count"}, {"time", "time"}});
  for (const auto& h : *history) l.Add({h.number, h.syntax, h.query, h.count, h.time_utc});
  Print(l, ParseFormat(format), std::cout);
  return 0;
}

}  // namespace carta::cli::lit
