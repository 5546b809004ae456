// The Xapian engine of the search benchmark: carta's tokens as positional
// postings, one term prefix per field, Boolean retrieval (no ranking).
#include <xapian.h>

#include <cstdlib>
#include <filesystem>

#include "carta/search/tokenizer.h"
#include "search_bench.h"

namespace carta::bench {

namespace {

// Term prefixes per field, in FieldBits order (Xapian's conventions: S for
// title, A for author, K for keyword, X... for the rest).
const char* const kPrefixes[kNumTextFields] = {"S", "XA", "K", "XM", "XP", "XJ", "A"};

// Positions between two values of a multi-valued field.
constexpr Xapian::termpos kValueGap = 1024;

class XapianEngine : public Engine {
 public:
  std::string name() const override { return "xapian"; }
  Status Open(const std::string& dir) override {
    dir_ = dir;
    std::filesystem::remove_all(dir + "/xapian");
    std::filesystem::remove_all(dir + "/xapian_compact");
    // Bulk-load tuning from Xapian's documentation: commit every 100,000
    // documents instead of every 10,000 (the default).
    setenv("XAPIAN_FLUSH_THRESHOLD", "100000", 1);
    try {
      db_ = Xapian::WritableDatabase(dir + "/xapian", Xapian::DB_CREATE_OR_OVERWRITE);
    } catch (const Xapian::Error& e) {
      return Status::IOError("xapian: " + e.get_description());
    }
    return Status::Ok();
  }
  void Add(uint32_t id, const biblio::Record& r) override {
    Xapian::Document doc;
    for (int f = 0; f < kNumTextFields; ++f) {
      Xapian::termpos base = 1;
      for (const std::string& v : FieldValues(r, f)) {
        Xapian::termpos last = base;
        for (const search::Token& t : tokenizer_.Tokenize(v)) {
          term_.assign(kPrefixes[f]).append(t.text);
          if (term_.size() <= 240) doc.add_posting(term_, base + t.position);  // Xapian's term length limit
          last = base + t.position;
        }
        base = last + kValueGap;
      }
    }
    const Xapian::docid did = db_.add_document(doc);  // ids 1, 2, ... in the order added
    if (did != id + 1) failed_ = true;
  }
  Status Finish() override {
    if (failed_) return Status::Internal("xapian: documents were not added in id order");
    try {
      db_.commit();
    } catch (const Xapian::Error& e) {
      return Status::IOError("xapian: " + e.get_description());
    }
    return Status::Ok();
  }
  // Compacts the database into a fresh one (full b-tree blocks) and reads that.
  Status Optimize() override {
    try {
      db_.compact(dir_ + "/xapian_compact");
      db_.close();
      reader_ = Xapian::Database(dir_ + "/xapian_compact");
      compacted_ = true;
    } catch (const Xapian::Error& e) {
      return Status::IOError("xapian: " + e.get_description());
    }
    return Status::Ok();
  }
  uint64_t SizeBytes() const override { return DiskBytes(dir_ + (compacted_ ? "/xapian_compact" : "/xapian")); }
  Status Run(const BenchQuery& q, std::vector<uint32_t>* ids) override {
    ids->clear();
    try {
      Xapian::Enquire enquire(reader_);
      enquire.set_query(Build(q));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      Xapian::MSet mset = enquire.get_mset(0, reader_.get_doccount());
      for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) ids->push_back(*it - 1);
    } catch (const Xapian::Error& e) {
      return Status::IOError("xapian: " + e.get_description());
    }
    return Status::Ok();
  }

 private:
  // Words in a field set: OR over the fields; a phrase is OP_PHRASE, a
  // proximity OP_NEAR whose window spans the words and `near` others.
  static Xapian::Query Build(const BenchQuery& q) {
    using XQ = Xapian::Query;
    if (q.op != BenchQuery::Op::kWords) {
      const XQ::op op = q.op == BenchQuery::Op::kAnd ? XQ::OP_AND : q.op == BenchQuery::Op::kOr ? XQ::OP_OR : XQ::OP_AND_NOT;
      return XQ(op, Build(*q.left), Build(*q.right));
    }
    std::vector<XQ> per_field;
    for (int f = 0; f < kNumTextFields; ++f) {
      if ((q.fields & (1u << f)) == 0) continue;
      std::vector<XQ> terms;
      for (const std::string& w : q.words) terms.emplace_back(kPrefixes[f] + w);
      if (q.prefix) {
        per_field.emplace_back(XQ::OP_WILDCARD, kPrefixes[f] + q.words[0]);
      } else if (terms.size() == 1) {
        per_field.push_back(terms[0]);
      } else if (q.near >= 0) {
        per_field.emplace_back(XQ::OP_NEAR, terms.begin(), terms.end(), q.near + terms.size());
      } else {
        per_field.emplace_back(XQ::OP_PHRASE, terms.begin(), terms.end(), terms.size());
      }
    }
    return XQ(XQ::OP_OR, per_field.begin(), per_field.end());
  }

  std::string dir_;
  Xapian::WritableDatabase db_;
  Xapian::Database reader_;
  bool compacted_ = false;
  bool failed_ = false;
  search::Tokenizer tokenizer_;
  std::string term_;
};

}  // namespace

std::unique_ptr<Engine> MakeXapianEngine() { return std::make_unique<XapianEngine>(); }

}  // namespace carta::bench
