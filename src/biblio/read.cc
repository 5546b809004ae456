// Format names, detection and the entry points that dispatch to a reader.
#include "carta/biblio/read.h"

#include <array>
#include <cctype>
#include <cstring>

#include "carta/core/text.h"
#include "encoding.h"
#include "tagged.h"

namespace carta::biblio {

namespace {

constexpr std::array<std::pair<Format, std::string_view>, 13> kFormatNames = {{
    {Format::kAuto, "auto"}, {Format::kPubmedXml, "pubmed-xml"}, {Format::kMedline, "medline"},
    {Format::kRis, "ris"}, {Format::kNoteExpress, "noteexpress"}, {Format::kEndNote, "endnote"},
    {Format::kRefWorks, "refworks"}, {Format::kEStudy, "estudy"}, {Format::kWos, "wos"},
    {Format::kBibtex, "bibtex"}, {Format::kEndNoteXml, "endnote-xml"}, {Format::kCsv, "csv"}, {Format::kUnknown, "unknown"},
}};

constexpr size_t kDetectBytes = 8192;

// "@article{", "@Book (": an at sign, a word, optional blanks, then { or (.
bool IsBibtexEntryStart(std::string_view line) {
  if (line.empty() || line[0] != '@') return false;
  size_t i = 1;
  while (i < line.size() && std::isalpha(static_cast<unsigned char>(line[i]))) ++i;
  if (i == 1) return false;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i < line.size() && (line[i] == '{' || line[i] == '(');
}

// The format a single line announces, or kUnknown.
Format FormatOfLine(std::string_view line) {
  if (text::StartsWith(line, "PMID- ") || text::StartsWith(line, "OWN - ")) return Format::kMedline;
  if (text::StartsWith(line, "FN ") || (text::StartsWith(line, "PT ") && line.size() > 3 && line[3] != ' ')) {
    return Format::kWos;
  }
  if (IsBibtexEntryStart(line)) return Format::kBibtex;
  if (text::StartsWith(line, "TY  - ") || text::StartsWith(line, "TY - ")) return Format::kRis;
  if (text::StartsWith(line, "{Reference Type}:")) return Format::kNoteExpress;
  if (text::StartsWith(line, "%0 ")) return Format::kEndNote;
  if (text::StartsWith(line, "RT ")) return Format::kRefWorks;
  if (text::StartsWith(line, "DataType:")) return Format::kEStudy;
  return Format::kUnknown;
}

// An InputStream that first replays bytes already read (the detection head).
class ReplayInput : public InputStream {
 public:
  ReplayInput(std::string head, InputStream* rest) : head_(std::move(head)), rest_(rest) {}
  Status Read(char* buffer, size_t capacity, size_t* count) override {
    if (offset_ < head_.size()) {
      *count = std::min(capacity, head_.size() - offset_);
      std::memcpy(buffer, head_.data() + offset_, *count);
      offset_ += *count;
      return Status::Ok();
    }
    return rest_->Read(buffer, capacity, count);
  }
  uint64_t position() const override { return rest_->position() - (head_.size() - offset_); }

