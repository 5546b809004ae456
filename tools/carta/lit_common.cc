#include "lit_common.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>

#include "carta/core/text.h"
#include "carta/search/query.h"

namespace carta::cli::lit {

namespace {

// The first `chars` characters of UTF-8 `s`.
std::string_view PrefixChars(std::string_view s, size_t chars) {
  size_t i = 0;
  for (size_t n = 0; i < s.size() && n < chars; ++n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return s.substr(0, i);
}

// The parser's message with the query and a caret under its column.
Status WithCaret(const Status& s, const std::string& query) {
  static const std::regex kColumn("^column ([0-9]+):");
  std::smatch m;
  const std::string& msg = s.message();
  if (!std::regex_search(msg, m, kColumn)) return s;
  const size_t column = static_cast<size_t>(text::ParseCount(m[1].str()).value_or(1));
  // A long query is shown as a window of about 60 characters either side of the column.
  constexpr size_t kWindow = 60;
  const size_t skip = column > kWindow + 1 ? column - 1 - kWindow : 0;
  std::string shown = query.substr(PrefixChars(query, skip).size());
  const std::string before(PrefixChars(shown, column - 1 - skip));
  const std::string lead = skip > 0 ? "..." : "";
  if (PrefixChars(shown, 2 * kWindow).size() < shown.size()) shown = std::string(PrefixChars(shown, 2 * kWindow)) + "...";
  const int pad = text::DisplayWidth(lead + before);
  return Status::InvalidArgument(msg + "\n  " + lead + shown + "\n  " + std::string(pad, ' ') + "^");
}

// A PubMed query's references to CNKI searches, which PubMed syntax cannot replay.
Status CheckRefs(const std::string& text, const std::vector<store::SearchEntry>& history) {
  static const std::regex kRef("#([0-9]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kRef); it != std::sregex_iterator(); ++it) {
    // Too many digits for a long is no reference the history holds; the parser says so at its column.
    const long n = text::ParseCount((*it)[1].str()).value_or(-1);
    if (n >= 1 && n <= static_cast<long>(history.size()) && history[n - 1].syntax == "cnki") {
      return Status::InvalidArgument("column " + std::to_string(it->position() + 1) + ": #" + std::to_string(n) +
                                     " is a CNKI search; history references combine PubMed searches only");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<store::Literature> OpenLiterature(const std::string& db_path, bool create) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(db_path, ec)) {
    return Status::NotFound("no project database at '" + db_path + "' (check --db or $CARTA_DB); 'carta lit import "
                            "FILES' starts one");
  }
  return store::Literature::Open(db_path);
}

Result<uint32_t> Corpus::IndexOf(long id) const {
  auto it = index_of.find(id);
  if (it == index_of.end()) {
    return Status::NotFound("there is no record " + std::to_string(id) + " (or it was deleted); see 'carta lit search'");
  }
  return it->second;
}

Result<Corpus> LoadCorpus(store::Literature& lit) {
  auto records = lit.Records(false);
  if (!records.ok()) return records.status();
  Corpus c;
  for (auto& r : *records) {
    c.index_of[r.id] = static_cast<uint32_t>(c.records.size());
    c.ids.push_back(r.id);
    c.records.push_back(std::move(r.record));
  }
  auto deleted = lit.DeletedIds();
  if (!deleted.ok()) return deleted.status();
  c.deleted = std::move(*deleted);
  return c;
}

Result<search::Index> LoadIndex(store::Literature& lit) {
  auto state = lit.OpenIndex();
  if (!state.ok()) return state.status();
  if (!state->rebuilt_why.empty()) {
    std::cerr << "carta: rebuilt the search index from " << state->index.num_docs()
              << " records: " << state->rebuilt_why << "\n";
  }
  return std::move(state->index);
}

std::string SeparateHistoryRefs(const std::string& text, std::string* note) {
  static const std::regex kRunIn("(#[0-9]+)(AND|OR|NOT)\\b");
  std::string out = std::regex_replace(text, kRunIn, "$1 $2");
  *note = out == text ? "" : "read '" + text + "' as '" + out + "' (no space before the operator, as printed)";
  return out;
}

Result<QueryRun> RunQuery(const std::string& text, bool cnki, const std::vector<store::SearchEntry>& history,
                          const search::Index& index, const std::vector<long>& deleted) {
  QueryRun run;
  run.query = text;
  run.syntax = cnki ? "cnki" : "pubmed";
  Result<search::Query> q = Status::InvalidArgument("column 1: empty query");
  if (cnki) {
    q = search::ParseCnki(text);
  } else {
    if (Status s = CheckRefs(text, history); !s.ok()) return WithCaret(s, text);
    std::vector<std::string> past;
    for (const auto& h : history) past.push_back(h.syntax == "pubmed" ? h.query : "");
    q = search::ParsePubmed(text, past);
  }
  if (!q.ok()) return WithCaret(q.status(), text);
  run.translation = q->Explain();
  search::SearchResult hits = index.Search(*q);
  run.warnings = hits.warnings;
  for (uint32_t doc : hits.docs) {
    const long id = static_cast<long>(doc) + 1;
    if (!std::binary_search(deleted.begin(), deleted.end(), id)) run.records.push_back(id);
  }
  return run;
}

std::string FirstAuthor(const biblio::Record& r) { return r.authors.empty() ? "" : r.authors.front(); }

std::string ShownId(const biblio::Record& r) { return store::RecordIdKey(r); }

Result<std::string> ResolveReviewer(const std::string& given) {
  if (!given.empty()) {
    if (text::Trim(given).empty()) return Status::InvalidArgument("--reviewer: the name is empty");
    return std::string(text::Trim(given));
  }
  for (const char* var : {"CARTA_REVIEWER", "USER"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return std::string(v);
  }
  return Status::InvalidArgument("who is deciding? give --reviewer NAME (or set $CARTA_REVIEWER)");
}

}  // namespace carta::cli::lit
