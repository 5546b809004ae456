// The eligibility criteria file (doc/lit.md): one rule a line, "# " comments.
#include <algorithm>
#include <set>

#include "carta/core/text.h"
#include "carta/lit/screening.h"
#include "carta/lit/search.h"
#include "location.h"

namespace carta::lit {

namespace {

const std::set<std::string>& Rules() {
  static const std::set<std::string> kRules = {"years", "unknown-year", "languages", "unknown-language",
                                               "exclude-type", "require-query", "exclude-query", "require-cnki",
                                               "exclude-cnki"};
  return kRules;
}

Status ParseYears(const std::string& value, screen::ScreeningCriteria* c) {
  const size_t dash = value.find('-');
  if (dash == std::string::npos) return Status::InvalidArgument("write a year range as 2012-2024, 2012- or -2024");
  const std::string lo(text::Trim(value.substr(0, dash))), hi(text::Trim(value.substr(dash + 1)));
  for (const auto& [part, slot] : {std::pair{lo, &c->year_min}, std::pair{hi, &c->year_max}}) {
    if (part.empty()) continue;
    auto n = text::ParseCount(part);
    if (!n || *n < 1000 || *n > 2100) return Status::InvalidArgument("'" + part + "' is not a year");
    *slot = static_cast<int>(*n);
  }
  return Status::Ok();
}

Status ParseQueryRule(const std::string& key, const std::string& value, const search::Index& index,
                      const Corpus& corpus, screen::ScreeningCriteria* c, std::string* failed_query) {
  auto run = RunQuery(value, text::EndsWith(key, "cnki"), {}, index, corpus.deleted());
  if (!run.ok()) {
    if (failed_query != nullptr) *failed_query = value;
    return run.status();
  }
  std::vector<uint32_t> records;
  for (RecordId id : run->records) records.push_back(corpus.IndexOf(id)->value);
  const bool require = text::StartsWith(key, "require");
  c->queries.push_back({value, require ? screen::QueryEffect::kRequire : screen::QueryEffect::kExclude, records});
  return Status::Ok();
}

// "exclude-record-type thesis": the records whose biblio record type is
// `value` (one of biblio::kRecordTypes), as a query rule named "record type
// thesis" (the decision's reason then says "matches query 'record type thesis'").
Status ParseRecordTypeRule(const std::string& value, const Corpus& corpus, screen::ScreeningCriteria* c) {
  const std::string type = text::ToLower(text::Trim(value));
  std::vector<std::string> known(std::begin(biblio::kRecordTypes), std::end(biblio::kRecordTypes));
  if (std::find(known.begin(), known.end(), type) == known.end()) {
    return Status::InvalidArgument("unknown record type '" + value + "'; record types are " + text::Join(known, ", "));
  }
  std::vector<uint32_t> records;
  for (uint32_t i = 0; i < corpus.size(); ++i) {
    if (corpus.records()[i].record_type == type) records.push_back(i);
  }
  c->queries.push_back({"record type " + type, screen::QueryEffect::kExclude, std::move(records)});
  return Status::Ok();
}

Status ParseRule(const std::string& key, const std::string& value, const search::Index& index, const Corpus& corpus,
                 screen::ScreeningCriteria* c, std::string* failed_query) {
  if (key == "years") return ParseYears(value, c);
  if (key == "unknown-year" || key == "unknown-language") {
    if (value != "exclude" && value != "include") return Status::InvalidArgument("write '" + key + " exclude' or '" + key + " include'");
    (key == "unknown-year" ? c->exclude_unknown_year : c->exclude_unknown_language) = value == "exclude";
    return Status::Ok();
  }
  if (key == "languages") {
    for (const auto& l : text::Split(value, ' ')) if (!l.empty()) c->languages.push_back(text::ToLower(l));
    return Status::Ok();
  }
  if (key == "exclude-type") {
    c->excluded_publication_types.push_back(value);
    return Status::Ok();
  }
  if (key == "exclude-record-type") return ParseRecordTypeRule(value, corpus, c);
  if (Rules().count(key)) return ParseQueryRule(key, value, index, corpus, c, failed_query);
  return Status::InvalidArgument("unknown rule '" + key +
                                 "'; rules are years, unknown-year, languages, unknown-language, exclude-type, "
                                 "exclude-record-type, require-query, exclude-query, require-cnki, exclude-cnki");
}

}  // namespace

const std::vector<std::string>& StageNames() {
  static const std::vector<std::string> kNames = {std::string(screen::StageName(screen::Stage::kTitleAbstract)),
                                                  std::string(screen::StageName(screen::Stage::kFullText))};
  return kNames;
}

Result<screen::Stage> ParseStage(const std::string& name) {
  for (auto stage : {screen::Stage::kTitleAbstract, screen::Stage::kFullText}) {
    if (name == screen::StageName(stage)) return stage;
  }
  return Status::InvalidArgument("unknown stage '" + name + "'; stages are " + text::Join(StageNames(), ", "))
      .WithField("stage");
}

Result<screen::ScreeningCriteria> ParseCriteria(const std::string& text_in, const std::string& file,
                                                const search::Index& index, const Corpus& corpus,
                                                std::string* failed_query) {
  screen::ScreeningCriteria c;
  int line_no = 0;
  for (const std::string& raw : text::Split(text_in, '\n')) {
    ++line_no;
    const std::string line(text::Trim(raw));
    if (line.empty() || line[0] == '#') continue;
    const size_t sp = line.find_first_of(" \t");
    const std::string key = line.substr(0, sp);
    const std::string value = sp == std::string::npos ? "" : std::string(text::Trim(line.substr(sp)));
    Status s = !Rules().count(key) || !value.empty() ? ParseRule(key, value, index, corpus, &c, failed_query)
                                                     : Status::InvalidArgument("'" + key + "' needs a value");
    if (!s.ok()) {
      return s.WithContext(file + ":" + std::to_string(line_no)).WithLocation(FileLine(file, line_no));
    }
  }
  if (c.year_min && c.year_max && *c.year_min > *c.year_max) {
    return Status::InvalidArgument(file + ": the year range ends before it starts").WithLocation(FileLine(file));
  }
  return c;
}

}  // namespace carta::lit
