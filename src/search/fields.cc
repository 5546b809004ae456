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
    case FieldId::kTitle: texts->push_back(record.title); break;
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
      break;
    case FieldId::kLanguage: add(NormalizeKey(record.language)); break;
    case FieldId::kJournal: add(NormalizeKey(record.journal)); break;
    case FieldId::kPmid: add(NormalizeKey(record.pmid)); break;
    case FieldId::kDoi: add(NormalizeKey(record.doi)); break;
    default: break;
  }
}

uint32_t DateKey(const biblio::Record& record) {
  if (record.year <= 0 || record.year > 9999) return 0;
  int month = record.month >= 1 && record.month <= 12 ? record.month : 1;
  int day = record.day >= 1 && record.day <= 31 ? record.day : 1;
  return static_cast<uint32_t>(record.year * 10000 + month * 100 + day);
}

}  // namespace carta::search::internal
