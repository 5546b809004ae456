// Tabular exports: Scopus CSV, Web of Science tab-delimited (and its CSV),
// Lens CSV, Embase CSV, ASReview's export, carta's own CSV, and any CSV with
// a column map. The header row says which database wrote the file (a column
// only it writes) and which column holds which field; every other row is a
// record. RFC 4180 quoting (a quoted field may hold the delimiter, doubled
// quotes and line breaks), a UTF-8 BOM, CRLF, comma or tab delimiters. Not
// core's ParseCsv: exports are streamed (a Scopus export can be hundreds of
// MB), may be tab-delimited, and a bad row is skipped with its line while the
// rest is read.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/read.h"
#include "carta/biblio/write.h"
#include "carta/core/text.h"
#include "fields.h"
#include "line_reader.h"
#include "tagged.h"

namespace carta::biblio {

namespace {

// What a column fills. kAuthors*: one list of authors.
enum class Field {
  kTitle, kAbstract, kAuthors, kAuthorsFull, kJournal, kVolume, kIssue, kPages, kStartPage, kEndPage,
  kYear, kDate, kDoi, kPmid, kCnkiId, kIssn, kKeywords, kMesh, kLanguage, kPubType, kSource, kUrl,
  kMonth, kDay, kTranslatedTitle, kRecordType, kEpubDate, kDatabaseIds, kScopusEid, kWosUt, kEmbaseId,
  kDateText,
};

struct FieldName {
  Field field;
  std::string_view name;  // the name --columns uses
};

constexpr FieldName kFieldNames[] = {
    {Field::kTitle, "title"},     {Field::kAbstract, "abstract"},   {Field::kAuthors, "authors"},
    {Field::kJournal, "journal"}, {Field::kVolume, "volume"},       {Field::kIssue, "issue"},
    {Field::kPages, "pages"},     {Field::kStartPage, "start_page"}, {Field::kEndPage, "end_page"},
    {Field::kYear, "year"},       {Field::kDate, "date"},           {Field::kDoi, "doi"},
    {Field::kPmid, "pmid"},       {Field::kCnkiId, "cnki_id"},      {Field::kIssn, "issn"},
    {Field::kKeywords, "keywords"}, {Field::kMesh, "mesh"},         {Field::kLanguage, "language"},
    {Field::kPubType, "publication_types"}, {Field::kSource, "source"}, {Field::kUrl, "url"},
    {Field::kMonth, "month"},     {Field::kDay, "day"},             {Field::kTranslatedTitle, "translated_title"},
    {Field::kRecordType, "record_type"}, {Field::kEpubDate, "epub_date"}, {Field::kDatabaseIds, "database_ids"},
    {Field::kScopusEid, "scopus_eid"}, {Field::kWosUt, "wos_ut"},     {Field::kEmbaseId, "embase_id"},
};

struct ColumnRule {
  std::string_view header;  // lower case
  Field field;
};

// One exporter's columns. `signature`: a header only this exporter writes.
struct CsvProfile {
  std::string_view name;
  std::string_view signature;
  Source source;
  std::vector<ColumnRule> columns;
};

const std::vector<CsvProfile>& Profiles() {
  static const std::vector<CsvProfile> kProfiles = {
      // Scopus "CSV export" (all information): Elsevier's column names.
      {"Scopus CSV", "eid", Source::kScopus,
       {{"title", Field::kTitle}, {"abstract", Field::kAbstract}, {"author full names", Field::kAuthorsFull},
        {"authors", Field::kAuthors}, {"source title", Field::kJournal}, {"volume", Field::kVolume},
        {"issue", Field::kIssue}, {"page start", Field::kStartPage}, {"page end", Field::kEndPage},
        {"year", Field::kYear}, {"doi", Field::kDoi}, {"pubmed id", Field::kPmid}, {"issn", Field::kIssn},
        {"author keywords", Field::kKeywords}, {"language of original document", Field::kLanguage},
        {"document type", Field::kPubType}, {"link", Field::kUrl}, {"eid", Field::kScopusEid}}},
      // Web of Science "Tab delimited file" / Excel: the field tags as headers.
      {"Web of Science tab-delimited", "ut", Source::kWos,
       {{"ti", Field::kTitle}, {"ab", Field::kAbstract}, {"af", Field::kAuthorsFull}, {"au", Field::kAuthors},
        {"so", Field::kJournal}, {"vl", Field::kVolume}, {"is", Field::kIssue}, {"bp", Field::kStartPage},
        {"ep", Field::kEndPage}, {"py", Field::kYear}, {"pd", Field::kDate}, {"di", Field::kDoi},
        {"pm", Field::kPmid}, {"sn", Field::kIssn}, {"de", Field::kKeywords}, {"la", Field::kLanguage},
        {"dt", Field::kPubType}, {"ut", Field::kWosUt}, {"ei", Field::kIssn}, {"ea", Field::kEpubDate},
        {"pt", Field::kRecordType}}},
      // Lens "CSV" scholarly export.
      {"Lens CSV", "lens id", Source::kLens,
       {{"title", Field::kTitle}, {"abstract", Field::kAbstract}, {"author/s", Field::kAuthorsFull},
        {"source title", Field::kJournal}, {"volume", Field::kVolume}, {"issue number", Field::kIssue},
        {"start page", Field::kStartPage}, {"end page", Field::kEndPage}, {"date published", Field::kDate},
        {"publication year", Field::kYear}, {"doi", Field::kDoi}, {"pmid", Field::kPmid}, {"issns", Field::kIssn},
        {"keywords", Field::kKeywords}, {"mesh terms", Field::kMesh}, {"publication type", Field::kPubType}}},
      // Embase (embase.com) "CSV - Fields by Column".
      {"Embase CSV", "embase accession id", Source::kEmbase,
       {{"title", Field::kTitle}, {"abstract", Field::kAbstract}, {"author names", Field::kAuthors},
        {"source title", Field::kJournal}, {"source", Field::kJournal}, {"volume", Field::kVolume},
        {"issue", Field::kIssue}, {"first page", Field::kStartPage}, {"last page", Field::kEndPage},
        {"publication year", Field::kYear}, {"date of publication", Field::kDate}, {"doi", Field::kDoi},
        {"medline pmid", Field::kPmid}, {"issn", Field::kIssn}, {"author keywords", Field::kKeywords},
        {"language of article", Field::kLanguage}, {"publication type", Field::kPubType},
        {"embase accession id", Field::kEmbaseId}}},
  };
  return kProfiles;
}

// The columns of a CSV without a known exporter: carta's own export
// (biblio::CsvColumns), ASReview's export (the dataset's columns plus
// record_id, included, asreview_ranking) and common names.
const std::vector<ColumnRule>& GenericColumns() {
  static const std::vector<ColumnRule> kColumns = {
      {"title", Field::kTitle}, {"primary_title", Field::kTitle}, {"abstract", Field::kAbstract},
      {"notes_abstract", Field::kAbstract}, {"authors", Field::kAuthors}, {"author", Field::kAuthors},
      {"journal", Field::kJournal}, {"secondary_title", Field::kJournal}, {"volume", Field::kVolume},
      {"issue", Field::kIssue}, {"number", Field::kIssue}, {"pages", Field::kPages},
      {"start_page", Field::kStartPage}, {"end_page", Field::kEndPage}, {"year", Field::kYear},
      {"publication_year", Field::kYear}, {"month", Field::kMonth}, {"day", Field::kDay}, {"date", Field::kDate},
      {"doi", Field::kDoi}, {"pmid", Field::kPmid}, {"pubmed_id", Field::kPmid}, {"cnki_id", Field::kCnkiId},
      {"issn", Field::kIssn}, {"keywords", Field::kKeywords}, {"mesh", Field::kMesh},
      {"language", Field::kLanguage}, {"publication_types", Field::kPubType}, {"type_of_reference", Field::kPubType},
      {"source", Field::kSource}, {"url", Field::kUrl}, {"issns", Field::kIssn},
      {"translated_title", Field::kTranslatedTitle}, {"record_type", Field::kRecordType},
      {"epub_date", Field::kEpubDate}, {"database_ids", Field::kDatabaseIds}, {"date_text", Field::kDateText},
  };
  return kColumns;
}

// Splits one CSV record into fields. `*open` on return: the record ends
// inside a quoted field (the caller appends the next line and parses again).
std::vector<std::string> SplitCsv(std::string_view line, char delimiter, bool* open) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back().push_back('"'), ++i;
      else if (c == '"') quoted = false;
      else out.back().push_back(c);
    } else if (c == '"' && text::Trim(out.back()).empty()) {
      out.back().clear();
      quoted = true;
    } else if (c == delimiter) {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  *open = quoted;
  return out;
}

char DelimiterOf(std::string_view header) {
  bool quoted = false;
  size_t commas = 0, tabs = 0;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == '\t') ++tabs;
  }
  return tabs > commas ? '\t' : ',';
}

