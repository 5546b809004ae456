#include "corpus_vocab.h"

#include <unordered_set>

#include "corpus_gen.h"

namespace carta::bench {

namespace {

// Frequent words of biomedical abstracts, roughly in frequency order.
const char* const kFrequent[] = {
    "the", "of", "and", "in", "to", "a", "with", "patients", "was", "were", "for", "is", "that", "by", "or",
    "on", "as", "cell", "cells", "treatment", "from", "be", "are", "this", "at", "study", "an", "results",
    "clinical", "after", "between", "these", "therapy", "than", "not", "group", "p", "we", "disease",
    "response", "years", "associated", "analysis", "which", "increased", "compared", "ci", "risk", "expression",
    "survival", "data", "effect", "use", "significantly", "have", "two", "had", "higher", "also", "cancer",
    "methods", "conclusions", "background", "during", "all", "model", "may", "time", "using", "tumor",
    "overall", "level", "levels", "factors", "protein", "activity", "found", "studies", "included", "median",
    "mean", "it", "has", "been", "can", "there", "more", "other", "both", "but", "their", "its", "one", "used",
    "showed", "outcomes", "total", "months", "rate", "rates", "high", "low", "lower", "function", "blood",
    "human", "role", "based", "age", "three", "first", "case", "cases", "children", "women", "men", "control",
    "dose", "trial", "randomized", "primary", "secondary", "factor", "growth", "gene", "genes", "mice",
    "receptor", "antigen", "immune", "syndrome", "acute", "chronic", "infection", "virus", "health", "care",
    "mortality", "follow", "up", "baseline", "adverse", "events", "safety", "efficacy", "phase", "tissue",
    "induced", "inhibitor", "pathway", "signaling", "target", "targeted", "novel", "potential", "new",
    "release", "cytokine", "t", "b", "lymphoma", "leukemia", "lymph", "node", "nodes", "marrow", "bone",
    "stem", "transplantation", "relapsed", "refractory", "remission", "complete", "partial", "progression",
    "free", "hazard", "ratio", "confidence", "interval", "odds", "cohort", "retrospective", "prospective",
    "toxicity", "neurotoxicity", "grade", "severe", "infusion", "product", "manufacturing", "lymphocyte",
    "lymphocytes", "lymphoid", "lymphatic", "lymphadenopathy", "lymphopenia", "lymphoblastic",
};

const char* const kOnsets[] = {"b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "z",
                               "br", "cr", "pr", "tr", "st", "ch", "th", "ph", "gl", "pl", "sc", "gr", "k"};
const char* const kVowels[] = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "y", "ia", "io", "ea", "ou", "ae"};
const char* const kCodas[] = {"", "", "", "n", "s", "l", "r", "t", "m", "x", "st", "nt", "ng", "c", "d"};
const char* const kSuffixes[] = {"", "", "", "", "", "", "", "", "", "", "", "", "itis", "osis", "ase", "ine",
                                 "oma", "emia", "ic", "al", "ation", "ity", "ous", "ide", "ogen", "ular"};

template <size_t N>
const char* Pick(Rng& rng, const char* const (&list)[N]) {
  return list[rng.Below(static_cast<uint32_t>(N))];
}

std::string SyllableWord(Rng& rng, int syllables) {
  std::string w;
  for (int s = 0; s < syllables; ++s) {
    w += Pick(rng, kOnsets);
    w += Pick(rng, kVowels);
    w += Pick(rng, kCodas);
  }
  if (syllables > 1) w += Pick(rng, kSuffixes);
  return w;
}

}  // namespace

std::string Utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xc0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    s += static_cast<char>(0xe0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    s += static_cast<char>(0x80 | (cp & 0x3f));
  }
  return s;
}

std::vector<std::string> MakeWords(uint64_t seed, size_t n) {
  Rng rng(seed ^ 0x776f726473ull);
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  for (const char* w : kFrequent) {
    if (words.size() < n && seen.insert(w).second) words.push_back(w);
  }
  while (words.size() < n) {
    const size_t rank = words.size();
    // 1 syllable for the first few hundred ranks, up to 4 in the tail.
    const int syllables = 1 + (rank > 400) + static_cast<int>(rng.Below(2)) * (rank > 20000);
    std::string w = SyllableWord(rng, syllables);
    if (seen.insert(w).second) words.push_back(std::move(w));
  }
  return words;
}

