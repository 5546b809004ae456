// ChiCTR registrations as CSV pasted from the registry's page, and the
// choice between the two readers.
#include <algorithm>
#include <regex>

#include "carta/core/csv.h"
#include "carta/core/text.h"
#include "carta/registry/registration.h"

namespace carta::registry {

namespace {

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t semi = s.find(';', start);
    if (semi == std::string::npos) semi = s.size();
    std::string part(text::Trim(std::string_view(s).substr(start, semi - start)));
    if (!part.empty()) out.push_back(part);
    start = semi + 1;
  }
  return out;
}

Status RowError(const std::string& file, int line, const std::string& column, const std::string& what) {
  return Status::InvalidArgument(file + ":" + std::to_string(line) + ": " + column + ": " + what)
      .WithLocation({file, line, 0, column});
}

}  // namespace

std::vector<std::string> PhaseNumbers(const Registration& r) {
  std::vector<std::string> out;
  for (const auto& p : r.phases) {
    for (char c : p) {
      if (c >= '1' && c <= '4') {
        const std::string d(1, c);
        if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
      }
    }
  }
  return out;
}

Result<std::vector<Registration>> ReadChiCtrCsv(std::string_view text, const std::string& file) {
  auto table = ParseCsv(text, file);
  if (!table.ok()) return table.status();
  for (const char* required : {"id", "title"}) {
    if (table->Column(required) < 0) {
      return Status::InvalidArgument(file + ": no '" + required + "' column (the header names id, title and optional " +
                                     "acronym, phase, status, enrollment, conditions, interventions, sponsor, " +
                                     "start_date, completion_date)")
          .WithLocation({file, 1, 0, required});
    }
  }
  static const std::regex kId("ChiCTR[0-9A-Za-z]*[0-9]+(-[0-9A-Za-z]+)?");
  std::vector<Registration> out;
  for (size_t i = 0; i < table->rows.size(); ++i) {
    const auto& row = table->rows[i];
    const int line = table->lines[i];
    auto cell = [&](const char* name) {
      const int c = table->Column(name);
      return c < 0 ? std::string() : row[c];
    };
    Registration r;
    r.registry = "ChiCTR";
    r.source = file;
    r.id = cell("id");
    if (!std::regex_match(r.id, kId)) return RowError(file, line, "id", "'" + r.id + "' is not a ChiCTR id");
    r.title = cell("title");
    if (r.title.empty()) return RowError(file, line, "title", "empty");
    r.acronym = cell("acronym");
    r.phases = SplitList(cell("phase"));
    r.status = cell("status");
    if (const std::string n = cell("enrollment"); !n.empty()) {
      auto d = text::ParseDecimal(n);
      if (!d || d->value < 0 || d->value != static_cast<double>(static_cast<long>(d->value))) {
        return RowError(file, line, "enrollment", "'" + n + "' is not a whole number of patients");
      }
      r.enrollment = static_cast<long>(d->value);
    }
    r.conditions = SplitList(cell("conditions"));
    r.interventions = SplitList(cell("interventions"));
    r.sponsor = cell("sponsor");
    r.start_date = cell("start_date");
    r.completion_date = cell("completion_date");
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Registration>> ReadRegistrations(std::string_view text, const std::string& file) {
  // The bound on one registry file (doc/reliability.md): a JSON page is held
  // whole as a document several times its size.
  constexpr size_t kMaxRegistryFileBytes = size_t{64} << 20;
  if (text.size() > kMaxRegistryFileBytes) {
    return Status::InvalidArgument(file + ": larger than 64 MiB (" + std::to_string(text.size() >> 20) +
                                   " MiB); carta reads registry files up to 64 MiB: split the download into pages")
        .WithLocation({file, 0, 0, ""});
  }
  size_t first = text.find_first_not_of(" \t\r\n");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") first = text.find_first_not_of(" \t\r\n", 3);
  if (first != std::string_view::npos && text[first] == '{') return ReadClinicalTrialsGov(text, file);
  return ReadChiCtrCsv(text, file);
}

}  // namespace carta::registry
