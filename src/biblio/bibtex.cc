// BibTeX (.bib) as Scopus, Google Scholar, Zotero, JabRef and Mendeley write
// it: entries "@type{key, field = value, ...}" (or with parentheses), values
// in braces (nested), in quotes, bare numbers or macro names joined with '#';
// @string macros are expanded, @comment and @preamble passed over. Fields and
// their use: doc/biblio.md. LaTeX accents in common use ({\"u}, \'e, {\ss},
// --) become their UTF-8 letters; other braces are dropped.
//
// The whole input is held in memory (bibliographies are small; a file past
// kMaxBytes is refused), and each entry is parsed on its own: a broken entry
// is a skip at its line, and reading resumes at the next line starting '@'.
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/read.h"
#include "carta/core/text.h"
#include "fields.h"
#include "tagged.h"

namespace carta::biblio {

namespace {

constexpr size_t kMaxBytes = size_t{256} << 20;  // 256 MiB: far above any export
constexpr int kMaxNesting = 64;                 // braces inside one value

// LaTeX accent commands followed by a letter: "\'e" -> "é". Only the letters
// that occur in author names of the biomedical literature.
struct Accent {
  char command;
  char letter;
  const char* utf8;
};
constexpr Accent kAccents[] = {
    {'\'', 'a', "á"}, {'\'', 'e', "é"}, {'\'', 'i', "í"}, {'\'', 'o', "ó"}, {'\'', 'u', "ú"}, {'\'', 'y', "ý"},
    {'\'', 'c', "ć"}, {'\'', 'n', "ń"}, {'\'', 's', "ś"}, {'\'', 'z', "ź"}, {'\'', 'A', "Á"}, {'\'', 'E', "É"},
    {'\'', 'I', "Í"}, {'\'', 'O', "Ó"}, {'\'', 'U', "Ú"}, {'\'', 'S', "Ś"}, {'\'', 'C', "Ć"}, {'`', 'a', "à"},
    {'`', 'e', "è"},  {'`', 'i', "ì"},  {'`', 'o', "ò"},  {'`', 'u', "ù"},  {'"', 'a', "ä"},  {'"', 'e', "ë"},
    {'"', 'i', "ï"},  {'"', 'o', "ö"},  {'"', 'u', "ü"},  {'"', 'A', "Ä"},  {'"', 'O', "Ö"},  {'"', 'U', "Ü"},
    {'^', 'a', "â"},  {'^', 'e', "ê"},  {'^', 'i', "î"},  {'^', 'o', "ô"},  {'^', 'u', "û"},  {'~', 'n', "ñ"},
    {'~', 'a', "ã"},  {'~', 'o', "õ"},  {'~', 'N', "Ñ"},  {'c', 'c', "ç"},  {'c', 'C', "Ç"},  {'v', 'c', "č"},
    {'v', 's', "š"},  {'v', 'z', "ž"},  {'v', 'r', "ř"},  {'v', 'e', "ě"},  {'v', 'C', "Č"},  {'v', 'S', "Š"},
    {'v', 'Z', "Ž"},  {'H', 'o', "ő"},  {'H', 'u', "ű"},
};
// Commands that stand for a letter on their own: {\ss}, {\o}, {\aa}.
constexpr std::pair<std::string_view, const char*> kLetters[] = {
    {"ss", "ß"}, {"o", "ø"}, {"O", "Ø"}, {"aa", "å"}, {"AA", "Å"}, {"ae", "æ"}, {"AE", "Æ"},
    {"l", "ł"},  {"L", "Ł"}, {"i", "ı"}, {"oe", "œ"},
};

// A value with its LaTeX turned into plain UTF-8 text: accents, letters,
// "--" and "---" as dashes, "~" as a space, braces and unknown commands'
// backslashes dropped, runs of blanks collapsed.
std::string Plain(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '{' || c == '}') continue;
    if (c == '~') {
      out += ' ';
      continue;
    }
    if (c == '-' && s.substr(i, 3) == "---") {
      out += "—";
      i += 2;
      continue;
    }
    if (c == '-' && s.substr(i, 2) == "--") {
      out += "–";
      ++i;
      continue;
    }
    if (c != '\\' || i + 1 >= s.size()) {
      out += c;
      continue;
    }
    // An accent: \'e, \'{e}, \"{u}, \c{c}, \v s.
    const char command = s[i + 1];
    const bool letter_accent = (command == 'c' || command == 'v' || command == 'H') && i + 2 < s.size() &&
                               (s[i + 2] == '{' || s[i + 2] == ' ');
    if (std::string_view("'`\"^~=.").find(command) != std::string_view::npos || letter_accent) {
      size_t k = i + 2;
      while (k < s.size() && (s[k] == '{' || s[k] == ' ')) ++k;
      i = i + 1;  // an accent not in the table is dropped; its letter stays
      for (const Accent& a : kAccents) {
        if (k < s.size() && a.command == command && a.letter == s[k]) {
          out += a.utf8;
          i = k;
          break;
        }
      }
      continue;
    }
    // A letter command (\ss, \o, \aa; a space after it is not printed), or an
    // escaped character (\&, \%). Other commands (\emph, \textit) are dropped
    // and their braced argument stays as text.
    size_t end = i + 1;
    while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end]))) ++end;
    if (end == i + 1) {
      out += s[i + 1];
      ++i;
      continue;
    }
    const std::string_view name = s.substr(i + 1, end - i - 1);
    for (const auto& [n, utf8] : kLetters) {
      if (n == name) {
        out += utf8;
        break;
      }
    }
    i = end < s.size() && s[end] == ' ' ? end : end - 1;
  }
  return CollapseSpaces(out);
}

