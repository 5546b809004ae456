// The literature tables: opening and migrating, imports, records.
#include "carta/biblio/mesh.h"
#include "carta/biblio/write.h"
#include "carta/store/literature.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>

#include "carta/core/text.h"
#include "carta/store/store.h"
#include "evidence_schema.h"
#include "sqlite.h"

namespace carta::store {

namespace {

const char* kLiteratureSchema = R"sql(
CREATE TABLE IF NOT EXISTS lit_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_imports(
  id INTEGER PRIMARY KEY, file TEXT NOT NULL, format TEXT NOT NULL, source TEXT NOT NULL,
  n_read INTEGER NOT NULL, n_added INTEGER NOT NULL, n_present INTEGER NOT NULL, n_skipped INTEGER NOT NULL,
  n_deleted INTEGER NOT NULL, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_records(
  id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL REFERENCES lit_imports(id), source TEXT NOT NULL,
  id_key TEXT NOT NULL, pmid TEXT NOT NULL, doi TEXT NOT NULL, cnki_id TEXT NOT NULL, year INTEGER NOT NULL,
  title TEXT NOT NULL, record TEXT NOT NULL, deleted_by INTEGER REFERENCES lit_imports(id));
CREATE INDEX IF NOT EXISTS lit_records_by_key ON lit_records(source, id_key);
CREATE INDEX IF NOT EXISTS lit_records_by_pmid ON lit_records(pmid);
CREATE TABLE IF NOT EXISTS lit_skipped(
  import_id INTEGER NOT NULL REFERENCES lit_imports(id), location TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_warnings(
  import_id INTEGER NOT NULL REFERENCES lit_imports(id), location TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_searches(
  number INTEGER PRIMARY KEY, syntax TEXT NOT NULL CHECK(syntax IN ('pubmed', 'cnki')), query TEXT NOT NULL,
  count INTEGER NOT NULL, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_clusters(
  record INTEGER PRIMARY KEY REFERENCES lit_records(id), cluster INTEGER NOT NULL, keep INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lit_cluster_links(
  cluster INTEGER NOT NULL, a INTEGER NOT NULL REFERENCES lit_records(id), b INTEGER NOT NULL REFERENCES lit_records(id),
  reason TEXT NOT NULL, similarity REAL NOT NULL);
CREATE TABLE IF NOT EXISTS lit_overrides(
  seq INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK(kind IN ('keep_apart', 'merge')),
  a INTEGER NOT NULL REFERENCES lit_records(id), b INTEGER NOT NULL REFERENCES lit_records(id), time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_decisions(
  seq INTEGER PRIMARY KEY, record INTEGER NOT NULL REFERENCES lit_records(id), reviewer TEXT NOT NULL,
  stage TEXT NOT NULL, verdict TEXT NOT NULL, reason TEXT NOT NULL, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_criteria(seq INTEGER PRIMARY KEY, file TEXT NOT NULL, text TEXT NOT NULL, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_mesh(ui TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lit_mesh_trees(tree TEXT NOT NULL, ui TEXT NOT NULL REFERENCES lit_mesh(ui));
)sql";

// A regular file or nothing yet; not SQLite's in-memory or URI names.
Status CheckLitPath(const std::string& path) {
  if (path.empty() || path == ":memory:" || text::StartsWith(path, "file:")) {
    return Status::InvalidArgument("'" + path + "' is not a database file path");
  }
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
    return Status::InvalidArgument("'" + path + "' is not a regular file");
  }
  return Status::Ok();
}

Result<long> ScalarInt(Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  if (!st.ok()) return st.status();
  Status s;
  if (!st->Step(&s)) return s.ok() ? Status::Corruption("no row from '" + sql + "'") : s;
  return st->Int(0);
}

// Reports the bytes a stream has handed out to a Progress, at most every 50 ms,
// and ends the stream with kCancelled once the Progress is cancelled (the
// import's transaction then rolls back).
class ProgressInput : public biblio::InputStream {
 public:
  ProgressInput(std::unique_ptr<biblio::InputStream> in, Progress* progress, uint64_t total)
      : in_(std::move(in)), progress_(progress), total_(total) {}
  Status Read(char* buffer, size_t capacity, size_t* count) override {
    if (IsCancelled(progress_)) {
      *count = 0;
      return Status::Cancelled("the import was stopped");
    }
    Status s = in_->Read(buffer, capacity, count);
    const auto now = std::chrono::steady_clock::now();
    if (progress_ != nullptr && now - last_ > std::chrono::milliseconds(50)) {
      last_ = now;
      const uint64_t done = in_->position();
      progress_->Update(done, std::max(done, total_));
    }
    return s;
  }
  uint64_t position() const override { return in_->position(); }

 private:
  std::unique_ptr<biblio::InputStream> in_;
  Progress* progress_;
  uint64_t total_;
  std::chrono::steady_clock::time_point last_{};
};

constexpr int kLiteratureSchemaVersion = 2;

// lit_meta "lit_schema" brought to kLiteratureSchemaVersion. Version 1 knew
// four sources (pubmed, cnki, wanfang, other): its "other" records read from a
// format that only one database writes get that database, so that
// re-importing the file finds them "already present" rather than adding them
// again under the new name (Web of Science plain text: wos; PubMed XML, and
// MEDLINE records with a PMID: pubmed; an import whose records all moved says
// so too). Other "other" records stay "other" (their files
// may name a source, but the file is not at hand). Fails on a newer version.
Status MigrateLiterature(Database& db) {
  auto st = db.Prepare("SELECT value FROM lit_meta WHERE key = 'lit_schema'");
  if (!st.ok()) return st.status();
  Status s;
  long version = 1;
  if (st->Step(&s)) {
    auto v = text::ParseCount(st->Text(0));
    if (!v) return Status::Corruption("lit_meta holds a lit_schema that is not a number: '" + st->Text(0) + "'");
    version = *v;
  } else if (!s.ok()) {
    return s;
  }
  if (version > kLiteratureSchemaVersion) {
    return Status::InvalidArgument("the literature tables were written by a newer carta (lit_schema " +
                                   std::to_string(version) + ", this build reads up to " +
                                   std::to_string(kLiteratureSchemaVersion) + ")");
  }
  if (version == kLiteratureSchemaVersion) return Status::Ok();
  for (const char* sql : {
           "UPDATE lit_records SET source = 'wos' WHERE source = 'other' AND import_id IN "
           "(SELECT id FROM lit_imports WHERE format = 'wos')",
           "UPDATE lit_records SET source = 'pubmed' WHERE source = 'other' AND import_id IN "
           "(SELECT id FROM lit_imports WHERE format = 'pubmed-xml')",
           "UPDATE lit_records SET source = 'pubmed' WHERE source = 'other' AND pmid != '' AND import_id IN "
           "(SELECT id FROM lit_imports WHERE format = 'medline')",
           "UPDATE lit_records SET record = json_set(record, '$.source', source) "
           "WHERE json_extract(record, '$.source') != source",
           "UPDATE lit_imports SET source = 'wos' WHERE source = 'other' AND format = 'wos'",
           "UPDATE lit_imports SET source = 'pubmed' WHERE source = 'other' AND format IN ('pubmed-xml', 'medline') "
           "AND NOT EXISTS (SELECT 1 FROM lit_records r WHERE r.import_id = lit_imports.id AND r.source != 'pubmed')",
           // the index cache holds the old sources: a new generation rebuilds it
           "UPDATE lit_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'",
       }) {
    if (Status e = db.Exec(sql); !e.ok()) return e;
  }
  return db.Exec("INSERT OR REPLACE INTO lit_meta VALUES('lit_schema', '" +
                 std::to_string(kLiteratureSchemaVersion) + "')");
}

Result<biblio::Format> DetectFileFormat(const std::string& file) {
  auto in = biblio::OpenInputFile(file);
  if (!in.ok()) return in.status();
  std::string head(8192, '\0');
  size_t got = 0, n = 0;
  do {
    if (Status s = (*in)->Read(&head[got], head.size() - got, &n); !s.ok()) return s.WithContext(file);
    got += n;
  } while (n > 0 && got < head.size());
  head.resize(got);
  if (got == 0) return Status::InvalidArgument(file + ": the file is empty");
  biblio::Format f = biblio::DetectFormat(head);
  if (f == biblio::Format::kUnknown) {
    return Status::InvalidArgument(file + ": not a format carta reads (PubMed XML, MEDLINE, RIS, NoteExpress, "
                                   "EndNote, RefWorks, E-Study, Web of Science, BibTeX, EndNote XML, CSV with a header row); "
                                   "name the format if it is one of them")
        .WithField("format");
  }
  return f;
}

// One thing a reader delivered, kept in file order from the parse (outside
// the write lock) to the write (inside it): a record ready to insert, a
// deleted PMID, a skipped record or a warning.
struct ImportEvent {
  enum class Kind { kRecord, kDelete, kSkip, kWarning };
  Kind kind = Kind::kRecord;
  // kRecord: the row's columns, its identifier keys and its JSON.
  biblio::Source source = biblio::Source::kOther;
  std::string key, pmid, doi, cnki_id, title, json;
  std::vector<std::string> keys;
  long year = 0;
  // kSkip, kWarning: the issue; kDelete: the PMID in issue.message.
  biblio::ReadIssue issue;
};

// Reads a whole file into events. Everything costly (parsing, JSON
// encoding, identifier keys) happens here, before the write lock is taken.
class ImportReader {
 public:
  biblio::RecordSink Sink() {
    return {[this](biblio::Record&& r) { events_.push_back(FromRecord(r)); },
            [this](const std::string& pmid) { events_.push_back(Issue(ImportEvent::Kind::kDelete, {"", pmid})); },
            [this](const biblio::ReadIssue& i) { events_.push_back(Issue(ImportEvent::Kind::kSkip, i)); },
            [this](const biblio::ReadIssue& i) { events_.push_back(Issue(ImportEvent::Kind::kWarning, i)); }};
  }
  const std::vector<ImportEvent>& events() const { return events_; }

 private:
  static ImportEvent FromRecord(const biblio::Record& r) {
    ImportEvent e;
    e.source = r.source;
    e.key = RecordIdKey(r);
    e.keys = RecordIdKeys(r);
    e.pmid = r.pmid, e.doi = r.doi, e.cnki_id = r.cnki_id, e.title = r.title;
    e.year = r.year;
    e.json = biblio::RecordToJson(r);
    return e;
  }
  static ImportEvent Issue(ImportEvent::Kind kind, biblio::ReadIssue issue) {
    ImportEvent e;
    e.kind = kind;
    e.issue = std::move(issue);
    return e;
  }
  std::vector<ImportEvent> events_;
};

// Writes the events of one import into its tables, in file order (a record
// twice in one file is present the second time; a DeleteCitation deletes a
// record added before it). Runs inside the import's write transaction.
class ImportWriter {
 public:
  ImportWriter(Database& db, long next_id, ImportSummary* sum) : db_(db), next_id_(next_id), sum_(sum) {}

  Status Prepare() {
    auto present = db_.Prepare("SELECT 1 FROM lit_records WHERE source = ? AND id_key = ? AND deleted_by IS NULL");
    auto insert = db_.Prepare("INSERT INTO lit_records VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)");
    auto del = db_.Prepare(
        "UPDATE lit_records SET deleted_by = ? WHERE pmid = ? AND source = 'pubmed' AND deleted_by IS NULL");
    auto skip = db_.Prepare("INSERT INTO lit_skipped VALUES(?, ?, ?)");
    auto warn = db_.Prepare("INSERT INTO lit_warnings VALUES(?, ?, ?)");
    for (auto* st : {&present, &insert, &del, &skip, &warn}) if (!st->ok()) return st->status();
    warn_.emplace(std::move(*warn));
    present_.emplace(std::move(*present));
    insert_.emplace(std::move(*insert));
    delete_.emplace(std::move(*del));
    skip_.emplace(std::move(*skip));
    return Status::Ok();
  }

  Status Write(const std::vector<ImportEvent>& events) {
    for (const ImportEvent& e : events) {
      Status s;
      switch (e.kind) {
        case ImportEvent::Kind::kRecord: s = OnRecord(e); break;
        case ImportEvent::Kind::kDelete: s = OnDelete(e.issue.message); break;
        case ImportEvent::Kind::kSkip: s = OnSkip(e.issue); break;
        case ImportEvent::Kind::kWarning: s = OnWarning(e.issue); break;
      }
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  // Fills sum.sources and, when no source was given, sum.source.
  void SummariseSources() const {
    for (biblio::Source s : biblio::kAllSources) {
      if (auto it = per_source_.find(s); it != per_source_.end()) sum_->sources.emplace_back(s, it->second);
    }
    if (sum_->source == biblio::Source::kOther && sum_->sources.size() == 1) sum_->source = sum_->sources[0].first;
  }

 private:
  Status OnRecord(const ImportEvent& r) {
    ++sum_->read;
    ++per_source_[r.source];
    for (const std::string& k : r.keys) {
      present_->Bind(1, biblio::SourceName(r.source)).Bind(2, k);
      Status ps;
      const bool found = present_->Step(&ps);
      if (Status rs = present_->Run(); !rs.ok() || !ps.ok()) return ps.ok() ? rs : ps;
      if (found) {
        ++sum_->present;
        if (sum_->present_ids.size() < 20) sum_->present_ids.push_back(r.key);
        return Status::Ok();
      }
    }
    insert_->Bind(1, next_id_).Bind(2, sum_->import_id).Bind(3, biblio::SourceName(r.source)).Bind(4, r.key);
    insert_->Bind(5, r.pmid).Bind(6, r.doi).Bind(7, r.cnki_id).Bind(8, r.year).Bind(9, r.title);
    insert_->Bind(10, r.json);
    if (Status s = insert_->Run(); !s.ok()) return s;
    ++next_id_;
    ++sum_->added;
    return Status::Ok();
  }

  Status OnDelete(const std::string& pmid) {
    delete_->Bind(1, sum_->import_id).Bind(2, pmid);
    if (Status s = delete_->Run(); !s.ok()) return s;
    const int n = sqlite3_changes(db_.raw());
    if (n == 0) sum_->unknown_deletes.push_back(pmid);
    sum_->deleted += n;
    return Status::Ok();
  }

  Status OnSkip(const biblio::ReadIssue& issue) {
    ++sum_->skipped;
    sum_->skips.push_back(issue);
    skip_->Bind(1, sum_->import_id).Bind(2, issue.where).Bind(3, issue.message);
    return skip_->Run();
  }

  Status OnWarning(const biblio::ReadIssue& issue) {
    sum_->warnings.push_back(issue);
    warn_->Bind(1, sum_->import_id).Bind(2, issue.where).Bind(3, issue.message);
    return warn_->Run();
  }

  Database& db_;
  long next_id_;
  ImportSummary* sum_;
  std::optional<Statement> present_, insert_, delete_, skip_, warn_;
  std::map<biblio::Source, long> per_source_;
};

// The rows of one import, written inside its transaction: the lit_imports
// row, the events, then its counts. InvalidArgument (nothing to keep) when
// the file held nothing but malformed records.
Status WriteImport(Database& db, const std::vector<ImportEvent>& events, long next_id, ImportSummary* sum) {
  auto imp = db.Prepare("INSERT INTO lit_imports VALUES(NULL, ?, ?, ?, 0, 0, 0, 0, 0, ?)");
  if (!imp.ok()) return imp.status();
  imp->Bind(1, sum->file).Bind(2, biblio::FormatName(sum->format)).Bind(3, biblio::SourceName(sum->source));
  imp->Bind(4, NowUtcIso());
  if (Status s = imp->Run(); !s.ok()) return s;
  sum->import_id = static_cast<long>(sqlite3_last_insert_rowid(db.raw()));
  ImportWriter writer(db, next_id, sum);
  if (Status s = writer.Prepare(); !s.ok()) return s;
  if (Status s = writer.Write(events); !s.ok()) return s;
  writer.SummariseSources();
  // Nothing but malformed records: the file is not usable as a whole, and is
  // refused (rolled back) rather than recorded as an import of nothing.
  if (sum->read == 0 && sum->deleted == 0 && sum->skipped > 0) {
    const biblio::ReadIssue& first = sum->skips.front();
    return Status::InvalidArgument(sum->file + ": no usable record (" + std::to_string(sum->skipped) +
                                   " malformed; the first at " + first.where + ": " + first.message + ")");
  }
  auto upd = db.Prepare(
      "UPDATE lit_imports SET n_read = ?, n_added = ?, n_present = ?, n_skipped = ?, n_deleted = ?, source = ? "
      "WHERE id = ?");
  if (!upd.ok()) return upd.status();
  upd->Bind(1, sum->read).Bind(2, sum->added).Bind(3, sum->present).Bind(4, sum->skipped).Bind(5, sum->deleted);
  upd->Bind(6, biblio::SourceName(sum->source)).Bind(7, sum->import_id);
  return upd->Run();
}

}  // namespace

Literature::Literature(std::string path, std::unique_ptr<Database> db) : path_(std::move(path)), db_(std::move(db)) {}
Literature::Literature(Literature&&) noexcept = default;
Literature::~Literature() = default;

Result<Literature> Literature::Open(const std::string& path) {
  if (Status s = CheckLitPath(path); !s.ok()) return s;
  auto db = Database::Open(path, false);
  if (!db.ok()) return db.status();
  Literature lit(path, std::make_unique<Database>(std::move(*db)));
  if (Status s = lit.Migrate(); !s.ok()) return s.WithContext(path);
  return lit;
}

// Schema 0 (no evidence yet) keeps user_version 0 so that the evidence
// commands still say "run carta db build"; schemas 1 and 2 become 3.
Status Literature::Migrate() {
  return InTransaction([&]() -> Status {
    auto v = ScalarInt(*db_, "PRAGMA user_version");
    if (!v.ok()) return v.status();
    if (*v > kSchemaVersion) {
      return Status::InvalidArgument("the database was written by a newer carta (schema " + std::to_string(*v) +
                                     ", this build reads up to " + std::to_string(kSchemaVersion) + ")");
    }
    if (Status s = db_->Exec(kLiteratureSchema); !s.ok()) return s;
    if (Status s = MigrateLiterature(*db_); !s.ok()) return s;
    if (*v >= 1 && *v < kSchemaVersion) {
      if (Status s = MigrateEvidenceTables(*db_, static_cast<int>(*v)); !s.ok()) return s;
      return db_->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    }
    return Status::Ok();
  });
}

Status Literature::InTransaction(const std::function<Status()>& body) {
  if (Status s = db_->BeginImmediate(); !s.ok()) return s;
  Status s = body();
  if (!s.ok()) {
    db_->Exec("ROLLBACK");
    return s;
  }
  return db_->Commit();
}

Result<std::string> Literature::Meta(const std::string& key) {
  auto st = db_->Prepare("SELECT value FROM lit_meta WHERE key = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, key);
  Status s;
  if (st->Step(&s)) return st->Text(0);
  if (!s.ok()) return s;
  return std::string();
}

Status Literature::SetMeta(const std::string& key, const std::string& value) {
  auto st = db_->Prepare("INSERT OR REPLACE INTO lit_meta VALUES(?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, key).Bind(2, value);
  return st->Run();
}

Result<long> Literature::Generation() {
  auto v = Meta("generation");
  if (!v.ok()) return v.status();
  if (v->empty()) return 0L;
  auto n = text::ParseCount(*v);
  if (!n) return Status::Corruption("lit_meta holds a generation that is not a number: '" + *v + "'");
  return *n;
}

Status Literature::BumpGeneration() {
  auto g = Generation();
  if (!g.ok()) return g.status();
  return SetMeta("generation", std::to_string(*g + 1));
}

Result<ImportSummary> Literature::Import(const std::string& file, biblio::Format format, biblio::Source source,
                                         Progress* progress,
                                         const std::vector<std::pair<std::string, std::string>>& columns) {
  ImportSummary sum;
  sum.file = file;
  sum.source = source;
  sum.format = format;
  if (format == biblio::Format::kAuto) {
    auto f = DetectFileFormat(file);
    if (!f.ok()) return f.status();
    sum.format = *f;
  }
  auto raw = biblio::OpenInputFile(file);
  if (!raw.ok()) return raw.status();
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  ProgressInput in(std::move(*raw), progress, ec ? 0 : size);
  // The file is parsed and its rows prepared before the write lock is taken,
  // so that other writers (a reviewer's decision) wait only for the short
  // write below, not for the parse (issue 18).
  biblio::ReadOptions options;
  options.name = file;
  options.source = source;
  options.columns = columns;
  ImportReader reader;
  Status rs = biblio::ReadStream(&in, sum.format, options, reader.Sink());
  if (progress != nullptr) progress->Finish();
  if (!rs.ok()) return rs;
  // The next id and the generation are read under the write lock: read
  // before it, a concurrent import could take the same ids (issue 18).
  long first = 0, gen_before = 0;
  Status s = InTransaction([&]() -> Status {
    auto g = Generation();
    if (!g.ok()) return g.status();
    gen_before = *g;
    auto f = ScalarInt(*db_, "SELECT coalesce(max(id), 0) + 1 FROM lit_records");
    if (!f.ok()) return f.status();
    first = *f;
    if (Status ws = WriteImport(*db_, reader.events(), first, &sum); !ws.ok()) return ws;
    return sum.added + sum.deleted > 0 ? BumpGeneration() : Status::Ok();
  });
  if (!s.ok()) return s;
  if (Status is = UpdateIndexAfterImport(first, gen_before); !is.ok()) sum.index_note = is.message();
  return sum;
}

Result<std::vector<ImportSummary>> Literature::Imports() {
  auto st = db_->Prepare(
      "SELECT id, file, format, source, n_read, n_added, n_present, n_skipped, n_deleted FROM lit_imports ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<ImportSummary> out;
  Status s;
  while (st->Step(&s)) {
    ImportSummary i;
    i.import_id = st->Int(0);
    i.file = st->Text(1);
    biblio::ParseFormat(st->Text(2), &i.format);
    biblio::ParseSource(st->Text(3), &i.source);
    i.read = st->Int(4);
    i.added = st->Int(5);
    i.present = st->Int(6);
    i.skipped = st->Int(7);
    i.deleted = st->Int(8);
    out.push_back(std::move(i));
  }
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<LitRecord>> Literature::Records(bool include_deleted) {
  auto st = db_->Prepare(std::string("SELECT id, record, deleted_by IS NOT NULL FROM lit_records") +
                         (include_deleted ? "" : " WHERE deleted_by IS NULL") + " ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<LitRecord> out;
  Status s;
  while (st->Step(&s)) {
    auto r = biblio::RecordFromJson(st->Text(1));
    if (!r.ok()) return r.status().WithContext(path_ + ": record " + std::to_string(st->Int(0)));
    out.push_back({st->Int(0), std::move(*r), st->Int(2) != 0});
  }
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<long>> Literature::DeletedIds() {
  auto st = db_->Prepare("SELECT id FROM lit_records WHERE deleted_by IS NOT NULL ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<long> out;
  Status s;
  while (st->Step(&s)) out.push_back(st->Int(0));
  if (!s.ok()) return s;
  return out;
}

Result<LitRecord> Literature::Find(long id) {
  auto st = db_->Prepare("SELECT record, deleted_by IS NOT NULL FROM lit_records WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  Status s;
  if (!st->Step(&s)) {
    if (!s.ok()) return s;
    return Status::NotFound("no record " + std::to_string(id) + " in " + path_ + " (see 'carta lit search')");
  }
  auto r = biblio::RecordFromJson(st->Text(0));
  if (!r.ok()) return r.status().WithContext(path_ + ": record " + std::to_string(id));
  return LitRecord{id, std::move(*r), st->Int(1) != 0};
}

Result<MeshImportSummary> Literature::ImportMesh(const std::string& file, Progress* progress) {
  auto raw = biblio::OpenInputFile(file);
  if (!raw.ok()) return raw.status();
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  ProgressInput in(std::move(*raw), progress, ec ? 0 : size);
  MeshImportSummary sum;
  sum.file = file;
  Status s = InTransaction([&]() -> Status {
    if (Status e = db_->Exec("DELETE FROM lit_mesh_trees; DELETE FROM lit_mesh;"); !e.ok()) return e;
    auto descriptor = db_->Prepare("INSERT OR REPLACE INTO lit_mesh VALUES(?, ?)");
    auto tree = db_->Prepare("INSERT INTO lit_mesh_trees VALUES(?, ?)");
    if (!descriptor.ok()) return descriptor.status();
    if (!tree.ok()) return tree.status();
    return biblio::ReadMeshDescriptors(&in, file, [&](biblio::MeshDescriptor&& d) -> Status {
      descriptor->Bind(1, d.ui).Bind(2, d.name);
      if (Status e = descriptor->Run(); !e.ok()) return e;
      for (const std::string& t : d.tree_numbers) {
        tree->Bind(1, t).Bind(2, d.ui);
        if (Status e = tree->Run(); !e.ok()) return e;
      }
      ++sum.descriptors;
      sum.tree_numbers += static_cast<long>(d.tree_numbers.size());
      return Status::Ok();
    });
  });
  if (progress != nullptr) progress->Finish();
  if (!s.ok()) return s;
  return sum;
}

Result<search::MeshTree> Literature::LoadMeshTree() {
  auto st = db_->Prepare(
      "SELECT m.name, group_concat(t.tree, ' ') FROM lit_mesh m LEFT JOIN lit_mesh_trees t ON t.ui = m.ui "
      "GROUP BY m.ui");
  if (!st.ok()) return st.status();
  search::MeshTree tree;
  Status s;
  while (st->Step(&s)) tree.Add(st->Text(0), text::Split(st->Text(1), ' '));
  if (!s.ok()) return s;
  return tree;
}

}  // namespace carta::store
