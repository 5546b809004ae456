// carta lit screen --next | --status | --simulate.
#include <algorithm>
#include <iostream>

#include "carta/core/csv.h"
#include "carta/core/text.h"
#include "carta/screen/features.h"
#include "carta/screen/ranker.h"
#include "carta/screen/simulate.h"
#include "lit_screen.h"

namespace carta::cli::lit {

namespace {

constexpr int kDefaultNext = 5;

void ShowRecord(const Corpus& c, uint32_t i, std::ostream& out) {
  const biblio::Record& r = c.records[i];
  out << "record " << c.ids[i] << "  (" << biblio::SourceName(r.source) << (ShownId(r).empty() ? "" : ", " + ShownId(r))
      << ")\n" << r.title << "\n";
  if (!r.authors.empty()) out << text::Join(r.authors, "; ") << "\n";
  out << r.journal << (r.year ? " " + std::to_string(r.year) : "") << (r.language.empty() ? "" : "  [" + r.language + "]")
      << "\n";
  if (!r.abstract.empty()) out << "\n" << r.abstract << "\n";
  out << "\n";
}

// Verdicts by `reviewer` at title/abstract as ranker labels: include and maybe relevant.
Status LabelOwnDecisions(const ScreenState& st, const std::string& reviewer, screen::Ranker* ranker) {
  for (const auto& d : st.log.Current(screen::Stage::kTitleAbstract)) {
    if (d.reviewer != reviewer) continue;
    if (Status s = ranker->Label(d.record, d.verdict != screen::Verdict::kExclude); !s.ok()) return s;
  }
  return Status::Ok();
}

api::Json StageJson(const ScreenState& st, screen::Stage stage, const std::vector<uint32_t>& ids) {
  api::Json j = {{"records", ids.size()}};
  std::map<std::string, long> decided;
  for (const auto& d : st.log.Current(stage)) ++decided[d.reviewer];
  j["decided_by"] = decided;
  long counts[3][2] = {{0, 0}, {0, 0}, {0, 0}};  // verdict x (agreed, resolved)
  long conflicts = 0, pending = 0;
  if (!st.reviewers.empty()) {
    for (const auto& f : st.log.Final(stage, ids, st.reviewers, st.resolver)) {
      if (f.state == screen::FinalState::kConflict) ++conflicts;
      if (f.state == screen::FinalState::kPending) ++pending;
      if (f.state == screen::FinalState::kAgreed || f.state == screen::FinalState::kResolved) {
        ++counts[static_cast<int>(f.verdict)][f.state == screen::FinalState::kResolved];
      }
    }
  } else {
    pending = static_cast<long>(ids.size());
  }
  for (auto v : {screen::Verdict::kInclude, screen::Verdict::kExclude, screen::Verdict::kMaybe}) {
    const auto* c = counts[static_cast<int>(v)];
    j[std::string(screen::VerdictName(v))] = c[0] + c[1];
  }
  long resolved = 0;
  for (const auto& c : counts) resolved += c[1];
  j["resolved"] = resolved;
  j["conflicts"] = conflicts;
  j["pending"] = pending;
  return j;
}

// The labels CSV: id (record id, pmid:N, doi:..., cnki:...) and label (1/0, include/exclude).
Status ReadLabels(const std::string& file, const Corpus& c, std::vector<uint32_t>* records, std::vector<uint8_t>* labels) {
  auto text = ReadTextFile(file);
  if (!text.ok()) return text.status();
  auto csv = ParseCsv(*text, file);
  if (!csv.ok()) return csv.status();
  const int id_col = csv->Column("id"), label_col = csv->Column("label");
  if (id_col < 0 || label_col < 0) return Status::InvalidArgument(file + ": needs the columns id and label");
  std::map<std::string, uint32_t> by_key;
  for (uint32_t i = 0; i < c.records.size(); ++i) by_key[store::RecordIdKey(c.records[i])] = i;
  for (size_t k = 0; k < csv->rows.size(); ++k) {
    const std::string where = file + ":" + std::to_string(csv->lines[k]);
    const std::string& id = csv->rows[k][id_col];
    const std::string label = text::ToLower(csv->rows[k][label_col]);
    auto n = text::ParseCount(id);
    auto it = n ? c.index_of.find(*n) : c.index_of.end();
    auto kt = by_key.find(id);
    if ((n && it == c.index_of.end()) || (!n && kt == by_key.end())) return Status::NotFound(where + ": no record '" + id + "'");
    records->push_back(n ? it->second : kt->second);
    if (label != "1" && label != "0" && label != "include" && label != "exclude") {
      return Status::InvalidArgument(where + ": label '" + label + "' is not 1, 0, include or exclude");
    }
    labels->push_back(label == "1" || label == "include");
  }
  return Status::Ok();
}

}  // namespace

std::vector<uint32_t> FullTextRecords(const ScreenState& st) {
  std::vector<uint32_t> out;
  if (st.reviewers.empty()) return out;
  for (const auto& f : st.log.Final(screen::Stage::kTitleAbstract, st.to_screen, st.reviewers, st.resolver)) {
    const bool settled = f.state == screen::FinalState::kAgreed || f.state == screen::FinalState::kResolved;
    if (settled && f.verdict != screen::Verdict::kExclude) out.push_back(f.record);
  }
  return out;
}

int ScreenNext(const ScreenArgs& a, store::Literature& lit) {
  auto reviewer = ResolveReviewer(a.reviewer);
  if (!reviewer.ok()) return Fail(reviewer.status());
  auto st = LoadScreenState(lit);
  if (!st.ok()) return Fail(st.status());
  const screen::FeatureMatrix features = screen::BuildRecordFeatures(st->corpus.records);
  screen::Ranker ranker(&features);
  std::vector<char> screened(st->corpus.records.size(), 0);
  for (uint32_t i : st->to_screen) screened[i] = 1;
  for (uint32_t i = 0; i < screened.size(); ++i) if (!screened[i]) ranker.Remove(i);
  if (Status s = LabelOwnDecisions(*st, *reviewer, &ranker); !s.ok()) return Fail(s);
  const screen::Proposal p = ranker.Next(a.next.empty() ? kDefaultNext : static_cast<size_t>(std::max(1, a.next[0])));
  if (ParseFormat(a.format) == Format::kJson) {
    api::Json records = api::Json::array();
    for (size_t k = 0; k < p.records.size(); ++k) {
      const uint32_t i = p.records[k];
      records.push_back({{"rank", k + 1}, {"id", st->corpus.ids[i]},
                         {"relevance", p.relevance.empty() ? api::Json() : JsonNumber(p.relevance[k])},
                         {"title", st->corpus.records[i].title}, {"abstract", st->corpus.records[i].abstract}});
    }
    std::cout << DumpJson({{"reviewer", *reviewer}, {"cold_start", p.cold_start}, {"why", p.why}, {"records", records}}) << "\n";
    return 0;
  }
  if (p.records.empty()) {
    std::cout << "Nothing left for " << *reviewer << " to screen.\n";
    return 0;
  }
  ShowRecord(st->corpus, p.records[0], std::cout);
  Listing l({{"rank", "rank"}, {"id", "id"}, {"relevance", "relevance"}, {"year", "year"}, {"title", "title", 70}});
  for (size_t k = 0; k < p.records.size(); ++k) {
    const auto& r = st->corpus.records[p.records[k]];
    l.Add({k + 1, st->corpus.ids[p.records[k]], p.relevance.empty() ? "" : Fixed(p.relevance[k], 3),
           r.year ? api::Json(r.year) : api::Json(), r.title});
  }
  Print(l, ParseFormat(a.format), std::cout);
  std::cerr << "carta: " << p.why << "\n";
  return 0;
}

int ScreenStatus(const ScreenArgs& a, store::Literature& lit) {
  auto st = LoadScreenState(lit);
  if (!st.ok()) return Fail(st.status());
  long automatic = 0;
  for (const auto& d : st->automatic) automatic += d.excluded;
  api::Json j = {{"records", st->corpus.records.size()},  {"dedup_applied", st->dedup_applied},
                      {"dedup_stale", st->dedup_stale},         {"duplicates_removed", st->dedup.DuplicatesRemoved()},
                      {"criteria", st->have_criteria},          {"excluded_by_criteria", automatic},
                      {"to_screen", st->to_screen.size()},      {"reviewers", st->reviewers},
                      {"resolver", st->resolver}};
  j["title_abstract"] = StageJson(*st, screen::Stage::kTitleAbstract, st->to_screen);
  j["full_text"] = StageJson(*st, screen::Stage::kFullText, FullTextRecords(*st));
  if (ParseFormat(a.format) == Format::kJson) {
    std::cout << DumpJson(j) << "\n";
    return 0;
  }
  Listing l({{"key", "key"}, {"value", "value"}});
  for (const auto& [k, v] : j.items()) {
    if (!v.is_object()) l.Add({k, v});
    if (v.is_object()) for (const auto& [k2, v2] : v.items()) l.Add({k + "." + k2, v2.is_object() ? api::Json(v2.dump()) : v2});
  }
  Print(l, ParseFormat(a.format), std::cout);
  if (st->dedup_stale) std::cerr << "carta: records changed since 'carta lit dedup --apply'; run it again\n";
  return 0;
}

int ScreenSimulate(const ScreenArgs& a, store::Literature& lit) {
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return Fail(corpus.status());
  std::vector<uint32_t> which;
  std::vector<uint8_t> labels;
  if (Status s = ReadLabels(a.labels, *corpus, &which, &labels); !s.ok()) return Fail(s);
  std::vector<biblio::Record> records;
  for (uint32_t i : which) records.push_back(corpus->records[i]);
  screen::SimulationOptions o;
  o.seed = static_cast<uint64_t>(a.seed);
  auto r = screen::Simulate(records, labels, o);
  if (!r.ok()) return Fail(r.status().WithContext(a.labels));
  std::vector<long> prior, order;
  for (uint32_t k : r->prior) prior.push_back(corpus->ids[which[k]]);
  for (uint32_t k : r->order) order.push_back(corpus->ids[which[k]]);
  api::Json j = {{"n_records", r->n_records}, {"n_relevant", r->n_relevant}, {"prior", prior},
                      {"wss95", JsonNumber(r->wss95)}, {"wss95_cohen", JsonNumber(r->wss95_cohen)},
                      {"rrf10", JsonNumber(r->rrf10)}, {"order", order}, {"found", r->found}};
  if (ParseFormat(a.format) == Format::kJson) {
    std::cout << DumpJson(j) << "\n";
    return 0;
  }
  Listing l({{"screened", "screened"}, {"found", "relevant found"}, {"recall", "recall"}});
  for (size_t k = 0; k < r->found.size(); ++k) {
    const double recall = r->n_relevant ? static_cast<double>(r->found[k]) / static_cast<double>(r->n_relevant) : 0;
    l.Add({k + 1, r->found[k], Fixed(recall, 3)});
  }
  Print(l, ParseFormat(a.format), std::cout);
  if (ParseFormat(a.format) == Format::kTable) {
    std::cout << "\nrecords " << r->n_records << " (after " << prior.size() << " prior), relevant " << r->n_relevant
              << "\nWSS@95 " << Fixed(r->wss95, 3) << " (asreview), " << Fixed(r->wss95_cohen, 3)
              << " (Cohen 2006)\nRRF@10 " << Fixed(r->rrf10, 3) << "\n";
  }
  return 0;
}

}  // namespace carta::cli::lit
