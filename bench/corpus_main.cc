// carta_corpus: writes the synthetic corpus (corpus_gen.h) as PubMed XML.
//
//   carta_corpus --records 1000000 [--seed 20251201] [--chinese 0.05] > corpus.xml
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "corpus_gen.h"

int main(int argc, char** argv) {
  carta::bench::CorpusOptions options;
  uint64_t records = 1000000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--records") == 0) {
      records = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--seed") == 0) {
      options.seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--chinese") == 0) {
      options.chinese_share = std::strtod(argv[i + 1], nullptr);
    } else {
      std::fprintf(stderr, "usage: carta_corpus [--records N] [--seed S] [--chinese SHARE] > corpus.xml\n");
      return 2;
    }
  }
  const carta::bench::CorpusGenerator generator(options);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PubmedArticleSet>\n";
  for (uint64_t i = 0; i <= records; ++i) {
    if (i < records) carta::bench::AppendPubmedXml(generator.Make(i), &out);
    if (i == records) out += "</PubmedArticleSet>\n";
    if (out.size() > (1u << 22) || i == records) {
      if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return 1;
      out.clear();
    }
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}
