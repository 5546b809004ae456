#include "carta/evidence/record.h"

#include <cctype>

#include "carta/core/text.h"

namespace carta::evidence {

namespace {

bool IsIdChar(char c, bool first) {
  if (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c))) return true;
  return !first && (c == '-' || c == '_' || c == '.');
}

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    if (!IsIdChar(id[i], i == 0)) return false;
  }
  return true;
}

bool IsValidKey(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return std::islower(static_cast<unsigned char>(key[0]));
}

// Parses "28, 40" or "39-41" into reference numbers.
Status ParseRefList(std::string_view list, std::vector<int>* refs) {
  for (const std::string& part : text::Split(list, ',')) {
    size_t dash = part.find('-');
    if (dash != std::string::npos) {
      auto lo = text::ParseCount(text::Trim(std::string_view(part).substr(0, dash)));
      auto hi = text::ParseCount(text::Trim(std::string_view(part).substr(dash + 1)));
      if (!lo || !hi || *lo > *hi || *hi - *lo > 50 || *lo == 0) {
        return Status::InvalidArgument("bad reference range '" + part + "' (expected e.g. 'ref 39-41')");
      }
      for (long r = *lo; r <= *hi; ++r) refs->push_back(static_cast<int>(r));
      continue;
    }
    auto r = text::ParseCount(part);
    if (!r || *r == 0) {
      return Status::InvalidArgument("bad reference number '" + part + "' (expected e.g. 'ref 28, 40')");
    }
    refs->push_back(static_cast<int>(*r));
  }
  return Status::Ok();
}

Status ParseLocation(std::string_view loc, std::string* out) {
  static const char* kAccepted = "expected 'Table N', 'Fig N', '§X.Y' or 'Abstract'";
  if (loc == "Abstract") {
    *out = std::string(loc);
    return Status::Ok();
  }
  auto number_after = [&](std::string_view prefix) -> bool {
    if (!text::StartsWith(loc, prefix)) return false;
    auto n = text::ParseCount(text::Trim(loc.substr(prefix.size())));
    return n.has_value() && *n >= 1 && *n <= 99;
  };
  if (number_after("Table ") || number_after("Fig ")) {
    *out = std::string(loc);
    return Status::Ok();
  }
  const std::string_view kSection = "§";
  if (text::StartsWith(loc, kSection)) {
    std::string_view rest = loc.substr(kSection.size());
    bool ok = !rest.empty();
    for (const std::string& part : text::Split(rest, '.')) {
      if (!text::ParseCount(part)) ok = false;
    }
    if (ok) {
      *out = std::string(loc);
      return Status::Ok();
    }
  }
  return Status::InvalidArgument("bad location '" + std::string(loc) + "' (" + kAccepted + ")");
}

}  // namespace

std::string Provenance::ToString() const {
  std::string cite;
  if (!refs.empty()) {
    cite = "ref ";
    for (size_t i = 0; i < refs.size(); ++i) cite += (i ? ", " : "") + std::to_string(refs[i]);
  } else if (!citation.empty()) {
    cite = "\"" + citation + "\"";
  } else {
    cite = "-";
  }
  std::string out = cite + "; " + location;
  if (!extra.empty()) out += "; " + extra;
  return out;
}

std::string Provenance::Short() const {
  std::string out;
  if (!refs.empty()) {
    out = "[";
    for (size_t i = 0; i < refs.size(); ++i) out += (i ? "," : "") + std::to_string(refs[i]);
    out += "] ";
  } else if (!citation.empty()) {
    out = citation + ", ";
  }
  return out + location;
}

