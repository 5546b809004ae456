// The screening criteria file, and the screening state: applied duplicate
// clusters, automatic exclusions, decisions and reviewers, in corpus indices.
#include <algorithm>
#include <set>

#include "carta/core/text.h"
#include "lit_common.h"

namespace carta::cli::lit {

namespace {

Status ParseYears(const std::string& value, screen::ScreeningCriteria* c) {
  const size_t dash = value.find('-');
  if (dash == std::string::npos) return Status::InvalidArgument("write a year range as 2012-2024, 2012- or -2024");
  const std::string lo(text::Trim(value.substr(0, dash))), hi(text::Trim(value.substr(dash + 1)));
  for (const auto& [part, slot] : {std::pair{lo, &c->year_min}, std::pair{hi, &c->year_max}}) {
    if (part.empty()) continue;
    auto n = text::ParseCount(part);
    if (!n || *n < 1000 || *n > 2100) return Status::InvalidArgument("'" + part + "' is not a year");
    *slot = static_cast<int>(*n);
  }
  return Status::Ok();
}

Status ParseCriteriaLine(const std::string& key, const std::string& value, const search::Index* index,
                         const Corpus& corpus, screen::ScreeningCriteria* c) {
  if (key == "years") return ParseYears(value, c);
  if (key == "unknown-year" || key == "unknown-language") {
    if (value != "exclude" && value != "include") return Status::InvalidArgument("write '" + key + " exclude' or '" + key + " include'");
    (key == "unknown-year" ? c->exclude_unknown_year : c->exclude_unknown_language) = value == "exclude";
    return Status::Ok();
  }
  if (key == "languages") {
    for (const auto& l : text::Split(value, ' ')) if (!l.empty()) c->languages.push_back(text::ToLower(l));
    return Status::Ok();
  }
  if (key == "exclude-type") {
    c->excluded_publication_types.push_back(value);
    return Status::Ok();
  }
  const bool require = key == "require-query" || key == "require-cnki";
  if (require || key == "exclude-query" || key == "exclude-cnki") {
    auto run = RunQuery(value, text::EndsWith(key, "cnki"), {}, *index, corpus.deleted);
    if (!run.ok()) return run.status();
    std::vector<uint32_t> records;
    for (long id : run->records) records.push_back(*corpus.IndexOf(id));
    c->queries.push_back({value, require ? screen::QueryEffect::kRequire : screen::QueryEffect::kExclude, records});
    return Status::Ok();
  }
  return Status::InvalidArgument("unknown rule '" + key +
                                 "'; rules are years, unknown-year, languages, unknown-language, exclude-type, "
                                 "require-query, exclude-query, require-cnki, exclude-cnki");
}

// The applied clusters in corpus indices (deleted members dropped).
void RestoreClusters(const std::vector<store::StoredCluster>& stored, const Corpus& corpus, screen::DedupResult* d) {
  d->n_records = corpus.records.size();
  for (const auto& sc : stored) {
    screen::DuplicateCluster c;
    for (long id : sc.members) {
      auto i = corpus.IndexOf(id);
      if (i.ok()) c.members.push_back(*i);
    }
    if (c.members.size() < 2) continue;
    auto keep = corpus.IndexOf(sc.keep);
    c.keep = keep.ok() ? *keep : c.members.front();
    d->clusters.push_back(std::move(c));
  }
}

// The reviewers as set, else those who decided at title/abstract in order of first decision.
Status ResolveReviewers(store::Literature& lit, ScreenState* st) {
  auto set = lit.Reviewers(&st->resolver);
  if (!set.ok()) return set.status();
  st->reviewers = *set;
  if (!st->reviewers.empty()) return Status::Ok();
  for (const auto& d : st->log.all()) {
    if (d.stage != screen::Stage::kTitleAbstract) continue;
    if (std::find(st->reviewers.begin(), st->reviewers.end(), d.reviewer) == st->reviewers.end()) st->reviewers.push_back(d.reviewer);
  }
  if (st->reviewers.size() > 2) {
    return Status::InvalidArgument(std::to_string(st->reviewers.size()) + " people have screened (" +
                                   text::Join(st->reviewers, ", ") + "); say who screens independently and who " +
                                   "resolves: carta lit screen --reviewers A,B --resolver C");
  }
  return Status::Ok();
}

}  // namespace

Result<screen::ScreeningCriteria> ParseCriteria(const std::string& text_in, const std::string& file,
                                                const search::Index* index, const Corpus& corpus) {
  screen::ScreeningCriteria c;
  int line_no = 0;
  for (const std::string& raw : text::Split(text_in, '\n')) {
    ++line_no;
    const std::string line(text::Trim(raw));
    if (line.empty() || line[0] == '#') continue;
    const size_t sp = line.find_first_of(" \t");
    const std::string key = line.substr(0, sp);
    const std::string value = sp == std::string::npos ? "" : std::string(text::Trim(line.substr(sp)));
    static const std::set<std::string> kRules = {"years", "unknown-year", "languages", "unknown-language",
                                                 "exclude-type", "require-query", "exclude-query", "require-cnki",
                                                 "exclude-cnki"};
    Status s = !kRules.count(key) || !value.empty()
                   ? ParseCriteriaLine(key, value, index, corpus, &c)
                   : Status::InvalidArgument("'" + key + "' needs a value");
    if (!s.ok()) return s.WithContext(file + ":" + std::to_string(line_no));
  }
  if (c.year_min && c.year_max && *c.year_min > *c.year_max) {
    return Status::InvalidArgument(file + ": the year range ends before it starts");
  }
  return c;
}

Result<ScreenState> LoadScreenState(store::Literature& lit) {
  ScreenState st;
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return corpus.status();
  st.corpus = std::move(*corpus);
  long dedup_generation = -1;
  auto clusters = lit.Clusters(&dedup_generation);
  if (!clusters.ok()) return clusters.status();
  auto generation = lit.Generation();
  if (!generation.ok()) return generation.status();
  st.dedup_applied = dedup_generation >= 0;
  st.dedup_stale = st.dedup_applied && dedup_generation != *generation;
  RestoreClusters(*clusters, st.corpus, &st.dedup);
  const std::vector<uint32_t> unique = st.dedup.UniqueRecords();
  auto criteria = lit.Criteria();
  if (!criteria.ok()) return criteria.status();
  st.have_criteria = criteria->has_value();
  st.to_screen = unique;
  if (st.have_criteria) {
    auto index = LoadIndex(lit);
    if (!index.ok()) return index.status();
    auto c = ParseCriteria((*criteria)->text, (*criteria)->file, &*index, st.corpus);
    if (!c.ok()) return c.status();
    auto automatic = screen::EvaluateCriteria(st.corpus.records, unique, *c);
    if (!automatic.ok()) return automatic.status();
    st.automatic = std::move(*automatic);
    st.to_screen.clear();
    for (const auto& a : st.automatic) if (!a.excluded) st.to_screen.push_back(a.record);
  }
  auto decisions = lit.Decisions();
  if (!decisions.ok()) return decisions.status();
  for (auto d : *decisions) {
    auto i = st.corpus.IndexOf(static_cast<long>(d.record));
    if (!i.ok()) continue;  // a record deleted since
    d.record = *i;
    if (Status s = st.log.Add(d); !s.ok()) return s.WithContext("a stored decision");
  }
  if (Status s = ResolveReviewers(lit, &st); !s.ok()) return s;
  return st;
}

}  // namespace carta::cli::lit