// "Smith, John A." stays; "John A. Smith" becomes "Smith, John A."; a name in
// braces ("{World Health Organization}") is a group name and stays whole.
std::string AuthorName(std::string_view raw) {
  std::string_view t = text::Trim(raw);
  if (t.size() >= 2 && t.front() == '{' && t.back() == '}') return Plain(t);
  std::string name = Plain(t);
  if (name.find(',') != std::string::npos || name.find(' ') == std::string::npos) return name;
  const size_t last_space = name.rfind(' ');
  return name.substr(last_space + 1) + ", " + name.substr(0, last_space);
}

// Splits an author field at " and " outside braces.
std::vector<std::string> SplitAuthors(std::string_view s) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}') --depth;
    if (depth == 0 && i + 5 <= s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') &&
        text::ToLower(s.substr(i + 1, 4)) == "and " ) {
      out.push_back(AuthorName(s.substr(start, i - start)));
      start = i + 5;
      i += 4;
    }
  }
  out.push_back(AuthorName(s.substr(start)));
  std::vector<std::string> kept;
  for (std::string& a : out) {
    if (!a.empty() && text::ToLower(a) != "others") kept.push_back(std::move(a));
  }
  return kept;
}

class BibtexParser {
 public:
  BibtexParser(std::string_view text, const ReadOptions& options, const RecordSink& sink)
      : s_(text), options_(options), sink_(sink) {
    macros_ = {{"jan", "1"}, {"feb", "2"}, {"mar", "3"}, {"apr", "4"},  {"may", "5"},  {"jun", "6"},
               {"jul", "7"}, {"aug", "8"}, {"sep", "9"}, {"oct", "10"}, {"nov", "11"}, {"dec", "12"}};
  }

  void Run() {
    while (SkipToEntry()) {
      const size_t start = pos_;
      const int line = LineAt(start);
      std::string problem;
      if (!ParseEntry(line, &problem)) {
        if (sink_.on_skip) sink_.on_skip({Where(line), problem});
        pos_ = start + 1;  // resume at the next '@' that starts a line
      }
    }
  }

 private:
  using Fields = std::vector<std::pair<std::string, std::string>>;

  std::string Where(int line) const { return options_.name + ":" + std::to_string(line); }

  int LineAt(size_t offset) {
    for (; counted_ < offset && counted_ < s_.size(); ++counted_) {
      if (s_[counted_] == '\n') ++line_;
    }
    return line_;
  }

  // Moves to the next '@' at the start of a line (after blanks); false at the end.
  bool SkipToEntry() {
    while (pos_ < s_.size()) {
      size_t at = s_.find('@', pos_);
      if (at == std::string_view::npos) break;
      size_t b = at;
      while (b > 0 && (s_[b - 1] == ' ' || s_[b - 1] == '\t')) --b;
      if (b == 0 || s_[b - 1] == '\n' || s_[b - 1] == '\r' || (b == 3 && s_.substr(0, 3) == "\xEF\xBB\xBF")) {
        pos_ = at;
        return true;
      }
      pos_ = at + 1;
    }
    pos_ = s_.size();
    return false;
  }