Result<Provenance> ParseProvenance(std::string_view text_in) {
  std::string_view t = text::Trim(text_in);
  Provenance p;
  std::string_view rest;
  if (!t.empty() && t.front() == '"') {
    size_t close = t.find('"', 1);
    if (close == std::string_view::npos || close == 1) {
      return Status::InvalidArgument("unterminated or empty quoted citation in provenance '" + std::string(t) + "'");
    }
    p.citation = std::string(t.substr(1, close - 1));
    rest = text::Trim(t.substr(close + 1));
    if (rest.empty() || rest.front() != ';') {
      return Status::InvalidArgument("provenance '" + std::string(t) + "' needs '; LOCATION' after the citation");
    }
    rest.remove_prefix(1);
  } else {
    size_t semi = t.find(';');
    if (semi == std::string_view::npos) {
      return Status::InvalidArgument("provenance '" + std::string(t) +
                                     "' needs 'CITATION; LOCATION', e.g. 'ref 44; Table 3' or '-; §2.1.3'");
    }
    std::string_view cite = text::Trim(t.substr(0, semi));
    rest = t.substr(semi + 1);
    if (cite == "-") {
      // the review's own statement
    } else if (text::StartsWith(cite, "ref ")) {
      Status s = ParseRefList(cite.substr(4), &p.refs);
      if (!s.ok()) return s;
    } else {
      return Status::InvalidArgument("bad citation '" + std::string(cite) +
                                     "' (expected 'ref N[, N...]', '-' or a \"quoted source\")");
    }
  }
  std::string_view loc = rest;
  size_t semi2 = rest.find(';');
  if (semi2 != std::string_view::npos) {
    loc = rest.substr(0, semi2);
    p.extra = std::string(text::Trim(rest.substr(semi2 + 1)));
  }
  Status s = ParseLocation(text::Trim(loc), &p.location);
  if (!s.ok()) return s;
  return p;
}

std::vector<const Observation*> RawRecord::All(std::string_view key) const {
  std::vector<const Observation*> out;
  for (const auto& f : fields) {
    if (f.key == key) out.push_back(&f);
  }
  return out;
}