std::string Lower(std::string_view s) { return text::ToLower(text::Trim(s)); }

bool HasColumn(const std::vector<std::string>& header, std::string_view name) {
  return std::any_of(header.begin(), header.end(), [&](const std::string& h) { return Lower(h) == name; });
}

// "Moreau, Claire (57190000001)" -> "Moreau, Claire" (Scopus's author ids).
std::string WithoutAuthorId(std::string_view a) {
  a = text::Trim(a);
  if (!a.empty() && a.back() == ')') {
    const size_t open = a.rfind(" (");
    if (open != std::string_view::npos) a = a.substr(0, open);
  }
  return std::string(text::Trim(a));
}

// A column map: which field each column fills (nullopt: none).
using ColumnFields = std::vector<std::optional<Field>>;

class CsvReader {
 public:
  CsvReader(const ReadOptions& options, const RecordSink& sink) : options_(options), sink_(sink) {}

  Status Run(InputStream* in) {
    LineReader lines(in);
    std::string_view line;
    std::string pending;
    int start = 0;
    bool have_header = false;
    while (lines.Next(&line)) {
      if (pending.empty()) {
        if (text::Trim(line).empty()) continue;
        start = lines.line_number();
        pending.assign(line);
      } else {
        pending.push_back('\n');
        pending.append(line);
      }
      if (!have_header) delimiter_ = DelimiterOf(pending);
      bool open = false;
      std::vector<std::string> cells = SplitCsv(pending, delimiter_, &open);
      if (open && pending.size() < LineReader::kMaxLineBytes) continue;
      pending.clear();
      if (!have_header) {
        if (Status s = ReadHeader(cells, start); !s.ok()) return s;
        have_header = true;
      } else {
        Row(cells, start, open);
      }
    }
    if (!pending.empty()) {
      bool open = false;
      const std::vector<std::string> cells = SplitCsv(pending, delimiter_, &open);
      Row(cells, start, open);
    }
    return lines.status();
  }

