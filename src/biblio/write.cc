#include "carta/biblio/write.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <sstream>

#include "carta/core/csv.h"
#include "carta/core/text.h"
#include "fields.h"

namespace carta::biblio {

namespace {

std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string DatePart(int value) { return value > 0 ? std::to_string(value) : std::string(); }

// The DA line: the exported date text when it says the same as
// year/month/day (so that date_text survives a round trip), else
// "YYYY/MM/DD/" from the numbers; none when PY says it all.
std::string RisDate(const Record& r) {
  DateParts d;
  std::string problem;
  if (!r.date_text.empty() && r.date_text != std::to_string(r.year) && ParseDate(r.date_text, &d, &problem) &&
      d.year != 0 && d.year == r.year && d.month == r.month && d.day == r.day) {  // a text the reader keeps
    return r.date_text;
  }
  if (r.month == 0) return "";
  if (r.year == 0) return "";
  std::string out = std::to_string(r.year) + (r.month < 10 ? "/0" : "/") + std::to_string(r.month) + "/";
  if (r.day > 0) out += (r.day < 10 ? "0" : "") + std::to_string(r.day);
  return out + "/";
}

// A Wanfang record link IdsFromLink reads back as `id` ("periodical/x"):
// the path form for the types it knows there, else the older _type= form.
std::string WanfangLink(const std::string& id) {
  const size_t slash = id.find('/');
  const std::string type = id.substr(0, slash), rest = id.substr(slash + 1);
  for (std::string_view path : {"periodical", "thesis", "conference", "patent", "standard"}) {
    if (type == path) return "https://d.wanfangdata.com.cn/" + id;
  }
  return "https://d.wanfangdata.com.cn/details/detail.do?_type=" + type + "&id=" + rest;
}

class RisWriter : public RecordWriter {
 public:
  explicit RisWriter(std::ostream* out) : out_(*out) {}

  Status Add(const Record& r) override {
    out_ << "TY  - " << RisTypeCode(r.record_type) << "\n";
    Line("TI", r.title);
    Line("TT", r.translated_title);
    for (const std::string& a : r.authors) Line("AU", a);
    Line("JF", r.journal);
    Line("DA", RisDate(r));  // before PY: the reader keeps the first date's text
    if (r.year > 0) Line("PY", std::to_string(r.year));
    Line("VL", r.volume);
    Line("IS", r.issue);
    Pages(r.pages);
    Line("DO", r.doi);
    Abstract(r.abstract);
    // A keyword holding a list separator is escaped (EscapeKeyword), since
    // the reader splits a KW line at one (CNKI writes all keywords on one).
    for (const std::string& k : r.keywords) Line("KW", EscapeKeyword(k));
    for (const MeshHeading& m : r.mesh) Line("KW", std::string(kRisMeshPrefix) + MeshToText(m));
    for (const std::string& issn : r.issns) Line("SN", issn);
    Line("LA", r.language);
    for (const std::string& t : r.publication_types) Line("M3", t);
    // The source (the reader takes the first database named), then the ids:
    // a PMID tagged as one, a CNKI id as CNKI's record link (its FileName=),
    // which says CNKI only when no source is written.
    if (r.source != Source::kOther) Line("DB", SourceLabel(r.source));
    if (!r.pmid.empty()) Line("AN", "PMID: " + r.pmid);
    if (!r.cnki_id.empty()) Line("UR", "https://kns.cnki.net/kcms/detail/detail.aspx?FileName=" + r.cnki_id);
    // Other databases' ids in the forms the reader knows them by (AddAccession, IdsFromLink).
    for (const DatabaseId& id : r.database_ids) {
      if (id.kind == "wos") Line("AN", "WOS:" + id.value);
      else if (id.kind == "wanfang") Line("UR", WanfangLink(id.value));
      else Line("AN", id.value);
    }
    out_ << "ER  - \n\n";
    return out_ ? Status::Ok() : Status::IOError("RIS: write failed");
  }
  Status Finish() override {
    out_.flush();
    return out_ ? Status::Ok() : Status::IOError("RIS: write failed");
  }