std::vector<std::string> MakeNames(uint64_t seed, size_t n, bool forenames) {
  Rng rng(seed ^ (forenames ? 0x666f7265ull : 0x6c617374ull));
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  while (names.size() < n) {
    std::string w = SyllableWord(rng, forenames ? 1 + static_cast<int>(rng.Below(2)) : 2 + static_cast<int>(rng.Below(2)));
    if (w.size() < 3 || !seen.insert(w).second) continue;
    w[0] = static_cast<char>(w[0] - 'a' + 'A');
    names.push_back(std::move(w));
  }
  return names;
}

std::vector<std::string> MakeJournals(uint64_t seed, size_t n, const std::vector<std::string>& words) {
  Rng rng(seed ^ 0x6a6f75726eull);
  std::vector<std::string> journals = {"Blood", "Journal of Clinical Oncology", "Lancet Oncology",
                                       "New England Journal of Medicine", "Bone Marrow Transplantation"};
  std::unordered_set<std::string> seen(journals.begin(), journals.end());
  auto cap = [](std::string w) {
    w[0] = static_cast<char>(w[0] - 'a' + 'A');
    return w;
  };
  while (journals.size() < n) {
    const std::string a = cap(words[400 + rng.Below(5000)]);
    const std::string b = cap(words[400 + rng.Below(5000)]);
    std::string j;
    switch (rng.Below(4)) {
      case 0: j = "Journal of " + a + " " + b; break;
      case 1: j = a + " " + b + " Research"; break;
      case 2: j = "International Journal of " + a; break;
      default: j = a + " and " + b; break;
    }
    if (seen.insert(j).second) journals.push_back(std::move(j));
  }
  return journals;
}

std::vector<std::string> MakeDescriptors(uint64_t seed, size_t n, const std::vector<std::string>& words) {
  Rng rng(seed ^ 0x6d657368ull);
  std::vector<std::string> d = {"Humans", "Female", "Male", "Adult", "Middle Aged", "Aged", "Animals", "Mice",
                                "Adolescent", "Young Adult", "Child", "Retrospective Studies", "Treatment Outcome",
                                "Prognosis", "Lymphoma, Large B-Cell, Diffuse", "Receptors, Chimeric Antigen",
                                "Immunotherapy, Adoptive", "Cytokine Release Syndrome", "Antigens, CD19",
                                "T-Lymphocytes", "Leukemia", "Lymphoma", "Neoplasms", "Lymph Nodes"};
  std::unordered_set<std::string> seen(d.begin(), d.end());
  while (d.size() < n) {
    std::string a = words[300 + rng.Below(20000)];
    a[0] = static_cast<char>(a[0] - 'a' + 'A');
    std::string w = a;
    if (rng.Chance(0.5)) w += " " + words[300 + rng.Below(20000)];
    if (rng.Chance(0.3)) w = w + ", " + words[300 + rng.Below(3000)];
    if (seen.insert(w).second) d.push_back(std::move(w));
  }
  return d;
}

std::vector<std::string> Qualifiers() {
  return {"therapy", "drug therapy", "genetics", "metabolism", "immunology", "pathology", "diagnosis",
          "adverse effects", "therapeutic use", "methods", "epidemiology", "etiology", "complications",
          "physiology", "mortality", "pharmacology", "chemistry", "blood", "surgery", "prevention & control",
          "diagnostic imaging", "physiopathology", "statistics & numerical data", "cytology", "analysis"};
}

std::vector<std::string> MakeChineseWords(uint64_t seed, size_t n) {
  Rng rng(seed ^ 0x7a68ull);
  std::vector<std::string> words = {"患者", "治疗", "研究", "结果", "方法", "目的", "结论", "细胞", "临床",
                                    "分析", "淋巴瘤", "白血病", "疗效", "安全性", "嵌合抗原受体",
                                    "细胞因子释放综合征", "免疫", "复发", "难治性", "生存"};
  std::unordered_set<std::string> seen(words.begin(), words.end());
  while (words.size() < n) {
    const int chars = 2 + static_cast<int>(rng.Below(3)) / 2;  // mostly 2, some 3
    std::string w;
    for (int c = 0; c < chars; ++c) w += Utf8(0x4e00 + rng.Below(3500));  // the common-character block
    if (seen.insert(w).second) words.push_back(std::move(w));
  }
  return words;
}

}  // namespace carta::bench