 private:
  std::string Where(int line) const { return options_.name + ":" + std::to_string(line); }

  Status ReadHeader(const std::vector<std::string>& header, int line) {
    fields_.assign(header.size(), std::nullopt);
    const CsvProfile* profile = nullptr;
    for (const CsvProfile& p : Profiles()) {
      if (HasColumn(header, p.signature)) {
        profile = &p;
        break;
      }
    }
    const std::vector<ColumnRule>& rules = profile != nullptr ? profile->columns : GenericColumns();
    if (profile != nullptr) implied_ = profile->source;
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string h = Lower(header[i]);
      for (const ColumnRule& rule : rules) {
        if (rule.header == h) {
          fields_[i] = rule.field;
          break;
        }
      }
    }
    own_ = profile == nullptr && options_.columns.empty() && IsOwnHeader(header);
    if (Status s = ApplyColumnMap(header, line); !s.ok()) return s;
    const bool titled = std::any_of(fields_.begin(), fields_.end(), [](const auto& f) {
      return f == Field::kTitle || f == Field::kDoi || f == Field::kPmid;
    });
    if (!titled) {
      return Status::InvalidArgument(Where(line) + ": the header row has no title, DOI or PMID column (" +
                                     text::Join(std::vector<std::string>(header.begin(), header.begin() +
                                                                         std::min<size_t>(header.size(), 6)),
                                                ", ") +
                                     (header.size() > 6 ? ", ..." : "") +
                                     "); name them with a column map such as title=Title,doi=DOI")
          .WithField("columns");
    }
    return Status::Ok();
  }

  // options_.columns: "field=Header" pairs, each overriding what the header gave.
  Status ApplyColumnMap(const std::vector<std::string>& header, int line) {
    for (const auto& [field_name, column] : options_.columns) {
      const FieldName* f = nullptr;
      for (const FieldName& n : kFieldNames) {
        if (n.name == field_name) f = &n;
      }
      if (f == nullptr) {
        std::vector<std::string> names;
        for (const FieldName& n : kFieldNames) names.emplace_back(n.name);
        return Status::InvalidArgument("unknown record field '" + field_name + "' in the column map; known: " +
                                       text::Join(names, ", "))
            .WithField("columns");
      }
      const std::string wanted = Lower(column);  // clang 14 (make fuzz) cannot capture a structured binding
      auto at = std::find_if(header.begin(), header.end(), [&](const std::string& h) { return Lower(h) == wanted; });
      if (at == header.end()) {
        return Status::InvalidArgument(Where(line) + ": the header row has no column '" + column + "' (for " +
                                       field_name + ")")
            .WithField("columns");
      }
      for (auto& existing : fields_) {
        if (existing == f->field) existing.reset();
      }
      fields_[static_cast<size_t>(at - header.begin())] = f->field;
    }
    return Status::Ok();
  }

  // carta's own export (biblio::CsvColumns, in order): its lists are
  // escaped (JoinEscapedList) and its date text is a column of its own.
  static bool IsOwnHeader(const std::vector<std::string>& header) {
    const std::vector<std::string>& own = CsvColumns();
    if (header.size() != own.size()) return false;
    for (size_t i = 0; i < own.size(); ++i) {
      if (Lower(header[i]) != own[i]) return false;
    }
    return true;
  }

  void Row(const std::vector<std::string>& cells, int line, bool open) {
    Record r;
    r.origin = Where(line);
    r.source = options_.source;
    std::vector<std::string> problems, warnings;
    if (open) problems.push_back("a quoted field is never closed");
    if (cells.size() > fields_.size() + 1) {
      problems.push_back("the row has " + std::to_string(cells.size()) + " fields, the header " +
                         std::to_string(fields_.size()));
    }
    std::string authors, authors_full, start_page, end_page, year, month, day, date, date_text, source_text;
    for (size_t i = 0; i < cells.size() && i < fields_.size(); ++i) {
      if (!fields_[i]) continue;
      std::string value(text::Trim(cells[i]));
      if (value.empty()) continue;
      if (!text::IsValidUtf8(value)) {
        problems.push_back("column " + std::to_string(i + 1) + " is not valid UTF-8");
        continue;
      }
      if (value.find('\0') != std::string::npos) {
        problems.push_back("column " + std::to_string(i + 1) + " holds a NUL byte");
        continue;
      }
      if (fields_[i] == Field::kPmid && !IsPmid(value)) {
        problems.push_back("column " + std::to_string(i + 1) + ": " + NotAPmid("PMID", value));
        continue;
      }
      if (fields_[i] == Field::kDateText) {
        date_text = value;
        continue;
      }
      if (own_ && IsOwnList(*fields_[i])) {
        FillOwnList(*fields_[i], value, &r, &authors);
        continue;
      }
      Fill(*fields_[i], value, &r, &authors, &authors_full, &start_page, &end_page, &year, &month, &day, &date,
           &source_text);
    }
    r.authors = own_ ? SplitEscapedList(authors) : Authors(authors_full.empty() ? authors : authors_full,
                                                            !authors_full.empty());
    if (r.pages.empty() && !start_page.empty()) r.pages = end_page.empty() ? start_page : start_page + "-" + end_page;
    SetDate(&r, year, month, day, date, &warnings);
    if (own_) r.date_text = date_text;  // as written, beside the year, month and day it was read from
    if (r.source == Source::kOther) {
      Source named = Source::kOther;
      if (!source_text.empty() && !ParseSource(source_text, &named)) named = SourceFromText(source_text);
      r.source = named != Source::kOther ? named : implied_;
    }
    Deliver(std::move(r), problems, sink_, warnings);
  }

  static bool IsOwnList(Field field) {
    return field == Field::kAuthors || field == Field::kKeywords || field == Field::kMesh || field == Field::kPubType;
  }

  // A list of carta's own CSV: split only at unescaped semicolons.
  static void FillOwnList(Field field, const std::string& value, Record* r, std::string* authors) {
    if (field == Field::kAuthors) {
      if (authors->empty()) *authors = value;
      return;
    }
    for (std::string& item : SplitEscapedList(value)) {
      if (field == Field::kKeywords) r->keywords.push_back(CollapseSpaces(item));
      else if (field == Field::kPubType) r->publication_types.push_back(CollapseSpaces(item));
      else r->mesh.push_back(MeshFromText(item));
    }
  }

  static void Fill(Field field, std::string& value, Record* r, std::string* authors, std::string* authors_full,
                   std::string* start_page, std::string* end_page, std::string* year, std::string* month,
                   std::string* day, std::string* date, std::string* source_text) {
    auto once = [&](std::string* f) {
      if (f->empty()) *f = CollapseSpaces(value);
    };
    auto list = [&](std::vector<std::string>* f) {
      for (std::string& item : SplitList(value, true)) f->push_back(CollapseSpaces(item));
    };
    switch (field) {
      case Field::kTitle: return once(&r->title);
      case Field::kAbstract:  // blanks collapsed, line breaks kept, as every reader does
        if (r->abstract.empty()) r->abstract = CollapseSpaces(value, /*keep_newlines=*/true);
        return;
      case Field::kAuthors: return once(authors);
      case Field::kAuthorsFull: return once(authors_full);
      case Field::kJournal: return once(&r->journal);
      case Field::kVolume: return once(&r->volume);
      case Field::kIssue: return once(&r->issue);
      case Field::kPages: return once(&r->pages);
      case Field::kStartPage: return once(start_page);
      case Field::kEndPage: return once(end_page);
      case Field::kYear: return once(year);
      case Field::kMonth: return once(month);
      case Field::kDay: return once(day);
      case Field::kDate: return once(date);
      case Field::kDoi: if (r->doi.empty()) r->doi = NormalizeDoi(value); return;
      case Field::kPmid: if (r->pmid.empty()) r->pmid = value; return;
      case Field::kCnkiId:  // only in CNKI's form (DatabaseIdInForm), as RIS writes it back
        if (r->cnki_id.empty()) r->cnki_id = DatabaseIdInForm("cnki", value);
        return;
      case Field::kIssn: AddIssns(r, value); return;
      case Field::kTranslatedTitle: return once(&r->translated_title);
      case Field::kRecordType:
        if (r->record_type.empty()) r->record_type = RecordTypeFromText(value);
        return;
      case Field::kEpubDate: {
        // An impossible electronic date is left out (the print date, if any, stays).
        DateParts d;
        std::string problem;
        if (r->epub_year == 0 && ParseDate(value, &d, &problem) && d.year != 0) {
          r->epub_year = d.year, r->epub_month = d.month, r->epub_day = d.day;
        }
        return;
      }
      case Field::kDatabaseIds:  // carta's own "embase:L1; scopus:2-s2.0-1"
        for (const std::string& item : SplitList(value, false)) {
          const size_t colon = item.find(':');
          if (colon != std::string::npos) AddDatabaseId(r, text::Trim(item.substr(0, colon)), item.substr(colon + 1));
        }
        return;
      case Field::kScopusEid: AddDatabaseId(r, "scopus", value); return;
      case Field::kWosUt: AddAccession(r, text::StartsWith(text::ToLower(value), "wos:") ? value : "WOS:" + value); return;
      case Field::kEmbaseId: AddDatabaseId(r, "embase", value); return;
      case Field::kKeywords: return list(&r->keywords);
      case Field::kMesh:
        for (std::string& m : SplitList(value, true)) r->mesh.push_back(MeshFromText(m));
        return;
      case Field::kLanguage:
        if (r->language.empty()) {
          std::vector<std::string> names = SplitList(value, true);
          if (!names.empty()) r->language = LanguageCode(names[0]);
        }
        return;
      case Field::kPubType: return list(&r->publication_types);
      case Field::kSource: return once(source_text);
      case Field::kUrl: if (source_text->empty()) *source_text = LinkHosts(value); return;
      case Field::kDateText: return;  // read by Row
    }
  }

  // Authors written "A; B" (every exporter here but Scopus's older "Authors",
  // "Moreau C., Tanaka H."); Scopus's full names carry author ids.
  static std::vector<std::string> Authors(const std::string& list, bool full) {
    std::vector<std::string> out;
    std::vector<std::string> items = SplitList(list, true);
    if (items.size() == 1 && list.find("., ") != std::string::npos) {
      items.clear();
      for (std::string& a : text::Split(list, ',')) {
        if (!a.empty()) items.push_back(a);
      }
    }
    for (const std::string& a : items) {
      std::string name = full ? WithoutAuthorId(a) : CollapseSpaces(a);
      if (!name.empty()) out.push_back(std::move(name));
    }
    return out;
  }

  static void SetDate(Record* r, const std::string& year, const std::string& month, const std::string& day,
                      const std::string& date, std::vector<std::string>* warnings) {
    std::string text = !date.empty() ? date : year;
    if (date.empty() && !year.empty() && !month.empty()) text = year + "/" + month + "/" + day;
    if (text.empty()) return;
    DateParts d;
    std::string problem;
    if (!ParseDate(text, &d, &problem)) {
      warnings->push_back(problem + "; the record is kept without a date");
      r->date_text = text;
      return;
    }
    if (d.year == 0 && !year.empty()) {  // a date column without a year ("Mar"), and a year column
      DateParts y;
      if (ParseDate(year, &y, &problem)) d.year = y.year;
    }
    r->year = d.year, r->month = d.month, r->day = d.day;
    r->date_text = !date.empty() ? date : year;
  }

  const ReadOptions& options_;
  const RecordSink& sink_;
  char delimiter_ = ',';
  ColumnFields fields_;
  Source implied_ = Source::kOther;
  bool own_ = false;  // the header is carta's own export's
};

}  // namespace

bool IsCsvHeader(std::string_view line) {
  bool open = false;
  const std::vector<std::string> header = SplitCsv(line, DelimiterOf(line), &open);
  if (open || header.size() < 2) return false;
  for (const CsvProfile& p : Profiles()) {
    if (HasColumn(header, p.signature)) return true;
  }
  // A generic table: a title column and at least one other bibliographic one.
  int known = 0;
  bool title = false;
  for (const std::string& h : header) {
    const std::string l = Lower(h);
    for (const ColumnRule& rule : GenericColumns()) {
      if (rule.header == l) {
        ++known;
        title = title || rule.field == Field::kTitle;
        break;
      }
    }
  }
  return title && known >= 2;
}

std::vector<std::string> CsvFieldNames() {
  std::vector<std::string> out;
  for (const FieldName& n : kFieldNames) out.emplace_back(n.name);
  return out;
}

Status ReadCsv(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  CsvReader reader(options, sink);
  return reader.Run(in);
}

}  // namespace carta::biblio
