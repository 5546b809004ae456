#include "tagged.h"

#include <cctype>

#include "carta/core/text.h"
#include "fields.h"
#include "line_reader.h"

namespace carta::biblio {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

bool IsListSlot(Slot slot) {
  return slot == Slot::kAuthor || slot == Slot::kFullAuthor || slot == Slot::kAuthorList || slot == Slot::kKeyword ||
         slot == Slot::kKeywordList || slot == Slot::kPubType;
}

// The abstract as NoteExpress and CNKI write it: "(#br)" is a line break, a
// first line that only says "Abstract" is a heading, and "<正>" (CNKI's mark
// for "main text follows") is not text.
std::string CleanAbstract(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value.compare(i, 5, "(#br)") == 0) {
      out.push_back('\n');
      i += 4;
    } else {
      out.push_back(value[i]);
    }
  }
  CollapseSpacesInPlace(&out, /*keep_newlines=*/true);
  for (std::string_view heading : {"Abstract\n", "ABSTRACT\n", "摘要\n", "<正>"}) {
    if (text::StartsWith(out, heading)) return out.substr(heading.size());
  }
  return out;
}

// The line Ovid writes before each record of its exports ("<1>", "1.", "2 of
// 40"): a record number, not a record.
bool IsRecordNumberLine(std::string_view line) {
  std::string_view t = text::Trim(line);
  if (t.size() > 2 && t.front() == '<' && t.back() == '>') t = t.substr(1, t.size() - 2);
  else if (!t.empty() && t.back() == '.') t.remove_suffix(1);
  else if (const size_t of = t.find(" of "); of != std::string_view::npos) {
    return text::ParseCount(t.substr(0, of)).has_value() && text::ParseCount(t.substr(of + 4)).has_value();
  }
  return !t.empty() && text::ParseCount(t).has_value();
}

// A record being assembled from its fields.
struct Draft {
  Record record;
  std::vector<std::string> full_authors, short_authors;
  std::string journal_abbrev, secondary_title, start_page, end_page, provider, short_title, record_type,
      embase_pmid;
  std::string links;  // record links and accessions, ';'-separated: they may name the source
  std::vector<std::string> accessions;
  bool has_full_authors = false;  // an FAU line was seen
  bool seen_once_tag = false;     // the dialect's once_tag was seen
  int date_parts = 0;  // how many of year/month/day date_text's field gave
  std::vector<std::string> problems;
  std::vector<std::string> warnings;
};

class TaggedReader {
 public:
  TaggedReader(const Dialect& dialect, const ReadOptions& options, const RecordSink& sink)
      : dialect_(dialect), options_(options), sink_(sink) {}

  Status Run(InputStream* in);

 private:
  Slot SlotOf(std::string_view tag) const;
  bool IsFileTag(std::string_view tag) const;
  void OnTagged(std::string_view tag, std::string_view value, int line);
  void OnUntagged(std::string_view line, int line_number);
  void StartRecord(int line);
  void EndRecord();
  void SetPending(std::string_view tag, Slot slot, std::string_view value, int line);
  void Commit();
  void Apply(Slot slot, std::string_view tag, std::string& value, int line);
  void ApplyDate(const std::string& value, int line);
  void ApplyEpubDate(const std::string& value, int line);
  void ResolveSecondaryTitle();
  void ResolveIds();
  void DetectSource();
  void Junk(int line);
  void FlushJunk();
  std::string Where(int line) const { return options_.name + ":" + std::to_string(line); }

  const Dialect& dialect_;
  const ReadOptions& options_;
  const RecordSink& sink_;
  bool in_record_ = false;
  Draft draft_;
  bool has_pending_ = false;
  std::string pending_tag_, pending_value_;
  Slot pending_slot_ = Slot::kIgnore;
  int pending_line_ = 0;
  int junk_first_ = 0, junk_lines_ = 0;
};

Slot TaggedReader::SlotOf(std::string_view tag) const {
  for (const TagRule& rule : dialect_.rules) {
    if (EqualsIgnoreCase(rule.tag, tag)) return rule.slot;
  }
  return Slot::kIgnore;
}

