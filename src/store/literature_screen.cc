// The literature tables after import: search history, de-duplication
// clusters and overrides, screening decisions, reviewers and criteria.
#include "carta/core/text.h"
#include "carta/store/literature.h"
#include "sqlite.h"

namespace carta::store {

namespace {

// Fails unless every id is a record of the project; deleted records too when `allow_deleted` is false.
Status CheckRecordIds(Database& db, const std::vector<long>& ids, bool allow_deleted) {
  auto st = db.Prepare("SELECT deleted_by IS NOT NULL FROM lit_records WHERE id = ?");
  if (!st.ok()) return st.status();
  for (long id : ids) {
    st->Bind(1, id);
    Status s;
    const bool found = st->Step(&s);
    const bool deleted = found && st->Int(0) != 0;
    if (Status rs = st->Run(); !rs.ok()) return rs;
    if (!s.ok()) return s;
    if (!found) return Status::NotFound("there is no record " + std::to_string(id));
    if (deleted && !allow_deleted) {
      return Status::InvalidArgument("record " + std::to_string(id) + " was deleted by a PubMed DeleteCitation");
    }
  }
  return Status::Ok();
}

// A decision's record: NotFound when there is none or it was deleted (a
// decision on it would never count), as the screening state would say.
Status CheckDecidedRecord(Database& db, long id) {
  auto st = db.Prepare("SELECT deleted_by IS NOT NULL FROM lit_records WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  Status s;
  const bool found = st->Step(&s) && st->Int(0) == 0;
  if (Status rs = st->Run(); !rs.ok()) return rs;
  if (!s.ok()) return s;
  if (!found) return Status::NotFound("there is no record " + std::to_string(id) + " (or it was deleted); see 'carta lit search'");
  return Status::Ok();
}

screen::Stage StageOf(const std::string& s) {
  return s == "full_text" ? screen::Stage::kFullText : screen::Stage::kTitleAbstract;
}

screen::Verdict VerdictOf(const std::string& s) {
  if (s == "include") return screen::Verdict::kInclude;
  if (s == "exclude") return screen::Verdict::kExclude;
  return screen::Verdict::kMaybe;
}

}  // namespace

Result<std::vector<SearchEntry>> Literature::History() {
  auto st = db_->Prepare("SELECT number, syntax, query, count, time FROM lit_searches ORDER BY number");
  if (!st.ok()) return st.status();
  std::vector<SearchEntry> out;
  Status s;
  while (st->Step(&s)) out.push_back({st->Int(0), st->Text(1), st->Text(2), st->Int(3), st->Text(4)});
  if (!s.ok()) return s;
  return out;
}

Result<long> Literature::AddSearch(const std::string& syntax, const std::string& query, long count) {
  auto added = AddSearches([&](const std::vector<SearchEntry>&, long) -> Result<std::vector<SearchEntry>> {
    return std::vector<SearchEntry>{{0, syntax, query, count, ""}};
  });
  if (!added.ok()) return added.status();
  return added->front().number;
}

Result<std::vector<SearchEntry>> Literature::AddSearches(const SearchPlan& plan) {
  std::vector<SearchEntry> added;
  Status s = InTransaction([&]() -> Status {
    auto history = History();
    if (!history.ok()) return history.status();
    const long first = history->empty() ? 1 : history->back().number + 1;
    auto planned = plan(*history, first);
    if (!planned.ok()) return planned.status();
    auto st = db_->Prepare("INSERT INTO lit_searches VALUES((SELECT coalesce(max(number), 0) + 1 FROM lit_searches), ?, ?, ?, ?)");
    if (!st.ok()) return st.status();
    const std::string now = NowUtcIso();
    for (SearchEntry e : *planned) {
      if (e.syntax != "pubmed" && e.syntax != "cnki") {
        return Status::InvalidArgument("a search's syntax is 'pubmed' or 'cnki', not '" + e.syntax + "'")
            .WithField("syntax");
      }
      st->Bind(1, e.syntax).Bind(2, e.query).Bind(3, e.count).Bind(4, now);
      if (Status rs = st->Run(); !rs.ok()) return rs;
      e.number = static_cast<long>(sqlite3_last_insert_rowid(db_->raw()));
      e.time_utc = now;
      added.push_back(std::move(e));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return added;
}

Status Literature::ClearHistory() {
  return InTransaction([&]() { return db_->Exec("DELETE FROM lit_searches"); });
}

Result<std::vector<StoredOverride>> Literature::Overrides() {
  auto st = db_->Prepare("SELECT kind, a, b, time FROM lit_overrides ORDER BY seq");
  if (!st.ok()) return st.status();
  std::vector<StoredOverride> out;
  Status s;
  while (st->Step(&s)) {
    StoredOverride o;
    o.kind = st->Text(0) == "merge" ? screen::OverrideKind::kMerge : screen::OverrideKind::kKeepApart;
    o.a = st->Int(1);
    o.b = st->Int(2);
    o.time_utc = st->Text(3);
    out.push_back(o);
  }
  if (!s.ok()) return s;
  return out;
}

Status Literature::AddOverride(screen::OverrideKind kind, long a, long b) {
  if (a == b) return Status::InvalidArgument("a record cannot be merged with or kept apart from itself");
  return InTransaction([&]() -> Status {
    if (Status s = CheckRecordIds(*db_, {a, b}, false); !s.ok()) return s;
    auto st = db_->Prepare("INSERT INTO lit_overrides VALUES(NULL, ?, ?, ?, ?)");
    if (!st.ok()) return st.status();
    st->Bind(1, kind == screen::OverrideKind::kMerge ? "merge" : "keep_apart").Bind(2, std::min(a, b));
    st->Bind(3, std::max(a, b)).Bind(4, NowUtcIso());
    return st->Run();
  });
}

Status Literature::SaveClusters(const std::vector<StoredCluster>& clusters) {
  return InTransaction([&]() -> Status {
    if (Status s = db_->Exec("DELETE FROM lit_clusters; DELETE FROM lit_cluster_links;"); !s.ok()) return s;
    auto mem = db_->Prepare("INSERT INTO lit_clusters VALUES(?, ?, ?)");
    auto link = db_->Prepare("INSERT INTO lit_cluster_links VALUES(?, ?, ?, ?, ?)");
    if (!mem.ok()) return mem.status();
    if (!link.ok()) return link.status();
    for (const auto& c : clusters) {
      for (long m : c.members) {
        mem->Bind(1, m).Bind(2, c.cluster).Bind(3, static_cast<long>(m == c.keep));
        if (Status s = mem->Run(); !s.ok()) return s;
      }
      for (const auto& l : c.links) {
        link->Bind(1, c.cluster).Bind(2, l.a).Bind(3, l.b).Bind(4, l.reason).Bind(5, l.title_similarity);
        if (Status s = link->Run(); !s.ok()) return s;
      }
    }
    auto g = Generation();
    if (!g.ok()) return g.status();
    if (Status st = SetMeta("dedup_generation", std::to_string(*g)); !st.ok()) return st;
    auto saves = Meta("dedup_saves");
    if (!saves.ok()) return saves.status();
    return SetMeta("dedup_saves", std::to_string(text::ParseCount(*saves).value_or(0) + 1));
  });
}

Result<std::string> Literature::ScreeningStamp() {
  auto g = Generation();
  if (!g.ok()) return g.status();
  auto saves = Meta("dedup_saves");
  if (!saves.ok()) return saves.status();
  auto st = db_->Prepare("SELECT coalesce(max(seq), 0) FROM lit_criteria");
  if (!st.ok()) return st.status();
  Status s;
  if (!st->Step(&s)) return s.ok() ? Status::Corruption("lit_criteria cannot be read") : s;
  return std::to_string(*g) + "/" + *saves + "/" + std::to_string(st->Int(0));
}

Result<std::vector<StoredCluster>> Literature::Clusters(long* generation) {
  auto g = Meta("dedup_generation");
  if (!g.ok()) return g.status();
  auto n = text::ParseCount(*g);
  *generation = n ? *n : -1;
  std::vector<StoredCluster> out;
  auto mem = db_->Prepare("SELECT cluster, record, keep FROM lit_clusters ORDER BY cluster, record");
  if (!mem.ok()) return mem.status();
  Status s;
  while (mem->Step(&s)) {
    if (out.empty() || out.back().cluster != mem->Int(0)) out.push_back({mem->Int(0), {}, 0, {}});
    out.back().members.push_back(mem->Int(1));
    if (mem->Int(2) != 0) out.back().keep = mem->Int(1);
  }
  if (!s.ok()) return s;
  auto link = db_->Prepare("SELECT cluster, a, b, reason, similarity FROM lit_cluster_links ORDER BY cluster, a, b");
  if (!link.ok()) return link.status();
  size_t i = 0;
  while (link->Step(&s)) {
    while (i < out.size() && out[i].cluster < link->Int(0)) ++i;
    if (i == out.size() || out[i].cluster != link->Int(0)) return Status::Corruption("a duplicate link outside any cluster");
    out[i].links.push_back({link->Int(1), link->Int(2), link->Text(3), link->Real(4)});
  }
  if (!s.ok()) return s;
  return out;
}

// One short write transaction that reads only the decided records' rows (by
// primary key): the cost of a decision does not grow with the corpus.
Status Literature::AddDecisions(const std::vector<screen::Decision>& decisions) {
  return InTransaction([&]() -> Status {
    auto st = db_->Prepare("INSERT INTO lit_decisions VALUES(NULL, ?, ?, ?, ?, ?, ?)");
    if (!st.ok()) return st.status();
    for (const auto& d : decisions) {
      if (Status s = CheckDecidedRecord(*db_, static_cast<long>(d.record)); !s.ok()) return s;
      st->Bind(1, static_cast<long>(d.record)).Bind(2, d.reviewer).Bind(3, screen::StageName(d.stage));
      st->Bind(4, screen::VerdictName(d.verdict)).Bind(5, d.reason).Bind(6, d.time_utc);
      if (Status s = st->Run(); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Result<std::vector<screen::Decision>> Literature::Decisions() {
  auto st = db_->Prepare("SELECT record, reviewer, stage, verdict, reason, time FROM lit_decisions ORDER BY seq");
  if (!st.ok()) return st.status();
  std::vector<screen::Decision> out;
  Status s;
  while (st->Step(&s)) {
    out.push_back({static_cast<uint32_t>(st->Int(0)), st->Text(1), StageOf(st->Text(2)), VerdictOf(st->Text(3)),
                   st->Text(4), st->Text(5)});
  }
  if (!s.ok()) return s;
  return out;
}

Status Literature::SetReviewers(const std::vector<std::string>& reviewers, const std::string& resolver) {
  if (reviewers.empty() || reviewers.size() > 2) return Status::InvalidArgument("give one or two reviewers");
  for (const auto& r : reviewers) {
    if (r.empty() || r.find(',') != std::string::npos) return Status::InvalidArgument("a reviewer's name is empty or holds a comma");
  }
  return InTransaction([&]() -> Status {
    if (Status s = SetMeta("reviewers", text::Join(reviewers, ",")); !s.ok()) return s;
    return SetMeta("resolver", resolver);
  });
}

Result<std::vector<std::string>> Literature::Reviewers(std::string* resolver) {
  auto r = Meta("reviewers");
  if (!r.ok()) return r.status();
  auto res = Meta("resolver");
  if (!res.ok()) return res.status();
  *resolver = *res;
  if (r->empty()) return std::vector<std::string>{};
  return text::Split(*r, ',');
}

Status Literature::SaveCriteria(const std::string& file, const std::string& text) {
  return InTransaction([&]() -> Status {
    auto st = db_->Prepare("INSERT INTO lit_criteria VALUES(NULL, ?, ?, ?)");
    if (!st.ok()) return st.status();
    st->Bind(1, file).Bind(2, text).Bind(3, NowUtcIso());
    return st->Run();
  });
}

Result<std::optional<StoredCriteria>> Literature::Criteria() {
  auto st = db_->Prepare("SELECT file, text, time FROM lit_criteria ORDER BY seq DESC LIMIT 1");
  if (!st.ok()) return st.status();
  Status s;
  if (st->Step(&s)) return std::optional<StoredCriteria>(StoredCriteria{st->Text(0), st->Text(1), st->Text(2)});
  if (!s.ok()) return s;
  return std::optional<StoredCriteria>();
}

}  // namespace carta::store
