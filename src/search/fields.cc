#include "fields.h"

#include "carta/search/tokenizer.h"

namespace carta::search::internal {

std::string_view FieldName(FieldId f) {
  static constexpr std::string_view kNames[] = {
      "title",  "abstract", "keyword",    "mesh_words", "pubtype_words", "journal_words", "author_words", "author",
      "mesh",   "mesh_major", "subheading", "pubtype",   "language",      "journal",       "pmid",         "doi"};
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == kNumFields);
  return kNames[static_cast<int>(f)];
}

void CollectTexts(const biblio::Record& record, FieldId f, std::vector<std::string_view>* texts) {
  texts->clear();
  auto add_all = [&](const std::vector<std::string>& values) {
    for (const std::string& v : values) texts->push_back(v);
  };
  switch (f) {
    case FieldId::kTitle:
      texts->push_back(record.title);
      if (!record.translated_title.empty()) texts->push_back(record.translated_title);
      break;
    case FieldId::kAbstract: texts->push_back(record.abstract); break;
    case FieldId::kKeyword: add_all(record.keywords); break;
    case FieldId::kMeshWords:
      for (const biblio::MeshHeading& h : record.mesh) {
        texts->push_back(h.descriptor);
        for (const std::string& q : h.qualifiers) texts->push_back(q);
      }
      break;
    case FieldId::kPubTypeWords: add_all(record.publication_types); break;
    case FieldId::kJournalWords: texts->push_back(record.journal); break;
    case FieldId::kAuthorWords: add_all(record.authors); break;
    default: break;
  }
}

void CollectKeys(const biblio::Record& record, FieldId f, std::vector<std::string>* keys) {
  keys->clear();
  auto add = [&](std::string key) {
    if (!key.empty()) keys->push_back(std::move(key));
  };
  switch (f) {
    case FieldId::kMesh:
      for (const biblio::MeshHeading& h : record.mesh) {
        std::string d = NormalizeKey(h.descriptor);
        for (const std::string& q : h.qualifiers) add(d + "/" + NormalizeKey(q));
        add(std::move(d));
      }
      break;
    case FieldId::kMeshMajor:
      for (const biblio::MeshHeading& h : record.mesh) {
        if (h.major) add(NormalizeKey(h.descriptor));
      }
      break;
    case FieldId::kSubheading:
      for (const biblio::MeshHeading& h : record.mesh) {
        for (const std::string& q : h.qualifiers) add(NormalizeKey(q));
      }
      break;
    case FieldId::kPubType:
      for (const std::string& p : record.publication_types) add(NormalizeKey(p));
      add(NormalizeKey(record.record_type));  // carta's record type: thesis[pt], conference_abstract[pt]
      break;
    case FieldId::kLanguage: add(NormalizeKey(record.language)); break;
    case FieldId::kJournal: add(NormalizeKey(record.journal)); break;
    case FieldId::kPmid: add(NormalizeKey(record.pmid)); break;
    case FieldId::kDoi: add(NormalizeKey(record.doi)); break;
    default: break;
  }
}

namespace {

uint32_t Key(int year, int month, int day) {
  if (year <= 0 || year > 9999) return 0;
  month = month >= 1 && month <= 12 ? month : 1;
  day = day >= 1 && day <= 31 ? day : 1;
  return static_cast<uint32_t>(year * 10000 + month * 100 + day);
}

}  // namespace

uint32_t DateKey(const biblio::Record& record) { return Key(record.year, record.month, record.day); }

uint32_t EpubDateKey(const biblio::Record& record) {
  return Key(record.epub_year, record.epub_month, record.epub_day);
}

}  // namespace carta::search::internal