 private:
  void Line(std::string_view tag, std::string_view value) {
    if (!value.empty()) out_ << tag << "  - " << OneLine(value) << "\n";
  }
  // "701-710" as SP 701 and EP 710, which the reader joins back with '-';
  // pages that would not come back so ("5-", "VL - 701") as SP alone.
  void Pages(const std::string& pages) {
    const size_t dash = pages.find('-');
    const std::string_view start = std::string_view(pages).substr(0, dash);
    const std::string_view end = dash == std::string::npos ? "" : std::string_view(pages).substr(dash + 1);
    if (start.empty() || end.empty() || text::Trim(start) != start || text::Trim(end) != end) return Line("SP", pages);
    Line("SP", start);
    Line("EP", end);
  }
  // Paragraphs after the first are untagged continuation lines, which the
  // RIS reader joins back with "\n".
  // A paragraph that would read as a tag line ("UR - x", "ER  -": two
  // capitals or a capital and a digit, then a blank) gets a blank in front,
  // which the reader trims.
  void Abstract(const std::string& abstract) {
    if (abstract.empty()) return;
    out_ << "AB  - ";
    for (size_t i = 0; i < abstract.size(); ++i) {
      const char c = abstract[i];
      out_ << (c == '\r' ? ' ' : c);
      if (c == '\n' && LooksLikeATag(std::string_view(abstract).substr(i + 1))) out_ << ' ';
    }
    out_ << "\n";
  }
  static bool LooksLikeATag(std::string_view line) {
    return line.size() >= 3 && std::isupper(static_cast<unsigned char>(line[0])) &&
           (std::isupper(static_cast<unsigned char>(line[1])) || std::isdigit(static_cast<unsigned char>(line[1]))) &&
           line[2] == ' ';
  }
  std::ostream& out_;
};

std::vector<std::string> MeshTexts(const Record& r) {
  std::vector<std::string> out;
  for (const MeshHeading& m : r.mesh) out.push_back(MeshToText(m));
  return out;
}

// "embase:L373791783; scopus:2-s2.0-85012345678".
std::string DatabaseIdsText(const Record& r) {
  std::vector<std::string> parts;
  for (const DatabaseId& id : r.database_ids) parts.push_back(id.kind + ":" + id.value);
  return text::Join(parts, "; ");
}

// "2019-01-15", "2019-01", "2019"; "" when unknown.
std::string EpubDateText(const Record& r) {
  if (r.epub_year == 0) return "";
  std::string out = std::to_string(r.epub_year);
  for (int part : {r.epub_month, r.epub_day}) {
    if (part == 0) break;
    out += (part < 10 ? "-0" : "-") + std::to_string(part);
  }
  return out;
}

class CsvWriter : public RecordWriter {
 public:
  explicit CsvWriter(std::ostream* out) : out_(*out) {
    out_ << text::Join(CsvColumns(), ",") << "\n";
  }
  Status Add(const Record& r) override {
    std::vector<std::string> cells = {
        r.pmid, r.doi, r.cnki_id, DatabaseIdsText(r), text::Join(r.issns, "; "), r.title, r.translated_title,
        r.record_type, r.abstract, JoinEscapedList(r.authors), r.journal, r.volume,
        r.issue, r.pages, DatePart(r.year), DatePart(r.month), DatePart(r.day), r.date_text,
        EpubDateText(r), r.language,
        JoinEscapedList(r.keywords), JoinEscapedList(MeshTexts(r)), JoinEscapedList(r.publication_types),
        std::string(SourceName(r.source)), r.origin};
    out_ << CsvLine(cells);
    return out_ ? Status::Ok() : Status::IOError("CSV: write failed");
  }
  Status Finish() override {
    out_.flush();
    return out_ ? Status::Ok() : Status::IOError("CSV: write failed");
  }

 private:
  std::ostream& out_;
};

class JsonWriter : public RecordWriter {
 public:
  explicit JsonWriter(std::ostream* out) : out_(*out) {}
  Status Add(const Record& r) override {
    out_ << (count_++ ? ",\n" : "[\n") << RecordToJson(r);
    return out_ ? Status::Ok() : Status::IOError("JSON: write failed");
  }
  Status Finish() override {
    out_ << (count_ ? "\n]\n" : "[]\n");
    out_.flush();
    return out_ ? Status::Ok() : Status::IOError("JSON: write failed");
  }

