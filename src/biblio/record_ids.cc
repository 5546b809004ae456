// The identifiers and record types that readers keep beside DOI and PMID:
// other databases' accession numbers (from their own fields and from record
// links), ISSNs, and carta's record type vocabulary.
#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "carta/biblio/record.h"
#include "carta/core/text.h"
#include "fields.h"

namespace carta::biblio {

namespace {

struct TypeRule {
  std::string_view type;
  // Whole values (lower case) and, for the longer phrases, substrings.
  std::initializer_list<std::string_view> exact;
  std::initializer_list<std::string_view> contains;
};

// Checked in order: the more specific phrases first ("conference abstract"
// before "conference", "book section" before "book"). Substrings only where
// no common publication type holds them by chance ("Hypothesis" holds
// "thesis", "Case Reports" "report", "Book Review" "book": whole values only).
const TypeRule kTypeRules[] = {
    {"conference_abstract", {"abst", "inpr", "meeting abstract", "conference abstract"},
     {"meeting abstract", "conference abstract", "会议摘要"}},
    {"conference_paper",
     {"conf", "cpaper", "proceedings paper", "conference paper", "conference proceedings", "conference review",
      "inproceedings", "conference"},
     {"proceedings", "conference paper", "会议"}},
    {"thesis",
     {"thes", "thesis", "dissertation", "phdthesis", "mastersthesis", "dissertation/thesis", "master's thesis",
      "doctoral thesis", "phd thesis", "academic dissertation"},
     {"dissertation", "学位论文", "硕士", "博士"}},
    {"book_chapter", {"chap", "book section", "book chapter", "incollection", "inbook"},
     {"book section", "book chapter", "chapter"}},
    {"book", {"book", "ebook", "b", "edbook", "s", "whole book"}, {"专著", "图书"}},
    {"newspaper", {"news", "newspaper article", "newspaper"}, {"newspaper", "报纸"}},
    {"standard", {"stand", "standard"}, {"standard", "标准"}},
    {"patent", {"pat", "patent", "p"}, {"patent", "专利"}},
    {"report", {"rprt", "report", "techreport", "technical report", "government document", "gov"}, {"报告"}},
    {"preprint", {"preprint", "unpb", "unpublished"}, {"preprint"}},
    {"dataset", {"data", "dataset", "data set"}, {"dataset", "data paper"}},
    {"journal_article",
     {"jour", "ejour", "jfull", "j", "article", "journal article", "review", "note", "letter", "editorial",
      "short survey", "erratum", "article in press", "1", "journal", "期刊"},
     {"journal article", "journal", "期刊"}},
    {"other", {"gen", "generic", "other"}, {}},
};

// The RIS TY code of each record type (RIS specification, 2011), and back.
struct RisType {
  std::string_view type, code;
};
constexpr RisType kRisTypes[] = {
    {"journal_article", "JOUR"}, {"conference_abstract", "ABST"}, {"conference_paper", "CPAPER"},
    {"thesis", "THES"},          {"book", "BOOK"},                {"book_chapter", "CHAP"},
    {"newspaper", "NEWS"},       {"standard", "STAND"},           {"patent", "PAT"},
    {"report", "RPRT"},          {"preprint", "UNPB"},            {"dataset", "DATA"},
    {"other", "GEN"},
};

// The part of `url` after `key` (lower-case match) up to the next '&', '#',
// '?', '/' or end; "" when `key` is not in it.
std::string AfterKey(std::string_view url, std::string_view key) {
  const std::string lower = text::ToLower(url);
  const size_t at = lower.find(key);
  if (at == std::string::npos) return "";
  const size_t start = at + key.size();
  size_t end = start;
  while (end < url.size() && url[end] != '&' && url[end] != '#' && url[end] != '?' && url[end] != '/') ++end;
  return std::string(url.substr(start, end - start));
}

bool AllAlnumOrDash(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

std::string RecordTypeFromText(std::string_view words) {
  const std::string lower = text::ToLower(text::Trim(words));
  if (lower.empty()) return "";
  for (std::string_view own : kRecordTypes) {  // carta's own names, as its CSV and JSON write them
    if (lower == own) return lower;
  }
  for (const TypeRule& rule : kTypeRules) {
    for (std::string_view e : rule.exact) {
      if (lower == e) return std::string(rule.type);
    }
  }
  for (const TypeRule& rule : kTypeRules) {
    for (std::string_view c : rule.contains) {
      if (lower.find(c) != std::string::npos) return std::string(rule.type);
    }
  }
  return "";
}

std::string_view RisTypeCode(std::string_view record_type) {
  for (const RisType& t : kRisTypes) {
    if (t.type == record_type) return t.code;
  }
  return "JOUR";
}

// The form each database gives its ids, which the writers write and the
// readers read back (AddAccession, IdsFromLink): Scopus "2-s2.0-85012345678",
// Embase "L373791783", Web of Science "000123456789012", Wanfang
// "periodical/zgzl202301005" (type in lower case, '/', id), CNKI
// "ZGZL202301005" (letters, digits, '-', '_', '.', as its record link's
// FileName= carries it). Embase's 'l' is
// made 'L'; "" when `value` is not in its kind's form.
std::string DatabaseIdInForm(std::string_view kind, std::string_view value) {
  std::string v(text::Trim(value));
  if (kind == "scopus") return text::StartsWith(text::ToLower(v), "2-s2.0-") && AllAlnumOrDash(v) ? v : "";
  if (kind == "embase") {
    const bool ok = v.size() > 1 && v.size() <= 16 && (v[0] == 'L' || v[0] == 'l') &&
                    std::all_of(v.begin() + 1, v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    return ok ? "L" + v.substr(1) : "";
  }
  if (kind == "wos" || kind == "cnki") return AllAlnumOrDash(v) ? v : "";
  if (kind == "wanfang") {
    const size_t slash = v.find('/');
    if (slash == std::string::npos) return "";
    const std::string type = v.substr(0, slash);
    const bool ok = AllAlnumOrDash(type) && type == text::ToLower(type) && AllAlnumOrDash(v.substr(slash + 1));
    return ok ? v : "";
  }
  return "";
}

void AddDatabaseId(Record* r, std::string_view kind, std::string_view value) {
  const std::string v = DatabaseIdInForm(kind, value);
  if (v.empty()) return;  // not an id of that database (and not a kind carta keeps)
  for (const DatabaseId& id : r->database_ids) {
    if (id.kind == kind) return;  // the first one wins
  }
  r->database_ids.push_back({std::string(kind), v});
  auto rank = [](const DatabaseId& id) {
    return std::find(std::begin(kDatabaseIdKinds), std::end(kDatabaseIdKinds), id.kind) - std::begin(kDatabaseIdKinds);
  };
  std::stable_sort(r->database_ids.begin(), r->database_ids.end(),
                   [&](const DatabaseId& a, const DatabaseId& b) { return rank(a) < rank(b); });
}

std::string_view DatabaseIdOf(const Record& r, std::string_view kind) {
  for (const DatabaseId& id : r.database_ids) {
    if (id.kind == kind) return id.value;
  }
  return "";
}

void AddIssns(Record* r, std::string_view value) {
  // "1009-5896", "2226-7190 (ISSN)", "0008-543X; 1097-0142", "22267190".
  std::string token;
  auto flush = [&] {
    std::string digits;
    for (char c : token) {
      if (std::isdigit(static_cast<unsigned char>(c)) || c == 'X' || c == 'x') digits.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    token.clear();
    if (digits.size() != 8 || digits.find('X') < 7) return;
    const std::string issn = digits.substr(0, 4) + "-" + digits.substr(4);
    if (std::find(r->issns.begin(), r->issns.end(), issn) == r->issns.end()) r->issns.push_back(issn);
  };
  for (char c : value) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == 'X' || c == 'x' || c == '-') token.push_back(c);
    else flush();
  }
  flush();
}

void IdsFromLink(Record* r, std::string_view url) {
  const std::string lower = text::ToLower(url);
  // Only a link whose host is CNKI's gives a CNKI id: the host is also what
  // makes a record's source CNKI (DetectSource), and carta's RIS writes the
  // id as such a link, so an id from a garbled link ("https::/kns.cnki.net/
  // ...?FileName=X") would come back with a source it did not have.
  if (r->cnki_id.empty() && SourceFromText(LinkHosts(url)) == Source::kCnki) {
    std::string id = AfterKey(url, "filename=");
    // www.cnki.com.cn/Article/CJFDTOTAL-ZGZL202301005.htm: the database code, '-', the file name.
    if (id.empty() && lower.find("/article/") != std::string::npos) {
      std::string last = std::string(url.substr(url.rfind('/') + 1));
      if (const size_t dot = last.find('.'); dot != std::string::npos) last.resize(dot);
      if (const size_t dash = last.find('-'); dash != std::string::npos) last = last.substr(dash + 1);
      id = last;
    }
    if (AllAlnumOrDash(id)) r->cnki_id = id;
  }
  if (lower.find("scopus.com") != std::string::npos) {
    const std::string eid = AfterKey(url, "eid=");
    if (AllAlnumOrDash(eid)) AddDatabaseId(r, "scopus", eid);
  }
  if (lower.find("embase.com") != std::string::npos) {
    const std::string id = AfterKey(url, "id=");
    if (id.size() > 1 && (id[0] == 'L' || id[0] == 'l') && AllAlnumOrDash(id)) AddDatabaseId(r, "embase", id);
  }
  if (lower.find("wanfangdata.com.cn") != std::string::npos) {
    // d.wanfangdata.com.cn/periodical/zgzl202301005 (also .../thesis/Y123,
    // and the older .../details/detail.do?_type=perio&id=...).
    std::string id;
    for (std::string_view type : {"/periodical/", "/thesis/", "/conference/", "/patent/", "/standard/"}) {
      if (const size_t at = lower.find(type); at != std::string::npos) {
        const std::string rest = AfterKey(url.substr(at + type.size() - 1), "/");
        if (AllAlnumOrDash(rest)) id = std::string(type.substr(1)) + rest;
        break;
      }
    }
    if (id.empty()) {
      const std::string type = AfterKey(url, "_type="), value = AfterKey(url, "&id=");
      if (AllAlnumOrDash(type) && AllAlnumOrDash(value)) id = type + "/" + value;
    }
    if (!id.empty()) AddDatabaseId(r, "wanfang", id);
  }
}

void AddAccession(Record* r, std::string_view value) {
  std::string_view v = text::Trim(value);
  const std::string lower = text::ToLower(v);
  if (text::StartsWith(lower, "wos:")) return AddDatabaseId(r, "wos", text::Trim(v.substr(4)));
  if (text::StartsWith(lower, "2-s2.0-")) return AddDatabaseId(r, "scopus", v);
  if (v.size() > 1 && v.size() <= 16 && (v[0] == 'L' || v[0] == 'l') &&
      std::all_of(v.begin() + 1, v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return AddDatabaseId(r, "embase", std::string("L") + std::string(v.substr(1)));
  }
}

}  // namespace carta::biblio
