// carta lit search 'QUERY' | --strategy FILE, and carta lit history.
#include <iostream>

#include "carta/api/lit.h"
#include "carta/lit/search.h"
#include "lit_common.h"

namespace carta::cli::lit {

namespace {

namespace lib = carta::lit;

struct SearchArgs {
  std::string query, strategy, db_path, format;
  bool cnki = false, count = false, ids = false, explain = false;
  int show = 10;
};

void PrintRun(const SearchArgs& a, const lib::SearchResult& r) {
  for (const auto& w : r.run.warnings) std::cerr << "carta: warning: " << w << "\n";
  const Format f = ParseFormat(a.format);
  if (a.ids) {
    for (lib::RecordId id : r.run.records) std::cout << id.value << "\n";
    return;
  }
  if (f == Format::kJson) {
    std::cout << api::Dump(api::ToJson(r)) << "\n";
    return;
  }
  if (f == Format::kTable) {
    std::cout << "#" << r.number << "  " << r.run.records.size() << " records  " << r.run.query << "\n";
    if (a.explain) std::cout << "Query translation: " << r.run.translation << "\n";
    if (a.count || r.run.records.empty()) return;
    std::cout << "\n";
  }
  Print(api::RecordsListing(r), f, std::cout);
  if (f == Format::kTable && r.run.records.size() > r.shown.size()) {
    std::cout << "(" << r.run.records.size() - r.shown.size() << " more; --show N shows more, --ids lists every id)\n";
  }
}

int RunStrategy(const SearchArgs& a, store::Literature& lit) {
  auto text = ReadTextFile(a.strategy);
  if (!text.ok()) return Fail(text.status());
  std::string failed_query;
  auto r = lib::RunStrategy(lit, {a.strategy, *text, a.cnki}, &failed_query);
  if (!r.ok()) return Fail(WithCaret(r.status(), failed_query));
  PrintNotes(r->notes);
  Print(api::StrategyListing(*r), ParseFormat(a.format), std::cout);
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
  if (!a.strategy.empty()) return RunStrategy(a, *lit);
  const size_t show = a.ids || a.count ? 0 : static_cast<size_t>(a.show);
  std::string failed_query;
  auto r = lib::Search(*lit, {a.query, a.cnki, show}, &failed_query);
  if (!r.ok()) return Fail(WithCaret(r.status(), failed_query));
  PrintNotes(r->notes);
  PrintRun(a, *r);
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
  Print(api::HistoryListing(*history), ParseFormat(format), std::cout);
  return 0;
}

}  // namespace carta::cli::lit