Status TaggedReader::Run(InputStream* in) {
  LineReader lines(in);
  std::string_view line;
  while (lines.Next(&line)) {
    int n = lines.line_number();
    if (lines.truncated() && in_record_) {
      draft_.problems.push_back("line " + std::to_string(n) + " is longer than 1 MiB");
    }
    if (text::Trim(line).empty()) {
      if (in_record_ && dialect_.blank_ends_record) EndRecord();
      continue;
    }
    std::string_view tag, value;
    if (dialect_.parse_tag(line, &tag, &value)) {
      OnTagged(tag, value, n);
    } else {
      OnUntagged(line, n);
    }
  }
  if (in_record_) EndRecord();
  FlushJunk();
  return lines.status();
}

void TaggedReader::OnTagged(std::string_view tag, std::string_view value, int line) {
  const bool once = !dialect_.once_tag.empty() && EqualsIgnoreCase(tag, dialect_.once_tag);
  if (!in_record_ && IsFileTag(tag)) return;
  if (EqualsIgnoreCase(tag, dialect_.start_tag) || (once && in_record_ && draft_.seen_once_tag)) {
    if (in_record_) EndRecord();
    StartRecord(line);
  } else if (!dialect_.end_tag.empty() && EqualsIgnoreCase(tag, dialect_.end_tag)) {
    if (in_record_) EndRecord();
    else Junk(line);
    return;
  } else if (!in_record_) {
    if (!dialect_.blank_ends_record) return Junk(line);
    StartRecord(line);
  }
  if (once) draft_.seen_once_tag = true;
  SetPending(tag, SlotOf(tag), value, line);
}

bool TaggedReader::IsFileTag(std::string_view tag) const {
  for (std::string_view t : dialect_.file_tags) {
    if (EqualsIgnoreCase(t, tag)) return true;
  }
  return false;
}

void TaggedReader::OnUntagged(std::string_view line, int line_number) {
  if (!in_record_ && IsRecordNumberLine(line)) return;
  if (!in_record_) return Junk(line_number);
  bool indented = line[0] == ' ' || line[0] == '\t';
  if (!has_pending_ || (dialect_.indented_continuation && !indented)) {
    std::string shown(line.substr(0, 40));
    draft_.problems.push_back("line " + std::to_string(line_number) + " does not parse as a " +
                              std::string(dialect_.format_name) + " field: '" + shown + "'");
    return;
  }
  std::string_view more = text::Trim(line);
  if (dialect_.continuation_is_new_item && IsListSlot(pending_slot_)) {
    std::string tag = pending_tag_;
    SetPending(tag, pending_slot_, more, line_number);
  } else if (dialect_.continuation_is_new_item && pending_slot_ == Slot::kAbstract) {
    pending_value_.push_back('\n');
    pending_value_.append(more);
  } else if (pending_value_.size() < LineReader::kMaxLineBytes) {
    AppendWrapped(&pending_value_, more);
  }
}

void TaggedReader::StartRecord(int line) {
  FlushJunk();
  in_record_ = true;
  draft_ = Draft();
  draft_.record.origin = Where(line);
  draft_.record.source = options_.source;
}

void TaggedReader::SetPending(std::string_view tag, Slot slot, std::string_view value, int line) {
  Commit();
  has_pending_ = true;
  pending_tag_.assign(tag);
  pending_slot_ = slot;
  pending_value_.assign(text::Trim(value));
  pending_line_ = line;
}

void TaggedReader::Commit() {
  if (!has_pending_) return;
  has_pending_ = false;
  if (pending_slot_ == Slot::kIgnore) return;
  if (!text::IsValidUtf8(pending_value_)) {
    draft_.problems.push_back("line " + std::to_string(pending_line_) + ": the value of " + pending_tag_ +
                              " is not valid UTF-8 (is the file in GBK? re-export it as UTF-8)");
    return;
  }
  if (pending_value_.find('\0') != std::string::npos) {  // no text holds one; RIS written with it does not read back
    draft_.problems.push_back("line " + std::to_string(pending_line_) + ": the value of " + pending_tag_ +
                              " holds a NUL byte (is the file in UTF-16? re-export it as UTF-8)");
    return;
  }
  Apply(pending_slot_, pending_tag_, pending_value_, pending_line_);
}

