// carta show ID: one record with every value, its provenance and its notes.
#include <iostream>

#include "carta/core/text.h"
#include "carta/evidence/build.h"
#include "carta/evidence/generation.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

namespace {

using evidence::RawRecord;

api::Json RecordJson(const RawRecord& r) {
  api::Json fields = api::Json::array();
  for (const auto& f : r.fields) {
    fields.push_back({{"key", f.key},
                      {"value", f.raw},
                      {"refs", f.prov.refs},
                      {"citation", f.prov.citation},
                      {"location", f.prov.location},
                      {"provenance", f.prov.ToString()},
                      {"note", f.note},
                      {"file", f.pos.file},
                      {"line", f.pos.line}});
  }
  return {{"kind", r.kind}, {"id", r.id}, {"file", r.pos.file}, {"line", r.pos.line}, {"note", r.note},
          {"fields", fields}};
}

void PrintRecord(const RawRecord& r, std::ostream& out) {
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
  std::string db_path, format, id;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_option("ID", id, "record id (eliana, kymriah) or product name (Kymriah, CTL019, 源瑞达)")->required();
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto eb = OpenEvidence(db_path);
  if (!eb.ok()) return Fail(eb.status());

  std::vector<const RawRecord*> found;
  for (const auto& r : eb->records) {
    if (r.id == id) found.push_back(&r);
  }
  if (found.empty()) {
    if (const auto* p = eb->ResolveProduct(id)) found.push_back(eb->FindRecord("product", p->id));
  }
  if (found.empty()) {
    std::vector<std::string> ids;
    for (const auto& r : eb->records) ids.push_back(r.id);
    std::string hint = text::ClosestMatch(id, ids);
    return Fail(Status::NotFound("no record or product called '" + id + "'" +
                                 (hint.empty() ? "" : "; did you mean '" + hint + "'?")));
  }
  // A product brings its construct, approvals and cohorts along.
  std::vector<const RawRecord*> related;
  for (const RawRecord* r : found) {
    if (r->kind == "product") {
      const auto* p = eb->FindProduct(r->id);
      if (!p->construct_id.empty()) related.push_back(eb->FindRecord("construct", p->construct_id));
      for (const auto* a : eb->ApprovalsOf(p->id)) related.push_back(eb->FindRecord("approval", a->id));
    }
  }
  if (format == "json") {
    api::Json j = api::Json::array();
    for (const RawRecord* r : found) j.push_back(RecordJson(*r));
    for (const RawRecord* r : related) j.push_back(RecordJson(*r));
    for (auto& rec : j) {
      if (rec["kind"] == "construct") {
        auto g = evidence::DeriveGeneration(*eb->FindConstruct(rec["id"]));
        rec["generation"] = g.generation;
        rec["generation_reason"] = g.reason;
      }
    }
    std::cout << DumpJson(j) << "\n";
    return 0;
  }
  for (const RawRecord* r : found) PrintRecord(*r, std::cout);
  for (const RawRecord* r : related) {
    std::cout << "\n";
    PrintRecord(*r, std::cout);
    if (r->kind == "construct") {
      auto g = evidence::DeriveGeneration(*eb->FindConstruct(r->id));
      std::cout << "  => generation " << g.generation << " (" << g.reason << ")\n";
    }
  }
  for (const RawRecord* r : found) {
    if (r->kind != "product") continue;
    std::vector<std::string> cohorts;
    for (const auto& c : eb->cohorts) {
      if (c.product_id == r->id) cohorts.push_back(c.id);
    }
    if (!cohorts.empty()) std::cout << "\ncohorts: " << text::Join(cohorts, ", ") << "\n";
  }
  return 0;
}

}  // namespace carta::cli