const Observation* RawRecord::First(std::string_view key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

namespace {

// The 1-based line of the first invalid UTF-8 byte sequence in `content`.
int FirstInvalidUtf8Line(std::string_view content) {
  int line = 1;
  for (size_t i = 0; i < content.size(); ++i) {
    size_t e = content.find('\n', i);
    if (e == std::string_view::npos) e = content.size();
    if (!text::IsValidUtf8(content.substr(i, e - i))) break;
    ++line;
    i = e;
  }
  return line;
}

// The value and its own provenance: the provenance starts at the last '@'
// that follows a blank (or at a leading '@'); npos when there is none.
size_t ProvenanceStart(std::string_view rhs) {
  for (size_t i = rhs.size(); i-- > 1;) {
    if (rhs[i] == '@' && (rhs[i - 1] == ' ' || rhs[i - 1] == '\t')) return i;
  }
  return !rhs.empty() && rhs[0] == '@' ? 0 : std::string_view::npos;
}

// Reads one file's lines into records: a header opens a record, `source`
// sets the provenance of the values below it, `note` lines attach to the
// record or to a key, every other line is a value.
class RecordParser {
 public:
  explicit RecordParser(const std::string& file) : file_(file) {}

  // One trimmed, non-blank, non-comment line.
  Status Line(std::string_view t, int line_no) {
    line_no_ = line_no;
    if (t.front() == '[') return Header(t);
    if (records_.empty()) return Fail("a value before the first record header '[KIND ID]'");
    size_t eq = t.find('=');
    if (eq == std::string_view::npos) return Fail("expected 'KEY = VALUE', found '" + std::string(t) + "'");
    std::string_view lhs = text::Trim(t.substr(0, eq));
    std::string_view rhs = text::Trim(t.substr(eq + 1));
    if (lhs == "note") return RecordNote(rhs);
    const bool is_note = text::StartsWith(lhs, "note ");
    if (is_note) lhs = text::Trim(lhs.substr(5));
    if (!IsValidKey(lhs)) return Fail("bad key '" + std::string(lhs) + "' (lower-case letters, digits and '_')");
    if (is_note) return KeyNote(lhs, rhs);
    if (lhs == "source") return Source(rhs);
    return Value(lhs, rhs);
  }

  Status Fail(const std::string& msg) const {
    return Status::InvalidArgument(file_ + ":" + std::to_string(line_no_) + ": " + msg)
        .WithLocation({file_, line_no_, 0, ""});
  }

  std::vector<RawRecord> Take() { return std::move(records_); }

 private:
  // `[KIND ID]`
  Status Header(std::string_view t) {
    if (t.back() != ']') return Fail("a record header must look like '[KIND ID]'");
    std::string_view inner = text::Trim(t.substr(1, t.size() - 2));
    size_t sp = inner.find(' ');
    if (sp == std::string_view::npos) return Fail("a record header needs a kind and an id: '[cohort eliana]'");
    RawRecord r;
    r.kind = std::string(inner.substr(0, sp));
    r.id = std::string(text::Trim(inner.substr(sp + 1)));
    if (!IsValidId(r.id)) {
      return Fail("bad record id '" + r.id + "' (lower-case letters, digits, '-', '_', '.'; starting with a letter or digit)");
    }
    r.pos = {file_, line_no_};
    records_.push_back(std::move(r));
    have_source_ = false;
    source_ = Provenance();
    return Status::Ok();
  }

  // `note = TEXT`: the record's note, continued by later note lines.
  Status RecordNote(std::string_view rhs) {
    if (rhs.empty()) return Fail("an empty note");
    RawRecord& rec = records_.back();
    if (!rec.note.empty()) rec.note += " ";
    rec.note += std::string(rhs);
    return Status::Ok();
  }

  // `note KEY = TEXT`: a note on the last value of KEY in this record.
  Status KeyNote(std::string_view key, std::string_view rhs) {
    Observation* target = nullptr;
    for (auto& f : records_.back().fields) {
      if (f.key == key) target = &f;
    }
    if (!target) return Fail("a note on '" + std::string(key) + "', which has no value above it in this record");
    if (rhs.empty()) return Fail("an empty note");
    if (!target->note.empty()) target->note += " ";
    target->note += std::string(rhs);
    return Status::Ok();
  }

  // `source = PROVENANCE`: the provenance of the values below that give none.
  Status Source(std::string_view rhs) {
    auto p = ParseProvenance(rhs);
    if (!p.ok()) return Fail(p.status().message());
    source_ = *p;
    have_source_ = true;
    return Status::Ok();
  }

  // `KEY = VALUE [@ PROVENANCE]`
  Status Value(std::string_view key, std::string_view rhs) {
    Observation obs;
    obs.key = std::string(key);
    obs.pos = {file_, line_no_};
    if (size_t at = ProvenanceStart(rhs); at != std::string_view::npos) {
      auto p = ParseProvenance(rhs.substr(at + 1));
      if (!p.ok()) return Fail(p.status().message());
      obs.prov = *p;
      rhs = text::Trim(rhs.substr(0, at));
    } else if (have_source_) {
      obs.prov = source_;
    } else {
      return Fail("'" + obs.key + "' has no provenance: add ' @ ref N; Table N' or a 'source = ...' line above it");
    }
    if (rhs.empty()) return Fail("'" + obs.key + "' has an empty value");
    obs.raw = std::string(rhs);
    records_.back().fields.push_back(std::move(obs));
    return Status::Ok();
  }

  const std::string& file_;
  int line_no_ = 0;
  std::vector<RawRecord> records_;
  Provenance source_;  // of the current record's `source` line
  bool have_source_ = false;
};

}  // namespace

Result<std::vector<RawRecord>> ParseRecords(std::string_view content, const std::string& file) {
  RecordParser parser(file);
  if (!text::IsValidUtf8(content)) {
    const int line = FirstInvalidUtf8Line(content);
    return Status::InvalidArgument(file + ":" + std::to_string(line) + ": the file is not valid UTF-8")
        .WithLocation({file, line, 0, ""});
  }
  int line_no = 0;
  for (size_t start = 0; start <= content.size();) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    ++line_no;
    start = end + 1;
    if (line_no == 1 && text::StartsWith(line, "\xEF\xBB\xBF")) line.remove_prefix(3);  // BOM
    std::string_view t = text::Trim(line);
    if (t.empty() || t.front() == '#') continue;
    if (Status s = parser.Line(t, line_no); !s.ok()) return s;
  }
  return parser.Take();
}

// ParseRecords(FormatRecords(r)) gives back r (but for positions) for every r
// that ParseRecords returned: a provenance holding " @" goes on a `source`
// line (below). A raw value holding " @", which ParseRecords never returns,
// would not round-trip.
std::string FormatRecords(const std::vector<RawRecord>& records) {
  std::string out;
  for (const auto& r : records) {
    out += "[" + r.kind + " " + r.id + "]\n";
    if (!r.note.empty()) out += "note = " + r.note + "\n";
    for (const auto& f : r.fields) {
      const std::string prov = f.prov.ToString();
      if (ProvenanceStart(prov) != std::string_view::npos) {
        // A citation or extra note holding " @" would move the split that
        // Value() makes at the last " @": give it on a `source` line, which
        // ParseProvenance reads whole, and the value without one (a raw
        // value that ParseRecords accepted never holds " @").
        out += "source = " + prov + "\n" + f.key + " = " + f.raw + "\n";
      } else {
        out += f.key + " = " + f.raw + " @ " + prov + "\n";
      }
      if (!f.note.empty()) out += "note " + f.key + " = " + f.note + "\n";
    }
  }
  return out;
}

}  // namespace carta::evidence