 private:
  std::ostream& out_;
  int count_ = 0;
};

using Json = nlohmann::ordered_json;

// A year, month or day: a number, null when unknown (0).
Json DatePartJson(int v) { return v > 0 ? Json(v) : Json(nullptr); }

// Reads a date part written as a number or null; the literature tables of
// databases written before the one codec stored an unknown part as 0.
int ReadDatePart(const Json& j) { return j.is_null() ? 0 : j.get<int>(); }

Status ReadMesh(const Json& j, std::vector<MeshHeading>* mesh) {
  if (!j.is_array()) return Status::Corruption("record JSON: 'mesh' is not an array");
  for (const Json& m : j) {
    if (!m.is_object()) return Status::Corruption("record JSON: a MeSH heading is not an object");
    MeshHeading h;
    h.descriptor = m.value("descriptor", "");
    h.major = m.value("major", false);
    h.qualifiers = m.value("qualifiers", std::vector<std::string>{});
    mesh->push_back(std::move(h));
  }
  return Status::Ok();
}

// The keys added with issue 13 (database_ids, issns, translated_title,
// record_type, epub_*): absent from records stored before, which read as empty.
Status ReadAdditions(const Json& j, Record* r) {
  if (const auto ids = j.find("database_ids"); ids != j.end()) {
    if (!ids->is_object()) return Status::Corruption("record JSON: 'database_ids' is not an object");
    for (const auto& [kind, value] : ids->items()) r->database_ids.push_back({kind, value.get<std::string>()});
  }
  r->issns = j.value("issns", std::vector<std::string>{});
  r->translated_title = j.value("translated_title", "");
  r->record_type = j.value("record_type", "");
  if (j.contains("epub_year")) {
    r->epub_year = ReadDatePart(j.at("epub_year"));
    r->epub_month = ReadDatePart(j.at("epub_month"));
    r->epub_day = ReadDatePart(j.at("epub_day"));
  }
  return Status::Ok();
}

}  // namespace

std::string RecordToJson(const Record& r) {
  Json mesh = Json::array();
  for (const MeshHeading& m : r.mesh) {
    mesh.push_back({{"descriptor", m.descriptor}, {"major", m.major}, {"qualifiers", m.qualifiers}});
  }
  Json ids = Json::object();
  for (const DatabaseId& id : r.database_ids) ids[id.kind] = id.value;
  Json j = {{"pmid", r.pmid}, {"doi", r.doi}, {"cnki_id", r.cnki_id}, {"database_ids", ids},
            {"issns", r.issns}, {"title", r.title}, {"translated_title", r.translated_title},
            {"record_type", r.record_type},
            {"abstract", r.abstract}, {"authors", r.authors}, {"journal", r.journal},
            {"volume", r.volume}, {"issue", r.issue}, {"pages", r.pages}, {"year", DatePartJson(r.year)},
            {"month", DatePartJson(r.month)}, {"day", DatePartJson(r.day)}, {"date_text", r.date_text},
            {"epub_year", DatePartJson(r.epub_year)}, {"epub_month", DatePartJson(r.epub_month)},
            {"epub_day", DatePartJson(r.epub_day)},
            {"language", r.language}, {"keywords", r.keywords}, {"mesh", mesh},
            {"publication_types", r.publication_types}, {"source", SourceName(r.source)},
            {"origin", r.origin}};
  // Readers deliver valid UTF-8; replace rather than throw should one not.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<Record> RecordFromJson(std::string_view text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("a stored record is not a JSON object");
  Record r;
  try {
    r.pmid = j.at("pmid").get<std::string>();
    r.doi = j.at("doi").get<std::string>();
    r.cnki_id = j.at("cnki_id").get<std::string>();
    r.title = j.at("title").get<std::string>();
    r.abstract = j.at("abstract").get<std::string>();
    r.authors = j.at("authors").get<std::vector<std::string>>();
    r.journal = j.at("journal").get<std::string>();
    r.volume = j.at("volume").get<std::string>();
    r.issue = j.at("issue").get<std::string>();
    r.pages = j.at("pages").get<std::string>();
    r.year = ReadDatePart(j.at("year"));
    r.month = ReadDatePart(j.at("month"));
    r.day = ReadDatePart(j.at("day"));
    r.date_text = j.at("date_text").get<std::string>();
    r.language = j.at("language").get<std::string>();
    r.keywords = j.at("keywords").get<std::vector<std::string>>();
    r.publication_types = j.at("publication_types").get<std::vector<std::string>>();
    r.origin = j.at("origin").get<std::string>();
    if (!ParseSource(j.at("source").get<std::string>(), &r.source)) {
      return Status::Corruption("a stored record has an unknown source");
    }
    if (Status s = ReadMesh(j.at("mesh"), &r.mesh); !s.ok()) return s;
    if (Status s = ReadAdditions(j, &r); !s.ok()) return s;
  } catch (const Json::exception& e) {
    return Status::Corruption(std::string("a stored record lacks a field or has the wrong type: ") + e.what());
  }
  return r;
}

std::string_view OutputFormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kRis: return "ris";
    case OutputFormat::kCsv: return "csv";
    case OutputFormat::kJson: break;
  }
  return "json";
}

const std::vector<std::string>& OutputFormatNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> out;
    for (OutputFormat f : {OutputFormat::kRis, OutputFormat::kCsv, OutputFormat::kJson}) {
      out.emplace_back(OutputFormatName(f));
    }
    return out;
  }();
  return kNames;
}

bool ParseOutputFormat(std::string_view text, OutputFormat* format) {
  for (OutputFormat f : {OutputFormat::kRis, OutputFormat::kCsv, OutputFormat::kJson}) {
    if (text == OutputFormatName(f)) {
      *format = f;
      return true;
    }
  }
  return false;
}

const std::vector<std::string>& CsvColumns() {
  static const std::vector<std::string> kColumns = {
      "pmid", "doi", "cnki_id", "database_ids", "issns", "title", "translated_title", "record_type", "abstract",
      "authors", "journal", "volume", "issue", "pages", "year", "month", "day", "date_text", "epub_date", "language", "keywords", "mesh", "publication_types", "source", "origin"};
  return kColumns;
}

std::unique_ptr<RecordWriter> NewRecordWriter(OutputFormat format, std::ostream* out) {
  switch (format) {
    case OutputFormat::kRis: return std::make_unique<RisWriter>(out);
    case OutputFormat::kCsv: return std::make_unique<CsvWriter>(out);
    case OutputFormat::kJson: break;
  }
  return std::make_unique<JsonWriter>(out);
}

std::string WriteRecords(OutputFormat format, const std::vector<Record>& records) {
  std::ostringstream out;
  std::unique_ptr<RecordWriter> writer = NewRecordWriter(format, &out);
  for (const Record& r : records) writer->Add(r);
  writer->Finish();
  return out.str();
}

}  // namespace carta::biblio
