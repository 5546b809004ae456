// The carta and SQLite FTS5 engines of the search benchmark.
#include <sqlite3.h>

#include "carta/search/index.h"
#include "carta/search/tokenizer.h"
#include "search_bench.h"

namespace carta::bench {

namespace {

class CartaEngine : public Engine {
 public:
  CartaEngine(int threads, uint32_t batch, std::string name) : threads_(threads), batch_(batch), name_(std::move(name)) {}
  std::string name() const override { return name_; }
  Status Open(const std::string& dir) override {
    path_ = dir + "/carta.idx";
    search::BuildOptions options;
    options.threads = threads_;
    if (batch_ > 0) options.batch_records = batch_;
    builder_ = std::make_unique<search::IndexBuilder>(options);
    return Status::Ok();
  }
  void Add(uint32_t, const biblio::Record& r) override { builder_->Add(r); }
  // Finish + Save; queries then run on the index Load reads back (Optimize).
  Status Finish() override {
    search::Index index = builder_->Finish();
    builder_.reset();
    return index.Save(path_);
  }
  Status Optimize() override {
    Result<search::Index> loaded = search::Index::Load(path_);
    if (!loaded.ok()) return loaded.status();
    index_ = std::move(loaded).value();
    return Status::Ok();
  }
  uint64_t SizeBytes() const override { return DiskBytes(path_); }  // the whole file
  Status Run(const BenchQuery& q, std::vector<uint32_t>* ids) override {
    Result<search::Query> parsed = search::ParsePubmed(ToPubmed(q));
    if (!parsed.ok()) return parsed.status();
    *ids = index_.Search(*parsed).docs;
    return Status::Ok();
  }

 private:
  int threads_;
  uint32_t batch_;
  std::string name_;
  std::string path_;
  std::unique_ptr<search::IndexBuilder> builder_;
  search::Index index_;
};

// Joins `values` for FTS5: raw when ASCII (unicode61 tokenises it as carta
// does), else carta's tokens separated by spaces.
void Fts5Text(const std::vector<std::string>& values, search::Tokenizer* tokenizer, std::string* out) {
  out->clear();
  for (const std::string& v : values) {
    if (!out->empty()) out->push_back('\n');
    bool ascii = true;
    for (char c : v) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
      out->append(v);
      continue;
    }
    for (const search::Token& t : tokenizer->Tokenize(v)) out->append(t.text).push_back(' ');
  }
}

class Fts5Engine : public Engine {
 public:
  ~Fts5Engine() override {
    sqlite3_finalize(insert_);
    sqlite3_finalize(select_);
    sqlite3_close(db_);
  }
  std::string name() const override { return "fts5"; }
  Status Open(const std::string& dir) override {
    const std::string path = dir + "/fts5.db";
    std::remove(path.c_str());
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) return Error("open");
    // Content-less (the index only), no per-column sizes (no ranking here),
    // positions kept (detail=full) for phrases and NEAR.
    Status s = Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
                    "CREATE VIRTUAL TABLE docs USING fts5(ti, ab, kw, mesh, pt, jour, au, content='', "
                    "columnsize=0, detail=full); BEGIN;");
    if (!s.ok()) return s;
    const char* sql = "INSERT INTO docs(rowid, ti, ab, kw, mesh, pt, jour, au) VALUES (?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v2(db_, sql, -1, &insert_, nullptr) != SQLITE_OK) return Error("prepare insert");
    return Status::Ok();
  }
  void Add(uint32_t id, const biblio::Record& r) override {
    sqlite3_bind_int64(insert_, 1, id);
    for (int f = 0; f < kNumTextFields; ++f) {
      Fts5Text(FieldValues(r, f), &tokenizer_, &text_[f]);
      sqlite3_bind_text(insert_, f + 2, text_[f].data(), static_cast<int>(text_[f].size()), SQLITE_STATIC);
    }
    if (sqlite3_step(insert_) != SQLITE_DONE) failed_ = true;
    sqlite3_reset(insert_);
  }
  Status Finish() override {
    if (failed_) return Error("insert");
    return Exec("COMMIT;");
  }
  Status Optimize() override {  // merges every b-tree segment into one
    Status s = Exec("INSERT INTO docs(docs) VALUES('optimize');");
    if (!s.ok()) return s;
    if (sqlite3_prepare_v2(db_, "SELECT rowid FROM docs WHERE docs MATCH ?", -1, &select_, nullptr) != SQLITE_OK) {
      return Error("prepare select");
    }
    return Status::Ok();
  }
  // Pages in use (the file less its free pages): the FTS5 index b-trees.
  uint64_t SizeBytes() const override {
    return (Pragma("page_count") - Pragma("freelist_count")) * Pragma("page_size");
  }
  Status Run(const BenchQuery& q, std::vector<uint32_t>* ids) override {
    ids->clear();
    const std::string match = ToFts5(q);
    sqlite3_bind_text(select_, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(select_)) == SQLITE_ROW) ids->push_back(static_cast<uint32_t>(sqlite3_column_int64(select_, 0)));
    sqlite3_reset(select_);
    if (rc != SQLITE_DONE) return Error("query " + match);
    return Status::Ok();
  }

 private:
  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) == SQLITE_OK) return Status::Ok();
    Status s = Status::IOError(std::string("sqlite: ") + (err ? err : "?"));
    sqlite3_free(err);
    return s;
  }
  Status Error(const std::string& what) const { return Status::IOError("sqlite " + what + ": " + sqlite3_errmsg(db_)); }
  uint64_t Pragma(const char* name) const {
    sqlite3_stmt* st = nullptr;
    uint64_t v = 0;
    if (sqlite3_prepare_v2(db_, (std::string("PRAGMA ") + name).c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      v = static_cast<uint64_t>(sqlite3_column_int64(st, 0));
    }
    sqlite3_finalize(st);
    return v;
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* select_ = nullptr;
  search::Tokenizer tokenizer_;
  std::string text_[kNumTextFields];
  bool failed_ = false;
};

}  // namespace

std::unique_ptr<Engine> MakeCartaEngine(int threads, uint32_t batch, std::string name) {
  return std::make_unique<CartaEngine>(threads, batch, std::move(name));
}
std::unique_ptr<Engine> MakeFts5Engine() { return std::make_unique<Fts5Engine>(); }

}  // namespace carta::bench
