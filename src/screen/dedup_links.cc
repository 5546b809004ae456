// The rules that propose duplicate pairs. Identifier links come from sorting
// each identifier; title links from sorted-neighbourhood blocking (Hernández &
// Stolfo 1995) on the normalised title and on its reverse, so a typo near
// either end still leaves the two titles within `window` of each other.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "carta/core/text.h"
#include "dedup_internal.h"
#include "text_keys.h"

namespace carta::screen::internal {
namespace {

constexpr std::array<std::string_view, 9> kErratumPrefixes = {
    "erratum", "errata", "corrigendum", "correction to", "correction:", "correction for",
    "publisher correction", "author correction", "勘误"};
constexpr std::array<std::string_view, 10> kReplyPrefixes = {
    "reply", "in reply", "response to", "author's reply", "authors' reply", "authors reply",
    "comment on", "re:", "回复", "答复"};
constexpr std::array<std::string_view, 6> kRetractionPrefixes = {
    "retraction:", "retraction note", "retraction of", "retracted:", "notice of retraction", "撤稿"};

template <size_t N>
bool HasPrefix(std::string_view title, const std::array<std::string_view, N>& prefixes) {
  for (std::string_view p : prefixes) {
    if (text::StartsWith(title, p)) return true;
  }
  return false;
}

bool HasType(const biblio::Record& r, std::string_view type) {
  for (const std::string& t : r.publication_types) {
    if (text::ToLower(t) == type) return true;
  }
  return false;
}

}  // namespace

ItemKind KindOf(const biblio::Record& record) {
  std::string title = text::FoldForMatch(text::Trim(record.title));
  if (!title.empty() && title.front() == '[') title.erase(0, 1);  // PubMed's "[Erratum ...]"
  if (HasPrefix(title, kErratumPrefixes) || HasType(record, "published erratum")) return ItemKind::kErratum;
  if (HasPrefix(title, kRetractionPrefixes) || HasType(record, "retraction of publication")) {
    return ItemKind::kRetraction;
  }
  if (HasPrefix(title, kReplyPrefixes) || HasType(record, "comment")) return ItemKind::kReply;
  return ItemKind::kArticle;
}

const char* ItemKindName(ItemKind kind) {
  switch (kind) {
    case ItemKind::kArticle: return "article";
    case ItemKind::kErratum: return "erratum/correction";
    case ItemKind::kReply: return "reply/comment";
    case ItemKind::kRetraction: return "retraction notice";
  }
  return "article";
}

std::vector<RecordKeys> ComputeKeys(const std::vector<biblio::Record>& records) {
  std::vector<RecordKeys> keys(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    RecordKeys& k = keys[i];
    k.title = NormalizedTitle(records[i].title);
    k.translated = NormalizedTitle(records[i].translated_title);
    k.grams = TitleGrams(k.title);
    k.surname = FirstAuthorSurname(records[i].authors);
    k.year = records[i].year;
    k.kind = KindOf(records[i]);
    for (const biblio::DatabaseId& id : records[i].database_ids) k.database_ids.push_back(id.kind + ":" + id.value);
  }
  return keys;
}

namespace {

using Ids = std::vector<std::pair<std::string_view, uint32_t>>;

// Links every pair of records sharing a non-empty value of one identifier
// (a star from the first record when more than 16 share it).
void LinkSameId(const std::vector<RecordKeys>& keys, Ids ids, DuplicateReason reason,
                std::vector<DuplicateLink>* links) {
  std::sort(ids.begin(), ids.end());
  for (size_t lo = 0; lo < ids.size();) {
    size_t hi = lo + 1;
    while (hi < ids.size() && ids[hi].first == ids[lo].first) ++hi;
    const bool all_pairs = hi - lo <= 16;
    for (size_t i = lo; i < hi; ++i) {
      for (size_t j = i + 1; j < hi && (all_pairs || i == lo); ++j) {
        const uint32_t a = ids[i].second, b = ids[j].second;
        links->push_back({a, b, reason, Jaccard(keys[a].grams, keys[b].grams)});
      }
    }
    lo = hi;
  }
}

void IdLinks(const std::vector<biblio::Record>& records, const std::vector<RecordKeys>& keys,
             std::vector<DuplicateLink>* links) {
  Ids doi, pmid, cnki, database;
  // A database id is keyed "kind:value" in keys[i].database_ids, so equal
  // keys are the same id of the same database.
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (!records[i].doi.empty()) doi.emplace_back(records[i].doi, i);
    if (!records[i].pmid.empty()) pmid.emplace_back(records[i].pmid, i);
    if (!records[i].cnki_id.empty()) cnki.emplace_back(records[i].cnki_id, i);
    for (const std::string& id : keys[i].database_ids) database.emplace_back(id, i);
  }
  LinkSameId(keys, std::move(doi), DuplicateReason::kSameDoi, links);
  LinkSameId(keys, std::move(pmid), DuplicateReason::kSamePmid, links);
  LinkSameId(keys, std::move(cnki), DuplicateReason::kSameCnkiId, links);
  LinkSameId(keys, std::move(database), DuplicateReason::kSameDatabaseId, links);
}

bool IsAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The pair conditions of both title rules: known years within the gap, same
// kind, and first authors with the same surname, one of them missing, or
// written in different scripts ("张三" and "Zhang S": a CNKI record and the
// PubMed record of its English translation cannot be compared by name).
bool TitlePairOk(const RecordKeys& x, const RecordKeys& y, const DedupOptions& options) {
  if (x.year == 0 || y.year == 0 || std::abs(x.year - y.year) > options.max_year_gap) return false;
  if (x.kind != y.kind) return false;
  if (IsAscii(x.surname) != IsAscii(y.surname)) return true;
  return x.surname.empty() || y.surname.empty() || x.surname == y.surname;
}

std::vector<uint32_t> SortedByTitle(const std::vector<RecordKeys>& keys, size_t min_chars, bool reversed) {
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < keys.size(); ++i) {
    if (keys[i].title.size() >= min_chars) order.push_back(i);
  }
  auto less = [&](uint32_t a, uint32_t b) {
    const std::u32string& x = keys[a].title;
    const std::u32string& y = keys[b].title;
    if (!reversed) return x != y ? x < y : a < b;
    if (x == y) return a < b;
    return std::lexicographical_compare(x.rbegin(), x.rend(), y.rbegin(), y.rend());
  };
  std::sort(order.begin(), order.end(), less);
  return order;
}

