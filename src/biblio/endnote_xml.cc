// EndNote XML ("XML" export of EndNote, also written by Zotero, Mendeley and
// Covidence): <xml><records><record> ... </record></records></xml>, one
// element per field, text often wrapped in <style face=... font=...> runs
// (whose text is kept, the runs joined). Element names and nesting: EndNote's
// DTD, RSXML.dtd ("record" with "ref-type", "contributors/authors/author",
// "titles/title|secondary-title|alt-title|short-title|translated-title",
// "periodical/full-title|abbr-1", "pages", "volume", "number",
// "keywords/keyword", "dates/year", "dates/pub-dates/date", "isbn",
// "accession-num", "electronic-resource-num", "abstract",
// "urls/related-urls/url", "remote-database-name",
// "remote-database-provider", "language", "work-type").
#include <string>
#include <vector>

#include "carta/biblio/read.h"
#include "carta/core/text.h"
#include "fields.h"
#include "tagged.h"
#include "xml_stream.h"

namespace carta::biblio {

namespace {

// Text kept per field; a longer field is cut and its record skipped.
constexpr size_t kMaxFieldBytes = 1 << 20;

// The fields of one record, as written.
struct EndNoteDraft {
  Record record;
  std::string ref_type, year, pub_date, journal_full, secondary_title, abbrev, short_title, provider, links;
  std::vector<std::string> accessions;
  std::vector<std::string> problems, warnings;
};

class EndNoteXmlHandler : public XmlHandler {
 public:
  EndNoteXmlHandler(const ReadOptions& options, const RecordSink& sink) : options_(options), sink_(sink) {}

  void OnStart(std::string_view name, const char** atts, size_t depth) override {
    path_.emplace_back(name);
    if (name == "record" && Parent(1) == "records") {
      in_record_ = true;
      record_depth_ = depth;
      draft_ = EndNoteDraft();
      draft_.record.origin = options_.name + ":" + std::to_string(line());
      draft_.record.source = options_.source;
      return;
    }
    if (!in_record_ || field_depth_ != 0) return;  // <style> inside a field: its text joins the field's
    if (name == "ref-type") draft_.ref_type = XmlAttr(atts, "name");
    if (IsField(name)) {
      field_depth_ = depth;
      text_.clear();
    }
  }

  void OnEnd(std::string_view name, size_t depth) override {
    if (in_record_ && field_depth_ == depth) {
      field_depth_ = 0;
      Assign(name);
    }
    if (in_record_ && depth == record_depth_ && name == "record") {
      in_record_ = false;
      Finish();
    }
    path_.pop_back();
  }

  void OnText(std::string_view text) override {
    if (field_depth_ == 0) return;
    if (text_.size() + text.size() > kMaxFieldBytes) {
      if (text_.size() <= kMaxFieldBytes) {
        draft_.problems.push_back("a field (" + path_[field_depth_ - 1] + ") is longer than 1 MiB");
      }
      text_.resize(kMaxFieldBytes + 1);
      return;
    }
    text_.append(text);
  }

  int delivered() const { return delivered_; }

 private:
  std::string_view Parent(size_t up) const {
    return path_.size() > up ? std::string_view(path_[path_.size() - 1 - up]) : std::string_view();
  }

  // The elements whose text is a field (the parent decides where ambiguous).
  bool IsField(std::string_view name) const {
    static constexpr std::string_view kFields[] = {
        "author", "title", "secondary-title", "alt-title", "short-title", "translated-title", "full-title",
        "abbr-1", "pages", "volume", "number", "keyword", "year", "date", "isbn", "accession-num",
        "electronic-resource-num", "abstract", "url", "remote-database-name", "remote-database-provider",
        "language", "work-type"};
    for (std::string_view f : kFields) {
      if (f == name) return true;
    }
    return false;
  }

