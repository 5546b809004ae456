// Screening use cases that read: the ranker's next records, the status per
// stage, and the simulation on a labelled set.
#include <algorithm>

#include "carta/core/csv.h"
#include "carta/core/text.h"
#include "carta/lit/screening.h"
#include "carta/screen/features.h"
#include "carta/screen/ranker.h"
#include "carta/screen/simulate.h"
#include "location.h"
#include "names.h"

namespace carta::lit {

namespace {

// Verdicts by `reviewer` at title/abstract as ranker labels: include and maybe relevant.
Status LabelOwnDecisions(const ScreenState& st, const std::string& reviewer, screen::Ranker* ranker) {
  for (const auto& d : st.log.Current(screen::Stage::kTitleAbstract)) {
    if (d.reviewer != reviewer) continue;
    if (Status s = ranker->Label(d.record, d.verdict != screen::Verdict::kExclude); !s.ok()) return s;
  }
  return Status::Ok();
}

StageStatus CountStage(const ScreenState& st, screen::Stage stage, const std::vector<uint32_t>& records) {
  StageStatus out;
  out.records = static_cast<long>(records.size());
  for (const auto& d : st.log.Current(stage)) ++out.decided_by[d.reviewer];
  if (st.reviewers.empty()) {
    out.pending = out.records;
    return out;
  }
  for (const auto& f : st.log.Final(stage, records, st.reviewers, st.resolver)) {
    if (f.state == screen::FinalState::kConflict) ++out.conflicts;
    if (f.state == screen::FinalState::kPending) ++out.pending;
    if (f.state != screen::FinalState::kAgreed && f.state != screen::FinalState::kResolved) continue;
    if (f.state == screen::FinalState::kResolved) ++out.resolved;
    if (f.verdict == screen::Verdict::kInclude) ++out.include;
    if (f.verdict == screen::Verdict::kExclude) ++out.exclude;
    if (f.verdict == screen::Verdict::kMaybe) ++out.maybe;
  }
  return out;
}

// The labels CSV: id (record id, pmid:N, doi:..., cnki:...) and label (1/0, include/exclude).
Status ReadLabels(const SimulateRequest& request, const Corpus& c, std::vector<uint32_t>* records,
                  std::vector<uint8_t>* labels) {
  const std::string& file = request.labels_file;
  auto csv = ParseCsv(request.labels_text, file);
  if (!csv.ok()) return csv.status();
  const int id_col = csv->Column("id"), label_col = csv->Column("label");
  if (id_col < 0 || label_col < 0) {
    return Status::InvalidArgument(file + ": needs the columns id and label").WithLocation(FileLine(file));
  }
  std::map<std::string, uint32_t> by_key;
  for (uint32_t i = 0; i < c.size(); ++i) by_key[store::RecordIdKey(c.records()[i])] = i;
  for (size_t k = 0; k < csv->rows.size(); ++k) {
    const SourceLocation at = FileLine(file, csv->lines[k]);
    const std::string where = file + ":" + std::to_string(csv->lines[k]);
    const std::string& id = csv->rows[k][id_col];
    const std::string label = text::ToLower(csv->rows[k][label_col]);
    auto n = text::ParseCount(id);
    auto index = n ? c.IndexOf(RecordId{*n}) : Result<CorpusIndex>(Status::NotFound(""));
    auto kt = by_key.find(id);
    if ((n && !index.ok()) || (!n && kt == by_key.end())) {
      return Status::NotFound(where + ": no record '" + id + "'").WithLocation(at);
    }
    records->push_back(n ? index->value : kt->second);
    if (label != "1" && label != "0" && label != "include" && label != "exclude") {
      return Status::InvalidArgument(where + ": label '" + label + "' is not 1, 0, include or exclude").WithLocation(at);
    }
    labels->push_back(label == "1" || label == "include");
  }
  return Status::Ok();
}

}  // namespace

Result<NextResult> Next(store::Literature& lit, const NextRequest& request) {
  NextResult out;
  if (Status s = CheckReviewerName(request.reviewer, "reviewer"); !s.ok()) return s;
  out.reviewer = std::string(text::Trim(request.reviewer));
  auto st = LoadScreenState(lit);
  if (!st.ok()) return st.status();
  const screen::FeatureMatrix features = screen::BuildRecordFeatures(st->corpus.records());
  screen::Ranker ranker(&features);
  std::vector<char> screened(st->corpus.size(), 0);
  for (uint32_t i : st->to_screen) screened[i] = 1;
  for (uint32_t i = 0; i < screened.size(); ++i) if (!screened[i]) ranker.Remove(i);
  if (Status s = LabelOwnDecisions(*st, out.reviewer, &ranker); !s.ok()) return s;
  const screen::Proposal p = ranker.Next(std::max<size_t>(1, request.count));
  out.cold_start = p.cold_start;
  out.why = p.why;
  for (size_t k = 0; k < p.records.size(); ++k) {
    const CorpusIndex i{p.records[k]};
    out.records.push_back({st->corpus.id(i), p.relevance.empty() ? std::nullopt : std::optional(p.relevance[k]),
                           st->corpus.record(i)});
  }
  return out;
}

Result<StatusResult> ScreeningStatus(store::Literature& lit) {
  auto st = LoadScreenState(lit);
  if (!st.ok()) return st.status();
  StatusResult out;
  out.records = static_cast<long>(st->corpus.size());
  out.dedup_applied = st->dedup_applied;
  out.dedup_stale = st->dedup_stale;
  out.duplicates_removed = static_cast<long>(st->dedup.DuplicatesRemoved());
  out.criteria = st->have_criteria;
  for (const auto& d : st->automatic) out.excluded_by_criteria += d.excluded;
  out.to_screen = static_cast<long>(st->to_screen.size());
  out.reviewers = st->reviewers;
  out.resolver = st->resolver;
  out.title_abstract = CountStage(*st, screen::Stage::kTitleAbstract, st->to_screen);
  out.full_text = CountStage(*st, screen::Stage::kFullText, st->FullTextRecords());
  return out;
}

Result<SimulateResult> Simulate(store::Literature& lit, const SimulateRequest& request) {
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return corpus.status();
  std::vector<uint32_t> which;
  std::vector<uint8_t> labels;
  if (Status s = ReadLabels(request, *corpus, &which, &labels); !s.ok()) return s;
  std::vector<biblio::Record> records;
  for (uint32_t i : which) records.push_back(corpus->records()[i]);
  screen::SimulationOptions o;
  o.seed = request.seed;
  auto r = screen::Simulate(records, labels, o);
  if (!r.ok()) return r.status().WithContext(request.labels_file);
  SimulateResult out;
  out.n_records = static_cast<long>(r->n_records);
  out.n_relevant = static_cast<long>(r->n_relevant);
  for (uint32_t k : r->prior) out.prior.push_back(corpus->id(CorpusIndex{which[k]}));
  for (uint32_t k : r->order) out.order.push_back(corpus->id(CorpusIndex{which[k]}));
  out.wss95 = r->wss95;
  out.wss95_cohen = r->wss95_cohen;
  out.rrf10 = r->rrf10;
  out.found = r->found;
  return out;
}

}  // namespace carta::lit