  void SkipBlanks() {
    while (pos_ < s_.size()) {
      if (std::isspace(static_cast<unsigned char>(s_[pos_]))) {
        ++pos_;
      } else if (s_[pos_] == '%') {  // a comment to the end of the line
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  std::string Word() {
    const size_t start = pos_;
    while (pos_ < s_.size()) {
      const unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (std::isalnum(c) || c == '_' || c == '-' || c == ':' || c == '.' || c == '+' || c == '/' || c >= 0x80) {
        ++pos_;
      } else {
        break;
      }
    }
    return std::string(s_.substr(start, pos_ - start));
  }

  // A braced or quoted value, with the delimiters' content as written.
  bool Delimited(char open, std::string* out, std::string* problem) {
    const char close = open == '{' ? '}' : '"';
    int depth = 0;
    const size_t start = ++pos_;
    for (; pos_ < s_.size(); ++pos_) {
      const char c = s_[pos_];
      if (c == '\\' && pos_ + 1 < s_.size()) {
        ++pos_;
        continue;
      }
      if (c == '{') {
        if (++depth > kMaxNesting) return *problem = "braces nested deeper than 64", false;
      } else if (c == '}' && depth > 0) {
        --depth;
      } else if (c == close && depth == 0) {
        *out = std::string(s_.substr(start, pos_ - start));
        ++pos_;
        return true;
      } else if (c == '@' && (s_[pos_ - 1] == '\n') && depth <= 1) {
        break;  // the next entry starts: this value was never closed
      }
    }
    *problem = std::string("a value opened with ") + open + " is never closed";
    return false;
  }

  // value ('#' value)*, each a {..}, "..", number or macro name.
  bool Value(std::string* out, std::string* problem) {
    out->clear();
    for (;;) {
      SkipBlanks();
      if (pos_ >= s_.size()) return *problem = "the entry ends inside a value", false;
      std::string part;
      const char c = s_[pos_];
      if (c == '{' || c == '"') {
        if (!Delimited(c, &part, problem)) return false;
      } else {
        std::string word = Word();
        if (word.empty()) return *problem = std::string("unexpected '") + c + "' where a value should be", false;
        auto m = macros_.find(text::ToLower(word));
        part = m != macros_.end() ? m->second : word;
      }
      *out += part;
      SkipBlanks();
      if (pos_ < s_.size() && s_[pos_] == '#') {
        ++pos_;
        continue;
      }
      return true;
    }
  }

  bool ParseEntry(int line, std::string* problem) {
    ++pos_;  // '@'
    const std::string type = text::ToLower(Word());
    SkipBlanks();
    if (pos_ >= s_.size() || (s_[pos_] != '{' && s_[pos_] != '(')) {
      return *problem = "'@" + type + "' is not followed by { or (", false;
    }
    const char close = s_[pos_] == '{' ? '}' : ')';
    if (type == "comment" || type == "preamble") {
      std::string ignored;
      if (close == '}') return Delimited('{', &ignored, problem);
      const size_t end = s_.find(')', pos_);
      pos_ = end == std::string_view::npos ? s_.size() : end + 1;
      return true;
    }
    ++pos_;
    SkipBlanks();
    Fields fields;
    if (type != "string") {
      Word();  // the citation key
      SkipBlanks();
      if (pos_ < s_.size() && s_[pos_] == ',') ++pos_;
    }
    for (;;) {
      SkipBlanks();
      if (pos_ >= s_.size()) return *problem = "the entry is never closed with " + std::string(1, close), false;
      if (s_[pos_] == close) {
        ++pos_;
        break;
      }
      std::string name = text::ToLower(Word());
      SkipBlanks();
      if (name.empty() || pos_ >= s_.size() || s_[pos_] != '=') {
        return *problem = "expected 'field = value' in @" + type, false;
      }
      ++pos_;
      std::string value;
      if (!Value(&value, problem)) return false;
      fields.emplace_back(std::move(name), std::move(value));
      SkipBlanks();
      if (pos_ < s_.size() && s_[pos_] == ',') ++pos_;
    }
    if (type == "string") {
      for (auto& [k, v] : fields) macros_[k] = v;
      return true;
    }
    std::string warning;
    std::vector<std::string> problems;
    Record record = MakeRecord(type, fields, line, &warning, &problems);
    Deliver(std::move(record), problems, sink_, warning.empty() ? std::vector<std::string>{} : std::vector<std::string>{warning});
    return true;
  }

  // `*warning`: what was wrong in a field the record is kept without (an
  // impossible date); `*problems`: why the record is refused (a PMID that is
  // not digits).
  Record MakeRecord(const std::string& type, const Fields& fields, int line, std::string* warning,
                    std::vector<std::string>* problems) {
    Record r;
    r.origin = Where(line);
    r.source = options_.source;
    std::string year, month, date, journal, booktitle, pages, eprint, eprint_type, naming;
    for (const auto& [name, raw] : fields) {
      // Scopus writes "source = {Scopus}" and a scopus.com url, Web of Science
      // "unique-id = {WOS:...}" and "web-of-science-categories".
      if (name == "source" || name == "database") naming += raw + ";";
      if (name == "url") naming += LinkHosts(raw);
      if (name == "unique-id" && text::StartsWith(text::ToLower(raw), "wos:")) naming += "web of science;";
      if (name == "web-of-science-categories") naming += "web of science;";
      if (name == "title" && r.title.empty()) r.title = Plain(raw);
      else if (name == "author") r.authors = SplitAuthors(raw);
      else if (name == "journal" || name == "journaltitle") journal = Plain(raw);
      else if (name == "booktitle") booktitle = Plain(raw);
      else if (name == "abstract") r.abstract = Plain(raw);
      else if (name == "year") year = text::Trim(raw);
      else if (name == "month") month = text::Trim(raw);
      else if (name == "date") date = text::Trim(raw);
      else if (name == "volume") r.volume = Plain(raw);
      else if (name == "number" || name == "issue") r.issue = Plain(raw);
      else if (name == "pages") pages = Plain(raw);
      else if (name == "doi") r.doi = NormalizeDoi(text::Trim(raw));
      else if (name == "pmid" || name == "pubmed_id") r.pmid = std::string(text::Trim(raw));
      else if (name == "eprint") eprint = text::Trim(raw);
      else if (name == "eprinttype") eprint_type = text::ToLower(text::Trim(raw));
      else if (name == "language") r.language = LanguageCode(Plain(raw));
      else if (name == "keywords" || name == "author_keywords" || name == "keyword") {
        std::string list = Plain(raw);
        std::vector<std::string> items = SplitList(list, true);
        if (items.size() == 1 && list.find(',') != std::string::npos) items = text::Split(list, ',');
        for (std::string& k : items) {
          std::string t(text::Trim(k));
          if (!t.empty()) r.keywords.push_back(std::move(t));
        }
      } else if (name == "document_type" || name == "type") {
        r.publication_types.push_back(Plain(raw));
      }
    }
    if (r.pmid.empty() && (eprint_type == "pubmed" || eprint_type == "pmid")) r.pmid = eprint;
    if (!r.pmid.empty() && !IsPmid(r.pmid)) problems->push_back(NotAPmid("pmid", r.pmid));
    r.journal = !journal.empty() ? journal : type == "inproceedings" || type == "incollection" ? booktitle : "";
    // "100--110" became "100–110" in Plain: pages keep an ASCII hyphen.
    if (const size_t dash = pages.find("–"); dash != std::string::npos) pages.replace(dash, 3, "-");
    r.pages = pages;
    DateParts d;
    std::string date_problem;
    const std::string date_text = !date.empty() ? date : year + (month.empty() ? "" : " " + month);
    if (!date_text.empty()) {
      std::string parse = date_text;
      if (date.empty() && !month.empty() && std::isdigit(static_cast<unsigned char>(month[0]))) {
        parse = year + "/" + month + "/";  // month given as a number (or a month macro)
      }
      if (!ParseDate(parse, &d, &date_problem)) {
        *warning = "the date '" + date_text + "': " + date_problem + "; the record is kept without a date";
      }
      r.year = d.year, r.month = d.month, r.day = d.day;
      r.date_text = date_text;
    }
    if (r.source == Source::kOther) r.source = SourceFromText(naming);
    return r;
  }

  std::string_view s_;
  const ReadOptions& options_;
  const RecordSink& sink_;
  std::map<std::string, std::string> macros_;
  size_t pos_ = 0;
  size_t counted_ = 0;
  int line_ = 1;
};

}  // namespace

Status ReadBibtex(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    size_t n = 0;
    Status s = in->Read(buffer, sizeof buffer, &n);
    if (!s.ok()) return s.WithContext(options.name);
    if (n == 0) break;
    if (text.size() + n > kMaxBytes) {
      return Status::InvalidArgument(options.name + ": a BibTeX file larger than 256 MiB; split it into smaller files");
    }
    text.append(buffer, n);
  }
  if (!text::IsValidUtf8(text)) {
    const size_t bad = text::FirstInvalidUtf8(text);
    int line = 1;
    for (size_t i = 0; i < bad; ++i) line += text[i] == '\n';
    return Status::InvalidArgument(options.name + ":" + std::to_string(line) + ": the file is not UTF-8")
        .WithLocation({options.name, line, 0, ""});
  }
  BibtexParser(text, options, sink).Run();
  return Status::Ok();
}

}  // namespace carta::biblio
