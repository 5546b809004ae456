// A search and a strategy of searches, added to the history in one
// transaction each and numbered by the database.
#include <cctype>
#include <map>

#include "carta/core/text.h"
#include "carta/lit/search.h"
#include "location.h"

namespace carta::lit {

namespace {

Result<std::vector<RecordId>> DeletedIds(store::Literature& lit) {
  auto deleted = lit.DeletedIds();
  if (!deleted.ok()) return deleted.status();
  std::vector<RecordId> out;
  for (long id : *deleted) out.push_back(RecordId{id});
  return out;
}

// The strategy's "#k" replaced by the history numbers they became;
// InvalidArgument for a reference to a line not run before.
Result<std::string> RenumberRefs(const std::string& query, const std::map<long, long>& renumber) {
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
      return Status::InvalidArgument(query.substr(i, j - i) + " refers to no earlier line of the strategy");
    }
    out += "#" + std::to_string(it->second);
    i = j - 1;
  }
  return out;
}

// The strategy line's number k of "#k query" and the query; InvalidArgument when it has none.
Status SplitLine(const std::string& line, long* k, std::string* query) {
  const size_t sp = line.find_first_of(" \t");
  auto n = line[0] == '#' && sp != std::string::npos ? text::ParseCount(line.substr(1, sp - 1)) : std::nullopt;
  if (!n) return Status::InvalidArgument("a strategy line starts with its number, '#1 query'");
  *k = *n;
  *query = std::string(text::Trim(line.substr(sp)));
  return Status::Ok();
}

}  // namespace

Result<SearchResult> Search(store::Literature& lit, const SearchRequest& request, std::string* failed_query) {
  SearchResult out;
  auto deleted = DeletedIds(lit);
  if (!deleted.ok()) return deleted.status();
  auto index = LoadIndex(lit, &out.notes);
  if (!index.ok()) return index.status();
  auto mesh = lit.LoadMeshTree();
  if (!mesh.ok()) return mesh.status();
  std::string note;
  const std::string query = request.cnki ? request.query : SeparateHistoryRefs(request.query, &note);
  if (!note.empty()) out.notes.push_back(note);
  auto added = lit.AddSearches([&](const std::vector<store::SearchEntry>& history,
                                   long first) -> Result<std::vector<store::SearchEntry>> {
    auto run = RunQuery(query, request.cnki, history, **index, *deleted, &*mesh);
    if (!run.ok()) return run.status();
    out.run = std::move(*run);
    return std::vector<store::SearchEntry>{
        {first, out.run.syntax, out.run.query, static_cast<long>(out.run.records.size()), ""}};
  });
  if (!added.ok()) {
    if (failed_query != nullptr) *failed_query = query;
    return added.status();
  }
  out.number = added->front().number;
  for (size_t k = 0; k < out.run.records.size() && k < request.show; ++k) {
    auto r = lit.Find(out.run.records[k].value);  // one by one: a search never loads every record
    if (!r.ok()) return r.status();
    out.shown.push_back(Brief(out.run.records[k], r->record));
  }
  return out;
}

Result<StrategyResult> RunStrategy(store::Literature& lit, const StrategyRequest& request, std::string* failed_query) {
  StrategyResult out;
  auto deleted = DeletedIds(lit);
  if (!deleted.ok()) return deleted.status();
  auto index = LoadIndex(lit, &out.notes);
  if (!index.ok()) return index.status();
  auto mesh = lit.LoadMeshTree();
  if (!mesh.ok()) return mesh.status();
  auto plan = [&](const std::vector<store::SearchEntry>& stored, long first) -> Result<std::vector<store::SearchEntry>> {
    std::vector<store::SearchEntry> history = stored, added;
    std::map<long, long> renumber;  // the file's #k -> the history's number
    int line_no = 0;
    for (const std::string& raw : text::Split(request.text, '\n')) {
      ++line_no;
      const SourceLocation at = FileLine(request.file, line_no);
      const std::string where = request.file + ":" + std::to_string(line_no);
      const std::string line(text::Trim(raw));
      if (line.empty() || line == "#" || text::StartsWith(line, "# ")) continue;
      long k = 0;
      std::string query, note;
      if (Status s = SplitLine(line, &k, &query); !s.ok()) return s.WithContext(where).WithLocation(at);
      if (renumber.count(k)) {
        return Status::InvalidArgument(where + ": #" + std::to_string(k) + " is numbered twice").WithLocation(at);
      }
      if (!request.cnki) query = SeparateHistoryRefs(query, &note);
      if (!note.empty()) out.notes.push_back(where + ": " + note);
      auto mapped = RenumberRefs(query, renumber);
      if (!mapped.ok()) return mapped.status().WithContext(where).WithLocation(at);
      auto run = RunQuery(*mapped, request.cnki, history, **index, *deleted, &*mesh);
      if (!run.ok()) {
        if (failed_query != nullptr) *failed_query = *mapped;
        return run.status().WithContext(where + " (nothing of the strategy was added to the history)").WithLocation(at);
      }
      for (const auto& w : run->warnings) out.notes.push_back(where + ": warning: " + w);
      const long number = first + static_cast<long>(added.size());
      const long count = static_cast<long>(run->records.size());
      added.push_back({number, run->syntax, *mapped, count, ""});
      history.push_back(added.back());
      renumber[k] = number;
      out.lines.push_back({line_no, number, *mapped, count});
    }
    return added;
  };
  auto added = lit.AddSearches(plan);
  if (!added.ok()) return added.status();
  for (size_t i = 0; i < out.lines.size(); ++i) out.lines[i].number = (*added)[i].number;
  return out;
}

}  // namespace carta::lit