// A title shared by more records than this identifies none of them ("Poster
// abstracts", a journal's recurring section): no duplicate is marked by that
// title alone (precision first), and the pairwise comparison that would grow
// as the square of the run (4,000 records of 4 titles took 9.5 s) is skipped.
constexpr size_t kMaxSameTitleRun = 50;

// Same normalised title: every pair of records within a run of equal title
// keys, where a record's keys are its title and its translated title (an
// English title that one database gives as the title and another as the
// translation of a Chinese one links the two).
void ExactTitleLinks(const std::vector<RecordKeys>& keys, const DedupOptions& options,
                     std::vector<DuplicateLink>* links) {
  const size_t min_chars = static_cast<size_t>(options.min_title_chars);
  std::vector<std::pair<const std::u32string*, uint32_t>> entries;
  for (uint32_t i = 0; i < keys.size(); ++i) {
    if (keys[i].title.size() >= min_chars) entries.emplace_back(&keys[i].title, i);
    if (keys[i].translated.size() >= min_chars && keys[i].translated != keys[i].title) {
      entries.emplace_back(&keys[i].translated, i);
    }
  }
  std::sort(entries.begin(), entries.end(), [](const auto& x, const auto& y) {
    return *x.first != *y.first ? *x.first < *y.first : x.second < y.second;
  });
  for (size_t lo = 0; lo < entries.size();) {
    size_t hi = lo + 1;
    while (hi < entries.size() && *entries[hi].first == *entries[lo].first) ++hi;
    if (hi - lo > kMaxSameTitleRun) {
      lo = hi;
      continue;
    }
    for (size_t i = lo; i < hi; ++i) {
      for (size_t j = i + 1; j < hi; ++j) {
        const uint32_t a = entries[i].second, b = entries[j].second;
        if (a != b && TitlePairOk(keys[a], keys[b], options)) {
          links->push_back({a, b, DuplicateReason::kSameTitle, 1.0});
        }
      }
    }
    lo = hi;
  }
}

// Near-identical titles within `window` places of each other in `order`.
void FuzzyTitleLinks(const std::vector<RecordKeys>& keys, const std::vector<uint32_t>& order,
                     const DedupOptions& options, std::vector<DuplicateLink>* links) {
  const size_t window = static_cast<size_t>(options.window);
  for (size_t i = 0; i < order.size(); ++i) {
    const RecordKeys& x = keys[order[i]];
    for (size_t j = i + 1; j < order.size() && j <= i + window; ++j) {
      const RecordKeys& y = keys[order[j]];
      if (x.title == y.title || !TitlePairOk(x, y, options)) continue;
      // Jaccard <= min/max of the set sizes: skip pairs that cannot reach the threshold.
      const double n_x = static_cast<double>(x.grams.size()), n_y = static_cast<double>(y.grams.size());
      if (std::min(n_x, n_y) < options.fuzzy_threshold * std::max(n_x, n_y)) continue;
      const double similarity = Jaccard(x.grams, y.grams);
      if (similarity < options.fuzzy_threshold) continue;
      const uint32_t a = std::min(order[i], order[j]), b = std::max(order[i], order[j]);
      links->push_back({a, b, DuplicateReason::kFuzzyTitle, similarity});
    }
  }
}

}  // namespace

std::vector<DuplicateLink> FindLinks(const std::vector<biblio::Record>& records,
                                     const std::vector<RecordKeys>& keys, const DedupOptions& options) {
  std::vector<DuplicateLink> links;
  IdLinks(records, keys, &links);
  ExactTitleLinks(keys, options, &links);
  const size_t min_fuzzy = static_cast<size_t>(options.min_fuzzy_title_chars);
  FuzzyTitleLinks(keys, SortedByTitle(keys, min_fuzzy, false), options, &links);
  FuzzyTitleLinks(keys, SortedByTitle(keys, min_fuzzy, true), options, &links);
  for (DuplicateLink& l : links) {
    if (l.a > l.b) std::swap(l.a, l.b);
  }
  // One link per pair, the strongest reason; then applied strongest first.
  auto by_pair = [](const DuplicateLink& x, const DuplicateLink& y) {
    return std::tie(x.a, x.b, x.reason) < std::tie(y.a, y.b, y.reason);
  };
  std::sort(links.begin(), links.end(), by_pair);
  links.erase(std::unique(links.begin(), links.end(),
                          [](const DuplicateLink& x, const DuplicateLink& y) { return x.a == y.a && x.b == y.b; }),
              links.end());
  std::stable_sort(links.begin(), links.end(),
                   [](const DuplicateLink& x, const DuplicateLink& y) { return x.reason < y.reason; });
  return links;
}

}  // namespace carta::screen::internal