  void Assign(std::string_view name) {
    Record& r = draft_.record;
    if (text_.size() > kMaxFieldBytes) return;
    std::string value = CollapseSpaces(text_, name == "abstract");
    if (value.empty()) return;
    const std::string_view parent = Parent(1);
    auto once = [&](std::string* field) {
      if (field->empty()) *field = value;
    };
    if (name == "author" && parent == "authors" && Parent(2) == "contributors") r.authors.push_back(value);
    else if (name == "title" && parent == "titles") once(&r.title);
    else if (name == "secondary-title" && parent == "titles") once(&draft_.secondary_title);
    else if (name == "alt-title" && parent == "titles") once(&draft_.abbrev);
    else if (name == "short-title" && parent == "titles") once(&draft_.short_title);
    else if (name == "translated-title" && parent == "titles") once(&r.translated_title);
    else if (name == "full-title" && parent == "periodical") once(&draft_.journal_full);
    else if (name == "abbr-1" && parent == "periodical" && draft_.abbrev.empty()) draft_.abbrev = value;
    else if (name == "pages") once(&r.pages);
    else if (name == "volume") once(&r.volume);
    else if (name == "number") once(&r.issue);
    else if (name == "keyword" && parent == "keywords") r.keywords.push_back(value);
    else if (name == "year" && parent == "dates") once(&draft_.year);
    else if (name == "date" && parent == "pub-dates") once(&draft_.pub_date);
    else if (name == "isbn") AddIssns(&r, value);
    else if (name == "accession-num") draft_.accessions.push_back(value);
    else if (name == "electronic-resource-num" && r.doi.empty()) r.doi = NormalizeDoi(value);
    else if (name == "abstract") once(&r.abstract);
    else if (name == "url") {
      draft_.links += value + ";";
      IdsFromLink(&r, value);
      if (r.doi.empty() && text::ToLower(value).find("doi.org/") != std::string::npos) r.doi = NormalizeDoi(value);
    } else if (name == "remote-database-name" || name == "remote-database-provider") {
      draft_.provider += text::ToLower(value) + ";";
    } else if (name == "language" && r.language.empty()) {
      const std::vector<std::string> names = SplitList(value, true);
      if (!names.empty()) r.language = LanguageCode(names[0]);
    } else if (name == "work-type") {
      r.publication_types.push_back(value);
    }
  }

  // "2019" and a pub-date "Jan 15" (or a whole "2019/01/15"): one date.
  void FinishDate() {
    Record& r = draft_.record;
    std::string text = draft_.year;
    if (!draft_.pub_date.empty()) {
      DateParts whole;
      std::string ignored;
      const bool has_year = ParseDate(draft_.pub_date, &whole, &ignored) && whole.year != 0;
      text = has_year ? draft_.pub_date : draft_.year + " " + draft_.pub_date;
    }
    text = CollapseSpaces(text);
    if (text.empty()) return;
    DateParts d;
    std::string problem;
    if (!ParseDate(text, &d, &problem)) {
      draft_.warnings.push_back(problem + "; the record is kept without a date");
      r.date_text = text;
      return;
    }
    r.year = d.year, r.month = d.month, r.day = d.day;
    r.date_text = text;
  }

  // The source named by the provider fields or the links; accession numbers
  // are a PMID where the database is PubMed/MEDLINE, else read by their form.
  void FinishIds() {
    Record& r = draft_.record;
    if (r.source == Source::kOther) r.source = SourceFromText(draft_.provider);
    if (r.source == Source::kOther) r.source = SourceFromText(LinkHosts(draft_.links));
    for (const std::string& acc : draft_.accessions) {
      if (r.source == Source::kPubMed && text::ParseCount(acc) && r.pmid.empty()) r.pmid = acc;
      else if (r.source == Source::kCnki && r.cnki_id.empty()) r.cnki_id = DatabaseIdInForm("cnki", acc);
      else AddAccession(&r, acc);
    }
  }

  void Finish() {
    Record& r = draft_.record;
    r.journal = !draft_.journal_full.empty() ? draft_.journal_full
                : !draft_.secondary_title.empty() ? draft_.secondary_title : draft_.abbrev;
    if (r.title.empty()) r.title = draft_.short_title;
    r.record_type = RecordTypeFromText(draft_.ref_type);
    FinishDate();
    FinishIds();
    ++delivered_;
    Deliver(std::move(r), draft_.problems, sink_, draft_.warnings);
  }

  const ReadOptions& options_;
  const RecordSink& sink_;
  std::vector<std::string> path_;
  bool in_record_ = false;
  size_t record_depth_ = 0, field_depth_ = 0;
  std::string text_;
  EndNoteDraft draft_;
  int delivered_ = 0;
};

}  // namespace

Status ReadEndNoteXml(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  EndNoteXmlHandler handler(options, sink);
  return ParseXmlStream(in, options.name, &handler, [&] {
    return std::to_string(handler.delivered()) + " record(s) before it were read";
  });
}

}  // namespace carta::biblio