 private:
  std::string head_;
  size_t offset_ = 0;
  InputStream* rest_;
};

}  // namespace

std::string_view FormatName(Format format) {
  for (const auto& [f, name] : kFormatNames) {
    if (f == format) return name;
  }
  return "unknown";
}

std::vector<std::string> ReadableFormatNames() {
  std::vector<std::string> names;
  for (const auto& [f, name] : kFormatNames) {
    if (f != Format::kUnknown) names.emplace_back(name);
  }
  return names;
}

bool ParseFormat(std::string_view text, Format* format) {
  for (const auto& [f, name] : kFormatNames) {
    if (text == name) {
      *format = f;
      return true;
    }
  }
  return false;
}

Format DetectFormat(std::string_view head) {
  if (text::StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  std::string_view trimmed = text::Trim(head);
  if (text::StartsWith(trimmed, "<")) {
    bool pubmed = trimmed.find("<PubmedArticleSet") != std::string_view::npos ||
                  trimmed.find("<PubmedArticle") != std::string_view::npos ||
                  trimmed.find("<!DOCTYPE PubmedArticleSet") != std::string_view::npos ||
                  trimmed.find("<MedlineCitationSet") != std::string_view::npos;
    if (pubmed) return Format::kPubmedXml;
    // EndNote XML: <xml><records><record> (the root is "xml", which no other export uses).
    const bool endnote = trimmed.find("<xml>") != std::string_view::npos &&
                         trimmed.find("<records>") != std::string_view::npos;
    return endnote ? Format::kEndNoteXml : Format::kUnknown;
  }
  size_t start = 0;
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos) {
    const size_t end = head.find_first_of("\r\n", first);
    if (IsCsvHeader(head.substr(first, end == std::string_view::npos ? std::string_view::npos : end - first))) {
      return Format::kCsv;
    }
  }
  while (start < head.size()) {
    size_t end = head.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = head.size();
    Format f = FormatOfLine(head.substr(start, end - start));
    if (f != Format::kUnknown) return f;
    start = end + 1;
  }
  return Format::kUnknown;
}

namespace {

// Up to kDetectBytes of `in` into *head.
Status ReadHead(InputStream* in, std::string* head) {
  head->assign(kDetectBytes, '\0');
  size_t got = 0;
  while (got < head->size()) {
    size_t n = 0;
    Status s = in->Read(head->data() + got, head->size() - got, &n);
    if (!s.ok()) return s;
    if (n == 0) break;
    got += n;
  }
  head->resize(got);
  return Status::Ok();
}

Status Dispatch(InputStream* in, Format format, const ReadOptions& options, const RecordSink& sink) {
  switch (format) {
    case Format::kPubmedXml: return ReadPubmedXml(in, options, sink);
    case Format::kMedline: return ReadMedline(in, options, sink);
    case Format::kRis: return ReadRis(in, options, sink);
    case Format::kNoteExpress: return ReadNoteExpress(in, options, sink);
    case Format::kEndNote: return ReadEndNote(in, options, sink);
    case Format::kRefWorks: return ReadRefWorks(in, options, sink);
    case Format::kEStudy: return ReadEStudy(in, options, sink);
    case Format::kWos: return ReadWos(in, options, sink);
    case Format::kBibtex: return ReadBibtex(in, options, sink);
    case Format::kEndNoteXml: return ReadEndNoteXml(in, options, sink);
    case Format::kCsv: return ReadCsv(in, options, sink);
    case Format::kAuto:
    case Format::kUnknown: break;
  }
  return Status::InvalidArgument(options.name + ": no reader for format '" + std::string(FormatName(format)) + "'");
}

// Reads UTF-8 `in`: detects the format when asked, and refuses a forced
// format under which a file with content yields no record at all (a RIS file
// read as MEDLINE would otherwise import nothing without a word).
Status ReadUtf8(InputStream* in, Format format, const ReadOptions& options, const RecordSink& sink) {
  std::string head;
  Status s = ReadHead(in, &head);
  if (!s.ok()) return s.WithContext(options.name);
  const Format detected = DetectFormat(head);
  const bool forced = format != Format::kAuto;
  if (!forced) {
    if (detected == Format::kUnknown) {
      return Status::InvalidArgument(options.name + ": " + (head.empty() ? std::string("the input is empty") : std::string("not a format carta reads")) +
                                     "; expected PubMed XML, MEDLINE (PMID- ), RIS (TY  - ), NoteExpress "
                                     "({Reference Type}:), EndNote (%0), RefWorks (RT), E-Study (DataType:), Web of Science (FN, PT), "
                                     "BibTeX (@article{) or CSV with a header row naming a title column");
    }
    format = detected;
  }
  const bool has_content = !text::Trim(head.starts_with("\xEF\xBB\xBF") ? std::string_view(head).substr(3) : head).empty();
  ReplayInput replay(std::move(head), in);
  if (!forced || !has_content) return Dispatch(&replay, format, options, sink);
  uint64_t delivered = 0;
  RecordSink counting = sink;
  counting.on_record = [&](Record&& r) {
    ++delivered;
    if (sink.on_record) sink.on_record(std::move(r));
  };
  counting.on_delete = [&](const std::string& pmid) {
    ++delivered;
    if (sink.on_delete) sink.on_delete(pmid);
  };
  uint64_t skipped = 0;
  ReadIssue first_skip;
  counting.on_skip = [&](const ReadIssue& issue) {  // records refused, not lines outside any record
    if (issue.message.find(kLinesOutsideAnyRecord) == std::string::npos && skipped++ == 0) first_skip = issue;
    if (sink.on_skip) sink.on_skip(issue);
  };
  s = Dispatch(&replay, format, options, counting);
  if (!s.ok() || delivered > 0) return s;
  if (skipped > 0 && detected == format) {  // records were there, each refused: say why (a bound, a bad field)
    return Status::InvalidArgument(options.name + ": read as " + std::string(FormatName(format)) + ", every record (" +
                                   std::to_string(skipped) + ") was skipped; the first, at " + first_skip.where +
                                   ": " + first_skip.message)
        .WithField("format");
  }
  std::string found = detected == Format::kUnknown ? "no format carta knows"
                                                   : "it looks like " + std::string(FormatName(detected));
  return Status::InvalidArgument(options.name + ": read as " + std::string(FormatName(format)) +
                                 ", the file holds no record of that format; " + found)
      .WithField("format");
}

}  // namespace

Status ReadStream(InputStream* in, Format format, const ReadOptions& options, const RecordSink& sink) {
  std::string head;
  Status s = ReadHead(in, &head);
  if (!s.ok()) return s.WithContext(options.name);
  const TextEncoding encoding = DetectEncoding(head);
  ReplayInput replay(std::move(head), in);
  if (encoding == TextEncoding::kUtf8) return ReadUtf8(&replay, format, options, sink);
  std::unique_ptr<InputStream> decoded = NewDecodingInput(&replay, encoding, options.name);
  return ReadUtf8(decoded.get(), format, options, sink);
}

Status ReadFile(const std::string& path, Format format, Source source, const RecordSink& sink) {
  Result<std::unique_ptr<InputStream>> in = OpenInputFile(path);
  if (!in.ok()) return in.status();
  ReadOptions options;
  options.name = path;
  options.source = source;
  return ReadStream(in->get(), format, options, sink);
}

ReadResult ReadText(std::string_view text, Format format, const ReadOptions& options) {
  ReadResult result;
  RecordSink sink;
  sink.on_record = [&](Record&& r) { result.records.push_back(std::move(r)); };
  sink.on_delete = [&](const std::string& pmid) { result.deleted.push_back(pmid); };
  sink.on_skip = [&](const ReadIssue& issue) { result.issues.push_back(issue); };
  sink.on_warning = [&](const ReadIssue& issue) { result.warnings.push_back(issue); };
  std::unique_ptr<InputStream> in = NewStringInput(text);
  result.status = ReadStream(in.get(), format, options, sink);
  return result;
}

}  // namespace carta::biblio
