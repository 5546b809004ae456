// A deterministic generator of synthetic MEDLINE-like records for benchmarks:
// a Zipf-distributed vocabulary of ~80,000 words of realistic lengths, titles
// of ~12 words, structured abstracts of ~200 words, 1-10 authors, 5-15 MeSH
// headings, keywords, publication types, dates 1990-2025 and a share of
// Chinese (CNKI-like) records, with domain phrases planted at fixed rates so
// that benchmark queries have hits.
//
//   bench::CorpusGenerator gen;             // default seed
//   biblio::Record r = gen.Make(41);         // the same record on every platform
#ifndef CARTA_BENCH_CORPUS_GEN_H_
#define CARTA_BENCH_CORPUS_GEN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "carta/biblio/record.h"

namespace carta::bench {

struct CorpusOptions {
  uint64_t seed = 20251201;
  size_t vocabulary_words = 80000;  // English word types, Zipf-ranked
  double zipf_exponent = 1.0;       // s in weight(rank) = 1 / (rank + 2.7)^s
  double chinese_share = 0.05;      // fraction of records written in Chinese
};

// Zipf sampling over ranks 0..n-1 with a guide table (O(1) expected).
class ZipfSampler {
 public:
  ZipfSampler() = default;
  ZipfSampler(size_t n, double exponent);
  // The rank for a uniform draw u in [0, 1).
  size_t Sample(double u) const;

 private:
  std::vector<double> cdf_;
  std::vector<uint32_t> guide_;
};

// SplitMix64: small, fast and the same on every platform (std:: distributions
// are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>((Next() >> 32) * n >> 32); }
  bool Chance(double p) { return Uniform() < p; }

 private:
  uint64_t state_;
};

class CorpusGenerator {
 public:
  explicit CorpusGenerator(CorpusOptions options = {});

  // Record number `i` (0-based): PMID 30000000 + i. Depends only on the
  // options and i, so engines can regenerate the corpus instead of holding it.
  biblio::Record Make(uint64_t i) const;

  // The English word of Zipf rank `rank` (0 = most frequent), lower case.
  const std::string& Word(size_t rank) const { return words_[rank]; }
  size_t vocabulary_size() const { return words_.size(); }

 private:
  void Sentence(Rng& rng, size_t words, std::string* out) const;
  void EnglishRecord(Rng& rng, biblio::Record* r) const;
  void ChineseRecord(Rng& rng, biblio::Record* r) const;
  std::string ChineseText(Rng& rng, size_t words) const;
  void Authors(Rng& rng, bool chinese, biblio::Record* r) const;
  void Mesh(Rng& rng, biblio::Record* r) const;

  CorpusOptions options_;
  std::vector<std::string> words_, surnames_, forenames_, journals_, descriptors_, qualifiers_;
  std::vector<std::string> chinese_words_, chinese_journals_;
  ZipfSampler word_zipf_, surname_zipf_, journal_zipf_, descriptor_zipf_, chinese_zipf_;
};

// Appends `record` as one <PubmedArticle> element of a PubMed XML file (the
// elements carta's PubMed reader maps; doc/biblio.md).
void AppendPubmedXml(const biblio::Record& record, std::string* out);

}  // namespace carta::bench

#endif  // CARTA_BENCH_CORPUS_GEN_H_
