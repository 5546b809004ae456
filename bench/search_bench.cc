// carta_search_bench: carta's index against SQLite FTS5 and Xapian on the same
// synthetic corpus (corpus_gen.h) and the same queries (search_queries.cc).
// For each engine: build time (records in, index durable on disk; generating
// the records is not timed), the post-build step (carta: Load; FTS5:
// 'optimize'; Xapian: compact), size on disk, and per query the hit count and
// the p50 / p99 latency of retrieving every matching id. The records are
// generated before any engine runs and handed to each engine from memory, so
// that no engine works in the background while records are generated.
//
//   carta_search_bench [--records 1000000] [--reps 21] [--dir /tmp/csb]
//                      [--engines carta,carta1,fts5,xapian] [--tsv out.tsv] [--text-only 1]
//                      [--threads 0] [--batch 0]
//
// carta builds on --threads threads (0: one per core); carta1 is carta built on
// the calling thread alone, for the one-thread comparison.
//
// --text-only 1 cuts every record to title, abstract and keywords, so that
// carta (which otherwise also indexes author, MeSH, journal, PMID, DOI ...
// keys) and the others index exactly the same text.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "corpus_gen.h"
#include "search_bench.h"

namespace carta::bench {
namespace {

using Clock = std::chrono::steady_clock;
double Seconds(Clock::time_point from) { return std::chrono::duration<double>(Clock::now() - from).count(); }

struct Options {
  uint64_t records = 1000000;
  int reps = 21;
  std::string dir = "/tmp/carta_search_bench";
  std::string engines = "carta,fts5,xapian";
  std::string tsv;
  bool text_only = false;  // records cut to title, abstract and keywords
  int threads = 0;         // carta's build threads (0: one per core)
  uint32_t batch = 0;      // carta's records per batch (0: its default)
};

// The record as the --text-only comparison sees it: the fields both engines
// index the same way (carta then holds no key fields but dates).
biblio::Record TextOnly(biblio::Record r) {
  biblio::Record t;
  t.title = std::move(r.title);
  t.abstract = std::move(r.abstract);
  t.keywords = std::move(r.keywords);
  t.year = r.year;
  t.month = r.month;
  t.day = r.day;
  return t;
}

struct EngineResult {
  std::string name;
  double build_s = 0, post_s = 0;
  double finish_s = 0;  // the part of build_s after the last record went in
  uint64_t size_bytes = 0;
  std::vector<size_t> hits;                 // per query
  std::vector<std::vector<double>> ms;      // per query, per repetition
};

double Quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

Status RunEngine(Engine* e, const std::vector<biblio::Record>& corpus, const std::vector<NamedQuery>& queries,
                 const Options& o, EngineResult* out) {
  out->name = e->name();
  Status s = e->Open(o.dir);
  if (!s.ok()) return s;
  Clock::time_point t = Clock::now();
  for (size_t i = 0; i < corpus.size(); ++i) e->Add(static_cast<uint32_t>(i), corpus[i]);
  const Clock::time_point finish = Clock::now();
  if (!(s = e->Finish()).ok()) return s;
  out->build_s = Seconds(t);
  out->finish_s = Seconds(finish);
  t = Clock::now();
  if (!(s = e->Optimize()).ok()) return s;
  out->post_s = Seconds(t);
  out->size_bytes = e->SizeBytes();
  std::vector<uint32_t> ids;
  for (const NamedQuery& q : queries) {
    if (!(s = e->Run(*q.query, &ids)).ok()) return s;  // warm-up, and the hit count
    out->hits.push_back(ids.size());
    out->ms.emplace_back();
    for (int r = 0; r < o.reps; ++r) {
      t = Clock::now();
      if (!(s = e->Run(*q.query, &ids)).ok()) return s;
      out->ms.back().push_back(Seconds(t) * 1e3);
    }
  }
  std::fprintf(stderr, "%s: built in %.1f s (%.1f s of it after the last record), post-build %.1f s, %.1f MB\n",
               out->name.c_str(), out->build_s, out->finish_s, out->post_s, static_cast<double>(out->size_bytes) / 1e6);
  return Status::Ok();
}

void Report(const std::vector<NamedQuery>& queries, const std::vector<EngineResult>& results, const Options& o) {
  std::printf("\n| query | hits |");
  for (const EngineResult& r : results) std::printf(" %s p50 ms | %s p99 ms |", r.name.c_str(), r.name.c_str());
  std::string separator = "\n|---|---|";
  for (size_t i = 0; i < results.size() * 2; ++i) separator += "---|";
  std::printf("%s\n", separator.c_str());
  std::vector<double> all[8];
  for (size_t q = 0; q < queries.size(); ++q) {
    std::string hits = std::to_string(results[0].hits[q]);
    for (const EngineResult& r : results) {
      if (r.hits[q] != results[0].hits[q]) hits += " MISMATCH " + r.name + "=" + std::to_string(r.hits[q]);
    }
    std::printf("| %s | %s |", queries[q].name.c_str(), hits.c_str());
    for (size_t e = 0; e < results.size(); ++e) {
      std::printf(" %.3f | %.3f |", Quantile(results[e].ms[q], 0.5), Quantile(results[e].ms[q], 0.99));
      all[e].insert(all[e].end(), results[e].ms[q].begin(), results[e].ms[q].end());
    }
    std::printf("\n");
  }
  for (size_t q = 0; q < queries.size(); ++q) {
    for (const EngineResult& r : results) {
      if (r.hits[q] != results[0].hits[q]) {
        std::printf("MISMATCH: %s: %s %zu hits, %s %zu\n", queries[q].name.c_str(), results[0].name.c_str(),
                    results[0].hits[q], r.name.c_str(), r.hits[q]);
      }
    }
  }
  std::printf("\n%llu records%s, %d repetitions per query\n\n| engine | build s | post-build s | size MB | "
              "p50 ms (all queries) | p99 ms | build ratio | size ratio | p50 ratio | geo-mean of per-query p50 ratios |\n"
              "|---|---|---|---|---|---|---|---|---|---|\n",
              static_cast<unsigned long long>(o.records),
              o.text_only ? " cut to title, abstract and keywords" : " (carta: all fields; others: 7 text fields)", o.reps);
  for (size_t e = 0; e < results.size(); ++e) {
    const EngineResult& r = results[e];
    const EngineResult& c = results[0];
    double log_sum = 0;
    for (size_t q = 0; q < queries.size(); ++q) log_sum += std::log(Quantile(r.ms[q], 0.5) / Quantile(c.ms[q], 0.5));
    std::printf("| %s | %.1f | %.1f | %.1f | %.3f | %.3f | %.2f | %.2f | %.2f | %.2f |\n", r.name.c_str(), r.build_s,
                r.post_s, static_cast<double>(r.size_bytes) / 1e6, Quantile(all[e], 0.5), Quantile(all[e], 0.99),
                r.build_s / c.build_s, static_cast<double>(r.size_bytes) / static_cast<double>(c.size_bytes),
                Quantile(all[e], 0.5) / Quantile(all[0], 0.5), std::exp(log_sum / static_cast<double>(queries.size())));
  }
  std::printf("(ratios: engine / %s; above 1 means %s is faster or smaller)\n", results[0].name.c_str(),
              results[0].name.c_str());
  if (o.tsv.empty()) return;
  std::ofstream tsv(o.tsv);
  tsv << "engine\tquery\thits\tp50_ms\tp99_ms\tbuild_s\tpost_s\tsize_bytes\n";
  for (const EngineResult& r : results) {
    for (size_t q = 0; q < queries.size(); ++q) {
      tsv << r.name << '\t' << queries[q].name << '\t' << r.hits[q] << '\t' << Quantile(r.ms[q], 0.5) << '\t'
          << Quantile(r.ms[q], 0.99) << '\t' << r.build_s << '\t' << r.post_s << '\t' << r.size_bytes << '\n';
    }
  }
}

}  // namespace
}  // namespace carta::bench

