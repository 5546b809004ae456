#include "corpus_gen.h"

#include <algorithm>
#include <cmath>

#include "corpus_vocab.h"

namespace carta::bench {

namespace {

// Domain phrases planted into English abstracts, with the share of records
// that get each (CAR-T papers are ~0.1% of PubMed; these are a little richer
// so that 100k-record runs still have hits).
struct Planted {
  const char* text;
  double share;
};
constexpr Planted kPlanted[] = {
    {"CAR T cell", 0.006},          {"CAR-T cell therapy", 0.004}, {"chimeric antigen receptor", 0.005},
    {"cytokine release syndrome", 0.003}, {"CD19", 0.008},          {"diffuse large B-cell lymphoma", 0.004},
    {"overall survival", 0.12},     {"in patients with", 0.25},    {"95% confidence interval", 0.08},
    {"progression-free survival", 0.05},
};
constexpr Planted kPlantedChinese[] = {
    {"嵌合抗原受体T细胞", 0.05}, {"CAR-T", 0.05}, {"细胞因子释放综合征", 0.03}, {"CD19", 0.04}};

const char* const kSections[] = {"BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"};
const char* const kChineseSections[] = {"目的", "方法", "结果", "结论"};
constexpr double kSectionShare[] = {0.2, 0.25, 0.35, 0.2};

uint64_t Mix(uint64_t a, uint64_t b) {
  Rng r(a * 0x9e3779b97f4a7c15ull + b);
  return r.Next();
}

// About mean +- mean/3, at least 1.
size_t Around(Rng& rng, double mean) {
  const double u = (rng.Uniform() + rng.Uniform() + rng.Uniform()) / 1.5 - 1.0;  // in (-1, 1), peaked
  return static_cast<size_t>(std::max(1.0, mean * (1.0 + u * 0.66)));
}

int Year(Rng& rng) {  // 1990-2025, growing ~6% a year as PubMed does
  const double u = rng.Uniform();
  const double a = 0.06, span = 36;
  return 1990 + std::min(35, static_cast<int>(std::log1p(u * (std::exp(a * span) - 1)) / a));
}

}  // namespace

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

ZipfSampler::ZipfSampler(size_t n, double exponent) : cdf_(n), guide_(1 << 16) {
  double total = 0;
  for (size_t r = 0; r < n; ++r) cdf_[r] = total += 1.0 / std::pow(static_cast<double>(r) + 2.7, exponent);
  for (double& c : cdf_) c /= total;
  size_t r = 0;
  for (size_t g = 0; g < guide_.size(); ++g) {
    const double u = static_cast<double>(g) / static_cast<double>(guide_.size());
    while (r + 1 < n && cdf_[r] <= u) ++r;
    guide_[g] = static_cast<uint32_t>(r);
  }
}

size_t ZipfSampler::Sample(double u) const {
  size_t r = guide_[static_cast<size_t>(u * static_cast<double>(guide_.size()))];
  while (r + 1 < cdf_.size() && cdf_[r] <= u) ++r;
  return r;
}

CorpusGenerator::CorpusGenerator(CorpusOptions options) : options_(options) {
  const uint64_t s = options_.seed;
  words_ = MakeWords(s, options_.vocabulary_words);
  surnames_ = MakeNames(s, 30000, false);
  forenames_ = MakeNames(s, 800, true);
  journals_ = MakeJournals(s, 3000, words_);
  descriptors_ = MakeDescriptors(s, 6000, words_);
  qualifiers_ = Qualifiers();
  chinese_words_ = MakeChineseWords(s, 20000);
  for (int i = 0; i < 300; ++i) chinese_journals_.push_back(chinese_words_[200 + i] + "杂志");
  word_zipf_ = ZipfSampler(words_.size(), options_.zipf_exponent);
  surname_zipf_ = ZipfSampler(surnames_.size(), 0.9);
  journal_zipf_ = ZipfSampler(journals_.size(), 1.0);
  descriptor_zipf_ = ZipfSampler(descriptors_.size(), 1.0);
  chinese_zipf_ = ZipfSampler(chinese_words_.size(), 1.0);
}

void CorpusGenerator::Sentence(Rng& rng, size_t words, std::string* out) const {
  for (size_t k = 0; k < words; ++k) {
    std::string w = words_[word_zipf_.Sample(rng.Uniform())];
    if (k == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    if (k > 0) *out += rng.Chance(0.06) ? ", " : " ";
    if (rng.Chance(0.015)) {  // a number, as abstracts have them
      *out += rng.Chance(0.5) ? "(n = " + std::to_string(10 + rng.Below(990)) + ") "
                              : "p < 0." + std::to_string(1 + rng.Below(5)) + " ";
    }
    *out += w;
  }
  *out += ". ";
}

void CorpusGenerator::EnglishRecord(Rng& rng, biblio::Record* r) const {
  r->language = "eng";
  r->source = biblio::Source::kPubMed;
  std::string title;
  Sentence(rng, Around(rng, 12), &title);
  title.resize(title.size() - 2);  // no final ". "
  std::vector<std::string> sections(4);
  if (rng.Chance(0.85)) {
    const size_t total = Around(rng, 200);
    for (int s = 0; s < 4; ++s) {
      size_t left = std::max<size_t>(4, static_cast<size_t>(static_cast<double>(total) * kSectionShare[s]));
      while (left > 0) {
        const size_t n = std::min(left, Around(rng, 16));
        Sentence(rng, n, &sections[s]);
        left -= n;
      }
    }
    for (const Planted& p : kPlanted) {
      if (!rng.Chance(p.share)) continue;
      std::string& sec = sections[rng.Below(4)];
      size_t at = sec.find(' ', rng.Below(static_cast<uint32_t>(sec.size())));
      sec.insert(at == std::string::npos ? sec.size() : at + 1, std::string(p.text) + " ");
      if (p.share < 0.05 && rng.Chance(0.4)) title = std::string(p.text) + " " + title;
    }
    for (int s = 0; s < 4; ++s) {
      if (!r->abstract.empty()) r->abstract += '\n';
      r->abstract += std::string(kSections[s]) + ": " + sections[s].substr(0, sections[s].size() - 1);
    }
  }
  r->title = std::move(title);
  r->journal = journals_[journal_zipf_.Sample(rng.Uniform())];
  if (rng.Chance(0.6)) {
    for (size_t k = 0, n = 3 + rng.Below(6); k < n; ++k) {
      std::string kw = words_[200 + rng.Below(20000)];
      if (rng.Chance(0.5)) kw += " " + words_[200 + rng.Below(20000)];
      r->keywords.push_back(std::move(kw));
    }
  }
  Mesh(rng, r);
  r->publication_types = {"Journal Article"};
  const std::pair<const char*, double> kTypes[] = {{"Review", 0.12}, {"Clinical Trial", 0.03},
                                                   {"Randomized Controlled Trial", 0.02}, {"Case Reports", 0.05},
                                                   {"Meta-Analysis", 0.01}, {"Research Support, Non-U.S. Gov't", 0.2}};
  for (const auto& [type, share] : kTypes) {
    if (rng.Chance(share)) r->publication_types.push_back(type);
  }
}

std::string CorpusGenerator::ChineseText(Rng& rng, size_t words) const {
  std::string out;
  for (size_t k = 0; k < words; ++k) {
    out += chinese_words_[chinese_zipf_.Sample(rng.Uniform())];
    if (rng.Chance(0.08)) out += k + 1 == words ? "。" : "，";
  }
  return out + "。";
}

void CorpusGenerator::ChineseRecord(Rng& rng, biblio::Record* r) const {
  r->language = "chi";
  r->source = biblio::Source::kCnki;
  r->title = ChineseText(rng, Around(rng, 8));
  r->title.resize(r->title.size() - 3);  // no final "。"
  for (int s = 0; s < 4; ++s) {
    if (!r->abstract.empty()) r->abstract += '\n';
    r->abstract += std::string(kChineseSections[s]) + ": " + ChineseText(rng, Around(rng, 80 * kSectionShare[s]));
  }
  for (const Planted& p : kPlantedChinese) {
    if (rng.Chance(p.share)) r->abstract.insert(r->abstract.find(": ") + 2, p.text);
    if (rng.Chance(p.share / 2)) r->title = p.text + r->title;
  }
  for (size_t k = 0, n = 3 + rng.Below(4); k < n; ++k) r->keywords.push_back(chinese_words_[rng.Below(3000)]);
  r->journal = chinese_journals_[rng.Below(static_cast<uint32_t>(chinese_journals_.size()))];
  r->publication_types = {"Journal Article"};
}

void CorpusGenerator::Authors(Rng& rng, bool chinese, biblio::Record* r) const {
  static const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"};
  const size_t n = std::min<size_t>(10, 1 + rng.Below(4) + rng.Below(4) + rng.Below(3));
  for (size_t k = 0; k < n; ++k) {
    if (chinese) {
      std::string name = kSurnames[rng.Below(10)];
      for (uint32_t c = 0, m = 1 + rng.Below(2); c < m; ++c) name += Utf8(0x4e00 + rng.Below(3500));
      r->authors.push_back(std::move(name));
      continue;
    }
    std::string a = surnames_[surname_zipf_.Sample(rng.Uniform())] + ", " + forenames_[rng.Below(800)];
    if (rng.Chance(0.4)) a += std::string(" ") + static_cast<char>('A' + rng.Below(26));
    r->authors.push_back(std::move(a));
  }
}

void CorpusGenerator::Mesh(Rng& rng, biblio::Record* r) const {
  const size_t n = 5 + rng.Below(11);
  std::vector<size_t> picked;
  while (picked.size() < n) {
    const size_t d = descriptor_zipf_.Sample(rng.Uniform());
    if (std::find(picked.begin(), picked.end(), d) == picked.end()) picked.push_back(d);
  }
  for (size_t d : picked) {
    biblio::MeshHeading h{descriptors_[d], rng.Chance(0.25), {}};
    for (uint32_t q = 0, m = rng.Chance(0.5) ? 1 + rng.Below(2) : 0; q < m; ++q) {
      h.qualifiers.push_back(qualifiers_[rng.Below(static_cast<uint32_t>(qualifiers_.size()))]);
    }
    r->mesh.push_back(std::move(h));
  }
}

biblio::Record CorpusGenerator::Make(uint64_t i) const {
  Rng rng(Mix(options_.seed, i));
  biblio::Record r;
  r.pmid = std::to_string(30000000 + i);
  r.origin = "synthetic:" + std::to_string(i);
  r.year = Year(rng);
  r.month = rng.Chance(0.9) ? 1 + static_cast<int>(rng.Below(12)) : 0;
  r.day = r.month != 0 && rng.Chance(0.5) ? 1 + static_cast<int>(rng.Below(28)) : 0;
  const bool chinese = rng.Chance(options_.chinese_share);
  if (chinese) {
    ChineseRecord(rng, &r);
  } else {
    EnglishRecord(rng, &r);
    r.doi = "10." + std::to_string(1000 + rng.Below(9000)) + "/j." + std::to_string(r.year) + "." + r.pmid;
  }
  Authors(rng, chinese, &r);
  return r;
}

}  // namespace carta::bench
