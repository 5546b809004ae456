// The literature-search benchmark (search_bench.cc): one engine interface for
// carta, SQLite FTS5 and Xapian, and the query set written once as a small
// tree that each engine renders in its own language.
//
// Every engine indexes the seven text fields of a record (title, abstract,
// keywords, MeSH words, publication-type words, journal words, author words)
// with positions; carta additionally holds its key fields (author, MeSH, PMID,
// DOI ... keys) and dates. Text reaches FTS5 raw when it is ASCII (unicode61
// then splits and folds exactly as carta's tokenizer does) and as carta's
// tokens joined by spaces otherwise (CJK bigrams, folded diacritics); Xapian
// gets carta's tokens as positional postings.
#ifndef CARTA_BENCH_SEARCH_BENCH_H_
#define CARTA_BENCH_SEARCH_BENCH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/core/status.h"

namespace carta::bench {

// The text fields every engine indexes, as bits.
enum FieldBits : unsigned {
  kTi = 1, kAb = 2, kKw = 4, kMeshW = 8, kPtW = 16, kJourW = 32, kAuW = 64,
  kTiab = kTi | kAb,
  kTw = kTi | kAb | kKw | kMeshW | kPtW,  // PubMed [tw]
};
constexpr int kNumTextFields = 7;
// Column names (FTS5) of the fields, in bit order.
extern const char* const kFieldNames[kNumTextFields];

// The texts of text field `f` (0-based bit index) of `r`, one per value.
std::vector<std::string> FieldValues(const biblio::Record& r, int f);

// A benchmark query: words in fields, or a Boolean of two subqueries.
struct BenchQuery {
  enum class Op { kWords, kAnd, kOr, kNot };
  Op op = Op::kWords;
  unsigned fields = kTiab;
  std::vector<std::string> words;  // folded tokens; several = a phrase
  bool prefix = false;             // the single word is truncated ("lymph*")
  int near = -1;                   // >= 0: proximity, at most `near` words between
  std::shared_ptr<BenchQuery> left, right;
};

struct NamedQuery {
  std::string name;  // "phrase 3, common"
  std::shared_ptr<BenchQuery> query;
};

// The fixed query set; words of given Zipf ranks come from `rare_word` etc.
std::vector<NamedQuery> QuerySet(const std::string& rare_word, const std::string& medium_word);

// The query as PubMed syntax for carta, and as an FTS5 MATCH expression.
std::string ToPubmed(const BenchQuery& q);
std::string ToFts5(const BenchQuery& q);

// One engine under test. Build: Open, Add every record, Finish; Optimize
// (merging to one segment, if the engine has that step) is timed apart.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string name() const = 0;
  // Creates an empty index under `dir` (a directory the engine may fill).
  virtual Status Open(const std::string& dir) = 0;
  virtual void Add(uint32_t id, const biblio::Record& r) = 0;
  // Makes the index durable on disk (commit / save).
  virtual Status Finish() = 0;
  virtual Status Optimize() = 0;
  // Bytes of index on disk (what each counts is said where it is computed).
  virtual uint64_t SizeBytes() const = 0;
  // Ids of every matching record, increasing.
  virtual Status Run(const BenchQuery& q, std::vector<uint32_t>* ids) = 0;
};

// carta, building on `threads` threads (0: one per core) in batches of
// `batch` records (0: BuildOptions' default), reported as `name`.
std::unique_ptr<Engine> MakeCartaEngine(int threads, uint32_t batch, std::string name);
std::unique_ptr<Engine> MakeFts5Engine();
std::unique_ptr<Engine> MakeXapianEngine();

// Bytes of the files under `path` (a file or a directory tree).
uint64_t DiskBytes(const std::string& path);

}  // namespace carta::bench

#endif  // CARTA_BENCH_SEARCH_BENCH_H_