int main(int argc, char** argv) {
  using namespace carta::bench;
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--records") o.records = std::stoull(value);
    else if (flag == "--reps") o.reps = std::max(1, std::stoi(value));
    else if (flag == "--dir") o.dir = value;
    else if (flag == "--engines") o.engines = value;
    else if (flag == "--tsv") o.tsv = value;
    else if (flag == "--text-only") o.text_only = value == "1";
    else if (flag == "--threads") o.threads = std::stoi(value);
    else if (flag == "--batch") o.batch = static_cast<uint32_t>(std::stoul(value));
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  std::filesystem::create_directories(o.dir);
  std::ifstream loadavg("/proc/loadavg");
  std::string load;
  std::getline(loadavg, load);
  std::fprintf(stderr, "load average at start: %s\n", load.c_str());
  const CorpusGenerator gen;
  const std::vector<NamedQuery> queries = QuerySet(gen.Word(30000), gen.Word(3000));
  const Clock::time_point generated = Clock::now();
  std::vector<carta::biblio::Record> corpus;
  corpus.reserve(o.records);
  for (uint64_t i = 0; i < o.records; ++i) corpus.push_back(o.text_only ? TextOnly(gen.Make(i)) : gen.Make(i));
  std::fprintf(stderr, "corpus: %llu records generated in %.1f s (not timed)\n",
               static_cast<unsigned long long>(o.records), Seconds(generated));
  std::vector<std::string> names;
  for (size_t at = 0; at <= o.engines.size();) {
    const size_t comma = std::min(o.engines.find(',', at), o.engines.size());
    names.push_back(o.engines.substr(at, comma - at));
    at = comma + 1;
  }
  std::vector<EngineResult> results;
  for (const std::string& name : names) {
    std::unique_ptr<Engine> e = name == "carta"    ? MakeCartaEngine(o.threads, o.batch, "carta")
                                : name == "carta1" ? MakeCartaEngine(1, o.batch, "carta1")
                                : name == "fts5"   ? MakeFts5Engine()
                                : name == "xapian" ? MakeXapianEngine()
                                                   : nullptr;
    if (!e) {
      std::fprintf(stderr, "unknown engine %s (carta, carta1, fts5, xapian)\n", name.c_str());
      return 2;
    }
    results.emplace_back();
    carta::Status s = RunEngine(e.get(), corpus, queries, o, &results.back());
    if (!s.ok()) {
      std::fprintf(stderr, "%s: %s\n", name.c_str(), s.ToString().c_str());
      return 1;
    }
  }
  if (results.empty()) return 2;
  for (const NamedQuery& q : queries) std::fprintf(stderr, "%s: %s   |   %s\n", q.name.c_str(), ToPubmed(*q.query).c_str(), ToFts5(*q.query).c_str());
  Report(queries, results, o);
  std::ifstream loadavg_end("/proc/loadavg");
  std::getline(loadavg_end, load);
  std::printf("load average at end: %s\n", load.c_str());
  return 0;
}