void TaggedReader::Apply(Slot slot, std::string_view tag, std::string& value, int line) {
  Record& r = draft_.record;
  auto set_once = [&](std::string* field) {
    if (field->empty()) *field = CollapseSpaces(value);
  };
  switch (slot) {
    case Slot::kTitle: return set_once(&r.title);
    case Slot::kShortTitle: return set_once(&draft_.short_title);
    case Slot::kAbstract:
      if (r.abstract.empty()) r.abstract = CleanAbstract(value);
      return;
    case Slot::kAuthor: if (!value.empty()) draft_.short_authors.push_back(CollapseSpaces(value)); return;
    case Slot::kAuthorList:
      for (std::string& a : SplitList(value, true)) draft_.short_authors.push_back(CollapseSpaces(a));
      return;
    case Slot::kFullAuthor:
      draft_.has_full_authors = true;
      if (!value.empty()) draft_.full_authors.push_back(CollapseSpaces(value));
      return;
    case Slot::kCollective:
      draft_.full_authors.push_back(CollapseSpaces(value));
      draft_.short_authors.push_back(CollapseSpaces(value));
      return;
    case Slot::kJournal: return set_once(&r.journal);
    case Slot::kJournalAbbrev: return set_once(&draft_.journal_abbrev);
    case Slot::kSecondaryTitle: return set_once(&draft_.secondary_title);
    case Slot::kVolume: return set_once(&r.volume);
    case Slot::kIssue: return set_once(&r.issue);
    case Slot::kPages: return set_once(&r.pages);
    case Slot::kPageRange:
      if (value.find('-') != std::string_view::npos) set_once(&r.pages);
      return;
    case Slot::kStartPage: return set_once(&draft_.start_page);
    case Slot::kEndPage: return set_once(&draft_.end_page);
    case Slot::kDate: return ApplyDate(value, line);
    case Slot::kLanguage:
      if (r.language.empty()) {
        std::vector<std::string> names = SplitList(value, true);
        if (!names.empty()) r.language = LanguageCode(names[0]);
      }
      return;
    case Slot::kKeyword: if (!value.empty()) r.keywords.push_back(CollapseSpaces(value)); return;
    case Slot::kKeywordList:
      if (text::StartsWith(value, kRisMeshPrefix)) {
        r.mesh.push_back(MeshFromText(CollapseSpaces(value.substr(kRisMeshPrefix.size()))));
        return;
      }
      for (std::string& k : SplitKeywordList(value)) r.keywords.push_back(CollapseSpaces(k));
      return;
    case Slot::kMedlineMesh: if (!value.empty()) r.mesh.push_back(MeshFromText(CollapseSpaces(value))); return;
    case Slot::kPubType: if (!value.empty()) r.publication_types.push_back(CollapseSpaces(value)); return;
    case Slot::kDoi: if (r.doi.empty()) r.doi = NormalizeDoi(value); return;
    case Slot::kTypedId:
      if (r.doi.empty() && text::EndsWith(value, "[doi]")) r.doi = NormalizeDoi(value.substr(0, value.size() - 5));
      return;
    case Slot::kPmid:
      if (!IsPmid(value)) {
        draft_.problems.push_back("line " + std::to_string(line) + ": " + NotAPmid(tag, value));
      } else if (r.pmid.empty()) {
        r.pmid = value;
      }
      return;
    case Slot::kAccession:
    case Slot::kTaggedPmid:
      // "PMID: N" says it is a PubMed id (AN, ID, U2): one that is not digits is refused.
      if (value.size() > 5 && EqualsIgnoreCase(value.substr(0, 5), "pmid:") && !IsPmid(text::Trim(value.substr(5)))) {
        draft_.problems.push_back("line " + std::to_string(line) + ": " + NotAPmid(tag, text::Trim(value.substr(5))));
        return;
      }
      if (slot == Slot::kAccession || (value.size() > 5 && EqualsIgnoreCase(value.substr(0, 5), "pmid:"))) {
        draft_.accessions.push_back(value);
      }
      return;
    case Slot::kProvider: draft_.provider += text::ToLower(value) + ";"; return;
    case Slot::kUrl:
      draft_.links += value + ";";
      IdsFromLink(&r, value);
      return;
    case Slot::kRecordType: return set_once(&draft_.record_type);
    case Slot::kIssn: AddIssns(&r, value); return;
    case Slot::kTranslatedTitle: return set_once(&r.translated_title);
    case Slot::kEpubDate: return ApplyEpubDate(value, line);
    case Slot::kEmbasePmid:
      if (text::ParseCount(value)) set_once(&draft_.embase_pmid);
      return;
    case Slot::kIgnore: return;
  }
}

