// Word lists of the synthetic corpus (corpus_gen.h): real high-frequency words
// first, then made-up words of syllables whose length grows with their rank,
// as in natural text (frequent words are short).
#ifndef CARTA_BENCH_CORPUS_VOCAB_H_
#define CARTA_BENCH_CORPUS_VOCAB_H_

#include <cstdint>
#include <string>
#include <vector>

namespace carta::bench {

// `n` distinct lower-case English-like words in Zipf rank order: about 200
// frequent English and biomedical words (stopwords included, as in
// abstracts), then syllable words; "lymph*" words sit at several ranks.
std::vector<std::string> MakeWords(uint64_t seed, size_t n);

// `n` distinct capitalised surnames / forenames (Western style).
std::vector<std::string> MakeNames(uint64_t seed, size_t n, bool forenames);

// Journal titles ("Journal of Hematologic Oncology" style), built from `words`.
std::vector<std::string> MakeJournals(uint64_t seed, size_t n, const std::vector<std::string>& words);

// MeSH-like descriptors: real ones first ("Humans", "Receptors, Chimeric
// Antigen"), then made-up ones from `words`; and the real MeSH qualifiers.
std::vector<std::string> MakeDescriptors(uint64_t seed, size_t n, const std::vector<std::string>& words);
std::vector<std::string> Qualifiers();

// `n` distinct Chinese words of 2-4 Han characters, real domain words first
// (患者, 治疗, 淋巴瘤, 嵌合抗原受体 ...).
std::vector<std::string> MakeChineseWords(uint64_t seed, size_t n);

// UTF-8 bytes of code point `cp`.
std::string Utf8(uint32_t cp);

}  // namespace carta::bench

#endif  // CARTA_BENCH_CORPUS_VOCAB_H_
