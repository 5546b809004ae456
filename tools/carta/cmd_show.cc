// carta show ID: one record with every value, its provenance and its notes.
#include <algorithm>
#include <cmath>
#include <iostream>

#include "carta/api/evidence.h"
#include "carta/core/text.h"
#include "carta/evidence/listings.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

namespace {

void PrintRecord(const evidence::RawRecord& r, std::ostream& out) {
  out << r.kind << " " << r.id << "  (" << r.pos.ToString() << ")\n";
  if (!r.note.empty()) out << "  note: " << r.note << "\n";
  int width = 0;
  for (const auto& f : r.fields) width = std::max(width, text::DisplayWidth(f.key));
  for (const auto& f : r.fields) {
    out << "  " << PadRight(f.key, width) << "  " << f.raw << "   [" << f.prov.ToString() << "]\n";
    if (!f.note.empty()) out << "  " << std::string(width, ' ') << "  note: " << f.note << "\n";
  }
}

}  // namespace

int RunShow(int argc, char** argv) {
  CLI::App app("One product, construct, approval, cohort or claim with every value as printed, the place in the "
               "review it comes from, and the notes on it. ID is a record id or a product's name or code.",
               "show");
  std::string db_path, format;
  evidence::ShowRequest request;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_option("ID", request.id, "record id (eliana, kymriah) or product name (Kymriah, CTL019, 源瑞达)")->required();
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto eb = store::LoadEvidenceSnapshot(db_path);
  if (!eb.ok()) return Fail(eb.status());
  auto r = evidence::ShowRecord(**eb, request);
  if (!r.ok()) return Fail(r.status());
  if (format == "json") {
    std::cout << api::Dump(api::ToJson(*r)) << "\n";
    return 0;
  }
  // The records asked for, then what a product brings along, then a product's cohorts.
  for (const auto& s : r->records) {
    if (s.related) std::cout << "\n";
    PrintRecord(s.record, std::cout);
    if (s.related && s.generation) {
      std::cout << "  => generation " << s.generation->generation << " (" << s.generation->reason << ")\n";
    }
  }
  for (const auto& s : r->records) {
    if (!s.cohorts.empty()) std::cout << "\ncohorts: " << text::Join(s.cohorts, ", ") << "\n";
    if (s.time_points.empty()) continue;
    std::vector<std::string> points;
    for (const auto& t : s.time_points) {
      points.push_back(t.cohort + (std::isnan(t.followup_months) ? std::string(" (no follow-up given)")
                                                                 : " (" + text::Compact(t.followup_months, 1) + " months)"));
    }
    std::cout << "\none trial, several time points (pooled analyses count it once, at the latest time point that "
                 "reports the outcome): "
              << text::Join(points, ", ") << "\n";
  }
  return 0;
}

}  // namespace carta::cli