void TaggedReader::ApplyDate(const std::string& value, int line) {
  DateParts d;
  std::string problem;
  if (!ParseDate(value, &d, &problem)) {
    draft_.warnings.push_back("line " + std::to_string(line) + ": " + problem + "; the record is kept without this date");
    if (draft_.record.date_text.empty()) draft_.record.date_text = value;
    return;
  }
  Record& r = draft_.record;
  int parts = (d.year > 0) + (d.month > 0) + (d.day > 0);
  if (parts == 0) return;
  if (r.year == 0 && r.month == 0) {
    r.year = d.year, r.month = d.month, r.day = d.day;
    r.date_text = value;
    draft_.date_parts = parts;
    return;
  }
  if (d.year != 0 && r.year != 0 && d.year != r.year) return;  // disagreeing fields: the first wins
  if (r.year == 0 && d.year != 0) {  // "DA - Jun" then "PY - 2011"
    r.year = d.year;
    r.date_text = value + " " + r.date_text;
  }
  if (r.month == 0 && d.month != 0) r.month = d.month, r.day = d.day;
  if (parts > draft_.date_parts && d.year != 0) {
    r.date_text = value;
    draft_.date_parts = parts;
  }
}

// The electronic date is kept whole or not at all: a second one is passed
// over, an impossible one is a warning.
void TaggedReader::ApplyEpubDate(const std::string& value, int line) {
  DateParts d;
  std::string problem;
  Record& r = draft_.record;
  if (r.epub_year != 0) return;
  if (!ParseDate(value, &d, &problem)) {
    draft_.warnings.push_back("line " + std::to_string(line) + ": " + problem +
                              "; the record is kept without this electronic date");
    return;
  }
  r.epub_year = d.year, r.epub_month = d.year ? d.month : 0, r.epub_day = d.year ? d.day : 0;
}

// RIS T2 beside a journal (JF/JO) and a title: EBSCO writes the translated
// title there; Zotero and EndNote write the journal, which JF/JO then repeat
// or abbreviate. So T2 is the translated title only in an export that names
// EBSCO and when it is neither the journal nor its abbreviation.
void TaggedReader::ResolveSecondaryTitle() {
  Record& r = draft_.record;
  const std::string& t2 = draft_.secondary_title;
  if (t2.empty() || r.journal.empty() || r.title.empty()) return;
  const bool ebsco = r.source == Source::kEbsco || draft_.provider.find("ebsco") != std::string::npos ||
                     text::ToLower(draft_.links).find("ebsco") != std::string::npos;
  if (ebsco && text::ToLower(t2) != text::ToLower(r.journal) &&
      text::ToLower(t2) != text::ToLower(draft_.journal_abbrev) && r.translated_title.empty()) {
    r.translated_title = t2;
  }
}

// AN / %M values: "PMID: 123" is a PMID anywhere; bare digits are a PMID only
// in an export that names NLM / PubMed / MEDLINE as its provider (EndNote's
// "DP - NLM") or when the caller said the source is PubMed; otherwise, in a
// CNKI export, the value is CNKI's accession.
void TaggedReader::ResolveIds() {
  Record& r = draft_.record;
  const std::string& p = draft_.provider;
  bool nlm = options_.source == Source::kPubMed || p.find("nlm") != std::string::npos ||
             p.find("pubmed") != std::string::npos || p.find("medline") != std::string::npos;
  bool cnki = r.source == Source::kCnki || p.find("cnki") != std::string::npos;
  for (const std::string& acc : draft_.accessions) {
    std::string_view v = acc;
    bool tagged = v.size() > 5 && EqualsIgnoreCase(v.substr(0, 5), "pmid:");
    if (tagged) v = text::Trim(v.substr(5));
    if ((tagged || nlm) && text::ParseCount(v) && r.pmid.empty()) r.pmid = std::string(v);
    else if (!tagged && cnki && r.cnki_id.empty()) r.cnki_id = DatabaseIdInForm("cnki", v);
    else if (!tagged) AddAccession(&r, v);
  }
  if (r.pmid.empty() && !draft_.embase_pmid.empty() && r.source == Source::kEmbase) r.pmid = draft_.embase_pmid;
}

