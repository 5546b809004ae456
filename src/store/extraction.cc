#include "carta/store/extraction.h"

#include <algorithm>
#include <filesystem>
#include <functional>

#include "carta/core/text.h"
#include "carta/store/store.h"
#include "evidence_schema.h"
#include "sqlite.h"

namespace carta::store {

namespace {

const char* kExtractionSchema = R"sql(
CREATE TABLE IF NOT EXISTS extract_forms(
  cohort TEXT NOT NULL, extractor TEXT NOT NULL, finished INTEGER NOT NULL, PRIMARY KEY(cohort, extractor));
CREATE TABLE IF NOT EXISTS extract_values(
  cohort TEXT NOT NULL, extractor TEXT NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  record TEXT NOT NULL, page TEXT NOT NULL, location TEXT NOT NULL, quote TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extract_consensus(
  cohort TEXT NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, record TEXT NOT NULL,
  page TEXT NOT NULL, location TEXT NOT NULL, quote TEXT NOT NULL, decided_by TEXT NOT NULL);
)sql";

Result<Database> OpenExisting(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound("no project database at '" + path + "'");
  return Database::Open(path, true);
}

Result<bool> HasTable(Database& db, const std::string& name) {
  auto st = db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, name);
  Status s;
  const bool found = st->Step(&s);
  if (!s.ok()) return s;
  return found;
}

Status InWriteTransaction(const std::string& path, const std::function<Status(Database&)>& body) {
  auto db = Database::Open(path, false);
  if (!db.ok()) return db.status();
  if (Status s = db->BeginImmediate(); !s.ok()) return s;
  Status s = db->Exec(kExtractionSchema);
  if (s.ok()) s = body(*db);
  if (!s.ok()) {
    db->Exec("ROLLBACK");
    return s;
  }
  return db->Commit();
}

extract::FormValue ValueAt(const Statement& st, int first) {
  return {st.Text(first), st.Text(first + 1), {st.Text(first + 2), st.Text(first + 3), st.Text(first + 4),
                                               st.Text(first + 5)}};
}

void BindValue(Statement& st, int first, const extract::FormValue& v) {
  st.Bind(first, v.key).Bind(first + 1, v.value).Bind(first + 2, v.source.record).Bind(first + 3, v.source.page);
  st.Bind(first + 4, v.source.location).Bind(first + 5, v.source.quote);
}

// The forms of `cohort` ("" for every cohort) in `db`; empty without the tables.
Result<std::vector<extract::Form>> LoadFormsIn(Database& db, const std::string& cohort) {
  std::vector<extract::Form> out;
  auto has = HasTable(db, "extract_forms");
  if (!has.ok() || !*has) return has.ok() ? Result<std::vector<extract::Form>>(out) : has.status();
  auto forms = db.Prepare("SELECT cohort, extractor, finished FROM extract_forms WHERE ? = '' OR cohort = ? "
                          "ORDER BY cohort, extractor");
  auto values = db.Prepare("SELECT key, value, record, page, location, quote FROM extract_values "
                           "WHERE cohort = ? AND extractor = ? ORDER BY seq");
  if (!forms.ok()) return forms.status();
  if (!values.ok()) return values.status();
  forms->Bind(1, cohort).Bind(2, cohort);
  Status s;
  while (forms->Step(&s)) {
    extract::Form f{forms->Text(0), forms->Text(1), forms->Int(2) != 0, {}};
    values->Bind(1, f.cohort).Bind(2, f.extractor);
    Status sv;
    while (values->Step(&sv)) f.values.push_back(ValueAt(*values, 0));
    if (!sv.ok()) return sv;
    if (Status r = values->Run(); !r.ok()) return r;
    out.push_back(std::move(f));
  }
  if (!s.ok()) return s;
  return out;
}

// Replaces the stored form of `form`'s cohort and extractor (inside a transaction).
Status WriteForm(Database& db, const extract::Form& form) {
  for (const char* table : {"extract_forms", "extract_values"}) {
    auto del = db.Prepare(std::string("DELETE FROM ") + table + " WHERE cohort = ? AND extractor = ?");
    if (!del.ok()) return del.status();
    del->Bind(1, form.cohort).Bind(2, form.extractor);
    if (Status s = del->Run(); !s.ok()) return s;
  }
  auto ins = db.Prepare("INSERT INTO extract_forms VALUES(?, ?, ?)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, form.cohort).Bind(2, form.extractor).Bind(3, form.finished ? 1L : 0L);
  if (Status s = ins->Run(); !s.ok()) return s;
  auto val = db.Prepare("INSERT INTO extract_values VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!val.ok()) return val.status();
  long seq = 0;
  for (const auto& v : form.values) {
    val->Bind(1, form.cohort).Bind(2, form.extractor).Bind(3, seq++);
    BindValue(*val, 4, v);
    if (Status s = val->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<extract::Form>> LoadForms(const std::string& path, const std::string& cohort) {
  auto db = OpenExisting(path);
  if (!db.ok()) return db.status();
  return LoadFormsIn(*db, cohort);
}

Status SaveForm(const std::string& path, const extract::Form& form) {
  return InWriteTransaction(path, [&](Database& db) { return WriteForm(db, form); });
}

Result<std::vector<extract::Consensus>> LoadConsensus(const std::string& path) {
  auto db = OpenExisting(path);
  if (!db.ok()) return db.status();
  std::vector<extract::Consensus> out;
  auto has = HasTable(*db, "extract_consensus");
  if (!has.ok() || !*has) return has.ok() ? Result<std::vector<extract::Consensus>>(out) : has.status();
  auto st = db->Prepare("SELECT cohort, key, value, record, page, location, quote, decided_by FROM extract_consensus "
                        "ORDER BY cohort, seq");
  if (!st.ok()) return st.status();
  Status s;
  while (st->Step(&s)) {
    if (out.empty() || out.back().cohort != st->Text(0)) out.push_back({st->Text(0), {}, {}});
    extract::FormValue v = ValueAt(*st, 1);
    const std::string by = st->Text(7);
    if (!v.value.empty()) out.back().values.push_back(v);
    if (!by.empty()) out.back().decisions.push_back({v.key, v, by});
  }
  if (!s.ok()) return s;
  return out;
}

Status SaveConsensus(const std::string& path, const extract::Consensus& c) {
  Status saved = InWriteTransaction(path, [&](Database& db) -> Status {
    auto del = db.Prepare("DELETE FROM extract_consensus WHERE cohort = ?");
    if (!del.ok()) return del.status();
    del->Bind(1, c.cohort);
    if (Status s = del->Run(); !s.ok()) return s;
    auto ins = db.Prepare("INSERT INTO extract_consensus VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!ins.ok()) return ins.status();
    long seq = 0;
    auto write = [&](const extract::FormValue& v, const std::string& by) {
      ins->Bind(1, c.cohort).Bind(2, seq++);
      BindValue(*ins, 3, v);
      ins->Bind(9, by);
      return ins->Run();
    };
    for (const auto& v : c.values) {
      std::string by;
      for (const auto& d : c.decisions) {
        if (d.key == v.key) by = d.decided_by;
      }
      if (Status s = write(v, by); !s.ok()) return s;
    }
    for (const auto& d : c.decisions) {
      if (!d.value.value.empty()) continue;  // a field the consensus leaves out
      extract::FormValue gone = d.value;
      gone.key = d.key;
      if (Status s = write(gone, d.decided_by); !s.ok()) return s;
    }
    // A consensus changes the evidence: every snapshot is reloaded with it.
    return MarkEvidenceChanged(db);
  });
  return saved;
}

Status StartForm(const std::string& path, const std::string& cohort, const std::string& extractor) {
  if (text::Trim(cohort).empty()) return Status::InvalidArgument("name the cohort").WithField("cohort");
  if (text::Trim(extractor).empty()) return Status::InvalidArgument("name the extractor").WithField("extractor");
  if (auto db = OpenExisting(path); !db.ok()) return db.status();  // a start never creates the database
  return InWriteTransaction(path, [&](Database& db) -> Status {
    auto forms = LoadFormsIn(db, cohort);
    if (!forms.ok()) return forms.status();
    for (const auto& f : *forms) {
      if (f.extractor == extractor) return Status::Conflict(extractor + " has already started a form for " + cohort);
    }
    return WriteForm(db, {cohort, extractor, false, {}});
  });
}

Result<extract::Form> ChangeForm(const std::string& path, const extract::FormChange& change) {
  if (!change.value && !change.finish) return Status::InvalidArgument("give a key and a value, or finish the form");
  std::vector<evidence::RawRecord> base;
  if (change.value) {  // the products a value may name
    auto eb = LoadEvidenceSnapshot(path);
    if (!eb.ok()) return eb.status();
    base = (*eb)->records;
  }
  extract::Form form;
  Status s = InWriteTransaction(path, [&](Database& db) -> Status {
    auto forms = LoadFormsIn(db, change.cohort);
    if (!forms.ok()) return forms.status();
    auto own = std::find_if(forms->begin(), forms->end(),
                            [&](const extract::Form& f) { return f.extractor == change.extractor; });
    if (own == forms->end()) return Status::NotFound(change.extractor + " has no form for " + change.cohort);
    form = *own;
    if (change.value) {
      if (Status set = extract::SetValue(&form, *change.value, base); !set.ok()) return set;
    }
    if (change.finish) form.finished = true;
    return WriteForm(db, form);
  });
  if (!s.ok()) return s;
  return form;
}

Result<std::pair<extract::Form, extract::Form>> FormPair(const std::string& path, const std::string& cohort) {
  auto forms = LoadForms(path, cohort);
  if (!forms.ok()) return forms.status();
  if (forms->size() != 2) {
    return Status::InvalidArgument(cohort + " has " + std::to_string(forms->size()) +
                                   " form(s); reconciliation compares two")
        .WithField("cohort");
  }
  return std::pair{(*forms)[0], (*forms)[1]};
}

Result<extract::Consensus> ReconcileCohort(const std::string& path, const extract::ReconcileRequest& request) {
  auto pair = FormPair(path, request.cohort);
  if (!pair.ok()) return pair.status();
  auto decisions = extract::Decide(pair->first, pair->second, request.choices, request.by);
  if (!decisions.ok()) return decisions.status();
  auto eb = LoadEvidence(path);
  if (!eb.ok()) return eb.status();
  auto c = extract::Reconcile(pair->first, pair->second, *decisions, eb->records);
  if (!c.ok()) return c.status();
  // The consensus must build with the curated base (and every other consensus) before it is stored.
  auto consensus = LoadConsensus(path);
  if (!consensus.ok()) return consensus.status();
  std::erase_if(*consensus, [&](const extract::Consensus& o) { return o.cohort == c->cohort; });
  consensus->push_back(*c);
  auto layered = extract::Layer(eb->records, *consensus);
  if (!layered.ok()) return layered.status().WithContext("the consensus was not stored");
  if (Status s = SaveConsensus(path, *c); !s.ok()) return s;
  return *c;
}

Result<std::string> LoadState(const std::string& path, const std::string& key) {
  auto db = OpenExisting(path);
  if (!db.ok()) return db.status();
  auto has = HasTable(*db, "review_state");
  if (!has.ok()) return has.status();
  if (!*has) return Status::NotFound("no '" + key + "' kept yet");
  auto st = db->Prepare("SELECT value FROM review_state WHERE key = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, key);
  Status s;
  if (!st->Step(&s)) return s.ok() ? Status::NotFound("no '" + key + "' kept yet") : s;
  return st->Text(0);
}

Status SaveState(const std::string& path, const std::string& key, const std::string& text) {
  return InWriteTransaction(path, [&](Database& db) -> Status {
    if (Status s = db.Exec("CREATE TABLE IF NOT EXISTS review_state(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        !s.ok()) {
      return s;
    }
    auto st = db.Prepare("INSERT OR REPLACE INTO review_state VALUES(?, ?)");
    if (!st.ok()) return st.status();
    st->Bind(1, key).Bind(2, text);
    return st->Run();
  });
}

}  // namespace carta::store