// A source the caller gave wins; else the provider fields, then the hosts of
// the record links (scopus.com, lens.org) and a "WOS:" accession, then what
// the format implies.
void TaggedReader::DetectSource() {
  Record& r = draft_.record;
  if (r.source != Source::kOther) return;
  r.source = SourceFromText(draft_.provider);
  if (r.source == Source::kOther) r.source = SourceFromText(LinkHosts(draft_.links));
  for (const std::string& acc : draft_.accessions) {  // "WOS:000123" (Web of Science's accession)
    if (r.source == Source::kOther && text::StartsWith(text::ToLower(acc), "wos:")) r.source = Source::kWos;
  }
  if (r.source == Source::kOther && (!dialect_.implied_needs_pmid || !r.pmid.empty())) {
    r.source = dialect_.implied_source;
  }
}

void TaggedReader::EndRecord() {
  Commit();
  in_record_ = false;
  Record& r = draft_.record;
  r.authors = std::move(draft_.has_full_authors ? draft_.full_authors : draft_.short_authors);
  if (r.journal.empty()) r.journal = draft_.secondary_title;
  if (r.journal.empty()) r.journal = std::move(draft_.journal_abbrev);
  if (r.title.empty()) r.title = std::move(draft_.short_title);
  r.record_type = RecordTypeFromText(draft_.record_type);
  if (r.pages.empty()) {
    r.pages = draft_.start_page;
    if (!draft_.end_page.empty() && r.pages.find('-') == std::string::npos) r.pages += "-" + draft_.end_page;
  }
  DetectSource();
  ResolveIds();
  ResolveSecondaryTitle();
  Deliver(std::move(r), draft_.problems, sink_, draft_.warnings);
}

void TaggedReader::Junk(int line) {
  if (junk_lines_++ == 0) junk_first_ = line;
}

void TaggedReader::FlushJunk() {
  if (junk_lines_ == 0) return;
  if (sink_.on_skip) {
    sink_.on_skip({Where(junk_first_), std::to_string(junk_lines_) + " " + std::string(kLinesOutsideAnyRecord) + "; a " +
                                           std::string(dialect_.format_name) + " record starts with '" +
                                           std::string(dialect_.start_tag) + "'"});
  }
  junk_lines_ = 0;
}

}  // namespace

Status ReadTagged(InputStream* in, const Dialect& dialect, const ReadOptions& options, const RecordSink& sink) {
  TaggedReader reader(dialect, options, sink);
  return reader.Run(in);
}

void Deliver(Record&& record, const std::vector<std::string>& problems, const RecordSink& sink,
             const std::vector<std::string>& warnings) {
  std::string problem;
  if (!problems.empty()) {
    problem = problems[0];
    if (problems.size() > 1) problem += " (and " + std::to_string(problems.size() - 1) + " more problem(s))";
  } else if (record.title.empty() && record.pmid.empty() && record.doi.empty() && record.cnki_id.empty() &&
             record.database_ids.empty()) {
    problem = "record has no title and no identifier (PMID, DOI or CNKI id)";
  }
  if (!problem.empty()) {
    if (sink.on_skip) sink.on_skip({record.origin, problem});
    return;
  }
  if (record.language.empty() && MostlyCjk(record.title)) record.language = "chi";
  for (const std::string& type : record.publication_types) {
    const std::string named = RecordTypeFromText(type);
    if (!named.empty() && (record.record_type.empty() ||
                           (record.record_type == "journal_article" && named != "journal_article"))) {
      record.record_type = named;
    }
  }
  record.translated_title = StripInlineHtml(record.translated_title);
  record.title = StripInlineHtml(record.title);
  record.abstract = StripInlineHtml(record.abstract);
  if (sink.on_warning) {
    for (const std::string& w : warnings) sink.on_warning({record.origin, w});
  }
  if (sink.on_record) sink.on_record(std::move(record));
}

}  // namespace carta::biblio
